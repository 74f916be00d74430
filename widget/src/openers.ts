/** Any element with data-popin-booking="<site>" opens that site's booking in a popup (popup/). */
export function listenForOpeners(): void {
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element).closest?.<HTMLElement>('[data-popin-booking]');
    if (opener) {
      event.preventDefault();
      void import('./popup/popup.js').then((m) => m.openFrom(opener));
    }
  });
}
