/**
 * The script a seller pastes (dist/widget/widget.js): a loader. A deferred module runs at the end
 * of the page's parse, in the page's own task with its DOMContentLoaded work, so this file does
 * nothing there but schedule, one task each: ask for the element's chunk (Lit, the element and its
 * first-paint styles; the page's first script-initiated request costs up to 40 ms at the bench's
 * 4x CPU slowdown); have another thread load the browser's Intl data (intl-data.ts); send each
 * inline widget's slots request and ask for the list view's chunk, then the Intl data's steps on
 * this thread, so that all of it is done or on its way while the element's chunk arrives;
 * evaluate that chunk (a task of the browser's, when it arrives); define the element, which
 * upgrades the page's widgets. Evaluating the element in the page's task made that task the
 * widget's longest (npm run bench).
 *
 * Scripts that use the element wait for `customElements.whenDefined('popin-booking')`.
 */
import { BookingApi } from './api.js';
import { loadIntlData } from './intl-data.js';
import { listenForOpeners } from './openers.js';
import { loadCustomer, storageKey } from './storage.js';
import { nextTask } from './tasks.js';

export type { Attribution, BookingDetail, ErrorDetail, PopinEventMap, SlotDetail } from './events.js';

const TAG = 'popin-booking';

/** Where this script was loaded from: a widget's `api` when it has none (as in the element). */
const ORIGIN = new URL(import.meta.url).origin;

/**
 * The slots request of each inline widget on the page (a popup's waits to be opened), with the
 * stored customer's token when there is one, and the list view's chunk: the element's first
 * request() of the same slots uses the answer (api.ts). First, the Intl data's worklet, in the
 * widgets' language (their own or nearest `lang`, else the browser's). One task each for the
 * page's first localStorage read, its first fetch and the chunk's import: together they were a
 * long task.
 */
async function sendEarly(): Promise<void> {
  const inline = [...document.querySelectorAll(TAG)].filter((el) => el.getAttribute('site') && (el.getAttribute('mode') ?? 'inline') == 'inline');
  if (!inline.length) return;
  // ICU's data for the list's dates, on another thread while this one does the rest (intl-data.ts).
  const intl = loadIntlData(inline.map((el) => el.closest('[lang]')?.getAttribute('lang') || navigator.language));
  const sites = inline.map((el) => [el.getAttribute('api') || ORIGIN, el.getAttribute('site')!] as const);
  const tokens = sites.map(([api, site]) => loadCustomer(storageKey(api, site))?.token);
  await nextTask();
  sites.forEach(([api, site], i) => new BookingApi(api, site).prefetch('/slots', tokens[i]));
  await nextTask();
  // A failure here is the element's to retry (it imports the chunk again).
  const list = import('./list/slot-list.js').catch(() => undefined);
  // Then, while the element's chunk is on its way, the Intl data's steps on this thread (after the worklet's).
  await intl;
  await list;
}

/** Set by the first copy of this script on the page: a second (another version, another URL) does nothing. */
const LOADER = Symbol.for('popin-booking.loader');

if (!customElements.get(TAG) && !(LOADER in window)) {
  (window as unknown as Record<symbol, boolean>)[LOADER] = true;
  listenForOpeners();
  void nextTask()
    .then(() => {
      const element = import('./popin-booking.component.js');
      void nextTask().then(sendEarly);
      return element;
    })
    .then(async ({ default: PopinBooking }) => {
      await nextTask();
      if (!customElements.get(TAG)) customElements.define(TAG, PopinBooking);
    });
}
