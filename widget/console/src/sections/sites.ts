/**
 * The operator's site picker: every site, page by page; choosing one opens its console.
 * Below it, "Add a site": the new site is stored by the console and opened at once.
 */
import { css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isObject, list, parseSite, request, str, type Json } from '../api.js';
import { field, focusProblem, formError, linesOf, submitButton } from '../shared/form.js';
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
  static override styles = [ConsoleSection.styles, css`
    #add-form {
      margin-block-start: 1.5rem;
    }
  `];

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

  private readonly adding = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => parseSite(await request('/sites', { method: 'POST', body, signal })),
    onComplete: (site) => this.choose(site.id),
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#add-form', 'add-error');
    },
  });

  private readonly add = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.adding.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    void this.adding.run([
      {
        id: text('id').toLowerCase(),
        title: text('title'),
        seller: text('seller'),
        origins: linesOf(text('origins')),
        country: text('country').toUpperCase(),
        timezone: text('timezone'),
      },
    ]);
  };

  private renderAdd() {
    const busy = this.adding.status === TaskStatus.PENDING;
    const error = this.adding.status === TaskStatus.ERROR ? this.adding.error : undefined;
    const f = (spec: Omit<Parameters<typeof field>[0], 'form'>) => field({ ...spec, form: 'add', required: spec.name !== 'origins' }, error);
    return html`<form id="add-form" class="card stack" aria-labelledby="add-h" novalidate @submit=${this.add}>
      <h3 id="add-h">Add a site</h3>
      <p class="muted">The console stores it; set its secrets (API keys, console key) in its Settings afterwards.</p>
      <div class="grid-2">
        ${f({ name: 'id', label: 'Site id', hint: 'Lower-case letters, digits and dashes, such as acme-expo.' })}
        ${f({ name: 'title', label: 'Title', hint: 'The name customers see.' })}
        ${f({ name: 'seller', label: 'Popin seller id', hint: 'Sent to Popin as X-TOKEN.' })}
        ${f({ name: 'country', label: 'Country', hint: 'Two letters, such as IN.' })}
        ${f({ name: 'timezone', label: 'Timezone', hint: 'Such as Asia/Kolkata.' })}
      </div>
      ${f({ name: 'origins', label: 'Pages allowed to embed', type: 'textarea', hint: 'One origin per line, like https://shop.example (scheme and host, no path).' })}
      ${formError('add-error', error, ['id', 'title', 'seller', 'country', 'timezone', 'origins'], (e) =>
        e.code === 'site_exists' ? `${e.message} Choose another site id.` : undefined,
      )}
      <div class="row">${submitButton(busy, 'Add the site', 'Adding…')}</div>
    </form>`;
  }

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
            : nothing}
      ${this.actor === 'operator' ? this.renderAdd() : nothing}`;
  }
}

define('console-sites', ConsoleSites);

declare global {
  interface HTMLElementTagNameMap {
    'console-sites': ConsoleSites;
  }
}
