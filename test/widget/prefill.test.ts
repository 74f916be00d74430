import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, card, reset, simRequests, until, watch, workerUrl } from './helpers.js';

describe('<popin-booking> prefill and attribution', () => {
  const before = location.href;
  beforeEach(reset);
  afterEach(() => history.replaceState(null, '', before));

  it('prefills name, mobile and country; sends the page URL and utm_* with the booking', async () => {
    // The runner's own query (its session id) stays; the page gains campaign and personal parameters.
    history.replaceState(null, '', `${location.pathname}${location.search}&utm_source=newsletter&utm_campaign=diwali&email=priya%40example.com#top`);
    const sent: unknown[] = [];
    const realFetch = window.fetch;
    // Watches the real requests (they still go to the real worker).
    window.fetch = (input, init) => {
      if (String(input).endsWith('/registrations')) sent.push(JSON.parse(String(init?.body)));
      return realFetch(input, init);
    };
    try {
      const el = await fixture<PopinBooking>(
        html`<popin-booking site="demo" api=${await workerUrl()} name="Priya Sharma" mobile="07400 123456" country="gb"></popin-booking>`,
      );
      watch(el);
      await until(() => $(el, '[part~="list"]'), 'list');
      card(el, 'Public Macbook demo').querySelector<HTMLElement>('[part~="book"]')!.click();
      await until(() => (($(el, '[part~="country"] select') as HTMLSelectElement | null)?.options.length ?? 0) > 1, 'form');
      await el.updateComplete;
      expect(($(el, '#name') as HTMLInputElement).value).to.equal('Priya Sharma');
      expect(($(el, '#mobile') as HTMLInputElement).value.replace(/\D/g, '')).to.equal('07400123456');
      expect(($(el, '[part~="country"] select') as HTMLSelectElement).value).to.equal('GB');
      const registered = oneEvent(el, 'popin-booking:registered');
      $(el, '[part~="submit"]')!.click();
      const { detail } = await registered;
      const attribution = { page: `${location.origin}${location.pathname}`, utm: { source: 'newsletter', campaign: 'diwali' } };
      expect(detail.attribution).to.deep.equal(attribution);
      expect(sent).to.deep.equal([{ event_id: 2195, attribution }]);
      // The worker accepted it (its schema rejects anything unbounded) and Popin got the prefilled customer.
      const capture = (await simRequests('/capture')).at(-1)?.body as Record<string, unknown> | undefined;
      expect(JSON.stringify(capture)).to.contain('Priya Sharma');
      expect(JSON.stringify(capture)).to.contain('447400123456');
    } finally {
      window.fetch = realFetch;
    }
  });
});
