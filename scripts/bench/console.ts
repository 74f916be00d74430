// Only the seller console's scale phase of the bench (scale-console.ts), for work on the console
// or the ledger: `npm run build && npx tsx scripts/bench/console.ts [--reseed] [--runs N]`.
// It starts its own stack from the seeded sites (seeded first, or taken from the cache).
import { chromium } from 'playwright-core';
import { startStack } from '../../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { consoleScaleSites, consoleScaleTable, measureConsoleScale, seededConsoleState } from './scale-console';

const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const options = { leads: [1_000, 10_000, 100_000], outbox: [1_000, 10_000], requests: 10, runs, cpuSlowdown: 4 };
const seeded = await seededConsoleState(options, process.argv.includes('--reseed'));
console.error(seeded.cached ? `Seeded sites from the cache (${new Date(seeded.seededAt).toISOString()}).` : `Seeded in ${Math.round(seeded.seconds)} s.`);
const stack = await startStack({ workerPort: 0, simulatorPort: 0, demoPort: false, extraSites: consoleScaleSites(options), stateFrom: seeded.dir });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const result = await measureConsoleScale(stack, browser, seeded, options);
  console.log(`${consoleScaleTable(result)}\nMeasured in ${Math.round(result.measureSeconds)} s.`);
} finally {
  await browser.close();
  await stack.stop();
}
