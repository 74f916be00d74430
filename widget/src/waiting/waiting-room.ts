/**
 * The waiting room of a booked EnableX demo: its participant PIN, and before it starts a
 * countdown and the lobby the seller set up (messages as a slideshow, images with captions,
 * background audio, a video). Loaded by the account chunk for the first booked EnableX demo,
 * so only sites with the option ever fetch it. Only URLs are used: no HTML from EnableX is
 * ever inserted (the worker does not even pass the lobby's `embed` on).
 */
import { css, html, nothing, type CSSResult, type ReactiveController } from 'lit';
import { isAbort, isObject, optStr, type DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { en } from '../i18n/i18n.js';
import strings from './en.js';

Object.assign(en, strings);

/** A lobby as the worker gives it (GET …/demos/{id}/lobby), checked. */
interface Lobby {
  messages: string[];
  images: Array<{ url: string; caption?: string }>;
  audio?: string;
  video?: string;
}

/** Seconds a lobby message stays before the next one. */
const SLIDE_SECONDS = 6;
/** How often a waiting customer's list is read again, to learn that the demo has started. */
const REFRESH_MS = 60_000;

/**
 * Media only from https, or http on this machine (the local demo's simulator serves the
 * uploads there): never a script URL, never a downgrade on a real page.
 */
function mediaUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    const local = url.protocol === 'http:' && /^(localhost|127\.0\.0\.1|\[::1\])$/.test(url.hostname);
    return url.protocol === 'https:' || local ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function parseLobby(body: unknown): Lobby {
  const b = isObject(body) ? body : {};
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    messages: list(b.messages).filter((m): m is string => typeof m === 'string' && m.trim() !== '').slice(0, 20),
    images: list(b.images).flatMap((i: unknown) => {
      const url = isObject(i) ? mediaUrl(i.url) : undefined;
      return url && isObject(i) ? [{ url, caption: optStr(i.caption) }] : [];
    }).slice(0, 10),
    audio: mediaUrl(b.audio),
    video: mediaUrl(b.video),
  };
}

/** `Intl.DurationFormat` (Chromium 129, Safari 16.4, Firefox 136); not yet in TypeScript's lib. */
type DurationFormat = new (locale: string, options: { style: string; hoursDisplay?: string }) => { format(d: Record<string, number>): string };

/**
 * The time left in `locale`: "2 days, 3 hr, 15 min" from a day on, "3:15:42" within a day (its
 * digits the language's); with no `Intl.DurationFormat`, "2 days 03:15" and "03:15:42", the
 * days in the language's words and digits. Undefined once the start has passed.
 */
export function countdown(ms: number, locale: string): { time: string; clock: boolean } | undefined {
  if (ms <= 0) return undefined;
  const s = Math.floor(ms / 1000);
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60];
  const Duration = (Intl as unknown as { DurationFormat?: DurationFormat }).DurationFormat;
  if (Duration) {
    return d
      ? { time: new Duration(locale, { style: 'short' }).format({ days: d, hours: h, minutes: m }), clock: false }
      : { time: new Duration(locale, { style: 'digital', hoursDisplay: 'always' }).format({ hours: h, minutes: m, seconds: s % 60 }), clock: true };
  }
  const pad = (n: number) => n.toLocaleString(locale, { minimumIntegerDigits: 2 });
  const clock = `${pad(h)}:${pad(m)}:${pad(s % 60)}`;
  return d ? { time: `${d.toLocaleString(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' })} ${clock.slice(0, -3)}`, clock: false } : { time: clock, clock: true };
}

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

export class WaitingRoom implements ReactiveController {
  /** Lobbies by demo id: undefined while loading, null when it could not be loaded. */
  private readonly lobbies = new Map<DemoEvent['id'], Lobby | null>();
  private readonly loading = new Set<DemoEvent['id']>();
  private controller = new AbortController();
  private ticker?: ReturnType<typeof setInterval>;
  private now = Date.now();
  private lastRefresh = Date.now();
  private slide = 0;
  private ticks = 0;
  private paused = false;
  /** Demos that were waiting at the last render (the ticker runs only while there are some). */
  private waiting = 0;

  constructor(private readonly host: BookingHost) {
    host.addController(this);
  }

  /**
   * The element's chunk list (its adopted style sheets) knows the chunks it loads itself; this
   * one comes through the account chunk, so it adds its sheet back whenever a later chunk's
   * arrival has replaced the list.
   */
  hostUpdate(): void {
    const root = this.host.renderRoot as ShadowRoot;
    const sheet = (styles as CSSResult).styleSheet;
    if (sheet && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  hostUpdated(): void {
    if (this.waiting && !this.ticker) this.ticker = setInterval(this.tick, 1000);
    if (!this.waiting && this.ticker) this.stop();
    this.waiting = 0;
  }

  hostDisconnected(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.loading.clear();
    this.stop();
  }

  private stop(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private readonly tick = () => {
    this.now = Date.now();
    if (!this.paused && !reducedMotion() && ++this.ticks % SLIDE_SECONDS === 0) this.slide++;
    // The stage is EnableX's: read the list again now and then, and as soon as the start has passed.
    if (this.now - this.lastRefresh > REFRESH_MS) {
      this.lastRefresh = this.now;
      void this.host.slots.run();
    }
    this.host.requestUpdate();
  };

  private load(e: DemoEvent): void {
    const token = this.host.customer?.token;
    if (!token || this.loading.has(e.id) || this.lobbies.has(e.id)) return;
    this.loading.add(e.id);
    this.host.client
      .request(`/demos/${encodeURIComponent(e.id)}/lobby`, { token, signal: this.controller.signal })
      .then(
        ([body]) => this.lobbies.set(e.id, parseLobby(body)),
        (error: unknown) => {
          if (isAbort(error)) return;
          this.lobbies.set(e.id, null);
          this.host.report(error);
        },
      )
      .finally(() => {
        this.loading.delete(e.id);
        this.host.requestUpdate();
      });
  }

  private readonly togglePause = () => {
    this.paused = !this.paused;
    this.host.requestUpdate();
  };

  /** Below a booked EnableX demo: the PIN; before the start also the countdown and the lobby. */
  render(e: DemoEvent) {
    const t = this.host.t;
    const ppin = e.enablex?.ppin;
    // The PIN reads left to right in every language (dir: an isolate in a right-to-left line).
    const pin = ppin ? html`<p class="pin">${t('ppin')} <code part="ppin" dir="ltr">${ppin}</code></p>` : nothing;
    if (e.enablex?.live || e.can_join) return html`<div class="room" part="waiting-room">${pin}</div>`;
    this.waiting++;
    this.load(e);
    const start = e.starts_at ? Date.parse(e.starts_at) : NaN;
    if (start - this.now <= 0 && this.now - this.lastRefresh > 5_000) {
      this.lastRefresh = this.now;
      void this.host.slots.run();
    }
    const lobby = this.lobbies.get(e.id);
    return html`<section class="room" part="waiting-room" aria-labelledby="room-${e.id}">
      <p class="room-title" id="room-${e.id}">${t('waitingRoom')}</p>
      ${Number.isNaN(start) ? nothing : this.countdown(start - this.now)}
      ${pin}
      ${lobby ? this.lobby(lobby) : lobby === null ? html`<p class="muted">${t('lobbyFailed')}</p>` : nothing}
    </section>`;
  }

  /** "Starts in <strong>3:15:42</strong>": the sentence is the language's, the time in bold within it. */
  private countdown(ms: number) {
    const left = countdown(ms, this.host.locale);
    if (!left) return html`<p part="countdown" role="timer">${this.host.t('startsSoon')}</p>`;
    const [before, after] = this.host.t('startsIn').split('{time}');
    // A clock reads left to right in every language; "2 days, 3 hr" follows the language.
    return html`<p part="countdown" role="timer">${before}<strong dir=${left.clock ? 'ltr' : nothing}>${left.time}</strong>${after ?? ''}</p>`;
  }

  /** The seller's messages and captions are in their own language: dir="auto" reads each by its text. */
  private lobby({ messages, images, audio, video }: Lobby) {
    const t = this.host.t;
    const still = reducedMotion();
    return html`
      ${messages.length
        ? html`<div class="messages" part="lobby-messages">
            ${still || messages.length === 1
              ? messages.map((m) => html`<p part="lobby-message" dir="auto">${m}</p>`)
              : html`<p part="lobby-message" dir="auto">${messages[this.slide % messages.length]}</p>
                  <button
                    class="button secondary"
                    part="button lobby-pause"
                    type="button"
                    aria-label=${t(this.paused ? 'playMessages' : 'pauseMessages')}
                    aria-pressed=${String(this.paused)}
                    @click=${this.togglePause}
                  >
                    ${t(this.paused ? 'play' : 'pause')}
                  </button>`}
          </div>`
        : nothing}
      ${images.map(
        (i) => html`<figure part="lobby-image">
          <img src=${i.url} alt="" />
          ${i.caption ? html`<figcaption dir="auto">${i.caption}</figcaption>` : nothing}
        </figure>`,
      )}
      ${audio ? html`<audio part="lobby-audio" controls preload="none" src=${audio} aria-label=${t('music')}></audio>` : nothing}
      ${video ? html`<video part="lobby-video" controls preload="metadata" playsinline src=${video} aria-label=${t('video')}></video>` : nothing}
    `;
  }
}

export const styles = css`
  .room {
    grid-column: 1 / -1;
    display: grid;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
    padding: 0.75rem;
    border-radius: var(--_r);
    background: var(--_surface-2);
    font-size: 0.875rem;
  }

  .room-title {
    font-weight: 600;
  }

  .pin code {
    font-size: 1rem;
    font-weight: 700;
    letter-spacing: 0.08em;
  }

  .messages {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  [part~='lobby-message'] {
    flex: 1 1 12rem;
    font-size: 0.9375rem;
  }

  figure {
    margin: 0;
  }

  figure img,
  video {
    display: block;
    width: 100%;
    max-height: 14rem;
    object-fit: contain;
    border-radius: var(--_r);
    background: var(--_surface);
  }

  figcaption {
    margin-block-start: 0.25rem;
    color: var(--_muted);
  }

  audio {
    width: 100%;
  }
`;
