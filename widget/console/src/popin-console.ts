/**
 * Entry point of the console script (/console/assets/console.js): registers `<popin-console>`
 * once. Only the worker's /console page loads it; nothing here reaches a seller's page.
 */
import PopinConsole from './popin-console.component.js';
import type { ConsoleEventMap } from './events.js';

export { PopinConsole };

// The page has no inline styles (its CSP forbids them): the body's margin goes here.
const page = new CSSStyleSheet();
page.replaceSync('body { margin: 0 } :root { color-scheme: light dark }');
document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];

if (!customElements.get('popin-console')) customElements.define('popin-console', PopinConsole);

declare global {
  interface HTMLElementTagNameMap {
    'popin-console': PopinConsole;
  }
  interface GlobalEventHandlersEventMap extends ConsoleEventMap {}
}
