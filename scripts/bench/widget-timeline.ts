// When each part of the widget's first load happens, without a tracer's overhead: loads the demo
// shop page (CPU slowdown as the bench) a few times and prints, per run, the resource timings of
// widget.js, its chunks and the slots call, the long tasks, FCP and the moment the list painted.
//   npx tsx scripts/bench/widget-timeline.ts [--runs 3] [--slowdown 4] [--hints]
import { DESKTOP } from '../../test/e2e/browser';
import { OBSERVERS, evaluate } from './widget-page';
import { startWidgetTools } from './widget-tools';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const SLOWDOWN = Number(arg('--slowdown') ?? 4);
const RUNS = Number(arg('--runs') ?? 3);

const COLLECT = `(async () => {
  const b = window.__bench;
  const t = await b.timeline();
  const short = (u) => u.replace(/^https?:\\/\\/[^/]+/, '').replace(/-[\\w-]{6,}\\.js$/, '.js').replace(/\\?.*$/, '');
  const resources = performance.getEntriesByType('resource').map((e) => ({ name: short(e.name), start: e.startTime, end: e.responseEnd }));
  const marks = performance.getEntriesByType('mark').map((e) => ({ name: e.name, at: e.startTime }));
  return { fcp: t.fcp, list: b.slotList, defined: b.defined, longTasks: t.longTasks, resources, marks };
})()`;

const { pages, browser, close } = await startWidgetTools();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const url of [pages.plainUrl, process.argv.includes('--hints') ? pages.withHintsUrl : pages.withWidgetUrl]) {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
      const page = await context.newPage();
      await page.addInitScript(OBSERVERS);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
      await page.goto(url, { waitUntil: 'load' });
      // Through CDP, as the bench: Playwright's own evaluate would add a long task of its own.
      if (url !== pages.plainUrl) await evaluate(cdp, 'window.__bench.listPainted');
      await page.waitForTimeout(1500);
      const seen = (await evaluate(cdp, COLLECT)) as {
        fcp: number; list?: number; defined?: number;
        longTasks: Array<{ start: number; duration: number }>;
        resources: Array<{ name: string; start: number; end: number }>;
        marks: Array<{ name: string; at: number }>;
      };
      const f = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(0).padStart(5));
      console.log(`\n${url === pages.plainUrl ? 'plain ' : 'widget'} run ${run + 1}: FCP ${f(seen.fcp)}  defined ${f(seen.defined)}  list ${f(seen.list)}`);
      for (const r of seen.resources) console.log(`   res  ${f(r.start)} → ${f(r.end)}  ${r.name}`);
      for (const m of seen.marks) console.log(`   mark ${f(m.at)}          ${m.name}`);
      for (const t of seen.longTasks) console.log(`   task ${f(t.start)} → ${f(t.start + t.duration)}  (${t.duration.toFixed(0)} ms)`);
      await context.close();
    }
  }
} finally {
  await close();
}
