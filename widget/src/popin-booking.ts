/**
 * Registers `<popin-booking>` when imported, once, even if a page imports it twice (or two
 * versions of it): for tests and for bundling the widget's source into a page of one's own. The
 * script sellers paste is the loader (widget.ts), which defines the same element a task later.
 */
import PopinBooking from './popin-booking.component.js';
import type { PopinEventMap } from './events.js';
import { listenForOpeners } from './openers.js';

export { PopinBooking };
export type { Attribution, BookingDetail, ErrorDetail, PopinEventMap, SlotDetail } from './events.js';

if (!customElements.get('popin-booking')) {
  customElements.define('popin-booking', PopinBooking);
  listenForOpeners();
}

declare global {
  interface HTMLElementTagNameMap {
    'popin-booking': PopinBooking;
  }
  interface GlobalEventHandlersEventMap extends PopinEventMap {}
}
