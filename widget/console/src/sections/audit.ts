/** Audit log: who did what in the console (sign-ins, pause, PGi, forgotten customers), newest first, page by page. */
import { html, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { isObject, list, request, sitePath, str } from '../api.js';
import { CursorPager } from '../shared/pager.js';
import { ConsoleSection, define } from '../shared/section.js';
import { empty, failed, progress, when } from '../shared/states.js';

interface Entry {
  at: string;
  actor: string;
  action: string;
  detail: string;
}

/** `detail` may be text or an object: shown as short "key: value" text either way. */
function detailText(v: unknown): string {
  if (isObject(v)) return Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : str(x)}`).join(', ');
  return str(v);
}

export class ConsoleAudit extends ConsoleSection {
  private readonly pager = new CursorPager<Entry>(this, async (cursor, signal) => {
    const query = cursor ? `?${new URLSearchParams({ cursor })}` : '';
    const body = await request(sitePath(this.site, `/audit${query}`), { signal }).catch((error: unknown) => {
      this.failed(error);
      throw error;
    });
    const b = isObject(body) ? body : {};
    return {
      next: str(b.next_cursor),
      items: list(b.entries).map((e) => ({ at: str(e.at), actor: str(e.actor), action: str(e.action), detail: detailText(e.detail) })),
    };
  });

  override render() {
    const { pager } = this;
    return html`<div class="section-head">
        <h2 tabindex="-1">Audit log</h2>
        <button class="button secondary small" type="button" @click=${pager.reload}>Refresh</button>
        <p class="muted">Every change made in the console, newest first.</p>
      </div>
      ${pager.items.length
        ? html`<ul class="rows" aria-label="Audit log entries">
            ${pager.items.map(
              (e) => html`<li>
                <dl><dt>When</dt><dd>${when(e.at)}</dd></dl>
                <dl><dt>Who</dt><dd>${e.actor}</dd></dl>
                <dl><dt>What</dt><dd><code>${e.action}</code></dd></dl>
                <dl><dt>Detail</dt><dd>${e.detail || '—'}</dd></dl>
              </li>`,
            )}
          </ul>`
        : pager.loaded
          ? empty('Nothing logged yet', 'Sign-ins and changes made here are listed as they happen.')
          : nothing}
      ${pager.task.status === TaskStatus.PENDING
        ? progress(pager.loaded ? 'Loading older entries…' : 'Loading the audit log…')
        : pager.task.status === TaskStatus.ERROR
          ? failed("Couldn't load the audit log", pager.task.error, pager.loaded ? pager.more : pager.reload)
          : pager.next
            ? html`<p class="row"><button class="button secondary" type="button" @click=${pager.more}>Show older entries</button></p>`
            : nothing}`;
  }
}

define('console-audit', ConsoleAudit);

declare global {
  interface HTMLElementTagNameMap {
    'console-audit': ConsoleAudit;
  }
}
