// Screenshots of every state of <popin-booking>, desktop and 375 px, light and dark,
// the way a seller embeds it: a page on another origin loading /widget.js from the worker;
// then every section of the seller console (/console) and its sign-in page, the same four ways.
//   npx vite build && npx tsx scripts/screenshots.ts [out-dir] [--languages]   (default docs/screenshots)
// --languages: only the Hindi and Arabic shots (list and form, each width and scheme; the Arabic waiting room).
//   SCREENSHOTS_ONLY=enablex …   only the EnableX demos' shots (list with a full demo, waiting room, in English and Arabic)
//   (with it, also the console's EnableX demos: list, schedule error, waiting room editor, poll chart)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { LOCAL_ADMIN_SECRET, startStack, type Stack } from '../demo/stack';
import { CONSOLE_KEY } from '../test/e2e/console-keys';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium';
import { UPCOMING_MEETING_IDS } from '../demo/enablex-simulator/seed';

const LANGUAGES_ONLY = process.argv.includes('--languages');
const OUT = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'docs/screenshots';
// SCREENSHOTS_PORT lets a second checkout run this at the same time.
const PAGE_PORT = Number(process.env.SCREENSHOTS_PORT ?? 8799);

function hostPage(workerUrl: string, site: string, mode = 'inline', lang = ''): string {
  const body =
    mode === 'floating'
      ? `<main><h1>Acme Gadgets</h1><p>Our shop page, with a floating “Book a demo” button.</p></main><popin-booking site="${site}" mode="floating"></popin-booking>`
      : mode === 'popup'
        ? `<main><h1>Acme Gadgets</h1><p><button data-popin-booking="${site}">Book a demo</button></p></main>`
        : `<main><popin-booking site="${site}"${lang ? ` lang="${lang}"` : ''}></popin-booking></main>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Seller page</title>
<style>
  body { margin: 0; padding: 2rem 1rem; font-family: Georgia, serif; background: #eef0f4; color: #222; }
  @media (prefers-color-scheme: dark) { body { background: #0b0c10; color: #ddd; } }
  main { max-width: 40rem; margin: 0 auto; }
  /* The widget takes the page's font unless the seller sets one, as the demo shop does. */
  popin-booking { --popin-font: system-ui, sans-serif; }
</style>
<script type="module" src="${workerUrl}/widget.js"></script></head>
<body>${body}</body></html>`;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const pageOrigins = [`http://127.0.0.1:${PAGE_PORT}`, `http://localhost:${PAGE_PORT}`];
  // No shared slots list: the loading and error states need each page load to reach Popin.
  const options = { workerPort: 0, simulatorPort: 0, demoPort: false, extraOrigins: pageOrigins, siteSettings: { slotsCacheSeconds: 0 } } as const;
  const stack = await startStack(options);
  /** The stack the seller page's widget talks to (the console shots each start a fresh one). */
  let current = stack;
  const server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    res.writeHead(200, { 'content-type': 'text/html' }).end(hostPage(current.workerUrl, query.get('site') ?? 'demo', query.get('mode') ?? 'inline', /^[a-z]{2}$/.test(query.get('lang') ?? '') ? query.get('lang')! : ''));
  });
  await new Promise<void>((resolve) => server.listen(PAGE_PORT, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [label, width] of [['desktop', 1024], ['phone', 375]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-IN' });
        const page = await context.newPage();
        if (!LANGUAGES_ONLY) {
          await enablexFlow(page, base, stack, async (state) => {
            await page.waitForTimeout(150);
            await page.locator('main').screenshot({ path: `${OUT}/${state}-${label}-${scheme}.png`, animations: 'disabled' });
          });
        }
        // The waiting room in Arabic (right to left; the PIN and the clock left to right).
        await enablexFlow(page, base, stack, async (state) => {
          if (state !== 'waiting-room') return;
          await page.waitForTimeout(150);
          await page.locator('main').screenshot({ path: `${OUT}/${state}-ar-${label}-${scheme}.png`, animations: 'disabled' });
        }, 'ar');
        await context.close();
      }
    }
    // The console's EnableX demos (site live, as the operator), the same four ways.
    for (const scheme of LANGUAGES_ONLY ? [] : (['light', 'dark'] as const)) {
      for (const [label, width] of [['desktop', 1280], ['phone', 375]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme, locale: 'en-IN', reducedMotion: 'reduce' });
        const page = await context.newPage();
        try {
          await stack.resetEnablex();
          await consoleEnablexFlow(page, stack, async (state) => {
            // From the top: a focused field scrolled the page, and the sticky navigation with it.
            await page.evaluate(() => scrollTo(0, 0));
            await page.waitForTimeout(150);
            await page.screenshot({ path: `${OUT}/console-${state}-${label}-${scheme}.png`, fullPage: true, animations: 'disabled' });
          });
        } finally {
          await context.close();
        }
      }
    }
    if (process.env.SCREENSHOTS_ONLY === 'enablex') return;
    for (const scheme of ['light', 'dark'] as const) {
      for (const [label, width] of [['desktop', 1024], ['phone', 375]] as const) {
        stack.simulator.reset();
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, locale: 'en-IN' });
        const page = await context.newPage();
        const shot = async (state: string) => {
          await page.waitForTimeout(150);
          await page.locator('main').screenshot({ path: `${OUT}/${state}-${label}-${scheme}.png`, animations: 'disabled' });
        };
        // Hindi and Arabic (right to left): the list and the form.
        for (const lang of ['hi', 'ar']) {
          const widget = page.locator('popin-booking');
          await page.goto(`${base}/?site=demo&lang=${lang}`);
          await widget.locator('[part~="list"]').waitFor({ timeout: 10_000 });
          await shot(`list-${lang}`);
          await widget.locator('[part~="book"]').nth(1).click();
          await widget.locator('#name').waitFor();
          await widget.locator('[part~="country"] select').waitFor();
          await shot(`form-${lang}`);
        }
        if (LANGUAGES_ONLY) {
          await context.close();
          continue;
        }
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
    for (const scheme of LANGUAGES_ONLY ? [] : (['light', 'dark'] as const)) {
      for (const [label, width] of [['desktop', 1280], ['phone', 375]] as const) {
        // A fresh stack each time: every variant starts with PGi not set up and bookings open.
        current = await startStack({ ...options, demoTentimes: true });
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme, locale: 'en-IN', reducedMotion: 'reduce' });
        const page = await context.newPage();
        const widgetPage = await context.newPage();
        try {
          await consoleFlow(page, current, async (state) => {
            await page.waitForTimeout(150);
            await page.screenshot({ path: `${OUT}/console-${state}-${label}-${scheme}.png`, fullPage: true, animations: 'disabled' });
          }, widgetPage, base, async (state) => {
            await widgetPage.waitForTimeout(150);
            await widgetPage.locator('main').screenshot({ path: `${OUT}/${state}-${label}-${scheme}.png`, animations: 'disabled' });
          });
        } finally {
          await context.close();
          await current.stop();
          current = stack;
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    await stack.stop();
  }
}

type Sim = Awaited<ReturnType<typeof startStack>>['simulator'];

/**
 * Site "live" (Popin events and EnableX meetings): the list with a full EnableX demo, then a
 * customer's waiting rooms: the Macbook demo's messages and music, the iPhone demo's pictures.
 */
async function enablexFlow(page: Page, base: string, stack: Stack, shot: (state: string) => Promise<void>, lang = '') {
  const [macbook, iphone, pixel] = UPCOMING_MEETING_IDS;
  stack.simulator.reset();
  await stack.resetEnablex();
  stack.enablex.state.meetings.get(pixel)!.participants = 0;
  const widget = page.locator('popin-booking');
  await page.goto(`${base}/?site=live${lang ? `&lang=${lang}` : ''}`);
  await widget.locator('[part~="full"]').waitFor({ timeout: 10_000 });
  await shot('enablex-list');
  const book = async (meetingId: string) => {
    // The seat stores outlive the simulators' resets: the same customer may hold it already.
    const button = widget.locator(`[part~="book"][data-slot="enablex-${meetingId}"]`);
    if (!(await button.count())) return;
    await button.click();
    const form = widget.locator('#name, [part~="book-as"]').first();
    await form.waitFor();
    if (await widget.locator('#name').count()) {
      await widget.locator('#name').fill('Priya');
      await widget.locator('#mobile').pressSequentially('9544510895');
    }
    await widget.locator('[part~="submit"]').click();
    await widget.locator('[part~="confirmation"]').waitFor({ timeout: 10_000 });
    await widget.locator('[part~="done"]').click();
  };
  await book(macbook);
  await book(iphone);
  await widget.locator('[part~="lobby-message"]').first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => {
    const imgs = [...document.querySelector('popin-booking')!.shadowRoot!.querySelectorAll<HTMLImageElement>('[part~="lobby-image"] img')];
    return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
  });
  await shot('waiting-room');
}

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

/**
 * The console of site "demo" (with the 10times option on, as npm start runs it) on a fresh stack, after
 * two customers booked: the sign-in page, then each section, Audio conferencing before and
 * after PGi is set up. The seller page's widget (`widget`) is shot too: a booked customer's
 * "Join by audio conference", then the demos while bookings are paused.
 */
async function consoleFlow(page: Page, stack: Stack, shot: (state: string) => Promise<void>, widgetPage: Page, base: string, widgetShot: (state: string) => Promise<void>) {
  await bookByApi(stack, 'demo', 'Meera Iyer', '9845012345', 'meera@example.com', 2853);
  await bookByApi(stack, 'demo', 'Arjun Nair', '9876543210', 'arjun@example.com', 3011);
  // A customer in the browser, so that the widget knows them.
  await widgetPage.goto(`${base}/?site=demo`);
  const widget = widgetPage.locator('popin-booking');
  await widget.locator('[part~="book"]').nth(1).click();
  await widget.locator('#email').waitFor({ timeout: 10_000 });
  await widget.locator('#name').fill('Priya Sharma');
  await widget.locator('#mobile').pressSequentially('9544510895');
  await widget.locator('#email').fill('priya@example.com');
  await widget.locator('[part~="submit"]').click();
  await widget.locator('[part~="confirmation"]').waitFor({ timeout: 10_000 });

  await page.goto(`${stack.workerUrl}/console`);
  const app = page.locator('popin-console');
  await app.getByLabel('Site id').fill('demo');
  await shot('sign-in');
  await app.getByLabel('Console key').fill(CONSOLE_KEY('demo'));
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.locator('[data-demo]').first().waitFor({ timeout: 15_000 });
  await shot('demos');
  const open = async (name: string, ready: string) => {
    await app.getByRole('navigation').getByRole('link', { name }).click();
    await app.getByRole('heading', { level: 2, name }).waitFor();
    await app.locator(ready).first().waitFor({ timeout: 15_000 });
  };
  await open('Leads', '[data-lead]');
  await shot('leads');
  await open('Audio conferencing', 'form');
  const form = app.locator('form', { hasText: 'Set up audio conferencing' });
  await form.getByLabel('Company name').fill('Acme Gadgets');
  await form.getByLabel('Host first name').fill('Asha');
  await form.getByLabel('Host last name').fill('Rao');
  await form.getByLabel('Host email').fill('asha@acme.example');
  await form.getByLabel('Street address').fill('12 MG Road');
  await form.getByLabel('City').fill('Bengaluru');
  await form.getByLabel('Country').fill('India');
  await form.getByLabel('Postal code').fill('560001');
  await shot('audio-setup');
  await form.getByRole('button', { name: 'Set up audio conferencing' }).click();
  await app.locator('[data-action="check"]').waitFor({ timeout: 20_000 });
  await shot('audio');

  await widgetPage.reload();
  await widget.locator('[part~="audio"]').first().waitFor({ timeout: 10_000 });
  await widgetShot('audio-join');

  await open('10times outbox', '.counts');
  await shot('tentimes');
  await open('Settings', '[data-action="pause"]');
  await app.getByRole('button', { name: 'Pause bookings' }).click();
  await app.getByRole('button', { name: 'Resume bookings' }).waitFor();
  await shot('settings');
  await widgetPage.reload();
  await widget.locator('[part~="paused"]').waitFor({ timeout: 10_000 });
  await widgetShot('paused');
  await open('Audit log', '.rows');
  await shot('audit');
}

/**
 * The console's EnableX demos of site "live" (the operator: the site has no console key of its
 * own locally): the meetings, the schedule form with EnableX's past-start error under Start,
 * a waiting room being edited, and a live demo's poll chart.
 */
async function consoleEnablexFlow(page: Page, stack: Stack, shot: (state: string) => Promise<void>) {
  await page.goto(`${stack.workerUrl}/console?site=live&section=enablex`);
  const app = page.locator('popin-console');
  await app.getByLabel('Site id').fill('live');
  await app.getByLabel('Console key').fill(LOCAL_ADMIN_SECRET);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.locator('[data-meeting]').first().waitFor({ timeout: 15_000 });
  await app.locator('enablex-room-panel dt').first().waitFor({ timeout: 15_000 });
  await shot('enablex');

  await app.getByRole('button', { name: 'Schedule a demo' }).click();
  const form = app.locator('enablex-meeting-form');
  await form.getByLabel('Title').fill('Galaxy Fold demo');
  await form.getByLabel('Description').fill('The new hinge, up close.');
  // Yesterday, in the site's zone: EnableX refuses it (1601), the console shows it under Start.
  const yesterday = new Date(Date.now() - 86_400_000 + 5.5 * 3_600_000).toISOString().slice(0, 11) + '16:30';
  await form.getByLabel('Start', { exact: true }).fill(yesterday);
  await form.getByRole('button', { name: 'Schedule demo' }).click();
  await form.locator('#meeting-start_time-error').waitFor({ timeout: 15_000 });
  await shot('enablex-schedule-error');
  await form.getByRole('button', { name: 'Back to the list' }).click();

  await app.locator('[data-meeting]').first().getByRole('button', { name: /Waiting room/ }).click();
  const lobby = app.locator('enablex-lobby-editor');
  await lobby.getByRole('textbox', { name: 'Message 1' }).fill('Welcome! The demo starts at 4:05 pm.');
  await lobby.getByRole('button', { name: 'Add a message' }).click();
  await lobby.getByRole('textbox', { name: 'Message 2' }).fill('Have your questions ready: we answer them live.');
  await lobby.getByLabel('Play background audio').check();
  await lobby.getByLabel('or its URL').fill('https://cdn.example/lobby/welcome.mp3');
  await lobby.getByRole('button', { name: 'Save lobby' }).click();
  await lobby.getByText('Lobby saved.').waitFor({ timeout: 15_000 });
  await shot('enablex-lobby');
  await lobby.getByRole('button', { name: 'Back to the list' }).click();

  await app.getByRole('button', { name: 'Live now' }).click();
  await app.locator('[data-meeting]').first().getByRole('button', { name: /Poll results/ }).click();
  await app.getByRole('heading', { level: 4, name: 'Session 102' }).waitFor({ timeout: 15_000 });
  await shot('enablex-polls');
}

/** A customer books through the worker's API, as the widget does from the seller's page. */
async function bookByApi(stack: Stack, site: string, name: string, mobile: string, email: string, eventId: number) {
  const origin = `http://127.0.0.1:${PAGE_PORT}`;
  const headers = { 'Content-Type': 'application/json', Origin: origin };
  const customer = await fetch(`${stack.workerUrl}/v1/sites/${site}/customers`, { method: 'POST', headers, body: JSON.stringify({ name, mobile, email }) });
  const { token } = (await customer.json()) as { token: string };
  await fetch(`${stack.workerUrl}/v1/sites/${site}/registrations`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${token}` },
    body: JSON.stringify({ event_id: eventId }),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
