import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, $$, create, faults, mount, reset, simRequests, text, until, workerUrl } from './helpers.js';

describe('<popin-booking> slots', () => {
  beforeEach(reset);

  it('is registered once, and loading the script again does not throw', async () => {
    expect(customElements.get('popin-booking')).to.equal(PopinBooking);
    await import(new URL(`../../widget/src/popin-booking.ts?again=${Date.now()}`, import.meta.url).href);
    expect(customElements.get('popin-booking')).to.equal(PopinBooking);
    expect(document.createElement('popin-booking')).to.be.instanceOf(PopinBooking);
  });

  for (const width of [640, 340]) {
    it(`shows a skeleton of three cards while loading, where the loaded list will be (${width} px wide)`, async () => {
      await faults({ latencyMs: 1500 });
      const el = await create();
      el.style.width = `${width}px`;
      // The frame renders in the task after the first update (which sends the slots request).
      await until(() => $(el, '[part~="skeleton"]'), 'skeleton');
      await el.updateComplete;
      const skeleton = $(el, '[part~="skeleton"]')!;
      expect(skeleton).to.exist;
      expect(skeleton.getAttribute('aria-hidden')).to.equal('true');
      expect(skeleton.querySelectorAll('li')).to.have.length(3);
      expect($(el, '[aria-busy="true"]')).to.exist;
      await expect(el).to.be.accessible();
      const loading = { top: skeleton.getBoundingClientRect().top, height: el.getBoundingClientRect().height };
      await until(() => $(el, '[part~="list"]'), 'list');
      await el.updateComplete;
      // The subtitle filled in (two lines when narrow): the list starts where the skeleton did.
      expect(text($(el, '[part~="subtitle"]'))).to.contain('Times in');
      expect(Math.abs($(el, '[part~="list"]')!.getBoundingClientRect().top - loading.top)).to.be.below(1);
      // Wide enough for every seeded card's text on one line: the same height too. (Narrower,
      // a long name wraps and its card grows; the skeleton cannot know the text.)
      if (width === 640) expect(Math.abs(el.getBoundingClientRect().height - loading.height)).to.be.below(1);
    });
  }

  it("lists each event's name, date, month and time range", async () => {
    const el = await mount();
    const cards = $$(el, '[part~="slot"]');
    expect(cards).to.have.length(3);
    const names = cards.map((c) => text(c.querySelector('[part~="slot-name"]')));
    expect(names).to.include.members(['Public Macbook demo', 'iPhone demo', 'Live: AirPods Pro demo']);
    const mac = cards[names.indexOf('Public Macbook demo')]!;
    expect(text(mac.querySelector('[part~="date"]'))).to.match(/^\d{2} [A-Z][a-z]{2}$/);
    // In the browser's own zone (timezones.test.ts covers the seller's beside it).
    expect(text(mac.querySelector('[part~="slot-time"] > span'))).to.match(/^\d{1,2}:\d{2}\s?(?:[AP]M)?\s?–\s?\d{1,2}:\d{2}\s?[AP]M$/);
    const live = cards[names.indexOf('Live: AirPods Pro demo')]!;
    expect(text(live.querySelector('[part~="tag"]'))).to.equal('Live now');
    expect(text($(el, '[part~="subtitle"]'))).to.contain('Acme Gadgets');
    expect(text($(el, '[part~="status"]'))).to.equal('3 demos available.');
    // Guests book; nothing is marked booked.
    expect(cards.every((c) => c.querySelector('[part~="book"]'))).to.be.true;
    expect($(el, '[part~="session"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('shows the empty state', async () => {
    const el = await mount('empty');
    expect(text($(el, '[part~="empty"]'))).to.contain('No demos scheduled right now');
    await expect(el).to.be.accessible();
  });

  it("shows the API's message with a retry button, and tells the host page", async () => {
    // The worker retries a read twice: the failure has to outlast its three attempts.
    await faults({ failures: [{ kind: 'status', status: 503, endpoint: 'slots', count: 3 }] });
    const el = await create();
    const error = await oneEvent(el, 'popin-booking:error');
    expect(error.bubbles && error.composed).to.be.true;
    expect(error.detail.status).to.equal(502);
    expect(error.detail.code).to.equal('upstream_error');
    await until(() => $(el, '[part~="error-state"]'), 'error state');
    expect(text($(el, '[part~="error-state"]'))).to.contain(error.detail.message);
    await expect(el).to.be.accessible();

    // The worker itself may retry once; make sure the next load fails too, then recovers.
    await faults({ failures: [{ kind: 'status', status: 503, endpoint: 'slots', count: 'always' }] });
    $(el, '[part~="retry"]')!.click();
    await oneEvent(el, 'popin-booking:error');
    await reset();
    $(el, '[part~="retry"]')!.click();
    await until(() => $(el, '[part~="list"]'), 'list after retry');
    expect($$(el, '[part~="slot"]')).to.have.length(3);
  });

  it('shows the error state for a site the worker does not know', async () => {
    const el = await create('no-such-site');
    const error = await oneEvent(el, 'popin-booking:error');
    await until(() => $(el, '[part~="error-state"]'), 'error state');
    // The worker answers 404 unknown_site; without an allowed origin the browser may not show it to us.
    expect(['unknown_site', 'network_error']).to.include(error.detail.code);
    expect($(el, '[part~="retry"]')).to.exist;
  });

  it('aborts the slots request when removed from the page', async () => {
    await faults({ latencyMs: 3000 });
    const signals: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    };
    try {
      const el = await create();
      await until(() => signals.length > 0, 'fetch started');
      el.remove();
      expect(signals[0]!.aborted).to.be.true;
    } finally {
      window.fetch = realFetch;
    }
  });

  it('loads from the origin of the widget script when no api is given', async () => {
    const el = await fixture<PopinBooking>(html`<popin-booking site="demo"></popin-booking>`);
    expect(el.api).to.equal(location.origin);
    // The test page's server is not the worker; what matters is that the attribute wins.
    el.api = await workerUrl();
    await until(() => $(el, '[part~="list"]'), 'list from api attribute');
    expect((await simRequests('/slots')).length).to.be.greaterThan(0);
  });
});
