/**
 * A slot's times for the customer: in the customer's own time zone when the API gave the
 * instants (`starts_at` / `ends_at`), with the seller's time and zone beside them when the two
 * clocks differ. Popin's own strings (the seller's wall clock) remain the fallback.
 */
import type { DemoEvent } from '../api.js';
import { inSteps, loadIntlData } from '../intl-data.js';

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

/** The customer's zone when the formatters without a zone of their own were made. */
let madeIn: string | undefined;

/**
 * For each slots response: the formatters are made again if the customer's clock has moved to
 * another zone since they were made (those without a `timeZone` keep the one they were made in).
 */
export function forgetFormatsOfAnotherZone(): void {
  // Nothing made yet (the warm-up may still be on its way): asking now would load ICU in one go.
  if (madeIn === undefined) return;
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone !== madeIn) formats.clear();
  madeIn = zone;
}

/** The customer's zone, e.g. "Europe/London". */
export const customerZone = () => format().resolvedOptions().timeZone;

/**
 * The browser's Intl (ICU) data and the list's first formatters, made before the list renders,
 * while the slots request is out, in steps of a task each. The page's first number or date format
 * loads ICU's shared data in one call: 60-120 ms at the bench's 4x CPU slowdown, the widget's
 * longest task. Measured in Chromium (each step in its own task on a fresh page, 4x), the same
 * data comes in parts of at most about 30 ms when asked for in this order: the likely-subtags
 * table, the calendar and supplemental data, the lists of locales of date and number formats
 * (../intl-data.ts, started by the loader, which first has a worklet load them on another thread:
 * each step then takes a few ms). Then the subtitle's zone name and a slot's date and times, in
 * the widget's language: the list renders with formatters already made. In another engine a step
 * makes only what the list needs anyway.
 */
const LANGUAGE_STEPS: Array<(locale: string) => unknown> = [
  (locale) => zoneName(locale, (madeIn = customerZone())),
  (locale) => [time(locale).formatRangeToParts(0, 9e5), format(locale, { day: '2-digit' }).format(0), format(locale, { month: 'short' }).format(0)],
];

/** Runs the warm-up's steps in the widget's language; settles when they are done (slot-list.ts warm: once per page). */
export const warmIntl = (locale: string) => loadIntlData([locale]).then(() => inSteps(LANGUAGE_STEPS, locale));

const time = (locale: string, zone?: string) => format(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone });

/** "India Standard Time" (long) or "GMT+5:30" / "IST" (short) of `zone` at `at`, in `locale`'s language. */
export function zoneName(locale: string, zone: string | undefined, style: 'long' | 'short' = 'long', at = Date.now()): string {
  try {
    return format(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone ?? '';
  } catch {
    return zone ?? ''; // an unknown zone: its id
  }
}

const isTime = (p?: Intl.DateTimeRangeFormatPart) => p && (p.type == 'hour' || p.type == 'minute' || p.type == 'dayPeriod');

/**
 * "11:40 PM – 12:10 AM": a range's times only. Across midnight in the zone, formatRange adds both
 * dates ("11/30/2026, 11:40 PM – 12/1/2026, 12:10 AM"), which the card's date badge already gives
 * (the start's day) and which would wrap the card's line: each side then keeps its time fields and
 * the literals between them, with the language's own separator (the shared part) in the middle.
 */
function timesOnly(f: Intl.DateTimeFormat, start: number, end: number): string {
  const parts = f.formatRangeToParts(start, end);
  const dated = parts.some((p) => p.type == 'day');
  return parts
    .filter((p, i) => !dated || p.source == 'shared' || isTime(p) || (isTime(parts[i - 1]) && isTime(parts[i + 1])))
    .map((p) => p.value)
    .join('');
}

function range(locale: string, e: DemoEvent, zone?: string): string {
  const start = Date.parse(e.starts_at!);
  const end = e.ends_at ? Date.parse(e.ends_at) : NaN;
  try {
    const f = time(locale, zone);
    return end > start ? timesOnly(f, start, end) : f.format(start);
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
