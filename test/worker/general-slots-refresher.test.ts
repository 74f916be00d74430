import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import app from '../../worker/src/index';
import { forgetBudgets } from '../../worker/src/popin/budget';
import { popinClientOptions } from '../../worker/src/popin/client';
import { generalSlotsKey } from '../../worker/src/popin/general-slots';
import { generalSlotsRefresher, type RefreshAnswer } from '../../worker/src/popin/refresher';
import { forgetSharedSlots } from '../../worker/src/popin/slots-cache';
import { captureConsole, expectError, expectNoLeak, json, popin, popinRequests, signUp } from './helpers';
import { POPIN_TEST_KEY, POPIN_TEST_URL, SHOP_ORIGIN } from './bindings';

/**
 * One refresher per site for the general list (worker/src/popin/refresher.ts, issue #15). An
 * "isolate" is simulated by forgetting this isolate's memory copy and the location's Cache API
 * copy between calls (forgetSharedSlots): what a new isolate, or one in another location, has.
 * Several isolates asking at once are several RPC asks to the refresher, exactly what each
 * isolate's generalSlots sends (this isolate coalesces its own concurrent misses before that).
 */

interface Slots {
  events: Array<{ id: number }>;
  stale?: true;
}

const KEY = generalSlotsKey(POPIN_TEST_URL, 'acme', 'seller-demo');
const refresher = () => generalSlotsRefresher(env.GENERAL_SLOTS_REFRESHER, KEY);
/** Site acme's defaults: slotsCacheSeconds 5, revalidate 60 s, slotsStaleIfErrorSeconds 900. */
const POLICY = { freshMs: 5_000, revalidateMs: 60_000, staleIfErrorMs: 900_000 };
const ask = (): Promise<RefreshAnswer> =>
  refresher().slots({
    popin: popinClientOptions({ popinBaseUrl: POPIN_TEST_URL, popinTimeouts: { readMs: 5_000, writeMs: 10_000 } }, { seller: 'seller-demo', apiKey: POPIN_TEST_KEY }),
    policy: POLICY,
  });
const headers = { Origin: SHOP_ORIGIN, 'CF-Connecting-IP': '198.51.100.9' };
/** A page view from a new isolate: no memory copy, no edge copy. */
async function fromNewIsolate(environment: object = env): Promise<Response> {
  await forgetSharedSlots(KEY);
  return app.request('/v1/sites/acme/slots', { headers }, environment);
}

beforeEach(forgetBudgets);
afterEach(async () => {
  vi.restoreAllMocks();
  await forgetBudgets(); // a rest left in the Cache API must not reach other tests
});

describe('one refresher per site for the general list', () => {
  it('several isolates asking at once make exactly one Popin call, and all get that list', async () => {
    popin.faults.latencyMs = 50;
    const answers = await Promise.all(Array.from({ length: 20 }, ask));
    expect(popinRequests('slots')).toHaveLength(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]).toMatchObject({ ok: true, stale: false });
  });

  it('new isolates (no memory, no edge copy) ask the refresher, not Popin, while the list is fresh', async () => {
    const first = await fromNewIsolate();
    expect(first.status).toBe(200);
    const bodies = [await json<Slots>(first)];
    for (let isolate = 0; isolate < 5; isolate++) {
      const response = await fromNewIsolate();
      expect(response.status).toBe(200);
      bodies.push(await json<Slots>(response));
    }
    expect(popinRequests('slots')).toHaveLength(1);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]!.events.length).toBeGreaterThan(0);
    expect(bodies[0]!.stale).toBeUndefined();
  });

  it('a list past its fresh time is refreshed once, however many isolates ask', async () => {
    const before = await ask();
    expect(popinRequests('slots')).toHaveLength(1);
    const now = Date.now();
    // Past fresh (5 s) and revalidate (60 s): the list must be fetched again before it is served.
    vi.spyOn(Date, 'now').mockReturnValue(now + 120_000);
    popin.faults.latencyMs = 50;
    const answers = await Promise.all(Array.from({ length: 20 }, ask));
    expect(popinRequests('slots')).toHaveLength(2);
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, stale: false, fetchedAt: now + 120_000 });
    expect(before.ok && before.fetchedAt).toBeLessThan(now + 1);
  });

  it('within the revalidate time: the list is served at once and refreshed once behind it', async () => {
    const first = await ask();
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 10_000); // past fresh (5 s), within revalidate (60 s)
    popin.faults.latencyMs = 50;
    const answers = await Promise.all(Array.from({ length: 10 }, ask));
    for (const answer of answers) expect(answer).toEqual(first); // served without waiting for Popin
    // Popin received the refresh as soon as it started; the refresher has the new list once it answered.
    await vi.waitFor(async () => expect(await ask()).toMatchObject({ ok: true, fetchedAt: now + 10_000 }));
    expect(popinRequests('slots')).toHaveLength(2);
    // The next isolate gets the new list (Age 0), and Popin is not asked again.
    const after = await fromNewIsolate();
    expect(after.status).toBe(200);
    expect(Number(after.headers.get('Age'))).toBe(0);
    expect(popinRequests('slots')).toHaveLength(2);
  });

  it('Popin down: the refresher serves its last list marked stale, also after it was evicted or restarted', async () => {
    const fresh = await json<Slots>(await fromNewIsolate());
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 120_000);
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots', count: 'always' });

    const first = await fromNewIsolate();
    expect(first.status).toBe(200);
    expect(await json<Slots>(first)).toEqual({ ...fresh, stale: true });
    expect(Number(first.headers.get('Age'))).toBeGreaterThanOrEqual(120);
    // The read and its two retries (a 5xx is retried), once for every isolate:
    expect(popinRequests('slots')).toHaveLength(1 + 3);
    // the failure is remembered for the fresh period: the next isolates do not ask Popin again.
    expect(await json<Slots>(await fromNewIsolate())).toEqual({ ...fresh, stale: true });
    expect(popinRequests('slots')).toHaveLength(1 + 3);

    // The refresher loses its memory (eviction, restart, a new version): its stored copy remains.
    await abortAllDurableObjects();
    const restarted = await fromNewIsolate();
    expect(restarted.status).toBe(200);
    expect(await json<Slots>(restarted)).toEqual({ ...fresh, stale: true });
    expect(popinRequests('slots')).toHaveLength(1 + 3 + 3);
  });

  it('Popin down past slotsStaleIfErrorSeconds: the same error as without a refresher (502 upstream_error)', async () => {
    expect((await fromNewIsolate()).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 16 * 60_000);
    popin.faults.inject({ kind: 'status', status: 500, endpoint: 'slots', count: 'always' });
    await expectError(await fromNewIsolate(), 502, 'upstream_error');
  });

  it('the budget spent: 503 popin_busy with Retry-After and no Popin call; with a stored list, that list marked stale', async () => {
    const token = await signUp();
    const withBudget = { ...env, POPIN_CALLS_PER_SECOND: '2' };
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now); // one second: two calls, then the budget is spent
    const view = () => app.request('/v1/sites/acme/slots', { headers: { ...headers, Authorization: `Bearer ${token}` } }, withBudget);
    expect((await view()).status).toBe(200);
    expect((await view()).status).toBe(200);
    const before = popinRequests('slots').length;
    const refused = await fromNewIsolate(withBudget);
    await expectError(refused, 503, 'popin_busy');
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(popinRequests('slots')).toHaveLength(before);

    // A second later the budget has one call: the refresher makes it and keeps the list.
    vi.spyOn(Date, 'now').mockReturnValue(now + 1_000);
    const fresh = await json<Slots>(await fromNewIsolate(withBudget));
    expect(popinRequests('slots')).toHaveLength(before + 1);
    // Past its fresh and revalidate time, with the budget spent again: the stored list, stale.
    vi.spyOn(Date, 'now').mockReturnValue(now + 121_000);
    for (let spent = 0; spent < 2; spent++) expect((await view()).status).toBe(200);
    const stale = await fromNewIsolate(withBudget);
    expect(stale.status).toBe(200);
    expect(await json<Slots>(stale)).toEqual({ ...fresh, stale: true });
    expect(popinRequests('slots')).toHaveLength(before + 1 + 2);
  });

  it('the refresher stores the list and nothing else (never the API key), and deletes it once it can no longer be served', async () => {
    await ask();
    const stored = () => runInDurableObject(refresher(), async (_instance, state) => JSON.stringify([...(await state.storage.list()).entries()]));
    expect(await stored()).toContain('"fetchedAt"');
    expectNoLeak(await stored());
    const now = Date.now();
    // Within fresh + stale-if-error (5 s + 15 min) the alarm keeps it; after that it is gone.
    vi.spyOn(Date, 'now').mockReturnValue(now + 10 * 60_000);
    await runDurableObjectAlarm(refresher());
    expect(await stored()).toContain('"fetchedAt"');
    vi.spyOn(Date, 'now').mockReturnValue(now + 16 * 60_000);
    await runDurableObjectAlarm(refresher());
    expect(await stored()).toBe('[]');
    // And it works again afterwards.
    expect(await ask()).toMatchObject({ ok: true, stale: false });
    expect(popinRequests('slots')).toHaveLength(2);
  });
});

describe('when the refresher cannot be reached', () => {
  const broken = {
    ...env,
    GENERAL_SLOTS_REFRESHER: {
      idFromName: (name: string) => env.GENERAL_SLOTS_REFRESHER.idFromName(name),
      get: () => ({
        slots: () => Promise.reject(new Error('Durable Object is overloaded. Too many requests queued.')),
      }),
    },
  };

  it('the isolate calls Popin itself, as before the refresher, and says so in its log', async () => {
    const logged = captureConsole();
    const response = await fromNewIsolate(broken);
    expect(response.status).toBe(200);
    expect((await json<Slots>(response)).events.length).toBeGreaterThan(0);
    expect(popinRequests('slots')).toHaveLength(1);
    expect(logged()).toContain('general slots refresher unreachable: Durable Object is overloaded');
    expectNoLeak(logged());
  });

  it("and Popin down too: the isolate's copy is served stale; with no copy at all, 502 upstream_error", async () => {
    captureConsole();
    const fresh = await json<Slots>(await app.request('/v1/sites/acme/slots', { headers }, broken));
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 120_000);
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots', count: 'always' });
    const stale = await app.request('/v1/sites/acme/slots', { headers }, broken);
    expect(stale.status).toBe(200);
    expect(await json<Slots>(stale)).toEqual({ ...fresh, stale: true });
    await expectError(await fromNewIsolate(broken), 502, 'upstream_error');
  });
});
