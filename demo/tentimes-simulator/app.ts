// A local stand-in for the 10times Pull API (POST /v1/register) and its Push API (a lead
// posted as raw JSON to the seller's CRM URL), following
// /work/shared/vendor-docs/10times-api.txt. Pure Hono + web APIs, so the worker's tests
// can run it inside workerd, and serve.ts runs it in Node for `npm start` and e2e tests.
import { Hono } from 'hono';
import { createFaultSwitches, mountControlPlane, takeFailure } from '../sim-control';
import { failureResponse, parseFailure } from './faults';
import type { Failure, FaultSwitches } from './faults';

export type { Failure, FaultSwitches } from './faults';

export interface TentimesSimulatorOptions {
  /** The expected `key`; default 'sim-10times-key'. */
  apiKey?: string;
  /** Events that accept registrations; default [SIM_EVENT_ID]. */
  events?: number[];
  /** Oldest entries are dropped past this; default 10000. */
  maxRecordedRequests?: number;
}

/** One attendee as 10times stored it. */
export interface TentimesRegistration {
  id: number;
  event: number;
  channel: string;
  attendee: Record<string, unknown>;
  billing?: Record<string, unknown>;
  floorLink: string;
  at: number;
}

export interface TentimesRequest {
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The raw body, exactly as received (form-encoded). */
  raw: string;
  /** The body decoded the way PHP's $_POST would see it. */
  form: PhpForm;
  at: number;
}

export interface TentimesSimulator {
  app: Hono;
  registrations: TentimesRegistration[];
  requests: TentimesRequest[];
  faults: FaultSwitches;
  snapshot(): unknown;
  reset(): void;
}

export const SIM_EVENT_ID = 998877;

/**
 * An example lead as the Push API sends it. The vendor document shows its payload only as an
 * image ("Raw data is pushed", JSON, Content-Type: application/json), so this shape is ours:
 * a visitor lead with the organiser's custom variable/value, as 10times' "Run a sample test" would.
 */
export const EXAMPLE_VISITOR_LEAD = {
  leadType: 'Visitor',
  customVariable: 'source',
  customValue: 'acme-live-demos',
  event: { id: SIM_EVENT_ID, name: 'Acme Gadgets Live Demos' },
  visitor: {
    name: 'Meera Nair',
    email: 'meera.nair@example.com',
    phone: '+91 98470 12345',
    designation: 'Store Manager',
    company: 'Nair Retail',
    city: 'Kochi',
    country: 'India',
  },
  registeredAt: '2026-11-24 10:15:00',
};

export const EXAMPLE_EXHIBITOR_LEAD = {
  leadType: 'Exhibitor',
  customVariable: 'source',
  customValue: 'acme-live-demos',
  event: { id: SIM_EVENT_ID, name: 'Acme Gadgets Live Demos' },
  exhibitor: {
    company: 'Kumar Electronics',
    contact_person: 'Arjun Kumar',
    email_id: 'arjun@kumar-electronics.example',
    mobile: '919812345678',
    city: 'Pune',
  },
};

export type PhpForm = { [key: string]: string | PhpForm };

/**
 * Decodes a form body like PHP fills $_POST: `a[b][c]=v` nests, `a[]=v` appends,
 * `+` is a space. Object keys hold numeric indexes too, as PHP arrays do.
 */
export function parsePhpForm(raw: string): PhpForm {
  const root: PhpForm = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let key = path[i]!;
      if (key === '') key = String(Object.keys(node).length);
      if (i === path.length - 1) {
        node[key] = value;
      } else {
        const next = node[key];
        node = node[key] = typeof next === 'object' ? next : {};
      }
    }
  }
  return root;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const failed = (message: string) => Response.json({ status: 0, message });

export function createTentimesSimulator(options: TentimesSimulatorOptions = {}): TentimesSimulator {
  const apiKey = options.apiKey ?? 'sim-10times-key';
  const events = new Set(options.events ?? [SIM_EVENT_ID]);
  const maxRecorded = options.maxRecordedRequests ?? 10_000;
  const registrations: TentimesRegistration[] = [];
  const requests: TentimesRequest[] = [];
  const faults: FaultSwitches = createFaultSwitches();
  const hung = new Set<() => void>();
  let nextId = 1;

  function reset(): void {
    registrations.length = 0;
    requests.length = 0;
    faults.clear();
    nextId = 1;
    for (const release of hung) release();
    hung.clear();
  }

  function snapshot() {
    return { events: [...events], registrations };
  }

  /** The documented payload checks; every failure is `{ status: 0, message }`. */
  function register(form: PhpForm, origin: string): Response {
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    if (!text(form.key)) return failed('key is mandatory');
    if (form.key !== apiKey) return failed('Invalid key');
    if (!text(form.event)) return failed('event is mandatory');
    if (!/^\d+$/.test(text(form.event))) return failed('event must be an integer');
    const event = Number(form.event);
    if (!events.has(event)) return failed('Invalid event');
    if (!text(form.channel)) return failed('channel is mandatory');
    const attendees = form.attendee;
    if (typeof attendees !== 'object' || Object.keys(attendees).length === 0) return failed('attendee is mandatory');
    const list = Object.entries(attendees);
    for (const [i, attendee] of list) {
      if (typeof attendee !== 'object') return failed(`attendee[${i}] must be an array`);
      if (!text(attendee.name)) return failed(`attendee[${i}][name] is mandatory`);
      if (!text(attendee.email)) return failed(`attendee[${i}][email] is mandatory`);
      if (!EMAIL.test(text(attendee.email))) return failed(`attendee[${i}][email] is not a valid email`);
      if (attendee.phone !== undefined && !/^\d{6,15}$/.test(text(attendee.phone))) {
        return failed(`attendee[${i}][phone] must be the mobile number with country code, digits only`);
      }
      for (const field of ['ticketTypeId', 'ticketPrice'] as const) {
        if (attendee[field] !== undefined && !/^\d+$/.test(text(attendee[field]))) return failed(`attendee[${i}][${field}] must be an integer`);
      }
    }
    const billing = typeof form.billing === 'object' ? form.billing : undefined;
    let first: TentimesRegistration | undefined;
    for (const [, attendee] of list) {
      const id = nextId++;
      // Every call is recorded, even a repeat for the same email: a double registration shows.
      const registration: TentimesRegistration = {
        id,
        event,
        channel: text(form.channel),
        attendee: attendee as PhpForm,
        ...(billing ? { billing } : {}),
        floorLink: `${origin}/floor/${event}/${id.toString(36)}${crypto.randomUUID().slice(0, 8)}`,
        at: Date.now(),
      };
      registrations.push(registration);
      first ??= registration;
    }
    return Response.json({ status: 1, message: 'User Successfully Registered', userInfo: { floorLink: first!.floorLink } });
  }

  function hang(signal: AbortSignal): Promise<Response> {
    return new Promise((resolve, reject) => {
      const release = () => { signal.removeEventListener('abort', onAbort); resolve(Response.json({ message: 'Service Unavailable' }, { status: 503 })); };
      const onAbort = () => { hung.delete(release); reject(signal.reason); };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      hung.add(release);
    });
  }

  const app = new Hono();

  app.post('/v1/register', async (c) => {
    const req = c.req.raw;
    // Read as bytes: workerd warns when .text() is called on a form body.
    const raw = new TextDecoder().decode(await req.arrayBuffer());
    const form = parsePhpForm(raw);
    requests.push({ method: req.method, path: '/v1/register', headers: Object.fromEntries(req.headers), raw, form, at: Date.now() });
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const failure = takeFailure(faults);
    if (failure?.kind === 'hang') return hang(req.signal);
    if (failure) return failureResponse(failure);
    return register(form, new URL(req.url).origin);
  });
  app.all('/v1/register', (c) => c.json({ status: 0, message: 'Method Not Allowed' }, 405, { Allow: 'POST' }));

  // Where a FLOOR link leads, so the demo's "Also join on 10times FLOOR" goes somewhere.
  app.get('/floor/:event/:id', (c) => {
    const found = registrations.find((r) => r.floorLink.endsWith(`/floor/${c.req.param('event')}/${c.req.param('id')}`));
    if (!found) return c.text('No such FLOOR link', 404);
    return c.html(`<!doctype html><title>10times FLOOR (simulated)</title><h1>10times FLOOR (simulated)</h1><p>Welcome, ${escapeHtml(String(found.attendee.name))}: event ${found.event}.</p>`);
  });

  mountControlPlane(app, { health: () => ({ ok: true }), snapshot, reset, requests, faults, parseFailure });
  // The Push API's "Run a sample test": posts a lead as raw JSON to the seller's CRM URL.
  // Body: { url, lead?: "visitor" | "exhibitor", body?: <any JSON to push instead> }.
  app.post('/__sim/push', async (c) => {
    let b: Record<string, unknown>;
    try { b = await c.req.json(); } catch { return c.json({ message: 'Body must be JSON' }, 400); }
    if (typeof b?.url !== 'string' || !/^https?:\/\//.test(b.url)) return c.json({ message: 'url must be an http(s) URL' }, 400);
    const payload = b.body !== undefined ? b.body : b.lead === 'exhibitor' ? EXAMPLE_EXHIBITOR_LEAD : EXAMPLE_VISITOR_LEAD;
    const response = await fetch(b.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    return c.json({ status: response.status, body: await response.text() });
  });

  app.notFound((c) => c.json({ status: 0, message: 'Not Found' }, 404));
  app.onError((err, c) => {
    if (c.req.raw.signal.aborted) throw err;
    return c.json({ status: 0, message: 'Server Error' }, 500);
  });

  return { app, registrations, requests, faults, snapshot, reset };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
