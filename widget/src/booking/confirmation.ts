/** After capture + register: the slot, where the join link goes, and the link itself. */
import { html, nothing } from 'lit';
import type { DemoEvent } from '../api.js';
import { dateBadge, slotText } from '../list/slot-list.js';
import { checkIcon } from './icons.js';

/** `join`: the join link (from the account chunk, loaded with the form) and any note under it. */
export function confirmation(event: DemoEvent, contact: string, done: () => void, join: unknown) {
  return html`<section class="confirmation" part="confirmation" aria-labelledby="done-title">
    <div class="check" aria-hidden="true">${checkIcon}</div>
    <h3 id="done-title" part="confirmation-title" tabindex="-1">You're booked!</h3>
    <div class="summary" part="summary">${dateBadge(event)} ${slotText(event, true)}</div>
    ${contact
      ? html`<p class="muted" part="contact">We'll also send the join link to <strong>${contact}</strong>.</p>`
      : nothing}
    ${join}
    <button class="button secondary" part="button done" type="button" @click=${done}>Back to all demos</button>
  </section>`;
}
