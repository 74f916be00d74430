// The booking form's code is fetched before the first click (so the form opens at once), but only
// once the list is on screen: a page nobody books from does not pay for it before its list.
// Its own file: a page that has imported the form's modules once keeps them, so the first test
// here is the first widget of its page.
import { expect } from '@open-wc/testing';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, create, openForm, reset, until } from './helpers.js';

/** The form's modules as the test server serves them (unbundled: one request per source file). */
const FORM_MODULES = ['/widget/src/booking/booking-form.ts', '/widget/src/account/account.ts', '/widget/src/booking/phone.ts'];

const requested = () =>
  performance
    .getEntriesByType('resource')
    .filter((e) => FORM_MODULES.some((m) => new URL(e.name).pathname === m))
    .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime }));

/** performance.now() of the first animation frame in which `el` shows its list: the frame that paints it. */
function listPainted(el: () => PopinBooking | undefined): Promise<number> {
  return new Promise((resolve) => {
    const watch = () => (el()?.shadowRoot?.querySelector('[part~="list"]') ? resolve(performance.now()) : requestAnimationFrame(watch));
    requestAnimationFrame(watch);
  });
}

/** The booking form's load (list/panel.ts) of `el`: its TaskStatus, 0 until it starts. */
const formStatus = (el: PopinBooking) => (el as unknown as { panel: { form: { status: number } } }).panel.form.status;

describe('<popin-booking> prefetching the booking form', () => {
  beforeEach(reset);

  it("requests the form's code after the list has painted and before any click", async () => {
    let el: PopinBooking | undefined;
    const painted = listPainted(() => el);
    el = await create();
    const paintedAt = await painted;
    // Nothing of the form while the list was on its way.
    expect(requested().filter((r) => r.start < paintedAt)).to.deep.equal([]);
    // Then, with no click: the form, the account and the phone modules.
    await until(() => FORM_MODULES.every((m) => requested().some((r) => r.path === m)), 'form modules requested without a click');
    for (const r of requested()) expect(r.start, r.path).to.be.above(paintedAt);
    expect($(el, '[part~="form"]'), 'the form is not shown').to.equal(null);

    // The click finds the form ready.
    await openForm(el);
    expect($(el, '#name')).to.exist;
  });

  it('starts loading the form when a Book button is hovered, focused or touched, before the page is idle', async () => {
    for (const type of ['pointerover', 'focusin', 'touchstart']) {
      const el = await create();
      // In the task that renders the list, before its idle-time prefetch could run.
      const [before, after] = await new Promise<[number, number]>((resolve) => {
        const observer = new MutationObserver(() => {
          const book = $(el, '[part~="book"]');
          if (!book) return;
          observer.disconnect();
          const status = formStatus(el);
          book.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
          resolve([status, formStatus(el)]);
        });
        observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      });
      expect(before, `before ${type}`).to.equal(0); // TaskStatus.INITIAL
      expect(after, `after ${type}`).to.not.equal(0);
      el.remove();
    }
  });
});
