// What both vendor simulators (popin-simulator, tentimes-simulator) share: fault switches
// that count down, and the /__sim/* control plane (state, reset, request log, faults).
// Each simulator keeps its own failure kinds, their validation and the responses they make.
// Web-standard APIs and Hono only: the simulators also run inside workerd for the tests.
import type { Hono } from 'hono';

export type Countable = {
  /** How many requests it affects before it is used up; default 1. */
  count?: number | 'always';
};

export interface FaultSwitches<F extends Countable> {
  /** Added before every documented-endpoint response. */
  latencyMs: number;
  /** Pending failures, first match wins. */
  failures: F[];
  inject(...failures: F[]): void;
  clear(): void;
}

export function createFaultSwitches<F extends Countable>(): FaultSwitches<F> {
  const faults: FaultSwitches<F> = {
    latencyMs: 0,
    failures: [],
    // Copy so that counting down never mutates the caller's object.
    inject: (...fs) => { for (const f of fs) faults.failures.push({ ...f }); },
    clear: () => { faults.latencyMs = 0; faults.failures.length = 0; },
  };
  return faults;
}

/** Takes the first failure that applies to this request, counting it down. */
export function takeFailure<F extends Countable>(faults: FaultSwitches<F>, applies: (f: F) => boolean = () => true): F | undefined {
  const i = faults.failures.findIndex(applies);
  const f = faults.failures[i];
  if (!f) return undefined;
  if (f.count !== 'always') {
    const left = (f.count ?? 1) - 1;
    if (left <= 0) faults.failures.splice(i, 1);
    else f.count = left;
  }
  return f;
}

/** The `count` check every failure given over HTTP gets; a message when it is wrong. */
export function countError(f: Record<string, unknown>): string | undefined {
  if (f.count !== undefined && f.count !== 'always' && !(Number.isInteger(f.count) && (f.count as number) > 0)) {
    return "count must be a positive integer or 'always'";
  }
  return undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export interface ControlPlane<F extends Countable> {
  health(): Record<string, unknown>;
  snapshot(): unknown;
  reset(): void;
  requests: unknown[];
  faults: FaultSwitches<F>;
  /** Validates one failure given over HTTP: the failure, or a message. */
  parseFailure(x: unknown): F | string;
}

/** Mounts /__sim/*: for local tests, the demo and benchmarks only, no auth by design. */
export function mountControlPlane<F extends Countable>(app: Hono, sim: ControlPlane<F>): void {
  const { faults, requests } = sim;
  app.get('/__sim/health', (c) => c.json(sim.health()));
  app.get('/__sim/state', (c) => c.json(sim.snapshot()));
  app.post('/__sim/reset', (c) => { sim.reset(); return c.json({ ok: true }); });
  app.get('/__sim/requests', (c) => c.json(requests));
  app.delete('/__sim/requests', (c) => { requests.length = 0; return c.json({ ok: true }); });
  const faultsJson = () => ({ latencyMs: faults.latencyMs, failures: faults.failures });
  app.get('/__sim/faults', (c) => c.json(faultsJson()));
  app.delete('/__sim/faults', (c) => { faults.clear(); return c.json(faultsJson()); });
  // Body: { latencyMs?, failures?: Failure[] }, or a single Failure ({ kind, ... }).
  app.post('/__sim/faults', async (c) => {
    let body: unknown;
    try { body = await c.req.json(); } catch { return c.json({ message: 'Body must be JSON' }, 400); }
    if (!isRecord(body)) return c.json({ message: 'Body must be a JSON object' }, 400);
    const given = body.kind !== undefined ? [body] : body.failures ?? [];
    if (!Array.isArray(given)) return c.json({ message: 'failures must be an array' }, 400);
    const parsed: F[] = [];
    for (const g of given) {
      const f = sim.parseFailure(g);
      if (typeof f === 'string') return c.json({ message: f }, 400);
      parsed.push(f);
    }
    if (body.latencyMs !== undefined) {
      if (typeof body.latencyMs !== 'number' || !(body.latencyMs >= 0)) return c.json({ message: 'latencyMs must be a number >= 0' }, 400);
      faults.latencyMs = body.latencyMs;
    }
    faults.inject(...parsed);
    return c.json(faultsJson());
  });
}
