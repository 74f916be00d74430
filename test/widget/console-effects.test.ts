import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { $, $$, bookAsGuest, card, mount, reset, text, until } from './helpers.js';

// What a seller does in the console shows in the widget: a paused site, and PGi audio for
// booked customers. The console's own API makes the change (a server command, as the
// console page would call it); the widget reads it from the real worker.

const consoleCall = (method: string, path: string, body?: unknown) =>
  executeServerCommand<{ status: number; body: any }, { method: string; path: string; body?: unknown }>('console', { method, path, body });

const PGI = {
  company: { name: 'Acme Gadgets', isGlobalMeetEnabled: true, isWebConfEnabled: false },
  client: { first: 'Asha', last: 'Rao', email: 'asha@acme.example' },
  contact: { address: '12 MG Road', city: 'Bengaluru', country: 'India', postalCode: '560001' },
};

describe('<popin-booking> and the seller console', () => {
  beforeEach(reset);
  afterEach(async () => {
    await consoleCall('PATCH', '', { paused: false });
    await emulateMedia({ colorScheme: 'light' });
  });
  // The worker keeps the site's state for the whole run: the other files get it as they expect.
  after(async () => {
    if ((await consoleCall('GET', '/pgi')).body.status === 'active') await consoleCall('POST', '/pgi/deactivate', {});
  });

  it('shows a paused site\'s demos with "Bookings are paused" and no Book buttons, light and dark', async () => {
    expect((await consoleCall('PATCH', '', { paused: true })).body.paused).to.equal(true);
    const el = await mount();
    const note = $(el, '[part~="paused"]');
    expect(text(note)).to.contain('Bookings are paused');
    expect($$(el, '[part~="slot"]').length).to.be.greaterThan(0);
    expect($$(el, '[part~="book"]')).to.have.length(0);
    expect(text($(el, '[part~="status"]'))).to.contain('Bookings are paused');
    // Nothing to book, so the booking form's code is not fetched: neither at idle nor on hover.
    $(el, '[part~="list"]')!.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    await new Promise((idle) => requestAnimationFrame(() => setTimeout(() => requestIdleCallback(idle, { timeout: 3000 }))));
    await new Promise((later) => setTimeout(later, 100));
    expect((el as unknown as { panel: { form: { status: number } } }).panel.form.status, 'form load status').to.equal(0);
    await expect(el).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();

    await consoleCall('PATCH', '', { paused: false });
    const open = await mount();
    expect($(open, '[part~="paused"]')).to.be.null;
    expect($$(open, '[part~="book"]').length).to.be.greaterThan(0);
  });

  it('gives a booked customer the audio hub and passcode, each copyable with an announced "Copied"', async () => {
    const pgi = await consoleCall('GET', '/pgi');
    const record = pgi.body.status === 'none' ? (await consoleCall('POST', '/pgi/provision', PGI)).body : pgi.body;
    if (record.status === 'inactive') await consoleCall('POST', '/pgi/reactivate', {});
    // The console API gives PGi's hub as PGi does, a host name; customers get its https URL.
    const hub = new URL(/^https:\/\//.test(record.hub_url) ? record.hub_url : `https://${record.hub_url}`).href;

    const guest = await mount();
    expect($(guest, '[part~="audio"]')).to.be.null;
    await bookAsGuest(guest, 'iPhone demo');
    const el = await mount();
    await until(() => card(el, 'iPhone demo').querySelector('[part~="audio"]'), 'the audio join');
    const audio = card(el, 'iPhone demo').querySelector<HTMLElement>('[part~="audio"]')!;
    expect(text(audio)).to.contain('Join by audio conference');
    expect(audio.querySelector('[part~="audio-hub"]')!.getAttribute('href')).to.equal(hub);
    expect(text(audio.querySelector('[part~="audio-passcode"]'))).to.equal(record.participant_passcode);
    // Only the booked demo carries it.
    expect(card(el, 'Public Macbook demo').querySelector('[part~="audio"]')).to.be.null;
    await expect(el).to.be.accessible();

    let copied = '';
    const original = navigator.clipboard.writeText;
    navigator.clipboard.writeText = async (value: string) => void (copied = value);
    try {
      const [hubCopy, codeCopy] = [...audio.querySelectorAll<HTMLElement>('[part~="copy"]')];
      codeCopy!.click();
      await until(() => text($(el, '[part~="status"]')) === 'Copied the participant passcode.', 'announced');
      expect(copied).to.equal(record.participant_passcode);
      expect(text(codeCopy)).to.match(/^Copied/);
      hubCopy!.click();
      await until(() => copied === hub, 'hub copied');
    } finally {
      navigator.clipboard.writeText = original;
    }
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).to.be.accessible();
  });
});
