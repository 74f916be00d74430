/** The slot list and its loading, empty and error states. */
import { html, nothing } from 'lit';
import type { DemoEvent, Slots } from '../api.js';
import { alertIcon, calendarIcon, externalIcon } from './icons.js';

export interface SlotListActions {
  book(event: DemoEvent): void;
  askCancel(event: DemoEvent): void;
  confirmCancel(event: DemoEvent): void;
  keep(event: DemoEvent): void;
}

export interface SlotListState {
  /** Event whose "Cancel booking?" prompt is open. */
  confirming?: number;
  /** A cancellation is in flight. */
  cancelling: boolean;
}

const timeRange = (e: DemoEvent) => (e.end_time ? `${e.time} – ${e.end_time}` : e.time);

/** Screen-reader friendly one-line description of a slot. */
export const slotLabel = (e: DemoEvent) => `${e.name}, ${e.date} ${e.month}, ${timeRange(e)}`;

export const dateBadge = (e: DemoEvent) => html`
  <div class="badge" part="date">
    <span class="day">${e.date}</span>
    <span class="month">${e.month}</span>
  </div>
`;

export const slotText = (e: DemoEvent, booked = false) => html`
  <div class="info">
    <p class="name" part="slot-name">${e.name}</p>
    <p class="time" part="slot-time">
      <span>${timeRange(e)}</span>
      ${e.can_join ? html`<span class="tag live" part="tag live">Live now</span>` : nothing}
      ${booked ? html`<span class="tag" part="tag booked">Booked</span>` : nothing}
    </p>
  </div>
`;

/** "Join now" (prominent, when the event is live) or the plain join link. Only http(s) URLs reach here. */
export function joinLink(e: DemoEvent, variant: 'block' | 'inline' = 'inline') {
  if (!e.join_url) return nothing;
  const now = e.can_join;
  const classes = `button ${now ? 'join-now' : 'secondary'} ${variant === 'block' ? 'block' : ''}`;
  return html`<a
    class=${classes}
    part=${now ? 'join join-now' : 'join'}
    href=${e.join_url}
    target="_blank"
    rel="noopener noreferrer"
    >${now ? 'Join now' : 'Join link'}<span class="sr-only"> ${e.name} (opens in a new tab)</span>${externalIcon}</a
  >`;
}

function actions(e: DemoEvent, booked: boolean, state: SlotListState, on: SlotListActions) {
  if (state.confirming === e.id) {
    return html`<div class="confirm-cancel" part="confirm-cancel" role="group" aria-labelledby="cancel-q-${e.id}">
      <span id="cancel-q-${e.id}">Cancel booking?</span>
      <button
        class="button danger"
        part="button cancel-yes"
        type="button"
        aria-disabled=${state.cancelling ? 'true' : 'false'}
        @click=${() => on.confirmCancel(e)}
      >
        ${state.cancelling ? html`<span class="spinner" aria-hidden="true"></span>Cancelling…` : 'Yes, cancel'}
      </button>
      <button class="button secondary" part="button cancel-keep" type="button" data-keep=${e.id} @click=${() => on.keep(e)}>
        Keep
      </button>
    </div>`;
  }
  if (booked) {
    return html`${joinLink(e)}
      <button class="button quiet" part="button cancel" type="button" data-slot=${e.id} @click=${() => on.askCancel(e)}>
        Cancel<span class="sr-only"> booking for ${slotLabel(e)}</span>
      </button>`;
  }
  return html`<button class="button" part="button book" type="button" data-slot=${e.id} @click=${() => on.book(e)}>
    Book<span class="sr-only"> ${slotLabel(e)}</span>
  </button>`;
}

export function slotList(slots: Slots, state: SlotListState, on: SlotListActions) {
  const registered = new Set(slots.registered);
  return html`<ul class="list" part="list" aria-label="Upcoming demos">
    ${slots.events.map((e) => {
      const booked = registered.has(e.id);
      const cls = `slot${booked ? ' booked' : ''}${state.confirming === e.id ? ' confirming' : ''}`;
      return html`<li class=${cls} part=${booked ? 'slot slot-booked' : 'slot'}>
        ${dateBadge(e)} ${slotText(e, booked)}
        <div class="actions" part="actions">${actions(e, booked, state, on)}</div>
      </li>`;
    })}
  </ul>`;
}

/** Three placeholder cards with the same box as real ones: no layout shift when the list arrives. */
export const skeleton = () => html`<ul class="list skeleton" part="skeleton" aria-hidden="true">
  ${[0, 1, 2].map(
    () => html`<li class="slot">
      <div class="badge"><div class="bone"></div></div>
      <div class="info"><div class="bone line"></div><div class="bone line short"></div></div>
      <div class="actions"><div class="bone btn"></div></div>
    </li>`,
  )}
</ul>`;

export const emptyState = () => html`<div class="state" part="empty">
  ${calendarIcon}
  <p class="state-title">No demos scheduled right now</p>
  <p class="muted">New dates are added often. Check back soon.</p>
</div>`;

export const errorState = (message: string, retry: () => void) => html`<div class="state error" part="error error-state">
  ${alertIcon}
  <p class="state-title">Couldn't load demos</p>
  <p class="muted">${message}</p>
  <button class="button secondary" part="button retry" type="button" @click=${retry}>Try again</button>
</div>`;
