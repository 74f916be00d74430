// The list's fonts (list/fonts.ts): loaded before the list renders, each size and weight of the
// text its first screen shows, and no other (a size that only a narrow container uses, or a state
// the screen does not show, would be loaded for nothing). A file of its own: the warm-up runs
// once per page, for the first widget.
import { expect } from '@open-wc/testing';
import { mount, reset } from './helpers.js';

/** "700 22" from a canvas font ("700 22px system-ui, sans-serif") or a computed weight and size. */
const font = (weight: string, size: string) => `${weight} ${parseFloat(size)}`;

describe("the list's fonts", () => {
  const warmed = new Set<string>();
  const canvasFont = Object.getOwnPropertyDescriptor(CanvasRenderingContext2D.prototype, 'font')!;
  before(() => {
    Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', {
      ...canvasFont,
      set(this: CanvasRenderingContext2D, value: string) {
        const [weight, size] = value.split(' ');
        warmed.add(font(weight!, size!));
        canvasFont.set!.call(this, value);
      },
    });
  });
  after(() => void Object.defineProperty(CanvasRenderingContext2D.prototype, 'font', canvasFont));
  beforeEach(reset);

  it('the warm-up loads those of the first screen, and no other', async () => {
    const el = await mount();
    const shown = new Set<string>();
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      const ownText = [...node.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!ownText || !node.getClientRects().length) continue;
      const style = getComputedStyle(node);
      shown.add(font(style.fontWeight, style.fontSize));
    }
    expect([...shown].sort(), 'fonts of the first screen').to.deep.equal([...warmed].sort());
    // The widget is wide here: the date's narrow-container size (1.25rem) is not among them.
    expect([...warmed].filter((f) => f.endsWith(' 20'))).to.deep.equal([]);
  });
});
