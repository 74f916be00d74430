import { DurableObject } from 'cloudflare:workers';

/**
 * The seats of one EnableX meeting: EnableX has no attendee registration, so the worker keeps
 * who booked. One SQLite-backed Durable Object per app type and meeting (not per site: the
 * meeting's `participants` is one capacity, whichever of the seller's sites books it). Every
 * method reads and writes without an await in between, so concurrent bookings run one at a
 * time here and the capacity is never exceeded.
 */

/** Seats are forgotten this long after the meeting ends (the ledger keeps the bookings). */
const KEEP_AFTER_END_MS = 24 * 60 * 60 * 1000;

export type TakeOutcome = 'taken' | 'already' | 'full';

export interface SeatCount {
  taken: number;
  /** The asked holder has a seat. */
  mine: boolean;
}

export function seatsOf(env: { ENABLEX_SEATS: DurableObjectNamespace<EnablexSeats> }, appType: string, meetingId: string) {
  return env.ENABLEX_SEATS.get(env.ENABLEX_SEATS.idFromName(`${appType}/${meetingId}`));
}

export class EnablexSeats extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
    this.create();
  }

  private create(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS seats (holder TEXT PRIMARY KEY, taken_at INTEGER NOT NULL)');
  }

  private taken(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM seats').one().n;
  }

  private holds(holder: string): boolean {
    return this.sql.exec('SELECT 1 FROM seats WHERE holder = ?', holder).toArray().length > 0;
  }

  /** A seat for `holder` if one is left of `capacity` (the meeting's participants, as EnableX says now). */
  async take(holder: string, capacity: number, endsAt: number): Promise<{ outcome: TakeOutcome; taken: number }> {
    let outcome: TakeOutcome;
    if (this.holds(holder)) outcome = 'already';
    else if (this.taken() >= capacity) outcome = 'full';
    else {
      this.sql.exec('INSERT INTO seats (holder, taken_at) VALUES (?, ?)', holder, Date.now());
      outcome = 'taken';
    }
    const taken = this.taken();
    if (outcome === 'taken') await this.ctx.storage.setAlarm(Math.max(endsAt, Date.now()) + KEEP_AFTER_END_MS);
    return { outcome, taken };
  }

  /** Frees `holder`'s seat (nothing to do when they have none). */
  async release(holder: string): Promise<{ released: boolean; taken: number }> {
    const released = this.holds(holder);
    if (released) this.sql.exec('DELETE FROM seats WHERE holder = ?', holder);
    return { released, taken: this.taken() };
  }

  async count(holder: string | null): Promise<SeatCount> {
    return { taken: this.taken(), mine: holder !== null && this.holds(holder) };
  }

  /** The meeting is long over: nothing is left to keep. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.create();
  }
}
