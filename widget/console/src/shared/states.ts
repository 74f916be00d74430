/** What every section shows while it waits, when there is nothing, and when a request failed. */
import { html, nothing } from 'lit';
import { messageOf } from '../api.js';

/** A wait: a spinner and what is happening, announced politely. */
export const progress = (what: string) => html`<p class="progress" part="progress" role="status"><span class="spinner" aria-hidden="true"></span>${what}</p>`;

/** A failed load: what went wrong, what to do (from the API client), and a way to try again. */
export const failed = (title: string, error: unknown, retry?: () => void) => html`<div class="state error" part="error" role="alert">
  <p class="state-title">${title}</p>
  <p class="muted">${messageOf(error)}</p>
  ${retry ? html`<button class="button secondary" type="button" @click=${retry}>Try again</button>` : nothing}
</div>`;

export const empty = (title: string, hint: string) => html`<div class="state" part="empty">
  <p class="state-title">${title}</p>
  <p class="muted">${hint}</p>
</div>`;

/** "2 Dec 2026, 4:05 pm" in the reader's locale; the raw value when it is not a date. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
