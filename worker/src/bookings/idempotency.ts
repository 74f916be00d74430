/**
 * Idempotency-Key records, kept in a CustomerBookings Durable Object's SQLite storage for
 * 24 hours. A record is written before Popin is called (outcome still empty), so a repeat
 * can tell "in flight" from "never seen", and it survives the object being restarted.
 */

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What the API answered, replayed as is for a repeat of the same key. */
export interface BookingOutcome {
  status: number;
  body: unknown;
  /** True when this answer is a replay of an earlier request with the same key. */
  replayed?: boolean;
}

export interface IdempotencyRecord {
  fingerprint: string;
  /** Undefined while the first request is still being handled. */
  outcome?: BookingOutcome;
}

export class IdempotencyRecords {
  /** Whether the table exists: it is created by the first write, so a customer who only reads costs no storage. */
  private ready = false;

  constructor(private readonly sql: SqlStorage) {}

  private exists(): boolean {
    this.ready ||= this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency_keys'").toArray().length > 0;
    return this.ready;
  }

  private create(): void {
    if (this.exists()) return;
    // created_at is indexed: the clean-up alarm deletes and finds the oldest by it.
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS idempotency_keys (
         key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, outcome TEXT, created_at INTEGER NOT NULL);
       CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);`,
    );
    this.ready = true;
  }

  /** Storage was emptied (deleteAll): the next write creates the table again. */
  forget(): void {
    this.ready = false;
  }

  find(key: string, now = Date.now()): IdempotencyRecord | undefined {
    if (!this.exists()) return undefined;
    const row = this.sql
      .exec<{ fingerprint: string; outcome: string | null }>(
        'SELECT fingerprint, outcome FROM idempotency_keys WHERE key = ? AND created_at > ?',
        key,
        now - IDEMPOTENCY_TTL_MS,
      )
      .toArray()[0];
    if (!row) return undefined;
    return row.outcome === null ? { fingerprint: row.fingerprint } : { fingerprint: row.fingerprint, outcome: JSON.parse(row.outcome) };
  }

  begin(key: string, fingerprint: string, now = Date.now()): void {
    this.create();
    this.sql.exec(
      'INSERT OR REPLACE INTO idempotency_keys (key, fingerprint, outcome, created_at) VALUES (?, ?, NULL, ?)',
      key,
      fingerprint,
      now,
    );
  }

  finish(key: string, outcome: BookingOutcome): void {
    if (!this.exists()) return;
    this.sql.exec('UPDATE idempotency_keys SET outcome = ? WHERE key = ?', JSON.stringify(outcome), key);
  }

  /** Forgets a key whose request ended without a definite answer, so a retry may try again. */
  release(key: string): void {
    if (!this.exists()) return;
    this.sql.exec('DELETE FROM idempotency_keys WHERE key = ?', key);
  }

  /** Deletes expired keys; returns when the next one expires (undefined when none is left). */
  purgeExpired(now = Date.now()): number | undefined {
    if (!this.exists()) return undefined;
    this.sql.exec('DELETE FROM idempotency_keys WHERE created_at <= ?', now - IDEMPOTENCY_TTL_MS);
    const oldest = this.sql.exec<{ oldest: number | null }>('SELECT MIN(created_at) AS oldest FROM idempotency_keys').one().oldest;
    return oldest === null ? undefined : oldest + IDEMPOTENCY_TTL_MS;
  }
}

/** SHA-256 of what the request asks for, so the same key with a different body is caught. */
export async function fingerprint(request: unknown): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(request)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
