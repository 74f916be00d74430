import type { Context } from 'hono';
import { TOKEN_TTL_SECONDS, type CustomerClaims } from '../auth/token';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { siteLedger } from './ledger';

/**
 * What the booking routes write to the site's ledger. Always after Popin has answered, and
 * never at the customer's expense: a ledger that is down is logged and the answer goes out.
 */

/** The page the request came from: Referer (else Origin), scheme, host and path only (no query, no fragment). */
export function pageOf(c: Context<AppEnv>): string | null {
  for (const header of ['Referer', 'Origin']) {
    const value = c.req.header(header);
    if (!value || !URL.canParse(value)) continue;
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
    return (url.origin + url.pathname).slice(0, 500);
  }
  return null;
}

async function carryOn(c: Context<AppEnv>, what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    console.error(`ledger site=${c.var.site.id}: ${what} NOT RECORDED (${error instanceof Error ? error.message : 'unknown'})`);
  }
}

export function recordSignUp(c: Context<AppEnv>, userId: number, name: string, mobile: string): Promise<void> {
  const { site } = c.var;
  return carryOn(c, `sign-up of user ${userId}`, () =>
    siteLedger(c.env, site.id).signedUp({ userId, name, mobile, page: pageOf(c), at: Date.now(), retentionDays: site.retentionDays }),
  );
}

export function recordBooking(c: Context<AppEnv>, userId: number, eventId: number | string, tentimesStatus?: string): Promise<void> {
  const { site } = c.var;
  return carryOn(c, `booking ${userId}:${eventId}`, () =>
    siteLedger(c.env, site.id).booked({
      userId, eventId, page: pageOf(c), at: Date.now(), tentimesStatus: tentimesStatus ?? null, retentionDays: site.retentionDays,
    }),
  );
}

export function recordCancellation(c: Context<AppEnv>, userId: number, eventId: number | string, tentimesStatus?: string): Promise<void> {
  return carryOn(c, `cancellation ${userId}:${eventId}`, () =>
    siteLedger(c.env, c.var.site.id).cancelled({ userId, eventId, at: Date.now(), tentimesStatus: tentimesStatus ?? null }),
  );
}

/**
 * A forgotten customer's tokens (issued up to the moment they were forgotten) are refused.
 * A token's issue time is its exp minus the token lifetime. If the ledger cannot be asked,
 * the token is accepted (and logged): the ledger must never stop a booking.
 */
export async function refuseForgotten(c: Context<AppEnv>, claims: CustomerClaims): Promise<void> {
  let forgottenAt: number | null = null;
  try {
    forgottenAt = await siteLedger(c.env, claims.site).forgottenAt(claims.user_id);
  } catch (error) {
    console.error(`ledger site=${claims.site}: forgotten check skipped (${error instanceof Error ? error.message : 'unknown'})`);
  }
  if (forgottenAt !== null && (claims.exp - TOKEN_TTL_SECONDS) * 1000 <= forgottenAt) {
    throw new ApiError(401, 'invalid_token', 'Your booking session has ended. Enter your name and mobile number again.');
  }
}
