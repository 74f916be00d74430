// What the browser's first use of something costs, step by step: loads a blank page in Chromium
// at the bench's CPU slowdown, runs each step (a JavaScript expression) in a task of its own, and
// prints each step's time over a few fresh pages. The order matters: a step pays for whatever
// shared data it is the first to load. This is how the Intl warm-up's steps (list/times.ts) were
// chosen. Not part of `npm run bench`.
//   npx tsx scripts/bench/first-use.ts "new Intl.Locale('und').maximize()" "new Intl.NumberFormat()" [--runs 5] [--slowdown 4]
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const RUNS = Number(arg('--runs') ?? 5);
const SLOWDOWN = Number(arg('--slowdown') ?? 4);
const steps = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!steps.length) throw new Error('give the steps to time, each a JavaScript expression');

const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title><p>blank</p>'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const times = steps.map(() => [] as number[]);
try {
  for (let run = 0; run < RUNS; run++) {
    // A new context each run: a new renderer process, so nothing is loaded yet.
    const context = await browser.newContext({ locale: 'en-IN', timezoneId: 'Asia/Kolkata' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    await page.goto(`${url}?${run}`);
    for (const [i, step] of steps.entries()) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: `(() => { const t = performance.now(); (0, eval)(${JSON.stringify(step)}); return performance.now() - t; })()`, returnByValue: true });
      times[i]!.push(result.value as number);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`ms per step, ${RUNS} fresh pages, CPU ${SLOWDOWN}× slower:`);
for (const [i, step] of steps.entries()) console.log(`${times[i]!.map((t) => t.toFixed(0).padStart(5)).join('')}   ${step}`);
