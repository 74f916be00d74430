import { fromBase64Url, toBase64Url } from '../base64url';
/**
 * Customer tokens: `<payload>.<signature>`, both base64url. The payload is
 * `{ site, user_id, exp, kid, jti, tt? }` (exp in Unix seconds) signed with HMAC-SHA-256 under TOKEN_SECRET.
 * The browser holds the token but never chooses the Popin user_id inside it.
 *
 * `kid` names the secret that signed it (a one-way digest of the secret, so the key can be picked
 * without trying each): during a rotation TOKEN_SECRET_PREVIOUS still verifies the tokens it signed.
 */

export interface CustomerClaims {
  site: string;
  user_id: number;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Which secret signed it; absent on tokens issued before key ids existed. */
  kid?: string;
  /** Random per token: what the per-token booking limit counts on (middleware/rate-limit.ts). */
  jti?: string;
  /**
   * 1: the site's 10times outbox kept this customer's details at sign-up, so a booking records
   * its 10times registration in one outbox call without reading them first (tentimes/bookings.ts).
   */
  tt?: 1;
}

/** The secrets that verify a token: the current one signs, the previous one only verifies. */
export interface TokenSecrets {
  current: string;
  previous?: string;
}

/** Tokens live 30 days: long enough for a customer to come back to their bookings. */
export const TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Clock difference tolerated between the isolate that issued a token and the one checking it. */
const CLOCK_SKEW_SECONDS = 300;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
const kids = new Map<string, Promise<string>>();

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

/** The key id of a secret: 8 characters of an HMAC under it, which tell nothing about the secret. */
export function keyId(secret: string): Promise<string> {
  let kid = kids.get(secret);
  if (!kid) {
    kid = hmacKey(secret).then(async (key) => toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode('token-key-id')))).slice(0, 8));
    kids.set(secret, kid);
  }
  return kid;
}

const secretsOf = (secrets: string | TokenSecrets): TokenSecrets => (typeof secrets === 'string' ? { current: secrets } : secrets);

export async function signToken(
  claims: Pick<CustomerClaims, 'site' | 'user_id' | 'tt'>,
  secrets: string | TokenSecrets,
  now = Date.now(),
): Promise<string> {
  const { current } = secretsOf(secrets);
  const jti = toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
  const payload: CustomerClaims = { ...claims, exp: Math.floor(now / 1000) + TOKEN_TTL_SECONDS, kid: await keyId(current), jti };
  const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(current), encoder.encode(body));
  return `${body}.${toBase64Url(new Uint8Array(signature))}`;
}

/**
 * Returns the claims of a valid token for `site`, or undefined for anything else:
 * malformed, tampered, expired, expiring later than a token issued now would, signed by a
 * secret that is neither the current nor the previous one, or issued for another site.
 */
export async function verifyToken(
  token: string,
  site: string,
  secrets: string | TokenSecrets,
  now = Date.now(),
): Promise<CustomerClaims | undefined> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const signatureBytes = fromBase64Url(signature);
  const bytes = fromBase64Url(body);
  if (!signatureBytes || !bytes) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  if (!isClaims(claims)) return undefined;
  // The key id only chooses which secret to check with; the signature decides.
  const { current, previous } = secretsOf(secrets);
  const candidates = [current, ...(previous ? [previous] : [])];
  const chosen = [];
  for (const secret of candidates) if (claims.kid === undefined || claims.kid === (await keyId(secret))) chosen.push(secret);
  let valid = false;
  // crypto.subtle.verify compares in constant time.
  for (const secret of chosen) valid ||= await crypto.subtle.verify('HMAC', await hmacKey(secret), signatureBytes, encoder.encode(body));
  if (!valid) return undefined;
  const seconds = now / 1000;
  if (claims.site !== site || claims.exp <= seconds) return undefined;
  // No token outlives the TTL from now: a signed far-future exp is refused, whoever made it.
  if (claims.exp > seconds + TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) return undefined;
  return claims;
}

function isClaims(value: unknown): value is CustomerClaims {
  if (typeof value !== 'object' || value === null) return false;
  const { site, user_id, exp, kid, jti, tt } = value as Record<string, unknown>;
  const optionalText = (field: unknown) => field === undefined || (typeof field === 'string' && field.length <= 64);
  return typeof site === 'string' && Number.isSafeInteger(user_id) && Number.isSafeInteger(exp) && optionalText(kid) && optionalText(jti) && (tt === undefined || tt === 1);
}
