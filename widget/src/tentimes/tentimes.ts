/**
 * The widget's 10times parts, loaded with `import('../tentimes/tentimes.js')` only on sites
 * with the 10times option (the slots answer says so), by the booking form (the extra fields)
 * and by the account chunk (FLOOR links), so that those chunks stay within their budgets for
 * everyone else: the extra booking-form fields (email, and what the site asks: job title,
 * company, city, country) with the same markup and field-level errors as the name and mobile
 * fields, the confirmation's note, and the customer's FLOOR links. It takes the link icon
 * from the account chunk, which is always loaded before it.
 *
 * The field list is the widget's own copy of the worker's (worker/src/tentimes): importing
 * the worker's definition would put zod into the bundle.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { Task } from '@lit/task';
import { externalIcon, safeHttpUrl } from '../account/join-link.js';
import { ApiError, isObject, type DemoEvent, type FieldErrors } from '../api.js';
import type { BookingHost } from '../host.js';
import { en } from '../i18n/i18n.js';
import strings from './en.js';

Object.assign(en, strings);

export type TentimesField = 'email' | 'designation' | 'company' | 'city' | 'country_name';

/** Label (tentimes/en.ts), autocomplete token, input type. */
const FIELDS: Record<TentimesField, [keyof typeof strings, string, string]> = {
  email: ['email', 'email', 'email'],
  designation: ['jobTitle', 'organization-title', 'text'],
  company: ['company', 'organization', 'text'],
  city: ['city', 'address-level2', 'text'],
  country_name: ['countryName', 'country-name', 'text'],
};

export const isTentimesField = (field: unknown): field is TentimesField => typeof field === 'string' && field in FIELDS;

/** The worker's check, so that a typo is caught before anything is sent. */
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]{2,}$/;

const parts = new WeakMap<BookingHost, Tentimes>();

/** The one 10times part of an element, shared by its booking form and its account parts. */
export function tentimesFor(host: BookingHost): Tentimes {
  let part = parts.get(host);
  if (!part) parts.set(host, (part = new Tentimes(host)));
  return part;
}

export class Tentimes implements ReactiveController {
  fields: TentimesField[] = [];
  private values: Partial<Record<TentimesField, string>> = {};
  private errors: Partial<Record<TentimesField, string>> = {};
  /** Event id → this customer's FLOOR link. */
  private links = new Map<number | string, string>();

  /**
   * GET /tentimes, fetched again after every reload of the slots, so that a booking's FLOOR
   * link shows once 10times has confirmed it. A failure only hides them.
   */
  private readonly info = new Task(this.host, {
    args: () => [this.host.customer?.token, this.host.slots.value] as const,
    task: async ([token], { signal }) => {
      const [body] = await this.host.client.request('/tentimes', { token, signal });
      if (isObject(body) && body.enabled === true) this.set(body);
    },
  });

  constructor(private readonly host: BookingHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.info.abort();
  }

  private readonly update = () => this.host.requestUpdate();

  /** Takes in the answer of GET /tentimes: the fields to show and the FLOOR links. */
  private set(body: Record<string, unknown>): void {
    this.fields = Array.isArray(body.fields) ? body.fields.filter(isTentimesField) : [];
    this.links = new Map();
    for (const link of Array.isArray(body.floor) ? body.floor : []) {
      const url = safeHttpUrl(link?.floor_link);
      if (url && typeof link.event_id === 'number') this.links.set(link.event_id, url);
    }
    this.update();
  }

  /** "Also join on 10times FLOOR" for a booked slot whose 10times registration is confirmed. */
  floor(e: DemoEvent) {
    const url = this.links.get(e.id);
    const { t } = this.host;
    return url
      ? html`<a class="button secondary" part="join floor" href=${url} target="_blank" rel="noopener noreferrer"
          >${t('floor')}<span class="sr-only"> ${t('floorFor', { name: e.name })}</span>${externalIcon}</a
        >`
      : nothing;
  }

  /** In the confirmation (`block`): where the FLOOR link will appear. */
  note(block: boolean) {
    return block ? html`<p class="muted" part="tentimes-note">${this.host.t('tentimesNote')}</p>` : nothing;
  }

  /** Before the customer is created (the booking form's sign-up): throws the email's message, shown under the field. */
  check(): void {
    const email = this.emailError();
    if (email) throw new ApiError(0, 'invalid_input', this.host.t('checkFields'), { email: [email] });
  }

  private emailError(): string | undefined {
    const email = this.value('email');
    return !email ? this.host.t('enterEmail') : EMAIL.test(email) ? undefined : this.host.t('invalidEmail');
  }

  /** The values to send with the customer (blank optional fields left out). */
  filled(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const field of this.fields) if (this.value(field)) values[field] = this.value(field);
    return values;
  }

  private value(field: TentimesField): string {
    return (this.values[field] ?? '').trim();
  }

  /**
   * Shows a failed booking's messages under these fields (the booking form calls it); returns a
   * selector for the first one. When the name or mobile number was wrong, the email is
   * checked too, so that every problem of the form shows at once. `say` puts the booking
   * service's messages into the widget's language.
   */
  show(fieldErrors: FieldErrors, say: (message?: string) => string | undefined = (m) => m): string | undefined {
    // Booking as a known customer: the form is not on screen.
    if (this.host.customer) return undefined;
    this.errors = {};
    for (const field of this.fields) this.errors[field] = say(fieldErrors[field]?.[0]);
    if (fieldErrors.name || fieldErrors.mobile) this.errors.email ??= this.emailError();
    this.update();
    const first = this.fields.find((field) => this.errors[field]);
    return first && `#${first}`;
  }

  private readonly onInput = (e: InputEvent) => {
    const input = e.target as HTMLInputElement;
    const field = input.name as TentimesField;
    this.values[field] = input.value;
    this.errors[field] = undefined;
    this.update();
  };

  render() {
    const { t } = this.host;
    return this.fields.map((field) => {
      const [label, autocomplete, type] = FIELDS[field];
      const error = this.errors[field];
      const required = field === 'email';
      const hint = required ? `${field}-hint` : '';
      return html`<div class="field" part="field ${field}-field">
        <label for=${field}>${t(label)}${required ? nothing : html` <span class="muted">${t('optional')}</span>`}</label>
        <input
          id=${field}
          class="input"
          part="input ${field}-input"
          name=${field}
          type=${type}
          autocomplete=${autocomplete}
          maxlength=${required ? 254 : 100}
          ?required=${required}
          .value=${this.values[field] ?? ''}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${[hint, error ? `${field}-error` : ''].filter(Boolean).join(' ') || nothing}
          @input=${this.onInput}
        />
        ${required ? html`<p class="hint" part="hint" id=${hint}>${t('tentimesHint')}</p>` : nothing}
        ${error ? html`<p class="error" part="error field-error" id="${field}-error">${error}</p>` : nothing}
      </div>`;
    });
  }
}
