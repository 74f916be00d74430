import { describe, expect, it } from 'vitest';
import { SHOP_ORIGIN } from './bindings';
import { call, expectError, json, popin, popinRequests, signUp } from './helpers';

const OWN_ORIGIN = 'https://booking.example';

function expectGranted(response: Response, origin: string) {
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe(origin);
  expect(response.headers.get('Vary') ?? '').toMatch(/(^|,\s*)Origin(\s*,|$)/i);
}

describe('CORS for an allowed origin', () => {
  it('grants exactly that origin (never *) on slots, customers, register and cancel', async () => {
    expectGranted(await call('/v1/sites/acme/slots'), SHOP_ORIGIN);
    const captured = await call('/v1/sites/acme/customers', { body: { name: 'Priya', mobile: '9544510895' } });
    expectGranted(captured, SHOP_ORIGIN);
    const { token } = await json<{ token: string }>(captured);
    expectGranted(await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token }), SHOP_ORIGIN);
    expectGranted(await call('/v1/sites/acme/registrations/2853', { method: 'DELETE', token }), SHOP_ORIGIN);
  });

  it('grants it on error responses too, so the page can read the message', async () => {
    expectGranted(await call('/v1/sites/acme/customers', { body: {} }), SHOP_ORIGIN); // 422
    expectGranted(await call('/v1/sites/acme/registrations', { body: { event_id: 2853 } }), SHOP_ORIGIN); // 401
    expectGranted(await call('/v1/sites/acme/slots', { token: 'x.y' }), SHOP_ORIGIN); // 401
    popin.faults.inject({ kind: 'status', status: 503, endpoint: 'slots' });
    expectGranted(await call('/v1/sites/acme/slots'), SHOP_ORIGIN); // 502
    expectGranted(await call('/v1/sites/acme/customers', { body: '{"name":' }), SHOP_ORIGIN); // 400
  });

  it('grants it on a 413 too, so the page can read "payload too large"', async () => {
    const response = await call('/v1/sites/acme/customers', { body: { name: 'x'.repeat(17 * 1024), mobile: '9544510895' } });
    expect(response.status).toBe(413);
    expectGranted(response, SHOP_ORIGIN);
  });

  it.each([
    ['POST', '/v1/sites/acme/customers'],
    ['POST', '/v1/sites/acme/registrations'],
    ['DELETE', '/v1/sites/acme/registrations/2853'],
    ['GET', '/v1/sites/acme/slots'],
  ])('answers the preflight for %s %s with 204 and the allowed methods and headers', async (method, path) => {
    const response = await call(path, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expectGranted(response, SHOP_ORIGIN);
    const methods = (response.headers.get('Access-Control-Allow-Methods') ?? '').split(/,\s*/).map((m) => m.toUpperCase());
    expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE']));
    const headers = (response.headers.get('Access-Control-Allow-Headers') ?? '').split(/,\s*/).map((h) => h.toLowerCase());
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(popin.requests).toEqual([]);
  });

  it("always allows the worker's own origin (the /s/{site} page)", async () => {
    const response = await call('/v1/sites/empty/slots', { origin: OWN_ORIGIN });
    expect(response.status).toBe(200);
    expectGranted(response, OWN_ORIGIN);
  });

  it('serves requests without Origin (servers, curl) without CORS headers', async () => {
    const response = await call('/v1/sites/acme/slots', { origin: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(popinRequests('slots')).toHaveLength(1);
  });
});

describe('CORS for any other origin: 403 origin_not_allowed, no grant, Popin not called', () => {
  it.each([
    ['a foreign origin', 'https://evil.example', 'acme'],
    ['a look-alike subdomain', 'https://shop.example.evil.example', 'acme'],
    ['http instead of https', 'http://shop.example', 'acme'],
    ['an explicit port', 'https://shop.example:8443', 'acme'],
    ['the opaque origin "null"', 'null', 'acme'],
    ['an origin allowed on another site', SHOP_ORIGIN, 'empty'],
  ])('%s (%s on %s)', async (_label, origin, site) => {
    const requests = [
      call(`/v1/sites/${site}/slots`, { origin }),
      call(`/v1/sites/${site}/customers`, { origin, body: { name: 'Priya', mobile: '9544510895' } }),
      call(`/v1/sites/${site}/registrations`, { origin, body: { event_id: 2853 } }),
      call(`/v1/sites/${site}/registrations/2853`, { origin, method: 'DELETE' }),
      call(`/v1/sites/${site}/customers`, {
        origin,
        method: 'OPTIONS',
        headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
      await expectError(response, 403, 'origin_not_allowed');
    }
    expect(popin.requests).toEqual([]);
  });

  it('a valid token does not help a foreign origin', async () => {
    const token = await signUp();
    popin.requests.length = 0;
    const response = await call('/v1/sites/acme/registrations', { origin: 'https://evil.example', body: { event_id: 2853 }, token });
    await expectError(response, 403, 'origin_not_allowed');
    expect(popin.requests).toEqual([]);
  });
});
