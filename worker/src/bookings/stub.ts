import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError, type ErrorBody } from '../errors';
import type { CustomerClaims } from '../auth/token';
import { popinClientOptions } from '../popin/client';
import { enablexOptionsFor, seatHolder } from '../enablex/demos';
import { generalSlots } from '../popin/general-slots';
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
 * The event ids the site offers, from the shared general list (no Popin call while it is fresh),
 * for the bookings object to check a booking against instead of reading the customer's slots.
 * Undefined when the list cannot be had: the object then reads the customer's slots, as before.
 */
export async function offeredEvents(c: Context<AppEnv>): Promise<number[] | undefined> {
  try {
    const general = await generalSlots(c);
    // Popin ids only: EnableX demos (string ids, merged into the list by the slots route) are
    // checked against EnableX itself. The filter keeps that true if the shared list ever holds them.
    return general.stale ? undefined : general.events.map((event) => event.id).filter((id): id is number => typeof id === 'number');
  } catch {
    return undefined;
  }
}

/**
 * Hands the customer's slots the worker just read to their bookings object (see
 * CustomerBookings.observe), so the booking that usually follows costs one Popin round trip.
 * Best effort: a failure only means the booking reads for itself.
 */
export async function observeRegistrations(c: Context<AppEnv>, customer: CustomerClaims, registered: number[], readStartedAt: number): Promise<void> {
  try {
    await customerBookings(c, customer).stub.observe(registered, readStartedAt);
  } catch (error) {
    console.error(`CustomerBookings observe failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Calls the customer's object. If it fails underneath us (restarted, evicted, overloaded) the
 * booking may or may not have reached Popin; a retry is safe because the object reads first after a write that ended without an answer.
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
