/** Country helpers that need no phone metadata (safe in the first-load module). */

/** "IN" → 🇮🇳, built from regional indicator symbols. */
export function flag(country: string): string {
  return /^[A-Z]{2}$/.test(country)
    ? String.fromCodePoint(...[...country].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65))
    : '';
}

let names: Intl.DisplayNames | undefined;
let namesLocale: string | undefined;

/** "IN" → "India", in the reader's language. */
export function countryName(country: string, locale?: string): string {
  try {
    if (!names || namesLocale !== locale) {
      names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' });
      namesLocale = locale;
    }
    return names.of(country) ?? country;
  } catch {
    return country;
  }
}

/** The region of the browser's language, e.g. 'en-GB' → "GB". */
export function browserRegion(languages: readonly string[] = globalThis.navigator?.languages ?? []): string | undefined {
  const region = (tag: string | undefined, guess: boolean) => {
    try {
      const locale = tag ? new Intl.Locale(tag) : undefined;
      const r = guess ? locale?.maximize().region : locale?.region;
      return r && /^[A-Z]{2}$/.test(r) ? r : undefined;
    } catch {
      return undefined;
    }
  };
  for (const tag of languages) {
    const r = region(tag, false);
    if (r) return r;
  }
  return region(languages[0], true);
}
