import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CURRENT_MEETING_ID } from '../../demo/enablex-simulator/app';
import { LOCAL_ADMIN_SECRET } from '../../demo/stack';
import { axeViolations } from './axe';
import { DESKTOP, PHONE, stackAndBrowser } from './browser';

// The console's EnableX demos section end to end: the console page in Chromium, the real worker
// under wrangler dev, the EnableX simulator. The stack's site `live` has the enablex option.
// A seller schedules a demo (a past start first: EnableX's 1601 shows under Start), edits its
// waiting room, reads a live demo's poll chart, and cancels the demo after confirming.

const e2e = stackAndBrowser();

function consoleContext(viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light', clientIp = '198.51.100.77'): Promise<BrowserContext> {
  // bypassCSP: axe's script is added to a page whose CSP allows no inline script.
  return e2e.browser.newContext({ viewport, colorScheme, locale: 'en-IN', reducedMotion: 'reduce', bypassCSP: true, extraHTTPHeaders: { 'CF-Connecting-IP': clientIp } });
}

/** The operator opens the site `live` (it has no console key of its own in the local stack). */
async function openEnablex(page: Page): Promise<Locator> {
  await page.goto(`${e2e.stack.workerUrl}/console?site=live&section=enablex`);
  const app = page.locator('popin-console');
  await app.getByLabel('Site id').fill('live');
  await app.getByLabel('Console key').fill(LOCAL_ADMIN_SECRET);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.getByRole('heading', { level: 2, name: 'EnableX demos' }).waitFor();
  await app.getByRole('heading', { level: 3, name: 'Macbook video walkthrough' }).waitFor();
  return app;
}

/** "YYYY-MM-DDTHH:mm" in Asia/Kolkata, `hours` from the simulator's clock. */
async function kolkata(hours: number): Promise<string> {
  const { now } = (await (await fetch(`${new URL(e2e.stack.enablexUrl).origin}/__sim/clock`)).json()) as { now: string };
  const at = new Date(Date.parse(now) + hours * 3_600_000 + 5.5 * 3_600_000);
  return at.toISOString().slice(0, 16);
}

async function simState(): Promise<{ meetings: Array<Record<string, unknown>> }> {
  return (await (await fetch(`${new URL(e2e.stack.enablexUrl).origin}/__sim/state`)).json()) as { meetings: Array<Record<string, unknown>> };
}

describe('Console: EnableX demos', () => {
  it('schedules a demo (a past start is refused under Start), edits its waiting room, sees a poll chart, cancels after confirming', async () => {
    const context = await consoleContext();
    const page = await context.newPage();
    const app = await openEnablex(page);

    // Schedule with a start in the past: EnableX answers 1601, shown under Start.
    await app.getByRole('button', { name: 'Schedule a demo' }).click();
    const form = app.locator('enablex-meeting-form');
    await expect.poll(() => page.evaluate(() => document.querySelector('popin-console')?.shadowRoot?.activeElement?.tagName)).toBe('CONSOLE-ENABLEX');
    await form.getByLabel('Title').fill('Galaxy Fold demo');
    await form.getByLabel('Description').fill('The new hinge, up close.');
    const start = form.getByLabel('Start', { exact: true });
    await start.fill(await kolkata(-3));
    await form.getByLabel('Duration (minutes)').fill('30');
    await form.getByLabel('Participants (seats)').fill('12');
    await form.getByRole('button', { name: 'Schedule demo' }).click();
    await expect.poll(() => start.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => form.locator('#meeting-start_time-error').textContent()).toBe('The start time must be in the future.');
    await expect.poll(() => start.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(await form.getByRole('alert').textContent()).toContain('Check the field marked above');
    expect(await axeViolations(page), 'schedule form with the Start error').toEqual([]);

    // A start in two days: scheduled, sent to EnableX in UTC.
    const future = await kolkata(48);
    await start.fill(future);
    await form.getByRole('button', { name: 'Schedule demo' }).click();
    const notice = app.locator('#notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/“Galaxy Fold demo” is scheduled for/);
    const scheduled = (await simState()).meetings.find((m) => m.room_name === 'Galaxy Fold demo')!;
    expect(scheduled).toMatchObject({ participants: 12, duration: 30 });
    const card = app.locator('li[data-meeting]', { has: page.getByRole('heading', { name: 'Galaxy Fold demo' }) });
    await card.waitFor();

    // The waiting room: a message too short is refused under Messages, then saved with background audio.
    await card.getByRole('button', { name: /Waiting room/ }).click();
    const lobby = app.locator('enablex-lobby-editor');
    await lobby.getByRole('textbox', { name: 'Message 1' }).fill('Welcome to the Galaxy Fold demo!');
    await lobby.getByRole('button', { name: 'Add a message' }).click();
    await lobby.getByRole('textbox', { name: 'Message 2' }).fill('Hi');
    await lobby.getByLabel('Play background audio').check();
    await lobby.getByLabel('Upload an .mp3').setInputFiles({ name: 'welcome.mp3', mimeType: 'audio/mpeg', buffer: Buffer.alloc(4096, 1) });
    await lobby.getByRole('button', { name: 'Save lobby' }).click();
    await expect.poll(() => lobby.locator('#lobby-message-error').textContent()).toMatch(/at least 5 characters/);
    expect(await lobby.getByRole('textbox', { name: 'Message 1' }).getAttribute('aria-invalid')).toBe('true');
    await lobby.getByRole('textbox', { name: 'Message 2' }).fill('We start in a minute.');
    await lobby.getByRole('button', { name: 'Save lobby' }).click();
    await lobby.getByText('Lobby saved.').waitFor();
    const saved = (await simState()).meetings.find((m) => m.meeting_id === scheduled.meeting_id) as { lobby?: { messages?: unknown; message?: Array<{ text: string }>; audio?: Array<{ url: string }> } };
    expect(JSON.stringify(saved.lobby)).toContain('We start in a minute.');
    expect(JSON.stringify(saved.lobby)).toContain('welcome.mp3');
    expect(await axeViolations(page), 'lobby editor').toEqual([]);
    await lobby.getByRole('button', { name: 'Back to the list' }).click();

    // A live demo's polls: each question with its options' counts as text beside the bars.
    await app.getByRole('button', { name: 'Live now' }).click();
    const live = app.locator(`li[data-meeting="${CURRENT_MEETING_ID}"]`);
    await live.getByRole('button', { name: /Poll results/ }).click();
    const polls = app.locator('enablex-poll-results');
    await polls.getByRole('heading', { level: 4, name: 'Session 101' }).waitFor();
    const chart = polls.getByRole('list', { name: 'Answers to: Which colour would you buy?' });
    expect(await chart.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/Black\s*12 \(55%\)/),
      expect.stringMatching(/Silver\s*7 \(32%\)/),
      expect.stringMatching(/Blue\s*3 \(14%\)/),
    ]);
    expect(await polls.getByText('22', { exact: true }).count()).toBeGreaterThan(0);
    const csv = await polls.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const download = await page.evaluate(async (href) => (await fetch(href!)).text(), csv);
    expect(download.split('\r\n')[1]).toBe('101,1,Which colour would you buy?,no,polled,opt1,Black,12,22');
    expect(await axeViolations(page), 'poll chart').toEqual([]);
    await polls.getByRole('button', { name: 'Back to the list' }).click();

    // Cancel, after confirming.
    await app.getByRole('button', { name: 'Upcoming' }).click();
    await card.getByRole('button', { name: /Cancel demo/ }).click();
    await card.getByRole('button', { name: 'Keep it' }).click();
    expect((await simState()).meetings.some((m) => m.meeting_id === scheduled.meeting_id)).toBe(true);
    await card.getByRole('button', { name: /Cancel demo/ }).click();
    await card.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect.poll(() => notice.textContent()).toBe('“Galaxy Fold demo” is cancelled.');
    expect((await simState()).meetings.some((m) => m.meeting_id === scheduled.meeting_id)).toBe(false);
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the section and the poll chart are axe-clean in the ${scheme} scheme, on a phone and on a desktop`, async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await consoleContext(viewport, scheme, scheme === 'light' ? '198.51.100.78' : '198.51.100.79');
        const page = await context.newPage();
        const app = await openEnablex(page);
        await app.locator('enablex-room-panel dt', { hasText: 'Participant PIN' }).waitFor();
        expect(await axeViolations(page), `list and room (${viewport.width} px, ${scheme})`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'fits').toBeLessThanOrEqual(viewport.width);
        await app.getByRole('button', { name: 'Live now' }).click();
        await app.locator(`li[data-meeting="${CURRENT_MEETING_ID}"]`).getByRole('button', { name: /Poll results/ }).click();
        await app.getByRole('heading', { level: 4, name: 'Session 102' }).waitFor();
        expect(await axeViolations(page), `poll chart (${viewport.width} px, ${scheme})`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), 'fits').toBeLessThanOrEqual(viewport.width);
        await context.close();
      }
    });
  }
});

describe('Console: EnableX poll chart under the page\'s own CSP', () => {
  it('draws each bar in proportion to its count (no style attributes: the CSP refuses them)', async () => {
    const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'en-IN', extraHTTPHeaders: { 'CF-Connecting-IP': '198.51.100.80' } });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const app = await openEnablex(page);
    await app.getByRole('button', { name: 'Live now' }).click();
    await app.locator(`li[data-meeting="${CURRENT_MEETING_ID}"]`).getByRole('button', { name: /Poll results/ }).click();
    const chart = app.getByRole('list', { name: 'Answers to: Which colour would you buy?' });
    await chart.waitFor();
    const widths = await chart.locator('.bar-row').evaluateAll((rows) =>
      rows.map((row) => row.querySelector('.bar')!.getBoundingClientRect().width / row.querySelector('.track')!.getBoundingClientRect().width),
    );
    // 12, 7 and 3 of 22 responders.
    expect(widths.map((w) => Math.round(w * 100))).toEqual([55, 32, 14]);
    expect(refused).toEqual([]);
    await context.close();
  });
});
