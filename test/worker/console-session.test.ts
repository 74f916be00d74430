import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { LOCAL_CONSOLE_KEY } from '../../demo/local-secrets';
import app from '../../worker/src/index';
import { ADMIN_TEST_SECRET, CONSOLE_TEST_KEY, EXPO_CONSOLE_TEST_KEY, TOKEN_TEST_SECRET } from './bindings';
import { auditActions, consoleCall, operator, OWN_ORIGIN, signIn } from './console-helpers';
import { base64UrlJson, captureConsole, expectError, expectNoLeak, json, randomClientIp } from './helpers';
import { keyFingerprint, signSession, verifySession } from '../../worker/src/console/session';

describe('console sign-in', () => {
  it('exchanges the console key for a 12-hour HttpOnly, Secure, SameSite=Strict session bound to the site, and signs out', async () => {
    const response = await consoleCall('/console/v1/session', { body: { site: 'acme', key: CONSOLE_TEST_KEY } });
    expect(response.status).toBe(200);
    const body = await json<{ site: string; role: string; expires_at: string }>(response);
    expect(body).toMatchObject({ site: 'acme', role: 'seller' });
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(43_100_000);
    expect(Date.parse(body.expires_at) - Date.now()).toBeLessThanOrEqual(43_200_000);
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^popin_console=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; HttpOnly; Secure; SameSite=Strict; Path=\/console; Max-Age=43200$/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const session = cookie.split(';')[0]!;

    expect(await json(await consoleCall('/console/v1/session', { cookie: session }))).toMatchObject({ site: 'acme', role: 'seller' });
    expect((await consoleCall('/console/v1/sites/acme', { cookie: session })).status).toBe(200);

    const out = await consoleCall('/console/v1/session', { method: 'DELETE', cookie: session });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/^popin_console=; HttpOnly; Secure; SameSite=Strict; Path=\/console; Max-Age=0$/);
    await expectError(await consoleCall('/console/v1/session'), 401, 'unauthorized');
    expect((await auditActions('acme')).slice(0, 2).map((entry) => `${entry.actor} ${entry.action}`)).toEqual(['seller sign_out', 'seller sign_in']);
  });

  it('opens every site as the operator with ADMIN_SECRET', async () => {
    const session = await signIn('acme', ADMIN_TEST_SECRET);
    expect(await json(await consoleCall('/console/v1/session', { cookie: session }))).toMatchObject({ role: 'operator' });
    for (const site of ['acme', 'expo', 'empty']) expect((await consoleCall(`/console/v1/sites/${site}`, { cookie: session })).status).toBe(200);
    expect((await consoleCall('/console/v1/sites', { cookie: session })).status).toBe(200);
  });

  it('gives a wrong key and an unknown site the same 401 invalid_key, and logs no key', async () => {
    const logged = captureConsole();
    const wrong = await expectError(await consoleCall('/console/v1/session', { body: { site: 'acme', key: EXPO_CONSOLE_TEST_KEY } }), 401, 'invalid_key');
    const unknown = await expectError(await consoleCall('/console/v1/session', { body: { site: 'nowhere', key: CONSOLE_TEST_KEY } }), 401, 'invalid_key');
    expect(unknown).toEqual(wrong);
    await expectError(await consoleCall('/console/v1/session', { body: { site: 'acme' } }), 422, 'validation_failed');
    expectNoLeak(logged());
  });

  it('limits sign-in attempts per client (429 with Retry-After)', async () => {
    const ip = randomClientIp();
    const attempt = () => consoleCall('/console/v1/session', { body: { site: 'acme', key: 'x'.repeat(40) }, headers: { 'CF-Connecting-IP': ip } });
    for (let i = 0; i < 10; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    await expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Even the right key waits.
    const right = await consoleCall('/console/v1/session', { body: { site: 'acme', key: CONSOLE_TEST_KEY }, headers: { 'CF-Connecting-IP': ip } });
    expect(right.status).toBe(429);
  });
});

describe('console sessions and keys', () => {
  it('refuses tampered, forged, expired and re-signed sessions', async () => {
    const session = await signIn();
    const [name, value] = session.split('=') as [string, string];
    const [payload, signature] = value.split('.') as [string, string];
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const tampered = [
      `${name}=${base64UrlJson({ ...claims, site: 'expo' })}.${signature}`,
      `${name}=${base64UrlJson({ ...claims, role: 'operator' })}.${signature}`,
      `${name}=${payload}.${signature.slice(0, -2)}AA`,
      `${name}=${payload}`,
      `${name}=${await signSession({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, TOKEN_TEST_SECRET)}`,
      `${name}=${await signSession(claims, 'another-token-secret-another-token-secret')}`,
      // Signed right, but opened with a key that is not the site's (a rotated key ends its sessions).
      `${name}=${await signSession({ ...claims, key: await keyFingerprint('an-old-console-key-0123456789-0123456789') }, TOKEN_TEST_SECRET)}`,
    ];
    for (const cookie of tampered) {
      await expectError(await consoleCall('/console/v1/sites/acme', { cookie }), 401, 'unauthorized');
      await expectError(await consoleCall('/console/v1/session', { cookie }), 401, 'unauthorized');
    }
    // The untouched session still works: the refusals above are the tampering.
    expect((await consoleCall('/console/v1/sites/acme', { cookie: session })).status).toBe(200);
    // A session of 12 hours and one second ago is over.
    const old = await signSession({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, TOKEN_TEST_SECRET);
    await expectError(await consoleCall('/console/v1/sites/acme/leads', { cookie: `${name}=${old}` }), 401, 'unauthorized');
  });

  it("refuses site A's session and key on site B with 403 forbidden_site, and a seller on the operator's routes", async () => {
    const session = await signIn('acme');
    for (const path of ['/console/v1/sites/expo', '/console/v1/sites/expo/leads', '/console/v1/sites/expo/demos', '/console/v1/sites/expo/pgi', '/console/v1/sites/nowhere']) {
      await expectError(await consoleCall(path, { cookie: session }), 403, 'forbidden_site');
      await expectError(await consoleCall(path, { bearer: CONSOLE_TEST_KEY }), 403, 'forbidden_site');
    }
    await expectError(await consoleCall('/console/v1/sites/expo', { method: 'PATCH', body: { paused: true }, cookie: session }), 403, 'forbidden_site');
    await expectError(await consoleCall('/console/v1/sites', { cookie: session }), 403, 'operator_only');
    await expectError(await consoleCall('/console/v1/sites', { bearer: CONSOLE_TEST_KEY }), 403, 'operator_only');
    await expectError(await consoleCall('/console/v1/sites/acme/secrets', { method: 'PUT', body: { console_key: 'y'.repeat(40) }, cookie: session }), 403, 'operator_only');
    await expectError(await consoleCall('/console/v1/sites/acme', { bearer: 'z'.repeat(40) }), 401, 'invalid_key');
    await expectError(await consoleCall('/console/v1/sites/acme'), 401, 'unauthorized');
    await expectError(await consoleCall('/console/v1/sites/nowhere', operator), 404, 'unknown_site');
    expect((await consoleCall('/console/v1/sites/acme', { bearer: CONSOLE_TEST_KEY })).status).toBe(200);
  });

  it('takes changes with a cookie only from the worker\'s own Origin, and bodies only as JSON', async () => {
    const session = await signIn('acme');
    const patch = (options: Parameters<typeof consoleCall>[1]) => consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { title: 'Acme Gadgets' }, cookie: session, ...options });
    await expectError(await patch({ origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    await expectError(await patch({ origin: null }), 403, 'origin_not_allowed');
    await expectError(await patch({ origin: 'https://shop.example' }), 403, 'origin_not_allowed');
    await expectError(await patch({ headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
    await expectError(await consoleCall('/console/v1/session', { method: 'DELETE', cookie: session, origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    await expectError(await consoleCall('/console/v1/session', { body: { site: 'acme', key: CONSOLE_TEST_KEY }, origin: 'https://evil.example' }), 403, 'origin_not_allowed');
    // Site titles are settings of SITES sites: the same request from the right page reaches the route.
    await expectError(await patch({}), 409, 'site_in_env');
    expect((await consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { paused: false }, cookie: session, origin: OWN_ORIGIN })).status).toBe(200);
    // An API client with the key needs no Origin (no ambient credentials to abuse).
    expect((await consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { paused: false }, bearer: CONSOLE_TEST_KEY, origin: null })).status).toBe(200);
  });

  it('keeps operator-only settings from the seller', async () => {
    const session = await signIn('acme');
    const refused = await expectError(
      await consoleCall('/console/v1/sites/acme', { method: 'PATCH', body: { origins: ['https://evil.example'], limits: { activeRegistrations: 99 } }, cookie: session }),
      422,
      'validation_failed',
    );
    expect(Object.keys(refused.errors ?? {}).sort()).toEqual(['limits', 'origins']);
  });

  it('refuses a published or guessable console key outside the local demo (500 config_error naming CONSOLE_KEYS, not the key)', async () => {
    for (const key of [LOCAL_CONSOLE_KEY, 'a'.repeat(40)]) {
      const response = await app.request(
        `${OWN_ORIGIN}/console/v1/session`,
        { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: OWN_ORIGIN, 'CF-Connecting-IP': randomClientIp() }, body: JSON.stringify({ site: 'acme', key }) },
        { ...env, CONSOLE_KEYS: JSON.stringify({ acme: key }) },
      );
      const body = await expectError(response, 500, 'config_error');
      expect(body.message).toContain('CONSOLE_KEYS.acme');
      expect(body.message).not.toContain(key);
    }
  });

  it('accepts one spelling of a session only: a signature re-spelled in its last character\'s unused bits is refused', async () => {
    const claims = { site: 'acme', role: 'seller' as const, exp: Math.floor(Date.now() / 1000) + 600, key: 'k' };
    const value = await signSession(claims, TOKEN_TEST_SECRET);
    expect(await verifySession(value, TOKEN_TEST_SECRET)).toEqual(claims);
    // A 32-byte HMAC is 43 base64url characters; the last one carries 2 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(value.at(-1)!);
    const respelled = value.slice(0, -1) + alphabet[last ^ 1];
    expect(await verifySession(respelled, TOKEN_TEST_SECRET)).toBeUndefined();
  });
});
