/**
 * A slot's times for the customer: in the customer's own time zone when the API gave the
 * instants (`starts_at` / `ends_at`), with the seller's time and zone beside them when the two
 * clocks differ. Popin's own strings (the seller's wall clock) remain the fallback.
 */
import type { DemoEvent } from '../api.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per set of options, made once: making one costs far more than formatting with it
 * (locale data lookup), and a list of 200 slots would otherwise make a thousand of them per render.
 */
const format = (options?: Intl.DateTimeFormatOptions) => {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(undefined, options)));
  return f;
};

/** Made again for each slots response: the customer's clock may have moved to another zone since. */
export const forgetFormats = () => formats.clear();

/** The customer's zone, e.g. "Europe/London". */
export const customerZone = () => format().resolvedOptions().timeZone;

const time = (zone?: string) => format({ hour: 'numeric', minute: '2-digit', timeZone: zone });

/** "India Standard Time" (long) or "GMT+5:30" / "IST" (short) of `zone` at `at`. */
export function zoneName(zone: string | undefined, style: 'long' | 'short' = 'long', at = Date.now()): string {
  try {
    return format({ timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? zone ?? '';
  } catch {
    return zone ?? ''; // an unknown zone: its id
  }
}

function range(e: DemoEvent, zone?: string): string {
  const start = Date.parse(e.starts_at!);
  const end = e.ends_at ? Date.parse(e.ends_at) : NaN;
  try {
    const f = time(zone);
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

const computed = new WeakMap<DemoEvent, SlotTimes>();

/** The same slot (one object per slots response) is rendered on every update of the element: worked out once. */
export function slotTimes(e: DemoEvent): SlotTimes {
  let t = computed.get(e);
  if (!t) computed.set(e, (t = times(e)));
  return t;
}

function times(e: DemoEvent): SlotTimes {
  if (!e.starts_at || Number.isNaN(Date.parse(e.starts_at))) {
    return { day: e.date, month: e.month, range: e.end_time ? `${e.time} – ${e.end_time}` : e.time };
  }
  const start = Date.parse(e.starts_at);
  const mine = range(e);
  const theirs = e.zone ? range(e, e.zone) : mine;
  const date = (o: Intl.DateTimeFormatOptions) => format(o).format(start);
  return {
    day: date({ day: '2-digit' }),
    month: date({ month: 'short' }),
    range: mine,
    seller: theirs && theirs !== mine ? `${theirs} ${zoneName(e.zone, 'short', start)}` : undefined,
  };
}
