/**
 * Phone number helpers, loaded lazily with `import('./phone.js')` when the
 * booking form opens, so libphonenumber-js stays out of the first-load module.
 *
 * Uses the `libphonenumber-js/mobile` metadata: about 5 KB gzip more than
 * `/min`, but it validates that the number really is a *mobile* number (the
 * join link goes out by SMS/WhatsApp; `/min` only checks lengths and would
 * accept landlines) and it knows which country a number belongs to. The
 * chunk only loads when someone opens the form.
 */
import {
  AsYouType,
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/mobile';
import { en } from '../i18n/i18n.js';
import strings from './phone.en.js';

Object.assign(en, strings);

export interface CountryCodeInfo {
  code: string;
  /** "+91" */
  dial: string;
}

export interface PhoneInput {
  /** Text to show in the input. */
  text: string;
  /** Country the number belongs to, when it can be told. */
  country?: string;
}

/** A failed check names its message (phone.en.ts): `key`, with `For` when the country is named. */
export type PhoneCheck =
  | { ok: true; e164: string; country: string; display: string }
  | { ok: false; key: keyof typeof strings };

/** Calling codes shared by several countries: the country to pick when the number alone can't tell. */
const MAIN: Partial<Record<string, CountryCode>> = { '1': 'US', '7': 'RU', '44': 'GB', '61': 'AU', '47': 'NO', '358': 'FI', '262': 'RE', '590': 'GP', '599': 'CW', '212': 'MA', '290': 'SH' };

const asCountry = (code: string | undefined): CountryCode | undefined =>
  code && isSupportedCountry(code) ? code : undefined;

export const isCountry = (code: string | undefined): boolean => asCountry(code) !== undefined;

export function dialCode(country: string): string {
  const c = asCountry(country);
  return c ? '+' + getCountryCallingCode(c) : '';
}

/** Every supported country with its dial code. */
export function countryCodes(): CountryCodeInfo[] {
  return getCountries().map((code) => ({ code, dial: '+' + getCountryCallingCode(code) }));
}

/** "0044 7911…" → "+44 7911…" (00 is the international prefix almost everywhere). */
function international(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.startsWith('00') ? '+' + trimmed.slice(2) : trimmed;
}

const isInternational = (raw: string) => /^\s*(\+|00)/.test(raw);

/** The country for a calling code, preferring the one already selected. */
function countryFor(callingCode: string | undefined, detected: string | undefined, current: string): string | undefined {
  if (!callingCode) return undefined;
  const cur = asCountry(current);
  if (cur && getCountryCallingCode(cur) === callingCode && !detected) return current;
  return detected ?? MAIN[callingCode] ?? getCountries().find((c) => getCountryCallingCode(c) === callingCode);
}

/** Format while typing. A number typed with +CC (or 00CC) reports its country. */
export function formatTyping(raw: string, country: string): PhoneInput {
  if (isInternational(raw)) {
    const typer = new AsYouType();
    const text = typer.input(international(raw));
    return { text, country: countryFor(typer.getCallingCode(), typer.getCountry(), country) };
  }
  const typer = new AsYouType(asCountry(country));
  return { text: typer.input(raw) };
}

/**
 * A pasted number in any common form ("+91 95445-10895", "095445 10895",
 * "0044 7911 123456"): switch to its country and show it in national format.
 */
export function normalizePaste(raw: string, country: string): PhoneInput {
  const text = international(raw);
  const parsed = parsePhoneNumberFromString(text, asCountry(country));
  if (!parsed) return formatTyping(raw, country);
  if (isInternational(raw)) {
    const target = countryFor(parsed.countryCallingCode, parsed.country, country);
    if (target) return { text: new AsYouType(asCountry(target)).input(parsed.formatNational()), country: target };
    return { text: new AsYouType().input(text) };
  }
  return { text: new AsYouType(asCountry(country)).input(text) };
}

/** Validate before submitting; gives the E.164 number to send, or the message's key ("…For": name the country). */
export function checkMobile(raw: string, country: string): PhoneCheck {
  const text = international(raw);
  if (!/\d/.test(text)) return { ok: false, key: 'enterMobile' };
  const c = asCountry(country);
  const where = c && !isInternational(raw) ? 'For' : '';
  const length = validatePhoneNumberLength(text, c);
  if (length === 'TOO_SHORT') return { ok: false, key: `tooShort${where}` };
  if (length === 'TOO_LONG') return { ok: false, key: `tooLong${where}` };
  if (length === 'INVALID_COUNTRY') return { ok: false, key: 'chooseCountry' };
  const parsed = parsePhoneNumberFromString(text, c);
  if (!parsed || !parsed.isValid()) return { ok: false, key: `invalidMobile${where}` };
  return { ok: true, e164: parsed.number, country: parsed.country ?? country, display: parsed.formatInternational() };
}

/** "+919544510895" → "+91 95445 10895"; anything unparseable is returned as is. */
export function formatPhone(value: string): string {
  return parsePhoneNumberFromString(international(value))?.formatInternational() ?? value;
}
