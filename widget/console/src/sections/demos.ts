/**
 * Demos: the site's upcoming demos, each with the customers booked on it. "Refresh" reads
 * them again (a booking made in the widget shows up there); so does coming back to the tab.
 * A demo shows its first bookings and "Show all N bookings": a busy site's demos hold hundreds,
 * and drawing them all made this, the console's first page, take seconds (BENCHMARKS.md 2d).
 */
import { css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isObject, list, request, sitePath, str } from '../api.js';
import { ConsoleSection, define } from '../shared/section.js';
import theme from '../shared/theme.styles.js';
import { empty, failed, progress, when } from '../shared/states.js';

interface Booking {
  user_id: string;
  name: string;
  mobile: string;
  booked_at: string;
  page: string;
  tentimes_status: string;
}

interface Demo {
  id: string;
  name: string;
  date: string;
  month: string;
  time: string;
  end_time: string;
  can_join: boolean;
  bookings: Booking[];
}

function parse(body: unknown): { demos: Demo[]; stale: boolean } {
  const b = isObject(body) ? body : {};
  return {
    stale: b.stale === true,
    demos: list(b.demos).map((d) => ({
      id: str(d.id),
      name: str(d.name),
      date: str(d.date),
      month: str(d.month),
      time: str(d.time),
      end_time: str(d.end_time),
      can_join: d.can_join === true,
      bookings: list(d.bookings).map((k) => ({
        user_id: str(k.user_id),
        name: str(k.name),
        mobile: str(k.mobile),
        booked_at: str(k.booked_at),
        page: str(k.page),
        tentimes_status: str(k.tentimes_status),
      })),
    })),
  };
}

const TENTIMES: Record<string, string> = { done: 'ok', dead: 'bad', pending: 'warn', sending: 'warn' };

/** Bookings a demo shows before "Show all". */
export const FIRST_BOOKINGS = 10;

export class ConsoleDemos extends ConsoleSection {
  static override properties = { ...ConsoleSection.properties, expanded: { state: true } };

  /** Demos whose bookings are all shown. */
  private expanded = new Set<string>();

  static override styles = [
    theme,
    css`
      .demo {
        display: grid;
        gap: 0.75rem;
      }

      .demo-head {
        display: flex;
        align-items: center;
        gap: 0.875rem;
      }

      .demo-head .time {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.5rem;
        color: var(--_muted);
        font-size: 0.875rem;
      }
    `,
  ];

  private readonly demos = new Task(this, {
    args: () => [this.site] as const,
    task: async ([site], { signal }) => parse(await request(sitePath(site, '/demos'), { signal })),
    onError: this.failed,
  });

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.demos.status !== TaskStatus.PENDING) void this.demos.run();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    this.demos.abort();
  }

  private booking(b: Booking) {
    return html`<li>
      <dl><dt>Name</dt><dd>${b.name || '—'}</dd></dl>
      <dl><dt>Mobile</dt><dd class="num">${b.mobile}</dd></dl>
      <dl><dt>Booked</dt><dd>${when(b.booked_at)}</dd></dl>
      <dl><dt>From page</dt><dd>${b.page || '—'}</dd></dl>
      ${b.tentimes_status
        ? html`<dl><dt>10times</dt><dd><span class="tag ${TENTIMES[b.tentimes_status] ?? ''}">${b.tentimes_status}</span></dd></dl>`
        : nothing}
    </li>`;
  }

  /** Shows every booking of the demo and moves focus to the first one that was hidden (the button is gone). */
  private showAll(id: string) {
    this.expanded = new Set(this.expanded).add(id);
    void this.updateComplete.then(() => {
      const next = this.renderRoot.querySelector<HTMLElement>(`[data-demo="${CSS.escape(id)}"] .rows > li:nth-child(${FIRST_BOOKINGS + 1})`);
      next?.setAttribute('tabindex', '-1');
      next?.focus();
    });
  }

  private demo(d: Demo) {
    const n = d.bookings.length;
    return html`<li class="card demo" data-demo=${d.id}>
      <div class="demo-head">
        <div class="badge" aria-hidden="true"><span class="day">${d.date}</span><span class="month">${d.month}</span></div>
        <div>
          <h3>${d.name}</h3>
          <p class="time">
            <span>${d.date} ${d.month}, ${d.time}${d.end_time ? ` – ${d.end_time}` : ''}</span>
            ${d.can_join ? html`<span class="tag bad">Live now</span>` : nothing}
            <span class="tag ${n ? 'ok' : ''}">${n} booking${n === 1 ? '' : 's'}</span>
          </p>
        </div>
      </div>
      ${n
        ? html`<ul class="rows" aria-label="Bookings for ${d.name}">${(this.expanded.has(d.id) ? d.bookings : d.bookings.slice(0, FIRST_BOOKINGS)).map((b) => this.booking(b))}</ul>
            ${n > FIRST_BOOKINGS && !this.expanded.has(d.id)
              ? html`<p class="row"><button class="button secondary small" type="button" data-show-all=${d.id} @click=${() => this.showAll(d.id)}>
                  Show all ${n} bookings<span class="sr-only"> for ${d.name}</span>
                </button></p>`
              : nothing}`
        : html`<p class="muted">No bookings yet.</p>`}
    </li>`;
  }

  override render() {
    const busy = this.demos.status === TaskStatus.PENDING;
    const value = this.demos.value;
    return html`<div class="section-head">
        <h2 tabindex="-1">Demos</h2>
        <button class="button secondary small" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || void this.demos.run()}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>Refreshing…` : 'Refresh'}
        </button>
        <p class="muted">Upcoming demos and the customers booked on each.</p>
      </div>
      ${this.demos.render({
        pending: () => (value ? this.list(value) : progress('Loading demos…')),
        complete: (v) => this.list(v),
        error: (error) => failed("Couldn't load the demos", error, () => void this.demos.run()),
      })}`;
  }

  private list({ demos, stale }: { demos: Demo[]; stale: boolean }) {
    return html`${stale ? html`<p class="note warn" role="note">Popin is not answering: this is the last list we had. Refresh in a minute.</p>` : nothing}
      ${demos.length
        ? html`<ul class="stack" aria-label="Upcoming demos">${demos.map((d) => this.demo(d))}</ul>`
        : empty('No demos scheduled', 'Demos you schedule in Popin show up here with their bookings.')}`;
  }
}

define('console-demos', ConsoleDemos);

declare global {
  interface HTMLElementTagNameMap {
    'console-demos': ConsoleDemos;
  }
}
