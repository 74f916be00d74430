import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index';
import { siteDirectory } from '../../worker/src/sites/directory';
import { TEST_SITES } from './bindings';
import { consoleCall, consoleRequest, newSite, operator, signIn, type ConsoleOptions } from './console-helpers';
import { call, expectError, json } from './helpers';

const base = { seller: 'seller-demo', origins: ['https://shop.example'], country: 'IN', timezone: 'Asia/Kolkata' };

/**
 * The worker's own fetch handler with the test env, as the runtime calls it. Thousands of
 * requests through `exports.default.fetch` (what `consoleCall` uses) slow down in the test
 * pool itself, each one more than the last (measured: a bare /healthz goes from 4 ms to
 * 120 ms per request after 600 of them, while the handler called directly stays at 0.04 ms),
 * so the 1,000-site test calls the handler directly. It takes about 2.5 minutes on an idle machine
 * of this kind and over 5 on one shared with other work: its timeout leaves room for that.
 */
const direct = (path: string, options: ConsoleOptions = {}) => worker.fetch(consoleRequest(path, options), env, createExecutionContext());

describe('sites in the store', () => {
  it('serves 1,000 sites created through the operator API (none in SITES) from one deployment, and lists them page by page', { timeout: 600_000 }, async () => {
    const run = Date.now().toString(36);
    const ids = Array.from({ length: 1000 }, (_, index) => `k-${run}-${String(index).padStart(4, '0')}`);
    // One after another: concurrent creations only queue at the one directory object, and
    // in local workerd they cost more in all (each new site also gets its own ledger object).
    for (const id of ids) {
      const answer = await direct('/console/v1/sites', { ...operator, body: { id, title: `Shop ${id}`, ...base } });
      expect(answer.status, id).toBe(201);
      await answer.body?.cancel();
    }
    for (const id of ids) expect(id in TEST_SITES).toBe(false);

    // A sample is served by API v1 like any SITES site.
    for (const id of [ids[0]!, ids[417]!, ids[999]!]) {
      const slots = await call(`/v1/sites/${id}/slots`);
      expect(slots.status).toBe(200);
      expect(await json(slots)).toMatchObject({ site: { title: `Shop ${id}` } });
    }

    // Page by page, in id order, each id once: the new sites and the SITES ones.
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const page: { sites: Array<{ id: string; title: string; paused: boolean }>; next_cursor: string | null } = await json(
        await direct(`/console/v1/sites?limit=200${cursor ? `&cursor=${cursor}` : ''}`, operator),
      );
      expect(page.sites.length).toBeLessThanOrEqual(200);
      seen.push(...page.sites.map((site) => site.id));
      cursor = page.next_cursor;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    for (const id of [...ids, ...Object.keys(TEST_SITES)]) expect(seen).toContain(id);
    // Numeric ids are distinct and stable.
    const nums = await Promise.all([ids[0]!, ids[1]!].map(async (id) => (await siteDirectory(env).get(id))!.num));
    expect(nums[0]).not.toBe(nums[1]);
  });

  it('refuses bad settings, taken ids and secrets in the settings', async () => {
    const id = `n-${Date.now().toString(36)}`;
    const create = (body: unknown) => consoleCall('/console/v1/sites', { ...operator, body });
    const bad = await expectError(await create({ id, title: 'x', ...base, origins: ['https://shop.example/path'], timezone: 'Mars/Base' }), 422, 'validation_failed');
    expect(Object.keys(bad.errors!).sort()).toEqual(['origins', 'timezone']);
    const secret = await expectError(await create({ id, title: 'x', ...base, apiKey: 'popin-key-in-the-settings' }), 422, 'validation_failed');
    expect(Object.keys(secret.errors!)).toEqual(['apiKey']);
    await expectError(await create({ id: 'acme', title: 'x', ...base }), 409, 'site_exists');
    expect((await create({ id, title: 'x', ...base })).status).toBe(201);
    await expectError(await create({ id, title: 'x', ...base }), 409, 'site_exists');
    await expectError(await create({ id: 'Bad Id', title: 'x', ...base }), 422, 'validation_failed');
    await expectError(await consoleCall('/console/v1/sites?limit=5000', operator), 422, 'validation_failed');
  });

  it("stores a site's secrets encrypted, never answers them, and uses them (console key, Popin key)", async () => {
    const site = await newSite();
    const consoleKey = `console-key-${site}-0123456789abcdef`;
    const popinKey = 'test-popin-api-key';
    expect((await consoleCall(`/console/v1/sites/${site}/secrets`, { method: 'PUT', ...operator, body: { console_key: consoleKey, popin_api_key: popinKey } })).status).toBe(204);
    const row = JSON.stringify(await siteDirectory(env).get(site));
    expect(row).not.toContain(consoleKey);
    expect(row).not.toContain(popinKey);
    expect(row).toMatch(/"secrets":"v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);

    const session = await signIn(site, consoleKey);
    const view = await (await consoleCall(`/console/v1/sites/${site}`, { cookie: session })).text();
    expect(view).not.toContain(consoleKey);
    expect(JSON.parse(view)).toMatchObject({ id: site, stored: true, paused: false, retention_days: 365, embed: { element: `<popin-booking site="${site}"></popin-booking>`, share_url: `https://booking.example/s/${site}` } });
    expect((await consoleCall(`/console/v1/sites/${site}`, { bearer: consoleKey })).status).toBe(200);
    // Its key opens its site only.
    await expectError(await consoleCall('/console/v1/sites/acme', { bearer: consoleKey }), 403, 'forbidden_site');
    expect((await call(`/v1/sites/${site}/slots`)).status).toBe(200);

    // A new console key ends the sessions opened with the old one.
    await consoleCall(`/console/v1/sites/${site}/secrets`, { method: 'PUT', ...operator, body: { console_key: `${consoleKey}-new` } });
    await expectError(await consoleCall(`/console/v1/sites/${site}`, { cookie: session }), 401, 'unauthorized');
    const audit = await json<{ entries: Array<{ action: string; detail: string }> }>(await consoleCall(`/console/v1/sites/${site}/audit`, operator));
    expect(audit.entries[0]).toMatchObject({ action: 'secrets.update', detail: 'console_key' });
    expect(JSON.stringify(audit)).not.toContain(consoleKey);
    await expectError(await consoleCall('/console/v1/sites/acme/secrets', { method: 'PUT', ...operator, body: { popin_api_key: 'x' } }), 409, 'site_in_env');
    await expectError(await consoleCall(`/console/v1/sites/${site}/secrets`, { method: 'PUT', ...operator, body: { console_key: 'short' } }), 422, 'validation_failed');
  });

  it('lets the seller rename a stored site and the operator change its origins (CORS follows)', async () => {
    const site = await newSite();
    const session = await signIn(site, (await import('./bindings')).ADMIN_TEST_SECRET);
    expect(await json(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', cookie: session, body: { title: 'Renamed', origins: ['https://other.example'] } }))).toMatchObject({ title: 'Renamed', origins: ['https://other.example'] });
    expect((await call(`/v1/sites/${site}/slots`, { origin: 'https://other.example' })).status).toBe(200);
    await expectError(await call(`/v1/sites/${site}/slots`, { origin: 'https://shop.example' }), 403, 'origin_not_allowed');
    await expectError(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', cookie: session, body: { timezone: 'Nowhere/Land' } }), 422, 'validation_failed');
    await expectError(await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', cookie: session, body: { colour: 'red' } }), 422, 'validation_failed');
  });
});

describe('stored sites beyond API v1', () => {
  it('has a share page at the embed share_url', async () => {
    const site = await newSite();
    const view = await json<{ embed: { share_url: string } }>(await consoleCall(`/console/v1/sites/${site}`, operator));
    const page = await call(new URL(view.embed.share_url).pathname, { origin: null });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Shop ${site}`);
  });
});
