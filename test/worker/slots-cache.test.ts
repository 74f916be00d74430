import { describe, expect, it, vi } from 'vitest';
import { call, expectError, json, popin, popinRequests, signUp } from './helpers';

interface Slots {
  events: Array<{ id: number; join_url: string | null }>;
  registered: number[];
  stale?: true;
}

const general = () => call('/v1/sites/acme/slots');

describe('the general slots list is shared (slotsCacheSeconds, default 5)', () => {
  it('100 concurrent requests reach Popin once', async () => {
    popin.faults.latencyMs = 50;
    const responses = await Promise.all(Array.from({ length: 100 }, general));
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    const bodies = await Promise.all(responses.map((response) => json<Slots>(response)));
    expect(new Set(bodies.map((body) => JSON.stringify(body.events))).size).toBe(1);
    expect(popinRequests('slots')).toHaveLength(1);
  });

  it('later requests within the fresh time are served from the copy, with its Age', async () => {
    expect((await general()).status).toBe(200);
    const again = await general();
    expect(again.status).toBe(200);
    expect(Number(again.headers.get('Age'))).toBeLessThanOrEqual(5);
    expect(popinRequests('slots')).toHaveLength(1);
  });

  it('when Popin fails after the fresh time, the last known list is served with stale: true', async () => {
    const fresh = await json<Slots>(await general());
    expect(fresh.stale).toBeUndefined();
    const now = Date.now();
    // 2 minutes later: past fresh (5 s) and revalidate (60 s), within stale-if-error (15 min).
    vi.spyOn(Date, 'now').mockReturnValue(now + 120_000);
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots', count: 'always' });
    const response = await general();
    expect(response.status).toBe(200);
    const stale = await json<Slots>(response);
    expect(stale.stale).toBe(true);
    expect(stale.events).toEqual(fresh.events);
    expect(Number(response.headers.get('Age'))).toBeGreaterThanOrEqual(120);
  });

  it('past slotsStaleIfErrorSeconds (default 15 min) a Popin failure is an error again', async () => {
    expect((await general()).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 16 * 60_000);
    popin.faults.inject({ kind: 'hang', endpoint: 'slots' });
    await expectError(await general(), 504, 'upstream_timeout');
  });

  it('a Popin timeout with no copy at all is a 504 (nothing to serve)', async () => {
    popin.faults.inject({ kind: 'hang', endpoint: 'slots' });
    await expectError(await general(), 504, 'upstream_timeout');
  });

  it('a 5xx on a read is retried (capped backoff): one 503 costs the visitor nothing', async () => {
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots' });
    expect((await general()).status).toBe(200);
    expect(popinRequests('slots')).toHaveLength(2);
  });

  it("customer views are never cached or shared: each one asks Popin with that customer's user_id", async () => {
    const first = await signUp('First Customer', '+91 98765 43210');
    const second = await signUp('Second Customer', '095445 10895');
    await general();
    for (const token of [first, second, first]) expect((await call('/v1/sites/acme/slots', { token })).status).toBe(200);
    expect(popinRequests('slots').map((request) => request.query.user_id)).toEqual([
      undefined,
      ...[first, second, first].map((token) => String(JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).user_id)),
    ]);
    const mine = await json<Slots>(await call('/v1/sites/acme/slots', { token: first }));
    const shared = await json<Slots>(await general());
    expect(mine.events[0]?.join_url).not.toBe(shared.events[0]?.join_url);
  });

  it('two sites never share a list', async () => {
    await general();
    const empty = await json<Slots>(await call('/v1/sites/empty/slots', { origin: 'https://empty.example' }));
    expect(empty.events).toEqual([]);
    expect(popinRequests('slots').map((request) => request.headers['x-token'])).toEqual(['seller-demo', 'seller-empty']);
  });
});
