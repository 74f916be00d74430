/**
 * The booking panel, form and confirmation, loaded with `import('./panel.js')` when a
 * customer first picks a slot: the list is all most visitors need, so its code stays
 * out of the first-load module. The phone helpers (libphonenumber-js) load beside it.
 */
import { Task, TaskStatus } from '@lit/task';
import { ApiError, type DemoEvent } from './api.js';
import { browserRegion, countryName, flag } from './country.js';
import { emit } from './events.js';
import { GENERIC, isAbort, type default as PopinBooking, type Step } from './popin-booking.component.js';
import type * as PhoneHelpers from './phone.js';
import { saveCustomer } from './storage.js';
import { bookingPanel, type CountryOption, type FieldMessages } from './views/booking.js';
import { confirmation } from './views/confirmation.js';
import { slotDetail, slotLabel } from './views/slots.js';

export type { BookingActions, BookingState, CountryOption, FieldMessages } from './views/booking.js';
export { default as styles } from './views/panel.styles.js';

type Phone = typeof PhoneHelpers;

let options: CountryOption[] | undefined;

/** Every country as "🇮🇳 India (+91)", sorted by name in the reader's language. */
function countryOptions(phone: Phone): CountryOption[] {
  if (!options) {
    const collator = new Intl.Collator();
    options = phone
      .countryCodes()
      .map(({ code, dial }) => ({ code, dial, name: countryName(code), flag: flag(code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }
  return options;
}

/** Checks the form before anything is sent; throws the messages to show under the fields. */
function checkForm(phone: Phone, rawName: string, rawMobile: string, country: string) {
  const name = rawName.trim();
  const check = phone.checkMobile(rawMobile, country, countryName(country));
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter your name.'];
  if (!check.ok) fieldErrors.mobile = [check.message];
  if (!name || !check.ok) throw new ApiError(0, 'invalid_input', 'Please check the highlighted fields.', fieldErrors);
  return { name, mobile: check.e164, country: check.country, display: check.display };
}

/** The form's state and the booking itself, for one `<popin-booking>`. */
export class Flow {
  private errors: FieldMessages = {};
  private name = '';
  private tel = '';
  private country = '';

  constructor(private readonly host: PopinBooking) {}

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
        const input = checkForm(phone, this.name, this.tel, this.country);
        const session = await host.acct!.signUp(input, signal);
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
      try {
        contact = (await host.acct!.calls.register(host.client, event.id, customer.token, signal)).contact;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          host.forget();
          throw new ApiError(401, 'session_expired', 'Please enter your details again to book.');
        }
        throw error;
      }
      emit(host, 'popin-booking:registered', slotDetail(event));
      // The customer's own view: their join link and the slot marked as booked.
      await host.slots.run();
      const phone = this.phone.value;
      return { event, contact: phone && contact ? phone.formatPhone(contact) : contact || customer.display };
    },
    onComplete: ({ event, contact }) => {
      this.host.step = { view: 'done', event, contact };
      this.host.announce(`Booked: ${slotLabel(event)}.`);
      void this.host.focusLater('#done-title');
    },
    onError: (error) => {
      if (isAbort(error)) return;
      const errors: FieldMessages = {};
      let extra: string | undefined;
      if (error instanceof ApiError) {
        errors.name = error.fieldErrors.name?.[0];
        errors.mobile = error.fieldErrors.mobile?.[0] ?? error.fieldErrors.country?.[0];
        if (!(extra = this.host.acct!.show(error)) && !errors.name && !errors.mobile) errors.form = error.fieldErrors.event_id?.[0] ?? error.message;
        if (error.code !== 'invalid_input') this.host.report(error);
      } else {
        errors.form = GENERIC;
      }
      this.errors = errors;
      this.host.announce(errors.form ?? 'Please check the highlighted fields.');
      void this.host.focusLater(errors.name ? '#name' : errors.mobile ? '#mobile' : extra ?? '[part~="submit"]');
    },
  });

  /** The form for this slot (the host has set its step already). */
  open(): void {
    this.errors = {};
    this.country ||= this.host.slots.value?.site.country ?? browserRegion() ?? 'US';
    if (this.phone.status === TaskStatus.INITIAL || this.phone.status === TaskStatus.ERROR) void this.phone.run([]);
    this.host.requestUpdate();
    void this.host.focusLater(this.host.customer ? '[part~="book-as"]' : '#name');
  }

  private readonly back = () => {
    const { host } = this;
    const step = host.step;
    this.booking.abort();
    host.step = { view: 'list' };
    this.errors = {};
    if (step.view !== 'list') void host.focusLater(`[data-slot="${step.event.id}"]`);
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
      return confirmation(fresh, step.contact, this.back, host.acct!);
    }
    const phone = this.phone.value;
    return bookingPanel(
      {
        event: step.event,
        customer: host.customer,
        name: this.name,
        phone: this.tel,
        country: this.country,
        countries: phone && countryOptions(phone),
        dial: phone?.dialCode(this.country) ?? '',
        errors: this.errors,
        busy: this.booking.status === TaskStatus.PENDING,
        fields: host.acct!.fields,
      },
      {
        back: this.back,
        submit: this.submit,
        name: this.onName,
        phone: this.onPhone,
        paste: this.onPaste,
        country: this.onCountry,
        notYou: host.acct!.notYou,
      },
    );
  }
}
