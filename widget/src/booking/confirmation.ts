/** After capture + register: the slot, where the join link goes, and the link itself. */
import { html, nothing } from 'lit';
import type { DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { dateBadge, slotText } from '../list/slot-list.js';
import { checkIcon } from './icons.js';

/** `join`: the join link (from the account chunk, loaded with the form) and any note under it. */
export function confirmation(host: BookingHost, event: DemoEvent, contact: string, done: () => void, join: unknown) {
  const { t } = host;
  // The number in bold where the language puts it, read left to right in every language.
  const [before, after] = t('sendTo').split('{contact}');
  return html`<section class="confirmation" part="confirmation" aria-labelledby="done-title">
    <div class="check" aria-hidden="true">${checkIcon}</div>
    <h3 id="done-title" part="confirmation-title" tabindex="-1">${t('youreBooked')}</h3>
    <div class="summary" part="summary">${dateBadge(host, event)} ${slotText(host, event, true)}</div>
    ${contact ? html`<p class="muted" part="contact">${before}<strong dir="ltr">${contact}</strong>${after}</p>` : nothing}
    ${join}
    <button class="button secondary" part="button done" type="button" @click=${done}>${t('backToAll')}</button>
  </section>`;
}
