/** The booking panel: the chosen slot, then either the one-click returning-customer button or the form. */
import { html, nothing } from 'lit';
import type { DemoEvent } from '../api.js';
import type { BookingHost } from '../host.js';
import { dateBadge, slotText } from '../list/slot-list.js';
import type { StoredCustomer } from '../storage.js';
import { countryName, flag } from './country.js';
import { backIcon, chevronIcon } from './icons.js';

export interface CountryOption {
  code: string;
  name: string;
  /** "+91" */
  dial: string;
  flag: string;
}

export type Field = 'name' | 'mobile' | 'form';
export type FieldMessages = Partial<Record<Field, string>>;

export interface BookingState {
  host: BookingHost;
  event: DemoEvent;
  customer?: StoredCustomer;
  name: string;
  phone: string;
  country: string;
  /** Undefined until the phone helpers have loaded. */
  countries?: CountryOption[];
  dial: string;
  errors: FieldMessages;
  busy: boolean;
  /** More fields (the 10times ones), rendered after the mobile number. */
  fields?: unknown;
}

export interface BookingActions {
  back(): void;
  submit(e: SubmitEvent): void;
  name(e: InputEvent): void;
  phone(e: InputEvent): void;
  paste(e: ClipboardEvent): void;
  country(e: Event): void;
  notYou(): void;
}

const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || nothing;

const fieldError = (id: string, message?: string) =>
  message ? html`<p class="error" part="error field-error" id=${id}>${message}</p>` : nothing;

const formError = (message?: string) =>
  message ? html`<p class="error form-error" part="error form-error" role="alert">${message}</p>` : nothing;

const progress = (label: string) => html`<span class="spinner" aria-hidden="true"></span>${label}`;

function countrySelect(s: BookingState, on: BookingActions) {
  const options = s.countries ?? [{ code: s.country, name: countryName(s.country, s.host.locale), dial: s.dial, flag: flag(s.country) }];
  return html`<span class="country" part="country">
    <span class="flag" aria-hidden="true">${flag(s.country)}</span>
    <span aria-hidden="true">${s.dial}</span>
    ${chevronIcon}
    <select aria-label=${s.host.t('countryCode')} part="country-select" autocomplete="tel-country-code" @change=${on.country}>
      ${options.map(
        (c) => html`<option value=${c.code} ?selected=${c.code === s.country}>${c.flag} ${c.name}${c.dial ? ` (${c.dial})` : ''}</option>`,
      )}
    </select>
  </span>`;
}

function guestForm(s: BookingState, on: BookingActions) {
  const { errors } = s;
  const { t } = s.host;
  return html`<form class="form" part="form" novalidate @submit=${on.submit}>
    <div class="field" part="field name-field">
      <label for="name">${t('yourName')}</label>
      <input
        id="name"
        class="input"
        part="input name-input"
        name="name"
        autocomplete="name"
        maxlength="100"
        required
        .value=${s.name}
        aria-invalid=${errors.name ? 'true' : 'false'}
        aria-describedby=${describedBy(!!errors.name && 'name-error')}
        @input=${on.name}
      />
      ${fieldError('name-error', errors.name)}
    </div>
    <div class="field" part="field mobile-field">
      <label for="mobile">${t('mobile')}</label>
      <!-- The dial code and the number read left to right in every language. -->
      <div class="phone ${errors.mobile ? 'invalid' : ''}" dir="ltr">
        ${countrySelect(s, on)}
        <input
          id="mobile"
          class="input"
          part="input mobile-input"
          name="mobile"
          type="tel"
          inputmode="tel"
          autocomplete="tel"
          maxlength="24"
          required
          .value=${s.phone}
          aria-invalid=${errors.mobile ? 'true' : 'false'}
          aria-describedby=${describedBy('mobile-hint', !!errors.mobile && 'mobile-error')}
          @input=${on.phone}
          @paste=${on.paste}
        />
      </div>
      <p class="hint" part="hint" id="mobile-hint">${t('mobileHint')}</p>
      ${fieldError('mobile-error', errors.mobile)}
    </div>
    ${s.fields}${formError(errors.form)}
    <button class="button block" part="button submit" type="submit" aria-disabled=${s.busy ? 'true' : 'false'}>
      ${s.busy ? progress(t('booking')) : t('bookThis')}
    </button>
  </form>`;
}

function returning(s: BookingState, customer: StoredCustomer, on: BookingActions) {
  const { t } = s.host;
  // The number reads left to right in every language, wherever the language puts it.
  const [before, after] = t('bookAs', { name: customer.name }).split('{phone}');
  return html`<form class="form who" part="form returning" @submit=${on.submit}>
    ${formError(s.errors.form)}
    <button class="button block" part="button submit book-as" type="submit" aria-disabled=${s.busy ? 'true' : 'false'}>
      ${s.busy ? progress(t('booking')) : html`${before}<bdi dir="ltr">${customer.display}</bdi>${after}`}
    </button>
    <button class="link" part="not-you" type="button" @click=${on.notYou}>${t('notYou')}</button>
  </form>`;
}

export function bookingPanel(s: BookingState, on: BookingActions) {
  const { host } = s;
  return html`<section class="panel" part="panel" aria-labelledby="panel-title">
    <button class="button quiet back" part="button back" type="button" @click=${on.back}>${backIcon} ${host.t('allDemos')}</button>
    <h3 class="sr-only" id="panel-title">${host.t('bookTitle', { name: s.event.name })}</h3>
    <div class="summary" part="summary">${dateBadge(host, s.event)} ${slotText(host, s.event)}</div>
    ${s.customer ? returning(s, s.customer, on) : guestForm(s, on)}
  </section>`;
}
