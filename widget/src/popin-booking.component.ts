import { LitElement, adoptStyles, html, type CSSResult, type PropertyValues } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ApiError, BookingApi, GENERIC, isAbort, type DemoEvent, type Slots } from './api.js';
import { emit } from './events.js';
import type { Account } from './account/account.js';
import type { ChunkName, ShellHost, Step } from './host.js';
import type { Shell } from './popup/popup.js';
import type * as ListModule from './list/slot-list.js';
import type { Panel } from './list/panel.js';
import { forgetCustomer, loadCustomer, storageKey, type StoredCustomer } from './storage.js';
import styles from './popin-booking.styles.js';
import { errorState, skeleton } from './frame.js';
import { nextTask } from './tasks.js';
import { base, catalogFor, en, languageOf } from './i18n/i18n.js';
import type { Catalog, Key, Strings } from './i18n/keys.js';

type ListView = typeof ListModule;

/** The lazy chunks, in the cascade order of their styles (whatever order they arrive in). */
const CHUNKS: ChunkName[] = ['list', 'account', 'booking', 'popup'];

/** Where the widget script was loaded from: the worker serves both the script and the API. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * Lets customers book, join and cancel live product demos of a Popin seller.
 *
 * ```html
 * <script type="module" src="https://<worker>/widget.js"></script>
 * <popin-booking site="acme"></popin-booking>
 * ```
 *
 * @summary Live demo booking widget.
 *
 * @attr site - The seller's site id, as configured in the worker (required).
 * @attr api - Base URL of the booking worker. Defaults to the origin the widget script was loaded from.
 * @attr mode - "inline" (default): in the page; "popup": nothing until `open()` (or the `open` attribute), then a modal dialog; "floating": a launcher button fixed in a corner that opens the popup.
 * @attr open - The popup is showing (popup and floating modes). Set or removed by `open()` / `close()`.
 * @attr position - The floating launcher's corner: "bottom-right" (default) or "bottom-left".
 * @attr label - The floating launcher's text. Default "Book a demo".
 * @attr name - Prefills the booking form's name.
 * @attr mobile - Prefills the mobile number (as a person types it).
 * @attr country - Prefills the phone country (ISO 3166 alpha-2, e.g. GB).
 * @attr lang - The widget's language: en, hi, es, fr, de, pt or ar (a region is kept for dates: "pt-BR"). Without it, the nearest ancestor's `lang`, else the browser's languages; English when none of them is shipped. Read when the element is connected.
 * @attr strings - JSON of the strings to replace (see the `strings` property).
 *
 * @event popin-booking:registered - A customer booked a slot. `detail: { event: { id, name, date, month, time, end_time, starts_at, ends_at } }` (`id`: a number, or an `enablex-…` string for an EnableX demo; `starts_at`/`ends_at`: ISO 8601).
 * @event popin-booking:cancelled - A customer cancelled a booking. Same `detail` as `popin-booking:registered`.
 * @event popin-booking:open - The popup opened (popup and floating modes). `detail: {}`.
 * @event popin-booking:close - The popup closed (Escape, the close button, the backdrop or `close()`). `detail: {}`.
 * @event popin-booking:error - A request to the booking service failed. `detail: { code, message, status }` (status 0: no answer).
 *
 * @csspart header - The title row.
 * @csspart title - The widget title.
 * @csspart subtitle - Site name and timezone.
 * @csspart session - "Booking as …" bar for a returning customer.
 * @csspart not-you - The "Not you?" link button.
 * @csspart skeleton - Placeholder list shown while slots load.
 * @csspart list - The list of slots.
 * @csspart slot - One slot card.
 * @csspart slot-booked - A slot card the customer has booked (with `slot`).
 * @csspart date - The date badge (big day, short month).
 * @csspart slot-name - The demo's name.
 * @csspart slot-time - The time range line (in the customer's time zone), with its tags.
 * @csspart seller-time - The seller's time and zone, beside the customer's when the two differ.
 * @csspart tag - A tag on a slot: "Live now", "Booked" or "Full".
 * @csspart live - The "Live now" tag (with `tag`).
 * @csspart booked - The "Booked" tag (with `tag`).
 * @csspart full - The "Full" tag of an EnableX demo with no seat left, in place of its Book button (with `tag`).
 * @csspart waiting-room - Under a booked EnableX demo: its participant PIN and, before it starts, the countdown and the lobby.
 * @csspart countdown - The waiting room's "Starts in …".
 * @csspart ppin - The participant PIN of a booked EnableX demo.
 * @csspart lobby-messages - The lobby's text messages (a slideshow; all at once with reduced motion).
 * @csspart lobby-message - One lobby message.
 * @csspart lobby-pause - The slideshow's Pause / Play button (with `button`).
 * @csspart lobby-image - A lobby image with its caption (a figure).
 * @csspart lobby-audio - The lobby's audio player (https only).
 * @csspart lobby-video - The lobby's video player (https only).
 * @csspart actions - The buttons of a slot card.
 * @csspart button - Every button (each also has its own part below).
 * @csspart book - A slot's "Book" button.
 * @csspart cancel - A booked slot's "Cancel" button.
 * @csspart confirm-cancel - The "Cancel booking?" prompt.
 * @csspart cancel-yes - Its "Yes, cancel" button.
 * @csspart cancel-keep - Its "Keep" button.
 * @csspart retry - "Try again" after a failed load.
 * @csspart back - "All demos" in the booking panel.
 * @csspart submit - The booking form's submit button.
 * @csspart book-as - The one-click "Book as …" button of a returning customer (with `submit`).
 * @csspart done - "Back to all demos" after booking.
 * @csspart join - A join link.
 * @csspart join-now - The join link of a demo that is live (with `join`).
 * @csspart floor - The "Also join on 10times FLOOR" link (with `join`).
 * @csspart empty - The "No demos scheduled right now" state.
 * @csspart paused - The "Bookings are paused" note above the demos (the seller paused bookings; no Book buttons then).
 * @csspart audio - "Join by audio conference" under a booked demo (sites with PGi audio conferencing).
 * @csspart audio-hub - Its hub link (https only).
 * @csspart audio-passcode - Its participant passcode.
 * @csspart copy - A copy button (with `button`): the hub URL, the passcode.
 * @csspart error - Every error message (each also has its own part below).
 * @csspart error-state - The load error state.
 * @csspart field-error - A message under a field.
 * @csspart form-error - A message for the whole form.
 * @csspart panel - The booking panel.
 * @csspart summary - The chosen slot inside the panel and confirmation.
 * @csspart form - The booking form.
 * @csspart returning - The one-click form of a returning customer (with `form`).
 * @csspart field - A label + input + messages group.
 * @csspart name-field - The name field (with `field`).
 * @csspart mobile-field - The mobile number field.
 * @csspart email-field - The email field (10times sites).
 * @csspart designation-field - The job title field (10times sites that ask for it).
 * @csspart company-field - The company field (10times sites that ask for it).
 * @csspart city-field - The city field (10times sites that ask for it).
 * @csspart country_name-field - The country name field (10times sites that ask for it).
 * @csspart challenge-field - The security check's field (Turnstile sites).
 * @csspart challenge - The box the Turnstile challenge renders into.
 * @csspart input - The text inputs (each also has its own part below).
 * @csspart name-input - The name input.
 * @csspart mobile-input - The mobile number input.
 * @csspart email-input - The email input.
 * @csspart designation-input - The job title input.
 * @csspart company-input - The company input.
 * @csspart city-input - The city input.
 * @csspart country_name-input - The country name input.
 * @csspart country - The country code picker (flag + dial code).
 * @csspart country-select - Its native select.
 * @csspart hint - Help text under a field.
 * @csspart confirmation - The "You're booked!" step.
 * @csspart confirmation-title - Its heading.
 * @csspart contact - The number the join link is sent to.
 * @csspart tentimes-note - The note that the 10times registration is on its way.
 * @csspart status - The polite live region (visually hidden).
 * @csspart calendar - "Add to calendar" on a booked demo and in the confirmation.
 * @csspart ics - Its .ics download button.
 * @csspart google-calendar - Its Google Calendar link.
 * @csspart outlook-calendar - Its Outlook link.
 * @csspart dialog - The popup's modal `<dialog>` (popup and floating modes).
 * @csspart sheet - The popup's content box.
 * @csspart close - The popup's close button (with `button`).
 * @csspart launcher - The floating mode's launcher button (with `button`).
 *
 * @cssproperty --popin-accent - Buttons, badges, focus ring. Default #4f46e5 (dark: #a5b4fc).
 * @cssproperty --popin-accent-contrast - Text on accent. Default derived from the accent: white or black, whichever contrasts more (WCAG AA for any accent, light or dark scheme).
 * @cssproperty --popin-accent-text - Accent-coloured text on the surface (links, date badge). Default the accent with its LCH lightness at most 45 (dark scheme: at least 68), so a page that sets only `--popin-accent` gets matching, readable badges.
 * @cssproperty --popin-surface - Background. Default #ffffff (dark: #17181d).
 * @cssproperty --popin-surface-muted - Subtle panels and skeleton. Default #f6f7f9 (dark: #1f2128).
 * @cssproperty --popin-text - Text colour. Default #1f2328 (dark: #e8eaf0).
 * @cssproperty --popin-muted - Secondary text. Default #59636e (dark: #a7adba).
 * @cssproperty --popin-border - Borders. Default #d8dee4 (dark: #33363f).
 * @cssproperty --popin-danger - Errors and "Live now". Default #c5221f (dark: #ff9c94).
 * @cssproperty --popin-success - "Booked" and confirmation. Default #116329 (dark: #6fdd8b).
 * @cssproperty --popin-radius - Corner radius of cards. Default 0.75rem.
 * @cssproperty --popin-space - Outer padding and main gaps. Default 1rem.
 * @cssproperty --popin-font - Font family of all text and controls. Default the page's (inherited), so text and buttons always match.
 */
export default class PopinBooking extends LitElement implements ShellHost {
  static override styles = styles;

  // Declared without decorators: the TypeScript decorator helper and Lit's decorator
  // modules cost about 0.3 KB gzip of the first-load budget.
  static override properties = {
    site: { reflect: true },
    api: {},
    mode: { reflect: true },
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    strings: { type: Object },

    customer: { state: true },
    step: { state: true },
    announcement: { state: true },
    catalog: { state: true },
  };

  /** The seller's site id. */
  site = '';

  /** Base URL of the booking worker. */
  api = SCRIPT_ORIGIN;

  /** "inline", "popup" or "floating". */
  mode = 'inline';

  /** The popup is showing (the `open` attribute). */
  opened = false;

  /**
   * Strings that replace the widget's own, in whatever language it shows, by key, e.g.
   * `{ title: 'Book a call', book: 'Reserve' }`. `{name}`-style placeholders are filled in; a plural
   * is an object of `Intl.PluralRules` forms (`{ one: '{n} demo', other: '{n} demos' }`). Also settable
   * as a JSON attribute. The keys, by where they show (each with its English text in the README,
   * "Strings a seller can change"):
   * - first screen: title, retry, loadFailed, generic
   * - slot list: formFailed, timesIn, upcoming, book, slot, live, booked, full, none, noneHint, paused, pausedHint, available, listed
   * - booking form: allDemos, bookTitle, yourName, mobile, countryCode, mobileHint, bookThis, bookAs, booking, enterName, checkFields, fieldRefused, err_session_expired, bookedSlot, youreBooked, sendTo, backToAll, checkUnavailable, completeCheck
   * - mobile number checks: enterMobile, tooShort, tooShortFor, tooLong, tooLongFor, chooseCountry, invalidMobile, invalidMobileFor
   * - returning customer, join links, audio: bookingAs, notYou, signedOut, cancel, cancelFor, cancelQuestion, cancelling, yesCancel, keep, cancelled, err_unauthorized, joinNow, joinLink, newTab, joinLater, audio, hub, passcode, copy, copied, copyHubFor, copyCodeFor, copiedHub, copiedCode, copyFailed
   * - 10times: email, jobTitle, company, city, countryName, optional, tentimesHint, enterEmail, invalidEmail, floor, floorFor, tentimesNote
   * - popup and launcher: close, launcher
   * - add to calendar: addToCalendar, icsFor, calendarFor, joinTheDemo, liveDemo
   * - EnableX waiting room: waitingRoom, ppin, startsIn, startsSoon, lobbyFailed, play, pause, playMessages, pauseMessages, music, video
   * - failures, by code (other languages; English shows the service's own words): err_network_error, err_bad_response, err_missing_site, err_unknown_site, err_origin_not_allowed, err_invalid_token, err_rate_limited, err_limiter_unavailable, err_bookings_paused, err_upstream_timeout, err_upstream_error, err_upstream_unauthorized, err_booking_interrupted, err_too_many_registrations, err_validation_failed, err_not_offered, err_tentimes_unavailable, err_turnstile_required, err_turnstile_failed, err_turnstile_unavailable, err_demo_full
   */
  strings?: Strings;

  /** @internal The language tag in use, e.g. "hi" or "pt-BR" (languageOf, on connect). */
  declare locale: string;
  /** @internal The language's catalog: `{}` for English; undefined while it loads (then strings render empty, not English). */
  catalog?: Partial<Catalog>;
  /** @internal Settles when the catalog is here: the slots wait for it, so the list renders once. */
  private i18n?: Promise<unknown>;

  /** @internal Where focus returns when the popup closes. */
  opener?: HTMLElement;

  // Not part of the public API (@internal): what the lazily loaded parts use of the element (host.ts).
  // Declared only (no initial value, no bytes): bind() sets them before the first render and Task run.
  /** @internal */
  customer?: StoredCustomer;
  /** @internal */
  declare step: Step;
  private declare announcement: string;

  /** @internal */
  declare key: string;
  /** @internal */
  declare client: BookingApi;
  /** Returning-customer parts (account/): loaded when a token is stored or when the form opens. */
  private account?: Account;
  /** The slot list's view (list/): loaded alongside the first slots request. */
  private list?: ListView;
  /** The booking panel's loader (list/panel.ts), made when the list chunk arrives. */
  private panel?: Panel;
  /** The popup and the launcher (popup/): loaded when the mode is not inline. */
  private shell?: Shell;
  /** The chunks' styles, by their index in CHUNKS. */
  private sheets: CSSResult[] = [];
  private loads: Partial<Record<ChunkName, Promise<unknown>>> = {};

  /** @internal The slot list. Re-run explicitly after sign-in, booking, cancelling and "Not you?". */
  readonly slots = new Task(this, {
    // A popup or a launcher asks for slots only once first opened.
    args: () => [this.api, this.site, this.mode == 'inline' || this.opened] as const,
    task: async ([, site, wanted], { signal }): Promise<Slots> => {
      if (!wanted) return initialState as never;
      if (!site) throw new ApiError(0, 'missing_site', 'This booking widget has no site set.');
      const customer = this.customer;
      // The list view (with the response's parser) and a returning customer's parts load
      // in parallel with the request, so the list renders once.
      const [[body, status], list] = await Promise.all([
        customer
          ? this.client.request('/slots', { token: customer.token, signal }).catch((error: unknown) => {
              // A stored token that the worker no longer accepts: forget it, carry on as a guest.
              if (!(error instanceof ApiError) || error.status !== 401) throw error;
              this.forget();
              return this.client.request('/slots', { signal });
            })
          : this.client.request('/slots', { signal }),
        this.listView(),
        customer && this.loadAccount(),
        this.i18n,
      ]);
      return list.parseSlots(this, body, status);
    },
    onComplete: (slots) => {
      if (this.step.view === 'list') this.announce(this.list!.listSummary(this, slots));
    },
    onError: (error) => this.report(error),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Before the first update, so before the slots request: the catalog loads beside it.
    const tag = languageOf(this);
    if (tag != this.locale) {
      this.locale = tag;
      const loading = catalogFor(tag);
      this.catalog = loading ? undefined : {};
      // Only the latest language: an earlier catalog arriving late changes nothing.
      this.i18n = loading?.then((c) => tag == this.locale && (this.catalog = c));
    }
    // Aborted by a disconnect: load again when put back on the page.
    if (this.hasUpdated) this.slots.status !== TaskStatus.COMPLETE && this.slots.run();
  }

  /**
   * Before the first update, in a task of its own: the stored customer and the list chunk's
   * request, not in the task that upgrades the page's elements (the loader's definition, or the
   * page's end of parse when this module is imported without it). There, a page's first
   * localStorage read (up to 25 ms at the bench's 4x CPU slowdown) and a dynamic import (14-28 ms)
   * made that task a long one; after the loader both are cheap (it did them first).
   */
  private prepare(): void {
    this.bind();
    // The list view's chunk now, beside the first render's task (the slots Task asks for it too).
    if (this.mode == 'inline') void this.listView();
  }

  /**
   * The first update two tasks after the one that upgraded the element (prepare in between),
   * and the first render in the task after that: the first update sends the slots request, the
   * frame's first render makes its templates (about 30 ms each at the bench's 4x CPU slowdown);
   * in one task with the module's evaluation they were the widget's longest (npm run bench).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.hasUpdated ? super.scheduleUpdate() : nextTask().then(() => this.prepare()).then(nextTask).then(() => super.scheduleUpdate());
  }

  /** False until the task after the first update (scheduleUpdate). */
  private declare framed: boolean;

  protected override firstUpdated(): void {
    void nextTask().then(() => ((this.framed = true), this.requestUpdate()));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The parts (controllers) abort their own work in hostDisconnected.
    this.slots.abort();
  }

  /** Opens the popup (popup and floating modes); focus returns to `opener`, by default what has focus now, on close. */
  open(opener?: HTMLElement): void {
    this.opener = opener;
    this.opened = true;
  }

  /** Closes the popup. */
  close(): void {
    this.opened = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.mode != 'inline' && !this.shell) void this.load('popup', () => import('./popup/popup.js')).then((m) => (this.shell ??= new m.Shell(this)) && this.requestUpdate());
    if (changed.has('api') || changed.has('site')) this.bind();
  }

  /**
   * The client, the storage key and the stored customer of the element's `api` and `site`, when
   * they are new: first in prepare(), so that the page's first localStorage read is in neither the
   * module's task nor the first update's; then whenever `api` or `site` changes (willUpdate).
   */
  private bind(): void {
    const api = this.api || SCRIPT_ORIGIN;
    const key = storageKey(api, this.site);
    if (key == this.key) return;
    this.client = new BookingApi(api, this.site);
    this.key = key;
    this.customer = loadCustomer(key);
    this.step = { view: 'list' };
    this.account?.reset();
  }

  // ---- what the lazy parts use (BookingHost) ----------------------------------

  /** @internal Loads the account chunk once (with its styles). */
  loadAccount(): Promise<Account> {
    return this.load('account', () => import('./account/account.js')).then((m) => (this.account ??= new m.Account(this)));
  }

  private listView(): Promise<ListView> {
    return this.load('list', () => import('./list/slot-list.js')).then((m) => (void m.warm(this), (this.panel ??= new m.Panel(this, () => import('./booking/booking-form.js'))), (this.list = m)));
  }

  /** @internal Imports a lazy chunk once and adopts its styles; a failed import is tried again on the next call. */
  load<M extends { styles: CSSResult }>(name: ChunkName, importer: () => Promise<M>): Promise<M> {
    return (this.loads[name] ??= importer().then(
      (m) => {
        this.sheets[CHUNKS.indexOf(name)] = m.styles;
        adoptStyles(this.renderRoot as ShadowRoot, [...PopinBooking.elementStyles, ...this.sheets.filter(Boolean)]);
        return m;
      },
      (error: unknown) => {
        delete this.loads[name];
        throw error;
      },
    )) as Promise<M>;
  }

  /**
   * @internal The string `key` in the widget's language (the seller's `strings` first), with its
   * `{placeholders}` filled in from `vars` (and the plural form for `vars.n`); empty while the catalog loads.
   */
  readonly t = (key: Key, vars: Record<string, unknown> = {}): string => {
    let m = this.catalog && (this.strings?.[key] ?? this.catalog[key] ?? en[key]);
    if (typeof m == 'object') m = m[new Intl.PluralRules(this.locale).select(vars.n as number)] ?? m.other;
    // Numbers in the language's digits, as Intl writes the dates ("٣" in ar-EG).
    return (m ?? '').replace(/\{(\w+)\}/g, (s, k: string) => (vars[k] as number | undefined ?? s).toLocaleString(this.locale));
  };

  /** @internal What a failure says: by its code in the widget's language; in English the worker's own words. */
  say(error: unknown): string {
    return (
      (error instanceof ApiError && (this.t(('err_' + error.code) as Key) || (base(this.locale) == 'en' && error.message))) ||
      this.t('generic')
    );
  }

  /** @internal */
  announce(message: string): void {
    this.announcement = message;
  }

  /** @internal Tells the host page about a failed request (never with the token). */
  report(error: unknown): void {
    if (isAbort(error)) return;
    const e = error instanceof ApiError ? error : new ApiError(0, 'unexpected', GENERIC);
    const message = this.say(e);
    emit(this, 'popin-booking:error', { code: e.code, message, status: e.status });
    if (this.step.view === 'list') this.announce(message);
  }

  /** @internal */
  forget(): void {
    forgetCustomer(this.key);
    this.customer = undefined;
  }

  // ---- actions -------------------------------------------------------------

  private readonly retry = () => void this.slots.run();

  // ---- rendering -----------------------------------------------------------

  private renderList() {
    const list = (slots: Slots) => this.list!.slotList(this, slots, this.panel!, this.account);
    return this.slots.render({
      initial: skeleton,
      // A reload keeps the current list on screen instead of flashing the skeleton.
      pending: () => (this.slots.value ? list(this.slots.value) : skeleton()),
      complete: list,
      error: (error) => errorState(this.t, 'loadFailed', this.say(error), this.retry, this.list?.alertIcon),
    });
  }

  private renderStep() {
    // A form or a confirmation: only ever opened from the list, so the panel is there.
    return this.step.view === 'list' ? html`${this.customer && this.account?.session(this.customer)}${this.renderList()}` : this.panel!.render(this.step);
  }

  override render() {
    if (!this.framed) return undefined;
    const site = this.slots.value?.site;
    // The language and direction on a wrapper: the page may be in another, or none at all.
    const content = html`<div lang=${this.locale} dir=${base(this.locale) == 'ar' ? 'rtl' : 'ltr'}>
      <div class="header" part="header">
        <h2 class="title" part="title" id="title" tabindex="-1">${this.t('title')}</h2>
        <p class="subtitle" part="subtitle">${site && this.list?.subtitle(this, site, this.slots.value!.events)}</p>
      </div>
      <div aria-busy=${String(this.slots.status === TaskStatus.PENDING)} @keydown=${this.panel?.keydown}>${this.renderStep()}</div>
      <div class="sr-only" part="status" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
    return this.mode == 'inline' ? content : this.shell?.render(content);
  }
}
