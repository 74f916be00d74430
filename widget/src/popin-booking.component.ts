import { LitElement, adoptStyles, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, BookingApi, type DemoEvent, type Slots } from './api.js';
import { browserRegion } from './country.js';
import { PopinCancelledEvent, PopinErrorEvent, PopinRegisteredEvent, slotDetail } from './events.js';
import type * as PhoneHelpers from './phone.js';
import type * as PanelModule from './panel.js';
import type { FieldMessages } from './panel.js';
import { forgetCustomer, loadCustomer, saveCustomer, storageKey, type StoredCustomer } from './storage.js';
import styles from './popin-booking.styles.js';
import { emptyState, errorState, skeleton, slotLabel, slotList } from './views/slots.js';

type Phone = typeof PhoneHelpers;
type Panel = typeof PanelModule;

type Step =
  | { view: 'list' }
  | { view: 'form'; event: DemoEvent }
  | { view: 'done'; event: DemoEvent; contact: string };

/** Where the widget script was loaded from: the worker serves both the script and the API. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

const GENERIC = 'Something went wrong. Please try again.';

function timezoneName(timeZone: string | undefined): string {
  if (!timeZone) return '';
  try {
    const parts = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'long' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

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
 *
 * @event popin-booking:registered - A customer booked a slot. `detail: { event: { id, name, date, month, time, end_time } }`.
 * @event popin-booking:cancelled - A customer cancelled a booking. Same `detail` as `popin-booking:registered`.
 * @event popin-booking:error - A request to the booking service failed. `detail: { code, message, status }` (status 0: no answer).
 *
 * @csspart header - The title row.
 * @csspart title - The widget title.
 * @csspart subtitle - Site name and timezone.
 * @csspart session - "Booking as …" bar for a returning customer.
 * @csspart not-you - The "Not you?" link button.
 * @csspart skeleton - Placeholder list shown while slots load.
 * @csspart list - The list of slots.
 * @csspart slot - One slot card (also `slot-booked` when the customer has booked it).
 * @csspart date - The date badge (big day, short month).
 * @csspart slot-name - The demo's name.
 * @csspart slot-time - The time range line, with its tags.
 * @csspart tag - "Live now" (`live`) and "Booked" (`booked`) tags.
 * @csspart actions - The buttons of a slot card.
 * @csspart button - Every button (with `book`, `cancel`, `cancel-yes`, `cancel-keep`, `retry`, `back`, `submit`, `book-as`, `done`).
 * @csspart confirm-cancel - The "Cancel booking?" prompt.
 * @csspart join - A join link (also `join-now` when the demo is live).
 * @csspart empty - The "No demos scheduled right now" state.
 * @csspart error - Error messages: the load error state (`error-state`), field errors (`field-error`), form errors (`form-error`).
 * @csspart panel - The booking panel.
 * @csspart summary - The chosen slot inside the panel and confirmation.
 * @csspart form - The booking form (`returning` for the one-click form).
 * @csspart field - A label + input + messages group (`name-field`, `mobile-field`).
 * @csspart input - The text inputs (`name-input`, `mobile-input`).
 * @csspart country - The country code picker (flag + dial code); `country-select` is its native select.
 * @csspart hint - Help text under the mobile number.
 * @csspart confirmation - The "You're booked!" step.
 * @csspart confirmation-title - Its heading.
 * @csspart contact - The number the join link is sent to.
 * @csspart status - The polite live region (visually hidden).
 *
 * @cssproperty --popin-accent - Buttons, badges, focus ring. Default #4f46e5 (dark: #a5b4fc).
 * @cssproperty --popin-accent-contrast - Text on accent. Default #ffffff (dark: #13153a).
 * @cssproperty --popin-accent-text - Accent-coloured text on the surface (links, date badge). Default #4338ca (dark: #c7d2fe).
 * @cssproperty --popin-surface - Background. Default #ffffff (dark: #17181d).
 * @cssproperty --popin-surface-muted - Subtle panels and skeleton. Default #f6f7f9 (dark: #1f2128).
 * @cssproperty --popin-text - Text colour. Default #1f2328 (dark: #e8eaf0).
 * @cssproperty --popin-muted - Secondary text. Default #59636e (dark: #a7adba).
 * @cssproperty --popin-border - Borders. Default #d8dee4 (dark: #33363f).
 * @cssproperty --popin-danger - Errors and "Live now". Default #c5221f (dark: #ff9c94).
 * @cssproperty --popin-success - "Booked" and confirmation. Default #116329 (dark: #6fdd8b).
 * @cssproperty --popin-radius - Corner radius of cards. Default 0.75rem.
 * @cssproperty --popin-space - Outer padding and main gaps. Default 1rem.
 * @cssproperty --popin-font - Font family. Default the system UI font.
 */
export default class PopinBooking extends LitElement {
  static override styles = styles;

  /** The seller's site id. */
  @property({ reflect: true }) site = '';

  /** Base URL of the booking worker. */
  @property() api = SCRIPT_ORIGIN;

  @state() private customer?: StoredCustomer;
  @state() private step: Step = { view: 'list' };
  @state() private confirming?: number;
  @state() private errors: FieldMessages = {};
  @state() private name = '';
  @state() private phoneText = '';
  @state() private country = '';
  @state() private announcement = '';

  private key = '';
  private client = new BookingApi(SCRIPT_ORIGIN, '');

  /** The slot list. Re-run explicitly after sign-in, booking, cancelling and "Not you?". */
  private readonly slots = new Task(this, {
    args: () => [this.api, this.site] as const,
    task: async ([, site], { signal }): Promise<Slots> => {
      if (!site) throw new ApiError(0, 'missing_site', 'This booking widget has no site set.');
      const customer = this.customer;
      try {
        return await this.client.slots(customer?.token, signal);
      } catch (error) {
        // A stored token that the worker no longer accepts: forget it, carry on as a guest.
        if (!customer || !(error instanceof ApiError) || error.status !== 401) throw error;
        this.forget();
        return this.client.slots(undefined, signal);
      }
    },
    onComplete: (slots) => {
      if (this.step.view === 'list') {
        const n = slots.events.length;
        this.announce(n ? `${n} demo${n === 1 ? '' : 's'} available.` : 'No demos scheduled right now.');
      }
    },
    onError: (error) => this.report(error),
  });

  /** The booking panel's code and styles, fetched when a slot is first chosen. */
  private readonly panel = new Task(this, {
    autoRun: false,
    task: async (): Promise<Panel> => {
      const panel = await import('./panel.js');
      adoptStyles(this.renderRoot as ShadowRoot, [...PopinBooking.elementStyles, panel.panelStyles]);
      return panel;
    },
  });

  /** libphonenumber-js and the helpers around it, fetched when the form first opens. */
  private readonly phone = new Task(this, {
    autoRun: false,
    task: (): Promise<Phone> => import('./phone.js'),
  });

  private readonly booking = new Task(this, {
    autoRun: false,
    task: async ([event]: readonly [DemoEvent], { signal }) => {
      let customer = this.customer;
      if (!customer) {
        const [panel, phone] = await Promise.all([this.panel.taskComplete, this.phone.taskComplete]);
        const input = panel.checkForm(phone, this.name, this.phoneText, this.country);
        const session = await this.client.createCustomer(input, signal);
        const mobile = session.customer.mobile || input.mobile;
        customer = {
          token: session.token,
          name: session.customer.name || input.name,
          mobile,
          display: phone.formatPhone(mobile),
        };
        this.customer = customer;
        saveCustomer(this.key, customer);
      }
      let contact: string;
      try {
        contact = (await this.client.register(event.id, customer.token, signal)).contact;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          this.forget();
          throw new ApiError(401, 'session_expired', 'Please enter your details again to book.');
        }
        throw error;
      }
      this.dispatchEvent(new PopinRegisteredEvent(slotDetail(event)));
      // The customer's own view: their join link and the slot marked as booked.
      await this.slots.run();
      const phone = this.phone.value;
      return { event, contact: phone && contact ? phone.formatPhone(contact) : contact || customer.display };
    },
    onComplete: ({ event, contact }) => {
      this.step = { view: 'done', event, contact };
      this.announce(`Booked: ${slotLabel(event)}.`);
      void this.focusLater('#done-title');
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const errors: FieldMessages = {};
      if (error instanceof ApiError) {
        errors.name = error.fieldErrors.name?.[0];
        errors.mobile = error.fieldErrors.mobile?.[0] ?? error.fieldErrors.country?.[0];
        if (!errors.name && !errors.mobile) errors.form = error.fieldErrors.event_id?.[0] ?? error.message;
        if (error.code !== 'invalid_input') this.report(error);
      } else {
        errors.form = GENERIC;
      }
      this.errors = errors;
      this.announce(errors.form ?? 'Please check the highlighted fields.');
      void this.focusLater(errors.name ? '#name' : errors.mobile ? '#mobile' : '[part~="submit"]');
    },
  });

  private readonly cancelling = new Task(this, {
    autoRun: false,
    task: async ([event]: readonly [DemoEvent], { signal }) => {
      const customer = this.customer;
      if (!customer) throw new ApiError(401, 'unauthorized', 'Please book again to manage your bookings.');
      try {
        await this.client.cancel(event.id, customer.token, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          this.forget();
          void this.slots.run();
        }
        throw error;
      }
      this.dispatchEvent(new PopinCancelledEvent(slotDetail(event)));
      await this.slots.run();
      return event;
    },
    onComplete: (event) => {
      this.confirming = undefined;
      this.announce(`Cancelled your booking for ${event.name}.`);
      void this.focusLater(`[data-slot="${event.id}"]`);
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this.confirming = undefined;
      this.report(error);
      this.announce(error instanceof ApiError ? error.message : GENERIC);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // Aborted by a disconnect: load again when put back on the page.
    if (this.hasUpdated && this.slots.status !== TaskStatus.COMPLETE) void this.slots.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.slots.abort();
    this.booking.abort();
    this.cancelling.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('site')) {
      this.client = new BookingApi(this.api || SCRIPT_ORIGIN, this.site);
      this.key = storageKey(this.api || SCRIPT_ORIGIN, this.site);
      this.customer = loadCustomer(this.key);
      this.step = { view: 'list' };
      this.confirming = undefined;
    }
  }

  // ---- helpers -------------------------------------------------------------

  private announce(message: string): void {
    this.announcement = message;
  }

  /** Tells the host page about a failed request (never with the token). */
  private report(error: unknown): void {
    if (isAbort(error)) return;
    const e = error instanceof ApiError ? error : new ApiError(0, 'unexpected', GENERIC);
    this.dispatchEvent(new PopinErrorEvent({ code: e.code, message: e.message, status: e.status }));
    if (this.step.view === 'list') this.announce(e.message);
  }

  private async focusLater(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private forget(): void {
    forgetCustomer(this.key);
    this.customer = undefined;
  }

  private defaultCountry(): string {
    return this.slots.value?.site.country ?? browserRegion() ?? 'US';
  }

  // ---- actions -------------------------------------------------------------

  private readonly openForm = (event: DemoEvent) => {
    this.step = { view: 'form', event };
    this.errors = {};
    this.confirming = undefined;
    if (!this.country) this.country = this.defaultCountry();
    for (const lazy of [this.panel, this.phone]) {
      if (lazy.status === TaskStatus.INITIAL || lazy.status === TaskStatus.ERROR) void lazy.run([]);
    }
    // Focus the first thing to do, once the panel's code is there.
    this.panel.taskComplete.then(
      () => this.focusLater(this.customer ? '[part~="book-as"]' : '#name'),
      () => undefined,
    );
  };

  private readonly backToList = () => {
    const step = this.step;
    this.booking.abort();
    this.step = { view: 'list' };
    this.errors = {};
    if (step.view !== 'list') void this.focusLater(`[data-slot="${step.event.id}"]`);
  };

  private readonly submit = (e: SubmitEvent) => {
    e.preventDefault();
    // One booking at a time: a second click or Enter while one is in flight does nothing.
    if (this.booking.status === TaskStatus.PENDING || this.step.view !== 'form') return;
    this.errors = {};
    void this.booking.run([this.step.event]);
  };

  private readonly notYou = () => {
    this.forget();
    this.announce('Signed out. Enter your details to book.');
    void this.slots.run();
    void this.focusLater(this.step.view === 'form' ? '#name' : '[part~="title"]');
  };

  private readonly onName = (e: InputEvent) => {
    this.name = (e.target as HTMLInputElement).value;
    if (this.errors.name) this.errors = { ...this.errors, name: undefined };
  };

  private readonly onPhone = (e: InputEvent) => {
    const input = e.target as HTMLInputElement;
    const phone = this.phone.value;
    this.phoneText = input.value;
    if (this.errors.mobile) this.errors = { ...this.errors, mobile: undefined };
    if (!phone) return;
    const typing = e.inputType === 'insertText' || e.inputType === 'insertCompositionText';
    // Deleting keeps the raw text (reformatting would put back what was just deleted);
    // editing in the middle keeps the caret where it is.
    if (e.inputType?.startsWith('delete') || (typing && input.selectionStart !== input.value.length)) return;
    const next = typing ? phone.formatTyping(input.value, this.country) : phone.normalizePaste(input.value, this.country);
    this.phoneText = next.text;
    if (next.country) this.country = next.country;
  };

  private readonly onPaste = (e: ClipboardEvent) => {
    const phone = this.phone.value;
    const text = e.clipboardData?.getData('text') ?? '';
    if (!phone || !text) return;
    e.preventDefault();
    const input = e.target as HTMLInputElement;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const next = phone.normalizePaste(input.value.slice(0, start) + text + input.value.slice(end), this.country);
    this.phoneText = next.text;
    if (next.country) this.country = next.country;
    if (this.errors.mobile) this.errors = { ...this.errors, mobile: undefined };
  };

  private readonly onCountry = (e: Event) => {
    this.country = (e.target as HTMLSelectElement).value;
    const phone = this.phone.value;
    if (phone && this.phoneText && !/^\s*(\+|00)/.test(this.phoneText)) {
      this.phoneText = phone.formatTyping(this.phoneText, this.country).text;
    }
  };

  private readonly askCancel = (event: DemoEvent) => {
    this.confirming = event.id;
    void this.focusLater(`[data-keep="${event.id}"]`);
  };

  private readonly keep = (event: DemoEvent) => {
    this.confirming = undefined;
    void this.focusLater(`[data-slot="${event.id}"]`);
  };

  private readonly confirmCancel = (event: DemoEvent) => {
    if (this.cancelling.status !== TaskStatus.PENDING) void this.cancelling.run([event]);
  };

  private readonly done = () => this.backToList();

  private readonly retry = () => void this.slots.run();

  private readonly retryPanel = () => {
    if (this.step.view === 'form') this.openForm(this.step.event);
  };

  // ---- rendering -----------------------------------------------------------

  private renderList() {
    const listState = { confirming: this.confirming, cancelling: this.cancelling.status === TaskStatus.PENDING };
    const actions = { book: this.openForm, askCancel: this.askCancel, confirmCancel: this.confirmCancel, keep: this.keep };
    const list = (slots: Slots) => (slots.events.length ? slotList(slots, listState, actions) : emptyState());
    return this.slots.render({
      initial: skeleton,
      // A reload keeps the current list on screen instead of flashing the skeleton.
      pending: () => (this.slots.value ? list(this.slots.value) : skeleton()),
      complete: list,
      error: (error) => errorState(error instanceof ApiError ? error.message : GENERIC, this.retry),
    });
  }

  private renderStep() {
    const step = this.step;
    const panel = this.panel.value;
    if (step.view !== 'list' && !panel) {
      return this.panel.status === TaskStatus.ERROR
        ? errorState("Couldn't open the booking form. Check your connection and try again.", this.retryPanel)
        : skeleton();
    }
    if (step.view === 'form' && panel) {
      const phone = this.phone.value;
      return panel.bookingPanel(
        {
          event: step.event,
          customer: this.customer,
          name: this.name,
          phone: this.phoneText,
          country: this.country,
          countries: phone && panel.countryOptions(phone),
          dial: phone?.dialCode(this.country) ?? '',
          errors: this.errors,
          busy: this.booking.status === TaskStatus.PENDING,
        },
        {
          back: this.backToList,
          submit: this.submit,
          name: this.onName,
          phone: this.onPhone,
          paste: this.onPaste,
          country: this.onCountry,
          notYou: this.notYou,
        },
      );
    }
    if (step.view === 'done' && panel) {
      // The reloaded list has this customer's join link and the live flag.
      const fresh = this.slots.value?.events.find((e) => e.id === step.event.id) ?? step.event;
      return panel.confirmation(fresh, step.contact, this.done);
    }
    return html`${this.customer ? this.renderSession(this.customer) : nothing}${this.renderList()}`;
  }

  private renderSession(customer: StoredCustomer) {
    return html`<p class="session" part="session">
      <span>Booking as <strong>${customer.name}</strong> · ${customer.display}</span>
      <button class="link" part="not-you" type="button" @click=${this.notYou}>Not you?</button>
    </p>`;
  }

  override render() {
    const site = this.slots.value?.site;
    const tz = timezoneName(site?.timezone);
    return html`
      <div class="header" part="header">
        <h2 class="title" part="title" tabindex="-1">Book a live demo</h2>
        <p class="subtitle" part="subtitle">${[site?.title, tz && `Times in ${tz}`].filter(Boolean).join(' · ')}</p>
      </div>
      <div aria-busy=${this.slots.status === TaskStatus.PENDING ? 'true' : 'false'} @keydown=${this.onKeydown}>${this.renderStep()}</div>
      <div class="sr-only" part="status" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  private readonly onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.step.view === 'form') {
      e.preventDefault();
      this.backToList();
    }
  };
}
