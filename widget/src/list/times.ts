/**
 * A slot's times for the customer: in the customer's own time zone when the API gave the
 * instants (`starts_at` / `ends_at`), with the seller's time and zone beside them when the two
 * clocks differ. Popin's own strings (the seller's wall clock) remain the fallback.
 */
import type { DemoEvent } from '../api.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per language and set of options, made once: making one costs far more than
 * formatting with it (locale data lookup), and a list of 200 slots would otherwise make a
 * thousand of them per render.
 */
const format = (locale?: string, options?: Intl.DateTimeFormatOptions) => {
  const key = locale + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
};

/** Made again for each slots response: the customer's clock may have moved to another zone since. */
export const forgetFormats = () => formats.clear();

/** The customer's zone, e.g. "Europe/London". */
export const customerZone = () => format().resolvedOptions().timeZone;

export const nextTask = () => new Promise((resolve) => setTimeout(resolve));

/**
 * The browser's Intl (ICU) data, loaded as soon as this chunk arrives, while the slots request may
 * still be out, and in several tasks: the first number format alone takes 50-150 ms at the bench's
 * 4x CPU slowdown, in one call that cannot be split, and the first date format and the customer's
 * zone load more (its name, the subtitle, comes next: parseSlots). Made in one task, they were the
 * widget's longest (100+ ms).
 */
export const warmIntl = ([() => new Intl.NumberFormat(), customerZone] as Array<() => unknown>).reduce<Promise<unknown>>((done, step) => done.then(nextTask).then(step), Promise.resolve());

const time = (locale: string, zone?: string) => format(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone });

/** "India Standard Time" (long) or "GMT+5:30" / "IST" (short) of `zone` at `at`, in `locale`'s language. */
export function zoneName(locale: string, zone: string | undefined, style: 'long' | 'short' = 'long', at = Date.now()): string {
  try {
    return format(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone ?? '';
  } catch {
    return zone ?? ''; // an unknown zone: its id
  }
}

function range(locale: string, e: DemoEvent, zone?: string): string {
  const start = Date.parse(e.starts_at!);
  const end = e.ends_at ? Date.parse(e.ends_at) : NaN;
  try {
    const f = time(locale, zone);
    return end > start ? f.formatRange(start, end) : f.format(start);
  } catch {
    return '';
  }
}

export interface SlotTimes {
  day: string;
  month: string;
  /** In the customer's zone. */
  range: string;
  /** The seller's time and zone ("4:05 – 4:20 PM IST"), when it reads differently from the customer's. */
  seller?: string;
}

/** Per slot (one object per slots response), by language: the same slot is rendered on every update of the element. */
const computed = new WeakMap<DemoEvent, Map<string, SlotTimes>>();

/** The slot's date and times in `locale`'s language (Popin's own strings, as they are, without `starts_at`), worked out once. */
export function slotTimes(locale: string, e: DemoEvent): SlotTimes {
  let byLocale = computed.get(e);
  if (!byLocale) computed.set(e, (byLocale = new Map()));
  let t = byLocale.get(locale);
  if (!t) byLocale.set(locale, (t = times(locale, e)));
  return t;
}

function times(locale: string, e: DemoEvent): SlotTimes {
  if (!e.starts_at || Number.isNaN(Date.parse(e.starts_at))) {
    return { day: e.date, month: e.month, range: e.end_time ? `${e.time} – ${e.end_time}` : e.time };
  }
  const start = Date.parse(e.starts_at);
  const mine = range(locale, e);
  const theirs = e.zone ? range(locale, e, e.zone) : mine;
  const date = (o: Intl.DateTimeFormatOptions) => format(locale, o).format(start);
  return {
    day: date({ day: '2-digit' }),
    month: date({ month: 'short' }),
    range: mine,
    seller: theirs && theirs !== mine ? `${theirs} ${zoneName(locale, e.zone, 'short', start)}` : undefined,
  };
}
