/**
 * Popin describes a slot's time as wall-clock strings in the seller's zone with no year and
 * no zone ("02", "Dec", "04:05 pm", "04:20 pm"). This turns them into instants:
 * ISO 8601 with the zone's offset at that moment ("2026-12-02T16:05:00+05:30").
 *
 * The year is the one that puts the slot nearest after "now minus a day" (a demo that is live
 * or just ended on 31 Dec is still last year's on 1 Jan; a "02 Jan" seen on 30 Dec is next
 * year's). DST: a wall time the zone skips (spring forward) moves forward by the gap; a time
 * it repeats (fall back) is the first of the two.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = 86_400_000;

export interface EventTimes {
  starts_at: string | null;
  ends_at: string | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const { type, value } of f.formatToParts(instant)) p[type] = Number(value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant the zone's clock shows this wall time (see the DST rule above). */
export function wallTimeToInstant(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const wall = Date.UTC(y, m, d, h, min);
  // Two candidates: with the offset before and after any change near this wall time.
  const before = offsetAt(wall - DAY / 2, timeZone);
  const after = offsetAt(wall + DAY / 2, timeZone);
  const a = wall - before;
  if (offsetAt(a, timeZone) === before) return a; // exists (first of two when repeated)
  const b = wall - after;
  if (offsetAt(b, timeZone) === after) return b;
  return a; // skipped: a - before lies after the change, i.e. moved forward by the gap
}

/** "16:05:00+05:30"-style ISO 8601 of an instant in a zone. */
export function isoInZone(instant: number, timeZone: string): string {
  const offset = offsetAt(instant, timeZone);
  const local = new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "04:05 pm", "4:05 PM", "16:05" → [16, 5]; anything else undefined. */
function clock(text: string): [number, number] | undefined {
  const match = /^\s*(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?\s*$/i.exec(text);
  if (!match) return undefined;
  let h = Number(match[1]);
  const min = Number(match[2]);
  const meridiem = match[3]?.[0]?.toLowerCase();
  if (min > 59 || h > 23 || (meridiem && (h < 1 || h > 12))) return undefined;
  if (meridiem) h = (h % 12) + (meridiem === 'p' ? 12 : 0);
  return [h, min];
}

/** `starts_at` / `ends_at` of a Popin event in the site's zone; null where a string cannot be read. */
export function eventTimes(
  event: { date: string; month: string; time: string; end_time: string },
  timeZone: string,
  now = Date.now(),
): EventTimes {
  const day = Number(event.date);
  const month = MONTHS.indexOf(event.month.trim().slice(0, 3).toLowerCase());
  const start = clock(event.time);
  if (!Number.isInteger(day) || day < 1 || day > 31 || month < 0 || !start) return { starts_at: null, ends_at: null };
  const year = Number(isoInZone(now, timeZone).slice(0, 4));
  let startsAt: number | undefined;
  for (const y of [year - 1, year, year + 1]) {
    // 31 Feb and the like are not a date in any year: Date.UTC would roll them over.
    if (new Date(Date.UTC(y, month, day)).getUTCDate() !== day) continue;
    const t = wallTimeToInstant(y, month, day, start[0], start[1], timeZone);
    if (t >= now - DAY) {
      startsAt = t;
      break;
    }
  }
  if (startsAt === undefined) return { starts_at: null, ends_at: null };
  const end = clock(event.end_time);
  let endsAt: number | undefined;
  if (end) {
    const y = Number(isoInZone(startsAt, timeZone).slice(0, 4));
    endsAt = wallTimeToInstant(y, month, day, end[0], end[1], timeZone);
    // Past midnight: "11:30 pm – 12:15 am" ends the next day.
    if (endsAt < startsAt) endsAt = wallTimeToInstant(y, month, day + 1, end[0], end[1], timeZone);
  }
  return { starts_at: isoInZone(startsAt, timeZone), ends_at: endsAt === undefined ? null : isoInZone(endsAt, timeZone) };
}
