import { ConfigError, SiteSchema, type Config, type Site } from '../config';
import type { Bindings } from '../env';
import { resolveTentimesSite } from '../tentimes/config';
import { siteDirectory, type DirectoryRecord } from './directory';
import { decryptSecrets } from './secrets';
import type { PgiRecord, SiteSecrets, SiteState } from './types';

/**
 * Where a request's site comes from: SITES first, then the site directory. Directory rows are
 * kept in the isolate for FRESH_MS (a pause or an edit reaches every isolate within that time;
 * the isolate that made the change sees it at once), and the site built from a row (settings
 * parsed, secrets decrypted) is kept until the row's version changes.
 */

export type ServedSite = Site & { apiKey: string };

const FRESH_MS = 5_000;
/** Bounds the memory of an isolate that sees many sites (or many unknown ids). */
const MAX_CACHED = 5_000;
const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const rows = new Map<string, { record: DirectoryRecord | null; at: number }>();
const built = new Map<string, { version: number; env: string; site: ServedSite; problems: string[] }>();

/** The directory row of a site (cached); null when the site has none. */
export async function directoryRecord(env: Bindings, id: string): Promise<DirectoryRecord | null> {
  const hit = rows.get(id);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.record;
  const record = await siteDirectory(env).get(id);
  rememberRecord(id, record);
  return record;
}

/** After a write: this isolate serves the new row at once. */
export function rememberRecord(id: string, record: DirectoryRecord | null): void {
  if (rows.size >= MAX_CACHED) rows.clear();
  rows.set(id, { record, at: Date.now() });
}

export interface ResolvedSite {
  site: ServedSite;
  state: SiteState;
  /** Lax resolution only: what keeps the site from serving bookings (a missing key…). */
  problems?: string[];
}

/**
 * `lax` (the console): a stored site that cannot serve bookings yet (no Popin key before the
 * operator has entered one) is still returned, with its problems, so that it can be fixed.
 * Strict (API v1), those problems are a 500 config_error naming them.
 */
export async function resolveSite(env: Bindings, config: Config, id: string, lax = false): Promise<ResolvedSite | undefined> {
  const seeded = config.sites.get(id);
  if (seeded) {
    let record: DirectoryRecord | null = null;
    try {
      record = await directoryRecord(env, id);
    } catch (error) {
      // A SITES site keeps taking bookings while the directory is unreachable (unpaused, no audio).
      console.error(`site directory unavailable for "${id}": ${error instanceof Error ? error.message : 'unknown'}`);
    }
    return { site: seeded, state: stateOf(record, false) };
  }
  if (!SITE_ID.test(id)) return undefined;
  const record = await directoryRecord(env, id);
  if (!record?.settings) return undefined;
  const { site, problems } = await buildStored(env, record, lax);
  return { site, state: stateOf(record, true), ...(problems.length ? { problems } : {}) };
}

/** The decrypted secrets of a site (empty when it has none stored). */
export async function siteSecrets(env: Bindings, id: string, state: SiteState): Promise<SiteSecrets> {
  if (!state.sealedSecrets) return {};
  return decryptSecrets(state.sealedSecrets, id, env.SITE_SECRETS_KEY);
}

function stateOf(record: DirectoryRecord | null, stored: boolean): SiteState {
  if (!record) return { paused: false, stored, version: 0 };
  return {
    num: record.num,
    paused: record.paused,
    ...(record.pgi ? { pgi: JSON.parse(record.pgi) as PgiRecord } : {}),
    ...(record.secrets ? { sealedSecrets: record.secrets } : {}),
    stored,
    version: record.version,
  };
}

/** A stored site as the routes serve it: the same checks as a SITES entry (config.ts), secrets from the store. */
async function buildStored(env: Bindings, record: DirectoryRecord, lax: boolean): Promise<{ site: ServedSite; problems: string[] }> {
  const { id } = record;
  const envKey = JSON.stringify([env.POPIN_API_KEY, env.TENTIMES_API_KEY, env.TENTIMES_WEBHOOK_SECRET, env.TURNSTILE_SECRET_KEY, env.SITE_SECRETS_KEY]);
  const cacheKey = `${id}|${lax ? 'lax' : 'strict'}`;
  const hit = built.get(cacheKey);
  if (hit && hit.version === record.version && hit.env === envKey) return hit;

  const problems: string[] = [];
  const fail = (detail: string): never => {
    throw new ConfigError(detail);
  };
  const problem = (detail: string) => (lax ? problems.push(detail) : fail(detail));
  const parsed = SiteSchema.safeParse(JSON.parse(record.settings ?? 'null'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`the stored settings of site "${id}" are invalid: ${issue.path.join('.')} ${issue.message}.`);
  }
  const settings = parsed.data!;
  const secrets = record.secrets ? await decryptSecrets(record.secrets, id, env.SITE_SECRETS_KEY) : {};
  const apiKey = secrets.popin_api_key ?? env.POPIN_API_KEY ?? '';
  if (!apiKey) problem(`POPIN_API_KEY is not set and site "${id}" has no Popin key of its own (PUT /console/v1/sites/${id}/secrets).`);
  if (settings.turnstile && !settings.turnstile.secretKey && !env.TURNSTILE_SECRET_KEY) {
    problem(`TURNSTILE_SECRET_KEY is not set and site "${id}" uses Turnstile.`);
  }
  const tentimes = settings.tentimes && {
    ...settings.tentimes,
    ...(secrets.tentimes_api_key ? { apiKey: secrets.tentimes_api_key } : {}),
    ...(secrets.webhook_secret ? { webhookSecret: secrets.webhook_secret } : {}),
  };
  let resolvedTentimes: ServedSite['tentimes'];
  try {
    resolvedTentimes = resolveTentimesSite(id, tentimes, env, fail);
  } catch (error) {
    if (!lax || !(error instanceof ConfigError)) throw error;
    problems.push(error.message);
    resolvedTentimes = tentimes && { ...tentimes, apiKey: '' };
  }
  const site: ServedSite = { ...settings, id, apiKey, tentimes: resolvedTentimes };
  const entry = { version: record.version, env: envKey, site, problems };
  if (built.size >= MAX_CACHED) built.clear();
  built.set(cacheKey, entry);
  return entry;
}
