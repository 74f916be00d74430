import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { Attendee } from './client';
import { outboxFor, outboxKey, type OutboxStatus, type TentimesOutbox } from './outbox';

/**
 * The 10times side of booking and cancelling (routes/registrations.ts), for sites with the
 * 10times option. Popin answers first; 10times is reached later through the outbox and queue.
 */

type TentimesStatus = { status: OutboxStatus | 'unknown'; note?: string };

/** The customer's 10times details, saved when they identified themselves; a 401 sends them back to the form. */
export async function tentimesAttendee(c: Context<AppEnv>, userId: number): Promise<Attendee> {
  let attendee: Attendee | null | undefined;
  try {
    attendee = await outboxFor(c.env, c.var.site.id).profile(userId);
  } catch (error) {
    // Nothing booked yet: a clear "try again" rather than a 500.
    console.error(`10times site=${c.var.site.id}: profile not read (${error instanceof Error ? error.message : 'unknown'})`);
    throw new ApiError(503, 'tentimes_unavailable', 'We could not check your 10times details just now; nothing was booked. Please try again in a moment.', undefined, { 'Retry-After': '1' });
  }
  if (!attendee) {
    throw new ApiError(401, 'invalid_token', 'This booking also registers you with 10times, which needs your email address. Please enter your details again.');
  }
  return attendee;
}

/**
 * Keeps the customer's 10times details at sign-up. Popin has the lead by now; signing up again
 * is harmless (Popin returns the same user for the same mobile), so a failure asks for exactly
 * that instead of a 500.
 */
export async function saveTentimesProfile(c: Context<AppEnv>, userId: number, attendee: Attendee): Promise<void> {
  try {
    await outboxFor(c.env, c.var.site.id).saveProfile(userId, attendee);
  } catch (error) {
    console.error(`10times site=${c.var.site.id}: profile not saved (${error instanceof Error ? error.message : 'unknown'})`);
    throw new ApiError(
      503,
      'tentimes_unavailable',
      'We could not keep your details for 10times just now. Please send the form again in a moment (it will not sign you up twice).',
      undefined,
      { 'Retry-After': '1' },
    );
  }
}

/**
 * Records the registration in the site's outbox, which hands it to the queue. Without `attendee`
 * (the token says the details were kept at sign-up) the outbox reads them itself: one call.
 */
export async function enqueueTentimes(c: Context<AppEnv>, userId: number, eventId: number, attendee?: Attendee): Promise<TentimesStatus> {
  const site = c.var.site.id;
  let result: Awaited<ReturnType<TentimesOutbox['enqueue']>>;
  try {
    result = await outboxFor(c.env, site).enqueue(site, userId, eventId, attendee);
  } catch (error) {
    // Popin has the booking and booking again is harmless (Popin's register is idempotent), so
    // the customer is asked to press Book again rather than the 10times registration being lost.
    console.error(`10times site=${site} key=${outboxKey(userId, eventId)}: NOT RECORDED (${error instanceof Error ? error.message : 'unknown'})`);
    throw new ApiError(
      503,
      'tentimes_unavailable',
      'Your demo is booked, but we could not pass it on to 10times just now. Please press Book again in a moment.',
      undefined,
      { 'Retry-After': '1' },
    );
  }
  if ('missingProfile' in result) {
    // Only if the details kept at sign-up are gone (they outlive the token): ask for them again.
    console.error(`10times site=${site} key=${result.key}: NOT RECORDED (no 10times details kept for the customer)`);
    throw new ApiError(
      401,
      'invalid_token',
      'Your demo is booked, but registering you with 10times needs your email address again. Please enter your details, then press Book again (it will not book twice).',
    );
  }
  return { status: result.status };
}

/** 10times documents no cancel endpoint: a registration it has stays; the outbox records the cancellation. */
export async function cancelTentimes(c: Context<AppEnv>, userId: number, eventId: number): Promise<TentimesStatus> {
  const site = c.var.site.id;
  try {
    const { status } = await outboxFor(c.env, site).cancel(userId, eventId);
    return status === 'cancelled'
      ? { status, note: 'Not sent to 10times.' }
      : status === 'unknown'
        ? { status }
        : { status, note: '10times has no cancel API: the 10times registration stays.' };
  } catch (error) {
    console.error(`10times site=${site} key=${outboxKey(userId, eventId)}: cancellation not recorded (${error instanceof Error ? error.message : 'unknown'})`);
    return { status: 'unknown', note: 'The cancellation could not be recorded for 10times.' };
  }
}
