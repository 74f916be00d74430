// Proxy overhead: the same booking sequence (general slots, capture, customer slots, register,
// cancel) straight to Popin (the simulator) and through the worker, at several concurrency
// levels, with Popin's latency set to each given value. Both sides get the same time, in
// alternating halves, against the same running simulator and worker.
import type { Stack } from '../../demo/stack';
import { BOOKING_STEPS, summarize, type LoadGenerator, type LoadResult, type RawLoad } from './load';
import { num, ratio, signed, table } from './stats';
import { keepUserIdsGrowing, settle } from './settle';

export interface ProxyOptions {
  popinLatenciesMs: number[];
  connections: number[];
  seconds: number;
}

export interface ProxyRow {
  popinLatencyMs: number;
  connections: number;
  popin: LoadResult;
  worker: LoadResult;
}

export async function measureProxyOverhead(stack: Stack, load: LoadGenerator, options: ProxyOptions): Promise<ProxyRow[]> {
  const run = async (target: 'popin' | 'worker', popinLatencyMs: number, connections: number, seconds: number) => {
    await settle(stack);
    stack.simulator.reset();
    keepUserIdsGrowing(stack);
    stack.simulator.faults.latencyMs = popinLatencyMs;
    const baseUrl = target === 'worker' ? stack.workerUrl : stack.simulatorUrl;
    return load.run({ sequence: 'booking', target, baseUrl, connections, durationSeconds: seconds });
  };

  // Warm-up (not reported): workerd compiles the worker and V8 warms up on the first requests.
  await run('worker', 0, 4, 2);
  await run('popin', 0, 4, 1);

  const rows: ProxyRow[] = [];
  for (const popinLatencyMs of options.popinLatenciesMs) {
    for (const connections of options.connections) {
      // Direct, worker, worker, direct (half the time each): a machine that speeds up or slows
      // down during the row weighs on both sides alike.
      const half = options.seconds / 2;
      const runs: Record<'popin' | 'worker', RawLoad[]> = { popin: [], worker: [] };
      for (const target of ['popin', 'worker', 'worker', 'popin'] as const) {
        runs[target].push(await run(target, popinLatencyMs, connections, half));
      }
      const [popin, worker] = [summarize(runs.popin), summarize(runs.worker)];
      rows.push({ popinLatencyMs, connections, popin, worker });
      console.error(`  proxy: Popin +${popinLatencyMs} ms, ${connections} connection(s): direct p50 ${num(popin.p50, 2)} ms, worker p50 ${num(worker.p50, 2)} ms`);
    }
  }
  stack.simulator.reset();
  return rows;
}

const failures = (r: LoadResult) => r.non2xx + r.errors;

export function proxyTable(rows: ProxyRow[]): string {
  return table(
    ['Popin latency', 'conns', 'p50 direct', 'p50 worker', 'Δ p50', 'p50 ratio', 'p99 direct', 'p99 worker', 'Δ p99', 'p99 ratio', 'req/s direct', 'req/s worker', 'failed (d/w)'],
    rows.map(({ popinLatencyMs, connections, popin, worker }) => [
      `${popinLatencyMs} ms`,
      String(connections),
      `${num(popin.p50, 2)} ms`,
      `${num(worker.p50, 2)} ms`,
      `${signed(worker.p50 - popin.p50, 2)} ms`,
      ratio(worker.p50, popin.p50),
      `${num(popin.p99, 2)} ms`,
      `${num(worker.p99, 2)} ms`,
      `${signed(worker.p99 - popin.p99, 2)} ms`,
      ratio(worker.p99, popin.p99),
      num(popin.requestsPerSecond, 0),
      num(worker.requestsPerSecond, 0),
      `${failures(popin)}/${failures(worker)}`,
    ]),
  );
}

/** Per call of the sequence, one connection: where the worker's time goes. */
export function proxyStepTable(rows: ProxyRow[]): string {
  const single = rows.filter((r) => r.connections === 1);
  return table(
    ['1 connection, p50 per call', ...single.flatMap((r) => [`direct (Popin +${r.popinLatencyMs})`, 'worker', 'Δ'])],
    BOOKING_STEPS.map((step, i) => [
      step,
      ...single.flatMap(({ popin, worker }) => {
        const [d, w] = [popin.stepP50[i] ?? Number.NaN, worker.stepP50[i] ?? Number.NaN];
        return [`${num(d, 2)} ms`, `${num(w, 2)} ms`, `${signed(w - d, 2)} ms`];
      }),
    ]),
  );
}
