// Seeded conference events and the vendor's date/time formatting.
// Web-standard APIs only (Intl, Date): this file also runs inside workerd.

/** An event as the simulator stores it: absolute instants, formatted per request. */
export interface SeededEvent {
  id: number;
  name: string;
  /** Meeting-room slug used in join_url, e.g. "5f3d-b5ca". */
  room: string;
  start: Date;
  end: Date;
}

/** The wire shape of one event in GET /slots, exactly as in the vendor doc. */
export interface ConferenceEvent {
  id: number;
  name: string;
  date: string; // "02"
  month: string; // "Dec"
  time: string; // "04:05 pm"
  end_time: string; // "04:20 pm"
  can_join: boolean;
  join_url: string;
}

const MINUTE = 60_000;
/** Joining opens this long before the start (and stays open until the end). */
export const JOIN_WINDOW_MS = 10 * MINUTE;
export const MEET_BASE = 'https://test-meet.popin.to/rooms/';

// Intl.DateTimeFormat construction is slow; cache one per time zone.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function zonedParts(instant: number, timeZone: string): Record<string, string> {
  let fmt = partsFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, fmt);
  }
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock fields of an instant in a zone (month 1-12, hour 0-23). */
function wallClock(instant: number, timeZone: string) {
  const p = zonedParts(instant, timeZone);
  return {
    year: Number(p.year),
    month: MONTHS.indexOf(p.month ?? '') + 1,
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The instant at which the zone's wall clock shows the given time (DST-safe to one correction). */
export function zonedTimeToInstant(
  y: number, month: number, d: number, h: number, min: number, timeZone: string,
): number {
  const asUtc = Date.UTC(y, month - 1, d, h, min);
  const offsetAt = (t: number) => {
    const w = wallClock(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return second;
}

/** "hh:mm am" in 12-hour lower case, as the vendor formats it. */
function clock12(h: number, m: number): string {
  const hh = h % 12 === 0 ? 12 : h % 12;
  return `${String(hh).padStart(2, '0')}:${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

/** Formats a stored event for the wire; userId personalises join_url like the doc's example. */
export function toConferenceEvent(
  ev: SeededEvent, now: number, timeZone: string, userId?: number,
): ConferenceEvent {
  const start = wallClock(ev.start.getTime(), timeZone);
  const end = wallClock(ev.end.getTime(), timeZone);
  // The doc's join_url ends in base64 of the user id: "Njg4MDY=" === btoa("68806").
  const join_url = MEET_BASE + ev.room + (userId === undefined ? '' : '/' + btoa(String(userId)));
  return {
    id: ev.id,
    name: ev.name,
    date: String(start.day).padStart(2, '0'),
    month: MONTHS[start.month - 1] ?? '',
    time: clock12(start.hour, start.minute),
    end_time: clock12(end.hour, end.minute),
    can_join: now >= ev.start.getTime() - JOIN_WINDOW_MS && now < ev.end.getTime(),
    join_url,
  };
}

/**
 * The 'default' seller's events, relative to `anchor` so they are always upcoming:
 * two demos tomorrow (as in the doc's example) and one live now.
 */
export function defaultEvents(anchor: number, timeZone: string): SeededEvent[] {
  const today = wallClock(anchor, timeZone);
  // Date.UTC normalises day overflow (31 + 1 → next month) for us.
  const t = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  const tomorrowAt = (h: number, m: number) =>
    new Date(zonedTimeToInstant(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), h, m, timeZone));
  const liveStart = Math.floor(anchor / MINUTE) * MINUTE - 5 * MINUTE;
  return [
    { id: 3011, name: 'Live: AirPods Pro demo', room: '7c1e-a9f2', start: new Date(liveStart), end: new Date(liveStart + 30 * MINUTE) },
    { id: 2195, name: 'Public Macbook demo', room: '5f3d-b5ca', start: tomorrowAt(16, 5), end: tomorrowAt(16, 20) },
    { id: 2853, name: 'iPhone demo', room: '30fd-d333', start: tomorrowAt(17, 30), end: tomorrowAt(17, 45) },
  ];
}
