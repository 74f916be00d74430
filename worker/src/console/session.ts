import { fromBase64Url, toBase64Url } from '../base64url';
/**
 * Console sessions: the cookie `popin_console=<payload>.<signature>` (base64url), the payload
 * `{ site, role, exp, key }` signed with HMAC-SHA-256 under a key derived from TOKEN_SECRET for
 * this purpose only (a customer token never verifies as a session, nor the other way round).
 * `key` is a fingerprint of the console key (or ADMIN_SECRET) the session was opened with:
 * changing that key ends every session opened with the old one.
 */

export const SESSION_COOKIE = 'popin_console';
export const SESSION_SECONDS = 12 * 60 * 60;

export interface SessionClaims {
  site: string;
  role: 'seller' | 'operator';
  /** Unix seconds. */
  exp: number;
  key: string;
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function sessionKey(tokenSecret: string): Promise<CryptoKey> {
  let key = keys.get(tokenSecret);
  if (!key) {
    key = (async () => {
      const root = await crypto.subtle.importKey('raw', encoder.encode(tokenSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      const derived = await crypto.subtle.sign('HMAC', root, encoder.encode('popin-booking console session v1'));
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    })();
    keys.set(tokenSecret, key);
  }
  return key;
}

/** A short, one-way fingerprint of the key a session was opened with. */
export async function keyFingerprint(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`console-key\u0000${key}`));
  return toBase64Url(new Uint8Array(digest).slice(0, 12));
}

export async function signSession(claims: SessionClaims, tokenSecret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign('HMAC', await sessionKey(tokenSecret), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The claims of a valid, unexpired session, or undefined (malformed, tampered, expired). */
export async function verifySession(value: string, tokenSecret: string, now = Date.now()): Promise<SessionClaims | undefined> {
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body + signature)) return undefined;
  const signatureBytes = fromBase64Url(signature);
  const bodyBytes = fromBase64Url(body);
  if (!signatureBytes || !bodyBytes) return undefined;
  if (!(await crypto.subtle.verify('HMAC', await sessionKey(tokenSecret), signatureBytes, encoder.encode(body)))) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(bodyBytes));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { site, role, exp, key } = claims as Record<string, unknown>;
  if (typeof site !== 'string' || (role !== 'seller' && role !== 'operator') || !Number.isSafeInteger(exp) || typeof key !== 'string') return undefined;
  if ((exp as number) * 1000 <= now) return undefined;
  return { site, role, exp: exp as number, key };
}

export function sessionCookie(value: string, maxAge: number): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; Secure; SameSite=Strict; Path=/console; Max-Age=${maxAge}`;
}
