import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { ledgerRoutes } from '../../worker/src/console/routes-ledger';
import { siteLedger, type Lead, type SiteLedger } from '../../worker/src/ledger/ledger';
import { TEST_BINDINGS } from './bindings';
import { consoleCall, newSite, operator, signIn } from './console-helpers';
import { call, captureConsole, durableObjects, expectError, json, popinRequests } from './helpers';

const SHOP = 'https://shop.example';

async function signUpOn(site: string, name: string, mobile: string, page = `${SHOP}/demos?utm_source=mail#top`): Promise<string> {
  const response = await call(`/v1/sites/${site}/customers`, { body: { name, mobile }, headers: { Referer: page } });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await json<{ token: string }>(response)).token;
}

interface Demos {
  demos: Array<{ id: number; name: string; bookings: Array<{ user_id: number; name: string | null; mobile: string | null; booked_at: string; page: string | null; tentimes_status: string | null }> }>;
}

describe('the bookings ledger', () => {
  it('records sign-ups, bookings and cancellations made through the worker: who is booked per demo, and the leads', async () => {
    const site = await newSite();
    const token = await signUpOn(site, 'Priya Sharma', '095445 10895');
    const booked = await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2853 }, token, headers: { Referer: `${SHOP}/checkout?id=5` } });
    expect(booked.status).toBe(200);
    const session = await signIn(site, TEST_BINDINGS.ADMIN_SECRET);

    const demos = await json<Demos>(await consoleCall(`/console/v1/sites/${site}/demos`, { cookie: session }));
    expect(demos.demos.map((demo) => demo.id)).toContain(2853);
    const demo = demos.demos.find((entry) => entry.id === 2853)!;
    expect(demo.bookings).toHaveLength(1);
    expect(demo.bookings[0]).toMatchObject({ name: 'Priya Sharma', mobile: '+919544510895', page: `${SHOP}/checkout`, tentimes_status: null });
    expect(Math.abs(Date.parse(demo.bookings[0]!.booked_at) - Date.now())).toBeLessThan(60_000);
    expect(demos.demos.filter((entry) => entry.id !== 2853).every((entry) => entry.bookings.length === 0)).toBe(true);

    const leads = await json<{ leads: Array<Record<string, unknown>>; next_cursor: string | null }>(await consoleCall(`/console/v1/sites/${site}/leads`, { cookie: session }));
    expect(leads.next_cursor).toBeNull();
    expect(leads.leads).toEqual([expect.objectContaining({ name: 'Priya Sharma', mobile: '+919544510895', bookings: 1, page: `${SHOP}/demos` })]);

    expect((await call(`/v1/sites/${site}/registrations/2853`, { method: 'DELETE', token })).status).toBe(200);
    const after = await json<Demos>(await consoleCall(`/console/v1/sites/${site}/demos`, { cookie: session }));
    expect(after.demos.flatMap((entry) => entry.bookings)).toEqual([]);
    const leadsAfter = await json<{ leads: Array<{ bookings: number }> }>(await consoleCall(`/console/v1/sites/${site}/leads`, { cookie: session }));
    expect(leadsAfter.leads[0]!.bookings).toBe(0);
  });

  it('pages the leads newest first with a cursor', async () => {
    const site = await newSite();
    for (const [index, mobile] of ['095445 10895', '098470 12345', '094470 54321'].entries()) await signUpOn(site, `Lead ${index}`, mobile);
    const first = await json<{ leads: Array<{ name: string }>; next_cursor: string }>(await consoleCall(`/console/v1/sites/${site}/leads?limit=2`, operator));
    expect(first.leads.map((lead) => lead.name)).toEqual(['Lead 2', 'Lead 1']);
    const second = await json<{ leads: Array<{ name: string }>; next_cursor: string | null }>(
      await consoleCall(`/console/v1/sites/${site}/leads?limit=2&cursor=${first.next_cursor}`, operator),
    );
    expect(second).toEqual({ leads: [expect.objectContaining({ name: 'Lead 0' })], next_cursor: null });
    await expectError(await consoleCall(`/console/v1/sites/${site}/leads?cursor=DROP%20TABLE`, operator), 422, 'validation_failed');
  });

  it('exports the leads as CSV with formula cells neutralised', async () => {
    const site = await newSite();
    await signUpOn(site, '=HYPERLINK("https://evil.example","x")', '095445 10895');
    await signUpOn(site, '@SUM(1+1)', '098470 12345');
    await signUpOn(site, '-2+3', '094470 54321', `${SHOP}/a,b`);
    const response = await consoleCall(`/console/v1/sites/${site}/leads.csv`, operator);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="leads-${site}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('user_id,name,mobile,first_seen,last_seen,bookings,page');
    expect(lines).toContainEqual(expect.stringMatching(/^\d+,'-2\+3,'\+919447054321,[^,]+,[^,]+,0,"https:\/\/shop\.example\/a,b"$/));
    expect(lines).toContainEqual(expect.stringMatching(/^\d+,'@SUM\(1\+1\),'\+919847012345,/));
    expect(lines).toContainEqual(expect.stringMatching(/^\d+,"'=HYPERLINK\(""https:\/\/evil\.example"",""x""\)",'\+919544510895,/));
    // No cell of any row starts with a formula character.
    for (const line of lines.slice(1, -1)) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
    expect((await consoleCall(`/console/v1/sites/${site}/audit`, operator)).status).toBe(200);
  });

  it('streams the CSV export a ledger page at a time: every lead once, newest first, across page boundaries', async () => {
    const site = await newSite();
    const total = 2_100;
    const at = Date.parse('2026-06-01T00:00:00Z');
    await runInDurableObject(siteLedger(env, site), async (ledger: SiteLedger) => {
      // Two leads per millisecond: the cursor (first_seen, user_id) must also order leads seen at the same moment.
      for (let i = 0; i < total; i++) await ledger.signedUp({ userId: 500_000 + i, name: `Lead ${i}`, mobile: '+919544510895', page: null, at: at + Math.floor(i / 2), retentionDays: 365 });
    });
    const response = await consoleCall(`/console/v1/sites/${site}/leads.csv`, operator);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(decoder.decode(read.value, { stream: true }));
    const lines = chunks.join('').split('\r\n');
    expect(lines[0]).toBe('user_id,name,mobile,first_seen,last_seen,bookings,page');
    expect(lines.at(-1)).toBe('');
    const ids = lines.slice(1, -1).map((line) => Number(line.split(',')[0]));
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => 500_000 + total - 1 - i));
  });

  it('reads the ledger for the CSV export only as the download takes it, and breaks the download off when a later page fails', async () => {
    const logged = captureConsole();
    const lead = (i: number): Lead => ({ user_id: 900_000 - i, name: `Lead ${i}`, mobile: '+919544510895', first_seen: 1_780_000_000_000 - i, last_seen: 1_780_000_000_000 - i, bookings: 1, page: null });
    let reads = 0;
    // Three full pages, then a ledger that cannot be read.
    const ledger = {
      leads: async (before: [number, number] | null) => {
        reads++;
        if (reads === 4) throw new Error('ledger unavailable');
        const from = before ? 900_000 - before[1] + 1 : 0;
        return Array.from({ length: 1000 }, (_, i) => lead(from + i));
      },
      audit: async () => {},
    };
    const testEnv = { ...TEST_BINDINGS, ...durableObjects, TENTIMES_OUTBOX: env.TENTIMES_OUTBOX, SITE_LEDGER: { idFromName: () => ({}), get: () => ledger } };
    // The console's ledger routes on their own: the app's fetch is wrapped by the contract check
    // (contract.ts), which reads every body whole before the test sees it, the very thing this
    // test must see not happen. The contract of this route is checked by the tests above.
    const response = await ledgerRoutes.request('/console/v1/sites/acme/leads.csv', { headers: { Authorization: `Bearer ${TEST_BINDINGS.ADMIN_SECRET}`, 'CF-Connecting-IP': '2001:db8::78' } }, testEnv);
    expect(response.status).toBe(200);
    // The answer starts after the first page: a ledger of 100,000 leads is never held whole.
    expect(reads).toBe(1);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let failure: unknown;
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value, { stream: true });
    } catch (error) {
      failure = error;
    }
    // Three pages arrived, then the download failed instead of ending as if it were complete.
    expect(String(failure)).toContain('ledger unavailable');
    expect(reads).toBe(4);
    expect(text.split('\r\n')).toHaveLength(1 + 3000 + 1);
    expect(logged()).toContain('leads export broken off (ledger unavailable)');
  });

  it('"forget this customer" deletes their rows and their tokens stop working', async () => {
    const site = await newSite();
    const token = await signUpOn(site, 'Priya Sharma', '095445 10895');
    expect((await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2853 }, token })).status).toBe(200);
    const other = await signUpOn(site, 'Ravi Kumar', '098470 12345');
    const leads = await json<{ leads: Array<{ user_id: number; name: string }> }>(await consoleCall(`/console/v1/sites/${site}/leads`, operator));
    const priya = leads.leads.find((lead) => lead.name === 'Priya Sharma')!.user_id;

    const session = await signIn(site, TEST_BINDINGS.ADMIN_SECRET);
    expect((await consoleCall(`/console/v1/sites/${site}/customers/${priya}`, { method: 'DELETE', cookie: session })).status).toBe(204);
    const left = await json<{ leads: Array<{ name: string }> }>(await consoleCall(`/console/v1/sites/${site}/leads`, operator));
    expect(left.leads.map((lead) => lead.name)).toEqual(['Ravi Kumar']);
    const demos = await json<Demos>(await consoleCall(`/console/v1/sites/${site}/demos`, operator));
    expect(demos.demos.flatMap((demo) => demo.bookings)).toEqual([]);

    const calls = popinRequests('register').length;
    await expectError(await call(`/v1/sites/${site}/slots`, { token }), 401, 'invalid_token');
    await expectError(await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2195 }, token }), 401, 'invalid_token');
    await expectError(await call(`/v1/sites/${site}/registrations/2853`, { method: 'DELETE', token }), 401, 'invalid_token');
    expect(popinRequests('register')).toHaveLength(calls);
    // Another customer of the site is not affected.
    expect((await call(`/v1/sites/${site}/slots`, { token: other })).status).toBe(200);
    const actions = (await json<{ entries: Array<{ actor: string; action: string; detail: string }> }>(await consoleCall(`/console/v1/sites/${site}/audit`, operator))).entries;
    expect(actions[0]).toMatchObject({ actor: 'operator', action: 'customer.forget', detail: `user ${priya}` });
    await expectError(await consoleCall(`/console/v1/sites/${site}/customers/0`, { method: 'DELETE', ...operator }), 422, 'validation_failed');
  });

  it('never fails or loses a booking when the ledger is down: the customer gets their answer, the miss is logged', async () => {
    const logged = captureConsole();
    const broken = { idFromName: () => ({}), get: () => { throw new Error('ledger unavailable'); } };
    const testEnv = { ...TEST_BINDINGS, ...durableObjects, TENTIMES_OUTBOX: env.TENTIMES_OUTBOX, SITE_LEDGER: broken };
    const request = (path: string, init: RequestInit & { token?: string } = {}) =>
      app.request(path, {
        ...init,
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '2001:db8::77', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
      }, testEnv);
    const signUp = await request('/v1/sites/acme/customers', { method: 'POST', body: JSON.stringify({ name: 'Priya Sharma', mobile: '095445 10895' }) });
    expect(signUp.status).toBe(200);
    const { token } = await json<{ token: string }>(signUp);
    expect((await request('/v1/sites/acme/registrations', { method: 'POST', body: JSON.stringify({ event_id: 2853 }), token })).status).toBe(200);
    expect(popinRequests('register')).toHaveLength(1);
    expect((await request('/v1/sites/acme/registrations/2853', { method: 'DELETE', token })).status).toBe(200);
    expect(popinRequests('cancel')).toHaveLength(1);
    expect(logged()).toMatch(/ledger site=acme: sign-up of user \d+ NOT RECORDED/);
    expect(logged()).toMatch(/ledger site=acme: booking \d+:2853 NOT RECORDED/);
    expect(logged()).toMatch(/ledger site=acme: cancellation \d+:2853 NOT RECORDED/);
  });

  it('prunes rows older than the site\'s retentionDays', async () => {
    const site = await newSite({ retentionDays: 30 });
    await signUpOn(site, 'Priya Sharma', '095445 10895');
    const ledger = siteLedger(env, site);
    await ledger.prune(Date.now() + 29 * 86_400_000);
    expect(await ledger.leads(null, 10)).toHaveLength(1);
    await ledger.prune(Date.now() + 31 * 86_400_000);
    expect(await ledger.leads(null, 10)).toEqual([]);
    expect(await ledger.auditPage(null, 10)).toEqual([]);
  });
});

describe('pausing bookings', () => {
  it('refuses sign-ups and bookings with 423 while paused, keeps cancellations, and says so in the slots', async () => {
    const site = await newSite();
    const token = await signUpOn(site, 'Priya Sharma', '095445 10895');
    expect((await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2853 }, token })).status).toBe(200);
    const session = await signIn(site, TEST_BINDINGS.ADMIN_SECRET);
    const paused = await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', body: { paused: true }, cookie: session });
    expect(await json(paused)).toMatchObject({ id: site, paused: true });

    const slots = await json<{ site: { paused?: boolean } }>(await call(`/v1/sites/${site}/slots`));
    expect(slots.site.paused).toBe(true);
    const captures = popinRequests('capture').length;
    await expectError(await call(`/v1/sites/${site}/customers`, { body: { name: 'Ravi', mobile: '098470 12345' } }), 423, 'bookings_paused');
    await expectError(await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2195 }, token }), 423, 'bookings_paused');
    expect(popinRequests('capture')).toHaveLength(captures);
    expect(popinRequests('register')).toHaveLength(1);
    expect((await call(`/v1/sites/${site}/registrations/2853`, { method: 'DELETE', token })).status).toBe(200);

    await consoleCall(`/console/v1/sites/${site}`, { method: 'PATCH', body: { paused: false }, cookie: session });
    expect((await json<{ site: { paused?: boolean } }>(await call(`/v1/sites/${site}/slots`))).site.paused).toBeUndefined();
    expect((await call(`/v1/sites/${site}/registrations`, { body: { event_id: 2195 }, token })).status).toBe(200);
    const actions = (await json<{ entries: Array<{ action: string }> }>(await consoleCall(`/console/v1/sites/${site}/audit`, operator))).entries.map((entry) => entry.action);
    expect(actions.slice(0, 2)).toEqual(['bookings.resume', 'bookings.pause']);
  });

  it('pauses a site configured in SITES too (its state lives in the directory)', async () => {
    const session = await signIn('acme');
    await consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { paused: true }, cookie: session });
    try {
      await expectError(await call('/v1/sites/acme/customers', { body: { name: 'Ravi', mobile: '098470 12345' } }), 423, 'bookings_paused');
    } finally {
      await consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { paused: false }, cookie: session });
    }
    expect((await call('/v1/sites/acme/customers', { body: { name: 'Ravi', mobile: '098470 12345' } })).status).toBe(200);
  });
});
