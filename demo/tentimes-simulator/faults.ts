// Fault switches for the 10times simulator: latency and injected failures, so the worker's
// outbox (retries, backoff, dead letters) can be exercised. Web-standard APIs only. The
// switches themselves (counting down, the control plane) are shared: ../sim-control.ts.
import { countError, type Countable, type FaultSwitches as SharedFaultSwitches } from '../sim-control';

export type FailureKind =
  /** Answer with this HTTP status and a small JSON body (10times documents none: an outage). */
  | { kind: 'status'; status: number }
  /** 200 with a non-JSON body (a proxy's error page). */
  | { kind: 'malformed'; body?: string }
  /** Never answer until the client aborts the request. */
  | { kind: 'hang' }
  /** The documented failure: `{ "status": 0, "message": ... }`. */
  | { kind: 'rejected'; message?: string };

export type Failure = FailureKind & Countable;

export type FaultSwitches = SharedFaultSwitches<Failure>;

/** Validates a failure given over HTTP; returns an error message when it is not one. */
export function parseFailure(x: unknown): Failure | string {
  if (typeof x !== 'object' || x === null) return 'failure must be an object';
  const f = x as Record<string, unknown>;
  const badCount = countError(f);
  if (badCount) return badCount;
  switch (f.kind) {
    case 'status':
      if (!Number.isInteger(f.status) || (f.status as number) < 200 || (f.status as number) > 599) return 'status must be an HTTP status code';
      break;
    case 'malformed':
      if (f.body !== undefined && typeof f.body !== 'string') return 'malformed body must be a string';
      break;
    case 'rejected':
      if (f.message !== undefined && typeof f.message !== 'string') return 'rejected message must be a string';
      break;
    case 'hang':
      break;
    default:
      return "kind must be 'status', 'malformed', 'hang' or 'rejected'";
  }
  return { ...f } as Failure;
}

/** The response a non-hanging failure produces. */
export function failureResponse(f: Exclude<Failure, { kind: 'hang' }>): Response {
  switch (f.kind) {
    case 'status':
      return Response.json({ message: f.status >= 500 ? 'Service Unavailable' : 'Request Failed' }, { status: f.status });
    case 'malformed':
      return new Response(f.body ?? '<html>502 Bad Gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    case 'rejected':
      return Response.json({ status: 0, message: f.message ?? 'User Registration Request Failed.' });
  }
}
