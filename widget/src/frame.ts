/**
 * What the first-load module paints before any data arrives, and when none can:
 * the skeleton and the error state. The slot list itself (list/slot-list.ts) is fetched
 * alongside the slots.
 */
import { html, type TemplateResult } from 'lit';
import type { Key } from './i18n/keys.js';

/** Three placeholder cards with the same box as real ones: no layout shift when the list arrives. */
export const skeleton = () => html`<ul class="list skeleton" part="skeleton" aria-hidden="true">
  ${[0, 1, 2].map(
    () => html`<li class="slot">
      <div class="badge"></div>
      <div class="info"><div class="bone"></div><div class="bone"></div></div>
      <div class="actions"><div class="bone pill"></div></div>
    </li>`,
  )}
</ul>`;

/**
 * Its icon and styles come with the list chunk (requested beside the slots): when even that
 * chunk could not load, the state is plain text and a button, which is all it needs to be.
 */
export const errorState = (t: (key: Key) => string, title: Key, message: string, retry: () => void, alert?: TemplateResult) => html`<div class="state error" part="error error-state">
  ${alert}
  <p class="state-title">${t(title)}</p>
  <p class="muted">${message}</p>
  <button class="button secondary" part="button retry" type="button" @click=${retry}>${t('retry')}</button>
</div>`;
