import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../demo/stack';
import { launchChromium, newContext, PHONE } from './browser';
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
  /** The Content-Security-Policy header the page came with. */
  policy: string;
  /** CSP violations, console errors, Lit's warnings and uncaught errors seen so far. */
  problems(): Promise<string[]>;
}

/** Opens a host page, listening for CSP violations before any of its scripts runs. */
async function visit(path: string, viewport?: { width: number; height: number }): Promise<Visit> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const seen: string[] = [];
  // Injected by the browser (not an inline script: the page's CSP does not apply to it).
  await page.addInitScript(() => {
    const log: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (e) => log.push(`CSP ${e.effectiveDirective}: ${e.blockedURI || e.sample}`), true);
    // The worklets the page loads (the widget's Intl data, intl-data.ts), and whether each loaded.
    const worklets: Array<{ url: string; loaded?: boolean }> = ((window as unknown as { __worklets: unknown }).__worklets = []);
    const addModule = AudioWorklet.prototype.addModule;
    AudioWorklet.prototype.addModule = function (url, options) {
      const entry: { url: string; loaded?: boolean } = { url: String(url) };
      worklets.push(entry);
      return addModule.call(this, url, options).then(
        () => void (entry.loaded = true),
        (error: unknown) => {
          entry.loaded = false;
          throw error;
        },
      );
    };
  });
  page.on('console', (message) => {
    if (message.type() == 'error' || (message.type() == 'warning' && /lit|security policy/i.test(message.text()))) {
      seen.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  const response = await page.goto(`${pages.url}/${path}`);
  const widget = page.locator('popin-booking').first();
  return {
    page,
    widget,
    policy: (await response!.allHeaders())['content-security-policy'] ?? '',
    problems: async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))],
  };
}

/**
 * The worklets the page loaded so far; for each, whether it also runs to its end under the page's
 * policy (it registers its processor last: a node of that name can be made).
 */
const worklets = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      (window as unknown as { __worklets: Array<{ url: string; loaded?: boolean }> }).__worklets.map(async ({ url, loaded }) => {
        const context = new OfflineAudioContext(1, 1, 8000);
        await context.audioWorklet.addModule(url);
        const ran = (() => {
          try {
            return !!new AudioWorkletNode(context, 'popin-booking-intl-data');
          } catch {
            return false;
          }
        })();
        return { url: url.replace(/^https?:\/\/[^/]+/, ''), loaded, ran };
      }),
    ),
  );

const slotCard = (widget: Locator, name: string) => widget.locator('[part~="slot"]', { hasText: name });

/** A customer books iPhone demo with the mouse; Popin receives the registration. */
async function bookIPhoneDemo(widget: Locator): Promise<void> {
  await slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ }).click();
  await fillAndSubmit(widget);
}

async function fillAndSubmit(widget: Locator): Promise<void> {
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
      const { page, widget, policy: header, problems } = await visit(`strict-csp.html?csp=${variant}`);
      expect(header).toMatch(/^default-src 'none'; script-src /);
      expect(header).not.toMatch(/unsafe-inline|unsafe-eval/);
      // Lit's constructed stylesheets apply under style-src 'self': the Book button has the accent.
      const book = slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ });
      await book.waitFor();
      expect(await book.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(79, 70, 229)');
      // The dates' Intl data loaded on another thread, from the worker (a script the policy allows).
      expect(await worklets(page)).toEqual([{ url: expect.stringMatching(/^\/chunks\/intl-[\w-]{8}\.js\?lang=en$/), loaded: true, ran: true }]);

      await bookIPhoneDemo(widget);
      await expect.poll(() => page.locator('#log').textContent()).toBe('Booked: iPhone demo');
      // The calendar chunk's .ics download (a blob: URL).
      const download = page.waitForEvent('download');
      await widget.locator('[part~="ics"]').click();
      expect((await download).suggestedFilename()).toMatch(/\.ics$/);

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
  const policies = { allowlist: 'the strict policy', 'trusted-types-shared': "Trusted Types (trusted-types lit-html 'allow-duplicates')" };
  for (const [variant, policy] of Object.entries(policies)) {
    it(`renders the page's Lit 2 component and the widget (Lit 3) side by side, and books, under ${policy}`, async () => {
      const { page, widget, problems } = await visit(`other-lit.html?csp=${variant}`);
      await expect.poll(() => page.locator('shop-rating').locator('[part="stars"]').textContent()).toBe('★★★★');
      await slotCard(widget, 'iPhone demo').waitFor();
      // Both copies are running: lit-html 2 (the page's Lit 2) and lit-html 3 (the widget's Lit 3).
      const versions = await page.evaluate(() => (window as unknown as { litHtmlVersions: string[] }).litHtmlVersions);
      expect(versions.map((v) => v.split('.')[0]).sort()).toEqual(['2', '3']);
      await bookIPhoneDemo(widget);
      await expect.poll(() => page.locator('#log').textContent()).toBe('Booked: iPhone demo');
      expect(await problems()).toEqual([]);
      await page.context().close();
    });
  }
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

/** Boxes that overlap one another or stick out of their container, and text cut by its box. */
function layoutProblems(widget: Locator, groups: string[]): Promise<string[]> {
  return widget.evaluate((el, selectors) => {
    const found: string[] = [];
    const root = el.shadowRoot!;
    const outer = el.getBoundingClientRect();
    const name = (node: Element) => node.getAttribute('part') ?? node.className ?? node.tagName;
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const selector of selectors) {
      if (!root.querySelector(selector)) found.push(`nothing matches ${selector}`);
      for (const group of root.querySelectorAll(selector)) {
        const box = group.getBoundingClientRect();
        if (!inside(box, outer)) found.push(`${name(group)} sticks out of the widget`);
        const children = [...group.children].filter((c) => c.getBoundingClientRect().width > 0);
        children.forEach((child, i) => {
          const r = child.getBoundingClientRect();
          if (!inside(r, box)) found.push(`${name(child)} sticks out of ${name(group)}`);
          for (const other of children.slice(i + 1)) if (overlap(r, other.getBoundingClientRect())) found.push(`${name(child)} overlaps ${name(other)}`);
        });
      }
    }
    for (const text of root.querySelectorAll<HTMLElement>('[part~="title"], [part~="slot-name"], [part~="button"], label, input')) {
      if (text.scrollWidth > text.clientWidth + 1) found.push(`${name(text)} is cut`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) found.push('the page scrolls sideways');
    return found;
  }, groups);
}

/** The on-screen x of each visible character of the element's text, in the text's order. */
function characterPositions(node: Locator): Promise<number[]> {
  return node.evaluate((el) => {
    const xs: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (let i = 0; i < text.textContent!.length; i++) {
        if (!text.textContent![i]!.trim()) continue;
        const range = document.createRange();
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        xs.push(range.getBoundingClientRect().left);
      }
    }
    return xs;
  });
}

const increasing = (xs: number[]) => xs.length > 1 && xs.every((x, i) => i == 0 || x > xs[i - 1]!);

describe('a dir=rtl page with an English widget', () => {
  for (const [size, viewport] of [['desktop', undefined], ['375 px phone', PHONE]] as const) {
    it(`books on a ${size}: English reads left to right, nothing overlaps or is cut, the number reads LTR`, async () => {
      const { page, widget, problems } = await visit('rtl.html', viewport);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      await slotCard(widget, 'iPhone demo').waitFor();
      expect(await widget.locator('[part~="title"]').evaluate((t) => getComputedStyle(t).direction)).toBe('ltr');
      expect(await layoutProblems(widget, ['[part~="header"]', '[part~="slot"]'])).toEqual([]);

      await slotCard(widget, 'iPhone demo').getByRole('button', { name: /^Book iPhone demo/ }).click();
      await widget.getByLabel('Mobile number').waitFor();
      expect(await layoutProblems(widget, ['[part~="summary"]', '[part~="field"]', '[part~="mobile-field"] > *'])).toEqual([]);
      expect(await widget.getByLabel('Mobile number').evaluate((input) => getComputedStyle(input).direction)).toBe('ltr');

      await fillAndSubmit(widget);
      // "You're booked!" ends with its "!" on the right, and the number reads +91 … left to right.
      expect(increasing(await characterPositions(widget.locator('[part~="confirmation-title"]')))).toBe(true);
      const number = widget.locator('[part~="contact"] strong');
      expect(await number.textContent()).toBe('+91 95445 10895');
      expect(increasing(await characterPositions(number))).toBe(true);
      expect(await layoutProblems(widget, ['[part~="confirmation"]'])).toEqual([]);
      expect(await problems()).toEqual([]);
      await page.context().close();
    });
  }
});
