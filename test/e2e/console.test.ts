import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_SECRET } from '../../demo/stack';
import { axeViolations } from './axe';
import { DESKTOP, PHONE, stackAndBrowser } from './browser';
import { CONSOLE_KEY } from './console-keys';

// The seller console (/console) end to end, as `npm start` runs it: the console page and the
// demo seller page in Chromium, the real worker under wrangler dev, the Popin and PGi simulators.
// A seller signs in, sees a customer's booking arrive, pauses bookings and sees the widget
// change, sets up PGi audio and sees a booked customer get the hub and passcode.

const e2e = stackAndBrowser();

/** A console context: axe needs its script added past the page's strict CSP. */
function consoleContext(viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light', clientIp?: string): Promise<BrowserContext> {
  // clientIp: a client of its own, so its sign-ins do not count against the others' (10 a minute).
  const extraHTTPHeaders = clientIp ? { 'CF-Connecting-IP': clientIp } : undefined;
  return e2e.browser.newContext({ viewport, colorScheme, locale: 'en-IN', reducedMotion: 'reduce', bypassCSP: true, extraHTTPHeaders });
}

async function signIn(page: Page, site = 'demo', key = CONSOLE_KEY(site)): Promise<Locator> {
  await page.goto(`${e2e.stack.workerUrl}/console`);
  const app = page.locator('popin-console');
  await app.getByLabel('Site id').fill(site);
  await app.getByLabel('Console key').fill(key);
  await app.getByRole('button', { name: 'Sign in' }).click();
  await app.getByRole('navigation', { name: 'Console sections' }).waitFor();
  return app;
}

async function open(app: Locator, section: string): Promise<Locator> {
  await app.getByRole('navigation').getByRole('link', { name: section, exact: true }).click();
  const heading = app.getByRole('heading', { level: 2, name: section, exact: true });
  await heading.waitFor();
  return app;
}

/** A customer on the demo seller page (another origin, the widget from one script tag). */
async function customerPage(): Promise<{ page: Page; widget: Locator }> {
  const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'en-IN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.stack.demoUrl! });
  const page = await context.newPage();
  await page.goto(e2e.stack.demoUrl!);
  const widget = page.locator('popin-booking');
  await widget.locator('[part~="list"]').waitFor();
  return { page, widget };
}

async function book(widget: Locator, demo: string, name: string, mobile: string) {
  await widget.locator('[part~="slot"]', { hasText: demo }).getByRole('button', { name: new RegExp(`^Book ${demo}`) }).click();
  const bookAs = widget.locator('[part~="book-as"]');
  if (await bookAs.count()) await bookAs.click();
  else {
    await widget.getByLabel('Your name').fill(name);
    await widget.getByLabel('Mobile number').pressSequentially(mobile);
    await widget.getByRole('button', { name: 'Book this demo' }).click();
  }
  await widget.getByText("You're booked!").waitFor();
  await widget.locator('[part~="done"]').click();
}

/** Reloads until `check` holds: the general slots list may be shared for a few seconds. */
async function reloadUntil(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('popin-booking [part~="list"]').waitFor();
  }
}

describe('the seller console', () => {
  it('signs in, and shows a booking made in the widget once it is refreshed', async () => {
    const context = await consoleContext();
    const page = await context.newPage();
    const app = await signIn(page);
    await app.getByRole('heading', { level: 2, name: 'Demos' }).waitFor();
    const iphone = app.locator('[data-demo]', { hasText: 'iPhone demo' });
    await iphone.waitFor();
    expect(await iphone.textContent()).not.toContain('Meera Iyer');

    const customer = await customerPage();
    await book(customer.widget, 'iPhone demo', 'Meera Iyer', '98450 12345');

    await app.getByRole('button', { name: 'Refresh' }).click();
    await iphone.getByText('Meera Iyer').waitFor();
    expect(await iphone.textContent()).toMatch(/\+91\s?98450\s?12345|\+919845012345/);

    // Leads has her too, with a CSV download beside the list.
    await open(app, 'Leads');
    await app.locator('[data-lead]', { hasText: 'Meera Iyer' }).waitFor();
    expect(await app.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/console/v1/sites/demo/leads.csv');
    await customer.page.context().close();
    await context.close();
  });

  it('pauses bookings: the widget shows the demos with "Bookings are paused" and no Book buttons; a SITES site\'s details are not editable', async () => {
    const context = await consoleContext();
    const app = await open(await signIn(await context.newPage()), 'Settings');
    // demo is a SITES site: its seller is told its details can't be changed here, and by whom.
    await app.getByText("This site's details are set in the worker's configuration, so they can't be changed here. Ask your operator").waitFor();
    expect(await app.locator('form', { hasText: 'Site details' }).count()).toBe(0);
    expect(await app.locator('form', { hasText: 'Secrets' }).count()).toBe(0);
    const customer = await customerPage();
    expect(await customer.widget.locator('[part~="book"]').count()).toBeGreaterThan(0);

    await app.getByRole('button', { name: 'Pause bookings' }).click();
    await app.getByRole('button', { name: 'Resume bookings' }).waitFor();
    await app.locator('[part~="header"]').getByText('Bookings paused').waitFor();

    await reloadUntil(customer.page, async () => (await customer.widget.locator('[part~="paused"]').count()) > 0, 'the paused note');
    expect(await customer.widget.locator('[part~="paused"]').textContent()).toContain('Bookings are paused');
    expect(await customer.widget.locator('[part~="slot"]').count()).toBeGreaterThan(0);
    expect(await customer.widget.locator('[part~="book"]').count()).toBe(0);

    await app.getByRole('button', { name: 'Resume bookings' }).click();
    await app.getByRole('button', { name: 'Pause bookings' }).waitFor();
    await reloadUntil(customer.page, async () => (await customer.widget.locator('[part~="book"]').count()) > 0, 'the Book buttons');
    expect(await customer.widget.locator('[part~="paused"]').count()).toBe(0);
    await customer.page.context().close();
    await context.close();
  });

  it('sets up PGi audio (field errors under their fields, the password once); a booked customer then sees the hub and passcode', async () => {
    const context = await consoleContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.stack.workerUrl });
    const page = await context.newPage();
    const app = await open(await signIn(page), 'Audio conferencing');
    const form = app.locator('form', { hasText: 'Set up audio conferencing' });
    await form.waitFor();

    await form.getByLabel('Company name').fill('Acme Gadgets');
    await form.getByLabel('Host first name').fill('Asha');
    await form.getByLabel('Host last name').fill('Rao');
    await form.getByLabel('Host email').fill('asha@acme.example');
    await form.getByLabel('Street address').fill('1 Main Street');
    await form.getByLabel('City').fill('Austin');
    await form.getByLabel('Country').fill('USA');
    await form.getByLabel('Postal code').fill('73301');
    // No state for a US address: PGi refuses it, and the message is under the State field.
    await form.getByRole('button', { name: 'Set up audio conferencing' }).click();
    const state = form.getByLabel(/^State/);
    await expect.poll(() => state.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await state.getAttribute('aria-describedby'))!;
    expect(await form.locator(`#${describedBy}`).textContent()).toMatch(/\S/);

    await state.fill('TX');
    await form.getByRole('button', { name: 'Set up audio conferencing' }).click();
    const note = app.getByText("Copy the host password now: it won't be shown again.");
    await note.waitFor({ timeout: 20_000 });
    const card = app.locator('section', { hasText: 'Participant pass code' });
    const hub = (await card.locator('dd', { hasText: 'https://' }).locator('code').first().textContent())!.trim();
    const passcode = (await card.locator('dl', { hasText: 'Participant pass code' }).locator('code').textContent())!.trim();
    expect(hub).toMatch(/^https:\/\//);
    expect(passcode).toMatch(/^\d{6,}$/);
    await card.getByRole('button', { name: 'Copy the participant pass code' }).click();
    await app.getByRole('status').filter({ hasText: 'Copied the participant pass code.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(passcode);

    // A customer who books sees the dial-in under their booked demo, and copies the passcode.
    const customer = await customerPage();
    await book(customer.widget, 'Public Macbook demo', 'Kiran Das', '98450 67890');
    const booked = customer.widget.locator('[part~="slot-booked"]', { hasText: 'Public Macbook demo' });
    await reloadUntil(customer.page, async () => (await booked.locator('[part~="audio"]').count()) > 0, 'the audio join');
    const audio = booked.locator('[part~="audio"]');
    expect(await audio.textContent()).toContain('Join by audio conference');
    expect(await audio.locator('[part~="audio-hub"]').getAttribute('href')).toBe(new URL(hub).href);
    expect((await audio.locator('[part~="audio-passcode"]').textContent())!.trim()).toBe(passcode);
    await audio.getByRole('button', { name: /^Copy the participant passcode/ }).click();
    await customer.widget.locator('[part~="status"]').getByText('Copied the participant passcode.').waitFor();
    expect(await customer.page.evaluate(() => navigator.clipboard.readText())).toBe(passcode);
    // A guest sees no dial-in.
    expect(await customer.widget.locator('[part~="slot"]:not([part~="slot-booked"]) [part~="audio"]').count()).toBe(0);

    // Reloaded, the console no longer shows the password.
    await page.reload();
    await app.getByRole('heading', { level: 2, name: 'Audio conferencing' }).waitFor();
    await app.getByText('Participant pass code', { exact: true }).waitFor();
    expect(await app.getByText("won't be shown again").count()).toBe(0);
    await customer.page.context().close();
    await context.close();
  });

  it('signs in from the link npm start prints, then drops the key from the address bar; a wrong key says what to do; sign out', async () => {
    const context = await consoleContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.stack.workerUrl}/console#key=${encodeURIComponent(CONSOLE_KEY('demo'))}&site=demo`);
    const app = page.locator('popin-console');
    await app.getByRole('heading', { level: 2, name: 'Demos' }).waitFor();
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain(CONSOLE_KEY('demo'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await app.getByRole('button', { name: 'Sign out' }).click();
    await app.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await app.getByRole('button', { name: 'Sign in' }).waitFor();

    await app.getByLabel('Site id').fill('demo');
    await app.getByLabel('Console key').fill('not-the-key');
    await app.getByRole('button', { name: 'Sign in' }).click();
    const alert = app.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Check the site id and the key/);
    await context.close();
  });

  it('forgets a customer after a confirm step', async () => {
    const customer = await customerPage();
    await book(customer.widget, 'Public Macbook demo', 'Ravi Kumar', '98450 22222');
    await customer.page.context().close();
    const context = await consoleContext();
    const app = await open(await signIn(await context.newPage()), 'Leads');
    const row = app.locator('[data-lead]', { hasText: 'Ravi Kumar' });
    await row.getByRole('button', { name: 'Forget Ravi Kumar' }).click();
    await row.getByText('Forget Ravi Kumar? This cannot be undone.').waitFor();
    await row.getByRole('button', { name: 'Keep' }).click();
    await row.getByRole('button', { name: 'Forget Ravi Kumar' }).click();
    await row.getByRole('button', { name: 'Yes, forget' }).click();
    await row.waitFor({ state: 'detached' });
    await app.getByRole('status').filter({ hasText: 'Forgot Ravi Kumar' }).waitFor();
    // Gone from the worker too, not only from the page.
    await app.page().reload();
    await app.getByRole('heading', { level: 2, name: 'Leads' }).waitFor();
    await app.locator('[data-lead], [part~="empty"]').first().waitFor();
    expect(await app.locator('[data-lead]', { hasText: 'Ravi Kumar' }).count()).toBe(0);
    await context.close();
  });

  it("gives an operator a site picker and every site's console", async () => {
    const context = await consoleContext(PHONE);
    const app = await signIn(await context.newPage(), 'demo', LOCAL_ADMIN_SECRET);
    await app.getByRole('button', { name: 'Change site' }).click();
    await app.getByRole('heading', { level: 2, name: 'Choose a site' }).waitFor();
    const sites = app.getByRole('list', { name: 'Sites' });
    await sites.waitFor();
    expect(await sites.locator('li').count()).toBeGreaterThanOrEqual(4);
    await sites.getByRole('button', { name: 'Open Acme at the Expo' }).click();
    await app.locator('[part~="header"]').getByText('Acme at the Expo').waitFor();
    await open(app, '10times outbox');
    await app.getByText('Registrations sent to 10times').waitFor();
    expect(app.page().url()).toContain('site=expo');
    await context.close();
  });

  it('lets the operator add a site (field errors under their fields), edit its details and store its secrets; its seller then renames it', async () => {
    const context = await consoleContext(DESKTOP, 'light', '2001:db8::12');
    const page = await context.newPage();
    const app = await signIn(page, 'demo', LOCAL_ADMIN_SECRET);
    await app.getByRole('button', { name: 'Change site' }).click();
    const form = app.locator('form', { hasText: 'Add a site' });
    await form.waitFor();
    const origin = new URL(e2e.stack.demoUrl!).origin;
    await form.getByLabel('Site id').fill('fresh-shop');
    await form.getByLabel('Title').fill('Fresh Shop');
    await form.getByLabel('Popin seller id').fill('seller-demo');
    await form.getByLabel('Country').fill('in');
    await form.getByLabel('Timezone').fill('Mars/Olympus');
    await form.getByLabel('Pages allowed to embed').fill(origin);
    await form.getByRole('button', { name: 'Add the site' }).click();
    // The message is under Timezone, and the field says so.
    const timezone = form.getByLabel('Timezone');
    await expect.poll(() => timezone.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await timezone.getAttribute('aria-describedby'))!;
    expect(await form.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-error'))}"]`).textContent()).toContain('IANA time zone');
    expect(await form.getByLabel('Country').getAttribute('aria-invalid')).toBe('false');
    // Focus went to the field marked; the picker with its errors is axe-clean.
    await expect.poll(() => page.evaluate(() => document.querySelector('popin-console')?.shadowRoot?.querySelector('console-sites')?.shadowRoot?.activeElement?.id)).toBe('add-timezone');
    expect(await axeViolations(page), 'Add a site with a field error').toEqual([]);

    // From the keyboard: fix it and press Enter.
    await timezone.fill('Asia/Kolkata');
    await timezone.press('Enter');
    // The new site opens; it is in the site list.
    await app.locator('[part~="header"]').getByText('Fresh Shop').waitFor();
    expect(page.url()).toContain('site=fresh-shop');
    await app.getByRole('button', { name: 'Change site' }).click();
    await app.getByRole('list', { name: 'Sites' }).getByRole('button', { name: 'Open Fresh Shop' }).click();

    // Site details: the operator renames it and changes its timezone; the saved values show.
    await open(app, 'Settings');
    const details = app.locator('form', { hasText: 'Site details' });
    await details.getByLabel('Title').fill('Fresh Shop Live');
    await details.getByLabel('Timezone').fill('Europe/London');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('Saved. Customers see “Fresh Shop Live”.').waitFor();
    await app.locator('[part~="header"]').getByText('Fresh Shop Live').waitFor();
    expect(await app.locator('section', { hasText: 'Configuration' }).locator('dl', { hasText: 'Timezone' }).locator('dd').textContent()).toBe('Europe/London');
    // A bad origin: its message under "Pages allowed to embed".
    await details.getByLabel('Pages allowed to embed').fill('https://shop.example/path');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => details.getByLabel('Pages allowed to embed').getAttribute('aria-invalid')).toBe('true');
    await details.getByLabel('Pages allowed to embed').fill(origin);
    await details.getByLabel('Keep leads for (days)').fill('0');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('Enter a whole number of days from 1 to 3650.').waitFor();
    await details.getByLabel('Keep leads for (days)').fill('90');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => app.locator('section', { hasText: 'Configuration' }).locator('dl', { hasText: 'Leads kept for' }).locator('dd').textContent()).toBe('90 days');
    expect(await details.getByLabel('Pages allowed to embed').getAttribute('aria-invalid')).toBe('false');

    // Secrets: stored, the inputs cleared, never shown again.
    const sellerKey = 'fresh-shop-console-key-0123456789abcdef';
    const secrets = app.locator('form', { hasText: 'Secrets' });
    for (const label of ['Popin API key', '10times API key', '10times webhook secret', 'Console key']) {
      expect(await secrets.getByLabel(label).getAttribute('type')).toBe('password');
      expect(await secrets.getByLabel(label).getAttribute('autocomplete')).toBe('off');
    }
    await secrets.getByLabel('Console key').fill('too-short');
    await secrets.getByRole('button', { name: 'Store secrets' }).click();
    await expect.poll(() => secrets.getByLabel('Console key').getAttribute('aria-invalid')).toBe('true');
    await secrets.getByLabel('Console key').fill(sellerKey);
    await secrets.getByLabel('Popin API key').fill('popin-key-for-fresh-shop');
    await secrets.getByRole('button', { name: 'Store secrets' }).click();
    await secrets.locator('[data-stored]', { hasText: 'Stored. They will not be shown again' }).waitFor();
    await secrets.getByRole('status').filter({ hasText: 'Secrets stored.' }).waitFor({ state: 'attached' });
    expect(await secrets.getByLabel('Console key').inputValue()).toBe('');
    expect(await secrets.getByLabel('Popin API key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(sellerKey);
    expect(await axeViolations(page), 'Settings as the operator').toEqual([]);
    await context.close();

    // The seller signs in with the stored key and renames their site: the widget's API has it.
    const sellerContext = await consoleContext(DESKTOP, 'light', '2001:db8::12');
    const seller = await open(await signIn(await sellerContext.newPage(), 'fresh-shop', sellerKey), 'Settings');
    const own = seller.locator('form', { hasText: 'Site details' });
    expect(await own.getByLabel('Timezone').count()).toBe(0);
    await own.getByLabel('Title').fill('Fresh Shop Demos');
    await own.getByRole('button', { name: 'Save details' }).click();
    await own.getByText('Saved. Customers see “Fresh Shop Demos”.').waitFor();
    expect(await own.getByLabel('Title').inputValue()).toBe('Fresh Shop Demos');
    const slots = await fetch(`${e2e.stack.workerUrl}/v1/sites/fresh-shop/slots`, { headers: { origin } });
    expect(slots.status).toBe(200);
    expect(((await slots.json()) as { site: { title: string } }).site.title).toBe('Fresh Shop Demos');
    await sellerContext.close();
  });

  it('is usable from the keyboard alone', async () => {
    const context = await consoleContext();
    const page = await context.newPage();
    await page.goto(`${e2e.stack.workerUrl}/console`);
    const app = page.locator('popin-console');
    await app.getByLabel('Site id').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('demo');
    await page.keyboard.press('Tab');
    await page.keyboard.type(CONSOLE_KEY('demo'));
    await page.keyboard.press('Enter');
    await app.getByRole('heading', { level: 2, name: 'Demos' }).waitFor();
    // Focus moves to the section's heading; Tab reaches the navigation.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        let a = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        return a?.textContent?.trim();
      });
      if (name === 'Audit log') break;
    }
    await page.keyboard.press('Enter');
    await app.getByRole('heading', { level: 2, name: 'Audit log' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector('popin-console')?.shadowRoot?.activeElement?.tagName)).toBe('CONSOLE-AUDIT');
    await context.close();
  });

  it('shows a demo\'s first 10 bookings and "Show all N bookings", which shows the rest and moves focus to them', async () => {
    // Twelve customers book the Macbook demo (each from an address of its own: sign-ups are limited per client).
    for (let i = 0; i < 12; i++) {
      const headers = { 'Content-Type': 'application/json', Origin: e2e.stack.demoUrl!, 'CF-Connecting-IP': `2001:db8:${(0x150 + i).toString(16)}::1` };
      const signUp = await fetch(`${e2e.stack.workerUrl}/v1/sites/demo/customers`, { method: 'POST', headers, body: JSON.stringify({ name: `Busy Buyer ${i + 1}`, mobile: `98450 3${String(i).padStart(4, '0')}` }) });
      expect(signUp.status, await signUp.clone().text()).toBe(200);
      const { token } = (await signUp.json()) as { token: string };
      const booked = await fetch(`${e2e.stack.workerUrl}/v1/sites/demo/registrations`, { method: 'POST', headers: { ...headers, Authorization: `Bearer ${token}` }, body: JSON.stringify({ event_id: 2195 }) });
      expect(booked.status, await booked.clone().text()).toBe(200);
    }
    const context = await consoleContext(DESKTOP, 'light', '2001:db8:15::ff');
    const page = await context.newPage();
    const app = await signIn(page);
    const macbook = app.locator('[data-demo]', { hasText: 'Public Macbook demo' });
    await macbook.waitFor();
    const count = Number(/(\d+) bookings/.exec((await macbook.locator('.tag').last().textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThanOrEqual(12);
    const rows = macbook.locator('.rows > li');
    expect(await rows.count()).toBe(10);
    const showAll = macbook.getByRole('button', { name: `Show all ${count} bookings for Public Macbook demo` });
    await showAll.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(count);
    expect(await showAll.count()).toBe(0);
    // Focus is on the first booking that was hidden, not lost with the button.
    expect(await rows.nth(10).evaluate((li) => li === (li.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await macbook.getByText('Busy Buyer 12').waitFor();
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`every section is axe-clean in the ${scheme} scheme, on a phone and on a desktop`, async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await consoleContext(viewport, scheme);
        const page = await context.newPage();
        await page.goto(`${e2e.stack.workerUrl}/console`);
        await page.locator('popin-console').getByLabel('Site id').waitFor();
        expect(await axeViolations(page), 'sign-in').toEqual([]);
        const app = await signIn(page);
        for (const section of ['Demos', 'Leads', 'Audio conferencing', 'EnableX demos', '10times outbox', 'Settings', 'Audit log']) {
          await open(app, section);
          await app.locator('[part~="progress"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
          await page.waitForTimeout(100);
          expect(await axeViolations(page), `${section} (${viewport.width} px, ${scheme})`).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `${section} fits`).toBeLessThanOrEqual(viewport.width);
        }
        await context.close();
      }
    });
  }
});
