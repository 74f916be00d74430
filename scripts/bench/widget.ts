// Only the widget's sections of `npm run bench` (the widget on a seller's page, and the widget's
// lines of the scale section), for working on the widget without the proxy phases' minutes.
//   npm run build && npx tsx scripts/bench/widget.ts [--quick] [--runs N] [--no-page] [--no-scale]
// Same phases, same settings as index.ts; the figures are comparable only within one run.
import { chromium } from 'playwright-core';
import { startStack } from '../../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { describeMachine } from './machine';
import { startSellerPages } from './seller-pages';
import { measureWidgetPage, widgetEncodings, widgetPageTable } from './widget-page';
import { measureWidgetScale, widgetScaleTable } from './widget-scale';

const QUICK = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : QUICK ? 1 : 5;
const CPU_SLOWDOWN = 4;
const SCALE_SIZES = [10, 50, 200];
const NO_SCALE = process.argv.includes('--no-scale');
const NO_PAGE = process.argv.includes('--no-page');

const pages = await startSellerPages();
const stack = await startStack({
  workerPort: 0,
  simulatorPort: 0,
  demoPort: false,
  extraOrigins: [pages.origin],
  siteSettings: { limits: { customersPerMinute: 1_000_000, registrationsPerMinute: 1_000_000, slotsPerMinute: 1_000_000 } },
});
pages.setWorkerUrl(stack.workerUrl);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const machine = describeMachine(browser.version());
  const lines = [machine];
  if (!NO_PAGE) {
    const widget = await measureWidgetPage(browser, pages, { runs: RUNS, cpuSlowdown: CPU_SLOWDOWN });
    lines.push(
      `Widget on the demo shop page: Chromium, CPU ${CPU_SLOWDOWN}× slower, 1280×900 viewport, cold cache, ${RUNS} runs each, medians.`,
      `Content encodings: ${widgetEncodings(widget)}.`,
      widgetPageTable(widget),
    );
  }
  if (!NO_SCALE) {
    const scale = await measureWidgetScale(browser, pages, stack, { sizes: SCALE_SIZES, runs: QUICK ? 1 : 3, cpuSlowdown: CPU_SLOWDOWN });
    lines.push('', `Widget with N demos: the same page, CPU ${CPU_SLOWDOWN}× slower, cold cache, ${QUICK ? 1 : 3} runs each.`, widgetScaleTable(scale, SCALE_SIZES));
  }
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await stack.stop();
  await pages.close();
}
