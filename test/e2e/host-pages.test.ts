import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../demo/stack';
import { launchChromium, newContext } from './browser';
import { serveHostPages, type HostPages } from './host-pages/serve';

// The widget on seller pages built the ways sellers build them (test/e2e/host-pages/): a strict
// Content-Security-Policy sent as a header, a page with its own Lit 2 components, a dir=rtl page,
// a React 19 app and a Vue 3 app. On each, a customer books through the real worker to the Popin
// simulator, and the page sees no CSP violation, no error and no Lit warning in its console.

let stack: Stack;
let browser: Browser;
let pages: HostPages;

beforeAll(async () => {
  pages = await serveHostPages();
  stack = await startStack({ workerPort: 0, simulatorPort: 0, demoPort: false, extraOrigins: [pages.url] });
  pages.workerUrl = stack.workerUrl;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await pages?.close();
});
beforeEach(() => stack.simulator.reset());

const IPHONE_DEMO = 2853;

interface Visit {
  page: Page;
  widget: Locator;
  /** CSP violations, console errors, Lit's warnings and uncaught errors seen so far. */
  problems(): Promise<string[]>;
}

/** Opens a host page, listening for CSP violations before any of its scripts runs. */
async function visit(path: string): Promise<Visit> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const seen: string[] = [];
  // Injected by the browser (not an inline script: the page's CSP does not apply to it).
  await page.addInitScript(() => {
    const log: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (e) => log.push(`CSP ${e.effectiveDirective}: ${e.blockedURI || e.sample}`), true);
  });
  page.on('console', (message) => {
    if (message.type() == 'error' || (message.type() == 'warning' && /lit|security policy/i.test(message.text()))) {
      seen.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  await page.goto(`${pages.url}/${path}`);
  const widget = page.locator('popin-booking').first();
  return {
    page,
    widget,
    problems: async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))],
  };
}

const slotCard = (widget: Locator, name: string) => widget.locator('[part~="slot"]', { hasText: name });

/** A customer books iPhone demo with the mouse; Popin receives the registration. */
async function bookIPhoneDemo(widget: Locator): Promise<void> {
  await slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ }).click();
  await widget.getByLabel('Your name').fill('Priya Sharma');
  await widget.getByLabel('Mobile number').pressSequentially('095445 10895');
  await widget.getByRole('button', { name: 'Book this demo' }).click();
  await widget.locator('[part~="confirmation"]').getByText("You're booked!").waitFor();
  const registered = stack.simulator.requests.filter((r) => r.path.endsWith('/conference/register')).map((r) => r.body);
  expect(registered).toEqual([{ user_id: 68806, event_id: IPHONE_DEMO }]);
}

describe('a page with a strict Content-Security-Policy header', () => {
  const policies = {
    allowlist: "the worker's origin in script-src and connect-src",
    nonce: "a nonce and 'strict-dynamic'",
    'trusted-types': 'Trusted Types required (trusted-types lit-html)',
  } as const;
  for (const [variant, policy] of Object.entries(policies)) {
    it(`books under ${policy}, with no violation`, async () => {
      const { page, widget, problems } = await visit(`strict-csp.html?csp=${variant}`);
      const csp = (await page.request.get(page.url())).headers()['content-security-policy'];
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      // Lit's constructed stylesheets apply under style-src 'self': the Book button has the accent.
      const book = slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ });
      await book.waitFor();
      expect(await book.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(79, 70, 229)');

      await bookIPhoneDemo(widget);
      await expect.poll(() => page.locator('#log').textContent()).toBe('Booked: iPhone demo');

      // The popup chunk, from the seller's own link.
      await page.getByRole('link', { name: 'Book a demo in a popup' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Book a live demo' }).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await problems()).toEqual([]);
      await page.context().close();
    });
  }

  it('reports the violation when the policy leaves the worker out of connect-src (the check can fail)', async () => {
    const { page, widget, problems } = await visit('strict-csp.html?csp=no-connect');
    await widget.getByText("Couldn't load demos").waitFor();
    await expect.poll(problems).toContainEqual(expect.stringMatching(/^CSP connect-src: http:\/\/127\.0\.0\.1/));
    await page.context().close();
  });
});

describe('a page that already uses Lit 2', () => {
  it("renders the page's Lit 2 component and the widget (Lit 3) side by side, and books", async () => {
    const { page, widget, problems } = await visit('other-lit.html');
    await expect.poll(() => page.locator('shop-rating').locator('[part="stars"]').textContent()).toBe('★★★★');
    // Both copies are running: lit-html 2 (the page's Lit 2) and lit-html 3 (the widget's Lit 3).
    const versions = await page.evaluate(() => (window as unknown as { litHtmlVersions: string[] }).litHtmlVersions);
    expect(versions.map((v) => v.split('.')[0]).sort()).toEqual(['2', '3']);
    await bookIPhoneDemo(widget);
    await expect.poll(() => page.locator('#log').textContent()).toBe('Booked: iPhone demo');
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});

describe('a React 19 app', () => {
  it('passes attributes and a property to the element, books, and its handler sees popin-booking:registered', async () => {
    const { page, widget, problems } = await visit('react.html');
    await slotCard(widget, 'iPhone demo').waitFor();
    // `api` was set as a property (React 19 does so when the element has one): no attribute.
    const { attribute, property, site } = await widget.evaluate((el) => ({
      attribute: el.getAttribute('api'),
      property: (el as HTMLElement & { api: string }).api,
      site: el.getAttribute('site'),
    }));
    expect({ attribute, property, site }).toEqual({ attribute: null, property: stack.workerUrl, site: 'demo' });
    await bookIPhoneDemo(widget);
    await expect.poll(() => page.locator('#log').textContent()).toBe('Booked in React: iPhone demo');
    // The popup's `opened` property from React state, and back through popin-booking:close.
    const opener = page.getByRole('button', { name: 'Book in a popup' });
    await opener.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Book a live demo' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => opener.getAttribute('aria-expanded')).toBe('false');
    await opener.click();
    await dialog.waitFor();
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});

describe('a Vue 3 app', () => {
  it('renders popin-booking as a custom element, books, and its handler sees popin-booking:registered', async () => {
    const { page, widget, problems } = await visit('vue.html');
    await slotCard(widget, 'iPhone demo').waitFor();
    expect(await widget.evaluate((el) => [el.getAttribute('api'), (el as HTMLElement & { api: string }).api])).toEqual([null, stack.workerUrl]);
    await bookIPhoneDemo(widget);
    await expect.poll(() => page.locator('#log').textContent()).toBe('Booked in Vue: iPhone demo');
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});
