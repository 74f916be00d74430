// The widget on a seller's page: the demo shop page without and with the widget, in headless
// Chromium with the CPU slowed down like a mid-range phone, each from a cold cache. Times come
// from the page's own performance timeline; bytes from what the network stack received.
import type { Browser, CDPSession } from 'playwright-core';
import { DESKTOP } from '../../test/e2e/browser';
import type { SellerPages } from './seller-pages';
import { kb, median, num, ratio, table } from './stats';

export interface WidgetPageOptions {
  runs: number;
  cpuSlowdown: number;
}

export interface PageRun {
  firstContentfulPaint: number;
  loadEvent: number;
  /** performance.now() of the first frame in which the slot list is on screen (widget page only). */
  slotListPainted?: number;
  /** Sum over long tasks of their time beyond 50 ms, until the page settles. */
  totalBlockingTime: number;
  longestTask: number;
  /** Widget page only: the same over the widget's tasks (those still running when or after widget.js starts). */
  widgetBlockingTime?: number;
  widgetLongestTask?: number;
  /** Widget page only, when widget.js ran inside a long task (the page's own, at the end of its parse): that task, and widget.js's evaluation in it. */
  moduleTask?: number;
  moduleEvaluation?: number;
  /** Widget page only, when a long animation frame attributed it: the element chunk's evaluation (the loader's import). */
  elementEvaluation?: number;
  /** Widget page only: the longest of the widget's tasks other than that one. */
  widgetLongestOther?: number;
  layoutShift: number;
  bytesFirstLoad: number;
  requestsFirstLoad: number;
  /** Widget page only: from the click on "Book" until the form is on screen, and the bytes that fetched. */
  formOpenMs?: number;
  bytesFormOpen?: number;
  requestsFormOpen?: number;
  /** Widget page only: the form's chunks (booking, account, phone) fetched before the click, and when the first was requested (ms after the list painted). */
  bytesFormPrefetched?: number;
  formPrefetchAfterListMs?: number;
  /** How the worker's script files arrived, e.g. "widget.js gzip". */
  encodings: string[];
}

/**
 * Installed before any page script, and as light as it can be: the bench's own work on the page's
 * main thread would be counted as the widget's. It records when the element is defined and when
 * the slot list first paints, into window.__bench (in a function, so that nothing else lands in
 * the page's global scope). The list is seen by a MutationObserver on the widget's shadow root,
 * then one requestAnimationFrame: a frame-by-frame watch made the browser run a frame every
 * 16 ms, most with nothing to draw. The long tasks, layout shifts and long animation frames are
 * read once the page has settled, from the browser's buffers (bench.timeline), not observed while
 * it loads. Together they cost 30-100 ms of the main thread at 4x before the list painted
 * (traces in BENCHMARKS.md, round 6).
 */
export const OBSERVERS = `(() => {
  const bench = (window.__bench = { slotList: undefined, defined: undefined });
  let listPainted;
  bench.listPainted = new Promise((resolve) => (listPainted = resolve));
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ...rest) => {
    if (name === 'popin-booking') bench.defined ??= performance.now();
    return define(name, ...rest);
  };
  // The frame after the one in which the list first exists is the one that paints it.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === 'popin-booking' && !bench.watching) {
      bench.watching = true;
      const watch = new MutationObserver(() => {
        if (!root.querySelector('[part~="list"]')) return;
        watch.disconnect();
        requestAnimationFrame(() => listPainted((bench.slotList = performance.now())));
      });
      watch.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
  // What the browser buffered of each type (up to 150-200 entries each), read after the load.
  const buffered = (type) => new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => (observer.disconnect(), resolve(list.getEntries())));
    observer.observe({ type, buffered: true });
    setTimeout(() => (observer.disconnect(), resolve([])), 250);
  });
  bench.timeline = async () => {
    const [longTasks, shifts, frames] = await Promise.all(['longtask', 'layout-shift', 'long-animation-frame'].map(buffered));
    const seen = {
      longTasks: longTasks.map((e) => ({ start: e.startTime, duration: e.duration })),
      layoutShift: shifts.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      moduleScript: undefined,
      elementScript: undefined,
    };
    // The browser's own attribution of a long frame's scripts: how long widget.js's evaluation ran,
    // within the page's task that ran it (for a deferred module, the page's end of parse).
    for (const s of frames.flatMap((f) => f.scripts)) {
      if (s.invokerType === 'module-script' && s.sourceURL.endsWith('/widget.js')) seen.moduleScript ??= { start: s.startTime, duration: s.duration };
      // The element's chunk, which the loader imports (its evaluation is a task of its own).
      if (/\\/chunks\\/element-[^/]*\\.js$/.test(s.sourceURL)) seen.elementScript ??= { start: s.startTime, duration: s.duration };
    }
    return seen;
  };
})();`;

/**
 * Clicks the first "Book" button and resolves with the milliseconds until the form is on screen.
 * A string, because tsx would wrap named functions in a helper the page does not have.
 */
const OPEN_FORM = `new Promise((resolve, reject) => {
  const root = document.querySelector('popin-booking')?.shadowRoot;
  const book = root?.querySelector('[part~="book"]');
  if (!root || !book) return reject(new Error('no Book button in the widget'));
  const start = performance.now();
  // As the list's (OBSERVERS): the frame after the form first exists, without a frame-by-frame watch.
  const watch = new MutationObserver(() => {
    if (!root.querySelector('[part~="form"]')) return;
    watch.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  watch.observe(root, { childList: true, subtree: true });
  book.click();
})`;

/** Counts bytes received (encodedDataLength: headers and body as on the wire) and in-flight requests. */
class NetworkMeter {
  bytes = 0;
  requests = 0;
  /** Content-Encoding of each file the worker served (widget.js and its chunks), by file name. */
  readonly encodings = new Map<string, string>();
  /** Bytes of the form's chunks (booking, account, phone) received so far. */
  formBytes = 0;
  private formRequests = new Set<string>();
  private inFlight = new Set<string>();
  private lastActivity = Date.now();

  constructor(cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      this.inFlight.add(e.requestId);
      if (/\/chunks\/(booking|account|phone)-/.test(e.request.url)) this.formRequests.add(e.requestId);
      this.lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const file = /\/(widget\.js|chunks\/[^/?]+)$/.exec(new URL(e.response.url).pathname)?.[1];
      if (file) this.encodings.set(file, (e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none') as string);
    });
    cdp.on('Network.loadingFinished', (e) => {
      this.bytes += e.encodedDataLength;
      if (this.formRequests.has(e.requestId)) this.formBytes += e.encodedDataLength;
      this.requests += 1;
      this.done(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => this.done(e.requestId));
  }

  private done(id: string) {
    this.inFlight.delete(id);
    this.lastActivity = Date.now();
  }

  /** Resolves once nothing has been in flight for quietMs. */
  async quiet(quietMs = 500, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.inFlight.size === 0 && Date.now() - this.lastActivity >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`network still busy after ${timeoutMs} ms`);
  }

  take(): { bytes: number; requests: number } {
    const taken = { bytes: this.bytes, requests: this.requests };
    this.bytes = 0;
    this.requests = 0;
    return taken;
  }
}

interface Collected {
  longTasks: Array<{ start: number; duration: number }>;
  /** widget.js's evaluation, when it ran in a long animation frame (scripts of 5 ms or more). */
  moduleScript?: { start: number; duration: number };
  /** The element chunk's evaluation (chunks/element-*.js, imported by the loader), likewise. */
  elementScript?: { start: number; duration: number };
  /** When the loader asked for the element's chunk: widget.js was running. */
  elementRequested?: number;
  layoutShift: number;
  fcp: number;
  slotList?: number;
  defined?: number;
  load: number;
  /** The form's chunks fetched so far: when each was requested and its bytes. */
  formChunks: Array<{ start: number }>;
}

/**
 * Evaluates an expression through CDP rather than Playwright's evaluate or waitForFunction: those
 * install Playwright's own scripts in the page, a long task of their own at 4× slowdown that the
 * widget page would be charged for.
 */
export async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

const COLLECT = `(async () => {
  const b = window.__bench;
  const t = await b.timeline();
  const nav = performance.getEntriesByType('navigation')[0];
  const formChunks = performance
    .getEntriesByType('resource')
    .filter((e) => /\\/chunks\\/(booking|account|phone)-/.test(e.name))
    .map((e) => ({ start: e.startTime }));
  const element = performance.getEntriesByType('resource').find((e) => /\\/chunks\\/element-/.test(e.name));
  return { longTasks: t.longTasks, moduleScript: t.moduleScript, elementScript: t.elementScript, elementRequested: element && element.startTime, layoutShift: t.layoutShift, fcp: t.fcp, slotList: b.slotList, defined: b.defined, load: nav ? nav.loadEventEnd : NaN, formChunks };
})()`;

const blocking = (tasks: Array<{ duration: number }>) => tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);

async function measureOnce(browser: Browser, url: string, withWidget: boolean, options: WidgetPageOptions): Promise<PageRun> {
  // A new context each run: cold HTTP cache and empty localStorage, as on a first visit.
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
    const network = new NetworkMeter(cdp);

    await page.goto(url, { waitUntil: 'load' });
    if (withWidget) {
      const painted = evaluate<number>(cdp, 'window.__bench.listPainted');
      const late = new Promise((_, reject) =>
        setTimeout(async () => {
          const shown = await evaluate<string>(cdp, `document.querySelector('popin-booking')?.shadowRoot?.innerHTML.slice(0, 400) ?? 'no shadow root'`).catch(String);
          reject(new Error(`the slot list did not paint within 30 s; the widget shows: ${shown}`));
        }, 30_000),
      );
      await Promise.race([painted, late]);
    }
    await network.quiet();
    // Let any work the first paint queued run (the form's prefetch at idle time included), so
    // its long tasks and shifts are counted.
    await page.waitForTimeout(500);
    await network.quiet();
    const firstLoad = network.take();
    const seen = await evaluate<Collected>(cdp, COLLECT);
    // From widget.js's evaluation when a long frame attributed it (5 ms or more), else from its
    // first task after it: the element's request, or the definition (a build without a loader).
    const started = Math.min(seen.moduleScript?.start ?? Infinity, seen.elementRequested ?? Infinity, seen.defined ?? Infinity);
    const widgetTasks = seen.longTasks.filter((t) => t.start + t.duration >= started);
    const run: PageRun = {
      firstContentfulPaint: seen.fcp,
      loadEvent: seen.load,
      slotListPainted: seen.slotList,
      totalBlockingTime: blocking(seen.longTasks),
      longestTask: Math.max(0, ...seen.longTasks.map((t) => t.duration)),
      layoutShift: seen.layoutShift,
      bytesFirstLoad: firstLoad.bytes,
      requestsFirstLoad: firstLoad.requests,
      encodings: [],
    };
    if (withWidget) {
      run.widgetBlockingTime = blocking(widgetTasks);
      run.widgetLongestTask = Math.max(0, ...widgetTasks.map((t) => t.duration));
      const script = seen.moduleScript;
      const moduleTask = script && widgetTasks.find((t) => t.start <= script.start + 1 && script.start <= t.start + t.duration);
      run.moduleTask = moduleTask?.duration;
      run.moduleEvaluation = moduleTask && script.duration;
      run.elementEvaluation = seen.elementScript?.duration;
      run.widgetLongestOther = Math.max(0, ...widgetTasks.filter((t) => t !== moduleTask).map((t) => t.duration));
      run.bytesFormPrefetched = network.formBytes;
      run.formPrefetchAfterListMs = seen.formChunks.length ? Math.min(...seen.formChunks.map((c) => c.start)) - seen.slotList! : undefined;
      // The first "Book" button: the form, its chunks and libphonenumber-js load now unless prefetched.
      run.formOpenMs = await evaluate<number>(cdp, OPEN_FORM);
      await network.quiet();
      const formOpen = network.take();
      run.bytesFormOpen = formOpen.bytes;
      run.requestsFormOpen = formOpen.requests;
    }
    run.encodings = [...network.encodings].map(([file, encoding]) => `${file.replace(/-[\w-]{6,}\.js$/, '-*.js')} ${encoding}`);
    return run;
  } finally {
    await context.close();
  }
}

export interface WidgetPageResult {
  plain: PageRun[];
  widget: PageRun[];
  /** The widget page with preconnect and modulepreload in its <head>. */
  hinted: PageRun[];
}

/**
 * A run again, once, when its list never painted: on this busy machine `wrangler dev` sometimes
 * leaves one slots request unanswered for 30 s (seen before and after the widget's changes).
 */
async function measureRetried(browser: Browser, url: string, withWidget: boolean, options: WidgetPageOptions): Promise<PageRun> {
  try {
    return await measureOnce(browser, url, withWidget, options);
  } catch (error) {
    console.error(`  widget page: run failed, trying again once: ${(error as Error).message.slice(0, 200)}`);
    return measureOnce(browser, url, withWidget, options);
  }
}

export async function measureWidgetPage(browser: Browser, pages: SellerPages, options: WidgetPageOptions): Promise<WidgetPageResult> {
  // Warm-up (not reported): the worker's first /widget.js and Chromium's first pages.
  await measureOnce(browser, pages.plainUrl, false, options);
  await measureOnce(browser, pages.withWidgetUrl, true, options);
  const result: WidgetPageResult = { plain: [], widget: [], hinted: [] };
  for (let i = 0; i < options.runs; i++) {
    // Interleaved, so all pages see the same machine.
    result.plain.push(await measureRetried(browser, pages.plainUrl, false, options));
    result.widget.push(await measureRetried(browser, pages.withWidgetUrl, true, options));
    result.hinted.push(await measureRetried(browser, pages.withHintsUrl, true, options));
    console.error(`  widget page: run ${i + 1}/${options.runs}: slot list at ${num(result.widget.at(-1)!.slotListPainted ?? Number.NaN, 0)} ms`);
  }
  return result;
}

/** How the widget's files arrived over the wire, from the runs (the same every run unless the worker changes). */
export function widgetEncodings({ widget }: WidgetPageResult): string {
  return [...new Set(widget.flatMap((r) => r.encodings))].sort().join(', ') || 'none seen';
}

export function widgetPageTable({ plain, widget, hinted }: WidgetPageResult): string {
  const m = (runs: PageRun[], pick: (r: PageRun) => number | undefined) => median(runs.map(pick).filter((v): v is number => v !== undefined));
  const ms = (v: number) => `${num(v, 0)} ms`;
  const worst = (runs: PageRun[], pick: (r: PageRun) => number | undefined) => Math.max(...runs.map(pick).filter((v): v is number => v !== undefined));
  const row = (label: string, pick: (r: PageRun) => number | undefined, format: (v: number) => string, diff = true) => {
    const a = m(plain, pick);
    const b = m(widget, pick);
    const delta = b - a;
    return [label, format(a), format(b), diff ? `${delta > 0 ? '+' : ''}${format(delta)}` : '', diff ? ratio(b, a) : '', `${format(worst(plain, pick))} / ${format(worst(widget, pick))}`];
  };
  const onlyWidget = (label: string, pick: (r: PageRun) => number | undefined, format: (v: number) => string) => [label, '—', format(m(widget, pick)), '', '', `— / ${format(worst(widget, pick))}`];
  const listVsFcp = m(widget, (r) => r.slotListPainted) / m(plain, (r) => r.firstContentfulPaint);
  // Each widget run against the plain run just before it (the machine's load drifts between runs):
  // the median of those ratios, beside the ratio of the medians.
  const runByRun = (runs: PageRun[]) => median(runs.map((r, i) => r.slotListPainted! / plain[i]!.firstContentfulPaint));
  return table(
    ['Seller page (medians)', 'plain page', 'with widget', 'difference', 'ratio', 'worst run (plain / widget)'],
    [
      row('First contentful paint', (r) => r.firstContentfulPaint, ms),
      row('Load event', (r) => r.loadEvent, ms),
      [...onlyWidget('Slot list painted', (r) => r.slotListPainted, ms).slice(0, 3), '', `${num(listVsFcp, 2)}× plain FCP (run by run ${num(runByRun(widget), 2)}×)`, `— / ${ms(worst(widget, (r) => r.slotListPainted))}`],
      onlyWidget("  after the widget page's own FCP", (r) => r.slotListPainted! - r.firstContentfulPaint, ms),
      [
        '  with preconnect + modulepreload',
        '—',
        ms(m(hinted, (r) => r.slotListPainted)),
        '',
        `${num(m(hinted, (r) => r.slotListPainted) / m(plain, (r) => r.firstContentfulPaint), 2)}× plain FCP (run by run ${num(runByRun(hinted), 2)}×)`,
        `— / ${ms(worst(hinted, (r) => r.slotListPainted))}`,
      ],
      row('Total blocking time', (r) => r.totalBlockingTime, ms),
      onlyWidget("  of which the widget's tasks", (r) => r.widgetBlockingTime, ms),
      row('Longest task', (r) => r.longestTask, ms),
      onlyWidget("Longest task of the widget's", (r) => r.widgetLongestTask, ms),
      onlyWidget(`  the long task that ran widget.js (${widget.filter((r) => r.moduleTask !== undefined).length} of ${widget.length} runs)`, (r) => r.moduleTask, ms),
      onlyWidget("    of which widget.js's evaluation", (r) => r.moduleEvaluation, ms),
      onlyWidget("  longest of the widget's other tasks", (r) => r.widgetLongestOther, ms),
      onlyWidget(`    of which the element chunk's evaluation (${widget.filter((r) => r.elementEvaluation !== undefined).length} of ${widget.length} runs)`, (r) => r.elementEvaluation, ms),
      row('Layout shift (CLS)', (r) => r.layoutShift, (v) => num(v, 3), false),
      row('Bytes, first load', (r) => r.bytesFirstLoad, kb),
      onlyWidget("  of which the form's prefetch", (r) => r.bytesFormPrefetched, kb),
      row('Requests, first load', (r) => r.requestsFirstLoad, (v) => num(v, 0)),
      onlyWidget('Form chunks requested (after list paint)', (r) => r.formPrefetchAfterListMs, (v) => (Number.isFinite(v) ? `+${num(v, 0)} ms` : 'on click')),
      onlyWidget('Booking form open (click → form)', (r) => r.formOpenMs, ms),
      onlyWidget('Bytes when the form opens', (r) => r.bytesFormOpen, kb),
      onlyWidget('Requests when the form opens', (r) => r.requestsFormOpen, (v) => num(v, 0)),
    ],
  );
}
