import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { EnablexClientOptions } from './client';
import { offeredMeetings, seatCounts, seatHolder, sharedMeetings, toEnablexEvent, demoId, type EnablexEvent } from './demos';

/**
 * The EnableX part of the slots list. A failure of EnableX (or of a seat store) never fails the
 * list: the Popin demos are served and the part is marked `unavailable`.
 */
export interface EnablexPart {
  events: EnablexEvent[];
  /** EnableX demo ids the customer is booked on. */
  registered: string[];
  status: 'available' | 'unavailable';
}

const UNAVAILABLE: EnablexPart = { events: [], registered: [], status: 'unavailable' };

function logged(c: Context<AppEnv>, error: unknown): EnablexPart {
  console.error(`enablex site=${c.var.site.id}: listing unavailable (${error instanceof Error ? error.message : 'unknown'})`);
  return UNAVAILABLE;
}

/** The general list's part: the shared listing (no join data in it) and the seats taken. */
export async function enablexForVisitor(c: Context<AppEnv>, options: EnablexClientOptions): Promise<EnablexPart> {
  try {
    const meetings = await sharedMeetings(c, options);
    const counts = await seatCounts(c.env, options.appType ?? 'vc', meetings);
    const { timezone } = c.var.site;
    return { events: meetings.map((m, i) => toEnablexEvent(m, timezone, counts[i]!.taken, false)), registered: [], status: 'available' };
  } catch (error) {
    return logged(c, error);
  }
}

/**
 * A customer's view: read from EnableX for this request (fresh stages; never cached, like the
 * Popin customer view), with the join link and participant PIN of the demos they hold a seat on.
 */
export async function enablexForCustomer(c: Context<AppEnv>, options: EnablexClientOptions, userId: number): Promise<EnablexPart> {
  try {
    const { site } = c.var;
    const meetings = await offeredMeetings(options, site.enablex!);
    const counts = await seatCounts(c.env, options.appType ?? 'vc', meetings, seatHolder(site.seller, userId));
    const events = meetings.map((m, i) => {
      const { direct_url, ppin, ...listed } = m;
      return toEnablexEvent(listed, site.timezone, counts[i]!.taken, counts[i]!.mine, { direct_url, ppin });
    });
    return { events, registered: meetings.filter((_, i) => counts[i]!.mine).map((m) => demoId(m.meeting_id)), status: 'available' };
  } catch (error) {
    return logged(c, error);
  }
}

/** One list sorted by start; demos whose start is unknown (a Popin time that could not be read) keep their place at the end. */
export function byStart<T extends { starts_at: string | null }>(events: T[]): T[] {
  const at = (e: T) => (e.starts_at ? Date.parse(e.starts_at) : Number.POSITIVE_INFINITY);
  return events.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => at(a) - at(b) || i - j).map(([e]) => e);
}
