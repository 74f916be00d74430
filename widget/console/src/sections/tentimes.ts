/**
 * 10times outbox: where this site's 10times registrations are (pending, sending, done, dead with
 * the reason, cancelled) and the leads 10times pushed that could not be captured. The shape is
 * the outbox report (worker/src/tentimes/outbox.ts, also behind GET /admin/tentimes).
 */
import { css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ConsoleError, isObject, list, request, sitePath, str } from '../api.js';
import { ConsoleSection, define } from '../shared/section.js';
import theme from '../shared/theme.styles.js';
import { empty, failed, progress, when } from '../shared/states.js';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function parse(body: unknown) {
  const b = isObject(body) ? body : {};
  const counts = isObject(b.counts) ? b.counts : {};
  const pushes = isObject(b.pushes) ? b.pushes : {};
  return {
    counts: { pending: num(counts.pending), sending: num(counts.sending), done: num(counts.done), dead: num(counts.dead), cancelled: num(counts.cancelled) },
    cancelledAfterRegistration: num(b.cancelledAfterRegistration),
    notQueued: num(b.notQueued),
    dead: list(b.dead).map((d) => ({ key: str(d.key), event_id: str(d.event_id), attempts: num(d.attempts), reason: str(d.reason), at: str(d.at) })),
    pushes: {
      captured: num(pushes.captured),
      rejected: num(pushes.rejected),
      failed: num(pushes.failed),
      recent: list(pushes.recent).map((p) => ({ id: str(p.id), outcome: str(p.outcome), reason: str(p.reason), at: str(p.at) })),
    },
  };
}

type Report = ReturnType<typeof parse>;

export class ConsoleTentimes extends ConsoleSection {
  static override styles = [
    theme,
    css`
      .counts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
        gap: 0.625rem;
      }

      .count {
        display: grid;
        gap: 0.125rem;
        padding: 0.75rem 1rem;
      }

      .count dd {
        font-size: 1.5rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }

      .count dt {
        color: var(--_muted);
        font-size: 0.8125rem;
        font-weight: 600;
      }

      .count.bad dd {
        color: var(--_danger);
      }
    `,
  ];

  private readonly report = new Task(this, {
    args: () => [this.site] as const,
    task: async ([site], { signal }) => parse(await request(sitePath(site, '/tentimes'), { signal })),
    onError: this.failed,
  });

  private count(label: string, n: number, bad = false) {
    return html`<dl class="card count ${bad && n ? 'bad' : ''}"><dd>${n}</dd><dt>${label}</dt></dl>`;
  }

  private body(r: Report) {
    const { counts } = r;
    return html`<div class="stack">
      <h3>Registrations sent to 10times</h3>
      <div class="counts">
        ${this.count('Done', counts.done)} ${this.count('Waiting', counts.pending + counts.sending)} ${this.count('Failed for good', counts.dead, true)}
        ${this.count('Cancelled before sending', counts.cancelled)}
      </div>
      ${r.cancelledAfterRegistration
        ? html`<p class="note warn">${r.cancelledAfterRegistration} customer${r.cancelledAfterRegistration === 1 ? '' : 's'} cancelled after 10times had them: 10times has no cancel call, so cancel them in 10times' dashboard.</p>`
        : nothing}
      ${r.notQueued ? html`<p class="note">${r.notQueued} waiting to be handed to the queue; the worker retries this by itself.</p>` : nothing}
      ${r.dead.length
        ? html`<ul class="rows" aria-label="Registrations that failed for good">
            ${r.dead.map(
              (d) => html`<li>
                <dl><dt>Customer and demo</dt><dd><code>${d.key}</code></dd></dl>
                <dl><dt>Attempts</dt><dd class="num">${d.attempts}</dd></dl>
                <dl><dt>Last try</dt><dd>${when(d.at)}</dd></dl>
                <dl><dt>Reason (from 10times)</dt><dd>${d.reason || '—'}</dd></dl>
              </li>`,
            )}
          </ul>`
        : nothing}
      <h3>Leads pushed by 10times</h3>
      <div class="counts">${this.count('Captured', r.pushes.captured)} ${this.count('Rejected', r.pushes.rejected, true)} ${this.count('Failed', r.pushes.failed, true)}</div>
      ${r.pushes.recent.length
        ? html`<ul class="rows" aria-label="Pushes not captured">
            ${r.pushes.recent.map(
              (p) => html`<li>
                <dl><dt>Received</dt><dd>${when(p.at)}</dd></dl>
                <dl><dt>Outcome</dt><dd><span class="tag bad">${p.outcome}</span></dd></dl>
                <dl><dt>Reason</dt><dd>${p.reason || '—'}</dd></dl>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  override render() {
    const busy = this.report.status === TaskStatus.PENDING;
    const off = this.record && !this.record.tentimes;
    return html`<div class="section-head">
        <h2 tabindex="-1">10times outbox</h2>
        ${off
          ? nothing
          : html`<button class="button secondary small" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || void this.report.run()}>
              ${busy ? html`<span class="spinner" aria-hidden="true"></span>Refreshing…` : 'Refresh'}
            </button>`}
        <p class="muted">Customers who book here are registered with 10times too; this is where each one stands.</p>
      </div>
      ${off
        ? empty('10times is off for this site', 'Add the tentimes option to this site in the worker’s SITES to register bookings with 10times.')
        : this.report.render({
            pending: () => (this.report.value ? this.body(this.report.value) : progress('Loading the 10times outbox…')),
            complete: (r) => this.body(r),
            error: (error) =>
              error instanceof ConsoleError && error.status === 404
                ? empty('10times is off for this site', 'Add the tentimes option to this site in the worker’s SITES to register bookings with 10times.')
                : failed("Couldn't load the 10times outbox", error, () => void this.report.run()),
          })}`;
  }
}

define('console-tentimes', ConsoleTentimes);

declare global {
  interface HTMLElementTagNameMap {
    'console-tentimes': ConsoleTentimes;
  }
}
