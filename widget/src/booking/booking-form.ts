/**
 * The booking form and its confirmation, loaded with `import('./booking/booking-form.js')`
 * when a customer first picks a slot: the list is all most visitors need, so its code stays
 * out of the first-load module. The phone helpers (libphonenumber-js) load beside it, and on
 * the sites that have them, the 10times fields (tentimes/) and the human check.
 */
import { html, type ReactiveController } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { addToCalendar, attribution, createCustomer, joinLink, register, signOut } from '../account/account.js';
import { ApiError, isAbort, type DemoEvent, type NewCustomer } from '../api.js';
import { emit } from '../events.js';
import type { BookingHost, Step } from '../host.js';
import { base, en } from '../i18n/i18n.js';
import strings from './en.js';
import { focusLater, slotDetail, slotLabel } from '../list/slot-list.js';
import { nextTask } from '../tasks.js';
import { saveCustomer } from './save-customer.js';
import type { Tentimes } from '../tentimes/tentimes.js';
import { bookingPanel, type CountryOption, type FieldMessages } from './booking-panel.js';
import { browserRegion, countryName, flag } from './country.js';
import { confirmation } from './confirmation.js';
import type { HumanCheck } from './human-check.js';
import type * as PhoneHelpers from './phone.js';

export type { BookingActions, BookingState, CountryOption, FieldMessages } from './booking-panel.js';
export { default as styles } from './booking.styles.js';

Object.assign(en, strings);

type Phone = typeof PhoneHelpers;

const options = new Map<string, CountryOption[]>();

/** Every country as "🇮🇳 India (+91)", named and sorted in the widget's language. */
function countryOptions(phone: Phone, locale: string): CountryOption[] {
  let list = options.get(locale);
  if (!list) options.set(locale, (list = sortCountries(nameCountries(phone, locale), locale)));
  return list;
}

const nameCountries = (phone: Phone, locale: string) =>
  phone.countryCodes().map(({ code, dial }) => ({ code, dial, name: countryName(code, locale), flag: flag(code) }));

const sortCountries = (list: CountryOption[], locale: string, collator = new Intl.Collator(locale)) =>
  list.sort((a, b) => collator.compare(a.name, b.name));

/**
 * The same, made ahead in tasks of their own, after the one that evaluated the phone chunk:
 * libphonenumber-js's metadata (read on first use, vite.config.ts), the browser's region names
 * and its collation data each load on first use (tens of ms at the bench's 4x CPU slowdown), so
 * made in one task with the naming and the sort they were one long task of the widget's, right
 * after the form's prefetch.
 */
async function prepareCountryOptions(phone: Phone, locale: string): Promise<void> {
  await nextTask();
  phone.countryCodes();
  await nextTask();
  countryName('IN', locale);
  await nextTask();
  const named = nameCountries(phone, locale);
  await nextTask();
  const collator = new Intl.Collator(locale);
  await nextTask();
  if (!options.has(locale)) options.set(locale, sortCountries(named, locale, collator));
}

/** Checks the form before anything is sent; throws the messages to show under the fields. */
function checkForm({ t, locale }: BookingHost, phone: Phone, rawName: string, rawMobile: string, country: string) {
  const name = rawName.trim();
  const check = phone.checkMobile(rawMobile, country);
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = [t('enterName')];
  if (!check.ok) fieldErrors.mobile = [t(check.key, { country: countryName(country, locale) })];
  if (!name || !check.ok) throw new ApiError(0, 'invalid_input', t('checkFields'), fieldErrors);
  return { name, mobile: check.e164, country: check.country, display: check.display };
}

/** The form's state and the booking itself, for one `<popin-booking>`: a reactive controller. */
export class BookingForm implements ReactiveController {
  private errors: FieldMessages = {};
  private name = '';
  private tel = '';
  private country = '';
  /** The 240-odd countries render in the task after the form's first frame, not in the click's. */
  private listed = false;
  /** The 10times fields (tentimes/), on sites with that option. */
  private tentimes?: Tentimes;
  /** The sign-up's human check (human-check.ts), on sites with Turnstile only. */
  private human?: HumanCheck;

  constructor(private readonly host: BookingHost) {
    host.addController(this);
    // Made when the form first opens or is prefetched (list/): the phone helpers come next either
    // way, and the country list is made from them in tasks of its own.
    void this.phone.run([]).then(() => this.phone.value && prepareCountryOptions(this.phone.value, host.locale));
  }

  hostDisconnected(): void {
    this.booking.abort();
  }

  /** libphonenumber-js and the helpers around it, fetched when the form first opens. */
  private readonly phone = new Task(this.host, {
    autoRun: false,
    task: (): Promise<Phone> => import('./phone.js'),
  });

  readonly booking = new Task(this.host, {
    autoRun: false,
    task: async ([event]: readonly [DemoEvent], { signal }) => {
      const { host } = this;
      let customer = host.customer;
      if (!customer) {
        const phone = await this.phone.taskComplete;
        const input = checkForm(host, phone, this.name, this.tel, this.country);
        const session = await this.signUp(input, signal);
        const mobile = session.customer.mobile || input.mobile;
        customer = {
          token: session.token,
          name: session.customer.name || input.name,
          mobile,
          display: phone.formatPhone(mobile),
        };
        host.customer = customer;
        saveCustomer(host.key, customer);
      }
      let contact: string;
      const from = attribution();
      try {
        contact = (await register(host.client, event.id, customer.token, signal, from)).contact;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          host.forget();
          throw new ApiError(401, 'session_expired', host.t('err_session_expired'));
        }
        throw error;
      }
      emit(host, 'popin-booking:registered', { ...slotDetail(event), attribution: from });
      // The customer's own view: their join link and the slot marked as booked.
      await host.slots.run();
      const phone = this.phone.value;
      // EnableX sends no message: its join link and PIN are shown in the widget instead.
      return { event, contact: event.enablex ? '' : phone && contact ? phone.formatPhone(contact) : contact || customer.display };
    },
    onComplete: ({ event, contact }) => {
      this.host.step = { view: 'done', event, contact };
      this.host.announce(this.host.t('bookedSlot', { slot: slotLabel(this.host, event) }));
      void focusLater(this.host, '#done-title');
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const { host } = this;
      const errors: FieldMessages = {};
      let extra: string | undefined;
      if (error instanceof ApiError) {
        // The widget's own checks (invalid_input) speak the widget's language; the booking
        // service's field messages are English: in another language, "Please check this field".
        const own = error.code == 'invalid_input' || base(host.locale) == 'en';
        const field = (m?: string) => m && (own ? m : host.t('fieldRefused'));
        errors.name = field(error.fieldErrors.name?.[0]);
        errors.mobile = field(error.fieldErrors.mobile?.[0] ?? error.fieldErrors.country?.[0]);
        if (!(extra = this.tentimes?.show(error.fieldErrors, field)) && !errors.name && !errors.mobile) {
          const slot = error.fieldErrors.event_id?.[0];
          errors.form = slot ? (own ? slot : host.t('err_not_offered')) : error.code == 'invalid_input' ? error.message : host.say(error);
        }
        if (error.code !== 'invalid_input') host.report(error);
      } else {
        errors.form = host.t('generic');
      }
      this.errors = errors;
      host.announce(errors.form ?? host.t('checkFields'));
      void focusLater(this.host, errors.name ? '#name' : errors.mobile ? '#mobile' : extra ?? '[part~="submit"]');
    },
  });

  /** Creates the customer, with the 10times fields and the Turnstile token when the site has them. */
  private async signUp(input: NewCustomer, signal: AbortSignal) {
    this.tentimes?.check();
    this.human?.check();
    try {
      return await createCustomer(this.host.client, { ...input, ...this.tentimes?.filled(), turnstile: this.human?.token }, signal);
    } finally {
      // Turnstile tokens are single-use: whatever the answer, the next attempt needs a fresh one.
      this.human?.reset();
    }
  }

  /** The form for this slot (the host has set its step already). */
  open(): void {
    const { host } = this;
    const slots = host.slots.value;
    this.errors = {};
    // Prefill from the element's name, mobile and country attributes (the shareable page sets them from its query).
    const attr = (name: string) => host.getAttribute(name)?.trim() ?? '';
    this.name ||= attr('name').slice(0, 100);
    this.tel ||= attr('mobile').slice(0, 40);
    this.country ||= (/^[a-z]{2}$/i.test(attr('country')) && attr('country').toUpperCase()) || slots?.site.country || browserRegion() || 'US';
    if (this.phone.status === TaskStatus.INITIAL || this.phone.status === TaskStatus.ERROR) void this.phone.run([]);
    // The site's extra parts, each once: they render as soon as they arrive.
    const key = slots?.site.turnstileSiteKey;
    if (key && !this.human) {
      void import('./human-check.js').then((m) => {
        this.human ??= new m.HumanCheck(host, key);
        host.requestUpdate();
      });
    }
    if (slots?.tentimes && !this.tentimes) {
      void import('../tentimes/tentimes.js').then((m) => {
        this.tentimes = m.tentimesFor(host);
        host.requestUpdate();
      });
    }
    this.listed = false;
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.listed = true;
        host.requestUpdate();
      }),
    );
    this.host.requestUpdate();
    void focusLater(this.host, this.host.customer ? '[part~="book-as"]' : '#name');
  }

  private readonly notYou = () => signOut(this.host);

  private readonly back = () => {
    const { host } = this;
    const step = host.step;
    this.booking.abort();
    host.step = { view: 'list' };
    this.errors = {};
    if (step.view !== 'list') void focusLater(host, `[data-slot="${step.event.id}"]`);
  };

  readonly keydown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.host.step.view === 'form') {
      e.preventDefault();
      this.back();
    }
  };

  private readonly submit = (e: SubmitEvent) => {
    e.preventDefault();
    // One booking at a time: a second click or Enter while one is in flight does nothing.
    const step = this.host.step;
    if (this.booking.status === TaskStatus.PENDING || step.view !== 'form') return;
    this.errors = {};
    void this.booking.run([step.event]);
  };

  private readonly onName = (e: InputEvent) => {
    this.name = (e.target as HTMLInputElement).value;
    this.errors.name = undefined;
    this.host.requestUpdate();
  };

  private readonly onPhone = (e: InputEvent) => {
    const input = e.target as HTMLInputElement;
    const phone = this.phone.value;
    this.tel = input.value;
    this.errors.mobile = undefined;
    this.host.requestUpdate();
    if (!phone) return;
    const typing = e.inputType === 'insertText' || e.inputType === 'insertCompositionText';
    // Deleting keeps the raw text (reformatting would put back what was just deleted);
    // editing in the middle keeps the caret where it is.
    if (e.inputType?.startsWith('delete') || (typing && input.selectionStart !== input.value.length)) return;
    const next = typing ? phone.formatTyping(input.value, this.country) : phone.normalizePaste(input.value, this.country);
    // Set here, not only through the template: Lit skips a value equal to the one it last
    // rendered, even when the typed text differs (what the live directive did, at 0.5 KB).
    input.value = this.tel = next.text;
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
    this.tel = next.text;
    if (next.country) this.country = next.country;
    this.errors.mobile = undefined;
    this.host.requestUpdate();
  };

  private readonly onCountry = (e: Event) => {
    this.country = (e.target as HTMLSelectElement).value;
    const phone = this.phone.value;
    if (phone && this.tel && !/^\s*(\+|00)/.test(this.tel)) {
      this.tel = phone.formatTyping(this.tel, this.country).text;
    }
    this.host.requestUpdate();
  };

  render(step: Exclude<Step, { view: 'list' }>) {
    const { host } = this;
    if (step.view === 'done') {
      // The reloaded list has this customer's join link and the live flag.
      const fresh = host.slots.value?.events.find((e) => e.id === step.event.id) ?? step.event;
      return confirmation(host, fresh, step.contact, this.back, html`${joinLink(host, fresh, true)}${addToCalendar(host, fresh)}${this.tentimes?.note(true)}`);
    }
    const phone = this.phone.value;
    return bookingPanel(
      {
        host,
        event: step.event,
        customer: host.customer,
        name: this.name,
        phone: this.tel,
        country: this.country,
        countries: this.listed ? phone && countryOptions(phone, host.locale) : undefined,
        dial: phone?.dialCode(this.country) ?? '',
        errors: this.errors,
        busy: this.booking.status === TaskStatus.PENDING,
        fields: html`${this.tentimes?.render()}${this.human?.render()}`,
      },
      {
        back: this.back,
        submit: this.submit,
        name: this.onName,
        phone: this.onPhone,
        paste: this.onPaste,
        country: this.onCountry,
        notYou: this.notYou,
      },
    );
  }
}
