import type { Context } from 'hono';
import { ConfigError } from '../config';
import type { AppEnv } from '../env';
import { ApiError, type FieldErrors } from '../errors';
import { EnablexClient, EnablexError, formatStartTime, type Meeting, type PermanentRoom, type Poll } from '../enablex/client';
import { enablexClientOptions } from '../enablex/config';
import { isoInZone, wallTimeToInstant } from '../popin/event-time';

/**
 * The console's side of EnableX: the site's client, EnableX's failures as the console's
 * answers (field codes under our field names), and the views the console shows.
 * The moderator PIN is in the views (it is the seller's) and in no log line or audit row.
 */

export interface SiteEnablex {
  client: EnablexClient;
  /** Only this host's meetings (the site option `enablex.userId`). */
  userId?: string;
  /** The site's default EnableX time zone id. */
  timezoneId?: string;
  timezone: string;
}

/** The site's EnableX client; 409 when the site has no enablex option, a config_error when the worker lacks its secrets. */
export function siteEnablex(c: Context<AppEnv>): SiteEnablex {
  const { site, config } = c.var;
  if (!site.enablex) {
    throw new ApiError(409, 'enablex_not_configured', 'EnableX demos are not set up for this site. Ask the operator to turn on the site\'s enablex option.');
  }
  const { options, problem } = enablexClientOptions(site, c.env, config.localDemo);
  if (problem || !options) throw new ConfigError(problem ?? 'the EnableX settings are missing.');
  const { userId, timezoneId } = site.enablex;
  return {
    client: new EnablexClient(options),
    ...(userId ? { userId } : {}),
    ...(timezoneId !== undefined ? { timezoneId: String(timezoneId) } : {}),
    timezone: site.timezone,
  };
}

/**
 * Runs an EnableX call; its failure becomes the console's answer. Messages are ours
 * (enablex/errors.ts): never EnableX's body, never the app key.
 */
export async function enablexCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof EnablexError)) throw error;
    const code = error.code === undefined ? '' : ` (EnableX code ${error.code})`;
    switch (error.kind) {
      case 'validation': {
        const errors: FieldErrors = {};
        const issues = error.issues.length ? error.issues : [{ code: error.code ?? 0, field: error.field, message: error.message }];
        // Codes that name no field (1903, 2453) are the form's message.
        for (const issue of issues) (errors[issue.field ?? 'body'] ??= []).push(issue.message);
        throw new ApiError(422, 'validation_failed', `EnableX refused this: ${error.message}${code}`, errors);
      }
      case 'licence':
        throw new ApiError(403, 'enablex_licence', `${error.message}${code}`);
      case 'rejected':
        if (error.status === 409) throw new ApiError(409, 'enablex_rejected', `This meeting is not active any more (it has ended), so it cannot be changed.${code}`);
        throw new ApiError(422, 'validation_failed', `EnableX refused this: ${error.message}${code}`, { body: [error.message] });
      case 'not_found':
        throw notFound();
      case 'unauthorized':
        console.warn(`enablex: ${error.message}`);
        throw new ApiError(502, 'enablex_unavailable', "EnableX refused the booking service's app id or key. Ask the operator to check ENABLEX_APP_ID and ENABLEX_APP_KEY.");
      case 'timeout':
        throw new ApiError(504, 'enablex_timeout', 'EnableX did not answer in time. Reload the list to see whether the change was made, then try again if it was not.');
      case 'upstream':
        console.warn(`enablex: ${error.message}`);
        throw new ApiError(502, 'enablex_unavailable', `EnableX is not answering correctly right now${code}. Try again in a few minutes; if it keeps failing, contact EnableX support with the code.`);
    }
  }
}

export const notFound = () => new ApiError(404, 'enablex_not_found', 'EnableX has no such meeting for this site. Reload the list: it may have been cancelled.');

/** A meeting of this site (with `userId`, only that host's); 404 otherwise, as if it did not exist. */
export async function ownMeeting(x: SiteEnablex, meetingId: string): Promise<Meeting> {
  const meeting = await enablexCall(() => x.client.getMeeting(meetingId));
  if (x.userId !== undefined && meeting.user_id !== x.userId) throw notFound();
  return meeting;
}

/** "2026-12-02T16:30" in `timeZone` → the document's "YYYY-MM-DD HH:ii:ss" in UTC. */
export function localToUtc(local: string, timeZone: string): string {
  const [date = '', time = ''] = local.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return formatStartTime(new Date(wallTimeToInstant(y, m - 1, d, h, min, timeZone)));
}

/** An ISO UTC instant → "YYYY-MM-DDTHH:mm" in `timeZone` (what a datetime-local input shows). */
export const utcToLocal = (iso: string, timeZone: string) => isoInZone(Date.parse(iso), timeZone).slice(0, 16);

/** EnableX's id as sent: a number when it is one (the document types it loosely). */
export const timezoneIdValue = (id: string | number) => (typeof id === 'number' || !/^[0-9]{1,9}$/.test(id) ? id : Number(id));

export function meetingView(meeting: Meeting, timeZone: string) {
  const { timezone, invitees: _invitees, app_type: _appType, ...rest } = meeting;
  return {
    ...rest,
    start_local: utcToLocal(meeting.start_time, timeZone),
    ...(timezone?.timezone_id ? { timezone_id: timezone.timezone_id } : {}),
  };
}

export function roomView(room: PermanentRoom) {
  const { app_type: _appType, ...rest } = room;
  return rest;
}

/** Polls grouped by session (conf_num), each option with its count, in the order EnableX lists them. */
export function pollSessions(polls: Poll[]) {
  const sessions = new Map<number, ReturnType<typeof pollView>[]>();
  const sorted = [...polls].sort((a, b) => a.conf_num - b.conf_num || (a.timestamp ?? 0) - (b.timestamp ?? 0) || a.id - b.id);
  for (const poll of sorted) {
    const list = sessions.get(poll.conf_num) ?? [];
    list.push(pollView(poll));
    sessions.set(poll.conf_num, list);
  }
  return [...sessions].map(([conf_num, list]) => ({ conf_num, polls: list }));
}

function pollView(poll: Poll) {
  const result: Record<string, number> = poll.result ?? {};
  // Seconds since 1970 in the document's example; milliseconds accepted too.
  const at = poll.timestamp === undefined ? null : new Date(poll.timestamp < 1e12 ? poll.timestamp * 1000 : poll.timestamp);
  return {
    id: poll.id,
    question: poll.question,
    multiple: poll.type.toUpperCase() === 'MCQN',
    status: poll.status.toUpperCase() === 'D' ? ('draft' as const) : ('polled' as const),
    asked_at: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null,
    options: Object.entries(poll.options).map(([key, label]) => ({ key, label, count: result[key] ?? 0 })),
    total_responders: poll.total_result ?? 0,
  };
}
