// Fault switches for the EnableX simulator: latency and injected failures, so the client's
// error paths can be exercised. Web-standard APIs only. The switches themselves (counting
// down, the control plane) are shared with the other simulators: ../sim-control.ts.
import { countError, takeFailure as takeFirst, type Countable, type FaultSwitches as SharedFaultSwitches } from '../sim-control';

export const ENDPOINT_NAMES = [
  'permanent.get', 'permanent.update', 'permanent.reset',
  'meetings.schedule', 'meetings.edit', 'meetings.get', 'meetings.list', 'meetings.cancel',
  'lobby.get', 'lobby.add', 'lobby.update', 'lobby.delete',
  'polls.get',
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

export type FailureKind =
  /** This HTTP status with a small JSON body (or `body`); a 3xx carries a Location elsewhere. */
  | { kind: 'status'; status: number; body?: unknown }
  /** 200 with a body that is not JSON (a proxy's error page). */
  | { kind: 'malformed'; body?: string }
  /** Never answer until the client aborts the request. */
  | { kind: 'hang' }
  /** 200 JSON that breaks the contract: `{ result: 1 }` alone, or `body`. */
  | { kind: 'wrong-shape'; body?: unknown }
  /** A `result: 0` answer with this code (any number, known or not), HTTP `status` (default 400). */
  | { kind: 'code'; code: number; status?: number };

export type Failure = FailureKind & Countable & {
  /** Only requests to this endpoint trigger it; any endpoint when omitted. */
  endpoint?: EndpointName;
};

export type FaultSwitches = SharedFaultSwitches<Failure>;

export const takeFailure = (faults: FaultSwitches, endpoint: EndpointName) =>
  takeFirst(faults, (f) => f.endpoint === undefined || f.endpoint === endpoint);

/** Validates a failure given over HTTP; returns an error message when it is not one. */
export function parseFailure(x: unknown): Failure | string {
  if (typeof x !== 'object' || x === null) return 'failure must be an object';
  const f = x as Record<string, unknown>;
  if (f.endpoint !== undefined && !ENDPOINT_NAMES.includes(f.endpoint as EndpointName)) return `endpoint must be one of ${ENDPOINT_NAMES.join(', ')}`;
  const badCount = countError(f);
  if (badCount) return badCount;
  const isStatus = (s: unknown) => Number.isInteger(s) && (s as number) >= 200 && (s as number) <= 599;
  switch (f.kind) {
    case 'status':
      if (!isStatus(f.status)) return 'status must be an HTTP status code';
      break;
    case 'malformed':
      if (f.body !== undefined && typeof f.body !== 'string') return 'malformed body must be a string';
      break;
    case 'code':
      if (!Number.isInteger(f.code)) return 'code must be an integer';
      if (f.status !== undefined && !isStatus(f.status)) return 'status must be an HTTP status code';
      break;
    case 'hang':
    case 'wrong-shape':
      break;
    default:
      return "kind must be 'status', 'malformed', 'hang', 'wrong-shape' or 'code'";
  }
  return { ...f } as Failure;
}

/** The response a non-hanging failure produces; `describe` gives a code's message. */
export function failureResponse(f: Exclude<Failure, { kind: 'hang' }>, describe: (code: number) => string): Response {
  switch (f.kind) {
    case 'status': {
      const headers: Record<string, string> = f.status >= 300 && f.status < 400 ? { Location: 'https://elsewhere.example/ucaas/v1' } : {};
      return Response.json(f.body ?? { result: 0, msg: f.status >= 500 ? 'Service Unavailable' : 'Request Failed' }, { status: f.status, headers });
    }
    case 'malformed':
      return new Response(f.body ?? '<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    case 'wrong-shape':
      return Response.json(f.body ?? { result: 1 }, { status: 200 });
    case 'code': {
      const msg = describe(f.code);
      return Response.json({ result: 0, code: f.code, msg, errors: [{ code: f.code, msg }] }, { status: f.status ?? 400 });
    }
  }
}
