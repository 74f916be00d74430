import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { refuseForgotten } from '../ledger/record';
import { signToken, verifyToken, type CustomerClaims, type TokenSecrets } from './token';

/**
 * The customer behind a request: undefined without an Authorization header, the token's
 * claims when it is valid for this site, and a 401 for anything else (so a stale token is
 * never silently treated as a guest).
 */
export async function optionalCustomer(c: Context<AppEnv>): Promise<CustomerClaims | undefined> {
  const header = c.req.header('Authorization');
  if (header === undefined) return undefined;
  const token = /^Bearer ([A-Za-z0-9._-]{1,2048})$/.exec(header)?.[1];
  const claims = token && (await verifyToken(token, c.var.site.id, tokenSecrets(c)));
  if (!claims) {
    throw new ApiError(
      401,
      'invalid_token',
      'Your booking session has expired or belongs to another site. Enter your name and mobile number again.',
    );
  }
  // "Forget this customer" in the seller console ends their sessions.
  await refuseForgotten(c, claims);
  return claims;
}

export async function requireCustomer(c: Context<AppEnv>): Promise<CustomerClaims> {
  const claims = await optionalCustomer(c);
  if (!claims) {
    throw new ApiError(401, 'unauthorized', 'Enter your name and mobile number first; booking needs a customer token.');
  }
  return claims;
}

/** `tentimesProfile`: the site's 10times outbox has just kept the customer's details (claim `tt`). */
export function issueToken(c: Context<AppEnv>, userId: number, tentimesProfile = false): Promise<string> {
  return signToken({ site: c.var.site.id, user_id: userId, ...(tentimesProfile ? { tt: 1 as const } : {}) }, tokenSecrets(c));
}

/** TOKEN_SECRET signs; TOKEN_SECRET_PREVIOUS, while set during a rotation, still verifies. */
const tokenSecrets = (c: Context<AppEnv>): TokenSecrets => ({ current: c.var.config.tokenSecret, previous: c.var.config.tokenSecretPrevious });
