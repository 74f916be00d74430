// The script sellers paste (widget.ts, dist/widget/widget.js), on a page whose widgets are in its
// HTML before the script runs. Its own file: the element is defined once per page, and here by
// the loader, not by the element's module (helpers.ts imports that one).
import { expect } from '@open-wc/testing';
import { createCustomer, register } from '../../widget/src/account/booking-calls.js';
import { BookingApi } from '../../widget/src/api.js';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { storageKey } from '../../widget/src/storage.js';
import { nextTask } from '../../widget/src/tasks.js';
import { $, $$, reset, text, until, workerUrl } from './stack.js';

/** The slots requests this page sent to the worker so far. */
const slotsRequests = () => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname == '/v1/sites/demo/slots');

/** The worklets the page asked for (intl-data.ts), and whether each loaded. */
const worklets: Array<{ url: string; loaded?: boolean }> = [];
const addModule = AudioWorklet.prototype.addModule;

describe('the widget script (the loader)', () => {
  let inline: PopinBooking;
  let popup: PopinBooking;

  before(async () => {
    AudioWorklet.prototype.addModule = function (url, options) {
      const entry: { url: string; loaded?: boolean } = { url: String(url) };
      worklets.push(entry);
      return addModule.call(this, url, options).then(() => void (entry.loaded = true), () => void (entry.loaded = false));
    };
    await reset();
    // A returning customer, booked on the Macbook demo.
    const api = await workerUrl();
    const client = new BookingApi(api, 'demo');
    const { token, customer } = await createCustomer(client, { name: 'Priya', mobile: '+919544510895' });
    await register(client, 2195, token);
    localStorage.setItem(storageKey(api, 'demo'), JSON.stringify({ token, name: customer.name, mobile: customer.mobile, display: '+91 95445 10895' }));
    document.body.innerHTML = `<popin-booking site="demo" api="${api}"></popin-booking><popin-booking site="demo" api="${api}" mode="popup"></popin-booking>
      <button id="early" data-popin-booking="live" data-popin-api="${api}">Book</button>`;
    const widgets = document.querySelectorAll('popin-booking');
    inline = widgets[0]!;
    popup = widgets[1]!;
  });

  it("sends each inline widget's slots request before the element is defined, with the stored customer's token, and the element uses its answer", async () => {
    // A property set before the element exists is kept (Lit takes it over on upgrade).
    inline.strings = { title: 'Book a call' };
    await import('../../widget/src/widget.js');
    // Defined tasks later: the page's own task only schedules.
    expect(customElements.get('popin-booking')).to.be.undefined;
    const definedAt = customElements.whenDefined('popin-booking').then(() => performance.now());
    // A click on a data-popin-booking opener before then still opens its popup.
    document.querySelector<HTMLButtonElement>('#early')!.click();

    await until(() => inline.shadowRoot?.querySelector('[part~="list"]'), 'the inline widget shows its list');
    const sent = slotsRequests();
    expect(sent, 'one slots request: the popup waits to be opened, the inline widget asked once').to.have.length(1);
    expect(sent[0]!.startTime).to.be.below(await definedAt);
    expect(text($(inline, '[part~="title"]'))).to.equal('Book a call');
    // The answer was the customer's own: their booking, and who they book as.
    expect(text($(inline, '[part~="session"]'))).to.contain('Priya');
    const mac = $$(inline, '[part~="slot"]').find((li) => text(li.querySelector('[part~="slot-name"]')) == 'Public Macbook demo');
    expect(text(mac?.querySelector('[part~="tag"]'))).to.equal('Booked');
    await expect(inline).to.be.accessible();

    const early = document.querySelector<PopinBooking>('popin-booking[data-popin-opener][site="live"]');
    await until(() => early?.shadowRoot?.querySelector('dialog[open]'), 'the early click opened its popup');
    expect(customElements.get('popin-booking')).to.exist;
    early!.close();
  });

  it("loads the dates' Intl data on another thread, in the widget's language, and the worklet runs to its end", async () => {
    AudioWorklet.prototype.addModule = addModule;
    // The inline widget names no language, nor does the page: the customer's browser's.
    expect(worklets).to.deep.equal([{ url: new URL(`../../widget/src/intl-data.worklet.js?lang=${navigator.language}`, import.meta.url).href, loaded: true }]);
    // It registers a processor last: one can be made only if nothing before it threw.
    const context = new OfflineAudioContext(1, 1, 8000);
    await context.audioWorklet.addModule(worklets[0]!.url);
    expect(new AudioWorkletNode(context, 'popin-booking-intl-data')).to.be.instanceOf(AudioWorkletNode);
  });

  it('asks for a popup\'s slots when it opens', async () => {
    popup.open();
    await until(() => popup.shadowRoot?.querySelector('[part~="list"]'), "the popup's list");
    expect(slotsRequests()).to.have.length(2);
    popup.close();
  });

  it('does nothing when the page loads the script a second time', async () => {
    const element = customElements.get('popin-booking');
    await import(new URL(`../../widget/src/widget.ts?again=${Date.now()}`, import.meta.url).href);
    for (let i = 0; i < 4; i++) await nextTask();
    expect(customElements.get('popin-booking')).to.equal(element);
    expect(slotsRequests()).to.have.length(2);
    // One opener listener: a click on a data-popin-booking opener adds one popup, not two.
    document.body.insertAdjacentHTML('beforeend', `<button data-popin-booking="demo" data-popin-api="${await workerUrl()}">Book</button>`);
    document.querySelector<HTMLButtonElement>('[data-popin-booking="demo"]')!.click();
    await until(() => document.querySelector('popin-booking[data-popin-opener][site="demo"]'), 'the opener made a popup');
    for (let i = 0; i < 4; i++) await nextTask();
    expect(document.querySelectorAll('popin-booking[data-popin-opener][site="demo"]')).to.have.length(1);
  });
});
