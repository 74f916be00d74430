import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';

/**
 * Normalises a mobile number as a person types it ("095445 10895", "+91 95445-10895",
 * "0044 7911 123456") to E.164. `country` is the hint for numbers without a `+`.
 * The "mobile" metadata makes isValid() accept only numbers that can be mobiles, the same
 * metadata the widget validates with, so both sides agree.
 */
export function toE164(mobile: string, country: string): string | undefined {
  const number = parsePhoneNumberFromString(mobile, { defaultCountry: country as CountryCode, extract: false });
  return number?.isValid() ? number.number : undefined;
}
