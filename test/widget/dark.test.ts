import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { $, bookAsGuest, mount, openForm, reset, typeInto, until } from './helpers.js';

describe('<popin-booking> in the dark colour scheme', () => {
  beforeEach(reset);
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('keeps contrast and accessibility in every step', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount();
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(23, 24, 29)');
    await expect(el).to.be.accessible();
    await openForm(el);
    await typeInto(el, '#name', 'Priya');
    await typeInto(el, '#mobile', '123');
    $(el, '[part~="submit"]')!.click();
    await until(() => $(el, '#mobile-error'), 'error');
    await expect(el).to.be.accessible();
    $(el, '[part~="back"]')!.click();
    await until(() => $(el, '[part~="list"]'), 'list');
    el.remove();
    const fresh = await mount();
    await bookAsGuest(fresh, 'Live: AirPods Pro demo');
    await expect(fresh).to.be.accessible();
    $(fresh, '[part~="done"]')!.click();
    await until(() => $(fresh, '[part~="slot-booked"]'), 'booked list');
    await expect(fresh).to.be.accessible();
  });

  it('shows the empty state accessibly', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await expect(await mount('empty')).to.be.accessible();
  });
});
