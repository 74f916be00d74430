/** The operator's site picker: every site, page by page; choosing one opens its console. */
import { html, nothing } from 'lit';
import { TaskStatus } from '@lit/task';
import { isObject, list, request, str } from '../api.js';
import { CursorPager } from '../shared/pager.js';
import { ConsoleSection, define } from '../shared/section.js';
import { empty, failed, progress } from '../shared/states.js';

interface SiteRow {
  id: string;
  title: string;
  paused: boolean;
}

export class ConsoleSites extends ConsoleSection {
  static override properties = { ...ConsoleSection.properties, choose: { attribute: false } };

  /** Called with the chosen site id. */
  choose: (site: string) => void = () => {};

  private readonly pager = new CursorPager<SiteRow>(this, async (cursor, signal) => {
    const query = new URLSearchParams({ limit: '20' });
    if (cursor) query.set('cursor', cursor);
    const body = await request(`/sites?${query}`, { signal }).catch((error: unknown) => {
      this.failed(error);
      throw error;
    });
    const b = isObject(body) ? body : {};
    return { next: str(b.next_cursor), items: list(b.sites).map((s) => ({ id: str(s.id), title: str(s.title), paused: s.paused === true })) };
  });

  override render() {
    const { pager } = this;
    return html`<div class="section-head">
        <h2 tabindex="-1">Choose a site</h2>
        <p class="muted">You are signed in as an operator: pick the site to look after.</p>
      </div>
      ${pager.items.length
        ? html`<ul class="rows" aria-label="Sites">
            ${pager.items.map(
              (s) => html`<li>
                <dl><dt>Site</dt><dd>${s.title || s.id} <span class="muted">· ${s.id}</span></dd></dl>
                <dl><dt>Bookings</dt><dd><span class="tag ${s.paused ? 'warn' : 'ok'}">${s.paused ? 'Paused' : 'Open'}</span></dd></dl>
                <div class="row"><button class="button small" type="button" data-site=${s.id} @click=${() => this.choose(s.id)}>Open<span class="sr-only"> ${s.title || s.id}</span></button></div>
              </li>`,
            )}
          </ul>`
        : pager.loaded
          ? empty('No sites', 'Sites are configured in the worker (SITES).')
          : nothing}
      ${pager.task.status === TaskStatus.PENDING
        ? progress(pager.loaded ? 'Loading more sites…' : 'Loading sites…')
        : pager.task.status === TaskStatus.ERROR
          ? failed("Couldn't load the sites", pager.task.error, pager.loaded ? pager.more : pager.reload)
          : pager.next
            ? html`<p class="row"><button class="button secondary" type="button" @click=${pager.more}>Show more sites</button></p>`
            : nothing}`;
  }
}

define('console-sites', ConsoleSites);

declare global {
  interface HTMLElementTagNameMap {
    'console-sites': ConsoleSites;
  }
}
