import { exports } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Failure } from '../../demo/popin-simulator/app';
import app from '../../worker/src/index';
import { SHOP_ORIGIN, TEST_BINDINGS } from './bindings';
import { call, captureConsole, durableObjects, expectError, expectNoLeak, popin, popinRequests, signUp } from './helpers';

let logged: () => string;
beforeEach(() => {
  logged = captureConsole();
  // Every error response is checked by expectError; every log line must be clean as well.
  return () => expectNoLeak(logged());
});

const CUSTOMER = { name: 'Priya Sharma', mobile: '9544510895' };
const BIG = 17 * 1024;

describe('errors from the request', () => {
  it('unknown site → 404 unknown_site, Popin not called', async () => {
    await expectError(await call('/v1/sites/nope/slots', { origin: null }), 404, 'unknown_site');
    await expectError(await call('/v1/sites/nope/customers', { body: CUSTOMER }), 404, 'unknown_site');
    expect(popin.requests).toEqual([]);
  });

  it('unknown paths → 404 not_found JSON', async () => {
    await expectError(await call('/nothing-here'), 404, 'not_found');
    await expectError(await call('/v1/sites/acme/nothing-here'), 404, 'not_found');
    await expectError(await call('/v1/sites/acme/customers', { method: 'PUT', body: CUSTOMER }), 404, 'not_found');
    expect(popin.requests).toEqual([]);
  });

  it.each(['{"name":', 'not json', '', '{"name":"a",}'])('malformed JSON %j → 400 invalid_json', async (body) => {
    const response = await exports.default.fetch(
      new Request('https://booking.example/v1/sites/acme/customers', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
    );
    await expectError(response, 400, 'invalid_json');
    expect(popin.requests).toEqual([]);
  });

  it.each([
    ['a JSON array', []],
    ['a JSON string', 'hello'],
    ['JSON null', null],
  ])('%s as the body → 422 validation_failed', async (_label, body) => {
    const response = await call('/v1/sites/acme/customers', { body: JSON.stringify(body) });
    expect(response.status).toBe(422);
    const error = await expectError(response, 422, 'validation_failed');
    expect(Object.keys(error.errors ?? {}).length).toBeGreaterThan(0);
    expect(popin.requests).toEqual([]);
  });

  it.each([
    ['text/plain', JSON.stringify(CUSTOMER)],
    ['application/x-www-form-urlencoded', 'name=Priya&mobile=9544510895'],
  ])('a %s body → 415 unsupported_media_type, Popin not called', async (contentType, body) => {
    const response = await call('/v1/sites/acme/customers', { body, headers: { 'Content-Type': contentType } });
    await expectError(response, 415, 'unsupported_media_type');
    expect(popin.requests).toEqual([]);
  });

  it('a body over 16 KB → 413 payload_too_large, Popin not called', async () => {
    const response = await call('/v1/sites/acme/customers', { body: { ...CUSTOMER, name: 'a'.repeat(BIG) } });
    await expectError(response, 413, 'payload_too_large');
    expect(popin.requests).toEqual([]);
  });

  // Found by the property test: the limit runs before every route, so every route documents 413.
  it('a DELETE with a body over 16 KB → 413 payload_too_large, as /openapi.json says; Popin not called', async () => {
    const token = await signUp();
    popin.requests.length = 0;
    const response = await call('/v1/sites/acme/registrations/2853', { method: 'DELETE', token, body: 'x'.repeat(BIG) });
    await expectError(response, 413, 'payload_too_large');
    expect(popin.requests).toEqual([]);
  });

  it('a streamed body over 16 KB without Content-Length → 413, Popin not called', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...CUSTOMER, name: 'a'.repeat(BIG) }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
        controller.close();
      },
    });
    const request = new Request('https://booking.example/v1/sites/acme/customers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: SHOP_ORIGIN },
      body,
    });
    expect(request.headers.has('Content-Length')).toBe(false);
    await expectError(await exports.default.fetch(request), 413, 'payload_too_large');
    expect(popin.requests).toEqual([]);
  });

  it('a Content-Length over 16 KB is refused without reading the body', async () => {
    const request = new Request('https://booking.example/v1/sites/acme/customers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(BIG) },
      body: JSON.stringify(CUSTOMER),
    });
    await expectError(await exports.default.fetch(request), 413, 'payload_too_large');
    expect(popin.requests).toEqual([]);
  });

  it('a body of just under 16 KB is still read', async () => {
    const padding = 16 * 1024 - JSON.stringify({ ...CUSTOMER, pad: '' }).length;
    const response = await call('/v1/sites/acme/customers', { body: { ...CUSTOMER, pad: ' '.repeat(padding) } });
    expect(response.status).toBe(200);
  });
});

describe('errors from Popin', () => {
  type Endpoint = 'slots' | 'capture' | 'register' | 'cancel';
  const endpoints: Endpoint[] = ['slots', 'capture', 'register', 'cancel'];

  /** Signs up first where the route needs a token, so that the fault only meets the call under test. */
  async function prepare(endpoint: Endpoint): Promise<() => Promise<Response>> {
    if (endpoint === 'slots') return () => call('/v1/sites/acme/slots');
    if (endpoint === 'capture') return () => call('/v1/sites/acme/customers', { body: CUSTOMER });
    const token = await signUp();
    // Cancelling asks Popin only for a demo the customer is booked on.
    if (endpoint === 'cancel') await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token });
    return endpoint === 'register'
      ? () => call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token })
      : () => call('/v1/sites/acme/registrations/2853', { method: 'DELETE', token });
  }

  const cases: Array<[string, Failure, number, string]> = [
    ['401', { kind: 'status', status: 401 }, 502, 'upstream_unauthorized'],
    ['500', { kind: 'status', status: 500 }, 502, 'upstream_error'],
    ['503', { kind: 'status', status: 503 }, 502, 'upstream_error'],
    ['404', { kind: 'status', status: 404 }, 502, 'upstream_error'],
    ['422 without a ValidationError body', { kind: 'status', status: 422, body: { error: 'nope' } }, 502, 'upstream_error'],
    ['a 200 HTML body', { kind: 'malformed' }, 502, 'upstream_error'],
    ['status: 0', { kind: 'wrong-shape', variant: 'status-0' }, 502, 'upstream_error'],
    ['missing fields', { kind: 'wrong-shape', variant: 'missing-fields' }, 502, 'upstream_error'],
  ];

  for (const endpoint of endpoints) {
    it.each(cases)(`${endpoint}: Popin %s → %i %s`, async (_label, failure, status, code) => {
      const send = await prepare(endpoint);
      // Reads are retried twice after a 5xx (writes never are): the failure has to last three attempts.
      const attempts = endpoint === 'slots' && failure.kind === 'status' && failure.status >= 500 ? 3 : 1;
      popin.faults.inject({ ...failure, endpoint, count: attempts });
      await expectError(await send(), status, code);
      expect(popinRequests(endpoint)).toHaveLength(attempts);
      expect(popin.faults.failures).toEqual([]);
    });
  }

  it.each(endpoints)('%s: Popin hangs → 504 upstream_timeout within the configured timeout', async (endpoint) => {
    const send = await prepare(endpoint);
    popin.faults.inject({ kind: 'hang', endpoint });
    const started = Date.now();
    const response = await send();
    const elapsed = Date.now() - started;
    const error = await expectError(response, 504, 'upstream_timeout');
    // Reads give up after 300 ms, writes after 500 ms (test bindings).
    expect(elapsed).toBeGreaterThanOrEqual(endpoint === 'slots' ? 250 : 450);
    expect(elapsed).toBeLessThan(3_000);
    if (endpoint === 'register' || endpoint === 'cancel') expect(error.message).toMatch(/may or may not/);
  });

  it('Popin unreachable (connection refused) → 502 upstream_error', async () => {
    const env = { ...TEST_BINDINGS, ...durableObjects, POPIN_BASE_URL: 'http://127.0.0.1:9' };
    await expectError(await app.request('/v1/sites/acme/slots', {}, env), 502, 'upstream_error');
    const capture = await app.request(
      '/v1/sites/acme/customers',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(CUSTOMER) },
      env,
    );
    await expectError(capture, 502, 'upstream_error');
  });
});

describe('unexpected errors', () => {
  it('a crash becomes 500 internal_error with no stack and nothing from the env', async () => {
    // Without the ASSETS binding, /widget.js throws a TypeError inside the worker.
    await expectError(await app.request('/widget.js', {}, { ...TEST_BINDINGS }), 500, 'internal_error');
    expect(logged()).toMatch(/internal|unexpected|TypeError/i);
  });
});

describe('logs', () => {
  it('log the failure without the API key or token secret', async () => {
    popin.faults.inject({ kind: 'status', status: 401, endpoint: 'slots' }, { kind: 'malformed', endpoint: 'capture' });
    await call('/v1/sites/acme/slots');
    await call('/v1/sites/acme/customers', { body: CUSTOMER });
    const lines = logged();
    expect(lines).toMatch(/slots/);
    expect(lines).toMatch(/capture/);
    expectNoLeak(lines);
  });
});
