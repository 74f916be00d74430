/**
 * The host's permanent EnableX room: its link and PINs (the moderator PIN is the seller's own:
 * shown here, never in the widget), its settings, and new PINs when old ones went around.
 */
import { html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { request, sitePath, type Json } from '../api.js';
import { CopyController } from '../shared/copy.js';
import { field, focusProblem, formError, submitButton } from '../shared/form.js';
import { ConsoleSection, define } from '../shared/section.js';
import { failed, progress } from '../shared/states.js';
import { parseRoom, type Room } from './data.js';

const FIELDS = ['name', 'description', 'moderators', 'participants', 'wait_for_moderator', 'knock', 'auto_recording'];

export class EnablexRoomPanel extends ConsoleSection {
  static override properties = { ...ConsoleSection.properties, room: { state: true } };

  private readonly copy = new CopyController(this);
  private room?: Room;

  private readonly load = new Task(this, {
    args: () => [this.site] as const,
    task: async ([site], { signal }) => parseRoom(await request(sitePath(site, '/enablex/room'), { signal })),
    onComplete: (room) => (this.room = room),
    onError: this.failed,
  });

  private readonly save = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => parseRoom(await request(sitePath(this.site, '/enablex/room'), { method: 'PATCH', body, signal })),
    onComplete: (room) => (this.room = room),
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#room-form', 'room-error');
    },
  });

  private readonly reset = new Task(this, {
    autoRun: false,
    task: async ([body]: readonly [Json], { signal }) => parseRoom(await request(sitePath(this.site, '/enablex/room/reset-pins'), { method: 'POST', body, signal })),
    onComplete: (room) => {
      this.room = room;
      this.renderRoot.querySelector<HTMLFormElement>('#pins-form')?.reset();
    },
    onError: this.failed,
  });

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    const room = this.room;
    if (!room || this.save.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Json = {
      name: text('name'),
      description: text('description'),
      moderators: text('moderators') === '' ? undefined : Number(text('moderators')),
      participants: text('participants') === '' ? undefined : Number(text('participants')),
      wait_for_moderator: form.has('wait_for_moderator'),
      knock: form.has('knock'),
      auto_recording: form.has('auto_recording'),
    };
    // Only what changed.
    for (const key of Object.keys(body)) if (body[key] === undefined || body[key] === room[key as keyof Room]) delete body[key];
    void this.save.run([body]);
  };

  private readonly submitPins = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.reset.status === TaskStatus.PENDING) return;
    const form = new FormData(event.target as HTMLFormElement);
    void this.reset.run([{ reset_mpin: form.has('reset_mpin'), reset_ppin: form.has('reset_ppin') }]);
  };

  private pin(key: string, label: string, value: string) {
    return html`<dl><dt>${label}</dt><dd class="row"><code class="num">${value || '—'}</code>${value ? this.copy.button(key, value, `the ${label.toLowerCase()}`) : nothing}</dd></dl>`;
  }

  private renderRoom(room: Room) {
    const error = this.save.status === TaskStatus.ERROR ? this.save.error : undefined;
    const check = (name: 'wait_for_moderator' | 'knock' | 'auto_recording', label: string) =>
      html`<label class="check"><input type="checkbox" name=${name} ?checked=${room[name]} />${label}</label>`;
    const f = (name: string, label: string, extra: Partial<Parameters<typeof field>[0]> = {}) => field({ form: 'room', name, label, ...extra }, error);
    return html`<ul class="rows">
        <li>
          <dl><dt>Room</dt><dd>${room.name}</dd></dl>
          <dl><dt>Link</dt><dd class="row">${room.direct_url ? html`<code>${room.direct_url}</code>${this.copy.button('room-link', room.direct_url, 'the room link')}` : '—'}</dd></dl>
        </li>
        <li>${this.pin('room-ppin', 'Participant PIN', room.ppin)} ${this.pin('room-mpin', 'Moderator PIN', room.mpin)}</li>
      </ul>
      <p class="muted">Keep the moderator PIN to yourself: whoever has it runs the room.</p>
      <form id="room-form" class="stack" @submit=${this.submit} aria-labelledby="room-settings-h" novalidate>
        <h4 id="room-settings-h">Settings</h4>
        ${f('name', 'Room name', { value: room.name, required: true })} ${f('description', 'Description', { type: 'textarea', value: room.description })}
        <div class="grid-2">
          ${f('moderators', 'Moderators', { type: 'number', inputmode: 'numeric', min: 1, value: String(room.moderators) })}
          ${f('participants', 'Participants', { type: 'number', inputmode: 'numeric', min: 0, value: String(room.participants) })}
        </div>
        <fieldset class="stack">
          <legend>Entry</legend>
          ${check('wait_for_moderator', 'Participants wait until a moderator joins')} ${check('knock', 'A moderator lets each participant in (knock)')}
          ${check('auto_recording', 'Record every session')}
        </fieldset>
        ${formError('room-error', error, FIELDS)}
        ${this.save.status === TaskStatus.COMPLETE ? html`<p class="note" role="status">Room settings saved.</p>` : nothing}
        <div class="row">${submitButton(this.save.status === TaskStatus.PENDING, 'Save room settings', 'Saving…')}</div>
      </form>
      <form id="pins-form" class="stack" @submit=${this.submitPins} aria-labelledby="pins-h" novalidate>
        <h4 id="pins-h">New PINs</h4>
        <p class="muted">The old PIN stops working at once: send the new one to whoever needs it.</p>
        <fieldset class="row">
          <legend class="sr-only">PINs to replace</legend>
          <label class="check"><input type="checkbox" name="reset_ppin" />Participant PIN</label>
          <label class="check"><input type="checkbox" name="reset_mpin" />Moderator PIN</label>
        </fieldset>
        ${formError('pins-error', this.reset.status === TaskStatus.ERROR ? this.reset.error : undefined, [])}
        ${this.reset.status === TaskStatus.COMPLETE ? html`<p class="note" role="status">New PINs are set; they are shown above.</p>` : nothing}
        <div class="row">${submitButton(this.reset.status === TaskStatus.PENDING, 'Replace the chosen PINs', 'Replacing…')}</div>
      </form>`;
  }

  override render() {
    return html`<section class="card stack" aria-labelledby="room-h">
      <h3 id="room-h" tabindex="-1">Permanent room</h3>
      <p class="muted">Your own EnableX room, always open: for demos you run without scheduling them.</p>
      ${this.copy.status()}
      ${this.room
        ? this.renderRoom(this.room)
        : this.load.render({
            pending: () => progress('Loading the permanent room…'),
            error: (error) => failed("Couldn't load the permanent room", error, () => void this.load.run()),
          })}
    </section>`;
  }
}

define('enablex-room-panel', EnablexRoomPanel);

declare global {
  interface HTMLElementTagNameMap {
    'enablex-room-panel': EnablexRoomPanel;
  }
}
