import { LitElement, adoptStyles, html, type CSSResult, type PropertyValues } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ApiError, BookingApi, GENERIC, isAbort, type DemoEvent, type Slots } from './api.js';
import { emit } from './events.js';
import type { Account } from './account/account.js';
import type { BookingForm } from './booking/booking-form.js';
import type { ShellHost, Step } from './host.js';
import type { Shell } from './popup/popup.js';
import type * as ListModule from './list/slot-list.js';
import { forgetCustomer, loadCustomer, storageKey, type StoredCustomer } from './storage.js';
import styles from './popin-booking.styles.js';
import { errorState, skeleton } from './frame.js';

type ListView = typeof ListModule;

/** The lazy chunks, in the cascade order of their styles (whatever order they arrive in). */
const CHUNKS = ['list', 'account', 'booking', 'popup'] as const;
type ChunkName = (typeof CHUNKS)[number];

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
 *
 * @event popin-booking:registered - A customer booked a slot. `detail: { event: { id, name, date, month, time, end_time, starts_at, ends_at } }` (`starts_at`/`ends_at`: ISO 8601).
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
 * @csspart tag - A tag on a slot: "Live now" or "Booked".
 * @csspart live - The "Live now" tag (with `tag`).
 * @csspart booked - The "Booked" tag (with `tag`).
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

    customer: { state: true },
    step: { state: true },
    announcement: { state: true },
  };

  /** The seller's site id. */
  site = '';

  /** Base URL of the booking worker. */
  api = SCRIPT_ORIGIN;

  /** "inline", "popup" or "floating". */
  mode = 'inline';

  /** The popup is showing (the `open` attribute). */
  opened = false;

  /** @internal Where focus returns when the popup closes. */
  opener?: HTMLElement;

  // Not part of the public API (@internal): what the lazily loaded parts use of the element (host.ts).
  /** @internal */
  customer?: StoredCustomer;
  /** @internal */
  step: Step = { view: 'list' };
  private declare announcement?: string;

  /** @internal Set with `client`. */
  declare key: string;
  /** @internal Made in willUpdate, before the first render (which first uses it), from `api` and `site`. */
  declare client: BookingApi;
  /** Returning-customer parts (account/): loaded when a token is stored or when the form opens. */
  private account?: Account;
  /** The slot list's view (list/): loaded alongside the first slots request. */
  private list?: ListView;
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
      ]);
      return list.parseSlots(body, status);
    },
    onComplete: (slots) => {
      if (this.step.view === 'list') this.announce(this.list!.listSummary(slots));
    },
    onError: (error) => this.report(error),
  });

  /** @internal The booking form's code and styles (booking/), fetched when a slot is first chosen. */
  readonly panel = new Task(this, {
    autoRun: false,
    task: async (): Promise<BookingForm> => {
      const [booking] = await Promise.all([this.load('booking', () => import('./booking/booking-form.js')), this.loadAccount()]);
      return new booking.BookingForm(this);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Aborted by a disconnect: load again when put back on the page.
    if (this.hasUpdated && this.slots.status !== TaskStatus.COMPLETE) void this.slots.run();
  }

  /** The first render in a task of its own, not in the one that evaluated this module: the page responds between the two. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.hasUpdated ? super.scheduleUpdate() : new Promise((next) => setTimeout(next)).then(() => super.scheduleUpdate());
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
    if (changed.has('api') || changed.has('site')) {
      const api = this.api || SCRIPT_ORIGIN;
      this.client = new BookingApi(api, this.site);
      this.key = storageKey(api, this.site);
      this.customer = loadCustomer(this.key);
      this.step = { view: 'list' };
      this.account?.reset();
    }
  }

  // ---- what the lazy parts use (BookingHost) ----------------------------------

  /** Loads the account chunk once (with its styles). */
  private loadAccount(): Promise<Account> {
    return this.load('account', () => import('./account/account.js')).then((m) => (this.account ??= new m.Account(this)));
  }

  private listView(): Promise<ListView> {
    return this.load('list', () => import('./list/slot-list.js')).then((m) => (this.list = m));
  }

  /** Imports a lazy chunk once and adopts its styles; a failed import is tried again on the next call. */
  private load<M extends { styles: CSSResult }>(name: ChunkName, importer: () => Promise<M>): Promise<M> {
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

  /** @internal */
  announce(message: string): void {
    this.announcement = message;
  }

  /** @internal Tells the host page about a failed request (never with the token). */
  report(error: unknown): void {
    if (isAbort(error)) return;
    const e = error instanceof ApiError ? error : new ApiError(0, 'unexpected', GENERIC);
    emit(this, 'popin-booking:error', { code: e.code, message: e.message, status: e.status });
    if (this.step.view === 'list') this.announce(e.message);
  }

  /** @internal */
  async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** @internal */
  forget(): void {
    forgetCustomer(this.key);
    this.customer = undefined;
  }

  // ---- actions -------------------------------------------------------------

  /** @internal */
  readonly openForm = (event: DemoEvent) => {
    this.step = { view: 'form', event };
    this.account?.reset();
    const form = this.panel.value;
    if (form) form.open();
    else void this.panel.run().then(() => this.panel.value?.open());
  };

  private readonly retry = () => this.slots.run();

  private readonly retryPanel = () => {
    if (this.step.view !== 'list') this.openForm(this.step.event);
  };

  // ---- rendering -----------------------------------------------------------

  private renderList() {
    const list = (slots: Slots) => this.list!.slotList(slots, this, this.account);
    return this.slots.render({
      initial: skeleton,
      // A reload keeps the current list on screen instead of flashing the skeleton.
      pending: () => (this.slots.value ? list(this.slots.value) : skeleton()),
      complete: list,
      error: (error) => errorState("Couldn't load demos", error instanceof ApiError ? error.message : GENERIC, this.retry, this.list?.alertIcon),
    });
  }

  private renderStep() {
    if (this.step.view === 'list') return html`${this.customer && this.account?.session(this.customer)}${this.renderList()}`;
    const form = this.panel.value;
    if (form) return form.render(this.step);
    return this.panel.status === TaskStatus.ERROR
      ? errorState("Couldn't open the booking form", GENERIC, this.retryPanel, this.list?.alertIcon)
      : skeleton();
  }

  override render() {
    const site = this.slots.value?.site;
    const content = html`
      <div class="header" part="header">
        <h2 class="title" part="title" id="title" tabindex="-1">Book a live demo</h2>
        <p class="subtitle" part="subtitle">${site && this.list?.subtitle(site, this.slots.value!.events)}</p>
      </div>
      <div aria-busy=${this.slots.status === TaskStatus.PENDING} @keydown=${this.panel.value?.keydown}>${this.renderStep()}</div>
      <div class="sr-only" part="status" role="status" aria-live="polite">${this.announcement}</div>
    `;
    return this.mode == 'inline' ? content : this.shell?.render(content);
  }
}
