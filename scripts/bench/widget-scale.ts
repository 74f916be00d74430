// How the widget's cost grows with the seller's demos: the demo shop page with 10, 50 and 200
// upcoming demos (set on the Popin simulator, served through the worker as always), in Chromium
// at the bench's CPU slowdown, cold cache. Per size: the time from the slots answer to the frame
// that paints the list (on a first load this includes the page's one-off costs: the list chunk,
// the browser's first Intl formatter), the longest task from the answer on, a reload of the list
// (what follows each booking: request, parse, render, layout) and one update of the element
// (every state change re-renders the list: Lit re-evaluates its template for each demo).
import type { Browser } from 'playwright-core';
import type { Stack } from '../../demo/stack';
import { DESKTOP } from '../../test/e2e/browser';
import type { SellerPages } from './seller-pages';
import { median, num, ratio, table } from './stats';
import { evaluate, OBSERVERS } from './widget-page';

export interface WidgetScaleOptions {
  sizes: number[];
  runs: number;
  cpuSlowdown: number;
}

export interface ScaleRun {
  demos: number;
  /** From the end of the slots answer to the frame that shows the list. */
  renderMs: number;
  /** The longest task from the slots answer on, until the page settles. */
  longestTaskMs: number;
  /** A reload of the list (what follows every booking and cancel): request, parse, render, layout; median of 3. */
  reloadMs: number;
  /** One update of the element (requestUpdate → updateComplete → layout), median of 5. */
  updateMs: number;
}

const MINUTE = 60_000;

/** N upcoming demos of 15 minutes, one an hour from the next hour on, for the simulator's seller. */
function setDemos(stack: Stack, n: number): void {
  const seller = stack.simulator.state.sellers.get('seller-demo');
  if (!seller) throw new Error('the Popin simulator has no seller-demo');
  const first = Math.ceil(Date.now() / (60 * MINUTE)) * 60 * MINUTE + 60 * MINUTE;
  seller.isDefault = false;
  seller.events = Array.from({ length: n }, (_, i) => ({
    id: 50_000 + i,
    name: `Product demo ${i + 1}`,
    room: `bench-${i}`,
    start: new Date(first + i * 60 * MINUTE),
    end: new Date(first + i * 60 * MINUTE + 15 * MINUTE),
  }));
}

/** Waits until the worker's shared slots copy has the new demos (it is refreshed every few seconds). */
async function untilServed(stack: Stack, n: number, origin: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.workerUrl}/v1/sites/demo/slots`, { headers: { Origin: origin } });
    const body = (await response.json()) as { events?: unknown[] };
    if (body.events?.length === n) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the worker did not serve ${n} demos within 20 s`);
}

const MEASURE = `(async () => {
  const el = document.querySelector('popin-booking');
  const slots = performance.getEntriesByType('resource').find((e) => e.name.includes('/slots'));
  const answered = slots ? slots.responseEnd : NaN;
  const shown = el.shadowRoot.querySelectorAll('[part~="slot"]').length;
  const tasks = (await window.__bench.timeline()).longTasks.filter((t) => t.start + t.duration >= answered).map((t) => t.duration);
  const updates = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    el.requestUpdate();
    await el.updateComplete;
    el.getBoundingClientRect();
    updates.push(performance.now() - start);
  }
  updates.sort((a, b) => a - b);
  const reloads = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    await el.slots.run();
    await el.updateComplete;
    el.getBoundingClientRect();
    reloads.push(performance.now() - start);
  }
  reloads.sort((a, b) => a - b);
  return { renderMs: window.__bench.slotList - answered, longestTaskMs: Math.max(0, ...tasks), reloadMs: reloads[1], updateMs: updates[2], shown };
})()`;

async function measureOnce(browser: Browser, pages: SellerPages, demos: number, cpuSlowdown: number): Promise<ScaleRun> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.goto(pages.withWidgetUrl, { waitUntil: 'load' });
    await Promise.race([
      evaluate(cdp, 'window.__bench.listPainted'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the slot list did not paint within 30 s')), 30_000)),
    ]);
    // The work queued after the first paint (the form's prefetch at idle time) runs before the updates are timed.
    await page.waitForTimeout(1500);
    const seen = await evaluate<Omit<ScaleRun, 'demos'> & { shown: number }>(cdp, MEASURE);
    if (seen.shown !== demos) throw new Error(`the widget shows ${seen.shown} demos, not ${demos}`);
    return { demos, renderMs: seen.renderMs, longestTaskMs: seen.longestTaskMs, reloadMs: seen.reloadMs, updateMs: seen.updateMs };
  } finally {
    await context.close();
  }
}

export async function measureWidgetScale(browser: Browser, pages: SellerPages, stack: Stack, options: WidgetScaleOptions): Promise<ScaleRun[]> {
  const runs: ScaleRun[] = [];
  try {
    for (const n of options.sizes) {
      setDemos(stack, n);
      await untilServed(stack, n, pages.origin);
      for (let i = 0; i < options.runs; i++) runs.push(await measureOnce(browser, pages, n, options.cpuSlowdown));
      console.error(`  widget scale: ${n} demos: render ${num(median(runs.filter((r) => r.demos === n).map((r) => r.renderMs)), 0)} ms`);
    }
  } finally {
    // Back to the seeded demos (and registrations) for whatever runs next.
    stack.simulator.reset();
  }
  return runs;
}

export function widgetScaleTable(runs: ScaleRun[], sizes: number[]): string {
  const m = (n: number, pick: (r: ScaleRun) => number) => median(runs.filter((r) => r.demos === n).map(pick));
  const small = sizes[0]!;
  const large = sizes.at(-1)!;
  const row = (label: string, pick: (r: ScaleRun) => number) => {
    const perItem = (m(large, pick) - m(small, pick)) / (large - small);
    return [label, ...sizes.map((n) => `${num(m(n, pick), 1)} ms`), `${num(perItem, 2)} ms`, ratio(m(large, pick), m(small, pick))];
  };
  return table(
    ['Widget with N demos (medians)', ...sizes.map((n) => `${n} demos`), `per demo (${small}→${large})`, `${large}:${small}`],
    [
      row('First load: slots answer → list painted', (r) => r.renderMs),
      row('Longest task from the answer on', (r) => r.longestTaskMs),
      row('Reload of the list (after a booking)', (r) => r.reloadMs),
      row('One update of the element', (r) => r.updateMs),
    ],
  );
}
