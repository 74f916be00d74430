// Screenshots of every state of <popin-booking>, desktop and 375 px, light and dark,
// the way a seller embeds it: a page on another origin loading /widget.js from the worker.
//   npx vite build && npx tsx scripts/screenshots.ts [out-dir]   (default docs/screenshots)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startStack } from '../demo/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium';

const OUT = process.argv[2] ?? 'docs/screenshots';
// SCREENSHOTS_PORT lets a second checkout run this at the same time.
const PAGE_PORT = Number(process.env.SCREENSHOTS_PORT ?? 8799);

function hostPage(workerUrl: string, site: string, mode = 'inline'): string {
  const body =
    mode === 'floating'
      ? `<main><h1>Acme Gadgets</h1><p>Our shop page, with a floating “Book a demo” button.</p></main><popin-booking site="${site}" mode="floating"></popin-booking>`
      : mode === 'popup'
        ? `<main><h1>Acme Gadgets</h1><p><button data-popin-booking="${site}">Book a demo</button></p></main>`
        : `<main><popin-booking site="${site}"></popin-booking></main>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Seller page</title>
<style>
  body { margin: 0; padding: 2rem 1rem; font-family: Georgia, serif; background: #eef0f4; color: #222; }
  @media (prefers-color-scheme: dark) { body { background: #0b0c10; color: #ddd; } }
  main { max-width: 40rem; margin: 0 auto; }
</style>
<script type="module" src="${workerUrl}/widget.js"></script></head>
<body>${body}</body></html>`;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const pageOrigins = [`http://127.0.0.1:${PAGE_PORT}`, `http://localhost:${PAGE_PORT}`];
  // No shared slots list: the loading and error states need each page load to reach Popin.
  const stack = await startStack({ workerPort: 0, simulatorPort: 0, demoPort: false, extraOrigins: pageOrigins, siteSettings: { slotsCacheSeconds: 0 } });
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage(stack.workerUrl, query.get('site') ?? 'demo', query.get('mode') ?? 'inline'));
  });
  await new Promise<void>((resolve) => server.listen(PAGE_PORT, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [label, width] of [['desktop', 1024], ['phone', 375]] as const) {
        stack.simulator.reset();
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-IN' });
        const page = await context.newPage();
        const shot = async (state: string) => {
          await page.waitForTimeout(150);
          await page.locator('main').screenshot({ path: `${OUT}/${state}-${label}-${scheme}.png`, animations: 'disabled' });
        };
        await flow(page, base, stack.simulator, shot);
        // The popup and floating modes: the whole viewport (the dialog sits in the top layer).
        const full = async (state: string) => {
          await page.waitForTimeout(250);
          await page.screenshot({ path: `${OUT}/${state}-${label}-${scheme}.png`, animations: 'disabled' });
        };
        await page.setViewportSize({ width, height: 760 });
        await page.goto(`${base}/?site=demo&mode=floating`);
        await page.locator('popin-booking [part~="launcher"]').waitFor();
        await full('floating');
        await page.goto(`${base}/?site=demo&mode=popup`);
        await page.locator('[data-popin-booking]').click();
        await page.locator('popin-booking [part~="list"]').waitFor();
        await full('popup');
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    await stack.stop();
  }
}

type Sim = Awaited<ReturnType<typeof startStack>>['simulator'];

async function flow(page: Page, base: string, sim: Sim, shot: (state: string) => Promise<void>) {
  const widget = page.locator('popin-booking');
  // Loading: hold the slots answer.
  sim.faults.latencyMs = 3000;
  await page.goto(`${base}/?site=demo`);
  await widget.locator('[part~="skeleton"]').waitFor();
  await shot('loading');
  sim.faults.latencyMs = 0;
  await widget.locator('[part~="list"]').waitFor({ timeout: 10_000 });
  await shot('list');

  await widget.locator('[part~="book"]').nth(1).click();
  await widget.locator('#name').waitFor();
  await widget.locator('[part~="country"] select').waitFor();
  await shot('form');
  await widget.locator('[part~="submit"]').click();
  await widget.locator('[part~="field-error"]').first().waitFor();
  await shot('form-errors');
  await widget.locator('#name').fill('Priya');
  await widget.locator('#mobile').pressSequentially('9544510895');
  await shot('form-filled');
  await widget.locator('[part~="submit"]').click();
  await widget.locator('[part~="confirmation"]').waitFor({ timeout: 10_000 });
  await shot('confirmation');

  // The live one: "Join now".
  await widget.locator('[part~="done"]').click();
  await widget.locator('[part~="book"]').first().click();
  await widget.locator('[part~="book-as"]').waitFor();
  await shot('returning');
  await widget.locator('[part~="book-as"]').click();
  await widget.locator('[part~="join-now"]').waitFor({ timeout: 10_000 });
  await shot('confirmation-live');

  await page.reload();
  await widget.locator('[part~="list"]').waitFor({ timeout: 10_000 });
  await shot('booked');
  await widget.locator('[part~="cancel"]').first().click();
  await shot('cancel-confirm');

  await page.goto(`${base}/?site=empty`);
  await widget.locator('[part~="empty"]').waitFor({ timeout: 10_000 });
  await shot('empty');

  sim.faults.inject({ kind: 'status', status: 503, endpoint: 'slots', count: 'always' });
  await page.goto(`${base}/?site=demo`);
  await widget.locator('[part~="retry"]').waitFor({ timeout: 10_000 });
  await shot('error');
  sim.faults.clear();

  // Site "expo" has the 10times option: the form also asks for an email (and the company and
  // city), and once 10times has registered the customer their booked slot links to FLOOR.
  await page.goto(`${base}/?site=expo`);
  await widget.locator('[part~="book"]').nth(2).click();
  await widget.locator('#email').waitFor({ timeout: 10_000 });
  await widget.locator('#name').fill('Ravi');
  await widget.locator('#mobile').pressSequentially('9544510896');
  await widget.locator('#email').fill('ravi@example.com');
  await shot('tentimes-form');
  await widget.locator('[part~="submit"]').click();
  await widget.locator('[part~="confirmation"]').waitFor({ timeout: 10_000 });
  await shot('tentimes-confirmation');
  for (let tries = 0; tries < 20; tries++) {
    await page.reload();
    await widget.locator('[part~="list"]').waitFor({ timeout: 10_000 });
    if (await widget.getByRole('link', { name: /10times FLOOR/ }).count()) break;
    await page.waitForTimeout(500);
  }
  await shot('tentimes-booked');

  // Site "guarded" has Turnstile; Cloudflare's script cannot load on this offline machine, so
  // the form shows what a customer sees when the check is blocked.
  await page.goto(`${base}/?site=guarded`);
  await widget.locator('[part~="book"]').nth(2).click();
  await widget.locator('[part~="challenge-field"] [part~="field-error"]').waitFor({ timeout: 15_000 });
  await shot('turnstile-unavailable');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
