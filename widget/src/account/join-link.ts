/** Join links: where a booked customer goes when the demo starts (the account chunk; 10times FLOOR links reuse them). */
import { html, nothing, svg } from 'lit';
import type { DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { icon } from '../list/icons.js';

/** "Opens elsewhere", after join links (and the 10times FLOOR links); mirrored right to left (account.styles.ts). */
export const externalIcon = icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>`);

/** Returns the URL when it is an absolute http(s) URL, otherwise undefined. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "Join now" (prominent, when the event is live) or the plain join link; only for an
 * http(s) URL. Without one, the confirmation (`block`) says when the link will come.
 */
export function joinLink({ t }: Pick<BookingHost, 't'>, e: DemoEvent, block = false) {
  const url = safeHttpUrl(e.join_url);
  if (!url) return block ? html`<p class="muted">${t('joinLater')}</p>` : nothing;
  const now = e.can_join;
  return html`<a
    class="button ${now ? 'join-now' : 'secondary'} ${block ? 'block' : ''}"
    part=${now ? 'join join-now' : 'join'}
    href=${url}
    target="_blank"
    rel="noopener noreferrer"
    >${t(now ? 'joinNow' : 'joinLink')}<span class="sr-only"> ${t('newTab', { name: e.name })}</span>${externalIcon}</a
  >`;
}
