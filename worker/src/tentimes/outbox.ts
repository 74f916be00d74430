import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env';
import type { Attendee } from './client';
import { queueRetentionSeconds } from './config';

/**
 * The 10times outbox of one site: a SQLite-backed Durable Object named by the site id.
 * It is the durable record of every 10times registration (pending → sending → done, or dead
 * with its reason, or cancelled before it was sent), keyed by the idempotency key
 * `<user_id>:<event_id>` so that a duplicate delivery never registers twice. The queue only
 * carries `{ site, key }`; the customer's details stay here.
 */

export type OutboxStatus = 'pending' | 'sending' | 'done' | 'dead' | 'cancelled';

/** A queue message: which registration of which site to send. */
export interface OutboxMessage {
  site: string;
  key: string;
  /** Which enqueueing of the key this is: a stale message for an earlier one (booked, died, booked again) does nothing. */
  id: string;
  /** Set on dead letters we send ourselves: why it was given up. */
  reason?: string;
}

export type Claim =
  | { action: 'send'; userId: number; eventId: number; attendee: Attendee; createdAt: number; attempts: number }
  /** Nothing to send: already done, dead, cancelled, unknown, or claimed by an earlier message of the same batch. */
  | { action: 'skip'; status: OutboxStatus | 'unknown' | 'superseded' | 'duplicate' }
  /** Another delivery of the same key is sending right now: look again later. */
  | { action: 'wait'; seconds: number };

export type Settlement =
  | { outcome: 'done'; floorLink?: string }
  | { outcome: 'retry'; detail: string }
  | { outcome: 'dead'; reason: string };

export type PushOutcome = 'captured' | 'rejected' | 'failed';

export interface OutboxReport {
  counts: Record<OutboxStatus, number>;
  /** Registrations 10times has but the customer cancelled in Popin (10times has no cancel endpoint). */
  cancelledAfterRegistration: number;
  /** Pending ones not yet handed to the queue (the alarm retries the hand-over). */
  notQueued: number;
  dead: Array<{ key: string; event_id: number; attempts: number; reason: string; at: string }>;
  pushes: { captured: number; rejected: number; failed: number; recent: Array<{ id: number; outcome: PushOutcome; reason: string | null; at: string; body: string }> };
}

/** A claimed registration is someone else's for this long (a delivery that died mid-send frees it). */
const LEASE_MS = 90_000;
/** Hand-overs to the queue that failed are tried again this often. */
const REQUEUE_AFTER_MS = 30_000;
/** The sweep (re-hand-overs and retention) runs at least this often while the object holds rows. */
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * How long each kind of row is kept (README "Security", "Storage"). Pending and sending rows are
 * never deleted: they are work still to do.
 */
export const RETENTION_MS = {
  /** Done, dead and cancelled registrations: long after the demo, and in the operator report meanwhile. */
  settledRegistrations: 90 * 24 * 3600_000,
  /** Stored pushes (up to 16 KB each): the operator has a month to look at a rejected one. */
  pushes: 30 * 24 * 3600_000,
  /** A customer's 10times details, kept past their token's 30 days; a later booking asks for them again. */
  profiles: 90 * 24 * 3600_000,
};

export const outboxKey = (userId: number, eventId: number) => `${userId}:${eventId}`;

export function outboxFor(env: Bindings, site: string): DurableObjectStub<TentimesOutbox> {
  return env.TENTIMES_OUTBOX.get(env.TENTIMES_OUTBOX.idFromName(site));
}

interface RegistrationRow extends Record<string, SqlStorageValue> {
  key: string;
  id: string;
  site: string;
  user_id: number;
  event_id: number;
  status: OutboxStatus;
  attendee: string;
  attempts: number;
  reason: string | null;
  floor_link: string | null;
  lease_until: number;
  queued: number;
  /** When it was last handed to the queue (0: never, or before this column existed). */
  queued_at: number;
  created_at: number;
  updated_at: number;
  cancelled_at: number | null;
}

export class TentimesOutbox extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS profiles (user_id INTEGER PRIMARY KEY, attendee TEXT NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS registrations (
        key TEXT PRIMARY KEY, id TEXT NOT NULL, site TEXT NOT NULL, user_id INTEGER NOT NULL, event_id INTEGER NOT NULL,
        status TEXT NOT NULL, attendee TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, reason TEXT,
        floor_link TEXT, lease_until INTEGER NOT NULL DEFAULT 0, queued INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, cancelled_at INTEGER
      );
      CREATE TABLE IF NOT EXISTS pushes (
        id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL, outcome TEXT NOT NULL,
        reason TEXT, body TEXT NOT NULL, user_id INTEGER
      );
    `);
    // Added after the first release: objects created before it get the column here.
    const columns = this.sql.exec<{ name: string }>('PRAGMA table_info(registrations)').toArray();
    if (!columns.some((column) => column.name === 'queued_at')) {
      this.sql.exec('ALTER TABLE registrations ADD COLUMN queued_at INTEGER NOT NULL DEFAULT 0');
    }
    // One index per query the alarm, the report and the widget run (outbox-storage.test.ts checks the plans).
    this.sql.exec(`
      CREATE INDEX IF NOT EXISTS registrations_handover ON registrations (status, queued, queued_at);
      CREATE INDEX IF NOT EXISTS registrations_settled ON registrations (status, updated_at);
      CREATE INDEX IF NOT EXISTS registrations_user ON registrations (user_id);
      CREATE INDEX IF NOT EXISTS pushes_received ON pushes (received_at);
      CREATE INDEX IF NOT EXISTS pushes_outcome ON pushes (outcome, id);
      CREATE INDEX IF NOT EXISTS profiles_updated ON profiles (updated_at);
    `);
  }

  // ---- customers -------------------------------------------------------------

  /** The 10times details of a customer, saved when they identify themselves in the widget. */
  saveProfile(userId: number, attendee: Attendee): void {
    this.sql.exec(
      'INSERT INTO profiles (user_id, attendee, updated_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET attendee = excluded.attendee, updated_at = excluded.updated_at',
      userId,
      JSON.stringify(attendee),
      Date.now(),
    );
    void this.scheduleSweep(Date.now() + SWEEP_EVERY_MS);
  }

  profile(userId: number): Attendee | null {
    const row = this.sql.exec<{ attendee: string }>('SELECT attendee FROM profiles WHERE user_id = ?', userId).toArray()[0];
    return row ? (JSON.parse(row.attendee) as Attendee) : null;
  }

  /** FLOOR links of the customer's registrations that 10times confirmed and they did not cancel. */
  floorLinks(userId: number): Array<{ event_id: number; floor_link: string }> {
    return this.sql
      .exec<{ event_id: number; floor_link: string }>(
        "SELECT event_id, floor_link FROM registrations WHERE user_id = ? AND status = 'done' AND floor_link IS NOT NULL AND cancelled_at IS NULL ORDER BY event_id",
        userId,
      )
      .toArray();
  }

  // ---- the outbox ---------------------------------------------------------------

  /**
   * Records a registration Popin confirmed and hands it to the queue. Booking the same slot
   * again is a no-op while it is pending or done; a dead or cancelled one starts over.
   * Without `attendee`, the customer's saved details are read here, in the same call (issue #15:
   * one outbox call per booking instead of a read and an enqueue); `missingProfile` says there
   * are none, and nothing was recorded.
   */
  async enqueue(site: string, userId: number, eventId: number, attendee?: Attendee): Promise<{ key: string; status: OutboxStatus; queued: boolean } | { key: string; missingProfile: true }> {
    const key = outboxKey(userId, eventId);
    const now = Date.now();
    const existing = this.row(key);
    if (existing && (existing.status === 'pending' || existing.status === 'sending' || existing.status === 'done')) {
      this.sql.exec('UPDATE registrations SET cancelled_at = NULL, updated_at = ? WHERE key = ?', now, key);
      return { key, status: existing.status, queued: existing.queued === 1 };
    }
    const details = attendee ?? this.profile(userId);
    if (!details) return { key, missingProfile: true };
    const id = crypto.randomUUID();
    this.sql.exec(
      `INSERT INTO registrations (key, id, site, user_id, event_id, status, attendee, attempts, reason, floor_link, lease_until, queued, created_at, updated_at, cancelled_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, 0, NULL, NULL, 0, 0, ?, ?, NULL)
       ON CONFLICT(key) DO UPDATE SET id = excluded.id, status = 'pending', attendee = excluded.attendee, attempts = 0, reason = NULL,
         lease_until = 0, queued = 0, created_at = excluded.created_at, updated_at = excluded.updated_at, cancelled_at = NULL`,
      key, id, site, userId, eventId, JSON.stringify(details), now, now,
    );
    const queued = await this.handOver({ site, key, id });
    return { key, status: 'pending', queued };
  }

  /** Sends `{ site, key }` to the queue; if the queue refuses, the alarm tries again. */
  private async handOver(message: OutboxMessage): Promise<boolean> {
    const { site, key, id } = message;
    try {
      await this.env.TENTIMES_QUEUE.send(message, { contentType: 'json' });
      const now = Date.now();
      this.sql.exec('UPDATE registrations SET queued = 1, queued_at = ? WHERE key = ? AND id = ?', now, key, id);
      // If the queue lets the message expire undelivered, the sweep after its retention hands it over again.
      await this.scheduleSweep(now + SWEEP_EVERY_MS);
      return true;
    } catch (error) {
      console.error(`10times site=${site} key=${key}: could not queue (${error instanceof Error ? error.message : 'unknown'}); retrying from the outbox`);
      await this.scheduleSweep(Date.now() + REQUEUE_AFTER_MS);
      return false;
    }
  }

  /** Moves the alarm earlier to `at` (never later: a sooner sweep already planned stays). */
  private async scheduleSweep(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /**
   * The sweep: hands over what the queue never took, hands over again what the queue took but
   * never settled within its retention (the message expired: Cloudflare drops it silently), and
   * deletes what is past its retention.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const expiredBefore = now - queueRetentionSeconds(this.env) * 1000;
    const rows = this.sql
      .exec<{ site: string; key: string; id: string }>(
        `SELECT site, key, id FROM registrations WHERE status = 'pending' AND queued = 0
         UNION ALL SELECT site, key, id FROM registrations WHERE status = 'pending' AND queued = 1 AND queued_at < ?
         UNION ALL SELECT site, key, id FROM registrations WHERE status = 'sending' AND queued = 1 AND queued_at < ? AND lease_until < ?`,
        expiredBefore,
        expiredBefore,
        now,
      )
      .toArray();
    for (const message of rows) {
      if (this.row(message.key)?.queued === 1) console.warn(`10times site=${message.site} key=${message.key}: not settled within the queue's retention; handing it over again`);
      await this.handOver({ site: message.site, key: message.key, id: message.id });
    }
    this.prune(now);
    const left = this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM registrations WHERE status IN ('pending', 'sending')").one().n;
    const kept = this.sql.exec<{ n: number }>('SELECT (SELECT COUNT(*) FROM registrations) + (SELECT COUNT(*) FROM pushes) + (SELECT COUNT(*) FROM profiles) AS n').one().n;
    if (left > 0 || kept > 0) await this.scheduleSweep(now + SWEEP_EVERY_MS);
  }

  /** Deletes every row past its retention (RETENTION_MS); work still to do is never deleted. */
  prune(now = Date.now()): void {
    this.sql.exec("DELETE FROM registrations WHERE status IN ('done', 'dead', 'cancelled') AND updated_at < ?", now - RETENTION_MS.settledRegistrations);
    this.sql.exec('DELETE FROM pushes WHERE received_at < ?', now - RETENTION_MS.pushes);
    this.sql.exec(
      "DELETE FROM profiles WHERE updated_at < ? AND user_id NOT IN (SELECT user_id FROM registrations WHERE status IN ('pending', 'sending'))",
      now - RETENTION_MS.profiles,
    );
  }

  /**
   * Takes a whole queue batch of this site's registrations for sending, in one call (issue #15:
   * one claim per batch instead of one per message). Answers one claim per message, in order.
   * Only one delivery at a time holds a registration (this object is single-threaded); a second
   * message for a key already claimed in the same batch is a duplicate delivery: nothing to do.
   */
  claimBatch(messages: Array<Pick<OutboxMessage, 'key' | 'id'>>): Claim[] {
    const now = Date.now();
    const claimedHere = new Set<string>();
    return messages.map(({ key, id }): Claim => {
      if (claimedHere.has(key)) return { action: 'skip', status: 'duplicate' };
      const row = this.row(key);
      if (!row) return { action: 'skip', status: 'unknown' };
      if (row.id !== id) return { action: 'skip', status: 'superseded' };
      if (row.status === 'sending' && row.lease_until > now) return { action: 'wait', seconds: Math.ceil((row.lease_until - now) / 1000) };
      if (row.status !== 'pending' && row.status !== 'sending') return { action: 'skip', status: row.status };
      this.sql.exec("UPDATE registrations SET status = 'sending', lease_until = ?, attempts = attempts + 1, queued = 1, updated_at = ? WHERE key = ?", now + LEASE_MS, now, key);
      claimedHere.add(key);
      return { action: 'send', userId: row.user_id, eventId: row.event_id, attendee: JSON.parse(row.attendee) as Attendee, createdAt: row.created_at, attempts: row.attempts + 1 };
    });
  }

  /** Records what became of each send of a batch, in one call. Only a registration being sent changes. */
  settleBatch(settlements: Array<{ key: string; id: string; settlement: Settlement }>): void {
    const now = Date.now();
    for (const { key, id, settlement } of settlements) {
      switch (settlement.outcome) {
        case 'done':
          this.sql.exec("UPDATE registrations SET status = 'done', floor_link = ?, reason = NULL, lease_until = 0, updated_at = ? WHERE key = ? AND id = ?", settlement.floorLink ?? null, now, key, id);
          break;
        case 'retry':
          this.sql.exec("UPDATE registrations SET status = 'pending', reason = ?, lease_until = 0, updated_at = ? WHERE key = ? AND id = ? AND status = 'sending'", settlement.detail, now, key, id);
          break;
        case 'dead':
          this.sql.exec("UPDATE registrations SET status = 'dead', reason = ?, lease_until = 0, updated_at = ? WHERE key = ? AND id = ? AND status IN ('pending', 'sending')", settlement.reason, now, key, id);
          break;
      }
    }
  }

  /**
   * The customer cancelled in Popin. Not sent yet: it never will be. Already registered:
   * 10times documents no cancel endpoint, so the cancellation is only recorded here.
   */
  cancel(userId: number, eventId: number): { status: OutboxStatus | 'unknown' } {
    const key = outboxKey(userId, eventId);
    const row = this.row(key);
    if (!row) return { status: 'unknown' };
    const now = Date.now();
    if (row.status === 'pending') {
      this.sql.exec("UPDATE registrations SET status = 'cancelled', reason = 'cancelled in Popin before it was sent to 10times', cancelled_at = ?, updated_at = ? WHERE key = ?", now, now, key);
      return { status: 'cancelled' };
    }
    this.sql.exec('UPDATE registrations SET cancelled_at = ?, updated_at = ? WHERE key = ?', now, now, key);
    return { status: row.status };
  }

  // ---- pushes from 10times ---------------------------------------------------------

  /** Keeps every push, so that a lead that could not be captured is never lost silently. */
  recordPush(outcome: PushOutcome, reason: string | null, body: string, userId?: number): number {
    const row = this.sql
      .exec<{ id: number }>(
        'INSERT INTO pushes (received_at, outcome, reason, body, user_id) VALUES (?, ?, ?, ?, ?) RETURNING id',
        Date.now(), outcome, reason, body.slice(0, 16 * 1024), userId ?? null,
      )
      .one();
    void this.scheduleSweep(Date.now() + SWEEP_EVERY_MS);
    return row.id;
  }

  // ---- the operator's view -----------------------------------------------------------

  report(): OutboxReport {
    const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, done: 0, dead: 0, cancelled: 0 };
    for (const { status, n } of this.sql.exec<{ status: OutboxStatus; n: number }>('SELECT status, COUNT(*) AS n FROM registrations GROUP BY status')) counts[status] = n;
    const one = (query: string) => this.sql.exec<{ n: number }>(query).one().n;
    const iso = (ms: number) => new Date(ms).toISOString();
    const pushCounts = { captured: 0, rejected: 0, failed: 0 };
    for (const { outcome, n } of this.sql.exec<{ outcome: PushOutcome; n: number }>('SELECT outcome, COUNT(*) AS n FROM pushes GROUP BY outcome')) pushCounts[outcome] = n;
    return {
      counts,
      cancelledAfterRegistration: one("SELECT COUNT(*) AS n FROM registrations WHERE status = 'done' AND cancelled_at IS NOT NULL"),
      notQueued: one("SELECT COUNT(*) AS n FROM registrations WHERE status = 'pending' AND queued = 0"),
      dead: this.sql
        .exec<RegistrationRow>("SELECT * FROM registrations WHERE status = 'dead' ORDER BY updated_at DESC LIMIT 100")
        .toArray()
        .map((r) => ({ key: r.key, event_id: r.event_id, attempts: r.attempts, reason: r.reason ?? '', at: iso(r.updated_at) })),
      pushes: {
        ...pushCounts,
        recent: this.sql
          .exec<{ id: number; outcome: PushOutcome; reason: string | null; received_at: number; body: string }>(
            "SELECT id, outcome, reason, received_at, body FROM pushes WHERE outcome IN ('rejected', 'failed') ORDER BY id DESC LIMIT 50",
          )
          .toArray()
          .map((p) => ({ id: p.id, outcome: p.outcome, reason: p.reason, at: iso(p.received_at), body: p.body })),
      },
    };
  }

  /** One registration's record (tests and the operator). */
  registration(key: string): Omit<RegistrationRow, 'attendee'> | null {
    const row = this.row(key);
    if (!row) return null;
    const { attendee: _attendee, ...rest } = row;
    return rest;
  }

  private row(key: string): RegistrationRow | undefined {
    return this.sql.exec<RegistrationRow>('SELECT * FROM registrations WHERE key = ?', key).toArray()[0];
  }
}
