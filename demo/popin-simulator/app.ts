// A local stand-in for the Popin API (/work/shared/vendor-docs/popin-api.txt), so the
// product runs end to end without a vendor account. Pure Hono + web-standard APIs:
// it runs under Node (serve.ts) and inside workerd (the worker's vitest tests).
import { Hono } from 'hono';
import type { Context } from 'hono';
import { createFaultSwitches, mountControlPlane } from '../sim-control';
import { failureResponse, parseFailure, takeFailure } from './faults';
import type { EndpointName, Failure, FaultSwitches } from './faults';
import { defaultEvents, toConferenceEvent } from './seed';
import type { SeededEvent } from './seed';

export type { EndpointName, Failure, FaultSwitches } from './faults';
export type { ConferenceEvent, SeededEvent } from './seed';

export interface SimulatorOptions {
  /** Expected X-API-KEY; default 'sim-api-key'. */
  apiKey?: string;
  /** Known X-TOKEN seller ids and their events; default { 'seller-demo': 'default', 'seller-empty': [] }. */
  sellers?: Record<string, SeededEvent[] | 'default'>;
  /** The simulator's clock (events, can_join); default the real one. */
  now?: () => Date;
  /** Zone for "tomorrow" and the date/time strings; default 'Asia/Kolkata'. */
  timeZone?: string;
  /** Oldest entries are dropped past this, so long benchmarks don't grow memory; default 10000. */
  maxRecordedRequests?: number;
}

export interface SimUser {
  user_id: number;
  name: string;
  mobile: string;
}

export interface SellerState {
  /** 'default' sellers get their events re-anchored to now once one has ended. */
  isDefault: boolean;
  events: SeededEvent[];
  usersByMobile: Map<string, SimUser>;
  usersById: Map<number, SimUser>;
  /** user_id → registered event ids. */
  registrations: Map<number, Set<number>>;
}

export interface SimulatorState {
  nextUserId: number;
  /** Register calls for a registration that already existed: what a real Popin might have stored twice. */
  repeatedRegistrations: number;
  sellers: Map<string, SellerState>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, raw text when it isn't JSON, null when empty. */
  body: unknown;
  /** Real wall-clock ms (Date.now()), not the simulator's clock. */
  at: number;
}

export interface PopinSimulator {
  app: Hono;
  state: SimulatorState;
  faults: FaultSwitches;
  requests: RecordedRequest[];
  /** Users, registrations and events as plain JSON (what GET /__sim/state returns). */
  snapshot(): unknown;
  /** Back to the seeded state; clears faults and the request log, releases hung requests. */
  reset(): void;
}

/** The doc's example user id, so the first captured lead matches it. */
export const FIRST_USER_ID = 68806;
const E164 = /^\+[1-9]\d{6,14}$/;
const DEFAULT_SELLERS: Record<string, SeededEvent[] | 'default'> = { 'seller-demo': 'default', 'seller-empty': [] };

const ENDPOINTS: Record<EndpointName, { method: 'GET' | 'POST'; path: string }> = {
  capture: { method: 'POST', path: '/api/v1/external/conference/capture' },
  slots: { method: 'GET', path: '/api/v1/external/conference/slots' },
  register: { method: 'POST', path: '/api/v1/external/conference/register' },
  cancel: { method: 'POST', path: '/api/v1/external/conference/cancel' },
};

type Errors = Record<string, string[]>;
const validationFailed = (errors: Errors) => Response.json({ message: 'Validation failed', errors }, { status: 422 });
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error ? signal.reason : new DOMException(String(signal.reason ?? 'aborted'), 'AbortError');
}

/** setTimeout that gives up (and frees its timer) when the client aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => { clearTimeout(timer); reject(abortError(signal)); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createPopinSimulator(options: SimulatorOptions = {}): PopinSimulator {
  const apiKey = options.apiKey ?? 'sim-api-key';
  const sellerSeeds = options.sellers ?? DEFAULT_SELLERS;
  const clock = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? 'Asia/Kolkata';
  const maxRecorded = options.maxRecordedRequests ?? 10_000;

  const state: SimulatorState = { nextUserId: FIRST_USER_ID, repeatedRegistrations: 0, sellers: new Map() };
  const faults: FaultSwitches = createFaultSwitches();
  const requests: RecordedRequest[] = [];
  // Hung requests, so reset() can let them go even if the client never aborts.
  const hung = new Set<() => void>();

  // ---- state ----------------------------------------------------------------

  function seedSellers(): void {
    state.nextUserId = FIRST_USER_ID;
    state.repeatedRegistrations = 0;
    state.sellers.clear();
    const now = clock().getTime();
    for (const [id, seed] of Object.entries(sellerSeeds)) {
      state.sellers.set(id, {
        isDefault: seed === 'default',
        events: seed === 'default' ? defaultEvents(now, timeZone) : seed.map((e) => ({ ...e })),
        usersByMobile: new Map(),
        usersById: new Map(),
        registrations: new Map(),
      });
    }
  }

  /** Events not yet ended, soonest first. */
  function listedEvents(seller: SellerState, now: number): SeededEvent[] {
    // Keep the demo seller useful on a long-running server: once its live demo is over,
    // lay the seed out again around now (same ids, so registrations stay valid).
    if (seller.isDefault && seller.events.some((e) => e.end.getTime() <= now)) {
      seller.events = defaultEvents(now, timeZone);
    }
    return seller.events.filter((e) => e.end.getTime() > now).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  function snapshot() {
    const now = clock();
    const sellers: Record<string, unknown> = {};
    for (const [id, s] of state.sellers) {
      sellers[id] = {
        users: [...s.usersById.values()],
        registrations: [...s.registrations].flatMap(([user_id, evs]) => [...evs].map((event_id) => ({ user_id, event_id }))),
        events: listedEvents(s, now.getTime()).map((e) => ({
          id: e.id, name: e.name, room: e.room, start: e.start.toISOString(), end: e.end.toISOString(),
        })),
      };
    }
    return { now: now.toISOString(), timeZone, nextUserId: state.nextUserId, repeatedRegistrations: state.repeatedRegistrations, sellers };
  }

  function reset(): void {
    seedSellers();
    faults.clear();
    requests.length = 0;
    for (const release of hung) release();
    hung.clear();
  }

  // ---- endpoint handlers (auth, faults and logging are done by `endpoint`) ----

  interface Input { seller: SellerState; body: Record<string, unknown>; query: Record<string, string>; now: number }

  function capture({ seller, body }: Input): Response {
    const errors: Errors = {};
    const { name, mobile } = body;
    if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) {
      errors.name = ['The name field is required.'];
    } else if (typeof name !== 'string') {
      errors.name = ['The name must be a string.'];
    }
    if (mobile === undefined || mobile === null || mobile === '') {
      errors.mobile = ['The mobile field is required.'];
    } else if (typeof mobile !== 'string' || !E164.test(mobile)) {
      errors.mobile = ['Invalid phone number'];
    }
    if (Object.keys(errors).length > 0 || typeof name !== 'string' || typeof mobile !== 'string') {
      return validationFailed(errors);
    }
    // A lead is keyed by mobile: capturing it again returns the same user (latest name kept).
    let user = seller.usersByMobile.get(mobile);
    if (user) {
      user.name = name.trim();
    } else {
      user = { user_id: state.nextUserId++, name: name.trim(), mobile };
      seller.usersByMobile.set(mobile, user);
      seller.usersById.set(user.user_id, user);
    }
    return Response.json({ status: 1, user_id: user.user_id });
  }

  function slots({ seller, query, now }: Input): Response {
    const raw = query.user_id;
    const events = listedEvents(seller, now);
    // An empty user_id is treated as absent (general slots), like a nullable Laravel field.
    if (raw === undefined || raw === '') {
      return Response.json({ status: 1, events: events.map((e) => toConferenceEvent(e, now, timeZone)), registeredEvents: [] });
    }
    const user = /^[1-9]\d*$/.test(raw) ? seller.usersById.get(Number(raw)) : undefined;
    if (!user) return validationFailed({ user_id: ['The selected user id is invalid.'] });
    const mine = seller.registrations.get(user.user_id) ?? new Set<number>();
    return Response.json({
      status: 1,
      events: events.map((e) => toConferenceEvent(e, now, timeZone, user.user_id)),
      // Only events still listed, so every id here can be found in `events`.
      registeredEvents: events.filter((e) => mine.has(e.id)).map((e) => e.id),
    });
  }

  /** Shared validation of { user_id, event_id } for register and cancel. */
  function userAndEvent({ seller, body, now }: Input): { user: SimUser; eventId: number } | Response {
    const errors: Errors = {};
    const check = (key: 'user_id' | 'event_id', label: string, exists: (id: number) => boolean): number | undefined => {
      const v = body[key];
      if (v === undefined || v === null || v === '') errors[key] = [`The ${label} field is required.`];
      else if (typeof v !== 'number' || !Number.isInteger(v)) errors[key] = [`The ${label} must be an integer.`];
      else if (!exists(v)) errors[key] = [`The selected ${label} is invalid.`];
      else return v;
      return undefined;
    };
    const userId = check('user_id', 'user id', (id) => seller.usersById.has(id));
    const eventId = check('event_id', 'event id', (id) => listedEvents(seller, now).some((e) => e.id === id));
    const user = userId === undefined ? undefined : seller.usersById.get(userId);
    if (!user || eventId === undefined) return validationFailed(errors);
    return { user, eventId };
  }

  function register(input: Input): Response {
    const v = userAndEvent(input);
    if (v instanceof Response) return v;
    const mine = input.seller.registrations.get(v.user.user_id) ?? new Set<number>();
    if (mine.has(v.eventId)) state.repeatedRegistrations++;
    mine.add(v.eventId); // a Set: registering twice is still one registration
    input.seller.registrations.set(v.user.user_id, mine);
    return Response.json({ status: 1, contact: v.user.mobile });
  }

  function cancel(input: Input): Response {
    const v = userAndEvent(input);
    if (v instanceof Response) return v;
    input.seller.registrations.get(v.user.user_id)?.delete(v.eventId); // idempotent
    return Response.json({ status: 1 });
  }

  const handlers: Record<EndpointName, (input: Input) => Response> = { capture, slots, register, cancel };

  /** Wraps a handler with what every documented endpoint does: log, latency, faults, auth. */
  function endpoint(name: EndpointName) {
    return async (c: Context): Promise<Response> => {
      const req = c.req.raw;
      const text = await req.text();
      let body: unknown = null;
      if (text !== '') {
        try { body = JSON.parse(text); } catch { body = text; }
      }
      requests.push({
        method: req.method,
        path: new URL(req.url).pathname,
        query: c.req.query(),
        headers: Object.fromEntries(req.headers),
        body,
        at: Date.now(),
      });
      if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);

      if (faults.latencyMs > 0) await sleep(faults.latencyMs, req.signal);
      const failure = takeFailure(faults, name);
      if (failure?.kind === 'hang') return hang(req.signal);
      if (failure && failure.kind !== 'lost-answer') return failureResponse(failure, name);

      const seller = state.sellers.get(c.req.header('x-token') ?? '');
      if (c.req.header('x-api-key') !== apiKey || !seller) {
        return Response.json({ message: 'Unauthorized' }, { status: 401 });
      }
      // A non-JSON or non-object body validates like an empty one.
      const response = handlers[name]({ seller, body: isRecord(body) ? body : {}, query: c.req.query(), now: clock().getTime() });
      return failure?.kind === 'lost-answer' ? hang(req.signal) : response;
    };
  }

  /** Never answers: rejects like fetch when the client aborts, or gives 503 on reset(). */
  function hang(signal: AbortSignal): Promise<Response> {
    return new Promise((resolve, reject) => {
      const release = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(Response.json({ message: 'Service Unavailable' }, { status: 503 }));
      };
      const onAbort = () => { hung.delete(release); reject(abortError(signal)); };
      if (signal.aborted) return reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      hung.add(release);
    });
  }

  // ---- routes -----------------------------------------------------------------

  const app = new Hono();

  for (const [name, { method, path }] of Object.entries(ENDPOINTS) as [EndpointName, (typeof ENDPOINTS)[EndpointName]][]) {
    app.on(method, path, endpoint(name));
    app.all(path, (c) => c.json({ message: 'Method Not Allowed' }, 405, { Allow: method }));
  }

  mountControlPlane(app, {
    health: () => ({ ok: true, now: clock().toISOString() }),
    snapshot, reset, requests, faults, parseFailure,
  });

  app.notFound((c) => c.json({ message: 'Not Found' }, 404));
  app.onError((err, c) => {
    // A client that aborted should see its fetch reject, not a 500.
    if (c.req.raw.signal.aborted) throw err;
    return c.json({ message: 'Server Error', error: String(err) }, 500);
  });

  seedSellers();
  return { app, state, faults, requests, snapshot, reset };
}
