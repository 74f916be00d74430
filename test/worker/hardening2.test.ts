import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { signToken, TOKEN_TTL_SECONDS } from '../../worker/src/auth/token';
import { siteWebhookSecret } from '../../worker/src/tentimes/webhook-secret';
import type { RateLimiter } from '../../worker/src/limits/rate-limiter';
import * as demo from '../../demo/local-secrets';
import devVarsExample from '../../worker/.dev.vars.example?raw';
import { EXAMPLE_VISITOR_LEAD } from '../../demo/tentimes-simulator/app';
import { EXPO_SITE, TEST_BINDINGS, TEST_SITES, TOKEN_TEST_SECRET, WEBHOOK_TEST_SECRET } from './bindings';
import {
  base64UrlJson,
  captureConsole,
  durableObjects,
  expectConfigError,
  expectError,
  expectNoLeak,
  json,
  popin,
  popinRequests,
  randomClientIp,
  signUp,
  tokenPayload,
} from './helpers';

/** Issue #11 "Hardening, round 2": one describe per finding. */

const CUSTOMER = { name: 'Priya Sharma', mobile: '9544510895' };
const bindings = { ...TEST_BINDINGS, ...durableObjects, TENTIMES_OUTBOX: env.TENTIMES_OUTBOX, TENTIMES_QUEUE: env.TENTIMES_QUEUE, TENTIMES_DEAD_LETTERS: env.TENTIMES_DEAD_LETTERS };
const withSites = (sites: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...bindings, SITES: JSON.stringify(sites), ...extra });
const withLimits = (limits: Record<string, number>) => withSites({ ...TEST_SITES, acme: { ...TEST_SITES.acme, limits: { ...TEST_SITES.acme.limits, ...limits } } });
const send = (path: string, init: { method?: string; ip: string; body?: unknown; token?: string; headers?: Record<string, string> }, environment: Record<string, unknown>) => {
  const headers: Record<string, string> = { 'CF-Connecting-IP': init.ip, ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  return app.request(path, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }, environment);
};
/** A /48 of the documentation range nobody else in this file uses. */
const randomNetwork = () => `2001:db8:${crypto.getRandomValues(new Uint16Array(1))[0]!.toString(16)}`;

describe('1. the limiter counts every method a route answers (HEAD is the GET handler)', () => {
  it('HEAD /slots with a customer token is limited like GET: Popin sees only the allowance', async () => {
    const environment = withLimits({ slotsPerMinute: 3 });
    const token = await signUp();
    popin.requests.length = 0;
    const ip = randomClientIp();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await send('/v1/sites/acme/slots', { method: 'HEAD', ip, token }, environment)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(popinRequests('slots')).toHaveLength(3);
    // GET and HEAD share the one allowance.
    expect((await send('/v1/sites/acme/slots', { ip, token }, environment)).status).toBe(429);
  });

  it('HEAD on every GET route and any method on the booking routes are counted', async () => {
    const environment = withLimits({ slotsPerMinute: 1, customersPerMinute: 1 });
    const ip = randomClientIp();
    expect((await send('/v1/sites/acme/tentimes', { method: 'HEAD', ip }, environment)).status).toBe(200);
    expect((await send('/v1/sites/acme/slots', { method: 'HEAD', ip }, environment)).status).toBe(429);
    expect((await send('/v1/sites/acme/customers', { ip, body: CUSTOMER }, environment)).status).toBe(200);
    await expectError(await send('/v1/sites/acme/customers', { ip, body: CUSTOMER }, environment), 429, 'rate_limited');
  });
});

describe('2. clients are grouped by IPv6 /64 with a /48 ceiling; IPv4 and IPv4-mapped by address', () => {
  it('every address of one /64 shares one allowance', async () => {
    const environment = withLimits({ customersPerMinute: 2 });
    const net = `${randomNetwork()}:1`;
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push((await send('/v1/sites/acme/customers', { ip: `${net}::${i.toString(16)}`, body: CUSTOMER }, environment)).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('a /48 gets 16 clients\' allowance, not 65,536', async () => {
    const environment = withLimits({ slotsPerMinute: 1 });
    const net = randomNetwork();
    const statuses = [];
    for (let i = 1; i <= 20; i++) statuses.push((await send('/v1/sites/acme/slots', { ip: `${net}:${i.toString(16)}::1`, }, environment)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(16);
    expect(statuses.slice(16)).toEqual([429, 429, 429, 429]);
  });

  it('an IPv4 address and its IPv4-mapped IPv6 spellings are one client', async () => {
    const environment = withLimits({ customersPerMinute: 2 });
    const [a, b] = [...crypto.getRandomValues(new Uint8Array(2))];
    const statuses = [];
    for (const ip of [`198.51.${a}.${b}`, `::ffff:198.51.${a}.${b}`, `::FFFF:${((198 << 8) | 51).toString(16)}:${((a! << 8) | b!).toString(16)}`]) {
      statuses.push((await send('/v1/sites/acme/customers', { ip, body: CUSTOMER }, environment)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('4. each site has its own webhook secret, and the webhook its own limit', () => {
  // A new site id per run: its per-site allowance lives in a Durable Object that outlives the test.
  const FAIR = `fair-${crypto.randomUUID().slice(0, 8)}`;
  const sites = { ...TEST_SITES, [FAIR]: { ...EXPO_SITE, origins: ['https://fair.example'], title: 'Acme at the Fair' } };
  const push = (site: string, secret: string, environment: Record<string, unknown>, ip = randomClientIp()) =>
    send(`/v1/sites/${site}/hooks/10times/${secret}`, { ip, body: EXAMPLE_VISITOR_LEAD }, environment);

  it('the shared secret opens no site; one site\'s secret does not open another', async () => {
    const environment = withSites(sites);
    const expo = await siteWebhookSecret(WEBHOOK_TEST_SECRET, 'expo');
    const fair = await siteWebhookSecret(WEBHOOK_TEST_SECRET, FAIR);
    expect(expo).not.toBe(fair);
    await expectError(await push('expo', WEBHOOK_TEST_SECRET, environment), 404, 'not_found');
    await expectError(await push(FAIR, expo, environment), 404, 'not_found');
    expect(popinRequests('capture')).toEqual([]);
    expect((await push(FAIR, fair, environment)).status).toBe(200);
    expect((await push('expo', expo, environment)).status).toBe(200);
  });

  it('pushes with the secret are limited per site (429, nothing kept); wrong secrets do not use that allowance up', async () => {
    const FAIR = `fair-${crypto.randomUUID().slice(0, 8)}`;
    const environment = withSites({ ...sites, [FAIR]: { ...EXPO_SITE, limits: { webhookPerMinute: 2 } } });
    const fair = await siteWebhookSecret(WEBHOOK_TEST_SECRET, FAIR);
    for (let i = 0; i < 5; i++) expect((await push(FAIR, `wrong-secret-${i}-0123456789abcdef`, environment)).status).toBe(404);
    expect((await push(FAIR, fair, environment)).status).toBe(200);
    expect((await push(FAIR, fair, environment)).status).toBe(200);
    await expectError(await push(FAIR, fair, environment), 429, 'rate_limited');
    expect(popinRequests('capture')).toHaveLength(2);
  });
});

describe('5. no path secret in the worker\'s own logs', () => {
  it('a 5xx on the webhook logs the route pattern, never the secret in the path', async () => {
    const logged = captureConsole();
    // A site's own secret (as before this round) and a derived one: neither may reach a log line.
    const own = 'Own-Webhook-Secret-9f8e7d6c5b4a3210';
    const environment = withSites({ ...TEST_SITES, expo: { ...EXPO_SITE, tentimes: { ...EXPO_SITE.tentimes, webhookSecret: own } } });
    const derived = await siteWebhookSecret(WEBHOOK_TEST_SECRET, 'expo');
    popin.faults.inject({ kind: 'status', status: 500, endpoint: 'capture', count: 'always' });
    for (const [secret, env] of [[own, environment], [derived, bindings]] as const) {
      const response = await send(`/v1/sites/expo/hooks/10times/${secret}`, { ip: randomClientIp(), body: EXAMPLE_VISITOR_LEAD }, env);
      await expectError(response, 502, 'upstream_error');
      expect(logged()).not.toContain(secret);
    }
    expect(logged()).toContain('POST /v1/sites/:site/hooks/10times/:secret: upstream_error');
    expectNoLeak(logged());
  });
});

describe('6. the active-registration cap counts per seller, across the seller\'s sites', () => {
  it('concurrent bookings on two sites of one seller: the cap of one lets exactly one through', async () => {
    const site = (origin: string) => ({ ...TEST_SITES.acme, origins: [origin], limits: { activeRegistrations: 1 } });
    const environment = withSites({ ...TEST_SITES, one: site('https://one.example'), two: site('https://two.example') });
    const ip = randomClientIp();
    const token = async (id: string) => json<{ token: string }>(await send(`/v1/sites/${id}/customers`, { ip, body: CUSTOMER }, environment)).then((body) => body.token);
    const [one, two] = [await token('one'), await token('two')];
    expect(tokenPayload(one).user_id).toBe(tokenPayload(two).user_id);
    popin.faults.latencyMs = 60;
    const responses = await Promise.all([
      send('/v1/sites/one/registrations', { ip, token: one, body: { event_id: 2853 } }, environment),
      send('/v1/sites/two/registrations', { ip, token: two, body: { event_id: 3011 } }, environment),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(popinRequests('register')).toHaveLength(1);
  });
});

describe('7. one plain-text rule for names, email and push fields', () => {
  const invisible = ['\u0000', '\u202e', '\u200e', '\u200f', '\u200b', '\u2060', '\ufeff', '\u00ad', '\u2028', '\ue000'];

  it.each(invisible.map((char) => [JSON.stringify(char), char]))('%s in a name, an email or an attendee field → 422, nothing sent', async (_label, char) => {
    const ip = randomClientIp();
    const expo = { ...CUSTOMER, email: 'priya@example.com' };
    for (const body of [{ ...CUSTOMER, name: `Priya${char}Sharma` }]) {
      await expectError(await send('/v1/sites/acme/customers', { ip, body }, bindings), 422, 'validation_failed');
    }
    for (const body of [{ ...expo, email: `priya${char}@example.com` }, { ...expo, company: `Ac${char}me` }, { ...expo, name: `Pri${char}ya` }]) {
      const error = await expectError(await send('/v1/sites/expo/customers', { ip, body }, bindings), 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {})).toHaveLength(1);
    }
    const secret = await siteWebhookSecret(WEBHOOK_TEST_SECRET, 'expo');
    expect(popinRequests('capture')).toEqual([]);
    const pushed = await send(`/v1/sites/expo/hooks/10times/${secret}`, { ip, body: { name: `Meera${char}Nair`, phone: '+919847012345' } }, bindings);
    // A push's white space (which JavaScript's \s counts U+FEFF and U+2028 in) becomes one space; anything else is refused.
    if (/\s/.test(char)) {
      expect(pushed.status).toBe(200);
      expect(popinRequests('capture').map((request) => (request.body as { name: string }).name)).toEqual(['Meera Nair']);
    } else {
      await expectError(pushed, 422, 'lead_incomplete');
      expect(popinRequests('capture')).toEqual([]);
    }
  });
});

describe('8. known example and demo secrets are refused outside the local demo', () => {
  const dotDevVars = Object.fromEntries(
    devVarsExample.split('\n').filter((line) => /^[A-Z_]+=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

  it.each([
    ['TOKEN_SECRET', dotDevVars.TOKEN_SECRET],
    ['TOKEN_SECRET', demo.LOCAL_TOKEN_SECRET],
    ['TOKEN_SECRET', 'a'.repeat(48)],
    ['TOKEN_SECRET', 'abcdabcdabcdabcdabcdabcdabcdabcd'],
    ['ADMIN_SECRET', dotDevVars.ADMIN_SECRET],
    ['ADMIN_SECRET', demo.LOCAL_ADMIN_SECRET],
    ['TENTIMES_WEBHOOK_SECRET', dotDevVars.TENTIMES_WEBHOOK_SECRET],
    ['TENTIMES_WEBHOOK_SECRET', demo.LOCAL_TENTIMES_WEBHOOK_SECRET],
  ])('%s = %s → 500 config_error naming it', async (key, value) => {
    expect(value).toBeTruthy();
    await expectConfigError({ ...bindings, [key]: value }, key);
  });

  it('a token forged with the demo secret gets nowhere: a worker configured with it does not start', async () => {
    const forged = await signToken({ site: 'acme', user_id: 1 }, demo.LOCAL_TOKEN_SECRET);
    const response = await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: forged }, { ...bindings, TOKEN_SECRET: demo.LOCAL_TOKEN_SECRET });
    await expectError(response, 500, 'config_error');
    expect(popinRequests('slots')).toEqual([]);
  });

  it('placeholder vendor keys are refused too; the local demo (LOCAL_DEMO=1 and loopback URLs only) accepts its own values', async () => {
    await expectConfigError({ ...bindings, POPIN_API_KEY: dotDevVars.POPIN_API_KEY }, 'Popin API key');
    await expectConfigError({ ...bindings, POPIN_API_KEY: demo.LOCAL_POPIN_API_KEY }, 'Popin API key');
    const local = { ...bindings, LOCAL_DEMO: '1', TOKEN_SECRET: demo.LOCAL_TOKEN_SECRET, ADMIN_SECRET: demo.LOCAL_ADMIN_SECRET };
    // Copied to a deployment, the flag fails loudly: the vendor URLs are not loopback.
    await expectConfigError(local, 'LOCAL_DEMO');
    const loopback = { ...local, POPIN_BASE_URL: 'http://127.0.0.1:9', TENTIMES_BASE_URL: 'http://127.0.0.1:9', TURNSTILE_VERIFY_URL: 'http://localhost:9/siteverify' };
    expect((await app.request('/healthz', {}, loopback)).status).toBe(200);
  });
});

describe('11. many real people behind one address (carrier NAT)', () => {
  it('a Turnstile site lets 40 human sign-ups a minute through one IPv4 address; a site without it keeps the strict limit', async () => {
    const ip = `203.0.113.${crypto.getRandomValues(new Uint8Array(1))[0]}`;
    const human = (i: number) => send('/v1/sites/guarded/customers', { ip, body: { ...CUSTOMER, mobile: `95445${String(10000 + i)}`, turnstile: `pass-${i}` } }, bindings);
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await human(i)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const plain = [];
    for (let i = 0; i < 12; i++) plain.push((await send('/v1/sites/acme/customers', { ip, body: CUSTOMER }, bindings)).status);
    expect(plain.filter((status) => status === 429)).toHaveLength(2);
  });

  it('5,000 sign-ups an hour from one address, at random times: under 1% refused by the default Turnstile-site allowance', async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`nat-${crypto.randomUUID()}`));
    const limit = 150; // limits.customersPerMinuteWithTurnstile's default
    const refused = await runInDurableObject(stub, (limiter: RateLimiter) => {
      // Poisson arrivals: exponential gaps averaging 3.6 s, from a fixed seed (xorshift) so the run is repeatable.
      let seed = 0x2545f491;
      const random = () => ((seed ^= seed << 13), (seed ^= seed >>> 17), (seed ^= seed << 5), (seed >>> 0) / 2 ** 32);
      let now = Date.now();
      let count = 0;
      for (let i = 0; i < 5000; i++) {
        now += -Math.log(1 - random()) * 720;
        if (!limiter.takeAll([{ name: 'customers|4:203.0.113.1', limitPerMinute: limit }], now).allowed) count++;
      }
      return count;
    });
    expect(refused / 5000).toBeLessThan(0.01);
  });
});

describe('12. smaller findings', () => {
  /** A token signed the way the worker signs, with claims of our choosing. */
  async function signed(claims: Record<string, unknown>, secret = TOKEN_TEST_SECRET): Promise<string> {
    const body = base64UrlJson(claims);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
    return `${body}.${btoa(String.fromCharCode(...mac)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')}`;
  }

  it('a correctly signed token whose exp is beyond issue time + TTL is refused', async () => {
    const userId = tokenPayload(await signUp()).user_id;
    const now = Math.floor(Date.now() / 1000);
    const fine = await signed({ site: 'acme', user_id: userId, exp: now + TOKEN_TTL_SECONDS });
    expect((await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: fine }, bindings)).status).toBe(200);
    const forever = await signed({ site: 'acme', user_id: userId, exp: now + 10 * 365 * 86_400 });
    await expectError(await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: forever }, bindings), 401, 'invalid_token');
  });

  it('TOKEN_SECRET can be rotated: TOKEN_SECRET_PREVIOUS still verifies the old tokens, new ones carry the new key id', async () => {
    const old = await signUp();
    const rotated = { ...bindings, TOKEN_SECRET: 'Zq8vN3pL0xR7tW2yB5mK9cF4hJ6dS1aE', TOKEN_SECRET_PREVIOUS: TOKEN_TEST_SECRET };
    expect((await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: old }, rotated)).status).toBe(200);
    const { token: fresh } = await json<{ token: string }>(await send('/v1/sites/acme/customers', { ip: randomClientIp(), body: CUSTOMER }, rotated));
    expect((tokenPayload(fresh) as { kid?: string }).kid).not.toBe((tokenPayload(old) as { kid?: string }).kid);
    expect((await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: fresh }, rotated)).status).toBe(200);
    // Once the previous secret is removed, its tokens are refused.
    const { TOKEN_SECRET_PREVIOUS: _, ...after } = rotated;
    await expectError(await send('/v1/sites/acme/slots', { ip: randomClientIp(), token: old }, after), 401, 'invalid_token');
  });

  it.each([
    ['POPIN_BASE_URL', 'http://widget01.popin.to'],
    ['TENTIMES_BASE_URL', 'http://api.10times.com'],
    ['TURNSTILE_VERIFY_URL', 'http://challenges.cloudflare.com/turnstile/v0/siteverify'],
    ['POPIN_BASE_URL', 'ftp://widget01.popin.to'],
  ])('%s = %s (not https, not loopback) → config_error', async (key, value) => {
    await expectConfigError({ ...bindings, [key]: value }, key);
  });

  it("Popin's 422 text reaches the customer bounded and without control or bidi characters, as JSON text", async () => {
    const token = await signUp();
    const hostile = `\u202eEvent is full <img src=x onerror=alert(1)>\u0007${'!'.repeat(300)}`;
    popin.faults.inject({ kind: 'status', status: 422, endpoint: 'register', body: { message: hostile, errors: { event_id: [`\u200f${hostile}`] } } });
    const response = await send('/v1/sites/acme/registrations', { ip: randomClientIp(), token, body: { event_id: 2853 } }, bindings);
    const error = await expectError(response, 422, 'validation_failed');
    for (const text of [error.message, ...(error.errors?.event_id ?? [])]) {
      expect(text).not.toMatch(/[\u0000-\u001f\u200e\u200f\u202e]/);
      expect(text.length).toBeLessThanOrEqual(300);
      expect(text).toContain('Event is full <img');
    }
  });
});
