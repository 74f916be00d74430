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
 * One Popin round trip per booking (issue #15). The object keeps what it *knows* of the
 * customer's Popin registrations (`known`, see below) and books on that without reading first:
 * - the event is checked against the site's shared general list (`offered`, passed by the route);
 * - `known` is written only from a definite answer: a read of the customer's slots (the object's
 *   own, or the one the widget made just before booking, handed over by `observe`), or Popin's
 *   200 to our own register/cancel. It is DELETED before every write to Popin, so a write that
 *   ends without an answer (timeout, 5xx, lost answer, object restart) leaves it unknown, and the
 *   next attempt reads before writing, as before: a retry after a timeout cannot book twice.
 * - Answers that would refuse or skip the write ("already registered", the cap's 409) are never
 *   given from `known` alone: they are confirmed by a read first (rare paths, not the happy one).
 * - `known` is trusted for KNOWN_FOR_MS only: Popin may change behind our back (the seller's own
 *   admin, an event that ended); ids no longer in the general list are dropped from it.
 * - An observation is taken only when nothing runs here and no write started or ended within
 *   OBSERVE_AFTER_WRITE_MS of the read (so a read that raced one of our writes is never believed;
 *   the margin also covers clock skew between the worker and this object).
 *
 * EnableX demos (string ids) are not Popin's: their seats are taken in the meeting's seat store
 * and mirrored here (SEAT_PREFIX), exactly, since only this object takes or frees them. `known`
 * and `offered` hold Popin ids only; the cap adds the mirrored seats to the Popin registrations,
 * on both paths, and an EnableX booking takes the Popin count from `known` when it is fresh.
 */

/** How long what the object knows of the customer's registrations is trusted without a read. */
export const KNOWN_FOR_MS = 10 * 60_000;
/** A read of the customer's slots that started this soon after a write of ours is not believed. */
export const OBSERVE_AFTER_WRITE_MS = 60_000;

interface Known {
  /** Event ids the customer is registered on in Popin, as of `at`. */
  registered: number[];
  at: number;
}

const KNOWN_KEY = 'popin:known';
const LAST_WRITE_KEY = 'popin:last-write';

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
  /** Bookings and cancellations waiting or running here (observations are ignored meanwhile). */
  private running = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.records = new IdempotencyRecords(ctx.storage.sql);
  }

  /**
   * `eventId`: a Popin event (number) or an EnableX demo (`enablex-<meeting_id>`). `offered`: the
   * Popin event ids of the site's general list (see the comment at the top; Popin ids only).
   */
  async register(target: BookingTarget, eventId: number | string, claim?: IdempotencyClaim, offered?: number[]): Promise<BookingOutcome> {
    if (!claim) return this.inLine(() => this.registerNow(target, eventId, offered));

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
    // Running again is safe: `known` was deleted before that write, so this attempt reads first
    // and finds a registration that went through.

    this.records.begin(claim.key, claim.fingerprint);
    await this.scheduleCleanup();
    const run = this.inLine(() => this.registerNow(target, eventId, offered));
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

  async cancel(target: BookingTarget, eventId: number | string, offered?: number[]): Promise<BookingOutcome> {
    if (typeof eventId === 'string') return this.inLine(() => this.cancelEnablex(target, eventId));
    return this.inLine(() =>
      settle(async () => {
        const popin = new PopinClient(target.popin);
        let known = this.known(offered);
        if (!offered) {
          const read = await this.read(popin, target.userId);
          if (!read.events.includes(eventId)) throw notOffered();
          known = read.known;
        } else if (!offered.includes(eventId)) {
          throw notOffered();
        }
        // Known not to be registered: nothing to ask Popin. Otherwise cancel straight away:
        // cancelling what is not registered is harmless, so no read is needed first.
        if (known && !known.registered.includes(eventId)) return { event_id: eventId, cancelled: true };
        this.writing();
        try {
          await upstream(popin.cancel(target.userId, eventId));
        } finally {
          this.wrote();
        }
        if (known) this.remember(known.registered.filter((id) => id !== eventId));
        return { event_id: eventId, cancelled: true };
      }),
    );
  }

  /**
   * What the worker read of this customer's slots (GET slots with their token) just before, so
   * that the booking that usually follows needs no read of its own. See the comment at the top.
   */
  observe(registered: number[], readStartedAt: number): void {
    if (this.running > 0) return;
    const lastWrite = this.ctx.storage.kv.get<number>(LAST_WRITE_KEY);
    if (lastWrite !== undefined && readStartedAt < lastWrite + OBSERVE_AFTER_WRITE_MS) return;
    this.remember(registered, readStartedAt);
  }

  override async alarm(): Promise<void> {
    const keys = this.records.purgeExpired();
    const seats = this.purgeSeats();
    const next = keys === undefined ? seats : seats === undefined ? keys : Math.min(keys, seats);
    if (next !== undefined) {
      await this.ctx.storage.setAlarm(next);
    } else if (this.inFlight.size === 0 && this.running === 0) {
      // Nothing left to remember: an object without storage costs nothing and is forgotten.
      await this.ctx.storage.deleteAll();
      this.records.forget();
    }
  }

  private registerNow(target: BookingTarget, eventId: number | string, offered?: number[]): Promise<BookingOutcome> {
    if (typeof eventId === 'string') return this.registerEnablex(target, eventId, offered);
    return settle(async () => {
      const popin = new PopinClient(target.popin);
      let known = this.known(offered);
      let confirmed = false;
      if (!known || !offered) {
        const read = await this.read(popin, target.userId);
        if (!read.events.includes(eventId)) throw notOffered();
        [known, confirmed] = [read.known, true];
      } else if (!offered.includes(eventId)) {
        throw notOffered();
      }
      // A refusal or a skipped write is only ever answered from a fresh read. The cap counts the
      // customer's EnableX seats too (mirrored here, exact: they are taken in this object).
      const refuses = (k: Known) => k.registered.includes(eventId) || k.registered.length + this.seatsHeld() >= target.activeRegistrations;
      if (!confirmed && refuses(known)) {
        const read = await this.read(popin, target.userId);
        if (!read.events.includes(eventId)) throw notOffered();
        known = read.known;
      }
      const { registered } = known;
      if (registered.includes(eventId)) return { event_id: eventId, contact: null };
      checkCap(registered.length + this.seatsHeld(), target);
      this.writing();
      let contact: string;
      try {
        ({ contact } = await upstream(popin.register(target.userId, eventId)));
      } finally {
        this.wrote();
      }
      this.remember([...registered, eventId]);
      return { event_id: eventId, contact };
    });
  }

  /**
   * An EnableX demo: the meeting must be one the site offers now (read from EnableX), the cap
   * counts Popin registrations and EnableX seats together, and the seat itself is taken in the
   * meeting's seat store, which refuses once `participants` seats are taken.
   */
  private registerEnablex(target: BookingTarget, eventId: string, offered?: number[]): Promise<BookingOutcome> {
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
        // The customer's Popin registrations for the cap: what the object knows when it is fresh
        // (no Popin call), a read otherwise; a refusal is confirmed by a read, as for Popin demos.
        const known = this.known(offered);
        const atCap = (k: Known) => k.registered.length + this.seatsHeld() >= target.activeRegistrations;
        const popinRegistered = !known || atCap(known) ? (await this.read(new PopinClient(target.popin), target.userId)).known : known;
        checkCap(popinRegistered.registered.length + this.seatsHeld(), target);
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

  /** The customer's slots from Popin; what it says of their registrations becomes `known`. */
  private async read(popin: PopinClient, userId: number): Promise<{ events: number[]; known: Known }> {
    const { events, registeredEvents } = await upstream(popin.slots(userId));
    return { events: events.map((event) => event.id), known: this.remember(registeredEvents) };
  }

  /** What the object knows, if it is recent, without the events the general list no longer has. */
  private known(offered?: number[]): Known | undefined {
    const known = this.ctx.storage.kv.get<Known>(KNOWN_KEY);
    if (!known || Date.now() - known.at > KNOWN_FOR_MS) return undefined;
    return offered ? { ...known, registered: known.registered.filter((id) => offered.includes(id)) } : known;
  }

  private remember(registered: number[], at = Date.now()): Known {
    const known = { registered, at };
    this.ctx.storage.kv.put(KNOWN_KEY, known);
    return known;
  }

  /** Before a write to Popin: forget what we know (an unanswered write leaves it unknown). */
  private writing(): void {
    this.ctx.storage.kv.delete(KNOWN_KEY);
    this.ctx.storage.kv.put(LAST_WRITE_KEY, Date.now());
  }

  /** After a write to Popin, answered or not. */
  private wrote(): void {
    this.ctx.storage.kv.put(LAST_WRITE_KEY, Date.now());
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
    this.running++;
    const run = this.line.then(task, task).finally(() => this.running--);
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
