// The list's warm-up (intl-data.ts, list/times.ts, list/fonts.ts) only saves time: a browser in which part of it
// fails (no AudioWorklet, no canvas context, no Intl.Locale) still shows the list, formatted as
// always. A file of its own: the warm-up runs once per page, for the first widget.
import { expect } from '@open-wc/testing';
import { $, card, mount, reset, text } from './helpers.js';

describe('<popin-booking> when the warm-up fails', () => {
  const getContext = HTMLCanvasElement.prototype.getContext;
  const Locale = Intl.Locale;
  const OfflineContext = window.OfflineAudioContext;
  before(() => {
    // The Intl data's worklet (intl-data.ts): the main thread loads it instead.
    (window as { OfflineAudioContext?: unknown }).OfflineAudioContext = undefined;
    HTMLCanvasElement.prototype.getContext = () => {
      throw new Error('no canvas here');
    };
    (Intl as { Locale?: unknown }).Locale = undefined;
  });
  after(() => {
    HTMLCanvasElement.prototype.getContext = getContext;
    (Intl as { Locale?: unknown }).Locale = Locale;
    window.OfflineAudioContext = OfflineContext;
  });
  beforeEach(reset);

  it('still lists the demos, with their times', async () => {
    const el = await mount();
    expect($(el, '[part~="error-state"]')).to.equal(null);
    const slot = card(el, 'Public Macbook demo');
    expect(text(slot.querySelector('[part~="slot-time"]'))).to.match(/\d{1,2}:\d{2}/);
    expect(text($(el, '[part~="subtitle"]'))).to.contain('Times in');
  });
});
