/**
 * The booking panel, form and confirmation, loaded with `import('./panel.js')` when a
 * customer first picks a slot: the list is all most visitors need, so its code stays
 * out of the first-load module. The phone helpers (libphonenumber-js) load beside it.
 */
import { ApiError } from './api.js';
import { countryName, flag } from './country.js';
import type * as PhoneHelpers from './phone.js';
import type { CountryOption } from './views/booking.js';

export { bookingPanel } from './views/booking.js';
export type { BookingActions, BookingState, CountryOption, FieldMessages } from './views/booking.js';
export { confirmation } from './views/confirmation.js';
export { default as panelStyles } from './views/panel.styles.js';

type Phone = typeof PhoneHelpers;

let options: CountryOption[] | undefined;

/** Every country as "🇮🇳 India (+91)", sorted by name in the reader's language. */
export function countryOptions(phone: Phone): CountryOption[] {
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
export function checkForm(phone: Phone, rawName: string, rawMobile: string, country: string) {
  const name = rawName.trim();
  const check = phone.checkMobile(rawMobile, country, countryName(country));
  const fieldErrors: Record<string, string[]> = {};
  if (!name) fieldErrors.name = ['Enter your name.'];
  if (!check.ok) fieldErrors.mobile = [check.message];
  if (!name || !check.ok) throw new ApiError(0, 'invalid_input', 'Please check the highlighted fields.', fieldErrors);
  return { name, mobile: check.e164, country: check.country, display: check.display };
}
