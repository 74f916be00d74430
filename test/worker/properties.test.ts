import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, inject, it, vi } from 'vitest';
import app from '../../worker/src/index';
import { signToken, TOKEN_TTL_SECONDS } from '../../worker/src/auth/token';
import { toE164 } from '../../worker/src/phone';
import { isPlainText } from '../../worker/src/text';
import { siteWebhookSecret } from '../../worker/src/tentimes/webhook-secret';
import { EXPO_ORIGIN, SHOP_ORIGIN, TEST_BINDINGS, TEST_SITES, TOKEN_TEST_SECRET, WEBHOOK_TEST_SECRET } from './bindings';
import { base64UrlJson, captureConsole, durableObjects, expectNoLeak, popin, randomClientIp, signUp, tentimes, tokenPayload } from './helpers';
import { signUpExpo } from './tentimes-helpers';

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

/** The worst inputs scripts/hostile-patterns.ts found for the worker's patterns, at up to 12 KB. */
const pathological = fc
  .tuple(
    fc.integer({ min: 1, max: 6_000 }),
    // [before, repeated, after]: the email pattern's worst cases, long runs of each pattern's characters.
    fc.constantFrom<[string, string, string]>(['a@', 'a.', ' '], ['a@a', '.a', '!'], ['', 'a', '@a. '], ['', ' ', 'x'], ['', '+', ''], ['', '/', 'x'], ['', ':', ''], ['', '1.', ''], ['', '=', '@'], ['', 'A.', ''], ['', '\u202e\u200b', ''], ['', '9 ', '']),
  )
  .map(([n, [before, unit, after]]) => `${before}${unit.repeat(n)}${after}`);

/** One character of every Unicode class that matters for text (Cc, Cf, Zl, Zp, Co, Cs, Cn, Zs, Mn), at a random place in a name. */
const UNICODE_CLASSES = [
  '\u0000', '\u0007', '\u001f', '\u007f', '\u0085', '\u009f', // Cc
  '\u00ad', '\u061c', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\ufff9', '\u{e0001}', // Cf
  '\u2028', '\u2029', // Zl, Zp
  '\ue000', '\u{f0000}', // Co
  '\ud800', '\udfff', // Cs (lone surrogates)
  '\u0378', '\ufffe', '\uffff', // Cn
  '\u00a0', '\u3000', '\u0301', // Zs, Mn: allowed inside a name
];
const withUnicodeClass = fc.tuple(fc.constantFrom(...UNICODE_CLASSES), fc.nat(12)).map(([char, at]) => 'Priya Sharma'.slice(0, at) + char + 'Priya Sharma'.slice(at));

/** Very long or very deeply nested JSON, both inside the 16 KB body limit and beyond it. */
const hugeOrDeepJson = fc.oneof(
  fc.integer({ min: 1, max: 12_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 4_000 }).map((depth) => '{"name":'.repeat(depth) + '"x"' + '}'.repeat(depth)),
  fc.integer({ min: 1, max: 5_000 }).map((length) => JSON.stringify({ name: 'Priya', mobile: '095445 10895', list: Array.from({ length }, (_, i) => i) })),
);

/** Duplicate keys: JSON.parse keeps the last one; the schema must see that one. */
const duplicateKeys = fc.tuple(hostileString, fc.constantFrom('name', 'mobile', 'email', 'event_id', 'turnstile')).map(([value, key]) =>
  `{"name":"Priya Sharma","mobile":"095445 10895","email":"priya@example.com","event_id":2853,${JSON.stringify(key)}:${JSON.stringify(value)}}`,
);

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
      // The one plain-text rule (worker/src/text.ts): no control, format, bidi, separator or unassigned character.
      expect(typeof name === 'string' && isPlainText(name)).toBe(true);
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

  it(
    'any method, route, client address, header bytes and body (pathological strings, every Unicode class, deep and long JSON, duplicate keys) → never a 5xx, no secret in any answer or log line, Popin and 10times get only validated data',
    async () => {
      popin.reset();
      tentimes.reset();
      issued.clear();
      const logged = captureConsole();
      const token = await customerToken('Fuzz Customer', '095445 10895');
      const expoToken = await signUpExpo('095445 10777');
      issued.add(tokenPayload(expoToken).user_id);
      const hook = await siteWebhookSecret(WEBHOOK_TEST_SECRET, 'expo');
      popin.requests.length = 0;
      const method = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS', 'PUT', 'PATCH', 'PROPFIND', 'X-UNKNOWN');
      const path = fc.constantFrom(
        `${SITE}/slots`, `${SITE}/customers`, `${SITE}/registrations`, `${SITE}/registrations/2853`, `${SITE}/tentimes`,
        '/v1/sites/expo/customers', '/v1/sites/expo/registrations', '/v1/sites/expo/tentimes', `/v1/sites/expo/hooks/10times/${hook}`,
        `/v1/sites/expo/hooks/10times/${WEBHOOK_TEST_SECRET}`, '/v1/sites/expo/hooks/10times/x', '/v1/sites/nope/slots', `${SITE}/nothing`,
        '/admin/tentimes', '/healthz', '/openapi.json', '/nothing-here',
      );
      const address = fc.oneof(
        fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `198.51.${a}.${b}`),
        fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `::ffff:198.51.${a}.${b}`),
        fc.tuple(fc.nat(0xffff), fc.nat(0xffff)).map(([a, b]) => `2001:db8:${a.toString(16)}:${b.toString(16)}::${a.toString(16)}`),
        fc.constantFrom('::1', '::', '::ffff:0:0', '1:2:3:4:5:6:7:8', '2001:db8::1.2.3.4', ''),
        headerValue,
      );
      const bodyValue = fc.oneof(
        { weight: 3, arbitrary: fc.oneof(pathological, withUnicodeClass, hostileString) },
        { weight: 1, arbitrary: anyValue },
      );
      const body = fc.oneof(
        { weight: 4, arbitrary: fc.record({ name: bodyValue, mobile: fc.oneof(fc.constant('095445 10895'), bodyValue), email: fc.oneof(fc.constant('priya@example.com'), bodyValue), company: bodyValue, event_id: fc.oneof(fc.constantFrom(2853, 3011), anyValue), phone: bodyValue }, { requiredKeys: [] }).map((value) => JSON.stringify(value)) },
        { weight: 1, arbitrary: hugeOrDeepJson },
        { weight: 1, arbitrary: duplicateKeys },
        { weight: 1, arbitrary: pathological },
      );
      // Header values: visible ASCII mostly, sometimes Latin-1 bytes above 0x7f (workerd passes them on).
      const oddHeader = fc.oneof({ weight: 9, arbitrary: headerValue }, { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 40 }) });
      const auth = fc.constantFrom('none', 'fuzz', 'expo', 'junk');
      await fc.assert(
        fc.asyncProperty(method, path, address, body, auth, oddHeader, fc.option(oddHeader, { nil: undefined }), async (verb, target, ip, text, who, key, origin) => {
          const headers: Record<string, string> = { 'CF-Connecting-IP': ip, 'Content-Type': 'application/json', 'Idempotency-Key': key };
          if (who !== 'none') headers.Authorization = who === 'fuzz' ? `Bearer ${token}` : who === 'expo' ? `Bearer ${expoToken}` : `Bearer ${latin(key)}`;
          headers.Origin = origin ?? (target.includes('/expo/') ? EXPO_ORIGIN : SHOP_ORIGIN);
          let request: Request;
          try {
            request = new Request(`https://booking.example${target}`, { method: verb, headers, body: verb === 'GET' || verb === 'HEAD' ? undefined : text });
          } catch {
            return; // A request the platform cannot even build never reaches the worker.
          }
          const response = await app.fetch(request, env, createExecutionContext());
          const answer = await response.text();
          expect(response.status, answer).toBeLessThan(500);
          expectNoLeak(answer + '\n' + [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n'));
          if (verb !== 'HEAD' && response.status >= 400 && answer) {
            const json = JSON.parse(answer) as Record<string, unknown>;
            expect(typeof json.code).toBe('string');
            expect(typeof json.message).toBe('string');
          }
          expectOnlyValidPopinCalls();
        }),
        { numRuns: RUNS },
      );
      // 10times heard only of validated attendees (the queue delivers within a second or two).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      for (const request of tentimes.requests) {
        for (const [field, value] of Object.entries(request.form)) if (typeof value === 'string') expect(isPlainText(value), field).toBe(true);
      }
      expectNoLeak(logged());
    },
    TIMEOUT,
  );

  it(
    'limits hold whatever the method and however the address is written: per IPv4 (dotted or mapped) and per IPv6 /64',
    async () => {
      popin.reset();
      const limited = { ...TEST_BINDINGS, ...durableObjects, SITES: JSON.stringify({ ...TEST_SITES, acme: { ...TEST_SITES.acme, limits: { customersPerMinute: 2, slotsPerMinute: 2 } } }) };
      // A small pool of clients, each case two minutes after the last (every bucket empty again):
      // the limiter objects are reused, as a busy site's are, instead of thousands being created.
      const spellings = fc.oneof(
        // One IPv4 client, written as the platform may: dotted, IPv4-mapped dotted, IPv4-mapped hex.
        fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => (i: number) => {
          const forms = [`10.${a}.${b}.${c}`, `::ffff:10.${a}.${b}.${c}`, `::FFFF:${(10 << 8 | a).toString(16)}:${(b << 8 | c).toString(16)}`];
          return forms[i % 3]!;
        }),
        // One IPv6 /64, any interface id.
        fc.tuple(fc.nat(7), fc.nat(7)).map(([a, b]) => (i: number) => `2001:db8:${a.toString(16)}:${b.toString(16)}:${(i * 7919).toString(16)}::${i + 1}`),
      );
      const verb = fc.constantFrom('GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS', 'PUT', 'PATCH');
      let clock = Date.now();
      const time = vi.spyOn(Date, 'now').mockImplementation(() => clock);
      await fc.assert(
        fc.asyncProperty(spellings, fc.constantFrom('slots', 'customers'), fc.array(verb, { minLength: 3, maxLength: 5 }), async (addressOf, route, verbs) => {
          clock += 120_000;
          let answered = 0;
          for (const [i, method] of verbs.entries()) {
            const headers: Record<string, string> = { 'CF-Connecting-IP': addressOf(i), 'Content-Type': 'application/json' };
            const body = method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify({ name: 'Priya Sharma', mobile: '095445 10895' });
            const response = await app.request(`/v1/sites/acme/${route}`, { method, headers, body }, limited);
            await response.arrayBuffer();
            // What the route answers is counted (HEAD is GET's handler); anything else is not.
            const counted = route === 'slots' ? method === 'GET' || method === 'HEAD' : method === 'POST';
            if (counted) expect(response.status === 429, `${method} #${i} after ${answered}`).toBe(answered >= 2);
            else expect(response.status).not.toBe(429);
            if (counted) answered++;
          }
          popin.requests.length = 0;
        }),
        { numRuns: RUNS },
      );
      time.mockRestore();
    },
    TIMEOUT,
  );
});
