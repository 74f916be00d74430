// Parent side of the load generator: forks load-generator.ts once and runs jobs on it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats';

/** The steps of the 'booking' sequence, in order. */
export const BOOKING_STEPS = ['general slots', 'capture', 'customer slots', 'register', 'cancel'] as const;

export interface LoadJob {
  /** 'booking': general slots, capture, customer slots, register, cancel; 'general-slots': that one call. */
  sequence: 'booking' | 'general-slots';
  target: 'worker' | 'popin';
  baseUrl: string;
  connections: number;
  /** Either a duration or a total number of requests. */
  durationSeconds?: number;
  amount?: number;
}

export interface LoadResult {
  /** Milliseconds, 2xx responses only. */
  p50: number;
  p99: number;
  /** p50 of each step of the sequence, in sequence order. */
  stepP50: number[];
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  seconds: number;
  requestsPerSecond: number;
}

/** What one autocannon run saw, before summing up. */
export interface RawLoad {
  /** Response times of 2xx answers, ms (autocannon's own histogram keeps whole ms only). */
  latencies: number[];
  /** The same, per step of the sequence. */
  stepLatencies: number[][];
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  seconds: number;
}

/** One result from one or more runs of the same job (their samples pooled, their times added). */
export function summarize(runs: RawLoad[]): LoadResult {
  const latencies = runs.flatMap((r) => r.latencies);
  const steps = Math.max(0, ...runs.map((r) => r.stepLatencies.length));
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [status, count] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const total = (pick: (r: RawLoad) => number) => runs.reduce((sum, r) => sum + pick(r), 0);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    stepP50: Array.from({ length: steps }, (_, i) => percentile(runs.flatMap((r) => r.stepLatencies[i] ?? []), 50)),
    ok: latencies.length,
    non2xx: total((r) => r.non2xx),
    errors: total((r) => r.errors),
    timeouts: total((r) => r.timeouts),
    statuses,
    seconds,
    requestsPerSecond: latencies.length / seconds,
  };
}

export interface LoadGenerator {
  run(job: LoadJob): Promise<RawLoad>;
  stop(): void;
}

export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(r: RawLoad): void; reject(e: Error): void }>();
  child.on('message', (message: { id: number; result?: RawLoad; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.result) waiter?.resolve(message.result);
    else waiter?.reject(new Error(`load generator: ${message.error}`));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load generator exited (${code})`));
    pending.clear();
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ id, job });
      }),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}
