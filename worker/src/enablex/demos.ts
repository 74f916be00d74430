import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ConfigError } from '../config';
import { ApiError } from '../errors';
import { isoInZone } from '../popin/event-time';
import { keepAlive } from '../popin/general-slots';
import { READ_RETRY, withRetries } from '../popin/retry';
import { sharedSlots } from '../popin/slots-cache';
import { EnablexClient, EnablexError, type EnablexClientOptions, type Meeting } from './client';
import { enablexClientOptions, type EnablexSite } from './config';
import { seatsOf } from './seats';

/**
 * A site's EnableX meetings as demos (README "EnableX demos"): which meetings are offered, how
 * they look in API v1, and the shared general list. An EnableX demo's id is the string
 * `enablex-<meeting_id>`; a Popin event's id stays a positive integer, so the two never collide
 * and a client tells them apart by type.
 */

export const ENABLEX_ID_PREFIX = 'enablex-';
/** EnableX meeting ids as we accept them in our ids (the simulator's and EnableX's are hex). */
const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const demoId = (meetingId: string) => `${ENABLEX_ID_PREFIX}${meetingId}`;
export const meetingIdOf = (eventId: string) => eventId.slice(ENABLEX_ID_PREFIX.length);

/** Who holds a seat: the customer as the seller's Popin account knows them (user ids are per seller). */
export const seatHolder = (seller: string, userId: number) => `${seller}/${userId}`;

export type DemoStage = 'upcoming' | 'current';

/** An offered meeting as the shared general list may keep it: no PINs and no join URL. */
export interface ListedMeeting {
  meeting_id: string;
  name: string;
  description?: string;
  /** Epoch ms. */
  start: number;
  /** Minutes. */
  duration: number;
  /** The meeting's `participants`: the seats customers can book. */
  capacity: number;
  stage: DemoStage;
}

/** What only a booked customer is given: the join link and the participant PIN. */
export interface JoinData {
  direct_url?: string;
  ppin?: string;
}

/** Longest listing read: one page of each stage (the document's page_length allows up to 100 here). */
const PAGE_LENGTH = 100;
/** A meeting without a duration is kept open this long (minutes) for the stage and the seat store. */
const DEFAULT_DURATION = 60;

/** The site's client options; undefined without the option; a bad binding is the usual config_error. */
export function enablexOptionsFor(c: Context<AppEnv>): EnablexClientOptions | undefined {
  const { options, problem } = enablexClientOptions(c.var.site, c.env, c.var.config.localDemo);
  if (problem) throw new ConfigError(problem);
  return options;
}

/** Reads are retried after a timeout or an upstream failure; writes never are (there are none here). */
export const transient = (error: unknown) => error instanceof EnablexError && (error.kind === 'upstream' || error.kind === 'timeout');

/**
 * The upcoming and current meetings of the site (only its host's, when the option names one),
 * sorted by start, each with its join data (to be dropped before anything is shared).
 */
export async function offeredMeetings(options: EnablexClientOptions, site: EnablexSite): Promise<Array<ListedMeeting & JoinData>> {
  const client = new EnablexClient(options);
  const search = site.userId ? ({ search_by: 'user_id', search_string: site.userId } as const) : {};
  const list = (stage: DemoStage) =>
    withRetries(
      () => client.listMeetings({ ...search, stage, page_length: PAGE_LENGTH, order_by: 'start_time', order_qualify: 'asc' }),
      transient,
      READ_RETRY,
    ).then(({ meetings }) => meetings.map((meeting) => ({ meeting, stage })));
  const listed = (await Promise.all([list('current'), list('upcoming')])).flat();
  const seen = new Set<string>();
  const out: Array<ListedMeeting & JoinData> = [];
  for (const { meeting, stage } of listed) {
    const item = listedMeeting(meeting, stage, site);
    if (item && !seen.has(item.meeting_id)) {
      seen.add(item.meeting_id);
      out.push(item);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function listedMeeting(m: Meeting, stage: DemoStage, site: EnablexSite): (ListedMeeting & JoinData) | undefined {
  if (!MEETING_ID.test(m.meeting_id)) return undefined;
  // EnableX filtered by user already; a meeting of another host is not this site's demo all the same.
  if (site.userId && m.user_id !== undefined && m.user_id !== site.userId) return undefined;
  const start = Date.parse(m.start_time);
  if (!Number.isFinite(start)) return undefined;
  return {
    meeting_id: m.meeting_id,
    name: m.name,
    ...(m.description ? { description: m.description } : {}),
    start,
    duration: m.duration && m.duration > 0 ? m.duration : DEFAULT_DURATION,
    // No participants given: no seat can be promised, so the demo shows as full.
    capacity: m.participants ?? 0,
    // The list's own stage when it gives one (its clock is EnableX's), else the listing's.
    stage: m.stage === 'current' || m.stage === 'upcoming' ? m.stage : stage,
    ...(m.direct_url ? { direct_url: m.direct_url } : {}),
    ...(m.ppin ? { ppin: m.ppin } : {}),
  };
}

/** When a meeting ends (ms): its seats can be forgotten after that. */
export const endOf = (m: Pick<ListedMeeting, 'start' | 'duration'>) => m.start + m.duration * 60_000;

/** The cache key of a site's EnableX listing (beside the Popin one; per site: sites may filter by host). */
export function enablexListKey(baseUrl: string, siteId: string, site: EnablexSite): string {
  return `enablex|${baseUrl}|${siteId}|${site.appType}|${site.userId ?? ''}`;
}

const REVALIDATE_MS = 60_000;

/**
 * The general listing through the shared cache, without join data: it is the same for every visitor.
 * Isolate memory and the location's Cache API only, not the general list's refresher
 * (popin/refresher.ts): that object exists to keep Popin's per-key budget, which a flash crowd
 * reaches (issue #15); EnableX documents no such limit, its listing is a separate pair of calls
 * with separate credentials, and the answer with EnableX demos is built per request anyway (seats
 * left change with every booking, read from the seat stores), so a refresher would save only
 * this listing's two calls per location per fresh period at the price of a second vendor's
 * credentials and error mapping in the object.
 */
export async function sharedMeetings(c: Context<AppEnv>, options: EnablexClientOptions): Promise<ListedMeeting[]> {
  const { site } = c.var;
  const enablex = site.enablex!;
  const shared = await sharedSlots<ListedMeeting>(
    enablexListKey(options.baseUrl, site.id, enablex),
    async () => (await offeredMeetings(options, enablex)).map(({ direct_url: _url, ppin: _ppin, ...meeting }) => meeting),
    { freshMs: site.slotsCacheSeconds * 1000, revalidateMs: REVALIDATE_MS, staleIfErrorMs: site.slotsStaleIfErrorSeconds * 1000 },
    (promise) => keepAlive(c, promise),
  );
  return shared.events;
}

const dayFormat = new Map<string, Intl.DateTimeFormat>();

/** "02", "Dec", "04:05 pm": the Popin event's wall-clock strings, for the same instant in the site's zone. */
function wallClock(instant: number, timeZone: string): { date: string; month: string; time: string } {
  let f = dayFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hour12: true });
    dayFormat.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(instant)) p[type] = value;
  return { date: p.day ?? '', month: p.month ?? '', time: `${p.hour}:${p.minute} ${(p.dayPeriod ?? '').toLowerCase()}` };
}

/**
 * An EnableX meeting as an API v1 event. `seats` from its seat store; `join` only for a customer
 * booked on it (never in the general list). The moderator PIN is never read into any of this.
 */
export function toEnablexEvent(m: ListedMeeting, timeZone: string, taken: number, booked: boolean, join?: JoinData) {
  const starts = wallClock(m.start, timeZone);
  const ends = wallClock(endOf(m), timeZone);
  const seatsLeft = Math.max(0, m.capacity - taken);
  const joinUrl = booked && join?.direct_url && /^https?:\/\//i.test(join.direct_url) ? join.direct_url : null;
  return {
    id: demoId(m.meeting_id),
    source: 'enablex' as const,
    name: m.name,
    ...(m.description ? { description: m.description } : {}),
    date: starts.date,
    month: starts.month,
    time: starts.time,
    end_time: ends.time,
    starts_at: isoInZone(m.start, timeZone),
    ends_at: isoInZone(endOf(m), timeZone),
    stage: m.stage,
    capacity: m.capacity,
    seats_left: seatsLeft,
    full: seatsLeft === 0,
    can_join: booked && m.stage === 'current' && joinUrl !== null,
    join_url: joinUrl,
    ...(booked && join?.ppin ? { ppin: join.ppin } : {}),
  };
}

export type EnablexEvent = ReturnType<typeof toEnablexEvent>;

/** Seats taken on each meeting, and whether `holder` has one (one call per meeting, in parallel). */
export function seatCounts(env: AppEnv['Bindings'], appType: string, meetings: ListedMeeting[], holder?: string) {
  return Promise.all(meetings.map((m) => seatsOf(env, appType, m.meeting_id).count(holder ?? null)));
}

/** An EnableX failure as a customer sees it: the service, not the seller's account details. */
export function customerFacing(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof EnablexError) {
    if (error.kind === 'timeout') return new ApiError(504, 'upstream_timeout', 'The video meeting service did not answer in time. Please try again.');
    if (error.kind === 'not_found') return new ApiError(404, 'demo_not_found', 'This demo no longer exists. Choose another one.');
    console.error(`enablex: ${error.kind} ${error.status}${error.code ? ` code ${error.code}` : ''}: ${error.message}`);
    return new ApiError(502, 'enablex_unavailable', 'The video meeting service is not available right now. Please try again in a moment.');
  }
  throw error;
}
