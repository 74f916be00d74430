// `npm run bench:cpu-hostile`: the worker's CPU per customer sign-up with the most hostile body this
// script can build, next to a normal sign-up, measured in the same run on the local stack (wrangler
// dev on loopback, the Popin and 10times simulators). Linux only (CPU is read from /proc). Bounded:
// ROUNDS × 4 phases of REQUESTS sequential requests, and a watchdog.
//   normal   a valid sign-up on "expo" (name, mobile, email, company): reaches Popin, 200
//   hostile  16 KB bodies aimed at every check: the email that made the old pattern backtrack
//            quadratically, names full of bidi and zero-width characters, a 16 KB mobile; all 422
import { startStack, type Stack } from '../../demo/stack';
import { cpuDuring, workerProcesses } from './cpu';

const REQUESTS = Number(process.env.REQUESTS ?? 100);
const ROUNDS = 2;
const WATCHDOG_MS = 180_000;
/** The body limit is 16 KB: the hostile bodies stay just under it, so every check sees them. */
const BODY = 16 * 1024 - 64;

/** The largest body `make(n)` builds that still fits under the body limit (in UTF-8 bytes, as sent). */
function fit(make: (n: number) => Record<string, string>): Record<string, string> {
  const size = (n: number) => new TextEncoder().encode(JSON.stringify(make(n))).length;
  let [low, high] = [1, BODY];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (size(mid) <= BODY) low = mid;
    else high = mid - 1;
  }
  return make(low);
}

const HOSTILE: Array<Record<string, string>> = [
  // The old email pattern's worst case: a long domain of "a." that fails at its very end.
  fit((n) => ({ name: 'Priya Sharma', mobile: '9544510895', email: `a@${'a.'.repeat(n)} ` })),
  fit((n) => ({ name: 'Priya Sharma', mobile: '9544510895', email: `${'a'.repeat(n)}@a. ` })),
  fit((n) => ({ name: '\u202e\u200b'.repeat(n), mobile: '9544510895', email: 'priya@example.com' })),
  fit((n) => ({ name: 'Priya Sharma', mobile: '+'.repeat(n), email: 'priya@example.com' })),
  fit((n) => ({ name: 'Priya', mobile: '9544510895', email: 'priya@example.com', company: 'x\u0000'.repeat(n) })),
];

let stack: Stack | undefined;
const watchdog = setTimeout(() => {
  console.error('bench:cpu-hostile: still running after the watchdog, stopping.');
  void stack?.stop().finally(() => process.exit(1));
}, WATCHDOG_MS);

try {
  stack = await startStack({
    workerPort: 0,
    simulatorPort: 0,
    demoPort: false,
    siteSettings: { limits: { customersPerMinute: 1_000_000, customersPerMinuteWithTurnstile: 1_000_000, registrationsPerMinute: 1_000_000, slotsPerMinute: 1_000_000 } },
  });
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(stack.workerUrl)) throw new Error(`not loopback: ${stack.workerUrl}`);
  const processes = workerProcesses(stack.workerUrl);
  if (!processes.length) throw new Error('no worker processes found in /proc (Linux only)');
  const url = `${stack.workerUrl}/v1/sites/expo/customers`;
  let n = 0;
  const signUp = async (body: Record<string, string>, expected: number) => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}`);
  };
  const normal = () => signUp({ name: 'Priya Sharma', mobile: `95445${String(10000 + (n++ % 80000))}`, email: 'priya@example.com', company: 'Sharma Retail' }, 200);
  const hostile = () => signUp(HOSTILE[n++ % HOSTILE.length]!, 422);
  // Warm up both paths (JIT, Durable Objects) before measuring.
  for (let i = 0; i < 20; i++) await normal(), await hostile();

  const totals = { normal: { cpu: 0, wall: 0, count: 0 }, hostile: { cpu: 0, wall: 0, count: 0 } };
  const phase = async (kind: 'normal' | 'hostile') => {
    const began = performance.now();
    const { shares } = await cpuDuring(processes, async () => {
      for (let i = 0; i < REQUESTS; i++) await (kind === 'normal' ? normal() : hostile());
    });
    // The worker's own workerd process: where the request's JavaScript runs.
    totals[kind].cpu += shares.filter((share) => share.label.startsWith('workerd')).reduce((sum, share) => sum + share.cpuMs, 0);
    totals[kind].wall += performance.now() - began;
    totals[kind].count += REQUESTS;
  };
  // normal, hostile, hostile, normal per round: drift on a shared machine hits both alike.
  for (let round = 0; round < ROUNDS; round++) for (const kind of ['normal', 'hostile', 'hostile', 'normal'] as const) await phase(kind);

  const per = (kind: 'normal' | 'hostile') => ({ cpu: totals[kind].cpu / totals[kind].count, wall: totals[kind].wall / totals[kind].count });
  const [a, b] = [per('normal'), per('hostile')];
  console.log(`CPU per customer sign-up (workerd processes, /proc, 10 ms ticks; ${totals.normal.count} requests each, sequential, loopback):`);
  console.log(`  normal sign-up (200, reaches Popin):        ${a.cpu.toFixed(2)} ms CPU, ${a.wall.toFixed(2)} ms wall`);
  console.log(`  hostile sign-up (16 KB, 422, worst case):   ${b.cpu.toFixed(2)} ms CPU, ${b.wall.toFixed(2)} ms wall   (${(b.cpu / a.cpu).toFixed(2)}× normal)`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await stack?.stop();
}
