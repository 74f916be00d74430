/**
 * The lobby (waiting room) of one EnableX demo: what customers see before it starts. EnableX
 * shows one kind (messages, images or a video), with background audio beside messages or
 * images, or audio alone. Images and the audio are uploaded or given by URL. The limits of
 * EnableX's document are checked by the worker; its messages show under the group they concern.
 */
import { css, html, nothing } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { request, sitePath } from '../api.js';
import { fieldErrorsOf, focusProblem, formError, submitButton } from '../shared/form.js';
import { ConsoleSection, define } from '../shared/section.js';
import { failed, progress } from '../shared/states.js';
import { parseLobby, type LobbyView, type Meeting } from './data.js';

type Kind = 'message' | 'image' | 'video' | 'audio';
interface ImageRow {
  url: string;
  caption: string;
  file?: File;
}

const GROUPS = ['options', 'message', 'image', 'audio', 'video'];

export class EnablexLobbyEditor extends ConsoleSection {
  static override properties = {
    ...ConsoleSection.properties,
    meeting: { attribute: false },
    close: { attribute: false },
    kind: { state: true },
    withAudio: { state: true },
    messages: { state: true },
    images: { state: true },
    audioUrl: { state: true },
    videoUrl: { state: true },
  };

  static override styles = [
    ConsoleSection.styles,
    css`
      .lobby-row {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];

  meeting?: Meeting;
  close: (saved: boolean) => void = () => undefined;
  private kind: Kind = 'message';
  private withAudio = false;
  private messages: string[] = [''];
  private images: ImageRow[] = [{ url: '', caption: '' }];
  private audioUrl = '';
  private audioFile?: File;
  private videoUrl = '';

  private readonly load = new Task(this, {
    args: () => [this.site, this.meeting?.meeting_id ?? ''] as const,
    task: async ([site, id], { signal }) => parseLobby(await request(sitePath(site, `/enablex/meetings/${encodeURIComponent(id)}/lobby`), { signal })),
    onComplete: (lobby) => this.fill(lobby),
    onError: this.failed,
  });

  private readonly save = new Task(this, {
    autoRun: false,
    task: async ([form]: readonly [FormData], { signal }) =>
      parseLobby(await request(sitePath(this.site, `/enablex/meetings/${encodeURIComponent(this.meeting?.meeting_id ?? '')}/lobby`), { method: 'PUT', body: form, signal })),
    onComplete: (lobby) => {
      this.fill(lobby);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#lobby-saved')?.focus());
    },
    onError: (error) => {
      this.failed(error);
      void focusProblem(this, '#lobby-form', 'lobby-error');
    },
  });

  private fill(lobby: LobbyView): void {
    const { options } = lobby;
    this.kind = options.message ? 'message' : options.image ? 'image' : options.video ? 'video' : options.audio ? 'audio' : 'message';
    this.withAudio = options.audio && (options.message || options.image);
    this.messages = lobby.message.length ? [...lobby.message] : [''];
    this.images = lobby.image.length ? lobby.image.map((i) => ({ ...i })) : [{ url: '', caption: '' }];
    this.audioUrl = lobby.audio[0] ?? '';
    this.audioFile = undefined;
    this.videoUrl = lobby.video[0] ?? '';
  }

  private readonly submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (this.save.status === TaskStatus.PENDING) return;
    const form = new FormData();
    const audio = this.kind === 'audio' || ((this.kind === 'message' || this.kind === 'image') && this.withAudio);
    const lobby: Record<string, unknown> = {
      options: { message: this.kind === 'message', image: this.kind === 'image', video: this.kind === 'video', audio },
    };
    let n = 0;
    const attach = (file: File) => {
      const name = `file${n++}`;
      form.append(name, file, file.name);
      return name;
    };
    if (this.kind === 'message') lobby.message = this.messages.map((text) => ({ text: text.trim() })).filter((m) => m.text);
    if (this.kind === 'image') {
      lobby.image = this.images
        .filter((i) => i.file || i.url.trim())
        .map((i) => ({ ...(i.file ? { file: attach(i.file) } : { url: i.url.trim() }), ...(i.caption.trim() ? { caption: i.caption.trim() } : {}) }));
    }
    if (audio) lobby.audio = this.audioFile ? [{ file: attach(this.audioFile) }] : this.audioUrl.trim() ? [{ url: this.audioUrl.trim() }] : [];
    if (this.kind === 'video') lobby.video = this.videoUrl.trim() ? [{ url: this.videoUrl.trim() }] : [];
    form.append('lobby', JSON.stringify(lobby));
    void this.save.run([form]);
  };

  override async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h3')?.focus();
  }

  /** The worker's messages for a group, shown under its legend. */
  private problems(group: string) {
    const messages = this.save.status === TaskStatus.ERROR ? fieldErrorsOf(this.save.error)[group] : undefined;
    return messages ? html`<p class="field-error" id="lobby-${group}-error">${messages.join(' ')}</p>` : nothing;
  }

  private invalid(group: string) {
    return this.save.status === TaskStatus.ERROR && fieldErrorsOf(this.save.error)[group] ? 'true' : 'false';
  }

  private described(group: string) {
    return this.invalid(group) === 'true' ? `lobby-${group}-error` : nothing;
  }

  private renderMessages() {
    return html`<fieldset class="stack">
      <legend>Messages (a slideshow, ${5} to ${100} characters each)</legend>
      ${this.problems('message')}
      <ol class="stack">
        ${this.messages.map(
          (text, i) => html`<li class="lobby-row">
            <label class="sr-only" for="lobby-message-${i}">Message ${i + 1}</label>
            <input
              id="lobby-message-${i}"
              maxlength="100"
              .value=${text}
              aria-invalid=${i === 0 ? this.invalid('message') : 'false'}
              aria-describedby=${i === 0 ? this.described('message') : nothing}
              @input=${(e: Event) => (this.messages = this.messages.map((m, j) => (j === i ? (e.target as HTMLInputElement).value : m)))}
            />
            ${this.messages.length > 1
              ? html`<button class="button secondary small" type="button" aria-label="Remove message ${i + 1}" @click=${() => (this.messages = this.messages.filter((_, j) => j !== i))}>Remove</button>`
              : nothing}
          </li>`,
        )}
      </ol>
      <div class="row"><button class="button secondary small" type="button" @click=${() => (this.messages = [...this.messages, ''])}>Add a message</button></div>
    </fieldset>`;
  }

  private renderImages() {
    const set = (i: number, change: Partial<ImageRow>) => (this.images = this.images.map((row, j) => (j === i ? { ...row, ...change } : row)));
    return html`<fieldset class="stack">
      <legend>Images (a slideshow; JPEG, PNG, GIF or WebP up to 2 MB, or a URL)</legend>
      ${this.problems('image')}
      <ol class="stack">
        ${this.images.map(
          (row, i) => html`<li class="card stack">
            <p><strong>Image ${i + 1}</strong></p>
            <div class="grid-2">
              <div class="field">
                <label for="lobby-image-file-${i}">Upload a picture</label>
                <input
                  id="lobby-image-file-${i}"
                  type="file"
                  accept="image/jpeg,image/png,image/gif,image/webp"
                  aria-invalid=${i === 0 ? this.invalid('image') : 'false'}
                  aria-describedby=${i === 0 ? this.described('image') : nothing}
                  @change=${(e: Event) => set(i, { file: (e.target as HTMLInputElement).files?.[0] })}
                />
              </div>
              <div class="field">
                <label for="lobby-image-url-${i}">or its URL</label>
                <input id="lobby-image-url-${i}" type="url" .value=${row.url} ?disabled=${!!row.file} @input=${(e: Event) => set(i, { url: (e.target as HTMLInputElement).value })} />
              </div>
            </div>
            <div class="field">
              <label for="lobby-image-caption-${i}">Caption</label>
              <input id="lobby-image-caption-${i}" maxlength="200" .value=${row.caption} @input=${(e: Event) => set(i, { caption: (e.target as HTMLInputElement).value })} />
            </div>
            ${this.images.length > 1
              ? html`<div class="row"><button class="button secondary small" type="button" aria-label="Remove image ${i + 1}" @click=${() => (this.images = this.images.filter((_, j) => j !== i))}>Remove</button></div>`
              : nothing}
          </li>`,
        )}
      </ol>
      <div class="row"><button class="button secondary small" type="button" @click=${() => (this.images = [...this.images, { url: '', caption: '' }])}>Add an image</button></div>
    </fieldset>`;
  }

  private renderAudio() {
    return html`<fieldset class="stack">
      <legend>Background audio (one .mp3, up to 8 MB, or its URL)</legend>
      ${this.problems('audio')}
      <div class="grid-2">
        <div class="field">
          <label for="lobby-audio-file">Upload an .mp3</label>
          <input
            id="lobby-audio-file"
            type="file"
            accept=".mp3,audio/mpeg"
            aria-invalid=${this.invalid('audio')}
            aria-describedby=${this.described('audio')}
            @change=${(e: Event) => {
              this.audioFile = (e.target as HTMLInputElement).files?.[0];
              this.requestUpdate();
            }}
          />
        </div>
        <div class="field">
          <label for="lobby-audio-url">or its URL</label>
          <input id="lobby-audio-url" type="url" .value=${this.audioUrl} ?disabled=${!!this.audioFile} @input=${(e: Event) => (this.audioUrl = (e.target as HTMLInputElement).value)} />
        </div>
      </div>
    </fieldset>`;
  }

  private renderVideo() {
    return html`<fieldset class="stack">
      <legend>Video</legend>
      ${this.problems('video')}
      <div class="field">
        <label for="lobby-video-url">Video URL (.mp4)</label>
        <input
          id="lobby-video-url"
          type="url"
          .value=${this.videoUrl}
          aria-invalid=${this.invalid('video')}
          aria-describedby=${this.described('video')}
          @input=${(e: Event) => (this.videoUrl = (e.target as HTMLInputElement).value)}
        />
      </div>
    </fieldset>`;
  }

  private renderForm() {
    const busy = this.save.status === TaskStatus.PENDING;
    const error = this.save.status === TaskStatus.ERROR ? this.save.error : undefined;
    const kind = (value: Kind, label: string) =>
      html`<label class="check"><input type="radio" name="kind" value=${value} .checked=${this.kind === value} @change=${() => (this.kind = value)} />${label}</label>`;
    return html`<form id="lobby-form" class="stack" @submit=${this.submit} novalidate>
      <fieldset class="stack" aria-invalid=${this.invalid('options')} aria-describedby=${this.described('options')}>
        <legend>The waiting room shows</legend>
        ${this.problems('options')}
        <div class="row">${kind('message', 'Messages')} ${kind('image', 'Images')} ${kind('video', 'A video')} ${kind('audio', 'Only background audio')}</div>
        ${this.kind === 'message' || this.kind === 'image'
          ? html`<label class="check"><input type="checkbox" .checked=${this.withAudio} @change=${(e: Event) => (this.withAudio = (e.target as HTMLInputElement).checked)} />Play background audio</label>`
          : nothing}
      </fieldset>
      ${this.kind === 'message' ? this.renderMessages() : nothing} ${this.kind === 'image' ? this.renderImages() : nothing}
      ${this.kind === 'video' ? this.renderVideo() : nothing}
      ${this.kind === 'audio' || ((this.kind === 'message' || this.kind === 'image') && this.withAudio) ? this.renderAudio() : nothing}
      ${formError('lobby-error', error, GROUPS)}
      ${this.save.status === TaskStatus.COMPLETE ? html`<p class="note" id="lobby-saved" role="status" tabindex="-1">Lobby saved. Customers booked on this demo see it while they wait.</p>` : nothing}
      <div class="row">
        ${submitButton(busy, 'Save lobby', 'Saving…')}
        <button class="button secondary" type="button" @click=${() => this.close(this.save.status === TaskStatus.COMPLETE)}>Back to the list</button>
      </div>
    </form>`;
  }

  override render() {
    return html`<section class="card stack" aria-labelledby="lobby-h">
      <h3 id="lobby-h" tabindex="-1">Waiting room for “${this.meeting?.name ?? ''}”</h3>
      <p class="muted">Customers booked on this demo see it from the moment they open the widget until the demo starts.</p>
      ${this.load.render({
        pending: () => progress('Loading the waiting room…'),
        error: (error) => failed("Couldn't load the waiting room", error, () => void this.load.run()),
        complete: () => this.renderForm(),
      })}
    </section>`;
  }
}

define('enablex-lobby-editor', EnablexLobbyEditor);

declare global {
  interface HTMLElementTagNameMap {
    'enablex-lobby-editor': EnablexLobbyEditor;
  }
}
