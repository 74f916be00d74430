import type { z } from 'zod';
import { trimEndOf } from '../text';
import { EnablexError, errorForCodes } from './errors';
import {
  CancelAnswer,
  FailureBody,
  LobbyAnswer,
  LobbyDeletedAnswer,
  MeetingAnswer,
  MeetingsAnswer,
  PermanentRoomAnswer,
  PollsAnswer,
  type Lobby,
  type Meeting,
  type MeetingRef,
  type MeetingStage,
  type PermanentRoom,
  type Poll,
} from './schemas';

/**
 * The EnableX UCaaS client: the only module that knows EnableX's paths, headers and wire
 * shapes (../shared/vendor-docs/enablex-ucaas-api.txt). Inputs and outputs use our API's
 * field names (`name`, `description`, `start_time`…); every answer is validated, and anything
 * unexpected becomes an EnablexError, never a crash and never an upstream body. Where the
 * document is inconsistent, the choices are listed in README.md beside this file.
 */

export type { Lobby, Meeting, MeetingRef, MeetingStage, PermanentRoom, Poll } from './schemas';
export { EnablexError } from './errors';
export type { EnablexErrorKind, EnablexIssue } from './errors';

/** `X-App-Type`: `vc` video meetings, `wb` webinars. */
export type AppType = 'vc' | 'wb';

export const DEFAULT_ENABLEX_BASE_URL = 'https://api.enablex.io/ucaas/v1';

export interface EnablexClientOptions {
  /** e.g. https://api.enablex.io/ucaas/v1 (no trailing slash needed). */
  baseUrl: string;
  /** Sent as HTTP Basic `appId:appKey`; the key is never put in an error or a log line. */
  appId: string;
  appKey: string;
  /** The site's `X-App-Type`; default `vc`. */
  appType?: AppType;
  /** Milliseconds before a GET is abandoned; default 5000. */
  readTimeoutMs?: number;
  /** Milliseconds before a write is abandoned (uploads take longer); default 15000. */
  writeTimeoutMs?: number;
}

export interface PermanentRoomUpdate {
  name?: string;
  description?: string;
  moderators?: number;
  participants?: number;
  wait_for_moderator?: boolean;
  knock?: boolean;
  auto_recording?: boolean;
}

export interface PinReset {
  reset_mpin?: boolean;
  reset_ppin?: boolean;
}

interface MeetingSettings {
  description?: string;
  /** Minutes. */
  duration: number;
  moderators: number;
  participants: number;
  wait_for_moderator?: boolean;
  knock?: boolean;
  auto_recording?: boolean;
  send_mail?: boolean;
}

export interface ScheduleMeetingInput extends MeetingSettings {
  /** A user under the account; the meeting is theirs. */
  user_id?: string;
  name: string;
  /** A Date, or "YYYY-MM-DD HH:mm:ss" in UTC, or ISO 8601 with a zone. */
  start_time: Date | string;
  /** EnableX's time zone id (its own table; the document gives no list). */
  timezone_id: string | number;
  invitees?: { contact_ids?: string[]; group_ids?: string[]; emails?: string[] };
}

export interface EditMeetingInput extends Partial<MeetingSettings> {
  name?: string;
  start_time?: Date | string;
  timezone_id?: string | number;
  /** The edit request's own invitee shape (the document's differs from scheduling). */
  invitees?: {
    contacts?: Array<{ contact_id: string; name?: string; email?: string }>;
    groups?: Array<{ group_id: string; group_name?: string }>;
  };
}

type Search =
  | { search_by?: undefined; search_string?: undefined }
  | { search_by: 'mpin' | 'ppin' | 'user_id'; search_string: string };

export type ListMeetingsQuery = Search & {
  /** Default 1. */
  page?: number;
  /** Default 10. */
  page_length?: number;
  stage?: MeetingStage;
  /** An EnableX field name, e.g. start_time. */
  order_by?: string;
  order_qualify?: 'asc' | 'desc';
};

export interface MeetingList {
  meetings: Meeting[];
  /** The search as EnableX echoed it (values as it sent them). */
  search?: Record<string, unknown>;
}

/** A file to upload: a Blob (a File keeps its name) and an optional file name. */
export interface Upload {
  file: Blob;
  filename?: string;
}

export interface LobbyInput {
  /** What the lobby shows; the document allows one of the four, audio alongside messages or images. */
  options: { message?: boolean; image?: boolean; audio?: boolean; video?: boolean };
  message?: Array<{ text: string }>;
  image?: Array<(Upload | { url: string }) & { caption?: string }>;
  /** .mp4 URLs; EnableX supports one. */
  video?: Array<{ url: string }>;
  /** One .mp3, uploaded or by URL. */
  audio?: Array<Upload | { url: string }>;
}

export interface LobbyInfo {
  meeting: MeetingRef;
  lobby: Lobby;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Call {
  query?: Record<string, string | number | undefined>;
  json?: Record<string, unknown>;
  form?: FormData;
  headers?: Record<string, string>;
}

export class EnablexClient {
  constructor(private readonly options: EnablexClientOptions) {}

  /** Own permanent room, or that of a user under the account. */
  async getPermanentRoom(userId?: string): Promise<PermanentRoom> {
    // The document writes this path with `meeting`, the two PATCHes with `meetings`.
    const path = userId === undefined ? '/meeting/permanent' : `/meeting/permanent/${seg(userId)}`;
    return (await this.call('GET', path, PermanentRoomAnswer)).permanent_room;
  }

  async updatePermanentRoom(roomId: string, update: PermanentRoomUpdate): Promise<PermanentRoom> {
    const { name, description, ...rest } = update;
    const json = defined({ room_name: name, desc: description, ...rest });
    return (await this.call('PATCH', `/meetings/permanent/${seg(roomId)}`, PermanentRoomAnswer, { json })).permanent_room;
  }

  async resetPermanentRoomPins(roomId: string, reset: PinReset): Promise<PermanentRoom> {
    const json = defined({ reset_mpin: reset.reset_mpin, reset_ppin: reset.reset_ppin });
    const headers = { 'X-Action': 'reset-pins' };
    return (await this.call('PATCH', `/meetings/permanent/${seg(roomId)}`, PermanentRoomAnswer, { json, headers })).permanent_room;
  }

  async scheduleMeeting(input: ScheduleMeetingInput): Promise<Meeting> {
    const json = defined({
      user_id: input.user_id,
      room_name: input.name,
      desc: input.description,
      // The document's example key has a trailing space; its table has none: sent without.
      start_time: formatStartTime(input.start_time),
      timezone_id: input.timezone_id,
      duration: input.duration,
      moderators: input.moderators,
      participants: input.participants,
      wait_for_moderator: input.wait_for_moderator,
      knock: input.knock,
      auto_recording: input.auto_recording,
      send_mail: input.send_mail,
      invitees: input.invitees,
    });
    return (await this.call('POST', '/meetings', MeetingAnswer, { json })).meeting;
  }

  async editMeeting(meetingId: string, input: EditMeetingInput): Promise<Meeting> {
    const json = defined({
      room_name: input.name,
      desc: input.description,
      start_time: input.start_time === undefined ? undefined : formatStartTime(input.start_time),
      timezone_id: input.timezone_id,
      duration: input.duration,
      moderators: input.moderators,
      participants: input.participants,
      wait_for_moderator: input.wait_for_moderator,
      knock: input.knock,
      auto_recording: input.auto_recording,
      send_mail: input.send_mail,
      invitees: input.invitees,
    });
    return (await this.call('PATCH', `/meetings/${seg(meetingId)}`, MeetingAnswer, { json })).meeting;
  }

  /** The document lists this as PATCH; a read without a body is a GET (README.md). */
  async getMeeting(meetingId: string): Promise<Meeting> {
    return (await this.call('GET', `/meetings/${seg(meetingId)}`, MeetingAnswer)).meeting;
  }

  async listMeetings(query: ListMeetingsQuery = {}): Promise<MeetingList> {
    const body = await this.call('GET', '/meetings', MeetingsAnswer, {
      query: {
        page: query.page,
        page_length: query.page_length,
        stage: query.stage,
        search_by: query.search_by,
        search_string: query.search_string,
        order_by: query.order_by,
        order_qualify: query.order_qualify,
      },
    });
    return { meetings: body.meetings, ...(body.search ? { search: body.search } : {}) };
  }

  async cancelMeeting(meetingId: string): Promise<MeetingRef> {
    const body = await this.call('DELETE', `/meetings/${seg(meetingId)}`, CancelAnswer);
    return (body.event ?? body.meeting)!;
  }

  async getLobby(meetingId: string): Promise<LobbyInfo> {
    const { meeting, lobby } = await this.call('GET', `/meetings/${seg(meetingId)}/lobby`, LobbyAnswer);
    return { meeting, lobby };
  }

  async addLobby(meetingId: string, lobby: LobbyInput): Promise<LobbyInfo> {
    const { meeting, lobby: saved } = await this.call('POST', `/meetings/${seg(meetingId)}/lobby`, LobbyAnswer, { form: lobbyForm(lobby) });
    return { meeting, lobby: saved };
  }

  async updateLobby(meetingId: string, lobby: LobbyInput): Promise<LobbyInfo> {
    const { meeting, lobby: saved } = await this.call('PATCH', `/meetings/${seg(meetingId)}/lobby`, LobbyAnswer, { form: lobbyForm(lobby) });
    return { meeting, lobby: saved };
  }

  async deleteLobby(meetingId: string): Promise<MeetingRef> {
    return (await this.call('DELETE', `/meetings/${seg(meetingId)}/lobby`, LobbyDeletedAnswer)).meeting;
  }

  /** Polls of every session of a room, or of one session (`conf_num`). */
  async getPolls(roomId: string, confNum?: number | string): Promise<Poll[]> {
    return (await this.call('GET', `/polls/${seg(roomId)}`, PollsAnswer, { query: { conf_num: confNum } })).polls;
  }

  private async call<S extends z.ZodType>(method: Method, path: string, schema: S, call: Call = {}): Promise<z.output<S>> {
    const { baseUrl, appId, appKey, appType = 'vc', readTimeoutMs = 5_000, writeTimeoutMs = 15_000 } = this.options;
    const timeoutMs = method === 'GET' ? readTimeoutMs : writeTimeoutMs;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Basic ${base64(`${appId}:${appKey}`)}`,
      'X-App-Type': appType,
      ...call.headers,
    };
    // The document lists Content-Type: application/json on every JSON endpoint, GET included;
    // multipart requests get theirs, with the boundary, from fetch.
    if (!call.form) headers['Content-Type'] = 'application/json';
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) query.set(key, String(value));
    const url = `${trimEndOf(baseUrl, '/')}${path}${query.size ? `?${query}` : ''}`;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: call.form ?? (call.json === undefined ? undefined : JSON.stringify(call.json)),
        // A redirect from an API is a misconfiguration; following it would send the key elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
      if (timedOut) throw new EnablexError('timeout', 504, `EnableX did not answer within ${timeoutMs} ms.`);
      throw new EnablexError('upstream', 502, 'EnableX could not be reached.');
    }

    if (response.status >= 300 && response.status < 400) {
      throw new EnablexError('upstream', 502, `EnableX answered with a redirect (HTTP ${response.status}); it was not followed.`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const failure = FailureBody.safeParse(json);
    const refused = failure.success && (failure.data.result === 0 || failure.data.result === '0');
    if (refused || response.status >= 400) {
      const codes = failure.success ? codesOf(failure.data) : [];
      if (codes.length > 0) throw errorForCodes(codes, response.status);
      if (response.status === 401 || response.status === 403) {
        throw new EnablexError('unauthorized', 502, 'EnableX refused the app id or app key (check ENABLEX_APP_ID and ENABLEX_APP_KEY).');
      }
      if (response.status === 404) throw new EnablexError('not_found', 404, 'EnableX does not know this meeting, room or user.');
      if (response.status >= 400) throw new EnablexError('upstream', 502, `EnableX answered HTTP ${response.status}.`);
      throw new EnablexError('upstream', 502, 'EnableX refused the request without a code.');
    }
    if (response.status < 200 || response.status > 299) throw new EnablexError('upstream', 502, `EnableX answered HTTP ${response.status}.`);
    if (json === undefined) throw new EnablexError('upstream', 502, `EnableX answered with a body that is not JSON (HTTP ${response.status}).`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.map(String).join('.') || '(root)';
      // Paths and zod's messages carry no values; redacted all the same, should a key ever be echoed.
      throw new EnablexError('upstream', 502, redact(`EnableX answered with an unexpected body at ${where}: ${issue.message}`, appKey));
    }
    return parsed.data;
  }
}

/** Every code of a `result: 0` answer, first one first: see README.md for where they are looked for. */
function codesOf(body: z.output<typeof FailureBody>): number[] {
  const codes: number[] = [];
  const add = (x: unknown) => {
    const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d{3,5}$/.test(x.trim()) ? Number(x) : NaN;
    if (Number.isInteger(n) && n >= 100 && !codes.includes(n)) codes.push(n);
  };
  const fromObject = (x: unknown) => {
    if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      add(o.code);
      add(o.error_code);
    } else add(x);
  };
  add(body.code);
  add(body.error_code);
  fromObject(body.error);
  if (Array.isArray(body.errors)) body.errors.forEach(fromObject);
  else if (typeof body.errors === 'object' && body.errors !== null) Object.values(body.errors).flat().forEach(fromObject);
  // A non-0/1 `result` may itself be the code.
  if (typeof body.result === 'number' && body.result >= 1000) add(body.result);
  return codes;
}

/** "YYYY-MM-DD HH:mm:ss" in UTC, the document's format. A string that is not a date is sent as given: EnableX answers 1602. */
export function formatStartTime(value: Date | string): string {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(trimmed)) return trimmed;
    // Only strings that say their zone are converted: a bare local time would be a guess.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return trimmed;
    const date = new Date(trimmed);
    if (Number.isNaN(date.getTime())) return trimmed;
    value = date;
  }
  if (Number.isNaN(value.getTime())) return String(value);
  return value.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The lobby as multipart/form-data. The document shows it as JSON with files inside; it is
 * sent with PHP's bracket names (`options[message]`, `image[0][img_file]`), booleans as 1/0.
 */
export function lobbyForm(lobby: LobbyInput): FormData {
  const form = new FormData();
  for (const option of ['message', 'image', 'audio', 'video'] as const) {
    const value = lobby.options[option];
    if (value !== undefined) form.append(`options[${option}]`, value ? '1' : '0');
  }
  lobby.message?.forEach((m, i) => form.append(`message[${i}][text]`, m.text));
  lobby.image?.forEach((item, i) => {
    if ('file' in item) form.append(`image[${i}][img_file]`, item.file, fileName(item, 'image'));
    else form.append(`image[${i}][url]`, item.url);
    if (item.caption !== undefined) form.append(`image[${i}][caption]`, item.caption);
  });
  lobby.video?.forEach((item, i) => form.append(`video[${i}][url]`, item.url));
  lobby.audio?.forEach((item, i) => {
    if ('file' in item) form.append(`audio[${i}][audio_file]`, item.file, fileName(item, 'audio.mp3'));
    else form.append(`audio[${i}][url]`, item.url);
  });
  return form;
}

function fileName(upload: Upload, fallback: string): string {
  return upload.filename ?? (typeof File !== 'undefined' && upload.file instanceof File && upload.file.name ? upload.file.name : fallback);
}

function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

const seg = (id: string) => encodeURIComponent(id);

/** Base64 of UTF-8 (btoa alone throws on characters past Latin-1). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function redact(text: string, secret: string): string {
  return secret ? text.replaceAll(secret, '[redacted]') : text;
}
