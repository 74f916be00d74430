/**
 * What the first-load module paints before any data arrives, and when none can:
 * the skeleton and the error state. The slot list itself (list/slot-list.ts) is fetched
 * alongside the slots.
 */
import { html, svg } from 'lit';
import { icon } from './icons.js';

const alertIcon = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`);

/** Three placeholder cards with the same box as real ones: no layout shift when the list arrives. */
export const skeleton = () => html`<ul class="list skeleton" part="skeleton" aria-hidden="true">
  ${[0, 1, 2].map(
    () => html`<li class="slot">
      <div class="badge"></div>
      <div class="info"><div class="bone"></div><div class="bone"></div></div>
      <div class="actions"><div class="button bone"></div></div>
    </li>`,
  )}
</ul>`;

export const errorState = (title: string, message: string, retry: () => void) => html`<div class="state error" part="error error-state">
  ${alertIcon}
  <p class="state-title">${title}</p>
  <p class="muted">${message}</p>
  <button class="button secondary" part="button retry" type="button" @click=${retry}>Try again</button>
</div>`;
