/**
 * Leads: everyone who gave the widget their details, page by page, a CSV download, and
 * "Forget this customer" (after a confirm step) for a person who asks to be forgotten.
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isObject, list, messageOf, request, sitePath, str } from '../api.js';
import { CursorPager } from '../shared/pager.js';
import { ConsoleSection, define } from '../shared/section.js';
import { empty, failed, progress, when } from '../shared/states.js';

interface Lead {
  user_id: string;
  name: string;
  mobile: string;
  first_seen: string;
  last_seen: string;
  bookings: number;
  page: string;
}

const PAGE = 25;

export class ConsoleLeads extends ConsoleSection {
  static override properties = { ...ConsoleSection.properties, confirming: { state: true }, message: { state: true } };

  /** The lead whose "Forget?" prompt is open. */
  private confirming = '';
  private message = '';

  private readonly pager = new CursorPager<Lead>(this, async (cursor, signal) => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const body = await request(sitePath(this.site, `/leads?${query}`), { signal }).catch((error: unknown) => {
      this.failed(error);
      throw error;
    });
    const b = isObject(body) ? body : {};
    return {
      next: str(b.next_cursor),
      items: list(b.leads).map((l) => ({
        user_id: str(l.user_id),
        name: str(l.name),
        mobile: str(l.mobile),
        first_seen: str(l.first_seen),
        last_seen: str(l.last_seen),
        bookings: typeof l.bookings === 'number' ? l.bookings : 0,
        page: str(l.page),
      })),
    };
  });

  private readonly forgetting = new Task(this, {
    autoRun: false,
    task: async ([lead]: readonly [Lead], { signal }) => {
      await request(sitePath(this.site, `/customers/${encodeURIComponent(lead.user_id)}`), { method: 'DELETE', signal });
      return lead;
    },
    onComplete: (lead) => {
      this.pager.remove((l) => l.user_id === lead.user_id);
      this.confirming = '';
      this.message = `Forgot ${lead.name || lead.mobile}: their details and bookings are gone from the console.`;
      void this.focusHeading();
    },
    onError: (error) => {
      this.failed(error);
      this.message = messageOf(error);
    },
  });

  private ask(lead: Lead | undefined, focus: string) {
    this.confirming = lead?.user_id ?? '';
    this.message = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  private lead(l: Lead) {
    const confirming = this.confirming === l.user_id;
    const busy = confirming && this.forgetting.status === TaskStatus.PENDING;
    const who = l.name || l.mobile;
    return html`<li data-lead=${l.user_id}>
      <dl><dt>Name</dt><dd>${l.name || '—'}</dd></dl>
      <dl><dt>Mobile</dt><dd class="num">${l.mobile}</dd></dl>
      <dl><dt>First seen</dt><dd>${when(l.first_seen)}</dd></dl>
      <dl><dt>Last seen</dt><dd>${when(l.last_seen)}</dd></dl>
      <dl><dt>Bookings</dt><dd class="num">${l.bookings}</dd></dl>
      <dl><dt>From page</dt><dd>${l.page || '—'}</dd></dl>
      ${confirming
        ? html`<div class="row" role="group" aria-labelledby="forget-q-${l.user_id}">
            <span id="forget-q-${l.user_id}">Forget ${who}? This cannot be undone.</span>
            <button class="button danger small" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || void this.forgetting.run([l])}>
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>Forgetting…` : 'Yes, forget'}
            </button>
            <button class="button secondary small" type="button" data-keep=${l.user_id} @click=${() => this.ask(undefined, `[data-forget="${l.user_id}"]`)}>Keep</button>
          </div>`
        : html`<div class="row">
            <button class="button secondary small" type="button" data-forget=${l.user_id} @click=${() => this.ask(l, `[data-keep="${l.user_id}"]`)}>
              Forget<span class="sr-only"> ${who}</span>
            </button>
          </div>`}
    </li>`;
  }

  override render() {
    const { pager } = this;
    const loading = pager.task.status === TaskStatus.PENDING;
    return html`<div class="section-head">
        <h2 tabindex="-1">Leads</h2>
        <a class="button secondary small" href="/console/v1/sites/${encodeURIComponent(this.site)}/leads.csv" download>Download CSV</a>
        <p class="muted">Everyone who gave their name and mobile number in the widget.</p>
      </div>
      <p class="sr-only" role="status" aria-live="polite">${this.message}</p>
      <div class="stack">
      ${this.message ? html`<p class="note" aria-hidden="true">${this.message}</p>` : nothing}
      ${pager.items.length
        ? html`<ul class="rows" aria-label="Leads">${pager.items.map((l) => this.lead(l))}</ul>`
        : pager.loaded
          ? empty('No leads yet', 'People who book a demo in the widget show up here.')
          : nothing}
      ${loading
        ? progress(pager.loaded ? 'Loading more leads…' : 'Loading leads…')
        : pager.task.status === TaskStatus.ERROR
          ? failed("Couldn't load the leads", pager.task.error, pager.loaded ? pager.more : pager.reload)
          : pager.next
            ? html`<p class="row"><button class="button secondary" type="button" @click=${pager.more}>Show more leads</button></p>`
            : nothing}
      </div>`;
  }
}

define('console-leads', ConsoleLeads);

declare global {
  interface HTMLElementTagNameMap {
    'console-leads': ConsoleLeads;
  }
}
