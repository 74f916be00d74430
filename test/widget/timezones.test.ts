import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { $, bookAsGuest, card, mount, reset, text } from './helpers.js';

const zone = (tz: string) => executeServerCommand('emulate-timezone', tz);

describe('<popin-booking> times in the customer’s time zone', () => {
  beforeEach(reset);
  afterEach(() => zone(''));

  it('a customer in Europe/London booking an Asia/Kolkata demo sees their own time and the seller’s', async () => {
    await zone('Europe/London');
    const el = await mount();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('Europe/London');
    // The demo site's zone is Asia/Kolkata; the simulator seeds "Public Macbook demo" tomorrow 16:05–16:20 there.
    const slot = card(el, 'Public Macbook demo');
    const london = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' });
    const kolkata = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Kolkata' });
    const start = Date.parse(`2000-01-01T16:05:00+05:30`);
    const end = Date.parse(`2000-01-01T16:20:00+05:30`);
    const time = text(slot.querySelector('[part~="slot-time"]'));
    expect(time).to.contain(london.formatRange(start, end)); // 10:35 – 10:50 AM in winter
    expect(text(slot.querySelector('[part~="seller-time"]'))).to.equal(`(${kolkata.formatRange(start, end)} GMT+5:30)`);
    expect(text($(el, '[part~="subtitle"]'))).to.contain('Times in Greenwich Mean Time');
    await expect(el).to.be.accessible();
    const { detail } = await bookAsGuest(el);
    expect(detail.event.starts_at).to.match(/T16:05:00\+05:30$/);
    expect(text($(el, '[part~="summary"]'))).to.contain(london.formatRange(start, end));
  });

  it('a customer whose clock moves to another zone sees the next load of the list in it', async () => {
    await zone('Europe/London');
    const el = await mount();
    expect(text($(el, '[part~="subtitle"]'))).to.contain('Greenwich Mean Time');
    expect(card(el, 'Public Macbook demo').querySelector('[part~="seller-time"]')).not.to.equal(null);
    // The formatters are kept from one slots response to the next, unless the zone has moved.
    await zone('Asia/Kolkata');
    await el.slots.run();
    await el.updateComplete;
    expect(text($(el, '[part~="subtitle"]'))).to.contain('India Standard Time');
    expect(card(el, 'Public Macbook demo').querySelector('[part~="seller-time"]')).to.equal(null);
  });

  it('shows one time when the customer is in the seller’s zone', async () => {
    await zone('Asia/Kolkata');
    const el = await mount();
    const slot = card(el, 'Public Macbook demo');
    expect(slot.querySelector('[part~="seller-time"]')).to.equal(null);
    expect(text($(el, '[part~="subtitle"]'))).to.contain('India Standard Time');
  });
});
