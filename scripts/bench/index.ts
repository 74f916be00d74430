// `npm run bench`: what the widget and the worker cost a seller, as ratios against a baseline
// measured in the same run (a shared 2-core machine drifts between runs). Loopback only.
//   npm run bench              build, measure, print the table
//   npm run bench -- --write   also put the table into BENCHMARKS.md
//   npm run bench -- --quick   short phases, to check that the bench itself works
//   npm run bench -- --reseed  seed the console's 100,000-lead site again (scale-console.ts caches it)
// Everything it starts (simulator, wrangler dev, load generator, Chromium, page server) is
// stopped at the end, on error, on Ctrl-C and SIGTERM; a watchdog stops a run that hangs.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack } from '../../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { startLoadGenerator, type LoadGenerator } from './load';
import { describeMachine } from './machine';
import { floorTable, measureFloor, stopFloor } from './floor';
import { measureWorkerScale, workerScaleTable } from './scale-worker';
import { consoleScaleSites, consoleScaleTable, measureConsoleScale, seededConsoleState, stopSeed, type Seeded } from './scale-console';
import { measureProxyOverhead, proxyStepTable, proxyTable } from './proxy';
import { startSellerPages, type SellerPages } from './seller-pages';
import { measureUpstreamSavings, upstreamCpuTable, upstreamTable } from './upstream';
import { measureWidgetPage, widgetEncodings, widgetPageTable } from './widget-page';
import { measureWidgetScale, widgetScaleTable } from './widget-scale';

const QUICK = process.argv.includes('--quick');
/** Only the worker's phases (proxy, upstream, floor, scale): no Chromium, about half the time. */
const WORKER_ONLY = process.argv.includes('--worker-only');
const SETTINGS = {
  popinLatenciesMs: [50, 0],
  connections: [1, 10, 50],
  proxySeconds: QUICK ? 1 : 4,
  upstreamLatencyMs: 50,
  upstreamRequests: QUICK ? 200 : 1000,
  floor: { latencySeconds: QUICK ? 1 : 4, cpuRequests: QUICK ? 200 : 1000, bookingSequences: QUICK ? 20 : 100 },
  workerScale: { requests: QUICK ? 6 : 20 },
  pageRuns: QUICK ? 1 : 5,
  scaleDemos: [10, 50, 200],
  scaleRuns: QUICK ? 1 : 3,
  /** The seller console with 1,000 to 100,000 leads and 1,000 and 10,000 10times registrations (scale-console.ts). */
  consoleScale: { leads: QUICK ? [1_000, 10_000] : [1_000, 10_000, 100_000], outbox: [1_000, 10_000], requests: QUICK ? 3 : 10, runs: QUICK ? 1 : 3 },
  cpuSlowdown: 4,
  /**
   * The whole run must end within a few minutes, even on a busy machine (the floor and the two
   * scale phases added about a minute and a half, the console's scale about one more, and up to
   * three the first time, when it seeds its sites).
   */
  watchdogMs: 11 * 60_000,
};

const BENCHMARKS_MD = new URL('../../BENCHMARKS.md', import.meta.url);
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

let stack: Stack | undefined;
let pages: SellerPages | undefined;
let load: LoadGenerator | undefined;
let browser: Browser | undefined;

async function stopEverything(): Promise<void> {
  load?.stop();
  await stopFloor().catch(() => {});
  await stopSeed().catch(() => {});
  await browser?.close().catch(() => {});
  await stack?.stop().catch(() => {});
  await pages?.close().catch(() => {});
}

async function main(): Promise<string> {
  const began = Date.now();
  console.error('Starting the Popin simulator, wrangler dev and the seller pages…');
  pages = await startSellerPages();
  // The console's scale sites are seeded (or taken from the cache) before the stack starts from them.
  // A seed that fails costs the run its section 2d, not the other sections.
  let seeded: Seeded | undefined;
  let seedFailure: string | undefined;
  if (!WORKER_ONLY) {
    console.error('Seeded console sites…');
    try {
      seeded = await seededConsoleState(SETTINGS.consoleScale, process.argv.includes('--reseed'));
      console.error(seeded.cached ? `  from the cache (seeded ${new Date(seeded.seededAt).toISOString()})` : `  seeded in ${Math.round(seeded.seconds)} s`);
    } catch (error) {
      console.error(error);
      seedFailure = `seeding: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
  }
  // All load comes from one address: the per-client limits are raised out of the way (their
  // Durable Object is still asked on every request, so its cost is in the figures).
  stack = await startStack({
    workerPort: 0,
    simulatorPort: 0,
    demoPort: false,
    extraOrigins: [pages.origin],
    siteSettings: { limits: { customersPerMinute: 1_000_000, registrationsPerMinute: 1_000_000, slotsPerMinute: 1_000_000, activeRegistrations: 1_000 } },
    // Popin's per-key budget likewise (it is still taken on every call, so its cost is measured).
    extraVars: { POPIN_CALLS_PER_SECOND: '100000' },
    ...(seeded ? { extraSites: consoleScaleSites(SETTINGS.consoleScale), stateFrom: seeded.dir } : {}),
  });
  pages.setWorkerUrl(stack.workerUrl);
  load = startLoadGenerator();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const machine = describeMachine(browser.version());

  console.error('Proxy overhead…');
  const proxy = await measureProxyOverhead(stack, load, {
    popinLatenciesMs: SETTINGS.popinLatenciesMs,
    connections: SETTINGS.connections,
    seconds: SETTINGS.proxySeconds,
  });
  console.error('Upstream savings…');
  const upstream = await measureUpstreamSavings(stack, load, SETTINGS.upstreamLatencyMs, SETTINGS.upstreamRequests);
  console.error('Widget on a page…');
  const widget = WORKER_ONLY ? undefined : await measureWidgetPage(browser, pages, { runs: SETTINGS.pageRuns, cpuSlowdown: SETTINGS.cpuSlowdown });
  // The widget's scale runs change the simulator's demos and reset it when they end.
  if (!WORKER_ONLY) console.error('Widget with N demos…');
  const scale = WORKER_ONLY
    ? undefined
    : await measureWidgetScale(browser, pages, stack, { sizes: SETTINGS.scaleDemos, runs: SETTINGS.scaleRuns, cpuSlowdown: SETTINGS.cpuSlowdown });
  // The worker-side phases come after the page: they start a second wrangler dev and change
  // the simulator's demos, which the widget's runs must not meet.
  console.error('Floor…');
  const floor = await measureFloor(stack, load, SETTINGS.floor);
  load.stop();
  console.error('Scale, worker side…');
  const workerScale = await measureWorkerScale(stack, SETTINGS.workerScale).catch((error: unknown) => {
    console.error(error);
    return error instanceof Error ? error.message : String(error);
  });
  if (seeded) console.error('Scale, seller console…');
  const consoleScale = seedFailure ?? (seeded
    ? await measureConsoleScale(stack, browser, seeded, { ...SETTINGS.consoleScale, cpuSlowdown: SETTINGS.cpuSlowdown }).catch((error: unknown) => {
        console.error(error);
        return error instanceof Error ? error.message : String(error);
      })
    : undefined);

  const seconds = Math.round((Date.now() - began) / 1000);
  return [
    `popin-booking bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds} s`,
    machine,
    '',
    `1. Proxy overhead: booking sequence (general slots, capture, customer slots, register, cancel), straight to`,
    `   Popin (simulator) vs through the worker (wrangler dev), ${SETTINGS.proxySeconds} s each in two halves (direct, worker, worker, direct),`,
    `   all steps pooled; latency of 2xx answers as autocannon sees them; "failed" counts non-2xx answers and errors.`,
    proxyTable(proxy),
    '',
    proxyStepTable(proxy),
    '',
    `2. Upstream savings: GET /v1/sites/demo/slots (no token) through the worker.`,
    upstreamTable(upstream, SETTINGS.upstreamLatencyMs),
    '',
    upstreamCpuTable(upstream),
    '',
    `2b. Floor: a minimal Hono worker with one JSON route (scripts/bench/floor-worker, the same slots body), under`,
    `   wrangler dev like ours, measured back to back with ours in this run (latency: ours, floor, floor, ours).`,
    floorTable(floor, proxy.find((row) => row.connections === 1 && row.popinLatencyMs === 0)?.worker.stepP50),
    '',
    `2c. Scale, worker side: a seller with 10, 50 and 200 demos, a customer with 1 and 20 bookings (scripts/bench/scale-worker.ts),`,
    `   ${SETTINGS.workerScale.requests} requests one at a time per line, p50; per added item = (at N − at the smallest N) / the items added.`,
    typeof workerScale === 'string' ? `(scale, worker side: FAILED: ${workerScale})` : workerScaleTable(workerScale),
    '',
    ...(consoleScale === undefined
      ? ['2d. Scale, seller console: not run (--worker-only).', '']
      : typeof consoleScale === 'string'
        ? [`2d. Scale, seller console: FAILED: ${consoleScale}`, '']
        : [
            `2d. Scale, seller console: a site with N leads (one booking each, over the past year) and N 10times registrations,`,
            `   written by the seed worker through the objects' own methods (scripts/bench/scale-console.ts; ${
              consoleScale.seeded.cached ? `cached, seeded ${new Date(consoleScale.seeded.seededAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` : `seeded in ${Math.round(consoleScale.seeded.seconds)} s`
            }; measured in ${Math.round(consoleScale.measureSeconds)} s).`,
            `   API: operator key, one request at a time, p50 of ${SETTINGS.consoleScale.requests} (CSV: median of ${SETTINGS.consoleScale.runs}, 1 at 100,000). Pages: Chromium, CPU ${SETTINGS.cpuSlowdown}× slower,`,
            `   cold cache, signed in, navigation start → the frame after the rows are in the page, median of ${SETTINGS.consoleScale.runs}.`,
            consoleScaleTable(consoleScale),
            '',
          ]),
    ...(widget && scale
      ? [
          `3. Widget on the demo shop page: Chromium, CPU ${SETTINGS.cpuSlowdown}× slower, 1280×900 viewport, cold cache, ${SETTINGS.pageRuns} runs each, medians.`,
          `   Times from navigation start. Bytes as received (headers + body) on loopback; content encodings: ${widgetEncodings(widget)}.`,
          widgetPageTable(widget),
          '',
          `Scale: the widget with N demos on the same page, CPU ${SETTINGS.cpuSlowdown}× slower, cold cache, ${SETTINGS.scaleRuns} runs each, medians.`,
          widgetScaleTable(scale, SETTINGS.scaleDemos),
        ]
      : ['3. Widget on the demo shop page and with N demos: not run (--worker-only).']),
  ].join('\n');
}

function writeBenchmarksMd(report: string): void {
  const doc = readFileSync(BENCHMARKS_MD, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`BENCHMARKS.md has no ${START} … ${END} markers`);
  writeFileSync(BENCHMARKS_MD, `${doc.slice(0, start + START.length)}\n\`\`\`text\n${report}\n\`\`\`\n${doc.slice(end)}`);
  console.error('BENCHMARKS.md updated.');
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${SETTINGS.watchdogMs / 1000} s, stopping.`);
  void stopEverything().finally(() => process.exit(1));
}, SETTINGS.watchdogMs);
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`bench: ${signal}, stopping.`);
    void stopEverything().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  const report = await main();
  console.log(report);
  if (process.argv.includes('--write')) writeBenchmarksMd(report);
} catch (error) {
  // Once interrupted, the phases fail because their processes are gone: that is not news.
  if (!interrupted) console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await stopEverything();
}
