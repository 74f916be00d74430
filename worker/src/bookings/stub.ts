import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError, type ErrorBody } from '../errors';
import type { CustomerClaims } from '../auth/token';
import { popinClientOptions } from '../popin/client';
import { enablexOptionsFor, seatHolder } from '../enablex/demos';
import type { BookingTarget } from './customer-bookings';
import type { BookingOutcome } from './idempotency';

/** The name of a customer's CustomerBookings object (see below). */
export const customerBookingsName = (seller: string, userId: number) => `seller:${seller}/${userId}`;

/**
 * The customer's CustomerBookings object and what it needs to act for them. One per Popin seller
 * and user, not per site: a seller's sites share one Popin account, so bookings made on two of
 * them at once run one after the other and the active-registration cap holds across them.
 */
export function customerBookings(c: Context<AppEnv>, customer: CustomerClaims) {
  const { site, config } = c.var;
  const namespace = c.env.CUSTOMER_BOOKINGS;
  const stub = namespace.get(namespace.idFromName(customerBookingsName(site.seller, customer.user_id)));
  const enablex = enablexOptionsFor(c);
  const target: BookingTarget = {
    popin: popinClientOptions(config, site),
    userId: customer.user_id,
    activeRegistrations: site.limits.activeRegistrations,
    ...(enablex && site.enablex ? { enablex: { client: enablex, site: site.enablex, holder: seatHolder(site.seller, customer.user_id) } } : {}),
  };
  return { stub, target };
}

/**
 * Calls the customer's object. If it fails underneath us (restarted, evicted, overloaded) the
 * booking may or may not have reached Popin; a retry is safe because the object re-reads first.
 */
export async function askBookings(call: () => Promise<BookingOutcome>): Promise<BookingOutcome> {
  try {
    return await call();
  } catch (error) {
    console.error(`CustomerBookings call failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new ApiError(
      503,
      'booking_interrupted',
      'Your request was interrupted on our side. Please try again: it will not book you twice.',
      undefined,
      { 'Retry-After': '1' },
    );
  }
}

/** The success body of an outcome; a failure becomes the same ApiError the worker would have thrown. */
export function successOf<T>(outcome: BookingOutcome): T {
  if (outcome.status === 200) return outcome.body as T;
  const body = outcome.body as ErrorBody;
  throw new ApiError(outcome.status as ApiError['status'], body.code, body.message, body.errors, replayHeader(outcome));
}

/** Tells a client that this answer is the stored one for its Idempotency-Key. */
export function replayHeader(outcome: BookingOutcome): Record<string, string> | undefined {
  return outcome.replayed ? { 'Idempotent-Replayed': 'true' } : undefined;
}
