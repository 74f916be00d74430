/**
 * Customer tokens: `<payload>.<signature>`, both base64url. The payload is
 * `{ site, user_id, exp }` (exp in Unix seconds) signed with HMAC-SHA-256 under TOKEN_SECRET.
 * The browser holds the token but never chooses the Popin user_id inside it.
 */

export interface CustomerClaims {
  site: string;
  user_id: number;
  /** Expiry, Unix seconds. */
  exp: number;
}

/** Tokens live 30 days: long enough for a customer to come back to their bookings. */
export const TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    keys.set(secret, key);
  }
  return key;
}

export async function signToken(
  claims: Omit<CustomerClaims, 'exp'>,
  secret: string,
  now = Date.now(),
): Promise<string> {
  const payload: CustomerClaims = { ...claims, exp: Math.floor(now / 1000) + TOKEN_TTL_SECONDS };
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(signature))}`;
}

/**
 * Returns the claims of a valid token for `site`, or undefined for anything else:
 * malformed, tampered, expired, or issued for another site.
 */
export async function verifyToken(
  token: string,
  site: string,
  secret: string,
  now = Date.now(),
): Promise<CustomerClaims | undefined> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const signatureBytes = fromBase64Url(signature);
  if (!signatureBytes) return undefined;
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signatureBytes, encoder.encode(body));
  if (!valid) return undefined;
  const bytes = fromBase64Url(body);
  if (!bytes) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (!isClaims(claims) || claims.site !== site || claims.exp * 1000 <= now) return undefined;
  return claims;
}

function isClaims(value: unknown): value is CustomerClaims {
  if (typeof value !== 'object' || value === null) return false;
  const { site, user_id, exp } = value as Record<string, unknown>;
  return typeof site === 'string' && Number.isSafeInteger(user_id) && Number.isSafeInteger(exp);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes canonical base64url only. atob ignores the unused low bits of the last character,
 * so "…A" and "…B" can decode to the same bytes: without this check a token would have
 * several spellings that all verify (found by the property tests).
 */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
