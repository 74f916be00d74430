import { DurableObject } from 'cloudflare:workers';

/**
 * The site directory: one SQLite-backed Durable Object (named "directory") holding every
 * site the console manages. A row per site: its settings (JSON, the keys of a SITES entry;
 * NULL for a site configured in SITES, whose row only carries the state below), its secrets
 * (AES-GCM ciphertext, sites/secrets.ts: this object never sees the key), paused, the PGi
 * record, a stable numeric id and a version that changes on every write (isolates cache
 * rows by it, sites/store.ts). Nothing is ever deleted, so a numeric id is never reused.
 *
 * Why one object and not D1: no database to create before a deploy, the same code in
 * wrangler dev, the tests and production, and writes that are atomic with the id they
 * allocate. Reads are cached per isolate, so the object sees about one read per site per
 * isolate every few seconds; listing is one indexed query per page (no fan-out).
 */

export interface DirectoryRecord {
  id: string;
  num: number;
  settings: string | null;
  secrets: string | null;
  paused: boolean;
  pgi: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface DirectoryChange {
  settings?: string;
  secrets?: string;
  /** SHA-256 (hex) of the console key in `secrets`, to find a Bearer key's site. */
  consoleKeyHash?: string;
  paused?: boolean;
  pgi?: string | null;
}

interface Row extends Record<string, SqlStorageValue> {
  id: string;
  num: number;
  settings: string | null;
  secrets: string | null;
  paused: number;
  pgi: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export const DIRECTORY_NAME = 'directory';

export function siteDirectory(env: { SITE_DIRECTORY: DurableObjectNamespace<SiteDirectory> }): DurableObjectStub<SiteDirectory> {
  return env.SITE_DIRECTORY.get(env.SITE_DIRECTORY.idFromName(DIRECTORY_NAME));
}

export class SiteDirectory extends DurableObject {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env as never);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS sites (
      id TEXT PRIMARY KEY, num INTEGER NOT NULL UNIQUE, settings TEXT, secrets TEXT, console_key_hash TEXT,
      paused INTEGER NOT NULL DEFAULT 0, pgi TEXT, version INTEGER NOT NULL,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS sites_console_key ON sites (console_key_hash)');
  }

  get(id: string): DirectoryRecord | null {
    const row = this.sql.exec<Row>('SELECT id, num, settings, secrets, paused, pgi, version, created_at, updated_at FROM sites WHERE id = ?', id).toArray()[0];
    return row ? toRecord(row) : null;
  }

  /** A new site with its settings; null when the id is taken. */
  create(id: string, settings: string, now = Date.now()): DirectoryRecord | null {
    if (this.get(id)) return null;
    this.insert(id, settings, now);
    return this.get(id);
  }

  /**
   * Applies a change and bumps the version. A site without a row (one configured in SITES)
   * gets one, with no settings.
   */
  update(id: string, change: DirectoryChange, now = Date.now()): DirectoryRecord {
    if (!this.get(id)) this.insert(id, null, now);
    const sets: string[] = ['version = version + 1', 'updated_at = ?'];
    const values: SqlStorageValue[] = [now];
    if (change.settings !== undefined) (sets.push('settings = ?'), values.push(change.settings));
    if (change.secrets !== undefined) (sets.push('secrets = ?'), values.push(change.secrets));
    if (change.consoleKeyHash !== undefined) (sets.push('console_key_hash = ?'), values.push(change.consoleKeyHash));
    if (change.paused !== undefined) (sets.push('paused = ?'), values.push(change.paused ? 1 : 0));
    if (change.pgi !== undefined) (sets.push('pgi = ?'), values.push(change.pgi));
    this.sql.exec(`UPDATE sites SET ${sets.join(', ')} WHERE id = ?`, ...values, id);
    return this.get(id)!;
  }

  /** Sites with an id after `after`, in id order: id, title (null for a SITES site's row) and paused. */
  list(after: string, limit: number): Array<{ id: string; title: string | null; paused: boolean; stored: boolean }> {
    return this.sql
      .exec<{ id: string; title: string | null; paused: number; stored: number }>(
        `SELECT id, json_extract(settings, '$.title') AS title, paused, settings IS NOT NULL AS stored
         FROM sites WHERE id > ? ORDER BY id LIMIT ?`,
        after,
        Math.min(Math.max(limit, 1), 1000),
      )
      .toArray()
      .map((row) => ({ id: row.id, title: row.title, paused: row.paused === 1, stored: row.stored === 1 }));
  }

  /** The site whose stored console key has this SHA-256, if any. */
  siteOfConsoleKey(hash: string): string | null {
    return this.sql.exec<{ id: string }>('SELECT id FROM sites WHERE console_key_hash = ? LIMIT 1', hash).toArray()[0]?.id ?? null;
  }

  private insert(id: string, settings: string | null, now: number): void {
    // Synchronous SQL in one object: the next number cannot be taken twice.
    this.sql.exec(
      `INSERT INTO sites (id, num, settings, paused, version, created_at, updated_at)
       VALUES (?, (SELECT COALESCE(MAX(num), 0) + 1 FROM sites), ?, 0, 1, ?, ?)`,
      id,
      settings,
      now,
      now,
    );
  }
}

function toRecord(row: Row): DirectoryRecord {
  return { ...row, paused: row.paused === 1 };
}
