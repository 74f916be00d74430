import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, reset, until, watch, workerUrl } from './helpers.js';

const dialog = (el: PopinBooking) => $(el, 'dialog') as HTMLDialogElement | null;
/** The element focus is on, looking into the widget's shadow root. */
const focused = () => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

describe('<popin-booking> display modes', () => {
  beforeEach(reset);
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('popup: renders nothing until open(), then a modal dialog that takes focus, locks scroll, closes on Escape and gives focus back', async () => {
    const api = await workerUrl();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <button id="mine">Book a demo</button>
      <popin-booking mode="popup" site="demo" api=${api}></popin-booking>
    </div>`);
    const el = wrap.querySelector('popin-booking')!;
    watch(el);
    await until(() => el.shadowRoot!.querySelector('dialog'), 'popup chunk');
    expect(dialog(el)!.open).to.equal(false);
    expect(el.getBoundingClientRect().height).to.equal(0);
    const opener = wrap.querySelector<HTMLButtonElement>('#mine')!;
    opener.addEventListener('click', () => el.open());
    opener.focus();
    const opened = oneEvent(el, 'popin-booking:open');
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(el.hasAttribute('open')).to.equal(true);
    expect(dialog(el)!.matches(':modal')).to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('hidden');
    await until(() => $(el, '[part~="list"]'), 'slots in the popup');
    expect(el.shadowRoot!.contains(focused())).to.equal(true);
    // Focus stays inside: tabbing through never reaches the page's button.
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Tab' });
      expect(focused(), `tab ${i}`).to.not.equal(opener);
    }
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'popin-booking:close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(el.hasAttribute('open')).to.equal(false);
    expect(dialog(el)!.open).to.equal(false);
    expect(document.documentElement.style.overflow).to.equal('');
    expect(document.activeElement).to.equal(opener);
  });

  it('popup: the close button (mouse) and the open attribute', async () => {
    const el = await fixture<PopinBooking>(html`<popin-booking mode="popup" site="demo" api=${await workerUrl()} open></popin-booking>`);
    watch(el);
    await until(() => dialog(el)?.open, 'opened by the attribute');
    await until(() => $(el, '[part~="list"]'), 'slots');
    const closed = oneEvent(el, 'popin-booking:close');
    $(el, '[part~="close"]')!.click();
    await closed;
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('popup: stays a modal dialog when the page moves the open element (taken off and put back)', async () => {
    const el = await fixture<PopinBooking>(html`<popin-booking mode="popup" site="demo" api=${await workerUrl()} open></popin-booking>`);
    watch(el);
    await until(() => dialog(el)?.open, 'opened by the attribute');
    const errors: unknown[] = [];
    const onError = (e: PromiseRejectionEvent) => errors.push(e.reason);
    window.addEventListener('unhandledrejection', onError);
    try {
      el.replaceWith(el);
      await until(() => dialog(el)?.matches(':modal'), 'modal again after the move');
      expect(document.documentElement.style.overflow).to.equal('hidden');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onError);
    }
    const closed = oneEvent(el, 'popin-booking:close');
    $(el, '[part~="close"]')!.click();
    await closed;
    expect(document.documentElement.style.overflow).to.equal('');
  });

  it('floating: a launcher in the corner opens the popup by keyboard and by mouse; focus returns to it', async () => {
    const el = await fixture<PopinBooking>(
      html`<popin-booking mode="floating" position="bottom-left" label="Book a demo with us" site="demo" api=${await workerUrl()}></popin-booking>`,
    );
    watch(el);
    await until(() => $(el, '[part~="launcher"]'), 'launcher');
    const launcher = $(el, '[part~="launcher"]')!;
    expect(launcher.textContent!.trim()).to.equal('Book a demo with us');
    const box = launcher.getBoundingClientRect();
    expect(getComputedStyle(launcher).position).to.equal('fixed');
    expect(box.left).to.be.lessThan(40);
    expect(window.innerHeight - box.bottom).to.be.lessThan(40);
    await expect(el).to.be.accessible();
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(el)?.open, 'open');
    expect(launcher.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el)?.open, 'closed');
    expect(focused()).to.equal(launcher);
    launcher.click();
    await until(() => dialog(el)?.open, 'open by mouse');
    $(el, '[part~="close"]')!.click();
    await until(() => !dialog(el)?.open, 'closed by mouse');
  });

  it('fills a phone screen under 480 px', async () => {
    await setViewport({ width: 375, height: 700 });
    const el = await fixture<PopinBooking>(html`<popin-booking mode="popup" site="demo" api=${await workerUrl()} open></popin-booking>`);
    watch(el);
    await until(() => dialog(el)?.open, 'open');
    const box = dialog(el)!.getBoundingClientRect();
    expect([box.width, box.height]).to.deep.equal([375, 700]);
  });

  it('opens a popup from any data-popin-booking element on the page, with no code of the seller', async () => {
    const api = await workerUrl();
    const page = await fixture<HTMLDivElement>(html`<div lang="en">
      <a href="/s/demo" id="link" data-popin-booking="demo" data-popin-api=${api}>Book a demo</a>
    </div>`);
    const link = page.querySelector<HTMLAnchorElement>('#link')!;
    link.focus();
    const opened = oneEvent(document, 'popin-booking:open' as never);
    await sendKeys({ press: 'Enter' });
    await opened;
    const el = document.querySelector<PopinBooking>('popin-booking[data-popin-opener]')!;
    watch(el);
    expect(location.pathname).to.not.equal('/s/demo');
    await until(() => $(el, '[part~="list"]'), 'slots');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(el)?.open, 'closed');
    expect(document.activeElement).to.equal(link);
    // A second click reuses the same element.
    link.click();
    await until(() => dialog(el)?.open, 'open again');
    expect(document.querySelectorAll('popin-booking[data-popin-opener]').length).to.equal(1);
    el.close();
    el.remove();
  });
});
