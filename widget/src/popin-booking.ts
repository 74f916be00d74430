/**
 * Entry point of the widget script: registers `<popin-booking>` once, even if a
 * host page loads the script twice (or two versions of it).
 */
import PopinBooking from './popin-booking.component.js';
import type { PopinEventMap } from './events.js';

export { PopinBooking };
export type { BookingDetail, ErrorDetail, PopinEventMap, SlotDetail } from './events.js';

if (!customElements.get('popin-booking')) customElements.define('popin-booking', PopinBooking);

declare global {
  interface HTMLElementTagNameMap {
    'popin-booking': PopinBooking;
  }
  interface GlobalEventHandlersEventMap extends PopinEventMap {}
}
