/**
 * Entry point of the widget script: registers `<popin-booking>` once, even if a
 * host page loads the script twice (or two versions of it).
 */
import PopinBooking from './popin-booking.component.js';
import type { PopinEventMap } from './events.js';

export { PopinBooking };
export type { Attribution, BookingDetail, ErrorDetail, PopinEventMap, SlotDetail } from './events.js';

if (!customElements.get('popin-booking')) {
  customElements.define('popin-booking', PopinBooking);
  // Any element with data-popin-booking="<site>" opens that site's booking in a popup (popup/).
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element).closest?.<HTMLElement>('[data-popin-booking]');
    if (opener) {
      event.preventDefault();
      void import('./popup/popup.js').then((m) => m.openFrom(opener));
    }
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'popin-booking': PopinBooking;
  }
  interface GlobalEventHandlersEventMap extends PopinEventMap {}
}
