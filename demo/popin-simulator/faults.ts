// Fault switches: latency and injected failures, so the worker's error paths can be
// exercised without a misbehaving vendor. Web-standard APIs only. The switches themselves
// (counting down, the control plane) are shared with the 10times simulator: ../sim-control.ts.
import { countError, takeFailure as takeFirst, type Countable, type FaultSwitches as SharedFaultSwitches } from '../sim-control';

export type EndpointName = 'capture' | 'slots' | 'register' | 'cancel';
export const ENDPOINT_NAMES: readonly EndpointName[] = ['capture', 'slots', 'register', 'cancel'];

export type FailureKind =
  /** Answer with this status (and body, default a vendor-like JSON message). */
  | { kind: 'status'; status: number; body?: unknown }
  /** 200 with a non-JSON body. */
  | { kind: 'malformed'; body?: string }
  /** Never answer until the client aborts the request. */
  | { kind: 'hang' }
  /** Do the work (register, cancel, ...), then never answer: the answer is lost on the way back. */
  | { kind: 'lost-answer' }
  /** 200 JSON that breaks the contract: `status: 0` (default), fields missing, or a given body. */
  | { kind: 'wrong-shape'; variant?: 'status-0' | 'missing-fields'; body?: unknown };

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
      if (!Number.isInteger(f.status) || (f.status as number) < 200 || (f.status as number) > 599) {
        return 'status must be an HTTP status code';
      }
      break;
    case 'malformed':
      if (f.body !== undefined && typeof f.body !== 'string') return 'malformed body must be a string';
      break;
    case 'wrong-shape':
      if (f.variant !== undefined && f.variant !== 'status-0' && f.variant !== 'missing-fields') {
        return "variant must be 'status-0' or 'missing-fields'";
      }
      break;
    case 'hang':
    case 'lost-answer':
      break;
    default:
      return "kind must be 'status', 'malformed', 'hang', 'lost-answer' or 'wrong-shape'";
  }
  return { ...f } as Failure;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests',
  500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The response a non-hanging failure produces. */
export function failureResponse(f: Exclude<Failure, { kind: 'hang' | 'lost-answer' }>, endpoint: EndpointName): Response {
  switch (f.kind) {
    case 'status': {
      const body = f.body !== undefined ? f.body
        : f.status === 422 ? { message: 'Validation failed', errors: {} }
        : { message: STATUS_MESSAGES[f.status] ?? 'Error' };
      return Response.json(body, { status: f.status });
    }
    case 'malformed':
      return new Response(f.body ?? '<html>oops</html>', { status: 200, headers: { 'content-type': 'text/html' } });
    case 'wrong-shape': {
      // 'missing-fields' keeps status 1 but drops what each endpoint must return
      // (for cancel, status itself is the only field).
      const body = f.body !== undefined ? f.body
        : f.variant === 'missing-fields' ? (endpoint === 'cancel' ? {} : { status: 1 })
        : { status: 0, message: 'Something went wrong' };
      return Response.json(body, { status: 200 });
    }
  }
}
