// Scale, seller console (issue #15): how the console's cost grows with a site's ledger (1,000,
// 10,000 and 100,000 leads, each with a booking) and its 10times outbox (1,000 and 10,000
// registrations). The rows are written before the stack starts, by the seed worker
// (seed-worker/: the product's own Durable Object methods, called in the same workerd, in a
// wrangler dev of its own), into a state directory the stack then starts from; one site per size.
// Measured through the worker as a seller meets it: the leads' first page and the CSV export
// (operator key, one request at a time from this process), and the console page in Chromium at
// the bench's CPU slowdown, cold cache, signed in, until the leads or the outbox report show.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { freePort, LOCAL_ADMIN_SECRET, LOCAL_TENTIMES_OPTION, stopProcess, type Stack } from '../../demo/stack';
import { DESKTOP } from '../../test/e2e/browser';
import { median, num, ratio, signed, table } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = `${ROOT}node_modules/.bin/wrangler`;
/** The simulator's default seller's upcoming demos (demo/popin-simulator/seed.ts): the newest leads book these. */
const UPCOMING_DEMOS = [3011, 2195, 2853];

export interface ConsoleScaleOptions {
  /** Ledger sizes (leads, one booking each), smallest first. */
  leads: number[];
  /** Outbox sizes (registrations), smallest first; each goes to the site of the same ledger size. */
  outbox: number[];
  /** Requests per API line (p50), and Chromium loads per page line (median). */
  requests: number;
  runs: number;
  cpuSlowdown: number;
}

export interface Seeded {
  /** The state directory the stack starts from (a copy of it). */
  dir: string;
  /** How long seeding took, when it was done (not the cached copy's). */
  seconds: number;
  /** The seeded state came from the cache (seeded earlier, at `seededAt`). */
  cached: boolean;
  seededAt: number;
}

/**
 * Seeding 100,000 leads and 10,000 registrations through the objects' own methods takes one to
 * three minutes on the shared 2-core machine (each row is two to four calls, one at a time per
 * object), so the seeded state is kept in node_modules/.cache and reused for a few days: the
 * dates are relative to the seeding (the oldest lead 360 days back, inside the ledger's 365-day
 * retention until then), and the key changes with the seed, the objects' code and the sizes.
 */
const CACHE = `${ROOT}node_modules/.cache/popin-booking-bench`;
const CACHE_DAYS = 3;

function cacheKey(options: Pick<ConsoleScaleOptions, 'leads' | 'outbox'>): string {
  const hash = createHash('sha256');
  for (const file of ['scripts/bench/seed-worker/index.ts', 'worker/src/ledger/ledger.ts', 'worker/src/tentimes/outbox.ts', 'node_modules/wrangler/package.json']) {
    hash.update(readFileSync(`${ROOT}${file}`));
  }
  hash.update(JSON.stringify([options.leads, options.outbox]));
  return `console-${hash.digest('hex').slice(0, 16)}`;
}

/** The seeded state for these sizes: from the cache when it is fresh, else seeded now (and cached). */
export async function seededConsoleState(options: Pick<ConsoleScaleOptions, 'leads' | 'outbox'>, reseed = false): Promise<Seeded> {
  const dir = `${CACHE}/${cacheKey(options)}`;
  const meta = await readFile(`${dir}/seeded.json`, 'utf8').then((text) => JSON.parse(text) as { at: number }, () => undefined);
  if (!reseed && meta && Date.now() - meta.at < CACHE_DAYS * 24 * 3600_000) return { dir, seconds: 0, cached: true, seededAt: meta.at };
  await mkdir(CACHE, { recursive: true });
  // Older seeds (other sizes, other code) go: each is tens of megabytes.
  for (const old of await readdir(CACHE)) if (old.startsWith('console-') || old.startsWith('seeding-')) await rm(`${CACHE}/${old}`, { recursive: true, force: true });
  const { dir: fresh, seconds } = await seedConsoleScale(options);
  const at = Date.now();
  await writeFile(`${fresh}/seeded.json`, JSON.stringify({ at, seconds }));
  await rename(fresh, dir);
  return { dir, seconds, cached: false, seededAt: at };
}

export const consoleSite = (n: number) => `scale-${n}`;

/** The sites the stack must have for the seeded state: the demo seller's, with 10times on. */
export function consoleScaleSites(options: Pick<ConsoleScaleOptions, 'leads' | 'outbox'>): Record<string, Record<string, unknown>> {
  const sizes = [...new Set([...options.leads, ...options.outbox])];
  return Object.fromEntries(
    sizes.map((n) => [consoleSite(n), { seller: 'seller-demo', title: `Acme, ${n} leads`, country: 'IN', timezone: 'Asia/Kolkata', tentimes: LOCAL_TENTIMES_OPTION }]),
  );
}

/**
 * Fills the ledgers and outboxes in a state directory of their own: `wrangler dev` with the seed
 * worker first (it answers HTTP) and ours second (its Durable Object classes, bound by
 * script_name, run in the same workerd: a call costs no network hop), then stopped.
 */
async function seedConsoleScale(options: Pick<ConsoleScaleOptions, 'leads' | 'outbox'>): Promise<{ dir: string; seconds: number }> {
  const began = Date.now();
  // Beside the cache, so that the rename into it stays on one file system.
  const dir = await mkdtemp(`${CACHE}/seeding-`);
  const remove = () => rm(dir, { recursive: true, force: true });
  // A dev registry of its own: this session's "popin-booking" must not be confused with another run's.
  const registry = await mkdtemp(join(tmpdir(), 'popin-booking-registry-'));
  const port = await freePort(0);
  const args = ['dev', '-c', 'scripts/bench/seed-worker/wrangler.jsonc', '-c', 'worker/wrangler.jsonc', '--persist-to', dir];
  args.push('--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0', '--show-interactive-dev-session=false', '--log-level', 'warn');
  const child = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true', WRANGLER_REGISTRY_PATH: registry },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.stdout?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`seed: wrangler dev exited (${child.exitCode}):\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`seed: wrangler dev not ready within 60 s:\n${stderr}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const now = Date.now();
    const seeded: Array<{ from: string; to: string }> = [];
    const seed = async (what: 'ledger' | 'outbox', site: string, count: number) => {
      // wrangler restarts its workerd when a watched file changes (an edit while the bench runs):
      // then the site is seeded again, from scratch (idFromName gives the same object).
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${url}/${what}`, { method: 'POST', body: JSON.stringify({ site, count, upcoming: UPCOMING_DEMOS, now }) });
        const text = await response.text();
        if (response.ok) {
          const ids = JSON.parse(text) as { seeded: string; product: string };
          const [seedClass, productClass] = what === 'ledger' ? ['SeedLedger', 'SiteLedger'] : ['SeedOutbox', 'TentimesOutbox'];
          seeded.push({ from: `${dir}/v3/do/popin-booking-bench-seed-${seedClass}/${ids.seeded}.sqlite`, to: `${dir}/v3/do/popin-booking-${productClass}/${ids.product}.sqlite` });
          return;
        }
        if (response.status !== 503 || attempt === 3) throw new Error(`seed: ${what} of ${site}: ${response.status} ${text}\n${stderr}`);
        console.error(`  seed: ${what} of ${site}: ${text.slice(0, 80)} Again.`);
      }
    };
    for (const n of options.leads) await seed('ledger', consoleSite(n), n);
    for (const n of options.outbox) await seed('outbox', consoleSite(n), n);
    // Stopped first: nothing writes to the files while they move.
    await stopProcess(child);
    // Each seeded object becomes the product's object of the same site: the same tables, written by
    // the same methods (the seed classes only add the loop). SQLite's write-ahead log goes with it.
    for (const { from, to } of seeded) {
      await mkdir(dirname(to), { recursive: true });
      for (const suffix of ['', '-wal', '-shm']) await rename(`${from}${suffix}`, `${to}${suffix}`).catch((error: NodeJS.ErrnoException) => {
        if (!(suffix && error.code === 'ENOENT')) throw error;
      });
    }
    await rm(`${dir}/v3/do/popin-booking-bench-seed-SeedLedger`, { recursive: true, force: true });
    await rm(`${dir}/v3/do/popin-booking-bench-seed-SeedOutbox`, { recursive: true, force: true });
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await stopProcess(child);
    running = undefined;
    await rm(registry, { recursive: true, force: true });
  }
  return { dir, seconds: (Date.now() - began) / 1000 };
}

let running: ReturnType<typeof spawn> | undefined;

/** Stops the seed session if it is still up (the bench's Ctrl-C and watchdog). */
export function stopSeed(): Promise<void> {
  return running ? stopProcess(running) : Promise.resolve();
}

interface Line {
  label: string;
  counts: number[];
  values: number[];
  unit: 'ms' | 'B' | 'rows/s';
  item: string;
}

export interface ConsoleScaleResult {
  lines: Line[];
  seeded: Seeded;
  measureSeconds: number;
}

export async function measureConsoleScale(stack: Stack, browser: Browser, seeded: Seeded, options: ConsoleScaleOptions): Promise<ConsoleScaleResult> {
  const began = Date.now();
  const bearer = { authorization: `Bearer ${LOCAL_ADMIN_SECRET}` };
  const api = (site: string, path: string) => `${stack.workerUrl}/console/v1/sites/${site}${path}`;
  const timed = async (url: string, runs: number) => {
    const samples: number[] = [];
    let bytes = 0;
    let body = '';
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const response = await fetch(url, { headers: bearer });
      body = await response.text();
      samples.push(performance.now() - started);
      if (!response.ok) throw new Error(`console scale: ${response.status} from ${url}: ${body.slice(0, 200)}`);
      bytes = Buffer.byteLength(body);
    }
    return { ms: median(samples), bytes, body };
  };

  // One operator session for every browser context (sign-ins are rate limited per client).
  const signIn = await fetch(`${stack.workerUrl}/console/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.workerUrl },
    body: JSON.stringify({ site: consoleSite(options.leads[0]!), key: LOCAL_ADMIN_SECRET }),
  });
  const cookie = /^([^=]+)=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '');
  if (!signIn.ok || !cookie) throw new Error(`console scale: sign-in ${signIn.status}`);
  const paint = async (site: string, section: 'demos' | 'leads' | 'tentimes', ready: string) => {
    const samples: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
      try {
        // The console's cookie is Secure; on plain-HTTP loopback it is given to the browser as is.
        await context.addCookies([{ name: cookie[1]!, value: cookie[2]!, url: `${stack.workerUrl}/console`, httpOnly: true, sameSite: 'Strict' }]);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
        await page.goto(`${stack.workerUrl}/console?site=${site}${section === 'demos' ? '' : `&section=${section}`}`);
        await page.locator('popin-console').locator(ready).first().waitFor({ timeout: 60_000 });
        // From navigation start to the frame after the rows are in the DOM.
        samples.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
      } finally {
        await context.close();
      }
    }
    return median(samples);
  };

  const page: number[] = [];
  const csvMs: number[] = [];
  const csvBytes: number[] = [];
  const csvRate: number[] = [];
  const painted: number[] = [];
  const demosPainted: number[] = [];
  for (const n of options.leads) {
    const site = consoleSite(n);
    page.push((await timed(api(site, '/leads?limit=25'), options.requests)).ms);
    // The whole export, as "Download CSV" asks for it; fewer runs at the largest size.
    const csv = await timed(api(site, '/leads.csv'), n >= 100_000 ? 1 : options.runs);
    const rows = csv.body.split('\r\n').length - 2;
    if (rows !== n) throw new Error(`console scale: the CSV of ${site} has ${rows} rows, not ${n}`);
    csvMs.push(csv.ms);
    csvBytes.push(csv.bytes);
    csvRate.push(n / (csv.ms / 1000));
    painted.push(await paint(site, 'leads', '[data-lead]'));
    demosPainted.push(await paint(site, 'demos', '[data-demo]'));
    console.error(`  console scale: ${n} leads: first page ${num(page.at(-1)!, 1)} ms, CSV ${num(csv.ms, 0)} ms, page painted ${num(painted.at(-1)!, 0)} ms`);
  }
  const report: number[] = [];
  const reportPainted: number[] = [];
  for (const n of options.outbox) {
    const site = consoleSite(n);
    const answer = await timed(api(site, '/tentimes'), options.requests);
    const counts = (JSON.parse(answer.body) as { counts: Record<string, number> }).counts;
    const total = Object.values(counts).reduce((sum, c) => sum + c, 0);
    if (total !== n) throw new Error(`console scale: the outbox of ${site} reports ${total} registrations, not ${n}`);
    report.push(answer.ms);
    reportPainted.push(await paint(site, 'tentimes', '.counts'));
    console.error(`  console scale: outbox ${n}: report ${num(report.at(-1)!, 1)} ms, section painted ${num(reportPainted.at(-1)!, 0)} ms`);
  }
  return {
    seeded,
    measureSeconds: (Date.now() - began) / 1000,
    lines: [
      { label: 'leads, first page of 25 (API), p50', counts: options.leads, values: page, unit: 'ms', item: 'lead' },
      { label: 'CSV export of every lead (API)', counts: options.leads, values: csvMs, unit: 'ms', item: 'lead' },
      { label: 'CSV export size', counts: options.leads, values: csvBytes, unit: 'B', item: 'lead' },
      { label: 'CSV export rate', counts: options.leads, values: csvRate, unit: 'rows/s', item: 'lead' },
      { label: `console opened on Leads → first leads painted (Chromium ${options.cpuSlowdown}×)`, counts: options.leads, values: painted, unit: 'ms', item: 'lead' },
      { label: `console opened (Demos, the last day's leads booked on them) → painted (Chromium ${options.cpuSlowdown}×)`, counts: options.leads, values: demosPainted, unit: 'ms', item: 'lead' },
      { label: '10times outbox report (API), p50', counts: options.outbox, values: report, unit: 'ms', item: 'registration' },
      { label: `console opened on 10times outbox → report painted (Chromium ${options.cpuSlowdown}×)`, counts: options.outbox, values: reportPainted, unit: 'ms', item: 'registration' },
    ],
  };
}

export function consoleScaleTable(result: ConsoleScaleResult): string {
  const value = (v: number, unit: Line['unit']) => (unit === 'ms' ? `${num(v, 1)} ms` : unit === 'B' ? `${num(v, 0)} B` : `${num(v, 0)} rows/s`);
  return table(
    ['Console, one request or page load at a time', 'N', 'at N', 'per added row', 'ratio largest:smallest'],
    result.lines.flatMap(({ label, counts, values, unit, item }) =>
      counts.map((count, i) => {
        if (i === 0) return [label, String(count), value(values[i]!, unit), '', ''];
        // A rate has no cost per row: its growth is the ratio alone.
        const perRow = unit === 'rows/s' ? '' : `${signed((values[i]! - values[0]!) / (count - counts[0]!), unit === 'B' ? 0 : 4)} ${unit}/${item}`;
        return ['', String(count), value(values[i]!, unit), perRow, i === counts.length - 1 ? `${ratio(values[i]!, values[0]!)} (${count}:${counts[0]})` : ''];
      }),
    ),
  );
}
