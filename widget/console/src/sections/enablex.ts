/**
 * EnableX demos: the site's EnableX meetings (upcoming, live, past), scheduling, editing and
 * cancelling them, each one's waiting room (lobby) and poll results, and the host's permanent
 * room. Sites without the enablex option see how to get it.
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { ConsoleError, messageOf, request, sitePath } from '../api.js';
import { CopyController } from '../shared/copy.js';
import { ConsoleSection, define } from '../shared/section.js';
import { empty, failed, progress } from '../shared/states.js';
import { localWhen, parseMeetingPage, STAGES, type Meeting, type MeetingPage, type Stage } from '../enablex/data.js';
import '../enablex/lobby-editor.js';
import '../enablex/meeting-form.js';
import '../enablex/poll-results.js';
import '../enablex/room-panel.js';

type View = { kind: 'list' } | { kind: 'schedule' } | { kind: 'edit' | 'lobby' | 'polls'; meeting: Meeting };

type Focusable = HTMLElement & { focusHeading?: () => Promise<void> };

export class ConsoleEnablex extends ConsoleSection {
  static override properties = {
    ...ConsoleSection.properties,
    stage: { state: true },
    page: { state: true },
    view: { state: true },
    confirming: { state: true },
    notice: { state: true },
  };

  private readonly copy = new CopyController(this);
  private stage: Stage = 'upcoming';
  private page = 1;
  private view: View = { kind: 'list' };
  /** The meeting whose cancellation is being confirmed. */
  private confirming = '';
  /** What the last action did (announced, shown above the list). */
  private notice = '';

  private readonly meetings = new Task(this, {
    args: () => [this.site, this.stage, this.page] as const,
    task: async ([site, stage, page], { signal }) => parseMeetingPage(await request(sitePath(site, `/enablex/meetings?stage=${stage}&page=${page}`), { signal })),
    onError: this.failed,
  });

  private readonly cancelling = new Task(this, {
    autoRun: false,
    task: async ([meeting]: readonly [Meeting], { signal }) => {
      await request(sitePath(this.site, `/enablex/meetings/${encodeURIComponent(meeting.meeting_id)}`), { method: 'DELETE', signal });
      return meeting;
    },
    onComplete: (meeting) => {
      this.confirming = '';
      this.notice = `“${meeting.name}” is cancelled.`;
      void this.meetings.run();
      void this.focusIn('#notice');
    },
    onError: (error) => {
      this.failed(error);
      void this.focusIn('#cancel-error');
    },
  });

  private async focusIn(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Opens a panel (form, lobby, polls) and moves focus to its heading. */
  private async open(view: View): Promise<void> {
    this.view = view;
    this.confirming = '';
    this.notice = '';
    await this.updateComplete;
    const panel = this.renderRoot.querySelector<Focusable>('.panel > *');
    await panel?.focusHeading?.();
  }

  private readonly back = (notice = '') => {
    const from = this.view;
    this.view = { kind: 'list' };
    this.notice = notice;
    if (notice) void this.meetings.run();
    void this.updateComplete.then(() => {
      const id = 'meeting' in from ? from.meeting.meeting_id : '';
      const target = notice ? '#notice' : id ? `[data-meeting="${CSS.escape(id)}"] h3` : '#schedule';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  };

  private readonly done = (meeting: Meeting, edited: boolean) => {
    if (!edited && meeting.stage !== 'current') this.stage = 'upcoming';
    this.back(edited ? `“${meeting.name}” is saved.` : `“${meeting.name}” is scheduled for ${localWhen(meeting.start_local)}.`);
  };

  private chooseStage(stage: Stage): void {
    this.stage = stage;
    this.page = 1;
    this.notice = '';
    this.confirming = '';
  }

  private meeting(m: Meeting) {
    const confirming = this.confirming === m.meeting_id;
    const busy = this.cancelling.status === TaskStatus.PENDING;
    const live = m.stage === 'current';
    const changeable = m.stage !== 'past';
    return html`<li class="card stack" data-meeting=${m.meeting_id}>
      <div>
        <h3 tabindex="-1">${m.name}</h3>
        <p class="muted">
          ${localWhen(m.start_local)} · ${m.duration} min · ${m.participants} seats
          ${live ? html` <span class="tag bad">Live now</span>` : nothing}${m.knock ? html` <span class="tag">Knock</span>` : nothing}${m.auto_recording
            ? html` <span class="tag">Recorded</span>`
            : nothing}
        </p>
        ${m.description ? html`<p>${m.description}</p>` : nothing}
      </div>
      <ul class="rows">
        <li>
          ${this.secret(`ppin-${m.meeting_id}`, 'Participant PIN', m.ppin)} ${this.secret(`mpin-${m.meeting_id}`, 'Moderator PIN', m.mpin)}
          ${m.direct_url ? html`<dl><dt>Link</dt><dd><a href=${m.direct_url} target="_blank" rel="noopener noreferrer">Open the room<span class="sr-only"> for ${m.name} (new tab)</span></a></dd></dl>` : nothing}
        </li>
      </ul>
      <div class="row">
        ${changeable ? html`<button class="button secondary small" type="button" @click=${() => this.open({ kind: 'edit', meeting: m })}>Edit<span class="sr-only"> ${m.name}</span></button>` : nothing}
        ${changeable ? html`<button class="button secondary small" type="button" @click=${() => this.open({ kind: 'lobby', meeting: m })}>Waiting room<span class="sr-only"> of ${m.name}</span></button>` : nothing}
        <button class="button secondary small" type="button" @click=${() => this.open({ kind: 'polls', meeting: m })}>Poll results<span class="sr-only"> of ${m.name}</span></button>
        ${changeable && !confirming
          ? html`<button class="button danger small" type="button" @click=${() => this.askCancel(m)}>Cancel demo<span class="sr-only"> ${m.name}</span></button>`
          : nothing}
      </div>
      ${confirming
        ? html`<div class="note warn stack" id="confirm-${m.meeting_id}" role="group" aria-labelledby="confirm-${m.meeting_id}-text" tabindex="-1">
            <p id="confirm-${m.meeting_id}-text"><strong>Cancel “${m.name}”?</strong> EnableX deletes the meeting; customers who booked it can no longer join.</p>
            ${this.cancelling.status === TaskStatus.ERROR ? html`<p class="form-error" id="cancel-error" role="alert" tabindex="-1">${messageOf(this.cancelling.error)}</p>` : nothing}
            <div class="row">
              <button class="button danger small" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => busy || void this.cancelling.run([m])}>
                ${busy ? html`<span class="spinner" aria-hidden="true"></span>Cancelling…` : 'Yes, cancel it'}
              </button>
              <button class="button secondary small" type="button" @click=${() => this.keep(m)}>Keep it</button>
            </div>
          </div>`
        : nothing}
    </li>`;
  }

  private askCancel(m: Meeting): void {
    this.confirming = m.meeting_id;
    this.notice = '';
    void this.focusIn(`#confirm-${CSS.escape(m.meeting_id)}`);
  }

  private keep(m: Meeting): void {
    this.confirming = '';
    void this.focusIn(`[data-meeting="${CSS.escape(m.meeting_id)}"] h3`);
  }

  private secret(key: string, label: string, value: string) {
    return html`<dl><dt>${label}</dt><dd class="row"><code class="num">${value || '—'}</code>${value ? this.copy.button(key, value, `the ${label.toLowerCase()}`) : nothing}</dd></dl>`;
  }

  private list(page: MeetingPage) {
    const label = STAGES.find(([s]) => s === page.stage)?.[1] ?? '';
    return html`${page.meetings.length
        ? html`<ul class="stack" aria-label="${label} EnableX demos">${page.meetings.map((m) => this.meeting(m))}</ul>`
        : empty(
            page.stage === 'upcoming' ? 'No upcoming EnableX demos' : page.stage === 'current' ? 'No demo is live right now' : 'No past EnableX demos',
            page.stage === 'upcoming' ? 'Schedule one: customers can book it in the widget.' : 'They show here with their poll results.',
          )}
      ${page.page > 1 || page.next_page
        ? html`<div class="row">
            ${page.page > 1 ? html`<button class="button secondary small" type="button" @click=${() => (this.page = page.page - 1)}>Previous page</button>` : nothing}
            ${page.next_page ? html`<button class="button secondary small" type="button" @click=${() => (this.page = page.next_page ?? 1)}>Next page</button>` : nothing}
          </div>`
        : nothing}`;
  }

  private renderList() {
    const value = this.meetings.value;
    return html`<div class="stack">
      ${this.notice ? html`<p class="note" id="notice" role="status" tabindex="-1">${this.notice}</p>` : nothing}
      <div class="row">
        <div class="row" role="group" aria-label="Which demos">
          ${STAGES.map(
            ([stage, label]) => html`<button
              class="button small ${stage === this.stage ? '' : 'secondary'}"
              type="button"
              aria-pressed=${stage === this.stage ? 'true' : 'false'}
              @click=${() => this.chooseStage(stage)}
            >
              ${label}
            </button>`,
          )}
        </div>
      </div>
      ${this.meetings.render({
        pending: () => (value && value.stage === this.stage ? this.list(value) : progress('Loading EnableX demos…')),
        complete: (page) => this.list(page),
        error: (error) => failed("Couldn't load the EnableX demos", error, () => void this.meetings.run()),
      })}
    </div>`;
  }

  private renderPanel() {
    const view = this.view;
    const page = this.meetings.value;
    switch (view.kind) {
      case 'schedule':
      case 'edit':
        return html`<enablex-meeting-form
          site=${this.site}
          .meeting=${view.kind === 'edit' ? view.meeting : undefined}
          timezone=${page?.timezone ?? this.record?.timezone ?? ''}
          timezoneId=${page?.timezone_id ?? ''}
          .done=${this.done}
          .close=${() => this.back()}
        ></enablex-meeting-form>`;
      case 'lobby':
        return html`<enablex-lobby-editor site=${this.site} .meeting=${view.meeting} .close=${() => this.back()}></enablex-lobby-editor>`;
      case 'polls':
        return html`<enablex-poll-results site=${this.site} .meeting=${view.meeting} .close=${() => this.back()}></enablex-poll-results>`;
      default:
        return nothing;
    }
  }

  private notConfigured() {
    return this.meetings.status === TaskStatus.ERROR && this.meetings.error instanceof ConsoleError && this.meetings.error.code === 'enablex_not_configured';
  }

  override render() {
    const head = html`<div class="section-head">
      <h2 tabindex="-1">EnableX demos</h2>
      ${this.view.kind === 'list' && !this.notConfigured()
        ? html`<button class="button small" id="schedule" type="button" @click=${() => this.open({ kind: 'schedule' })}>Schedule a demo</button>`
        : nothing}
      <p class="muted">Demos hosted in EnableX video meetings: customers book them in the widget next to your Popin demos.</p>
    </div>`;
    if (this.notConfigured()) {
      return html`${head}
        <div class="state" part="empty">
          <p class="state-title">EnableX is not set up for this site</p>
          <p class="muted">Ask the operator to turn on the site's <code>enablex</code> option (and, if you host under one EnableX user, its <code>userId</code>).</p>
        </div>`;
    }
    return html`${head}${this.copy.status()}
      <div class="stack">
        ${this.view.kind === 'list' ? html`<section class="stack" aria-label="EnableX meetings">${this.renderList()}</section>` : html`<div class="panel">${this.renderPanel()}</div>`}
        ${this.view.kind === 'list' ? html`<enablex-room-panel site=${this.site}></enablex-room-panel>` : nothing}
      </div>`;
  }
}

define('console-enablex', ConsoleEnablex);

declare global {
  interface HTMLElementTagNameMap {
    'console-enablex': ConsoleEnablex;
  }
}
