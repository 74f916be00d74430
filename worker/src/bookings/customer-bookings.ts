import { DurableObject } from 'cloudflare:workers';
import { ApiError, validationError } from '../errors';
import { IdempotencyRecords, type BookingOutcome } from './idempotency';
import { PopinClient, type PopinClientOptions } from '../popin/client';
import { upstream } from '../popin/errors';
import type { EnablexClientOptions } from '../enablex/client';
import type { EnablexSite } from '../enablex/config';
import { customerFacing, endOf, meetingIdOf, offeredMeetings } from '../enablex/demos';
import { seatsOf } from '../enablex/seats';

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
  /** Sites with the EnableX option: where its meetings are and who holds the seats (enablex/demos.ts). */
  enablex?: { client: EnablexClientOptions; site: EnablexSite; holder: string };
}

/** Where this customer's EnableX seats are mirrored (for the cap), with when each meeting ends. */
const SEAT_PREFIX = 'enablex-seat:';

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

  /** `eventId`: a Popin event (number) or an EnableX demo (`enablex-<meeting_id>`). */
  async register(target: BookingTarget, eventId: number | string, claim?: IdempotencyClaim): Promise<BookingOutcome> {
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

  async cancel(target: BookingTarget, eventId: number | string): Promise<BookingOutcome> {
    if (typeof eventId === 'string') return this.inLine(() => this.cancelEnablex(target, eventId));
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
    const keys = this.records.purgeExpired();
    const seats = this.purgeSeats();
    const next = keys === undefined ? seats : seats === undefined ? keys : Math.min(keys, seats);
    if (next !== undefined) {
      await this.ctx.storage.setAlarm(next);
    } else if (this.inFlight.size === 0) {
      // Nothing left to remember: an object without storage costs nothing and is forgotten.
      await this.ctx.storage.deleteAll();
      this.records.forget();
    }
  }

  private registerNow(target: BookingTarget, eventId: number | string): Promise<BookingOutcome> {
    if (typeof eventId === 'string') return this.registerEnablex(target, eventId);
    return settle(async () => {
      const popin = new PopinClient(target.popin);
      const { events, registeredEvents } = await upstream(popin.slots(target.userId));
      if (!events.some((event) => event.id === eventId)) throw notOffered();
      if (registeredEvents.includes(eventId)) return { event_id: eventId, contact: null };
      checkCap(registeredEvents.length + this.seatsHeld(), target);
      const { contact } = await upstream(popin.register(target.userId, eventId));
      return { event_id: eventId, contact };
    });
  }

  /**
   * An EnableX demo: the meeting must be one the site offers now (read from EnableX), the cap
   * counts Popin registrations and EnableX seats together, and the seat itself is taken in the
   * meeting's seat store, which refuses once `participants` seats are taken.
   */
  private registerEnablex(target: BookingTarget, eventId: string): Promise<BookingOutcome> {
    return settle(async () => {
      const enablex = target.enablex;
      if (!enablex) throw notOffered();
      const meetingId = meetingIdOf(eventId);
      const meetings = await offeredMeetings(enablex.client, enablex.site).catch((error: unknown) => {
        throw customerFacing(error);
      });
      const meeting = meetings.find((m) => m.meeting_id === meetingId);
      if (!meeting) throw notOffered();
      const mirror = `${SEAT_PREFIX}${enablex.site.appType}/${meetingId}`;
      if (this.ctx.storage.kv.get(mirror) === undefined) {
        const { registeredEvents } = await upstream(new PopinClient(target.popin).slots(target.userId));
        checkCap(registeredEvents.length + this.seatsHeld(), target);
      }
      const seats = seatsOf(this.env, enablex.site.appType, meetingId);
      const { outcome } = await seats.take(enablex.holder, meeting.capacity, endOf(meeting));
      if (outcome === 'full') {
        throw new ApiError(409, 'demo_full', `"${meeting.name.slice(0, 100)}" is full. Choose another demo.`);
      }
      this.ctx.storage.kv.put(mirror, endOf(meeting));
      await this.scheduleAt(endOf(meeting));
      // EnableX sends nobody a message: the join link is in the customer's own view of the demos.
      return { event_id: eventId, contact: null };
    });
  }

  private cancelEnablex(target: BookingTarget, eventId: string): Promise<BookingOutcome> {
    return settle(async () => {
      const enablex = target.enablex;
      if (!enablex) throw notOffered();
      const meetingId = meetingIdOf(eventId);
      // No EnableX call: a seat is freed even when the meeting was since cancelled or moved.
      await seatsOf(this.env, enablex.site.appType, meetingId).release(enablex.holder);
      this.ctx.storage.kv.delete(`${SEAT_PREFIX}${enablex.site.appType}/${meetingId}`);
      return { event_id: eventId, cancelled: true };
    });
  }

  /** EnableX seats of this customer whose meetings have not ended. */
  private seatsHeld(now = Date.now()): number {
    let held = 0;
    for (const [, endsAt] of this.ctx.storage.kv.list<number>({ prefix: SEAT_PREFIX })) if (endsAt > now) held++;
    return held;
  }

  /** Forgets mirrored seats of ended meetings; returns when the next one ends. */
  private purgeSeats(now = Date.now()): number | undefined {
    let next: number | undefined;
    for (const [key, endsAt] of this.ctx.storage.kv.list<number>({ prefix: SEAT_PREFIX })) {
      if (endsAt <= now) this.ctx.storage.kv.delete(key);
      else next = next === undefined ? endsAt : Math.min(next, endsAt);
    }
    return next;
  }

  /** An alarm no later than `at`, so a mirrored seat does not outlive its meeting by long. */
  private async scheduleAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(Math.max(at, Date.now()));
  }

  /** Keeps where a registration came from (page URL, utm_*), the last given per event. */
  async attribute(eventId: number | string, attribution: unknown): Promise<void> {
    await this.ctx.storage.put(`attribution:${eventId}`, { ...(attribution as object), at: Date.now() });
  }

  /** What `attribute` kept for an event, if anything. */
  async attribution(eventId: number | string): Promise<unknown> {
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

function checkCap(active: number, target: BookingTarget): void {
  if (active >= target.activeRegistrations) {
    throw new ApiError(
      409,
      'too_many_registrations',
      `You are already booked on ${active} upcoming demos, the most this site allows. Cancel one to book another.`,
    );
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
