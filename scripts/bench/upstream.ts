// Upstream savings: general slots through the worker under concurrent load, counting the
// requests the worker answered and the calls that reached Popin (the simulator's request log).
import type { Stack } from '../../demo/stack';
import { summarize, type LoadGenerator, type LoadResult } from './load';
import { cpuDuring, workerProcesses, type CpuShare } from './cpu';
import { settle } from './settle';
import { num, table } from './stats';

export interface UpstreamRow {
  label: string;
  load: LoadResult;
  reachedPopin: number;
  /** CPU per process during the run (Linux only; empty elsewhere). */
  cpu: CpuShare[];
}

const SLOTS_PATH = '/api/v1/external/conference/slots';

export async function measureUpstreamSavings(stack: Stack, load: LoadGenerator, popinLatencyMs: number, sustainedRequests: number): Promise<UpstreamRow[]> {
  const processes = workerProcesses(stack.workerUrl);
  const run = async (label: string, job: { connections: number; amount?: number; durationSeconds?: number }) => {
    await settle(stack);
    stack.simulator.reset();
    stack.simulator.faults.latencyMs = popinLatencyMs;
    const { result: raw, shares } = await cpuDuring(processes, () =>
      load.run({ sequence: 'general-slots', target: 'worker', baseUrl: stack.workerUrl, ...job }),
    );
    const result = summarize([raw]);
    // Requests the worker still had queued when the load generator finished reach Popin later.
    await settle(stack);
    const reachedPopin = stack.simulator.requests.filter((r) => r.path === SLOTS_PATH).length;
    console.error(`  upstream: ${label}: ${result.ok} served, ${reachedPopin} reached Popin`);
    return { label, load: result, reachedPopin, cpu: processes.length > 0 ? shares : [] };
  };
  const rows = [
    // 100 customers opening the page at the same moment.
    await run('burst: 100 at once', { connections: 100, amount: 100 }),
    // A busy page: 100 customers loading it again and again. A fixed number of requests rather
    // than a duration, so that every call that reached Popin belongs to a counted answer.
    await run(`${sustainedRequests} over 100 connections`, { connections: 100, amount: sustainedRequests }),
  ];
  stack.simulator.reset();
  return rows;
}

export function upstreamTable(rows: UpstreamRow[], popinLatencyMs: number): string {
  return table(
    ['General slots through the worker', 'served (2xx)', 'failed', 'reached Popin', 'Popin calls per served request', 'p50', 'p99'],
    rows.map(({ label, load, reachedPopin }) => [
      `${label} (Popin +${popinLatencyMs} ms)`,
      String(load.ok),
      String(load.non2xx + load.errors),
      String(reachedPopin),
      num(load.ok > 0 ? reachedPopin / load.ok : Number.NaN, 2),
      `${num(load.p50, 1)} ms`,
      `${num(load.p99, 1)} ms`,
    ]),
  );
}

/** Where the CPU went during the longest run, per served request: the local worker's processes. */
export function upstreamCpuTable(rows: UpstreamRow[]): string {
  const row = rows.at(-1);
  if (!row || row.cpu.length === 0) return '(CPU per process: not available on this system)';
  return table(
    [`CPU per served request (${row.label})`, 'CPU'],
    row.cpu.filter((s) => s.cpuMs > 0).map((s) => [s.label, `${num(s.cpuMs / row.load.ok, 2)} ms`]),
  );
}
