import { DurableObject } from 'cloudflare:workers';

/**
 * The bookings ledger of one site: a SQLite-backed Durable Object named by the site id.
 * It records every sign-up, booking and cancellation made through the worker (who, when,
 * from which page, the 10times status), and the console's audit log of that site. Rows
 * older than the site's retentionDays are pruned by a daily alarm; "forget this customer"
 * deletes theirs and remembers the moment, so their older tokens are refused (ledger/record.ts).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Customer tokens live 30 days (auth/token.ts): after that a forgotten mark has nothing left to refuse. */
const FORGOTTEN_KEEP_MS = 31 * DAY_MS;

export interface LedgerBooking {
  user_id: number;
  /** A Popin event id, or an EnableX demo id ("enablex-…", kept as text in the same column). */
  event_id: number | string;
  name: string | null;
  mobile: string | null;
  booked_at: number;
  page: string | null;
  tentimes_status: string | null;
}

export interface Lead {
  user_id: number;
  name: string;
  mobile: string;
  first_seen: number;
  last_seen: number;
  /** Bookings not cancelled. */
  bookings: number;
  page: string | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: 'seller' | 'operator';
  action: string;
  detail: string;
}

export function siteLedger(env: { SITE_LEDGER: DurableObjectNamespace<SiteLedger> }, site: string): DurableObjectStub<SiteLedger> {
  return env.SITE_LEDGER.get(env.SITE_LEDGER.idFromName(site));
}

export class SiteLedger extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS customers (
      user_id INTEGER PRIMARY KEY, name TEXT NOT NULL, mobile TEXT NOT NULL,
      first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, page TEXT)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS customers_first_seen ON customers (first_seen, user_id)');
    this.sql.exec(`CREATE TABLE IF NOT EXISTS bookings (
      user_id INTEGER NOT NULL, event_id INTEGER NOT NULL, booked_at INTEGER NOT NULL, page TEXT,
      tentimes_status TEXT, cancelled_at INTEGER, PRIMARY KEY (user_id, event_id))`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS bookings_event ON bookings (event_id)');
    this.sql.exec(`CREATE TABLE IF NOT EXISTS audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)`);
    this.sql.exec('CREATE TABLE IF NOT EXISTS forgotten (user_id INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
  }

  async signedUp(entry: { userId: number; name: string; mobile: string; page: string | null; at: number; retentionDays: number }): Promise<void> {
    this.sql.exec(
      `INSERT INTO customers (user_id, name, mobile, first_seen, last_seen, page) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, mobile = excluded.mobile, last_seen = excluded.last_seen`,
      entry.userId, entry.name, entry.mobile, entry.at, entry.at, entry.page,
    );
    await this.keep(entry.retentionDays);
  }

  async booked(entry: { userId: number; eventId: number | string; page: string | null; at: number; tentimesStatus: string | null; retentionDays: number }): Promise<void> {
    // A repeat keeps the first booking time; booking again after a cancellation starts anew.
    this.sql.exec(
      `INSERT INTO bookings (user_id, event_id, booked_at, page, tentimes_status, cancelled_at) VALUES (?, ?, ?, ?, ?, NULL)
       ON CONFLICT (user_id, event_id) DO UPDATE SET
         booked_at = CASE WHEN cancelled_at IS NULL THEN booked_at ELSE excluded.booked_at END,
         page = CASE WHEN cancelled_at IS NULL THEN page ELSE excluded.page END,
         tentimes_status = COALESCE(excluded.tentimes_status, tentimes_status),
         cancelled_at = NULL`,
      entry.userId, entry.eventId, entry.at, entry.page, entry.tentimesStatus,
    );
    this.sql.exec('UPDATE customers SET last_seen = ? WHERE user_id = ?', entry.at, entry.userId);
    await this.keep(entry.retentionDays);
  }

  cancelled(entry: { userId: number; eventId: number | string; at: number; tentimesStatus: string | null }): void {
    this.sql.exec(
      'UPDATE bookings SET cancelled_at = ?, tentimes_status = COALESCE(?, tentimes_status) WHERE user_id = ? AND event_id = ?',
      entry.at, entry.tentimesStatus, entry.userId, entry.eventId,
    );
    this.sql.exec('UPDATE customers SET last_seen = ? WHERE user_id = ?', entry.at, entry.userId);
  }

  /** Who is booked (not cancelled) on these events. */
  bookingsFor(eventIds: Array<number | string>): LedgerBooking[] {
    if (eventIds.length === 0) return [];
    const ids = eventIds.slice(0, 500);
    return this.sql
      .exec<LedgerBooking & Record<string, SqlStorageValue>>(
        `SELECT b.user_id, b.event_id, c.name, c.mobile, b.booked_at, b.page, b.tentimes_status
         FROM bookings b LEFT JOIN customers c ON c.user_id = b.user_id
         WHERE b.cancelled_at IS NULL AND b.event_id IN (${ids.map(() => '?').join(',')})
         ORDER BY b.booked_at, b.user_id`,
        ...ids,
      )
      .toArray();
  }

  /** Leads newest first; `before` is the cursor [first_seen, user_id] of the last one seen. */
  leads(before: [number, number] | null, limit: number): Lead[] {
    const [seen, user] = before ?? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    return this.sql
      .exec<Lead & Record<string, SqlStorageValue>>(
        `SELECT c.user_id, c.name, c.mobile, c.first_seen, c.last_seen, c.page,
           (SELECT COUNT(*) FROM bookings b WHERE b.user_id = c.user_id AND b.cancelled_at IS NULL) AS bookings
         FROM customers c WHERE (c.first_seen, c.user_id) < (?, ?)
         ORDER BY c.first_seen DESC, c.user_id DESC LIMIT ?`,
        seen, user, Math.min(Math.max(limit, 1), 1000),
      )
      .toArray();
  }

  /** Deletes the customer's rows; their tokens issued until now are refused from here on. */
  forget(userId: number, at: number): { deleted: boolean } {
    const had = this.sql.exec<{ n: number }>(
      'SELECT (SELECT COUNT(*) FROM customers WHERE user_id = ?) + (SELECT COUNT(*) FROM bookings WHERE user_id = ?) AS n', userId, userId,
    ).one().n;
    this.sql.exec('DELETE FROM customers WHERE user_id = ?', userId);
    this.sql.exec('DELETE FROM bookings WHERE user_id = ?', userId);
    this.sql.exec('INSERT INTO forgotten (user_id, at) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET at = excluded.at', userId, at);
    return { deleted: had > 0 };
  }

  /** When the customer was forgotten (Unix ms), or null. */
  forgottenAt(userId: number): number | null {
    return this.sql.exec<{ at: number }>('SELECT at FROM forgotten WHERE user_id = ?', userId).toArray()[0]?.at ?? null;
  }

  async audit(entry: Omit<AuditEntry, 'id'> & { retentionDays: number }): Promise<void> {
    this.sql.exec('INSERT INTO audit (at, actor, action, detail) VALUES (?, ?, ?, ?)', entry.at, entry.actor, entry.action, entry.detail.slice(0, 500));
    await this.keep(entry.retentionDays);
  }

  /** Newest first; `before` is the id of the last entry seen. */
  auditPage(before: number | null, limit: number): AuditEntry[] {
    return this.sql
      .exec<AuditEntry & Record<string, SqlStorageValue>>(
        'SELECT id, at, actor, action, detail FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?',
        before ?? Number.MAX_SAFE_INTEGER,
        Math.min(Math.max(limit, 1), 500),
      )
      .toArray();
  }

  /** Deletes what is older than the retention window (run daily by the alarm; tests call it). */
  prune(now = Date.now()): void {
    const days = this.ctx.storage.kv.get<number>('retentionDays') ?? 365;
    const cutoff = now - days * DAY_MS;
    this.sql.exec('DELETE FROM bookings WHERE booked_at < ? OR (cancelled_at IS NOT NULL AND cancelled_at < ?)', cutoff, cutoff);
    this.sql.exec('DELETE FROM customers WHERE last_seen < ?', cutoff);
    this.sql.exec('DELETE FROM audit WHERE at < ?', cutoff);
    this.sql.exec('DELETE FROM forgotten WHERE at < ?', now - FORGOTTEN_KEEP_MS);
  }

  override async alarm(): Promise<void> {
    this.prune();
    await this.ctx.storage.setAlarm(Date.now() + DAY_MS);
  }

  /** Remembers the site's retention window and makes sure the daily prune is scheduled. */
  private async keep(retentionDays: number): Promise<void> {
    if (this.ctx.storage.kv.get<number>('retentionDays') !== retentionDays) this.ctx.storage.kv.put('retentionDays', retentionDays);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + DAY_MS);
  }
}
