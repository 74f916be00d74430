import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import app from '../../worker/src/index';
import { signToken, TOKEN_TTL_SECONDS } from '../../worker/src/auth/token';
import { toE164 } from '../../worker/src/phone';
import { SHOP_ORIGIN, TOKEN_TEST_SECRET } from './bindings';
import { base64UrlJson, expectNoLeak, popin, randomClientIp, signUp, tokenPayload } from './helpers';

/**
 * Hostile-input properties, each over FC_RUNS generated cases (10,000 by default). The site
 * "fuzz" has rate limits high enough that every case reaches validation. After each case:
 * no 5xx (Popin is healthy here, so any is our bug), a JSON answer with a code and a message,
 * no secret or stack trace, and every request Popin received carries only valid data.
 */
const RUNS = inject('fcRuns');
const TIMEOUT = 600_000;
const SITE = '/v1/sites/fuzz';
/** The demos the simulator's seller offers. */
const OFFERED = new Set([3011, 2195, 2853]);

const NASTY = [
  '', ' ', '\u0000', '\u202e', '\u2028', '\uFEFF', '\uD800', 'null', 'undefined', 'NaN', '-0', '1e309', '0x10',
  '__proto__', 'constructor', 'prototype', '{"__proto__":{"admin":true}}', '[]', '{}', '"', "'", '\\', '%00', '%',
  "' OR 1=1 --", '<script>alert(1)</script>', 'javascript:alert(1)', '../../etc/passwd', '${7*7}', '{{7*7}}',
  '+919544510895', '095445 10895', '+1 202-555-0143', '0044 7911 123456', '+'.repeat(50), '9'.repeat(5000),
  'a'.repeat(101), 'Priya Sharma', ' Priya ', 'Bearer x', 'Ω≈ç√∫˜µ≤≥÷', '👩‍👩‍👧‍👦'.repeat(30),
];

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/),
);
const anyValue = fc.oneof(hostileString, fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));

/** A body as sent: raw text, or a JSON value (objects biased towards the fields the route reads). */
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>) {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record(fields, { requiredKeys: [] }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.record({ ...fields, extra: anyValue, ['__proto__']: anyValue, constructor: anyValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: anyValue.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 1, arbitrary: hostileString },
  );
}

const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'APPLICATION/JSON', 'multipart/form-data; boundary=x');
/** Header values can only hold visible ASCII and spaces (a Request with others cannot even be built). */
const latin = (value: string) => value.replace(/[^\x20-\x7e]/g, '');
const headerValue = fc.oneof(hostileString, fc.stringMatching(/^[\x21-\x7e]{0,300}$/)).map(latin);

interface Sent {
  method: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
}

/** Sends one case and checks what every answer must be. */
async function send({ method, path, body, headers }: Sent): Promise<{ status: number; text: string }> {
  // A new client every 1,000 cases keeps the fuzz site's 10,000-a-minute limits out of the way.
  if (++sent % 1_000 === 0) ip = randomClientIp();
  const request = new Request(`https://booking.example${path}`, {
    method,
    headers: { Origin: SHOP_ORIGIN, 'CF-Connecting-IP': ip, ...headers },
    body: method === 'GET' || method === 'DELETE' ? undefined : body,
  });
  // The worker's fetch handler in this isolate (a service round trip per case would be 10x slower).
  const response = await app.fetch(request, env, createExecutionContext());
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const json = JSON.parse(text) as Record<string, unknown>;
  if (response.status >= 400) {
    expect(typeof json.code).toBe('string');
    expect(typeof json.message).toBe('string');
  }
  expectNoLeak(text + '\n' + [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'));
  return { status: response.status, text };
}

let ip = randomClientIp();
let sent = 0;
/** user_ids the worker has issued tokens for in this file. */
const issued = new Set<number>();

/** Every request Popin received since the last check holds only data the worker validated. */
function expectOnlyValidPopinCalls(): void {
  for (const request of popin.requests.splice(0)) {
    const body = request.body as Record<string, unknown> | null;
    if (request.path.endsWith('/capture')) {
      expect(Object.keys(body ?? {}).sort()).toEqual(['mobile', 'name']);
      const { name, mobile } = body as { name: unknown; mobile: unknown };
      expect(typeof name === 'string' && name === name.trim() && name.length >= 1 && name.length <= 100).toBe(true);
      expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      expect(typeof mobile === 'string' && toE164(mobile, 'IN') === mobile).toBe(true);
    } else if (request.path.endsWith('/register') || request.path.endsWith('/cancel')) {
      expect(Object.keys(body ?? {}).sort()).toEqual(['event_id', 'user_id']);
      const { user_id, event_id } = body as { user_id: number; event_id: number };
      expect(issued.has(user_id)).toBe(true);
      expect(OFFERED.has(event_id)).toBe(true);
    } else {
      expect(request.path).toBe('/api/v1/external/conference/slots');
      if (request.query.user_id !== undefined) expect(issued.has(Number(request.query.user_id))).toBe(true);
    }
  }
}

async function customerToken(name: string, mobile: string): Promise<string> {
  const token = await signUp(name, mobile, 'acme');
  // Same signing secret and site id check: re-sign the claims for the fuzz site.
  const fuzz = await signToken({ site: 'fuzz', user_id: tokenPayload(token).user_id }, TOKEN_TEST_SECRET);
  issued.add(tokenPayload(fuzz).user_id);
  return fuzz;
}

describe(`hostile input (${RUNS} cases per property)`, () => {
  it(
    'POST customers: any body, content type and headers → never a 5xx, Popin only ever gets a trimmed name and an E.164 mobile',
    async () => {
      popin.reset();
      ip = randomClientIp();
      const fields = { name: fc.oneof(hostileString, anyValue), mobile: fc.oneof(hostileString, anyValue), country: fc.oneof(hostileString, fc.constantFrom('IN', 'gb', 'US', 'XX')) };
      await fc.assert(
        fc.asyncProperty(bodyOf(fields), contentType, async (body, type) => {
          const { status, text } = await send({ method: 'POST', path: `${SITE}/customers`, body, headers: type ? { 'Content-Type': type } : {} });
          if (status === 200) {
            const { token } = JSON.parse(text) as { token: string };
            issued.add(tokenPayload(token).user_id);
          }
          expectOnlyValidPopinCalls();
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'POST and DELETE registrations with a valid token: any body, path and Idempotency-Key → never a 5xx, Popin only gets offered events for the token user',
    async () => {
      popin.reset();
      issued.clear();
      ip = randomClientIp();
      const token = await customerToken('Fuzz Customer', '095445 10895');
      popin.requests.length = 0;
      const eventId = fc.oneof(fc.constantFrom(3011, 2195, 2853, 999999, 0, -1, 2853.5, 1e20), anyValue);
      const pathId = fc.oneof(fc.constantFrom('2853', '3011', '999999', '0', '-1', '01', '1e3', '%2e%2e', '2853%00', 'abc'), hostileString.map((value) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ''))));
      const key = fc.option(fc.oneof(fc.uuid(), headerValue), { nil: undefined });
      await fc.assert(
        fc.asyncProperty(fc.boolean(), bodyOf({ event_id: eventId, user_id: anyValue }), pathId, key, async (book, body, id, idempotencyKey) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
          if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
          await send(book ? { method: 'POST', path: `${SITE}/registrations`, body, headers } : { method: 'DELETE', path: `${SITE}/registrations/${id}`, headers });
          expectOnlyValidPopinCalls();
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'any Authorization header, Origin, path and query on every route → never a 5xx; a token not issued for this site and customer never reaches Popin',
    async () => {
      popin.reset();
      issued.clear();
      ip = randomClientIp();
      const valid = await customerToken('Fuzz Customer', '095445 10895');
      const [payload = '', signature = ''] = valid.split('.');
      const acme = await signToken({ site: 'acme', user_id: tokenPayload(valid).user_id }, TOKEN_TEST_SECRET);
      const expired = await signToken({ site: 'fuzz', user_id: tokenPayload(valid).user_id }, TOKEN_TEST_SECRET, Date.now() - (TOKEN_TTL_SECONDS + 1) * 1000);
      popin.requests.length = 0;
      const bad = fc.oneof(
        hostileString,
        fc.constantFrom(acme, expired, payload, `${valid}.x`, `${payload}.`, `.${signature}`),
        // Forged: another user_id or site with the original signature.
        fc.record({ site: fc.constantFrom('fuzz', 'acme', 'empty'), user_id: fc.integer(), exp: fc.integer() }).map((claims) => `${base64UrlJson(claims)}.${signature}`),
        // Tampered: one character of the valid token changed.
        fc.nat({ max: valid.length - 1 }).chain((at) =>
          fc.constantFrom(...'ABCabc019-_.').filter((char) => char !== valid[at]).map((char) => valid.slice(0, at) + char + valid.slice(at + 1)),
        ),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,80}\.[A-Za-z0-9_-]{1,80}$/),
      );
      const route = fc.constantFrom(
        { method: 'GET', path: `${SITE}/slots` },
        { method: 'POST', path: `${SITE}/registrations`, body: '{"event_id":2853}' },
        { method: 'DELETE', path: `${SITE}/registrations/2853` },
      );
      const authorization = fc.oneof({ weight: 4, arbitrary: bad.map((token) => `Bearer ${latin(token)}`) }, { weight: 1, arbitrary: headerValue });
      await fc.assert(
        fc.asyncProperty(route, authorization, fc.option(headerValue, { nil: undefined }), async (target, auth, origin) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: auth };
          if (origin !== undefined) headers.Origin = origin;
          const { status } = await send({ ...target, headers });
          // Taken before any assertion, so a failing case leaves nothing for the shrunk ones.
          const reached = popin.requests.splice(0);
          expect([401, 403]).toContain(status);
          // A refused token never reaches Popin with a user_id (general slots may be read by nobody here either).
          expect(reached).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
