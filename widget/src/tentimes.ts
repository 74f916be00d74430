/**
 * The 10times fields of the booking form (email, and what the site asks: job title,
 * company, city, country), loaded with `import('./tentimes.js')` only on sites with the
 * 10times option, so that the panel chunk stays within its budget for everyone else.
 * Same markup and field-level error handling as the name and mobile fields.
 */
import { html, nothing } from 'lit';
import type { FieldErrors } from './api.js';

export type TentimesField = 'email' | 'designation' | 'company' | 'city' | 'country_name';

/** Label, autocomplete token, input type. */
const FIELDS: Record<TentimesField, [string, string, string]> = {
  email: ['Email', 'email', 'email'],
  designation: ['Job title', 'organization-title', 'text'],
  company: ['Company', 'organization', 'text'],
  city: ['City', 'address-level2', 'text'],
  country_name: ['Country', 'country-name', 'text'],
};

export const isTentimesField = (field: unknown): field is TentimesField => typeof field === 'string' && field in FIELDS;

/** The worker's check, so that a typo is caught before anything is sent. */
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]{2,}$/;

export class TentimesForm {
  private values: Partial<Record<TentimesField, string>> = {};
  private errors: Partial<Record<TentimesField, string>> = {};

  constructor(
    readonly fields: TentimesField[],
    private readonly update: () => void,
  ) {}

  /** Checks the fields and shows what is wrong; returns the messages (empty when all is well). */
  check(): FieldErrors {
    const errors: FieldErrors = {};
    const email = this.value('email');
    if (!email) errors.email = ['Enter your email address.'];
    else if (!EMAIL.test(email)) errors.email = ['Enter a valid email address, like name@example.com.'];
    this.show(errors);
    return errors;
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

  /** Shows the worker's (or our own) messages under the fields; returns a selector for the first field with one. */
  show(fieldErrors: FieldErrors): string | undefined {
    this.errors = {};
    for (const field of this.fields) this.errors[field] = fieldErrors[field]?.[0];
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
    return this.fields.map((field) => {
      const [label, autocomplete, type] = FIELDS[field];
      const error = this.errors[field];
      const required = field === 'email';
      const hint = required ? `${field}-hint` : '';
      return html`<div class="field" part="field ${field}-field">
        <label for=${field}>${label}${required ? nothing : html` <span class="muted">(optional)</span>`}</label>
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
        ${required ? html`<p class="hint" part="hint" id=${hint}>We also register you for this event on 10times.</p>` : nothing}
        ${error ? html`<p class="error" part="error field-error" id="${field}-error">${error}</p>` : nothing}
      </div>`;
    });
  }
}
