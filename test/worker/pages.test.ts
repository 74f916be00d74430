import { describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { TEST_BINDINGS, TEST_SITES } from './bindings';
import { call } from './helpers';

// What the worker serves besides the API: the widget script a seller's page loads with
// <script type="module"> from any origin, and the shareable /s/{site} page.

describe('GET /widget.js', () => {
  it('is a JavaScript module any page can load, cached briefly', async () => {
    const response = await call('/widget.js', { origin: 'https://any-seller.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    // The seller's page can read its size and timing phases (resource timing).
    expect(response.headers.get('Timing-Allow-Origin')).toBe('*');
    const code = await response.text();
    expect(code).toContain('popin-booking');
  });

  it('serves its lazily loaded chunks with a long immutable cache', async () => {
    const code = await (await call('/widget.js')).text();
    const chunk = /chunks\/[\w.-]+\.js/.exec(code)?.[0];
    expect(chunk, 'widget.js imports at least one lazy chunk').toBeDefined();
    const response = await call(`/${chunk}`, { origin: 'https://any-seller.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('Timing-Allow-Origin')).toBe('*');
  });

  it('does not serve anything else from the assets folder', async () => {
    expect((await call('/chunks/../widget.js.map')).status).toBe(404);
    expect((await call('/chunks/missing-0000.js')).status).toBe(404);
  });
});

describe('GET /custom-elements.json', () => {
  it("is the element's manifest: its attributes, events, parts and CSS properties", async () => {
    const response = await call('/custom-elements.json', { origin: 'https://any-seller.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const manifest = (await response.json()) as { modules: Array<{ declarations?: Array<Record<string, unknown>> }> };
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'popin-booking') as {
      attributes: Array<{ name: string }>;
      events: Array<{ name: string }>;
      cssParts: Array<{ name: string }>;
      cssProperties: Array<{ name: string }>;
    };
    expect(element.attributes.map((a) => a.name)).toEqual(['site', 'api', 'mode', 'open', 'position', 'label', 'name', 'mobile', 'country', 'lang', 'strings']);
    expect(element.events.map((e) => e.name)).toEqual(['popin-booking:registered', 'popin-booking:cancelled', 'popin-booking:open', 'popin-booking:close', 'popin-booking:error']);
    expect(element.cssParts.map((p) => p.name)).toEqual(expect.arrayContaining(['list', 'slot', 'button', 'book', 'form', 'join-now', 'status', 'dialog', 'launcher', 'close', 'calendar', 'seller-time', 'waiting-room']));
    expect(element.cssProperties.map((p) => p.name)).toEqual(expect.arrayContaining(['--popin-accent', '--popin-font']));
  });
});

describe('GET /s/{site}', () => {
  it("is a small mobile-friendly page with the site's title and the widget", async () => {
    const response = await call('/s/acme', { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain(`<title>Live demos · ${TEST_SITES.acme.title}</title>`);
    expect(page).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(page).toContain('<popin-booking site="acme"></popin-booking>');
    expect(page).toContain('<script type="module" src="/widget.js"></script>');
    expect(page.length).toBeLessThan(4_500);
    // An icon of its own (no /favicon.ico 404) and a description.
    expect(page).toMatch(/<link rel="icon" href="data:image\/svg\+xml,[^"]+" \/>/);
    expect(page).toContain(`<meta name="description" content="Pick a time for a live product demo of ${TEST_SITES.acme.title}`);
    const csp = response.headers.get('Content-Security-Policy');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-src 'none';");
  });

  it('prefills the form from its query string, bounded and escaped', async () => {
    const page = await (await call(`/s/acme?name=${encodeURIComponent('Priya "<b>"')}&mobile=9544510895&country=in&utm_source=x`, { origin: null })).text();
    expect(page).toContain('<popin-booking site="acme" name="Priya &quot;&lt;b&gt;&quot;" mobile="9544510895" country="IN"></popin-booking>');
    const odd = await (await call(`/s/acme?name=${'x'.repeat(300)}&country=India`, { origin: null })).text();
    expect(odd).toContain(`name="${'x'.repeat(100)}">`);
    expect(odd).not.toContain('country=');
  });

  it("gives the widget the customer's language: ?lang=, else Accept-Language by weight, among the shipped ones", async () => {
    const widget = async (path: string, acceptLanguage?: string) => {
      const response = await call(path, { origin: null, headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} });
      expect(response.headers.get('Vary')).toBe('Accept-Language');
      return /<popin-booking[^>]*>/.exec(await response.text())![0];
    };
    expect(await widget('/s/acme', 'hi-IN,hi;q=0.9,en;q=0.8')).toBe('<popin-booking site="acme" lang="hi">');
    expect(await widget('/s/acme', 'ja;q=1, en;q=0.9, ar;q=0.8')).toBe('<popin-booking site="acme">');
    expect(await widget('/s/acme', 'ja, pt-BR;q=0.5, de;q=0.7')).toBe('<popin-booking site="acme" lang="de">');
    expect(await widget('/s/acme?lang=ar', 'de')).toBe('<popin-booking site="acme" lang="ar">');
    expect(await widget('/s/acme?lang=%22%3E%3Cscript%3E', 'x'.repeat(5000))).toBe('<popin-booking site="acme">');
    expect(await widget('/s/acme')).toBe('<popin-booking site="acme">');
  });

  it("lets a Turnstile site's page load the challenge script and frame, and nothing else more", async () => {
    const csp = (await call('/s/guarded', { origin: null })).headers.get('Content-Security-Policy');
    expect(csp).toContain("script-src 'self' https://challenges.cloudflare.com;");
    expect(csp).toContain('frame-src https://challenges.cloudflare.com;');
    expect(csp).toContain("connect-src 'self';");
  });

  it('escapes the configured title', async () => {
    const sites = { x: { ...TEST_SITES.acme, title: '<img src=x onerror=alert(1)> & Co' } };
    const response = await app.request('/s/x', {}, { ...TEST_BINDINGS, SITES: JSON.stringify(sites) });
    const page = await response.text();
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
  });

  it('answers an unknown site with a friendly 404 page', async () => {
    const response = await call('/s/nope', { origin: null });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain("We couldn't find this demo page");
  });

  it("is allowed to call the API from the worker's own origin, whatever the site's origins say", async () => {
    const response = await call('/v1/sites/acme/slots', { origin: 'https://booking.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://booking.example');
  });
});

describe('GET /console', () => {
  it('is an HTML shell under a strict CSP that loads the console script from this origin', async () => {
    const response = await call('/console', { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Cache-Control')).toBe('no-cache');
    const page = await response.text();
    expect(page).toContain('<script type="module" src="/console/assets/console.js"></script>');
    expect(page).toContain('<popin-console></popin-console>');
    expect(page).not.toMatch(/<style|\sstyle=|<script>|\son\w+=/);
    const csp = response.headers.get('Content-Security-Policy')!;
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves the entry for revalidation and its hashed chunks for good, same origin only', async () => {
    const entry = await call('/console/assets/console.js', { origin: null });
    expect(entry.status).toBe(200);
    expect(entry.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(entry.headers.get('Cache-Control')).toBe('no-cache');
    expect(entry.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const code = await entry.text();
    expect(code).toContain('popin-console');
    const chunk = /\.\/(demos-[\w-]+\.js)/.exec(code)?.[1];
    expect(chunk, 'console.js imports the demos section lazily').toBeDefined();
    const response = await call(`/console/assets/${chunk}`, { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves nothing else from the assets folder', async () => {
    expect((await call('/console/assets/missing-00000000.js')).status).toBe(404);
    expect((await call('/console/assets/../widget/widget.js')).status).toBe(404);
    expect((await call('/widget/widget.js')).status).toBe(404);
    expect((await call('/console/console/assets/console.js')).status).toBe(404);
    // The widget's URLs are unchanged by the assets folder holding both.
    expect((await call('/console.js')).status).toBe(404);
    expect((await call('/chunks/console.js')).status).toBe(404);
  });
});
