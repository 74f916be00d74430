/**
 * Poll results of one EnableX demo, per session (conf_num): each poll's question, its options
 * as bars with their counts written beside them (the bars only repeat the text, for the eye),
 * and the number of responders. A CSV of the same figures can be downloaded.
 */
import { css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { request, sitePath } from '../api.js';
import { ConsoleSection, define } from '../shared/section.js';
import { empty, failed, progress, when } from '../shared/states.js';
import { parsePolls, type Meeting, type Poll, type PollSession } from './data.js';

const percent = (count: number, total: number) => (total > 0 ? Math.round((count / total) * 100) : 0);

export class EnablexPollResults extends ConsoleSection {
  static override properties = {
    ...ConsoleSection.properties,
    meeting: { attribute: false },
    close: { attribute: false },
    session: { state: true },
    sessions: { state: true },
  };

  static override styles = [
    ConsoleSection.styles,
    css`
      .chart {
        display: grid;
        gap: 0.5rem;
      }

      .bar-row {
        display: grid;
        grid-template-columns: minmax(6rem, 12rem) 1fr 5.5rem;
        align-items: center;
        gap: 0.5rem 0.75rem;
      }

      .track {
        block-size: 0.875rem;
        border-radius: 999px;
        background: var(--_surface-2);
        overflow: hidden;
      }

      .bar {
        display: block;
        block-size: 100%;
        min-inline-size: 2px;
        border-radius: 999px;
        background: var(--_accent);
      }

      .count {
        text-align: end;
        font-variant-numeric: tabular-nums;
        font-size: 0.875rem;
        white-space: nowrap;
      }

      @media (max-width: 30rem) {
        .bar-row {
          grid-template-columns: 1fr 5.5rem;
        }

        .track {
          grid-column: 1 / -1;
          grid-row: 2;
        }
      }
    `,
  ];

  meeting?: Meeting;
  close: () => void = () => undefined;
  /** '' = every session. */
  private session = '';

  private readonly polls = new Task(this, {
    args: () => [this.site, this.meeting?.meeting_id ?? '', this.session] as const,
    task: async ([site, id, session], { signal }) => {
      const query = session ? `?conf_num=${encodeURIComponent(session)}` : '';
      return parsePolls(await request(sitePath(site, `/enablex/meetings/${encodeURIComponent(id)}/polls${query}`), { signal }));
    },
    onComplete: (sessions) => {
      if (!this.session) this.sessions = sessions.map((s) => s.conf_num);
    },
    onError: this.failed,
  });

  /** Every session seen in the unfiltered answer, for the filter. */
  private sessions: number[] = [];

  /**
   * Bar lengths are set through the CSSOM: the console's CSP (style-src 'self') refuses style
   * attributes, which is what a first render of styleMap writes.
   */
  protected override updated(): void {
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('.bar[data-share]')) bar.style.inlineSize = `${bar.dataset.share}%`;
  }

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  private chart(poll: Poll) {
    const qid = `poll-${poll.id}`;
    const base = Math.max(poll.total_responders, ...poll.options.map((o) => o.count), 1);
    return html`<li class="card stack" aria-labelledby=${qid}>
      <h5 id=${qid} class="question">${poll.question}</h5>
      <p class="muted">
        ${poll.status === 'draft' ? html`<span class="tag warn">Draft: not asked</span> ` : nothing}${poll.multiple ? 'Several answers allowed. ' : 'One answer each. '}
        <strong>${poll.total_responders}</strong> ${poll.total_responders === 1 ? 'responder' : 'responders'}${poll.asked_at && poll.status === 'polled' ? `, asked ${when(poll.asked_at)}` : ''}.
      </p>
      <ul class="chart" aria-label="Answers to: ${poll.question}">
        ${poll.options.map(
          (o) => html`<li class="bar-row">
            <span class="label">${o.label}</span>
            <span class="track" aria-hidden="true"><span class="bar" data-share=${String((o.count / base) * 100)}></span></span>
            <span class="count">${o.count} (${percent(o.count, poll.total_responders)}%)</span>
          </li>`,
        )}
      </ul>
    </li>`;
  }

  private results(sessions: PollSession[]) {
    if (!sessions.length) return empty('No poll results yet', 'Polls asked during this demo show here once a session has ended.');
    return html`${sessions.map(
      (s) => html`<section class="stack" aria-labelledby="session-${s.conf_num}">
        <h4 id="session-${s.conf_num}">Session ${s.conf_num}</h4>
        <ul class="stack">${s.polls.map((p) => this.chart(p))}</ul>
      </section>`,
    )}`;
  }

  override render() {
    const id = encodeURIComponent(this.meeting?.meeting_id ?? '');
    const csv = `/console/v1${sitePath(this.site, `/enablex/meetings/${id}/polls.csv`)}${this.session ? `?conf_num=${encodeURIComponent(this.session)}` : ''}`;
    return html`<section class="card stack" aria-labelledby="polls-h">
      <h3 id="polls-h" tabindex="-1">Poll results for “${this.meeting?.name ?? ''}”</h3>
      <div class="row">
        ${this.sessions.length > 1
          ? html`<div class="field">
              <label for="poll-session">Session</label>
              <select id="poll-session" @change=${(e: Event) => (this.session = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.session}>Every session</option>
                ${this.sessions.map((n) => html`<option value=${String(n)} ?selected=${this.session === String(n)}>Session ${n}</option>`)}
              </select>
            </div>`
          : nothing}
        <a class="button secondary small" href=${csv} download>Download CSV</a>
        <button class="button secondary small" type="button" @click=${() => this.close()}>Back to the list</button>
      </div>
      ${this.polls.render({
        pending: () => progress('Loading poll results…'),
        error: (error) => failed("Couldn't load the poll results", error, () => void this.polls.run()),
        complete: (sessions) => this.results(sessions),
      })}
    </section>`;
  }
}

define('enablex-poll-results', EnablexPollResults);

declare global {
  interface HTMLElementTagNameMap {
    'enablex-poll-results': EnablexPollResults;
  }
}
