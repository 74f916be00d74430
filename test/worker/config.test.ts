import { describe, expect, it } from 'vitest';
import app from '../../worker/src/index';
import { POPIN_TEST_KEY, TEST_BINDINGS, TEST_SITES } from './bindings';
import { durableObjects, expectConfigError, expectError, json, PLANTED, popin, popinRequests } from './helpers';

type Env = Record<string, unknown>;
const acme = TEST_SITES.acme;
const withSites = (sites: unknown): Env => ({ ...TEST_BINDINGS, SITES: typeof sites === 'string' ? sites : JSON.stringify(sites) });
const without = (key: keyof typeof TEST_BINDINGS): Env => {
  const env: Env = { ...TEST_BINDINGS };
  delete env[key];
  return env;
};

/** A value that must never show up in an error: it stands for a secret in a bad config. */

const BAD_CONFIGS: Array<[string, Env, string]> = [
  ['SITES missing', without('SITES'), 'SITES'],
  ['SITES empty', withSites(''), 'SITES'],
  ['SITES not JSON', withSites('{"acme": {'), 'SITES'],
  ['SITES {}', withSites({}), 'SITES'],
  ['SITES an array', withSites([acme]), 'SITES'],
  ['a site id with capitals', withSites({ Acme: acme }), 'SITES.Acme'],
  ['a site without seller', withSites({ acme: { ...acme, seller: undefined } }), 'SITES.acme.seller'],
  ['a blank seller', withSites({ acme: { ...acme, seller: '  ' } }), 'SITES.acme.seller'],
  ['a site without title', withSites({ acme: { ...acme, title: undefined } }), 'SITES.acme.title'],
  ['an origin without scheme', withSites({ acme: { ...acme, origins: ['shop.example'] } }), 'SITES.acme.origins'],
  ['an origin with a path', withSites({ acme: { ...acme, origins: ['https://shop.example/shop'] } }), 'SITES.acme.origins'],
  ['an origin with a trailing slash', withSites({ acme: { ...acme, origins: ['https://shop.example/'] } }), 'SITES.acme.origins'],
  ['origins as a string', withSites({ acme: { ...acme, origins: 'https://shop.example' } }), 'SITES.acme.origins'],
  ['a country name', withSites({ acme: { ...acme, country: 'India' } }), 'SITES.acme.country'],
  ['a lower-case country', withSites({ acme: { ...acme, country: 'in' } }), 'SITES.acme.country'],
  ['a bad time zone', withSites({ acme: { ...acme, timezone: 'Mars/Olympus' } }), 'SITES.acme.timezone'],
  ['a misspelt key holding a secret', withSites({ acme: { ...acme, apikey: PLANTED } }), 'SITES.acme'],
  ['an empty per-site apiKey', withSites({ acme: { ...acme, apiKey: '' } }), 'SITES.acme.apiKey'],
  ['TOKEN_SECRET missing', without('TOKEN_SECRET'), 'TOKEN_SECRET'],
  ['TOKEN_SECRET short', { ...TEST_BINDINGS, TOKEN_SECRET: PLANTED.slice(0, 31) }, 'TOKEN_SECRET'],
  ['POPIN_API_KEY missing and no per-site apiKey', without('POPIN_API_KEY'), 'POPIN_API_KEY'],
  ['POPIN_BASE_URL missing', without('POPIN_BASE_URL'), 'POPIN_BASE_URL'],
  ['POPIN_BASE_URL not a URL', { ...TEST_BINDINGS, POPIN_BASE_URL: 'popin.test' }, 'POPIN_BASE_URL'],
  ['POPIN_BASE_URL not http', { ...TEST_BINDINGS, POPIN_BASE_URL: 'ftp://popin.test' }, 'POPIN_BASE_URL'],
  ['POPIN_READ_TIMEOUT_MS not a number', { ...TEST_BINDINGS, POPIN_READ_TIMEOUT_MS: 'soon' }, 'POPIN_READ_TIMEOUT_MS'],
  ['POPIN_WRITE_TIMEOUT_MS zero', { ...TEST_BINDINGS, POPIN_WRITE_TIMEOUT_MS: '0' }, 'POPIN_WRITE_TIMEOUT_MS'],
  ['a rate limit of zero', withSites({ acme: { ...acme, limits: { customersPerMinute: 0 } } }), 'SITES.acme.limits.customersPerMinute'],
  ['an unknown limit', withSites({ acme: { ...acme, limits: { bookingsPerHour: 5 } } }), 'SITES.acme.limits'],
  ['a negative slotsCacheSeconds', withSites({ acme: { ...acme, slotsCacheSeconds: -1 } }), 'SITES.acme.slotsCacheSeconds'],
  ['Turnstile without a site key', withSites({ acme: { ...acme, turnstile: {} } }), 'SITES.acme.turnstile.siteKey'],
  [
    'Turnstile without any secret',
    { ...withSites({ acme: { ...acme, turnstile: { siteKey: 'key' } } }), TURNSTILE_SECRET_KEY: undefined },
    'TURNSTILE_SECRET_KEY',
  ],
];

describe('a bad configuration fails every request with 500 config_error naming the key', () => {
  it.each(BAD_CONFIGS)('%s → names %s', (_label, env, key) => expectConfigError(env, key));
});

describe('a good configuration', () => {
  it('GET /healthz → 200', async () => {
    const response = await app.request('/healthz', {}, TEST_BINDINGS);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });

  it('SITES may be an object (wrangler vars) as well as a JSON string', async () => {
    const response = await app.request('/v1/sites/acme/slots', {}, { ...TEST_BINDINGS, ...durableObjects, SITES: TEST_SITES });
    expect(response.status).toBe(200);
  });

  it("a per-site apiKey overrides POPIN_API_KEY in the X-API-KEY Popin receives", async () => {
    const env = {
      ...TEST_BINDINGS,
      ...durableObjects,
      POPIN_API_KEY: 'the-global-key',
      SITES: JSON.stringify({ ...TEST_SITES, acme: { ...acme, apiKey: POPIN_TEST_KEY } }),
    };
    expect((await app.request('/v1/sites/acme/slots', {}, env)).status).toBe(200);
    // The site without its own key uses the global one (which the simulator refuses).
    const other = await app.request('/v1/sites/empty/slots', {}, env);
    await expectError(other, 502, 'upstream_unauthorized');
    expect(popinRequests('slots').map((request) => [request.headers['x-token'], request.headers['x-api-key']])).toEqual([
      ['seller-demo', POPIN_TEST_KEY],
      ['seller-empty', 'the-global-key'],
    ]);
  });

  it('a trailing slash on POPIN_BASE_URL does not double the slash in Popin paths', async () => {
    const env = { ...TEST_BINDINGS, ...durableObjects, POPIN_BASE_URL: `${TEST_BINDINGS.POPIN_BASE_URL}/` };
    expect((await app.request('/v1/sites/acme/slots', {}, env)).status).toBe(200);
    expect(popinRequests('slots')[0]?.path).toBe('/api/v1/external/conference/slots');
  });
});
