// The floor (issue #15): a minimal Hono worker with one JSON route (floor-worker/), started
// under wrangler dev exactly as ours is, and measured in the same run, back to back with ours:
// latency at one connection and CPU per request. What our worker costs beyond it is our own work
// (site, CORS, rate limit, cache, Popin calls), not workerd's or wrangler's.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, stopProcess as stop, type Stack } from '../../demo/stack';
import { cpuDuring, workerProcesses, type CpuShare } from './cpu';
import { BOOKING_STEPS, summarize, type LoadGenerator, type LoadResult } from './load';
import { keepUserIdsGrowing, settle } from './settle';
import { num, ratio, signed, table } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = `${ROOT}node_modules/.bin/wrangler`;
const OWN = "workerd: the worker's own";
const PROXY = "workerd: wrangler's proxy in front";

export interface FloorOptions {
  latencySeconds: number;
  /** Cached general-slots requests for the CPU run (over 100 connections). */
  cpuRequests: number;
  /** Booking sequences for the CPU per booking call (Popin +0, 10 connections). */
  bookingSequences: number;
}

export interface FloorResult {
  /** p50 at one connection, cached general slots. */
  latency: { ours: LoadResult; floor: LoadResult };
  /** CPU per request, cached general slots, by process label. */
  cpu: { ours: CpuPerRequest; floor: CpuPerRequest };
  /** CPU per request over booking sequences (all five calls pooled), our worker. */
  bookingCpu: CpuPerRequest;
  /** Popin calls per booking sequence during that run, by endpoint (the simulator's log). */
  popinCallsPerSequence: Record<string, number>;
}

interface CpuPerRequest {
  requests: number;
  own: number;
  proxy: number;
}

export async function measureFloor(stack: Stack, load: LoadGenerator, options: FloorOptions): Promise<FloorResult> {
  const body = await (await fetch(`${stack.workerUrl}/v1/sites/demo/slots`)).text();
  const floor = await startFloor(body);
  try {
    const slots = (baseUrl: string, connections: number, job: { amount?: number; durationSeconds?: number }) =>
      load.run({ sequence: 'general-slots', target: 'worker', baseUrl, connections, ...job });
    const quiet = async () => {
      await settle(stack);
      stack.simulator.reset();
      keepUserIdsGrowing(stack);
      stack.simulator.faults.latencyMs = 0;
    };

    // Warm both (workerd compiles each worker on its first requests), then ours, floor, floor, ours.
    await quiet();
    await slots(stack.workerUrl, 4, { amount: 200 });
    await slots(floor.url, 4, { amount: 200 });
    const half = options.latencySeconds / 2;
    const runs = { ours: [] as Awaited<ReturnType<typeof slots>>[], floor: [] as Awaited<ReturnType<typeof slots>>[] };
    for (const side of ['ours', 'floor', 'floor', 'ours'] as const) {
      await quiet();
      runs[side].push(await slots(side === 'ours' ? stack.workerUrl : floor.url, 1, { durationSeconds: half }));
    }
    const latency = { ours: summarize(runs.ours), floor: summarize(runs.floor) };

    // Processes are looked up right before each run: wrangler may have restarted its workerd
    // (a rebuild) since the last one.
    const cpuRun = async (baseUrl: string) => {
      await quiet();
      const { result, shares } = await cpuDuring(workerProcesses(baseUrl), () => slots(baseUrl, 100, { amount: options.cpuRequests }));
      return perRequest(shares, summarize([result]).ok);
    };
    const oursCpu = await cpuRun(stack.workerUrl);
    const floorCpu = await cpuRun(floor.url);

    await quiet();
    const booking = await cpuDuring(workerProcesses(stack.workerUrl), () =>
      load.run({ sequence: 'booking', target: 'worker', baseUrl: stack.workerUrl, connections: 10, amount: options.bookingSequences * BOOKING_STEPS.length }),
    );
    const bookingCpu = perRequest(booking.shares, summarize([booking.result]).ok);
    await settle(stack);
    const sequences = summarize([booking.result]).ok / BOOKING_STEPS.length;
    const popinCallsPerSequence: Record<string, number> = {};
    for (const request of stack.simulator.requests) {
      const endpoint = request.path.split('/').at(-1)!;
      popinCallsPerSequence[endpoint] = (popinCallsPerSequence[endpoint] ?? 0) + 1 / sequences;
    }
    console.error(
      `  floor: p50 ours ${num(latency.ours.p50, 2)} ms, floor ${num(latency.floor.p50, 2)} ms; CPU own ours ${num(oursCpu.own, 2)} ms, floor ${num(floorCpu.own, 2)} ms`,
    );
    return { latency, cpu: { ours: oursCpu, floor: floorCpu }, bookingCpu, popinCallsPerSequence };
  } finally {
    await floor.stop();
  }
}

function perRequest(shares: CpuShare[], requests: number): CpuPerRequest {
  // A process that ended during the run (a restart) reads as negative: no figure rather than a wrong one.
  const sum = (label: string) => {
    const mine = shares.filter((s) => s.label === label);
    return mine.length === 0 || mine.some((s) => s.cpuMs < 0) ? Number.NaN : mine.reduce((total, s) => total + s.cpuMs, 0);
  };
  return { requests, own: requests > 0 ? sum(OWN) / requests : Number.NaN, proxy: requests > 0 ? sum(PROXY) / requests : Number.NaN };
}

/**
 * Latency: the cached general slots measured here against the floor; the other calls from
 * section 1 (Popin +0, one connection), each against the same floor p50.
 * CPU: the worker's own workerd process per request, and wrangler's proxy in front (the same
 * for any worker, so it should match the floor's).
 */
export function floorTable(result: FloorResult, stepP50AtPopinZero: number[] | undefined): string {
  const floorP50 = result.latency.floor.p50;
  const latencyRows = [
    ['general slots (cached), measured here', result.latency.ours.p50],
    ...BOOKING_STEPS.slice(1).map((step, i) => [`${step} (section 1, Popin +0)`, stepP50AtPopinZero?.[i + 1] ?? Number.NaN] as const),
  ] as const;
  const latency = table(
    ['p50 at 1 connection', 'ours', 'floor', 'ours − floor', 'ratio'],
    latencyRows.map(([label, ours]) => [label, `${num(ours, 2)} ms`, `${num(floorP50, 2)} ms`, `${signed(ours - floorP50, 2)} ms`, ratio(ours, floorP50)]),
  );
  const { ours, floor } = result.cpu;
  const cpu = table(
    ['CPU per request (workerd, from /proc)', 'ours', 'floor', 'ours − floor', 'ratio'],
    [
      [`the worker's own, cached general slots (${ours.requests} over 100 conns)`, ours.own, floor.own],
      ["wrangler's proxy in front, the same requests", ours.proxy, floor.proxy],
      [`the worker's own, booking calls (${result.bookingCpu.requests} calls, 10 conns, Popin +0)`, result.bookingCpu.own, floor.own],
    ].map(([label, o, f]) => [label as string, `${num(o as number, 2)} ms`, `${num(f as number, 2)} ms`, `${signed((o as number) - (f as number), 2)} ms`, ratio(o as number, f as number)]),
  );
  const calls = Object.entries(result.popinCallsPerSequence).sort(([a], [b]) => a.localeCompare(b));
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  const popin = `Popin calls per booking sequence through the worker (same run, from the simulator's log): ${num(total, 2)} (${calls
    .map(([endpoint, n]) => `${endpoint} ${num(n, 2)}`)
    .join(', ')}); straight to Popin the sequence makes 5 (slots 2, capture, register, cancel).`;
  return `${latency}\n\n${cpu}\n\n${popin}`;
}

async function startFloor(body: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort(0);
  const args = ['dev', '--config', 'scripts/bench/floor-worker/wrangler.jsonc', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--inspector-port', '0', '--show-interactive-dev-session=false', '--log-level', 'warn', '--var', `FLOOR_BODY:${body}`);
  // As demo/stack.ts starts ours: wrangler itself (SIGTERM reaches it and its workerd), offline.
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  running = child;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`floor: wrangler dev exited (${child.exitCode}):\n${stderr}`);
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`floor: wrangler dev not ready within 60 s:\n${stderr}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, stop: () => stop(child) };
}

let running: ChildProcess | undefined;

/** Stops the floor's wrangler dev if it is still up (the bench's Ctrl-C and watchdog). */
export function stopFloor(): Promise<void> {
  return running ? stop(running) : Promise.resolve();
}
