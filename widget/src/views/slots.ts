/** The slot list and its loading, empty and error states: the first paint. */
import { html, nothing } from 'lit';
import type { DemoEvent, Slots } from '../api.js';
import type { Account } from '../account.js';
import { alertIcon, calendarIcon } from './icons.js';

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
      ${booked ? html`<span class="tag booked" part="tag booked">Booked</span>` : nothing}
    </p>
  </div>
`;

/**
 * The list. Booked slots (a returning customer's) get their actions from the account
 * chunk, which is loaded before such a list is ever rendered.
 */
export function slotList(slots: Slots, book: (e: DemoEvent) => void, acct?: Account) {
  const registered = new Set(acct ? slots.registered : []);
  return html`<ul class="list" part="list" aria-label="Upcoming demos">
    ${slots.events.map((e) => {
      const booked = registered.has(e.id);
      const cls = `slot${booked ? ' booked' : ''}${acct?.confirming === e.id ? ' confirming' : ''}`;
      return html`<li class=${cls} part=${booked ? 'slot slot-booked' : 'slot'}>
        ${dateBadge(e)} ${slotText(e, booked)}
        <div class="actions" part="actions">
          ${booked
            ? acct!.actions(e)
            : html`<button class="button" part="button book" type="button" data-slot=${e.id} @click=${() => book(e)}>
                Book<span class="sr-only"> ${slotLabel(e)}</span>
              </button>`}
        </div>
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
