/**
 * The list's fonts, loaded before the list renders. The browser loads each size and weight of a
 * font on first use, in the layout of the frame that first shows it, asking the system's font
 * configuration each time (1-4 ms each at the bench's 4x CPU slowdown): the list's first frame
 * loaded five of them, most of its layout, and was one of the widget's long tasks. A canvas that
 * measures a text in each of them loads them ahead, four per task, while the slots request is
 * out. Sizes and weights are read from the element's style sheets, so the styles stay their
 * only source; the family is the one the widget's text inherits.
 */
import { nextTask } from '../tasks.js';

export async function warmFonts(host: HTMLElement, text: string): Promise<void> {
  const root = host.shadowRoot;
  const canvas = document.createElement('canvas').getContext('2d');
  if (!root || !canvas) return;
  const style = getComputedStyle(host);
  const family = style.getPropertyValue('--popin-font').trim() || style.fontFamily;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const fonts = new Set<string>();
  const visit = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule && (rule.style.fontSize || rule.style.fontWeight)) {
        const size = rule.style.fontSize.endsWith('rem') ? parseFloat(rule.style.fontSize) * rem : rem;
        fonts.add(`${rule.style.fontWeight || 400} ${size}px ${family}`);
      }
      // Not the sizes of a narrow container's queries: a wide widget never uses them, and a
      // narrow one loads that one size in its first layout.
      if ('cssRules' in rule && !(rule instanceof CSSContainerRule)) visit((rule as CSSGroupingRule).cssRules);
    }
  };
  // Adopted sheets, or <style> elements where the browser cannot adopt (Lit's fallback).
  for (const sheet of [...(root.adoptedStyleSheets ?? []), ...root.styleSheets]) visit(sheet.cssRules);
  let n = 0;
  for (const font of fonts) {
    if (n++ % 4 == 0) await nextTask();
    canvas.font = font;
    canvas.measureText(text);
  }
}
