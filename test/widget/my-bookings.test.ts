import { expect, oneEvent } from '@open-wc/testing';
import { storageKey } from '../../widget/src/storage.js';
import { $, active, bookAsGuest, card, faults, mount, openForm, reset, simRequests, text, until, workerUrl } from './helpers.js';

describe('<popin-booking> my bookings', () => {
  beforeEach(reset);

  it('remembers the customer per site: booked slots after a reload, join links, "Booking as"', async () => {
    const first = await mount();
    await bookAsGuest(first, 'Public Macbook demo');
    await bookAsGuest(await mount(), 'Live: AirPods Pro demo').catch(() => undefined);

    const key = storageKey(await workerUrl(), 'demo');
    expect(key).to.equal(`popin-booking:${new URL(await workerUrl()).origin}:demo`);
    const stored = JSON.parse(localStorage.getItem(key)!);
    expect(stored).to.include({ name: 'Priya', mobile: '+919544510895' });

    const el = await mount();
    expect(text($(el, '[part~="session"]'))).to.contain('Priya').and.contain('+91 95445 10895');
    const mac = card(el, 'Public Macbook demo');
    expect(text(mac.querySelector('[part~="tag"]'))).to.equal('Booked');
    expect(text(mac.querySelector('[part~="join"]'))).to.contain('Join link');
    expect(mac.querySelector('[part~="book"]')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('books with one click as a returning customer', async () => {
    await bookAsGuest(await mount(), 'Public Macbook demo');
    const el = await mount();
    await openForm(el, 'Live: AirPods Pro demo');
    const bookAs = $(el, '[part~="book-as"]')!;
    expect(text(bookAs)).to.equal('Book as Priya · +91 95445 10895');
    expect(active(el)).to.equal(bookAs);
    expect($(el, '#name')).to.be.null;
    await expect(el).to.be.accessible();
    const registered = oneEvent(el, 'popin-booking:registered');
    bookAs.click();
    expect((await registered).detail.event.id).to.equal(3011);
    await until(() => $(el, '[part~="join-now"]'), 'Join now');
    expect(await simRequests('/capture')).to.have.length(1); // only the first booking captured a lead
  });

  it('cancels with a confirm step (Keep / Yes)', async () => {
    await bookAsGuest(await mount(), 'iPhone demo');
    const el = await mount();
    const cancel = card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel"]')!;
    cancel.click();
    await el.updateComplete;
    expect(text(card(el, 'iPhone demo').querySelector('[part~="confirm-cancel"]'))).to.contain('Cancel booking?');
    expect(active(el)).to.equal(card(el, 'iPhone demo').querySelector('[part~="cancel-keep"]'));
    await expect(el).to.be.accessible();

    card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel-keep"]')!.click();
    await el.updateComplete;
    expect(card(el, 'iPhone demo').querySelector('[part~="confirm-cancel"]')).to.be.null;
    expect(active(el)).to.equal(card(el, 'iPhone demo').querySelector('[part~="cancel"]'));

    card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel"]')!.click();
    await el.updateComplete;
    const cancelled = oneEvent(el, 'popin-booking:cancelled');
    card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel-yes"]')!.click();
    const event = await cancelled;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.detail.event).to.include({ id: 2853, name: 'iPhone demo' });
    expect(JSON.stringify(event.detail)).not.to.match(/token|join/i);
    await until(() => card(el, 'iPhone demo').querySelector('[part~="book"]'), 'slot bookable again');
    await el.updateComplete;
    expect(active(el)).to.equal(card(el, 'iPhone demo').querySelector('[part~="book"]'));
    expect(text($(el, '[part~="status"]'))).to.contain('Cancelled your booking for iPhone demo');
    expect(await simRequests('/cancel')).to.have.length(1);
  });

  it('"Not you?" forgets the customer and reloads as a guest', async () => {
    await bookAsGuest(await mount(), 'Public Macbook demo');
    const el = await mount();
    expect($(el, '[part~="session"]')).to.exist;
    $(el, '[part~="not-you"]')!.click();
    await until(() => !$(el, '[part~="session"]') && $(el, '[part~="list"]') && !$(el, '[part~="slot-booked"]'), 'guest list');
    expect(localStorage.getItem(storageKey(await workerUrl(), 'demo'))).to.be.null;
    expect(card(el, 'Public Macbook demo').querySelector('[part~="book"]')).to.exist;

    // From the one-click form it switches to the full form.
    await bookAsGuest(el, 'iPhone demo', 'Arjun', '9876543210');
    const again = await mount();
    await openForm(again, 'Public Macbook demo');
    $(again, '[part~="not-you"]')!.click();
    await until(() => $(again, '#name'), 'guest form');
    await again.updateComplete;
    expect(active(again)?.id).to.equal('name');
  });

  it('forgets a token the worker rejects and shows the guest view', async () => {
    localStorage.setItem(
      storageKey(await workerUrl(), 'demo'),
      JSON.stringify({ token: 'not-a-valid-token', name: 'Ghost', mobile: '+919544510895', display: '+91 95445 10895' }),
    );
    const el = await mount();
    expect($(el, '[part~="list"]')).to.exist;
    expect($(el, '[part~="session"]')).to.be.null;
    expect(localStorage.getItem(storageKey(await workerUrl(), 'demo'))).to.be.null;
  });

  it('keeps working when localStorage throws (memory fallback)', async () => {
    const proto = Storage.prototype;
    const saved = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem };
    const boom = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    proto.getItem = boom;
    proto.setItem = boom;
    proto.removeItem = boom;
    try {
      await bookAsGuest(await mount(), 'Public Macbook demo');
      const el = await mount();
      expect(text(card(el, 'Public Macbook demo').querySelector('[part~="tag"]'))).to.equal('Booked');
      $(el, '[part~="not-you"]')!.click();
      await until(() => !$(el, '[part~="session"]'), 'guest');
    } finally {
      Object.assign(proto, saved);
    }
  });

  it('reports a failed cancellation and keeps the booking', async () => {
    await bookAsGuest(await mount(), 'iPhone demo');
    const el = await mount();
    await faults({ failures: [{ kind: 'status', status: 500, endpoint: 'cancel', count: 'always' }] });
    card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel"]')!.click();
    await el.updateComplete;
    const error = oneEvent(el, 'popin-booking:error');
    card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="cancel-yes"]')!.click();
    const { detail } = await error;
    expect(detail.status).to.be.at.least(500);
    expect(Object.keys(detail).sort()).to.deep.equal(['code', 'message', 'status']);
    await until(() => text($(el, '[part~="status"]')) === detail.message, 'announced');
    expect(text(card(el, 'iPhone demo').querySelector('[part~="tag"]'))).to.equal('Booked');
  });
});
