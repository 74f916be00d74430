import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import app from '../../worker/src/index';
import { TEST_BINDINGS, TEST_SITES } from './bindings';
import { call, durableObjects, expectError, popinRequests, randomClientIp, signUp } from './helpers';

const CUSTOMER = { name: 'Priya Sharma', mobile: '9544510895' };
const fromIp = (ip: string, headers: Record<string, string> = {}) => ({ headers: { 'CF-Connecting-IP': ip, ...headers } });
const capture = (ip: string, headers: Record<string, string> = {}) => call('/v1/sites/acme/customers', { body: CUSTOMER, ...fromIp(ip, headers) });

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
  return (await Promise.all(responses)).map((response) => response.status);
}

describe('rate limits per site and client (CF-Connecting-IP)', () => {
  it('customers: 10 a minute by default, then 429 rate_limited with Retry-After; Popin sees only the 10', async () => {
    const ip = randomClientIp();
    for (let i = 0; i < 10; i++) expect((await capture(ip)).status).toBe(200);
    const refused = await capture(ip);
    const error = await expectError(refused, 429, 'rate_limited');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.message).toContain(`${retryAfter} seconds`);
    expect(popinRequests('capture')).toHaveLength(10);
  });

  it('another client, or the same client on another site, has its own allowance', async () => {
    const ip = randomClientIp();
    for (let i = 0; i < 10; i++) await capture(ip);
    expect((await capture(ip)).status).toBe(429);
    expect((await capture(randomClientIp())).status).toBe(200);
    const otherSite = await call('/v1/sites/empty/customers', { body: { ...CUSTOMER, mobile: '+447911123456' }, origin: 'https://empty.example', ...fromIp(ip) });
    expect(otherSite.status).toBe(200);
  });

  it('X-Forwarded-For is ignored: a bot cannot buy new allowances by writing it', async () => {
    const ip = randomClientIp();
    const sent = Array.from({ length: 15 }, (_, i) => capture(ip, { 'X-Forwarded-For': `203.0.113.${i}` }));
    expect((await statuses(sent)).filter((status) => status === 429)).toHaveLength(5);
  });

  it('registrations (book and cancel): 20 a minute by default', async () => {
    const token = await signUp();
    const ip = randomClientIp();
    const sent = Array.from({ length: 25 }, (_, i) =>
      i % 2
        ? call('/v1/sites/acme/registrations/2853', { method: 'DELETE', token, ...fromIp(ip) })
        : call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token, ...fromIp(ip) }),
    );
    const result = await statuses(sent);
    expect(result.filter((status) => status === 429)).toHaveLength(5);
    expect(result.filter((status) => status === 200)).toHaveLength(20);
  });

  it('slots: a looser 120 a minute', async () => {
    const ip = randomClientIp();
    const result = await statuses(Array.from({ length: 125 }, () => call('/v1/sites/acme/slots', fromIp(ip))));
    // One more request is allowed every 0.5 s; this burst takes a second or two on a busy machine.
    const allowed = result.filter((status) => status === 200).length;
    expect(allowed).toBeGreaterThanOrEqual(120);
    expect(allowed).toBeLessThanOrEqual(124);
    expect(result.filter((status) => status !== 200).every((status) => status === 429)).toBe(true);
  });

  it('a refused request is refused before its body is read or checked', async () => {
    const ip = randomClientIp();
    for (let i = 0; i < 10; i++) await capture(ip);
    const oversized = await call('/v1/sites/acme/customers', { body: 'x'.repeat(20_000), ...fromIp(ip) });
    await expectError(oversized, 429, 'rate_limited');
  });

  it('CORS preflights are not counted', async () => {
    const ip = randomClientIp();
    for (let i = 0; i < 20; i++) {
      const preflight = await call('/v1/sites/acme/customers', { method: 'OPTIONS', ...fromIp(ip, { 'Access-Control-Request-Method': 'POST' }) });
      expect(preflight.status).toBe(204);
    }
    expect((await capture(ip)).status).toBe(200);
  });

  it('limits are configurable per site in SITES', async () => {
    const env = {
      ...TEST_BINDINGS,
      ...durableObjects,
      SITES: JSON.stringify({ ...TEST_SITES, acme: { ...TEST_SITES.acme, limits: { customersPerMinute: 2 } } }),
    };
    const ip = randomClientIp();
    const send = () =>
      app.request('/v1/sites/acme/customers', { method: 'POST', headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip }, body: JSON.stringify(CUSTOMER) }, env);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    await expectError(await send(), 429, 'rate_limited');
  });
});

describe('reads: decided in the isolate, under a location-wide ceiling (READ_CEILING, the Workers rate-limiting binding)', () => {
  it('the binding is bound and answers inside workerd, as wrangler.jsonc declares it', async () => {
    expect(await env.READ_CEILING.limit({ key: `probe|${crypto.randomUUID()}` })).toEqual({ success: true });
  });

  it('when the ceiling says no, a slots read gets 429 rate_limited with Retry-After, and Popin is not asked', async () => {
    const spy = vi.spyOn(env.READ_CEILING, 'limit').mockResolvedValue({ success: false });
    try {
      const refused = await call('/v1/sites/acme/slots', fromIp(randomClientIp()));
      await expectError(refused, 429, 'rate_limited');
      expect(refused.headers.get('Retry-After')).toBe('60');
      expect(spy).toHaveBeenCalledWith({ key: expect.stringMatching(/^acme\|[46]:/) });
      expect(popinRequests('slots')).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
