// Fault switches for the PGi simulator: latency and injected failures, so the client's error
// paths can be exercised. Web-standard APIs only. The switches themselves (counting down, the
// control plane) are shared with the other simulators: ../sim-control.ts.
import { countError, takeFailure as takeFirst, type Countable, type FaultSwitches as SharedFaultSwitches } from '../sim-control';

export type EndpointName = 'provision' | 'deactivate' | 'reactivate' | 'get';
export const ENDPOINT_NAMES: readonly EndpointName[] = ['provision', 'deactivate', 'reactivate', 'get'];

export type FailureKind =
  /** Answer with this HTTP status and a body (default: the error shape, `{ status: "error", message }`). */
  | { kind: 'status'; status: number; body?: unknown }
  /** 200 with a non-JSON body (a proxy's error page). */
  | { kind: 'malformed'; body?: string }
  /** Never answer until the client aborts the request. */
  | { kind: 'hang' }
  /** Do the work (provision, deactivate, ...), then never answer: the answer is lost on the way back. */
  | { kind: 'lost-answer' }
  /** 200 JSON with a `status` other than "success" (default "error") and a message. */
  | { kind: 'rejected'; status?: string; message?: string }
  /** 200 JSON without any of the endpoint's documented fields (`{ "result": "ok" }`), or a given body. */
  | { kind: 'wrong-shape'; body?: unknown };

export type Failure = FailureKind &
  Countable & {
    /** Only requests to this endpoint trigger it; any endpoint when omitted. */
    endpoint?: EndpointName;
  };

export type FaultSwitches = SharedFaultSwitches<Failure>;

/** Takes the first failure aimed at `endpoint`, counting it down. */
export const takeFailure = (faults: FaultSwitches, endpoint: EndpointName) =>
  takeFirst(faults, (f) => f.endpoint === undefined || f.endpoint === endpoint);

/** Validates a failure given over HTTP; returns an error message when it is not one. */
export function parseFailure(x: unknown): Failure | string {
  if (typeof x !== 'object' || x === null) return 'failure must be an object';
  const f = x as Record<string, unknown>;
  if (f.endpoint !== undefined && !ENDPOINT_NAMES.includes(f.endpoint as EndpointName)) {
    return `endpoint must be one of ${ENDPOINT_NAMES.join(', ')}`;
  }
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
      if (f.status !== undefined && (typeof f.status !== 'string' || f.status === 'success')) return 'rejected status must be a string other than "success"';
      if (f.message !== undefined && typeof f.message !== 'string') return 'rejected message must be a string';
      break;
    case 'hang':
    case 'lost-answer':
    case 'wrong-shape':
      break;
    default:
      return "kind must be 'status', 'malformed', 'hang', 'lost-answer', 'rejected' or 'wrong-shape'";
  }
  return { ...f } as Failure;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The response a failure that answers produces. */
export function failureResponse(f: Exclude<Failure, { kind: 'hang' | 'lost-answer' }>): Response {
  switch (f.kind) {
    case 'status':
      return Response.json(f.body !== undefined ? f.body : { status: 'error', message: STATUS_MESSAGES[f.status] ?? 'Error' }, { status: f.status });
    case 'malformed':
      return new Response(f.body ?? '<html><body>502 Bad Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    case 'rejected':
      return Response.json({ status: f.status ?? 'error', message: f.message ?? 'Request failed' });
    case 'wrong-shape':
      return Response.json(f.body !== undefined ? f.body : { result: 'ok' });
  }
}
