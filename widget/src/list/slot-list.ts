/**
 * The slot list, the empty state and the subtitle, with their styles and the slots
 * response's parser: fetched alongside the slots (in parallel with the request, so the
 * list still renders once) rather than shipped in the first-load module, which paints
 * the frame and skeleton. The booking form and the account chunk reuse the slot text
 * from here.
 */
import { html, nothing } from 'lit';
import type { DemoEvent, SiteInfo, Slots } from '../api.js';
import type { BookingDetail } from '../events.js';
import type { AccountView, BookingHost } from '../host.js';
import { en } from '../i18n/i18n.js';
import strings from './en.js';
import { calendarIcon } from './icons.js';
import type { Panel } from './panel.js';
import { parseSlots as parse } from './parse-slots.js';
import { warmFonts } from './fonts.js';
import { nextTask } from '../tasks.js';
import { customerZone, slotTimes, warmIntl, zoneName } from './times.js';

Object.assign(en, strings);

type Host = Pick<BookingHost, 't' | 'locale'>;

/** Focuses the first match in `host`'s shadow root after its next render (the account and booking chunks use it too). */
export async function focusLater(host: BookingHost, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}

export { alertIcon } from './icons.js';
export { Panel } from './panel.js';

let warming: Promise<void> | undefined;

/**
 * What the list's first render would otherwise load in its own task, made as soon as this chunk
 * arrives, while the slots request is out, one step per task: the browser's Intl data and the
 * list's formatters (times.ts warmIntl), and its fonts (fonts.ts). The fonts' steps do not wait
 * for the Intl data: they run while its worklet is still at work on another thread (intl-data.ts).
 * Their text is the title in the widget's language and the digits (the script of the language's
 * month names is the title's).
 */
export const warm = (host: Host & HTMLElement) =>
  // A warm-up only saves time: whatever it could not do, the list's render does.
  (warming ??= Promise.allSettled([warmFonts(host, `${host.t('title')} 0123456789`), warmIntl(host.locale)]).then(() => undefined));

/**
 * The slots response, checked, once what its list needs is made: the language's formatters and
 * the fonts (warm, while the request was out), then in a task of its own the seller's zone's
 * formatters, which only the response names. The list then renders in a task of its own, which
 * makes none of them.
 */
export async function parseSlots(host: Host & HTMLElement, body: unknown, status: number): Promise<Slots> {
  const slots = parse(body, status);
  await warm(host);
  if (slots.events[0]) {
    await nextTask();
    slotTimes(host.locale, slots.events[0]);
    await nextTask();
  }
  return slots;
}
export { default as styles } from './list.styles.js';

/**
 * "Acme Gadgets · Times in Greenwich Mean Time": the customer's own zone, in which the slots are
 * shown when the API gives their instants (list/times.ts); else the seller's, as Popin wrote them.
 */
export function subtitle(host: Host, { title, timezone }: SiteInfo, events: DemoEvent[] = []): string {
  const zone = zoneName(host.locale, events.some((e) => e.starts_at) ? customerZone() : timezone);
  return [title, zone && host.t('timesIn', { zone })].filter(Boolean).join(' · ');
}

/** The slot in event details for the host page: only its public fields, never the join URL. */
export function slotDetail({ id, name, date, month, time, end_time, starts_at, ends_at }: DemoEvent): BookingDetail {
  return { event: { id, name, date, month, time, end_time, starts_at, ends_at } };
}

/** Screen-reader friendly one-line description of a slot. */
export const slotLabel = (host: Host, e: DemoEvent, t = slotTimes(host.locale, e)) =>
  host.t('slot', { name: e.name, day: t.day, month: t.month, time: t.range });

export const dateBadge = (host: Host, e: DemoEvent, t = slotTimes(host.locale, e)) => html`
  <div class="badge" part="date">
    <span class="day">${t.day}</span>
    <span class="month">${t.month}</span>
  </div>
`;

export const slotText = (host: Host, e: DemoEvent, booked = false, t = slotTimes(host.locale, e)) => html`
  <div class="info">
    <p class="name" part="slot-name">${e.name}</p>
    <p class="time" part="slot-time">
      <span>${t.range}</span>
      ${t.seller ? html`<span class="seller-time" part="seller-time">(${t.seller})</span>` : nothing}
      ${e.can_join || e.enablex?.live ? html`<span class="tag live" part="tag live">${host.t('live')}</span>` : nothing}
      ${booked ? html`<span class="tag booked" part="tag booked">${host.t('booked')}</span>` : nothing}
    </p>
  </div>
`;

/** Slots rendered at once in a long list; the rest follow in tasks of their own, STEP at a time. */
const FIRST = 20;
const STEP = 40;
/** How many slots an element has shown: it only grows, so a reload (after a booking) never shortens a list being read. */
const shown = new WeakMap<BookingHost, number>();

/**
 * The list, or the empty state. Booked slots (a returning customer's) get their actions
 * from the account chunk, which is loaded before such a list is ever rendered.
 */
export function slotList(host: BookingHost, slots: Slots, panel: Panel, acct?: AccountView) {
  const { t } = host;
  if (!slots.events.length) {
    return html`<div class="state" part="empty">
      ${calendarIcon}
      <p class="state-title">${t('none')}</p>
      <p class="muted">${t('noneHint')}</p>
    </div>`;
  }
  const registered = new Set(acct ? slots.registered : []);
  const paused = slots.site.paused;
  // The booking form's code, fetched before the first click (list/panel.ts); not on a paused site, where nothing can be booked.
  const early = paused ? undefined : panel.prefetch;
  if (early) panel.prefetchSoon();
  // A seller with 200 demos: the first screenful paints in the answer's task, not all 200 (npm run bench, scale).
  const count = shown.get(host) ?? FIRST;
  if (count < slots.events.length) setTimeout(() => shown.get(host) == count && (shown.set(host, count + STEP), host.requestUpdate()));
  shown.set(host, count);
  // The seller paused bookings in the console: the demos stay visible, without Book buttons.
  // pointerover: a mouse over the list, and a finger touching it (before its pointerdown); touchstart for touch screens that send no pointer events first.
  return html`${paused ? html`<p class="paused" part="paused" role="note"><strong>${t('paused')}</strong> ${t('pausedHint')}</p>` : nothing}<ul
    class="list"
    part="list"
    aria-label=${t('upcoming')}
    @pointerover=${early}
    @focusin=${early}
    @touchstart=${early}
  >
    ${slots.events.slice(0, count).map((e) => {
      const booked = registered.has(e.id);
      const cls = `slot${booked ? ' booked' : ''}${acct?.confirming === e.id ? ' confirming' : ''}`;
      return html`<li class=${cls} part=${booked ? 'slot slot-booked' : 'slot'}>
        ${dateBadge(host, e)} ${slotText(host, e, booked)}
        <div class="actions" part="actions">
          ${booked
            ? acct!.actions(e)
            : paused
              ? nothing
              : e.enablex?.full
                ? html`<span class="tag full" part="tag full">${t('full')}</span>`
                : html`<button class="button" part="button book" type="button" data-slot=${e.id} @click=${() => panel.open(e)}>
                ${t('book')}<span class="sr-only"> ${slotLabel(host, e)}</span>
              </button>`}
        </div>
        ${booked ? acct!.extra(e) : nothing}
      </li>`;
    })}
  </ul>`;
}

/** What the status region announces when the list (re)loads. */
export function listSummary({ t }: Host, { events: { length: n }, site }: Slots): string {
  return n ? (site.paused ? `${t('listed', { n })} ${t('paused')}` : t('available', { n })) : `${t('none')}.`;
}
