// Parent side of the load generator: forks load-generator.ts once and runs jobs on it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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

export interface LoadGenerator {
  run(job: LoadJob): Promise<LoadResult>;
  stop(): void;
}

export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(r: LoadResult): void; reject(e: Error): void }>();
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
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
