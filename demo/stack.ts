// The whole product on loopback: the Popin, 10times and PGi simulators, the worker under `wrangler dev`
// (workerd) configured for it, and the demo seller page. Used by `npm start`, the widget
// and end-to-end tests, and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serveLocal, type LocalServer } from './local-server';
import { startPopinSimulator, type RunningSimulator } from './popin-simulator/serve';
import { SIM_EVENT_ID } from './tentimes-simulator/app';
import { startTentimesSimulator, type RunningTentimesSimulator } from './tentimes-simulator/serve';
import { startPgiSimulator, type RunningPgiSimulator } from './pgi-simulator/serve';
import { startEnablexSimulator, type RunningEnablexSimulator } from './enablex-simulator/serve';
import { turnstile } from './turnstile-fake';
import { seedDemoLobbies } from './enablex-lobbies';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WRANGLER = `${ROOT}node_modules/.bin/wrangler`;

// The local demo's public secrets live in local-secrets.ts (the worker tests check that a real
// deployment refuses every one of them).
export * from './local-secrets';
import {
  LOCAL_ADMIN_SECRET,
  LOCAL_CONSOLE_KEY,
  LOCAL_ENABLEX_APP_ID,
  LOCAL_ENABLEX_APP_KEY,
  LOCAL_PGI_API_KEY,
  LOCAL_PGI_ENTERPRISE_ID,
  LOCAL_POPIN_API_KEY,
  LOCAL_SITE_SECRETS_KEY,
  LOCAL_TENTIMES_API_KEY,
  LOCAL_TENTIMES_WEBHOOK_SECRET,
  LOCAL_TOKEN_SECRET,
  LOCAL_TURNSTILE_SECRET,
  LOCAL_TURNSTILE_SITE_KEY,
} from './local-secrets';

export interface StackOptions {
  /** 0 = any free port. Defaults: worker 8787, simulator 8788, demo 8080. */
  workerPort?: number;
  simulatorPort?: number;
  /** false: no demo page. */
  demoPort?: number | false;
  /** Browser origins allowed on every site, e.g. a test runner's page. */
  extraOrigins?: string[];
  /** Print wrangler's output. */
  log?: boolean;
  /** Use the seller's worker/.dev.vars (real Popin) instead of the simulator configuration. */
  useDevVars?: boolean;
  /** Extra worker variables, e.g. { POPIN_CALLS_PER_SECOND: '100000' } for a load test. */
  extraVars?: Record<string, string>;
  /** Extra SITES keys for every local site, e.g. { slotsCacheSeconds: 0 } for tests that inject slot faults. */
  siteSettings?: Record<string, unknown>;
  /** 0 = any free port. Default 8789, or 0 when simulatorPort is 0. */
  tentimesPort?: number;
  /** Turn the 10times option on for site "demo" too (npm start does); site "expo" always has it. */
  demoTentimes?: boolean;
  /** 0 = any free port. Default 8790, or 0 when simulatorPort is 0. */
  pgiPort?: number;
  /** 0 = any free port. Default 8791, or 0 when simulatorPort is 0. */
  enablexPort?: number;
  /** Turn the EnableX option on for site "demo" too (npm start does); site "live" always has it. */
  demoEnablex?: boolean;
  /** More sites beside localSites(), by id (each gets the local origins), e.g. the bench's seeded console sites. */
  extraSites?: Record<string, Record<string, unknown>>;
  /** Start the worker's Durable Objects from a copy of this state directory (a `--persist-to` of an earlier session). */
  stateFrom?: string;
}

export interface Stack {
  workerUrl: string;
  simulatorUrl: string;
  demoUrl?: string;
  simulator: RunningSimulator['sim'];
  tentimesUrl: string;
  tentimes: RunningTentimesSimulator['sim'];
  pgiUrl: string;
  pgi: RunningPgiSimulator['sim'];
  /** The EnableX API base URL on the simulator (…/ucaas/v1). */
  enablexUrl: string;
  enablex: RunningEnablexSimulator['sim'];
  /** Resets the EnableX simulator and sets the demo lobbies again (demo/enablex-lobbies.ts). */
  resetEnablex(): Promise<void>;
  stop(): Promise<void>;
}

/** The 10times option of the local sites: the simulator's event, asking for the company and city. */
export const LOCAL_TENTIMES_OPTION = { event: SIM_EVENT_ID, channel: 'popin', ask: ['company', 'city'] };

/**
 * The EnableX option of the local sites: every vc meeting of the simulator's app; timezoneId is
 * the simulator's id of Asia/Kolkata, the console's default when it schedules a meeting.
 */
export const LOCAL_ENABLEX_OPTION = { appType: 'vc', timezoneId: 2 };

/** `settings`: extra SITES keys for every site (e.g. { slotsCacheSeconds: 0 }). */
export function localSites(origins: string[], demoTentimes = false, settings: Record<string, unknown> = {}, demoEnablex = false) {
  return {
    demo: {
      seller: 'seller-demo', origins, title: 'Acme Gadgets', country: 'IN', timezone: 'Asia/Kolkata',
      ...(demoTentimes ? { tentimes: LOCAL_TENTIMES_OPTION } : {}),
      ...(demoEnablex ? { enablex: LOCAL_ENABLEX_OPTION } : {}),
      ...settings,
    },
    // The same seller whose EnableX meetings (the simulator's vc meetings) are demos too, for the tests.
    live: { seller: 'seller-demo', origins, title: 'Acme Live', country: 'IN', timezone: 'Asia/Kolkata', enablex: LOCAL_ENABLEX_OPTION, ...settings },
    empty: { seller: 'seller-empty', origins, title: 'Quiet Shop', country: 'GB', timezone: 'Europe/London', ...settings },
    // The same seller with the 10times option on, for the tests.
    expo: { seller: 'seller-demo', origins, title: 'Acme at the Expo', country: 'IN', timezone: 'Asia/Kolkata', tentimes: LOCAL_TENTIMES_OPTION, ...settings },
    // The same seller with Turnstile in front of sign-ups (siteverify is the local fake), for the tests.
    guarded: { seller: 'seller-demo', origins, title: 'Acme Guarded', country: 'IN', timezone: 'Asia/Kolkata', turnstile: { siteKey: LOCAL_TURNSTILE_SITE_KEY }, ...settings },
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  try {
    const simulator = await startPopinSimulator({ port: options.simulatorPort ?? 8788 });
    stops.push(simulator.close);
    const tentimes = await startTentimesSimulator({
      // Tests that ask for free ports get one here too.
      port: options.tentimesPort ?? (options.simulatorPort === 0 ? 0 : 8789), apiKey: LOCAL_TENTIMES_API_KEY });
    stops.push(tentimes.close);
    const pgi = await startPgiSimulator({ port: options.pgiPort ?? (options.simulatorPort === 0 ? 0 : 8790), apiKey: LOCAL_PGI_API_KEY });
    stops.push(pgi.close);
    const enablex = await startEnablexSimulator({
      port: options.enablexPort ?? (options.simulatorPort === 0 ? 0 : 8791), appId: LOCAL_ENABLEX_APP_ID, appKey: LOCAL_ENABLEX_APP_KEY });
    stops.push(enablex.close);
    const enablexApp = { baseUrl: enablex.baseUrl, appId: LOCAL_ENABLEX_APP_ID, appKey: LOCAL_ENABLEX_APP_KEY };
    await seedDemoLobbies(enablexApp);
    const resetEnablex = async () => {
      enablex.sim.reset();
      await seedDemoLobbies(enablexApp);
    };

    const workerPort = await freePort(options.workerPort ?? 8787);
    const workerUrl = `http://127.0.0.1:${workerPort}`;

    let demoUrl: string | undefined;
    if (options.demoPort !== false) {
      const demo = await serveDemo(options.demoPort ?? 8080, workerUrl);
      demoUrl = demo.url;
      stops.push(demo.close);
    }

    const port = (url: string) => new URL(url).port;
    const origins = [
      ...(demoUrl ? [demoUrl, `http://localhost:${port(demoUrl)}`] : []),
      ...(options.extraOrigins ?? []),
    ];
    const siteverify = await serveSiteverify();
    stops.push(siteverify.close);
    const vars: Record<string, string> = options.useDevVars
      ? {}
      : {
          // The worker accepts the demo's public secrets only with this flag and loopback vendor URLs.
          LOCAL_DEMO: '1',
          POPIN_BASE_URL: simulator.url,
          POPIN_API_KEY: LOCAL_POPIN_API_KEY,
          TOKEN_SECRET: LOCAL_TOKEN_SECRET,
          SITES: JSON.stringify({
            ...localSites(origins, options.demoTentimes, options.siteSettings, options.demoEnablex),
            ...Object.fromEntries(Object.entries(options.extraSites ?? {}).map(([id, site]) => [id, { origins, ...site }])),
          }),
          TENTIMES_BASE_URL: tentimes.url,
          TENTIMES_API_KEY: LOCAL_TENTIMES_API_KEY,
          TENTIMES_WEBHOOK_SECRET: LOCAL_TENTIMES_WEBHOOK_SECRET,
          ADMIN_SECRET: LOCAL_ADMIN_SECRET,
          ENABLEX_BASE_URL: enablex.baseUrl,
          ENABLEX_APP_ID: LOCAL_ENABLEX_APP_ID,
          ENABLEX_APP_KEY: LOCAL_ENABLEX_APP_KEY,
          // Retries after 2 s, 4 s, 8 s…: a demo shows the outbox recovering within a minute.
          TENTIMES_RETRY_BASE_SECONDS: '2',
          TURNSTILE_SECRET_KEY: LOCAL_TURNSTILE_SECRET,
          TURNSTILE_VERIFY_URL: `${siteverify.url}/siteverify`,
          PGI_BASE_URL: pgi.url,
          PGI_API_KEY: LOCAL_PGI_API_KEY,
          PGI_ENTERPRISE_ID: LOCAL_PGI_ENTERPRISE_ID,
          CONSOLE_KEYS: JSON.stringify({ demo: LOCAL_CONSOLE_KEY }),
          SITE_SECRETS_KEY: LOCAL_SITE_SECRETS_KEY,
          ...options.extraVars,
        };
    // The simulators start empty, so the worker's Durable Objects (the 10times outbox) must too:
    // a fresh state directory per run, or a restarted demo would find its customers "already sent".
    let persistTo: string | undefined;
    if (!options.useDevVars) {
      const dir = await mkdtemp(join(tmpdir(), 'popin-booking-state-'));
      persistTo = dir;
      stops.push(() => rm(dir, { recursive: true, force: true }));
      if (options.stateFrom) await cp(options.stateFrom, dir, { recursive: true });
    }
    const wrangler = await startWrangler(workerPort, vars, options.log ?? false, persistTo);
    stops.push(() => stopProcess(wrangler));
    await waitForHealthy(workerUrl, wrangler);

    return { workerUrl, simulatorUrl: simulator.url, demoUrl, simulator: simulator.sim, tentimesUrl: tentimes.url, tentimes: tentimes.sim, pgiUrl: pgi.url, pgi: pgi.sim, enablexUrl: enablex.baseUrl, enablex: enablex.sim, resetEnablex, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The demo seller page, with the worker's URL filled in where the seller would paste theirs. */
function serveDemo(port: number, workerUrl: string): Promise<LocalServer> {
  const page = readFileSync(new URL('./shop/index.html', import.meta.url), 'utf8');
  const app = new Hono();
  app.get('/', (c) => c.html(page.replaceAll('{{WORKER_URL}}', workerUrl)));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  return serveLocal(app.fetch, { port, name: 'Demo page' });
}

/** Turnstile's siteverify, faked (demo/turnstile-fake.ts: tokens "pass…" pass), for the site "guarded". */
function serveSiteverify(): Promise<LocalServer> {
  const app = new Hono();
  app.post('/siteverify', (c) => turnstile.fetch(c.req.raw));
  return serveLocal(app.fetch, { port: 0, name: 'Fake siteverify' });
}

function startWrangler(port: number, vars: Record<string, string>, log: boolean, persistTo?: string): ChildProcess {
  const args = ['dev', '--config', 'worker/wrangler.jsonc', '--ip', '127.0.0.1', '--port', String(port)];
  if (persistTo) args.push('--persist-to', persistTo);
  args.push('--inspector-port', String(0), '--show-interactive-dev-session=false', '--log-level', log ? 'info' : 'warn');
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  if (!existsSync(`${ROOT}dist/widget/widget.js`)) throw new Error('dist/widget is missing: run `npm run build` first.');
  // Spawn wrangler itself (not npx) so that SIGTERM reaches it and it stops its workerd child.
  // Offline: no metrics, no Request.cf download; CI=true keeps it from prompting.
  return spawn(WRANGLER, args, {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' },
    stdio: log ? 'inherit' : ['ignore', 'ignore', 'pipe'],
  });
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${stderr}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
      if (response.status === 500) throw new Error(`worker configuration: ${await response.text()}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('worker configuration')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`wrangler dev did not become healthy within ${timeoutMs} ms:\n${stderr}`);
}

/** SIGTERM, then SIGKILL after 5 s (wrangler stops its workerd child on SIGTERM). */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The preferred port, or a free one when it is 0. */
/** `preferred`, or any free loopback port when it is 0. */
export function freePort(preferred: number): Promise<number> {
  if (preferred !== 0) return Promise.resolve(preferred);
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
