/**
 * The slot list, the empty state and the subtitle, with their styles and the slots
 * response's parser: fetched alongside the slots (in parallel with the request, so the
 * list still renders once) rather than shipped in the first-load module, which paints
 * the frame and skeleton. The booking form and the account chunk reuse the slot text
 * from here.
 */
import { css, html, nothing, svg } from 'lit';
import type { DemoEvent, SiteInfo, Slots } from '../api.js';
import type { BookingDetail } from '../events.js';
import type { AccountView, ListHost } from '../host.js';
import { icon } from '../icons.js';
import { parseSlots as parse } from './parse-slots.js';
import { customerZone, slotTimes, zoneName } from './times.js';

/** The error state's icon (the state itself is first-load markup, frame.ts). */
export const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);

const calendarIcon = icon(svg`<rect x="3" y="4.5" width="18" height="16" rx="2.5"/><path d="M3 9.5h18M8 2.5v4M16 2.5v4"/>`);

/**
 * The slots response, checked, once the formatters its list needs are made: the page's first Intl
 * formatter costs far more than any after it (the browser loads its locale data once: 40-180 ms
 * here before CPU slowdown) and each kind loads more (ranges, zone names), so they are made one
 * per task before the list renders, instead of all inside the render's task.
 */
export async function parseSlots(body: unknown, status: number): Promise<Slots> {
  const slots = parse(body, status);
  for (const step of [customerZone, () => subtitle(slots.site, slots.events), () => slots.events[0] && slotTimes(slots.events[0])]) {
    await new Promise((resolve) => setTimeout(resolve));
    step();
  }
  return slots;
}

/**
 * "Acme Gadgets · Times in Greenwich Mean Time": the customer's own zone, in which the slots are
 * shown when the API gives their instants (list/times.ts); else the seller's, as Popin wrote them.
 */
export function subtitle({ title, timezone }: SiteInfo, events: DemoEvent[] = []): string {
  const tz = zoneName(events.some((e) => e.starts_at) ? customerZone() : timezone);
  return [title, tz && `Times in ${tz}`].filter(Boolean).join(' · ');
}

/** The slot in event details for the host page: only its public fields, never the join URL. */
export function slotDetail({ id, name, date, month, time, end_time, starts_at, ends_at }: DemoEvent): BookingDetail {
  return { event: { id, name, date, month, time, end_time, starts_at, ends_at } };
}

/** Screen-reader friendly one-line description of a slot. */
export const slotLabel = (e: DemoEvent, t = slotTimes(e)) => `${e.name}, ${t.day} ${t.month}, ${t.range}`;

export const dateBadge = (e: DemoEvent, t = slotTimes(e)) => html`
  <div class="badge" part="date">
    <span class="day">${t.day}</span>
    <span class="month">${t.month}</span>
  </div>
`;

export const slotText = (e: DemoEvent, booked = false, t = slotTimes(e)) => html`
  <div class="info">
    <p class="name" part="slot-name">${e.name}</p>
    <p class="time" part="slot-time">
      <span>${t.range}</span>
      ${t.seller ? html`<span class="seller-time" part="seller-time">(${t.seller})</span>` : nothing}
      ${e.can_join ? html`<span class="tag live" part="tag live">Live now</span>` : nothing}
      ${booked ? html`<span class="tag booked" part="tag booked">Booked</span>` : nothing}
    </p>
  </div>
`;

/** Loads the booking form's code (the form, account and phone chunks) once, unless already there. */
const prefetch = (host: ListHost) => host.panel.status || void host.panel.run();

/**
 * The form is fetched before the first click, so that it opens at once: when a Book button is
 * hovered, focused or touched, or once the list has painted and the page is idle (a page that
 * is never booked from pays nothing before its list is on screen).
 */
function prefetchSoon(host: ListHost) {
  // Each render asks again until it has started: the first to run loads it, the others find it loading.
  // The frame after this render paints the list; the task after that frame is after its paint.
  requestAnimationFrame(() => setTimeout(() => (globalThis.requestIdleCallback ?? setTimeout)(() => prefetch(host), { timeout: 3000 })));
}

/**
 * The list, or the empty state. Booked slots (a returning customer's) get their actions
 * from the account chunk, which is loaded before such a list is ever rendered.
 */
export function slotList(slots: Slots, host: ListHost, acct?: AccountView) {
  if (!slots.events.length) return emptyState;
  const registered = new Set(acct ? slots.registered : []);
  const paused = slots.site.paused;
  if (!paused && !host.panel.status) prefetchSoon(host);
  // pointerover: a mouse over the list, and a finger touching it (before its pointerdown).
  const early = () => prefetch(host);
  return html`${paused ? pausedNote : nothing}<ul class="list" part="list" aria-label="Upcoming demos" @pointerover=${early} @focusin=${early}>
    ${slots.events.map((e) => {
      const booked = registered.has(e.id);
      const cls = `slot${booked ? ' booked' : ''}${acct?.confirming === e.id ? ' confirming' : ''}`;
      return html`<li class=${cls} part=${booked ? 'slot slot-booked' : 'slot'}>
        ${dateBadge(e)} ${slotText(e, booked)}
        <div class="actions" part="actions">
          ${booked
            ? acct!.actions(e)
            : paused
              ? nothing
              : html`<button class="button" part="button book" type="button" data-slot=${e.id} @click=${() => host.openForm(e)}>
                Book<span class="sr-only"> ${slotLabel(e)}</span>
              </button>`}
        </div>
        ${booked ? acct!.extra(e) : nothing}
      </li>`;
    })}
  </ul>`;
}

const NONE = 'No demos scheduled right now';

/** What the status region announces when the list (re)loads. */
export function listSummary({ events: { length: n }, site }: Slots): string {
  return n ? `${n} demo${n === 1 ? '' : 's'}${site.paused ? `. ${PAUSED}` : ' available.'}` : `${NONE}.`;
}

const PAUSED = 'Bookings are paused.';

/** The seller paused bookings in the console: the demos stay visible, without Book buttons. */
const pausedNote = html`<p class="paused" part="paused" role="note"><strong>${PAUSED}</strong> New bookings will open again soon.</p>`;

const emptyState = html`<div class="state" part="empty">
  ${calendarIcon}
  <p class="state-title">${NONE}</p>
  <p class="muted">New dates are added often. Check back soon.</p>
</div>`;

/** The slot cards' content; their box (shared with the skeleton) is first-load CSS. */
export const styles = css`
  :host {
    --_accent-soft: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
    /* Accent-coloured text on the surface (badges, links): the accent's hue and chroma with its
       lightness kept dark enough on light surfaces and light enough on dark ones, whatever accent is set. */
    --_accent-text: var(
      --popin-accent-text,
      light-dark(lch(from var(--_accent) min(l, 45) c h), lch(from var(--_accent) max(l, 68) c h))
    );
    --_danger: var(--popin-danger, light-dark(#c5221f, #ff9c94));
  }

  .slot:hover {
    border-color: color-mix(in srgb, var(--_accent) 40%, var(--_border));
  }

  .badge {
    background: var(--_accent-soft);
    color: var(--_accent-text);
  }

  .day {
    font-size: 1.375rem;
    font-weight: 700;
  }

  .month {
    margin-top: 0.1875rem;
    font-size: 0.75rem;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }

  .name {
    font-weight: 600;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .time {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-top: 0.1875rem;
    color: var(--_muted);
    font-size: 0.875rem;
    font-variant-numeric: tabular-nums;
  }

  .time > :first-child {
    white-space: nowrap;
  }

  .tag {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    padding: 0.0625rem 0.5rem;
    border-radius: 62rem;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 10%, var(--_surface));
  }

  .live::before {
    content: '';
    width: 0.4375rem;
    height: 0.4375rem;
    border-radius: 50%;
    background: currentColor;
  }

  .paused {
    margin-block-end: 0.75rem;
    padding: 0.625rem 0.875rem;
    border-radius: var(--_r);
    border-inline-start: 0.25rem solid var(--_accent);
    background: var(--_accent-soft);
    font-size: 0.9375rem;
  }

  /* Secondary buttons: every chunk that has one loads after this one. */
  .secondary {
    background: var(--_surface);
    color: var(--_text);
    border-color: var(--_border);
  }

  .secondary:hover {
    background: var(--_surface-2);
    filter: none;
  }

  /* Empty and error states: the error state is first-load markup, styled once this chunk,
     requested beside the slots, arrives (plain text and a button if even that fails). */
  .state {
    display: grid;
    justify-items: center;
    gap: 0.5rem;
    padding: 2rem 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    text-align: center;
  }

  .state svg {
    width: 2rem;
    height: 2rem;
    color: var(--_muted);
  }

  .error svg {
    color: var(--_danger);
  }

  .state-title {
    font-weight: 600;
  }

  .state .button {
    margin-top: 0.5rem;
  }

  @container popin (max-width: 24rem) {
    .day {
      font-size: 1.25rem;
    }
  }
`;
