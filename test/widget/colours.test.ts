import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, ACCENTS, bookAsGuest, mount, openForm, reset, until, watch, workerUrl } from './helpers.js';

/** WCAG 2 contrast ratio of two computed rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = c;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, bl] = [...probe.getImageData(0, 0, 1, 1).data].map((v) => v / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}


describe('<popin-booking> colours a seller picks', () => {
  beforeEach(reset);
  after(() => emulateMedia({ colorScheme: 'light' }));

  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, accent] of Object.entries(ACCENTS)) {
      it(`keeps Book readable (AA) with a ${name} accent in the ${scheme} scheme, and axe finds nothing`, async () => {
        await emulateMedia({ colorScheme: scheme });
        const el = await mount();
        el.style.setProperty('--popin-accent', accent);
        await el.updateComplete;
        const book = $(el, '[part~="book"]')!;
        const style = getComputedStyle(book);
        expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
        await expect(el).to.be.accessible();
        await openForm(el);
        await expect(el).to.be.accessible();
        el.remove();
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup and floating modes: axe finds nothing on the launcher and in the open dialog with each accent, ${scheme} scheme`, async () => {
      await emulateMedia({ colorScheme: scheme });
      for (const [name, accent] of Object.entries(ACCENTS)) {
        const el = await fixture<PopinBooking>(html`<popin-booking mode="floating" site="demo" api=${await workerUrl()}></popin-booking>`);
        watch(el);
        el.style.setProperty('--popin-accent', accent);
        await until(() => $(el, '[part~="launcher"]'), 'launcher');
        const launcher = $(el, '[part~="launcher"]')!;
        const style = getComputedStyle(launcher);
        expect(contrast(style.color, style.backgroundColor), `${name} launcher`).to.be.at.least(4.5);
        await expect(el, `${name} launcher`).to.be.accessible();
        launcher.click();
        await until(() => $(el, '[part~="list"]'), 'slots in the popup');
        await expect(el, `${name} popup`).to.be.accessible();
        el.close();
        el.remove();
      }
    });
  }

  it('keeps a seller-set --popin-accent-contrast', async () => {
    const el = await mount();
    el.style.setProperty('--popin-accent', '#0b2d4b');
    el.style.setProperty('--popin-accent-contrast', 'rgb(255, 255, 0)');
    expect(getComputedStyle($(el, '[part~="book"]')!).color).to.equal('rgb(255, 255, 0)');
    el.remove();
  });

  it('derives the text on the danger colour too (Yes, cancel)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme: scheme });
      const el = await mount();
      await bookAsGuest(el);
      $(el, '[part~="done"]')!.click();
      await until(() => $(el, '[part~="cancel"]'), 'booked list');
      for (const danger of ['#ffb4a8', '#b3261e']) {
        el.style.setProperty('--popin-danger', danger);
        $(el, '[part~="cancel"]')!.click();
        await until(() => $(el, '[part~="cancel-yes"]'), 'confirm');
        const style = getComputedStyle($(el, '[part~="cancel-yes"]')!);
        expect(contrast(style.color, style.backgroundColor), `${scheme} ${danger}`).to.be.at.least(4.5);
        $(el, '[part~="cancel-keep"]')!.click();
        await el.updateComplete;
      }
      el.style.removeProperty('--popin-danger');
      $(el, '[part~="cancel"]')!.click();
      await until(() => $(el, '[part~="cancel-yes"]'), 'confirm');
      await expect(el).to.be.accessible();
      el.remove();
      await reset();
    }
  });
});
