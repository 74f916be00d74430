// A local stand-in for the PGi provisioning API (/work/shared/vendor-docs/pgi-provisioning-api.txt),
// so the PGi console runs end to end without a vendor account. Pure Hono + web-standard APIs:
// it runs under Node (serve.ts) and inside workerd (the worker's vitest tests).
// Where the document is silent, the choices are listed in README.md.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { createFaultSwitches, mountControlPlane } from '../sim-control';
import { failureResponse, parseFailure, takeFailure } from './faults';
import type { EndpointName, Failure, FaultSwitches } from './faults';

export type { EndpointName, Failure, FaultSwitches } from './faults';

export interface PgiSimulatorOptions {
  /** The expected X-AUTH-TOKEN; default 'sim-pgi-key'. */
  apiKey?: string;
  /** Oldest entries are dropped past this; default 10000. */
  maxRecordedRequests?: number;
}

export interface PgiHub {
  hubId: number;
  hubUrl: string;
}

export interface SimCompany {
  companyId: number;
  /** Our customer.id: the key a repeat provision finds the company by. */
  externalId: number;
  enterpriseId: number;
  name: string;
  isGlobalMeetEnabled: boolean;
  isWebConfEnabled: boolean;
  hub: PgiHub;
}

export interface SimClient {
  clientId: number;
  /** Our user_plan.id: the key a repeat provision finds the client by. */
  externalId: number;
  companyId: number;
  first: string;
  last: string;
  email: string;
  /** Created by the simulator when sent blank. Shown as "(set)" in /__sim/state. */
  password: string;
  passCodes: { moderatorPassCode: string; participantPassCode: string };
  contact: { address: string; city: string; state: string | null; country: string; postalCode: string };
  active: boolean;
  /** How many provision calls found or created this client (a repeat is more than 1). */
  provisioned: number;
}

export interface PgiSimulatorState {
  /** By company externalId. */
  companies: Map<number, SimCompany>;
  /** By clientId. */
  clients: Map<number, SimClient>;
  nextCompanyId: number;
  nextClientId: number;
  nextHubId: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The body exactly as received. */
  raw: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
  at: number;
}

export interface PgiSimulator {
  app: Hono;
  state: PgiSimulatorState;
  faults: FaultSwitches;
  requests: RecordedRequest[];
  /** Companies and clients as plain JSON, passwords hidden (what GET /__sim/state returns). */
  snapshot(): { companies: SimCompany[]; clients: SimClient[] };
  /** No companies or clients, no faults, empty request log; releases hung requests. */
  reset(): void;
}

/** The document's example ids, so the first company, client and hub match them. */
export const FIRST_COMPANY_ID = 123456;
export const FIRST_CLIENT_ID = 12345678;
export const FIRST_HUB_ID = 123456;

const ENDPOINTS: Record<EndpointName, string> = {
  provision: '/provisioning/client/provision',
  deactivate: '/provisioning/client/deactivate',
  reactivate: '/provisioning/client/reactivate',
  // The document puts get outside /provisioning, and as a POST.
  get: '/client/get',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USA = new Set(['us', 'usa', 'unitedstates', 'unitedstatesofamerica']);

/** The simulator's one error shape: the documented `status`, not "success", and a message. */
const failed = (message: string, httpStatus: number) => Response.json({ status: 'error', message }, { status: httpStatus });
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';

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

/** n random characters from `alphabet` (crypto: the password and pass codes stand in for real secrets). */
function random(alphabet: string, n: number): string {
  return [...crypto.getRandomValues(new Uint32Array(n))].map((v) => alphabet[v % alphabet.length]).join('');
}

export function createPgiSimulator(options: PgiSimulatorOptions = {}): PgiSimulator {
  const apiKey = options.apiKey ?? 'sim-pgi-key';
  const maxRecorded = options.maxRecordedRequests ?? 10_000;
  const state: PgiSimulatorState = {
    companies: new Map(), clients: new Map(),
    nextCompanyId: FIRST_COMPANY_ID, nextClientId: FIRST_CLIENT_ID, nextHubId: FIRST_HUB_ID,
  };
  const faults: FaultSwitches = createFaultSwitches();
  const requests: RecordedRequest[] = [];
  const hung = new Set<() => void>();

  function reset(): void {
    state.companies.clear();
    state.clients.clear();
    state.nextCompanyId = FIRST_COMPANY_ID;
    state.nextClientId = FIRST_CLIENT_ID;
    state.nextHubId = FIRST_HUB_ID;
    faults.clear();
    requests.length = 0;
    for (const release of hung) release();
    hung.clear();
  }

  function snapshot() {
    return {
      companies: [...state.companies.values()],
      clients: [...state.clients.values()].map((c) => ({ ...c, password: c.password ? '(set)' : '' })),
    };
  }

  /** A hub URL like the document's "company.example.com", unique per company. */
  function hubUrl(name: string, hubId: number): string {
    const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'company';
    const taken = [...state.companies.values()].some((c) => c.hub.hubUrl === `${slug}.example.com`);
    return taken ? `${slug}-${hubId}.example.com` : `${slug}.example.com`;
  }

  /** Every problem with a provision body, or none. */
  function provisionProblems(body: Record<string, unknown>): string[] {
    const problems: string[] = [];
    const company = isRecord(body.company) ? body.company : undefined;
    const client = isRecord(body.client) ? body.client : undefined;
    const contact = isRecord(body.contact) ? body.contact : undefined;
    if (!company) problems.push('company is required');
    if (!client) problems.push('client is required');
    if (!contact) problems.push('contact is required');
    if (company) {
      if (!isId(company.externalId)) problems.push('company.externalId must be a positive integer');
      if (!isId(company.enterpriseId)) problems.push('company.enterpriseId must be a positive integer');
      if (!isText(company.name)) problems.push('company.name is required');
      for (const flag of ['isGlobalMeetEnabled', 'isWebConfEnabled']) {
        if (typeof company[flag] !== 'boolean') problems.push(`company.${flag} must be a boolean`);
      }
    }
    if (client) {
      if (!isId(client.externalId)) problems.push('client.externalId must be a positive integer');
      if (client.password !== undefined && client.password !== null && typeof client.password !== 'string') problems.push('client.password must be a string');
      for (const field of ['first', 'last', 'email']) if (!isText(client[field])) problems.push(`client.${field} is required`);
      if (isText(client.email) && !EMAIL.test(client.email.trim())) problems.push('client.email is not a valid email address');
    }
    if (contact) {
      for (const field of ['address', 'city', 'country', 'postalCode']) if (!isText(contact[field])) problems.push(`contact.${field} is required`);
      if (contact.state !== undefined && contact.state !== null && typeof contact.state !== 'string') problems.push('contact.state must be a string');
      if (isText(contact.country) && USA.has(contact.country.toLowerCase().replace(/[^a-z]/g, '')) && !isText(contact.state)) {
        problems.push('contact.state cannot be null for USA customers');
      }
    }
    return problems;
  }

  function provision(body: Record<string, unknown>): Response {
    const problems = provisionProblems(body);
    if (problems.length > 0) return failed(problems.join('; '), 400);
    const co = body.company as Record<string, unknown>;
    const cl = body.client as Record<string, unknown>;
    const ct = body.contact as Record<string, unknown>;
    const companyExternalId = co.externalId as number;
    const clientExternalId = cl.externalId as number;

    let company = state.companies.get(companyExternalId);
    if (company && company.enterpriseId !== co.enterpriseId) {
      return failed(`company ${companyExternalId} belongs to another enterprise`, 409);
    }
    let client = [...state.clients.values()].find((c) => c.externalId === clientExternalId);
    if (client && client.companyId !== company?.companyId) {
      return failed(`client ${clientExternalId} belongs to another company`, 409);
    }

    // A repeat finds the same records (no duplicates) and takes the newer details.
    const details = { name: (co.name as string).trim(), isGlobalMeetEnabled: co.isGlobalMeetEnabled as boolean, isWebConfEnabled: co.isWebConfEnabled as boolean };
    if (company) {
      Object.assign(company, details);
    } else {
      const hubId = state.nextHubId++;
      company = { companyId: state.nextCompanyId++, externalId: companyExternalId, enterpriseId: co.enterpriseId as number, ...details, hub: { hubId, hubUrl: hubUrl(details.name, hubId) } };
      state.companies.set(companyExternalId, company);
    }
    const person = {
      first: (cl.first as string).trim(),
      last: (cl.last as string).trim(),
      email: (cl.email as string).trim(),
      contact: {
        address: (ct.address as string).trim(),
        city: (ct.city as string).trim(),
        state: isText(ct.state) ? ct.state.trim() : null,
        country: (ct.country as string).trim(),
        postalCode: (ct.postalCode as string).trim(),
      },
    };
    // "Usually left blank to be created on the PGi side": blank creates one (first time) or keeps it.
    const password = typeof cl.password === 'string' && cl.password !== '' ? cl.password : undefined;
    if (client) {
      Object.assign(client, person, password ? { password } : {});
      client.provisioned++;
    } else {
      const moderatorPassCode = random('0123456789', 10);
      let participantPassCode = random('0123456789', 10);
      while (participantPassCode === moderatorPassCode) participantPassCode = random('0123456789', 10);
      client = {
        clientId: state.nextClientId++, externalId: clientExternalId, companyId: company.companyId, ...person,
        password: password ?? random('abcdefghijkmnpqrstuvwxyz23456789', 8),
        passCodes: { moderatorPassCode, participantPassCode },
        active: true, provisioned: 1,
      };
      state.clients.set(client.clientId, client);
    }
    return Response.json({
      status: 'success',
      data: {
        companyId: company.companyId,
        clientId: client.clientId,
        password: client.password,
        passCodes: { ...client.passCodes },
        hub: { ...company.hub },
      },
    });
  }

  /** The body's clientId of a known client, or the error answer. */
  function knownClient(body: Record<string, unknown>): SimClient | Response {
    if (body.clientId === undefined || body.clientId === null) return failed('clientId is required', 400);
    if (!isId(body.clientId)) return failed('clientId must be a positive integer', 400);
    // "Client must exist and be provisioned on the PGi side."
    return state.clients.get(body.clientId) ?? failed(`Client ${body.clientId} not found`, 404);
  }

  const handlers: Record<EndpointName, (body: Record<string, unknown>) => Response> = {
    provision,
    deactivate(body) {
      const client = knownClient(body);
      if (client instanceof Response) return client;
      client.active = false; // already inactive: still a success, as documented
      return Response.json({ status: 'success' });
    },
    reactivate(body) {
      const client = knownClient(body);
      if (client instanceof Response) return client;
      client.active = true; // already active: still a success, as documented
      return Response.json({ status: 'success' });
    },
    get(body) {
      const client = knownClient(body);
      if (client instanceof Response) return client;
      const company = [...state.companies.values()].find((c) => c.companyId === client.companyId)!;
      // Exactly the documented answer: no `status` field.
      return Response.json({ clientId: client.clientId, hub: { ...company.hub } });
    },
  };

  /** What every documented endpoint does: log, latency, faults, auth, then the handler. */
  function endpoint(name: EndpointName) {
    return async (c: Context): Promise<Response> => {
      const req = c.req.raw;
      const raw = await req.text();
      let body: unknown;
      try { body = raw === '' ? undefined : JSON.parse(raw); } catch { body = undefined; }
      requests.push({ method: req.method, path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers), raw, body, at: Date.now() });
      if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded);

      if (faults.latencyMs > 0) await sleep(faults.latencyMs, req.signal);
      const failure = takeFailure(faults, name);
      if (failure?.kind === 'hang') return hang(req.signal);
      if (failure && failure.kind !== 'lost-answer') return failureResponse(failure);

      const token = c.req.header('x-auth-token');
      if (!token) return failed('X-AUTH-TOKEN header is required', 401);
      if (token !== apiKey) return failed('Invalid API token', 401);
      if (!isRecord(body)) return failed('Body must be a JSON object', 400);
      const response = handlers[name](body);
      return failure?.kind === 'lost-answer' ? hang(req.signal) : response;
    };
  }

  /** Never answers: rejects like fetch when the client aborts, or gives 503 on reset(). */
  function hang(signal: AbortSignal): Promise<Response> {
    return new Promise((resolve, reject) => {
      const release = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(failed('Service Unavailable', 503));
      };
      const onAbort = () => { hung.delete(release); reject(abortError(signal)); };
      if (signal.aborted) return reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      hung.add(release);
    });
  }

  const app = new Hono();
  for (const [name, path] of Object.entries(ENDPOINTS) as [EndpointName, string][]) {
    app.post(path, endpoint(name));
    app.all(path, () => Response.json({ status: 'error', message: 'Method Not Allowed' }, { status: 405, headers: { Allow: 'POST' } }));
  }

  mountControlPlane(app, { health: () => ({ ok: true }), snapshot, reset, requests, faults, parseFailure });

  app.notFound(() => failed('Not Found', 404));
  app.onError((err, c) => {
    // A client that aborted should see its fetch reject, not a 500.
    if (c.req.raw.signal.aborted) throw err;
    return failed('Internal Server Error', 500);
  });

  return { app, state, faults, requests, snapshot, reset };
}
