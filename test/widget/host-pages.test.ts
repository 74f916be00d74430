import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type PopinBooking from '../../widget/src/popin-booking.component.js';
import { $, bookAsGuest, reset, until, watch, workerUrl } from './helpers.js';

/** Mounts the widget under page CSS that tries to restyle everything. */
async function underPageCss(css: string, attrs = ''): Promise<PopinBooking> {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const wrap = await fixture<HTMLDivElement>(html`<div ${attrs ? '' : ''}></div>`);
  wrap.innerHTML = `<popin-booking site="demo" api="${await workerUrl()}" ${attrs}></popin-booking>`;
  const el = wrap.querySelector('popin-booking')!;
  watch(el);
  await until(() => $(el, '[part~="list"]'), 'list');
  styles.push(style);
  return el;
}

const styles: HTMLStyleElement[] = [];
afterEach(() => styles.splice(0).forEach((s) => s.remove()));

const family = (node: Element) => getComputedStyle(node).fontFamily;

/** The default text colour of the light scheme (--popin-text). */
const TEXT = 'rgb(31, 35, 40)';

// A reset as sites ship it ("the new CSS reset"): every element but media loses every style.
const ALL_UNSET = `*:where(:not(html, iframe, canvas, img, svg, video, audio):not(svg *, symbol *)) { all: unset; display: revert; }`;

describe('<popin-booking> on any host page', () => {
  beforeEach(reset);

  it("page CSS on *, button and input: text and controls share one family (the page's) and booking works", async () => {
    const el = await underPageCss(`* { font-family: Georgia, serif !important; color: red; } button, input { font: 30px cursive; background: yellow; }`);
    const book = $(el, '[part~="book"]')!;
    expect(family(book)).to.equal(family($(el, '[part~="slot-name"]')!));
    expect(family(book)).to.contain('Georgia');
    expect(getComputedStyle(book).fontSize).to.equal('16px');
    await bookAsGuest(el);
    expect(family($(el, '#name') ?? $(el, '[part~="confirmation"]')!)).to.contain('Georgia');
  });

  it('--popin-font sets the one family', async () => {
    const el = await underPageCss(`* { font-family: Georgia, serif; } popin-booking { --popin-font: monospace; }`);
    expect(family($(el, '[part~="book"]')!)).to.equal('monospace');
    expect(family($(el, '[part~="slot-name"]')!)).to.equal('monospace');
  });

  it("page colours and type on * and on the element do not reach the widget's text; the element's box is the page's", async () => {
    // (Sizes are in rem: they follow the root's font size, which body * leaves alone.)
    const el = await underPageCss(`* { color: red; line-height: 3; letter-spacing: 4px; } body * { font-size: 30px; }
      popin-booking { color: red !important; font-size: 40px; font-weight: 900; text-align: center; padding: 0; border: 0;
        font-style: italic; text-transform: uppercase; word-spacing: 20px; }`);
    for (const part of ['title', 'slot-name', 'book', 'subtitle']) {
      const style = getComputedStyle($(el, `[part~="${part}"]`)!);
      expect(style.color, part).not.to.equal('rgb(255, 0, 0)');
      expect(style.letterSpacing, part).to.equal('normal');
      expect([style.fontStyle, style.textTransform, style.wordSpacing], part).to.deep.equal(['normal', 'none', '0px']);
      if (part != 'book') expect(style.textAlign, part).to.equal('start');
    }
    const title = getComputedStyle($(el, '[part~="title"]')!);
    expect(title.color).to.equal(TEXT);
    expect(title.fontSize).to.equal('18px');
    // The box is the seller's to change.
    expect(getComputedStyle(el).paddingTop).to.equal('0px');
    expect(getComputedStyle(el).borderTopWidth).to.equal('0px');
    await bookAsGuest(el);
    expect(getComputedStyle($(el, '[part~="confirmation-title"]')!).color).not.to.equal('rgb(255, 0, 0)');
    expect(getComputedStyle($(el, '[part~="contact"]')!).fontSize).to.equal('14px');
    await expect(el).to.be.accessible();
  });

  it('display: none on the element is the seller\'s: it hides the widget', async () => {
    const el = await underPageCss(`popin-booking { display: none; }`);
    expect(el.getBoundingClientRect().height).to.equal(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`a page that resets every element with all: unset still books, readable in the ${scheme} scheme`, async () => {
      await emulateMedia({ colorScheme: scheme });
      try {
        const el = await underPageCss(ALL_UNSET);
        expect(getComputedStyle(el).display).to.equal('inline');
        await expect(el).to.be.accessible();
        await bookAsGuest(el);
        await expect(el).to.be.accessible();
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  }

  it('a page that sets all: unset on the element still books', async () => {
    const el = await underPageCss(`popin-booking { all: unset; }`);
    await bookAsGuest(el);
    await expect(el).to.be.accessible();
  });

  it('shows its light-DOM fallback link until the element upgrades', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    wrap.innerHTML = `<popin-bookinx site="demo"><a href="/s/demo">Book a live demo</a></popin-bookinx>`;
    expect(wrap.querySelector('a')!.getBoundingClientRect().height).to.be.greaterThan(0);
    // Upgraded, the shadow root replaces it (no slot): the link is not shown twice.
    wrap.innerHTML = `<popin-booking site="demo" api="${await workerUrl()}"><a href="/s/demo">Book a live demo</a></popin-booking>`;
    const el = wrap.querySelector('popin-booking')!;
    await until(() => el.shadowRoot && $(el as PopinBooking, '[part~="title"]'), 'upgraded');
    expect(wrap.querySelector('a')!.getBoundingClientRect().height).to.equal(0);
  });
});
