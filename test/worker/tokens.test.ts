import { describe, expect, it } from 'vitest';
import { FIRST_USER_ID } from '../../demo/popin-simulator/app';
import { keyId, signToken, TOKEN_TTL_SECONDS, verifyToken } from '../../worker/src/auth/token';
import { TOKEN_TEST_SECRET } from './bindings';
import { base64UrlJson, call, expectError, popin, popinRequests, signUp, tokenPayload } from './helpers';

/** Two customers, so a forged user_id would point at a real other user. */
async function twoCustomers() {
  const victim = await signUp('Victim', '+91 98765 43210');
  const attacker = await signUp('Attacker', '095445 10895');
  return { victim: tokenPayload(victim).user_id, attacker };
}

const BAD_TOKENS: Array<[string, (token: string) => Promise<string> | string]> = [
  [
    'payload with another user_id, re-encoded',
    (token) => base64UrlJson({ ...tokenPayload(token), user_id: FIRST_USER_ID }) + '.' + token.split('.')[1],
  ],
  [
    'tampered signature',
    (token) => {
      const [payload, signature = ''] = token.split('.');
      const middle = Math.floor(signature.length / 2);
      return `${payload}.${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
    },
  ],
  [
    // Same bytes, another spelling: the signature's last character carries 2 unused bits.
    'signature re-spelled in its last character',
    (token) => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(token.at(-1)!);
      return token.slice(0, -1) + alphabet[last ^ 1];
    },
  ],
  ['truncated', (token) => token.slice(0, token.length - 6)],
  ['payload only', (token) => token.split('.')[0]!],
  ['garbage', () => 'not-a-token'],
  ['dots only', () => '..'],
  ['an extra segment', (token) => `${token}.${token.split('.')[1]}`],
  ['signed with another secret', () => signToken({ site: 'acme', user_id: FIRST_USER_ID }, 'another-secret-another-secret-0123456789')],
  [
    'expired',
    () => signToken({ site: 'acme', user_id: FIRST_USER_ID }, TOKEN_TEST_SECRET, Date.now() - (TOKEN_TTL_SECONDS + 60) * 1000),
  ],
  ['issued for another site', () => signToken({ site: 'empty', user_id: FIRST_USER_ID }, TOKEN_TEST_SECRET)],
  ['a non-integer user_id, validly signed', () => signBody({ site: 'acme', user_id: '68806', exp: 4e9 })],
];

/** A validly signed token with an arbitrary payload, to check the claims are checked too. */
async function signBody(claims: unknown): Promise<string> {
  const body = base64UrlJson(claims);
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(TOKEN_TEST_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return `${body}.${btoa(String.fromCharCode(...signature)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

describe('a token that is not valid for the site → 401 invalid_token, and Popin is not asked', () => {
  it.each(BAD_TOKENS)('%s', async (_label, make) => {
    const { attacker } = await twoCustomers();
    const token = await make(attacker);
    popin.requests.length = 0;

    await expectError(await call('/v1/sites/acme/slots', { token }), 401, 'invalid_token');
    await expectError(await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token }), 401, 'invalid_token');
    await expectError(await call('/v1/sites/acme/registrations/2853', { method: 'DELETE', token }), 401, 'invalid_token');
    expect(popin.requests).toEqual([]);
  });

  it('the same construction with the right secret and now is accepted (the cases above fail for their reason)', async () => {
    const token = await signToken({ site: 'acme', user_id: FIRST_USER_ID }, TOKEN_TEST_SECRET);
    await signUp();
    expect((await call('/v1/sites/acme/registrations', { body: { event_id: 2853 }, token })).status).toBe(200);
    expect(popinRequests('register')[0]?.body).toEqual({ user_id: FIRST_USER_ID, event_id: 2853 });
  });

  it('an acme token is refused on site empty', async () => {
    const token = await signUp();
    const origin = 'https://empty.example';
    await expectError(await call('/v1/sites/empty/slots', { token, origin }), 401, 'invalid_token');
    await expectError(await call('/v1/sites/empty/registrations', { body: { event_id: 2853 }, token, origin }), 401, 'invalid_token');
    await expectError(await call('/v1/sites/empty/registrations/2853', { method: 'DELETE', token, origin }), 401, 'invalid_token');
    expect(popinRequests('slots')).toEqual([]);
    expect(popinRequests('register')).toEqual([]);
    expect(popinRequests('cancel')).toEqual([]);
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc.def'])('Authorization %j', async (header) => {
    await expectError(await call('/v1/sites/acme/slots', { headers: { Authorization: header } }), 401, 'invalid_token');
    expect(popin.requests).toEqual([]);
  });
});

describe('the browser never chooses the Popin user', () => {
  it('a user_id in the register body is ignored: Popin receives the token user', async () => {
    const { victim, attacker } = await twoCustomers();
    const response = await call('/v1/sites/acme/registrations', { body: { event_id: 2853, user_id: victim }, token: attacker });
    expect(response.status).toBe(200);
    expect(popinRequests('register')[0]?.body).toStrictEqual({ user_id: tokenPayload(attacker).user_id, event_id: 2853 });
  });

  it('a user_id in the slots query is ignored, with and without a token', async () => {
    const { victim, attacker } = await twoCustomers();
    await call(`/v1/sites/acme/slots?user_id=${victim}`);
    await call(`/v1/sites/acme/slots?user_id=${victim}`, { token: attacker });
    expect(popinRequests('slots').map((request) => request.query)).toEqual([{}, { user_id: String(tokenPayload(attacker).user_id) }]);
  });
});

describe('signToken / verifyToken', () => {
  const now = Date.UTC(2030, 0, 1);

  it('round-trips the claims with exp = now + TOKEN_TTL_SECONDS', async () => {
    const token = await signToken({ site: 'acme', user_id: 42 }, TOKEN_TEST_SECRET, now);
    const exp = now / 1000 + TOKEN_TTL_SECONDS;
    expect(await verifyToken(token, 'acme', TOKEN_TEST_SECRET, now)).toEqual({ site: 'acme', user_id: 42, exp, kid: await keyId(TOKEN_TEST_SECRET), jti: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/) });
    expect(await verifyToken(token, 'acme', TOKEN_TEST_SECRET, exp * 1000 - 1)).toEqual({ site: 'acme', user_id: 42, exp, kid: await keyId(TOKEN_TEST_SECRET), jti: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/) });
  });

  it('refuses it at expiry, for another site and under another secret', async () => {
    const token = await signToken({ site: 'acme', user_id: 42 }, TOKEN_TEST_SECRET, now);
    const exp = now / 1000 + TOKEN_TTL_SECONDS;
    expect(await verifyToken(token, 'acme', TOKEN_TEST_SECRET, exp * 1000)).toBeUndefined();
    expect(await verifyToken(token, 'empty', TOKEN_TEST_SECRET, now)).toBeUndefined();
    expect(await verifyToken(token, 'acme', 'another-secret-another-secret-0123456789', now)).toBeUndefined();
  });
});
