/**
 * Schedule an EnableX demo, or edit one: the fields EnableX needs, the start in the site's
 * time zone. The worker's 422 (its own checks or EnableX's codes, e.g. 1601 for a past start)
 * shows under the field it concerns.
 */
import { html } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { request, sitePath, type Json } from '../api.js';
import { field, focusProblem, formError, submitButton } from '../shared/form.js';
import { ConsoleSection, define } from '../shared/section.js';
import { parseMeeting, type Meeting } from './data.js';

const FIELDS = ['name', 'description', 'start_time', 'duration', 'moderators', 'participants', 'timezone_id', 'wait_for_moderator', 'knock', 'auto_recording'];

export class EnablexMeetingForm extends ConsoleSection {
  static override properties = {
    ...ConsoleSection.properties,
    meeting: { attribute: false },
    timezone: {},
    timezoneId: {},
    done: { attribute: false },
    close: { attribute: false },
  };

  /** The meeting being edited; none: a new one. */
  meeting?: Meeting;
  timezone = '';
  timezoneId = '';
  done: (meeting: Meeting, edited: boolean) => void = () => undefined;
  close: () => void = () => undefined;

  private readonly save = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => {
      const path = this.meeting ? `/enablex/meetings/${encodeURIComponent(this.meeting.meeting_id)}` : '/enablex/meetings';
      return parseMeeting(await request(sitePath(this.site, path), { method: this.meeting ? 'PATCH' : 'POST', body, signal }));
    },
    onComplete: (meeting) => this.done(meeting, this.meeting !== undefined),
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#meeting-form', 'meeting-error');
    },
  });

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.save.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const whole = (name: string) => (text(name) === '' ? undefined : Number(text(name)));
    const body: Json = {
      name: text('name'),
      description: text('description'),
      start_time: text('start_time'),
      duration: whole('duration'),
      moderators: whole('moderators'),
      participants: whole('participants'),
      wait_for_moderator: form.has('wait_for_moderator'),
      knock: form.has('knock'),
      auto_recording: form.has('auto_recording'),
    };
    if (text('timezone_id')) body.timezone_id = text('timezone_id');
    const m = this.meeting;
    if (m) {
      // Only what changed: an unchanged start of a live demo is not sent back (EnableX would call it past).
      const before: Json = { name: m.name, description: m.description, start_time: m.start_local, duration: m.duration, moderators: m.moderators, participants: m.participants, wait_for_moderator: m.wait_for_moderator, knock: m.knock, auto_recording: m.auto_recording };
      for (const key of Object.keys(before)) if (body[key] === before[key]) delete body[key];
      if (body.start_time === undefined) delete body.timezone_id;
    } else if (!body.description) delete body.description;
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    void this.save.run([body]);
  };

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  override render() {
    const m = this.meeting;
    const error = this.save.status === TaskStatus.ERROR ? this.save.error : undefined;
    const busy = this.save.status === TaskStatus.PENDING;
    const f = (name: string, label: string, extra: Partial<Parameters<typeof field>[0]> = {}) => field({ form: 'meeting', name, label, ...extra }, error);
    const check = (name: 'wait_for_moderator' | 'knock' | 'auto_recording', label: string) =>
      html`<label class="check"><input type="checkbox" name=${name} ?checked=${m?.[name] ?? false} />${label}</label>`;
    return html`<form id="meeting-form" class="card stack" @submit=${this.submit} aria-labelledby="meeting-h" novalidate>
      <h3 id="meeting-h" tabindex="-1">${m ? `Edit “${m.name}”` : 'Schedule a demo'}</h3>
      ${f('name', 'Title', { value: m?.name ?? '', required: true, hint: '3 to 50 characters; customers see it in the widget.' })}
      ${f('description', 'Description', { type: 'textarea', value: m?.description ?? '' })}
      <div class="grid-2">
        ${f('start_time', 'Start', { type: 'datetime-local', value: m?.start_local ?? '', required: true, hint: `In ${this.timezone || "the site's time zone"}.` })}
        ${f('duration', 'Duration (minutes)', { type: 'number', inputmode: 'numeric', min: 10, max: 1440, value: m ? String(m.duration) : '30', required: true })}
        ${f('moderators', 'Moderators', { type: 'number', inputmode: 'numeric', min: 1, value: m ? String(m.moderators) : '1', required: true })}
        ${f('participants', 'Participants (seats)', { type: 'number', inputmode: 'numeric', min: 0, value: m ? String(m.participants) : '20', required: true, hint: 'Customers who can book it.' })}
      </div>
      ${f('timezone_id', 'EnableX time zone id', {
        inputmode: 'numeric',
        value: m?.timezone_id || this.timezoneId,
        hint: this.timezoneId ? `The site's default (${this.timezone}).` : `EnableX's id for ${this.timezone || "the site's time zone"}.`,
      })}
      <fieldset class="stack">
        <legend>Entry</legend>
        ${check('wait_for_moderator', 'Participants wait until a moderator joins')} ${check('knock', 'A moderator lets each participant in (knock)')}
        ${check('auto_recording', 'Record every session')}
      </fieldset>
      ${formError('meeting-error', error, FIELDS)}
      <div class="row">
        ${submitButton(busy, m ? 'Save changes' : 'Schedule demo', m ? 'Saving…' : 'Scheduling…')}
        <button class="button secondary" type="button" @click=${() => this.close()}>Back to the list</button>
      </div>
    </form>`;
  }
}

define('enablex-meeting-form', EnablexMeetingForm);

declare global {
  interface HTMLElementTagNameMap {
    'enablex-meeting-form': EnablexMeetingForm;
  }
}
