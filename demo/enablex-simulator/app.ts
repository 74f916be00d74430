// A local stand-in for the EnableX UCaaS API (/work/shared/vendor-docs/enablex-ucaas-api.txt):
// permanent rooms, scheduled meetings, lobbies and polls, with the document's error codes.
// Pure Hono + web-standard APIs: it runs under Node (serve.ts) and inside workerd (the
// worker's vitest tests). Where the document is silent, README.md says what it does.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { createFaultSwitches, mountControlPlane } from '../sim-control';
import { failureResponse, parseFailure, takeFailure } from './faults';
import type { EndpointName, Failure, FaultSwitches } from './faults';
import {
  OWNER_USER_ID, TIMEZONES, seedMeetings, seedPermanentRooms, seedPolls, seedUsers,
  type AppType, type SimLobby, type SimMeeting, type SimPermanentRoom, type SimPoll, type SimUser,
} from './seed';

export type { EndpointName, Failure, FaultSwitches } from './faults';
export * from './seed';

export interface EnablexSimulatorOptions {
  /** Expected HTTP Basic user and password; defaults 'sim-enablex-app' / 'sim-enablex-key'. */
  appId?: string;
  appKey?: string;
  /** The simulator's base clock; `clock.set/advance` (and POST /__sim/clock) move it. Default the real one. */
  now?: () => Date;
  /** Active subscriptions of the account (1615 / 1616 otherwise); default both. */
  subscriptions?: Partial<Record<AppType, boolean>>;
  /** Room size: more moderators (1643) or participants (1653) are refused; default 100. */
  roomSize?: number;
  /** The account's longest meeting in minutes (1633 beyond); default 480. */
  maxDurationMinutes?: number;
  /** The key answers spell the start time with: the document's `'start_time '` (default) or `'start_time'`. */
  startTimeKey?: 'start_time ' | 'start_time';
  /** Oldest entries are dropped past this; default 10000. */
  maxRecordedRequests?: number;
}

export interface RecordedPart {
  name: string;
  value?: string;
  file?: { name: string; type: string; size: number };
}

export interface EnablexRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, raw text when it is not JSON, null when empty or multipart. */
  body: unknown;
  /** The multipart parts in order, files described rather than kept. */
  form?: RecordedPart[];
  at: number;
}

export interface StoredFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface EnablexState {
  users: SimUser[];
  permanentRooms: SimPermanentRoom[];
  meetings: Map<string, SimMeeting>;
  polls: SimPoll[];
  files: Map<string, StoredFile>;
  nextId: number;
}

export interface SimClock {
  now(): Date;
  /** Moves the clock to this instant (the base clock keeps running from there). */
  set(instant: Date | string | number): void;
  advance(ms: number): void;
}

export interface EnablexSimulator {
  app: Hono;
  state: EnablexState;
  faults: FaultSwitches;
  requests: EnablexRequest[];
  clock: SimClock;
  snapshot(): unknown;
  /** Back to the seeded state at the base clock's now; clears faults, the log and the clock offset; releases hung requests. */
  reset(): void;
}

/** The document's error table, word for word. */
export const DOC_ERROR_CODES: Record<number, string> = {
  1000: 'Room is not active', 1601: 'Meeting Date Time must be in future', 1602: 'Meeting Date Time: Format YYYY-MM-DD (In UTC)',
  1603: 'Meeting Date Time is required', 1611: 'Meeting Title is reqruied', 1612: 'Meeting Title: Minimum 3 Characters',
  1613: 'Meeting Title: Maximum 50 Characters', 1615: 'No active Meeting Subscription', 1616: 'No active Webinar Subscription',
  1617: 'Not assigned with Meeting License', 1618: 'Not assigned with Webinar License', 1621: 'Description filed is required',
  1631: 'Meeting Duration is required', 1632: 'Meeting Duration: Minimum 10 Minutes', 1633: 'Meeting Duration: Exceeded permissible duration',
  1634: 'Meeting Duration: In number of minutes', 1641: 'Moderator count is required', 1642: 'Moderator Count: Minimum 1',
  1643: 'Moderator Count: Must not exceed room size', 1644: 'Moderator Count: In Number', 1651: 'Participant count is required',
  1652: 'Participant Count: Minimum 0', 1653: 'Participant Count: Must not exceed room size', 1654: 'Participant Count: In Number',
  1672: 'Auto Recording: In Boolean (true, false)', 1681: 'Timezone is required', 1683: 'Timezone id required', 1684: 'Invalid Timezone ID',
  1685: 'Invalid Timezone ID', 1686: 'Invalid Timezone ID', 1691: 'Invalid Timezone ID', 1692: 'Send Email: In Boolean (true, false)',
  1693: 'Wait for Moderator: In Boolean (true, false)', 1694: 'Knock: In Boolean (true, false)', 1695: 'Invitees: In Array',
  1696: 'Invitee Email Addresses: In Array', 1697: 'Invitee Contact IDs: In Array', 1698: 'Invitee Group IDs: In Array',
  1901: 'Reset MPIN: In Boolean (true, false)', 1902: 'Reset PPIN: In Boolean (true, false)', 1903: 'MPIN and PPIN are required',
  2402: 'Message field is required', 2403: 'Image field is required', 2404: 'Audio field is required', 2405: 'Video field is required',
  2412: 'The Image option must be an array', 2421: 'The video option must be an array', 2422: 'Message text is required if message is used for lobby',
  2423: 'The options field is required. To choose from text, audio and video.', 2432: 'Message text min: 5 characters',
  2433: 'Message text max: 100 characters', 2435: 'Image caption must be a string', 2438: 'Video url must be a string',
  2453: 'The url format should be a valid url string', 2501: 'Page length filter must be passed with an integer',
  2603: 'The selected order by is invalid', 2604: 'The selected order qualify is invalid', 2605: 'The Selected Search is invalid',
  2606: 'The search string field is required when search by is present', 2608: 'Page number must be a number',
  3011: 'Old password and new password cannot be the same', 4201: 'Invalid password reset token or reset code',
};

const describe = (code: number) => DOC_ERROR_CODES[code] ?? 'Request failed';
const LICENCE_CODES = new Set([1615, 1616, 1617, 1618]);

/** A `result: 0` answer: the first code on top, every code in `errors` (README.md). */
function refuse(codes: number[]): Response {
  const status = codes.some((c) => LICENCE_CODES.has(c)) ? 403 : codes[0] === 1000 ? 409 : 400;
  return Response.json({ result: 0, code: codes[0], msg: describe(codes[0]!), errors: codes.map((code) => ({ code, msg: describe(code) })) }, { status });
}
const notFound = (what: string) => Response.json({ result: 0, msg: `${what} not found` }, { status: 404 });
const badRequest = (msg: string) => Response.json({ result: 0, msg }, { status: 400 });

type Json = Record<string, unknown>;
const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const present = (x: unknown) => x !== undefined && x !== null && x !== '';
/** Laravel's `boolean`: true, false, 1, 0, "1", "0". */
const BOOLEANS = new Map<unknown, boolean>([[true, true], [false, false], [1, true], [0, false], ['1', true], ['0', false]]);
/** Laravel's `integer`: a number or a string of digits. */
const toInt = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isInteger(x) ? x : typeof x === 'string' && /^-?\d+$/.test(x.trim()) ? Number(x) : undefined;
const isUrl = (x: unknown) => typeof x === 'string' && /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(x);
const START_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Keys trimmed: the document's own example sends `"start_time "`. */
function trimKeys(body: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) if (!(key.trim() in out && key !== key.trim())) out[key.trim()] = value;
  return out;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException(String(signal.reason ?? 'aborted'), 'AbortError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => { clearTimeout(timer); reject(abortError(signal)); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** PHP's reading of bracket names (`image[0][caption]`): nested objects; all-integer keys become lists. */
export function nestForm(entries: Iterable<[string, string | File]>): Json {
  // Plain objects only: a File is an object too, and must stay one.
  const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null);
  const root: Json = {};
  for (const [name, value] of entries) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node = root;
    path.forEach((segment, i) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[key] = value;
      else node = (node[key] = isRecord(node[key]) ? node[key] : {}) as Json;
    });
  }
  const lists = (x: unknown): unknown => {
    if (!isRecord(x)) return x;
    const keys = Object.keys(x);
    const out = Object.fromEntries(keys.map((k) => [k, lists(x[k])]));
    return keys.length > 0 && keys.every((k) => /^\d+$/.test(k)) ? keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k]) : out;
  };
  return lists(root) as Json;
}

export function createEnablexSimulator(options: EnablexSimulatorOptions = {}): EnablexSimulator {
  const appId = options.appId ?? 'sim-enablex-app';
  const appKey = options.appKey ?? 'sim-enablex-key';
  const baseNow = options.now ?? (() => new Date());
  const subscriptions: Record<AppType, boolean> = { vc: true, wb: true, ...options.subscriptions };
  const roomSize = options.roomSize ?? 100;
  const maxDuration = options.maxDurationMinutes ?? 480;
  const startKey = options.startTimeKey ?? 'start_time ';
  const maxRecorded = options.maxRecordedRequests ?? 10_000;

  let offsetMs = 0;
  const clock: SimClock = {
    now: () => new Date(baseNow().getTime() + offsetMs),
    set: (instant) => { offsetMs = new Date(instant).getTime() - baseNow().getTime(); },
    advance: (ms) => { offsetMs += ms; },
  };

  const state: EnablexState = { users: [], permanentRooms: [], meetings: new Map(), polls: [], files: new Map(), nextId: 1 };
  const faults: FaultSwitches = createFaultSwitches();
  const requests: EnablexRequest[] = [];
  const hung = new Set<() => void>();

  function seed(): void {
    const now = clock.now().getTime();
    state.users = seedUsers();
    state.permanentRooms = seedPermanentRooms();
    state.meetings = new Map(seedMeetings(now).map((m) => [m.meeting_id, m]));
    state.polls = seedPolls(now);
    state.files.clear();
    state.nextId = 1;
  }

  function reset(): void {
    offsetMs = 0;
    seed();
    faults.clear();
    requests.length = 0;
    for (const release of hung) release();
    hung.clear();
  }

  // ---- helpers -----------------------------------------------------------------

  function stage(m: SimMeeting, now: number): 'upcoming' | 'current' | 'past' {
    if (now < m.start) return 'upcoming';
    return now < m.start + m.duration * 60_000 ? 'current' : 'past';
  }

  function formatStart(ms: number): string {
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  }

  function newId(prefix: string): string {
    // ObjectId-like: 24 hex digits.
    return (prefix + (state.nextId++).toString(16).padStart(8, '0') + crypto.randomUUID().replace(/-/g, '')).slice(0, 24);
  }

  function pin(): string {
    return String(100_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 900_000));
  }

  const directUrl = (origin: string, roomId: string) => `${origin}/join/${roomId}`;

  function timezone(id: number) {
    const tz = TIMEZONES[id];
    return tz ? { timezone_id: String(id), zone_name: tz.zone_name, zone_abbr: tz.zone_abbr, time_start: '0', gmt_offset: String(tz.gmt_offset), is_dst: '0' } : undefined;
  }

  const ref = (m: SimMeeting) => ({ meeting_id: m.meeting_id, room_id: m.room_id, user_id: m.user_id, room_name: m.room_name, app_type: m.app_type });

  /** A meeting as each answer shows it, in the document's key order. */
  function wireMeeting(m: SimMeeting, view: 'schedule' | 'edit' | 'get' | 'list', origin: string, now: number): Json {
    const out: Json = { ...ref(m), desc: m.desc, [startKey]: formatStart(m.start) };
    if (view === 'edit' || view === 'list') out.timezone = timezone(m.timezone_id);
    if (view !== 'get') Object.assign(out, { mpin: m.mpin, ppin: m.ppin, direct_url: directUrl(origin, m.room_id) });
    Object.assign(out, {
      moderators: m.moderators, participants: m.participants,
      // The document types duration "Number" in the get answer and "String" elsewhere.
      duration: view === 'get' ? m.duration : String(m.duration),
      wait_for_moderator: m.wait_for_moderator, knock: m.knock, auto_recording: m.auto_recording,
    });
    if (view === 'get') out.invitees = m.invitees;
    if (view === 'list') out.stage = stage(m, now);
    return out;
  }

  function wireRoom(r: SimPermanentRoom, origin: string, appType?: AppType): Json {
    return {
      room_id: r.room_id, user_id: r.user_id, room_name: r.room_name, ...(appType ? { app_type: appType } : {}), desc: r.desc,
      mpin: r.mpin, ppin: r.ppin, direct_url: directUrl(origin, r.room_id), moderators: r.moderators, participants: r.participants,
      duration: String(r.duration), wait_for_moderator: r.wait_for_moderator, knock: r.knock, auto_recording: r.auto_recording,
    };
  }

  /** 1615/1616 for the account, 1617/1618 for the user. */
  function licenceCodes(appType: AppType, user?: SimUser): number[] {
    if (!subscriptions[appType]) return [appType === 'vc' ? 1615 : 1616];
    if (user && !user.licences.includes(appType)) return [appType === 'vc' ? 1617 : 1618];
    return [];
  }

  // ---- validation ----------------------------------------------------------------

  interface Checked { codes: number[]; values: Partial<SimMeeting> }

  function checkCount(body: Json, key: 'moderators' | 'participants', required: boolean, codes: number[], values: Json): void {
    const [missing, min, size, type] = key === 'moderators' ? [1641, 1642, 1643, 1644] : [1651, 1652, 1653, 1654];
    const minimum = key === 'moderators' ? 1 : 0;
    if (!present(body[key])) { if (required) codes.push(missing); return; }
    const n = toInt(body[key]);
    if (n === undefined) codes.push(type);
    else if (n < minimum) codes.push(min);
    else if (n > roomSize) codes.push(size);
    else values[key] = n;
  }

  function checkFlags(body: Json, codes: number[], values: Json, keys: Array<[string, number]>): void {
    for (const [key, code] of keys) {
      if (body[key] === undefined) continue;
      const flag = BOOLEANS.get(body[key]);
      if (flag === undefined) codes.push(code);
      else values[key] = flag;
    }
  }

  function checkName(body: Json, required: boolean, codes: number[], values: Json): void {
    const name = body.room_name;
    if (name === undefined && !required) return;
    if (typeof name !== 'string' || name.trim() === '') codes.push(1611);
    else if (name.trim().length < 3) codes.push(1612);
    else if (name.trim().length > 50) codes.push(1613);
    else values.room_name = name.trim();
  }

  /** The schedule (all required fields) or edit (all optional) body; codes in the document's order. */
  function checkMeeting(raw: Json, partial: boolean, now: number): Checked {
    const body = trimKeys(raw);
    const codes: number[] = [];
    const values: Json = {};
    const required = !partial;
    if (body.start_time === undefined || body.start_time === null || body.start_time === '') {
      if (required) codes.push(1603);
    } else {
      const m = typeof body.start_time === 'string' ? START_TIME.exec(body.start_time.trim()) : null;
      const ms = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
      if (!m || Number.isNaN(ms) || formatStart(ms) !== (body.start_time as string).trim()) codes.push(1602);
      else if (ms <= now) codes.push(1601);
      else values.start = ms;
    }
    checkName(body, required, codes, values);
    // The table calls `desc` optional; 1621 is for a `desc` that is given but is no text.
    if (body.desc !== undefined) {
      if (typeof body.desc !== 'string') codes.push(1621);
      else values.desc = body.desc;
    }
    if (!present(body.duration)) {
      if (required) codes.push(1631);
    } else {
      const n = toInt(body.duration);
      if (n === undefined) codes.push(1634);
      else if (n < 10) codes.push(1632);
      else if (n > maxDuration) codes.push(1633);
      else values.duration = n;
    }
    checkCount(body, 'moderators', required, codes, values);
    checkCount(body, 'participants', required, codes, values);
    checkFlags(body, codes, values, [['auto_recording', 1672], ['send_mail', 1692], ['wait_for_moderator', 1693], ['knock', 1694]]);
    if (!('timezone_id' in body)) {
      if (required) codes.push(1681);
    } else if (!present(body.timezone_id)) codes.push(1683);
    else {
      const id = toInt(body.timezone_id);
      if (id === undefined) codes.push(1685);
      else if (!TIMEZONES[id]) codes.push(1684);
      else values.timezone_id = id;
    }
    if (body.invitees !== undefined) {
      const inv = body.invitees;
      if (!isRecord(inv)) codes.push(1695);
      else {
        const list = (key: string, code: number): string[] | undefined => {
          if (inv[key] === undefined) return [];
          if (!Array.isArray(inv[key])) { codes.push(code); return undefined; }
          return (inv[key] as unknown[]).map(String);
        };
        // Scheduling sends ids and emails, editing sends contact and group objects.
        const ids = (key: string, idKey: string, code: number) =>
          inv[key] === undefined ? [] : !Array.isArray(inv[key]) ? (codes.push(code), undefined)
            : (inv[key] as unknown[]).map((c) => String(isRecord(c) ? c[idKey] : c));
        const emails = list('emails', 1696);
        const contactIds = [...(list('contact_ids', 1697) ?? []), ...(ids('contacts', 'contact_id', 1697) ?? [])];
        const groupIds = [...(list('group_ids', 1698) ?? []), ...(ids('groups', 'group_id', 1698) ?? [])];
        values.invitees = { contact_ids: contactIds, group_ids: groupIds, emails: emails ?? [] };
      }
    }
    return { codes, values: values as Partial<SimMeeting> };
  }

  /** The lobby form (or JSON); returns codes or the stored lobby. Files are kept in memory. */
  function checkLobby(body: Json, origin: string): number[] | SimLobby {
    const codes: number[] = [];
    const o = body.options;
    const opt = (...keys: string[]) => (isRecord(o) ? keys.map((k) => BOOLEANS.get(o[k]) ?? (o[k] === 'true' ? true : undefined)).find((v) => v !== undefined) ?? false : false);
    const options = { messages: opt('message', 'messages'), images: opt('image', 'images'), audio: opt('audio'), video: opt('video') };
    // One of the four, or background audio alongside messages or images.
    const main = [options.messages, options.images, options.video].filter(Boolean).length;
    if (!isRecord(o) || main > 1 || (main === 0 && !options.audio) || (options.video && options.audio)) return [2423];
    const lobby: SimLobby = { options, message: [], image: [], video: [], audio: [] };
    const fileUrl = (file: File, fallback: string) => {
      const id = newId('f');
      const name = file.name || fallback;
      state.files.set(id, { name, type: file.type || 'application/octet-stream', bytes: new Uint8Array(0) });
      pendingFiles.push([id, file]);
      return `${origin}/files/${id}/${encodeURIComponent(name)}`;
    };
    const pendingFiles: Array<[string, File]> = [];
    if (options.messages) {
      const list = body.message;
      if (!Array.isArray(list) || list.length === 0) codes.push(2402);
      else for (const item of list) {
        const text = isRecord(item) ? item.text : undefined;
        if (typeof text !== 'string' || text.trim() === '') codes.push(2422);
        else if (text.trim().length < 5) codes.push(2432);
        else if (text.trim().length > 100) codes.push(2433);
        else lobby.message.push({ text: text.trim() });
      }
    }
    if (options.images) {
      const list = body.image;
      if (list === undefined || list === '') codes.push(2403);
      else if (!Array.isArray(list)) codes.push(2412);
      else for (const item of list) {
        if (!isRecord(item)) { codes.push(2403); continue; }
        if (item.caption !== undefined && typeof item.caption !== 'string') codes.push(2435);
        const caption = typeof item.caption === 'string' ? item.caption : '';
        if (item.img_file instanceof File) lobby.image.push({ url: fileUrl(item.img_file, 'image'), caption });
        else if (item.url === undefined) codes.push(2403);
        else if (!isUrl(item.url)) codes.push(2453);
        else lobby.image.push({ url: item.url as string, caption });
      }
    }
    if (options.audio) {
      const list = body.audio;
      if (!Array.isArray(list) || list.length === 0) codes.push(2404);
      else {
        // "We support only one audio file": the first is kept.
        const item = list[0];
        if (isRecord(item) && item.audio_file instanceof File) {
          const url = fileUrl(item.audio_file, 'audio.mp3');
          lobby.audio.push({ url, embed: `<audio src="${url}" controls></audio>` });
        } else if (!isRecord(item) || item.url === undefined) codes.push(2404);
        else if (!isUrl(item.url)) codes.push(2453);
        else lobby.audio.push({ url: item.url as string, embed: `<audio src="${item.url as string}" controls></audio>` });
      }
    }
    if (options.video) {
      const list = body.video;
      if (list === undefined || list === '') codes.push(2405);
      else if (!Array.isArray(list)) codes.push(2421);
      else {
        const item = list[0];
        const url = isRecord(item) ? item.url : undefined;
        if (url === undefined) codes.push(2405);
        else if (typeof url !== 'string') codes.push(2438);
        else if (!isUrl(url)) codes.push(2453);
        else lobby.video.push({ url, embed: `<video src="${url}" controls></video>` });
      }
    }
    if (codes.length > 0) {
      for (const [id] of pendingFiles) state.files.delete(id);
      return codes;
    }
    filesToRead.push(...pendingFiles);
    return lobby;
  }
  /** Files accepted by the last checkLobby, read after it (reading is async). */
  const filesToRead: Array<[string, File]> = [];

  // ---- endpoints -----------------------------------------------------------------

  interface Input {
    c: Context;
    body: Json;
    query: Record<string, string>;
    appType: AppType;
    now: number;
    origin: string;
  }

  function findMeeting(id: string, appType: AppType): SimMeeting | undefined {
    const m = state.meetings.get(id);
    return m && m.app_type === appType ? m : undefined;
  }

  function permanentGet({ c, appType, origin }: Input): Response {
    const userId = c.req.param('user_id') ?? OWNER_USER_ID;
    const user = state.users.find((u) => u.user_id === userId);
    const room = state.permanentRooms.find((r) => r.user_id === userId);
    if (!user || !room) return notFound('User');
    const licence = licenceCodes(appType, user);
    if (licence.length) return refuse(licence);
    return Response.json({ result: 1, permanent_room: wireRoom(room, origin) });
  }

  function permanentRoom(c: Context): SimPermanentRoom | undefined {
    return state.permanentRooms.find((r) => r.room_id === c.req.param('room_id'));
  }

  function permanentUpdate({ c, body, origin }: Input): Response {
    const room = permanentRoom(c);
    if (!room) return notFound('Room');
    const codes: number[] = [];
    const values: Json = {};
    checkName(body, false, codes, values);
    if (body.desc !== undefined) { if (typeof body.desc !== 'string') codes.push(1621); else values.desc = body.desc; }
    checkCount(body, 'moderators', false, codes, values);
    checkCount(body, 'participants', false, codes, values);
    checkFlags(body, codes, values, [['auto_recording', 1672], ['wait_for_moderator', 1693], ['knock', 1694]]);
    if (codes.length) return refuse(codes);
    Object.assign(room, values);
    return Response.json({ result: 1, msg: 'permanent Room information has been updated', permanent_room: wireRoom(room, origin) });
  }

  function permanentReset({ c, body, appType, origin }: Input): Response {
    const room = permanentRoom(c);
    if (!room) return notFound('Room');
    const codes: number[] = [];
    const values: Json = {};
    checkFlags(body, codes, values, [['reset_mpin', 1901], ['reset_ppin', 1902]]);
    if (codes.length) return refuse(codes);
    if (!values.reset_mpin && !values.reset_ppin) return refuse([1903]);
    if (values.reset_mpin) room.mpin = pin();
    if (values.reset_ppin) room.ppin = pin();
    return Response.json({ result: 1, msg: 'Access PIN has been updated', permanent_room: wireRoom(room, origin, appType) });
  }

  function schedule({ body, appType, now, origin }: Input): Response {
    const userId = typeof body.user_id === 'string' && body.user_id ? body.user_id : OWNER_USER_ID;
    const user = state.users.find((u) => u.user_id === userId);
    if (!user) return notFound('User');
    const licence = licenceCodes(appType, user);
    if (licence.length) return refuse(licence);
    const { codes, values } = checkMeeting(body, false, now);
    if (codes.length) return refuse(codes);
    const meeting = {
      meeting_id: newId('6a'), room_id: newId('7b'), user_id: userId, app_type: appType, desc: '',
      wait_for_moderator: false, knock: false, auto_recording: false, send_mail: false,
      invitees: { contact_ids: [], group_ids: [], emails: [] }, mpin: pin(), ppin: pin(),
      ...values,
    } as SimMeeting;
    state.meetings.set(meeting.meeting_id, meeting);
    return Response.json({ result: 1, msg: 'Meeting has been scheduled', meeting: wireMeeting(meeting, 'schedule', origin, now) });
  }

  function getMeeting({ c, appType, now, origin }: Input): Response {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    return Response.json({ result: 1, meeting: wireMeeting(m, 'get', origin, now) });
  }

  function edit({ c, body, appType, now, origin }: Input): Response {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    if (stage(m, now) === 'past') return refuse([1000]);
    const { codes, values } = checkMeeting(body, true, now);
    if (codes.length) return refuse(codes);
    Object.assign(m, values);
    return Response.json({ result: 1, msg: 'Meeting has been updated', meeting: wireMeeting(m, 'edit', origin, now) });
  }

  const ORDER_BY = ['start_time', 'room_name', 'duration', 'meeting_id', 'created_at'];

  function list({ query, appType, now, origin }: Input): Response {
    const codes: number[] = [];
    const page = query.page === undefined ? 1 : /^\d+$/.test(query.page) && Number(query.page) >= 1 ? Number(query.page) : (codes.push(2608), 1);
    const pageLength = query.page_length === undefined ? 10
      : /^\d+$/.test(query.page_length) && Number(query.page_length) >= 1 && Number(query.page_length) <= 100 ? Number(query.page_length) : (codes.push(2501), 10);
    const searchBy = query.search_by;
    if (searchBy !== undefined && !['mpin', 'ppin', 'user_id'].includes(searchBy)) codes.push(2605);
    if (searchBy !== undefined && !query.search_string) codes.push(2606);
    const orderBy = query.order_by ?? 'start_time';
    if (!ORDER_BY.includes(orderBy)) codes.push(2603);
    const qualify = query.order_qualify ?? 'asc';
    if (qualify !== 'asc' && qualify !== 'desc') codes.push(2604);
    if (codes.length) return refuse(codes);
    // The document gives stage no code of its own.
    if (query.stage !== undefined && !['upcoming', 'current', 'past'].includes(query.stage)) return badRequest('The selected stage is invalid');
    const key = (m: SimMeeting): string | number => (orderBy === 'start_time' || orderBy === 'created_at' ? m.start : orderBy === 'duration' ? m.duration : m[orderBy as 'room_name' | 'meeting_id']);
    const found = [...state.meetings.values()]
      .filter((m) => m.app_type === appType)
      .filter((m) => query.stage === undefined || stage(m, now) === query.stage)
      .filter((m) => searchBy === undefined || m[searchBy as 'mpin' | 'ppin' | 'user_id'] === query.search_string)
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (qualify === 'desc' ? -1 : 1));
    const meetings = found.slice((page - 1) * pageLength, page * pageLength).map((m) => wireMeeting(m, 'list', origin, now));
    return Response.json({
      result: 1,
      search: { page, page_length: pageLength, search_by: searchBy ?? '', stage: query.stage ?? '', search_string: query.search_string ?? '', order_by: orderBy, order_qualify: qualify },
      meetings,
    });
  }

  function cancel({ c, appType, now }: Input): Response {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    if (stage(m, now) === 'past') return refuse([1000]);
    state.meetings.delete(m.meeting_id);
    const { app_type: _, ...event } = ref(m);
    return Response.json({ result: 1, msg: 'Meeting has been cancelled', event });
  }

  const EMPTY_LOBBY: SimLobby = { options: { messages: false, images: false, audio: false, video: false }, message: [], image: [], video: [], audio: [] };

  function lobbyGet({ c, appType }: Input): Response {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    return Response.json({ result: 1, meeting: ref(m), lobby: m.lobby ?? EMPTY_LOBBY });
  }

  async function lobbySave({ c, body, appType, now, origin }: Input): Promise<Response> {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    if (stage(m, now) === 'past') return refuse([1000]);
    filesToRead.length = 0;
    const checked = checkLobby(body, origin);
    if (Array.isArray(checked)) return refuse(checked);
    for (const [id, file] of filesToRead.splice(0)) state.files.get(id)!.bytes = new Uint8Array(await file.arrayBuffer());
    m.lobby = checked;
    return Response.json({ result: 1, meeting: ref(m), lobby: checked });
  }

  function lobbyDelete({ c, appType, now }: Input): Response {
    const m = findMeeting(c.req.param('meeting_id')!, appType);
    if (!m) return notFound('Meeting');
    if (stage(m, now) === 'past') return refuse([1000]);
    delete m.lobby;
    return Response.json({ result: 1, desc: 'Lobby is deleted', meeting: ref(m) });
  }

  function polls({ c, query }: Input): Response {
    const roomId = c.req.param('room_id')!;
    const known = [...state.meetings.values()].some((m) => m.room_id === roomId) || state.permanentRooms.some((r) => r.room_id === roomId);
    if (!known) return notFound('Room');
    if (query.conf_num !== undefined && !/^\d+$/.test(query.conf_num)) return badRequest('conf_num must be a number');
    const chosen = state.polls.filter((p) => p.room_id === roomId && (query.conf_num === undefined || p.conf_num === Number(query.conf_num)));
    // PHP encodes an empty associative array as [].
    const body = chosen.length === 0 ? [] : Object.fromEntries(chosen.map(({ room_id: _, ...p }) => [String(p.id), { ...p, result: p.status === 'D' ? [] : p.result }]));
    return Response.json({ result: 1, polls: body, msg: 'Poll data' });
  }

  const handlers: Record<EndpointName, (input: Input) => Response | Promise<Response>> = {
    'permanent.get': permanentGet, 'permanent.update': permanentUpdate, 'permanent.reset': permanentReset,
    'meetings.schedule': schedule, 'meetings.edit': edit, 'meetings.get': getMeeting, 'meetings.list': list, 'meetings.cancel': cancel,
    'lobby.get': lobbyGet, 'lobby.add': lobbySave, 'lobby.update': lobbySave, 'lobby.delete': lobbyDelete,
    'polls.get': polls,
  };

  /** What every documented endpoint does first: read and log, latency, faults, Basic auth, X-App-Type, subscription. */
  function endpoint(pick: (c: Context, body: Json) => EndpointName) {
    return async (c: Context): Promise<Response> => {
      const req = c.req.raw;
      const url = new URL(req.url);
      let body: unknown = null;
      let fields: Json = {};
      let form: RecordedPart[] | undefined;
      if ((req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
        let data: FormData;
        try { data = await req.formData(); } catch { return badRequest('The multipart body could not be read'); }
        const entries = [...data.entries()] as Array<[string, string | File]>;
        form = entries.map(([name, value]) => typeof value === 'string' ? { name, value } : { name, file: { name: value.name, type: value.type, size: value.size } });
        fields = nestForm(entries);
      } else {
        const text = await req.text();
        if (text !== '') { try { body = JSON.parse(text); } catch { body = text; } }
        fields = isRecord(body) ? trimKeys(body) : {};
      }
      requests.push({ method: req.method, path: url.pathname, query: c.req.query(), headers: Object.fromEntries(req.headers), body, ...(form ? { form } : {}), at: Date.now() });
      if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);

      const name = pick(c, fields);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs, req.signal);
      const failure = takeFailure(faults, name);
      if (failure?.kind === 'hang') return hang(req.signal);
      if (failure) return failureResponse(failure, describe);

      if (!authorised(req.headers.get('authorization'))) {
        return Response.json({ result: 0, msg: 'Unauthorized' }, { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="EnableX"' } });
      }
      const appType = (req.headers.get('x-app-type') ?? 'vc').trim();
      if (appType !== 'vc' && appType !== 'wb') return badRequest('X-App-Type must be vc or wb');
      const licence = licenceCodes(appType);
      if (licence.length) return refuse(licence);
      return handlers[name]({ c, body: fields, query: c.req.query(), appType, now: clock.now().getTime(), origin: url.origin });
    };
  }

  function authorised(header: string | null): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
    if (!match) return false;
    let decoded: string;
    try { decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]!), (ch) => ch.charCodeAt(0))); } catch { return false; }
    return decoded === `${appId}:${appKey}`;
  }

  function hang(signal: AbortSignal): Promise<Response> {
    return new Promise((resolve, reject) => {
      const release = () => { signal.removeEventListener('abort', onAbort); resolve(Response.json({ result: 0, msg: 'Service Unavailable' }, { status: 503 })); };
      const onAbort = () => { hung.delete(release); reject(abortError(signal)); };
      if (signal.aborted) return reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      hung.add(release);
    });
  }

  // ---- routes --------------------------------------------------------------------

  const app = new Hono();
  const api = new Hono();
  const fixed = (name: EndpointName) => endpoint(() => name);

  // The document writes the GET with `meeting`, the PATCHes with `meetings`: both are served.
  for (const base of ['/meeting/permanent', '/meetings/permanent']) {
    api.get(base, fixed('permanent.get'));
    api.get(`${base}/:user_id`, fixed('permanent.get'));
    api.patch(`${base}/:room_id`, endpoint((c) => (c.req.header('x-action')?.trim().toLowerCase() === 'reset-pins' ? 'permanent.reset' : 'permanent.update')));
  }
  api.post('/meetings', fixed('meetings.schedule'));
  api.get('/meetings', fixed('meetings.list'));
  api.get('/meetings/:meeting_id', fixed('meetings.get'));
  // The document lists Get Meeting Information as PATCH: a PATCH without fields is that read.
  api.patch('/meetings/:meeting_id', endpoint((_c, body) => (Object.keys(body).length === 0 ? 'meetings.get' : 'meetings.edit')));
  api.delete('/meetings/:meeting_id', fixed('meetings.cancel'));
  api.get('/meetings/:meeting_id/lobby', fixed('lobby.get'));
  api.post('/meetings/:meeting_id/lobby', fixed('lobby.add'));
  api.patch('/meetings/:meeting_id/lobby', fixed('lobby.update'));
  api.delete('/meetings/:meeting_id/lobby', fixed('lobby.delete'));
  api.get('/polls/:room_id', fixed('polls.get'));
  app.route('/ucaas/v1', api);

  // Uploaded lobby files, served back as the URLs the lobby answers give.
  app.get('/files/:id/:name', (c) => {
    const file = state.files.get(c.req.param('id'));
    if (!file) return c.json({ result: 0, msg: 'File not found' }, 404);
    return new Response(new Blob([file.bytes as Uint8Array<ArrayBuffer>]), { headers: { 'content-type': file.type } });
  });
  // Where direct_url leads, so a demo link goes somewhere.
  app.get('/join/:room_id', (c) => c.html(`<!doctype html><title>EnableX room (simulated)</title><h1>EnableX room (simulated)</h1><p>Room ${c.req.param('room_id').replace(/[^\w-]/g, '')}</p>`));

  function snapshot() {
    const now = clock.now().getTime();
    return {
      now: new Date(now).toISOString(),
      users: state.users,
      permanentRooms: state.permanentRooms,
      meetings: [...state.meetings.values()].map((m) => ({ ...m, start: new Date(m.start).toISOString(), stage: stage(m, now) })),
      polls: state.polls,
      files: [...state.files].map(([id, f]) => ({ id, name: f.name, type: f.type, size: f.bytes.length })),
    };
  }

  mountControlPlane<Failure>(app, { health: () => ({ ok: true, now: clock.now().toISOString() }), snapshot, reset, requests, faults, parseFailure });
  // The clock: GET it, or POST { now: ISO } / { advanceMs: n } to move it (stages follow).
  app.get('/__sim/clock', (c) => c.json({ now: clock.now().toISOString() }));
  app.post('/__sim/clock', async (c) => {
    let b: unknown;
    try { b = await c.req.json(); } catch { return c.json({ message: 'Body must be JSON' }, 400); }
    if (!isRecord(b)) return c.json({ message: 'Body must be a JSON object' }, 400);
    if (b.now !== undefined) {
      if (typeof b.now !== 'string' || Number.isNaN(Date.parse(b.now))) return c.json({ message: 'now must be an ISO date' }, 400);
      clock.set(b.now);
    }
    if (b.advanceMs !== undefined) {
      if (typeof b.advanceMs !== 'number' || !Number.isFinite(b.advanceMs)) return c.json({ message: 'advanceMs must be a number' }, 400);
      clock.advance(b.advanceMs);
    }
    return c.json({ now: clock.now().toISOString() });
  });

  app.notFound((c) => c.json({ result: 0, msg: 'Not Found' }, 404));
  app.onError((err, c) => {
    if (c.req.raw.signal.aborted) throw err;
    return c.json({ result: 0, msg: 'Server Error' }, 500);
  });

  seed();
  return { app, state, faults, requests, clock, snapshot, reset };
}
