import { DurableObject } from 'cloudflare:workers';
import { ApiError, validationError } from '../errors';
import { IdempotencyRecords, type BookingOutcome } from './idempotency';
import { PopinClient, type PopinClientOptions } from '../popin/client';
import { upstream } from '../popin/errors';

/**
 * One Durable Object per customer per seller (all the seller's sites): every registration and cancellation of that
 * customer runs here, one at a time. That makes the active-registration cap exact, lets a
 * repeat of an Idempotency-Key wait for the first request instead of calling Popin again,
 * and keeps the keys for 24 hours.
 *
 * Before any write, the customer's own slots are read from Popin: the event must be one the
 * site offers, and a customer already registered is answered without registering again. So
 * a retry after a timeout (whose first attempt may have reached Popin) cannot book twice.
 */

export interface BookingTarget {
  popin: PopinClientOptions;
  userId: number;
  /** The site's limits.activeRegistrations. */
  activeRegistrations: number;
}

export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
}

export class CustomerBookings extends DurableObject<Env> {
  private readonly records: IdempotencyRecords;
  /** Requests of this customer run one after another; this is the tail of the line. */
  private line: Promise<unknown> = Promise.resolve();
  /** First requests still running, by Idempotency-Key, for repeats to wait on. */
  private readonly inFlight = new Map<string, Promise<BookingOutcome>>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.records = new IdempotencyRecords(ctx.storage.sql);
  }

  async register(target: BookingTarget, eventId: number, claim?: IdempotencyClaim): Promise<BookingOutcome> {
    if (!claim) return this.inLine(() => this.registerNow(target, eventId));

    const record = this.records.find(claim.key);
    if (record && record.fingerprint !== claim.fingerprint) {
      return failure(
        new ApiError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different booking. Send a new key for a new attempt.',
        ),
      );
    }
    if (record?.outcome) return { ...record.outcome, replayed: true };
    const running = this.inFlight.get(claim.key);
    if (running) return { ...(await running), replayed: true };
    // A record without an outcome and nothing running: the object restarted mid-request.
    // Running again is safe: the read before the write finds a registration that went through.

    this.records.begin(claim.key, claim.fingerprint);
    await this.scheduleCleanup();
    const run = this.inLine(() => this.registerNow(target, eventId));
    this.inFlight.set(claim.key, run);
    try {
      const outcome = await run;
      // 5xx and 504 leave the key free: the customer may retry it once Popin is back.
      if (outcome.status < 500) this.records.finish(claim.key, outcome);
      else this.records.release(claim.key);
      return outcome;
    } catch (error) {
      this.records.release(claim.key);
      throw error;
    } finally {
      this.inFlight.delete(claim.key);
    }
  }

  async cancel(target: BookingTarget, eventId: number): Promise<BookingOutcome> {
    return this.inLine(() =>
      settle(async () => {
        const popin = new PopinClient(target.popin);
        const { events, registeredEvents } = await upstream(popin.slots(target.userId));
        if (!events.some((event) => event.id === eventId)) throw notOffered();
        // Not registered (any more): nothing to ask Popin.
        if (registeredEvents.includes(eventId)) await upstream(popin.cancel(target.userId, eventId));
        return { event_id: eventId, cancelled: true };
      }),
    );
  }

  override async alarm(): Promise<void> {
    const next = this.records.purgeExpired();
    if (next !== undefined) {
      await this.ctx.storage.setAlarm(next);
    } else if (this.inFlight.size === 0) {
      // Nothing left to remember: an object without storage costs nothing and is forgotten.
      await this.ctx.storage.deleteAll();
      this.records.forget();
    }
  }

  private registerNow(target: BookingTarget, eventId: number): Promise<BookingOutcome> {
    return settle(async () => {
      const popin = new PopinClient(target.popin);
      const { events, registeredEvents } = await upstream(popin.slots(target.userId));
      if (!events.some((event) => event.id === eventId)) throw notOffered();
      if (registeredEvents.includes(eventId)) return { event_id: eventId, contact: null };
      if (registeredEvents.length >= target.activeRegistrations) {
        throw new ApiError(
          409,
          'too_many_registrations',
          `You are already booked on ${registeredEvents.length} upcoming demos, the most this site allows. Cancel one to book another.`,
        );
      }
      const { contact } = await upstream(popin.register(target.userId, eventId));
      return { event_id: eventId, contact };
    });
  }

  /** Keeps where a registration came from (page URL, utm_*), the last given per event. */
  async attribute(eventId: number, attribution: unknown): Promise<void> {
    await this.ctx.storage.put(`attribution:${eventId}`, { ...(attribution as object), at: Date.now() });
  }

  /** What `attribute` kept for an event, if anything. */
  async attribution(eventId: number): Promise<unknown> {
    return this.ctx.storage.get(`attribution:${eventId}`);
  }

  private inLine<T>(task: () => Promise<T>): Promise<T> {
    const run = this.line.then(task, task);
    this.line = run.catch(() => undefined);
    return run;
  }

  private async scheduleCleanup(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) {
      const next = this.records.purgeExpired();
      if (next !== undefined) await this.ctx.storage.setAlarm(next);
    }
  }
}

const notOffered = () =>
  validationError({ event_id: ['This demo is not open for booking (it may have ended or been removed). Choose another slot.'] });

/** Runs a booking step and turns an ApiError into the answer to send (RPC carries plain data). */
async function settle(step: () => Promise<unknown>): Promise<BookingOutcome> {
  try {
    return { status: 200, body: await step() };
  } catch (error) {
    if (error instanceof ApiError) return failure(error);
    throw error;
  }
}

function failure(error: ApiError): BookingOutcome {
  return { status: error.status, body: error.toBody() };
}
