// Fault switches for the 10times simulator: latency and injected failures, so the worker's
// outbox (retries, backoff, dead letters) can be exercised. Web-standard APIs only.

export type FailureKind =
  /** Answer with this HTTP status and a small JSON body (10times documents none: an outage). */
  | { kind: 'status'; status: number }
  /** 200 with a non-JSON body (a proxy's error page). */
  | { kind: 'malformed'; body?: string }
  /** Never answer until the client aborts the request. */
  | { kind: 'hang' }
  /** The documented failure: `{ "status": 0, "message": ... }`. */
  | { kind: 'rejected'; message?: string };

export type Failure = FailureKind & {
  /** How many requests it affects before it is used up; default 1. */
  count?: number | 'always';
};

export interface FaultSwitches {
  /** Added before every /v1/register response. */
  latencyMs: number;
  /** Pending failures, first one wins. */
  failures: Failure[];
  inject(...failures: Failure[]): void;
  clear(): void;
}

export function createFaultSwitches(): FaultSwitches {
  const faults: FaultSwitches = {
    latencyMs: 0,
    failures: [],
    inject: (...fs) => { for (const f of fs) faults.failures.push({ ...f }); },
    clear: () => { faults.latencyMs = 0; faults.failures.length = 0; },
  };
  return faults;
}

/** Takes the first pending failure, counting it down. */
export function takeFailure(faults: FaultSwitches): Failure | undefined {
  const f = faults.failures[0];
  if (!f) return undefined;
  if (f.count !== 'always') {
    const left = (f.count ?? 1) - 1;
    if (left <= 0) faults.failures.shift();
    else f.count = left;
  }
  return f;
}

/** Validates a failure given over HTTP; returns an error message when it is not one. */
export function parseFailure(x: unknown): Failure | string {
  if (typeof x !== 'object' || x === null) return 'failure must be an object';
  const f = x as Record<string, unknown>;
  if (f.count !== undefined && f.count !== 'always' && !(Number.isInteger(f.count) && (f.count as number) > 0)) {
    return "count must be a positive integer or 'always'";
  }
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
