// What the widget's long tasks are made of: loads the demo shop page once in Chromium at the
// bench's CPU slowdown with a performance trace and a CPU profile, then prints every main-thread
// task over 50 ms with what ran inside it (script evaluation, functions, style, layout) and where
// the CPU went by function. Optionally clicks "Book" first (--click) to see the form's tasks.
//   npx tsx scripts/bench/widget-trace.ts [--click] [--slowdown 4] [--over 50] [--json trace.json] [--no-profile]
// The CPU profile (200 µs samples) slows scripts down by a third or more: --no-profile for the
// tasks' true lengths, without the CPU by function.
// Not part of `npm run bench` (one run proves nothing about medians): it says what to fix.
import { writeFileSync } from 'node:fs';
import { DESKTOP } from '../../test/e2e/browser';
import { OBSERVERS, evaluate } from './widget-page';
import { startWidgetTools } from './widget-tools';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const SLOWDOWN = Number(arg('--slowdown') ?? 4);
const CLICK = process.argv.includes('--click');
/** Tasks longer than this many ms are printed (50: the long tasks). */
const OVER = Number(arg('--over') ?? 50);
const PROFILE = !process.argv.includes('--no-profile');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown>; name?: string };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const short = (url: unknown) => (typeof url === 'string' ? url.replace(/^https?:\/\/[^/]+/, '').replace(/-[\w-]{6,}\.js$/, '.js') : '');

function describe(e: TraceEvent): string {
  const d = e.args?.data ?? {};
  const where = short(d.url ?? d.scriptName ?? (d.stackTrace as Array<{ url: string }> | undefined)?.[0]?.url);
  const fn = typeof d.functionName === 'string' && d.functionName ? ` ${d.functionName}` : '';
  return `${e.name}${fn}${where ? ` ${where}` : ''}`;
}

async function main(): Promise<void> {
  const { pages, browser, close } = await startWidgetTools();
  try {

    const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await browser.startTracing(page, {
      categories: ['blink.user_timing', 'fonts', 'disabled-by-default-fonts', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink', 'toplevel', 'loading'],
    });
    await page.goto(pages.withWidgetUrl, { waitUntil: 'load' });
    // Through CDP, as the bench: Playwright's own evaluate would add a long task of its own.
    const listPainted = await evaluate<number>(cdp, 'window.__bench.listPainted');
    await page.waitForTimeout(2500);
    if (CLICK) {
      await evaluate(cdp, `document.querySelector('popin-booking').shadowRoot.querySelector('[part~="book"]').click()`);
      await evaluate(cdp, `new Promise((resolve) => { const root = document.querySelector('popin-booking').shadowRoot; const watch = () => (root.querySelector('[part~="form"]') ? resolve() : requestAnimationFrame(watch)); watch(); })`);
      await page.waitForTimeout(1000);
    }
    const buffer = await browser.stopTracing();
    type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
    const { profile } = PROFILE ? ((await cdp.send('Profiler.stop')) as { profile: Profile }) : { profile: { nodes: [], startTime: 0, samples: [], timeDeltas: [] } as Profile };
    const json = arg('--json');
    if (json) writeFileSync(json, buffer);
    const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;

    // The renderer's main thread: the thread that ran the page's scripts.
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'EvaluateScript'));
    if (!main) throw new Error('no renderer main thread in the trace');
    const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
    const nav = events.find((e) => e.name === 'navigationStart' && e.pid === main.pid)?.ts ?? onMain[0]!.ts;
    const tasks = onMain.filter((e) => e.name === 'RunTask' && e.dur! > OVER * 1000);

    // CPU samples by function, to attribute time inside each task.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const samples: Array<{ ts: number; node: ProfileNode; dt: number }> = [];
    let ts = profile.startTime;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i + 1] ?? 0;
      ts += profile.timeDeltas[i]!;
      samples.push({ ts, node: byId.get(id)!, dt });
    });

    console.log(`Tasks over ${OVER} ms on the page's main thread, CPU ${SLOWDOWN}× slower${CLICK ? ', with a click on Book' : ''}; times from navigation start:`);
    for (const task of tasks) {
      console.log(`\n● ${((task.ts - nav) / 1000).toFixed(0)} ms: task of ${(task.dur! / 1000).toFixed(1)} ms`);
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && e.dur! >= 3000);
      const seen = new Set<string>();
      for (const e of inside) {
        if (!/EvaluateScript|v8\.compile|v8\.evaluateModule|v8\.run|FunctionCall|TimerFire|FireAnimationFrame|RunMicrotasks|Layout|UpdateLayoutTree|Paint|ParseHTML|ParseAuthorStyleSheet|PrePaint|Commit|HitTest|EventDispatch|V8\.GC|MajorGC|MinorGC|ScheduleStyleRecalculation|v8\.produce|ResourceReceivedData|XHR|v8.parseOnBackground|CompileScript|EvaluateModule/.test(e.name)) continue;
        const line = `   ${((e.ts - task.ts) / 1000).toFixed(0).padStart(4)} +${(e.dur! / 1000).toFixed(1).padStart(6)} ms  ${describe(e)}`;
        if (!seen.has(line)) console.log(line);
        seen.add(line);
      }
      const self = new Map<string, number>();
      for (const s of samples) {
        if (s.ts < task.ts || s.ts > task.ts + task.dur!) continue;
        const f = s.node.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${short(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`.trim();
        self.set(key, (self.get(key) ?? 0) + s.dt);
      }
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
      if (PROFILE) console.log('   CPU by function (self time):');
      for (const [key, us] of top) console.log(`     ${(us / 1000).toFixed(1).padStart(6)} ms  ${key}`);
    }
    const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === main.pid);
    if (fcp) console.log(`\nFirst contentful paint at ${((fcp.ts - nav) / 1000).toFixed(0)} ms`);
    console.log(`Slot list painted at ${listPainted.toFixed(0)} ms (performance.now())`);
  } finally {
    await close();
  }
}

await main();
