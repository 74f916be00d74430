/**
 * The one plain-text rule for every free-text field the worker accepts (names, email, the
 * 10times attendee fields, the fields of a 10times push) and for Popin's 422 text it passes on.
 *
 * Every check here is linear in the input and runs only after the length bound held, so a
 * hostile value costs at most a few microseconds (scripts/bench/hostile-patterns.ts).
 */

/**
 * Characters that have no place in text a person typed: controls (Cc), format characters (Cf:
 * bidi marks and overrides, LRM/RLM, zero-width characters, the BOM, soft hyphen), lone
 * surrogates (Cs), private use (Co), unassigned code points and non-characters (Cn), and line
 * or paragraph separators. One character class: no backtracking is possible.
 */
export const NOT_PLAIN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** True when `text` holds only printable characters and ordinary spaces. */
export const isPlainText = (text: string): boolean => !NOT_PLAIN.test(text);

/**
 * `text` without the run of `char` at its end. A loop, not `/x+$/`: that pattern retries from
 * every position of a long run that is not at the end, which is quadratic.
 */
export function trimEndOf(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}

/** Longest email address (RFC 5321's path limit); checked before anything else looks at the value. */
export const MAX_EMAIL_LENGTH = 254;

/** What no part of an address may hold (`\s` covers every Unicode space). One class: linear. */
const EMAIL_FORBIDDEN = /[\s@<>()[\],;:"\\]/;

/**
 * `local@domain` where the domain has a dot with at least one character before it and two
 * after it, and no part holds spaces or `@<>()[],;:"\`: the language the old pattern
 * `^[^…]+@[^…]+\.[^…]{2,}$` accepted, decided in one pass instead of a pattern that
 * backtracks quadratically on `a@a.a.a.a…`.
 */
export function isEmail(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH || !isPlainText(value)) return false;
  const at = value.indexOf('@');
  if (at < 1 || EMAIL_FORBIDDEN.test(value.slice(0, at))) return false;
  const domain = value.slice(at + 1);
  if (EMAIL_FORBIDDEN.test(domain)) return false;
  const dot = domain.indexOf('.', 1);
  return dot !== -1 && domain.length - dot - 1 >= 2;
}

/**
 * Text from a vendor (Popin's 422 message and field errors) made safe to show: bounded,
 * without controls or bidi characters. It is still shown as text (the widget never renders
 * it as HTML); this keeps a hostile upstream from reordering or hiding what the customer reads.
 */
export function vendorText(text: string, max = 300): string {
  const bounded = text.length > max * 2 ? text.slice(0, max * 2) : text;
  return bounded.replace(new RegExp(NOT_PLAIN.source, 'gu'), '').trim().slice(0, max);
}
