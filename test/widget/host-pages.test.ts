import { expect, fixture, html } from '@open-wc/testing';
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

describe('<popin-booking> on any host page', () => {
  beforeEach(reset);

  it("page CSS on *, button and input: text and controls share one family (the page's) and booking works", async () => {
    const el = await underPageCss(`* { font-family: Georgia, serif !important; color: red; } button, input { font: 30px cursive; background: yellow; }`);
    const book = $(el, '[part~="book"]')!;
    expect(family(book)).to.equal(family($(el, '[part~="slot-name"]')!));
    expect(family(book)).to.contain('Georgia');
    expect(getComputedStyle(book).fontSize).to.equal('15px');
    await bookAsGuest(el);
    expect(family($(el, '#name') ?? $(el, '[part~="confirmation"]')!)).to.contain('Georgia');
  });

  it('--popin-font sets the one family', async () => {
    const el = await underPageCss(`* { font-family: Georgia, serif; } popin-booking { --popin-font: monospace; }`);
    expect(family($(el, '[part~="book"]')!)).to.equal('monospace');
    expect(family($(el, '[part~="slot-name"]')!)).to.equal('monospace');
  });

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
