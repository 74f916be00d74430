import { z } from 'zod';
import { ApiError } from './errors';
import { LimitsSchema, SlotsCacheSchema } from './limits/settings';
import { TurnstileSiteSchema, type TurnstileBindings } from './turnstile/config';
import {
  readTentimesSettings,
  resolveTentimesSite,
  tentimesCacheKey,
  TentimesSiteSchema,
  type ResolvedTentimesSite,
  type TentimesBindings,
  type TentimesSettings,
} from './tentimes/config';

/**
 * The worker's configuration, read from env bindings only (wrangler.jsonc vars, secrets,
 * or `wrangler dev --var NAME:VALUE`). Parsed once per distinct set of raw values; a bad
 * or missing value fails every request loudly, naming the key, instead of falling back.
 */

const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

export const SiteSchema = z
  .object({
    seller: z.string().trim().min(1, 'must be your Popin seller id (sent as X-TOKEN)'),
    origins: z
      .array(
        z
          .string()
          .regex(ORIGIN, 'must be an origin like https://shop.example (scheme and host, no path)')
          // Browsers send origins lower-case and without a default port; anything else would never match.
          .refine((origin) => !URL.canParse(origin) || new URL(origin).origin === origin, 'must be written as a browser sends it: lower case, no default port'),
      )
      .default([]),
    title: z.string().trim().min(1, 'must be the name customers see'),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as "IN"'),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Asia/Kolkata"'),
    apiKey: z.string().min(1).optional(),
    // Hardening (README "Security"): rate limits, the booking cap and the shared slots cache.
    limits: LimitsSchema,
    ...SlotsCacheSchema,
    turnstile: TurnstileSiteSchema.optional(),
    /** Optional: also register every booking with 10times (tentimes/config.ts). */
    tentimes: TentimesSiteSchema.optional(),
    /** Seller console (issue #12): days the bookings ledger and audit log keep a row. */
    retentionDays: z.number().int().min(1).max(3650).default(365),
    /** The seller's console key, when SITES is a secret (else CONSOLE_KEYS or the console's store). */
    consoleKey: z.string().min(32, 'must be at least 32 random characters').optional(),
  })
  .strict();

const SitesSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'site ids are lower-case letters, digits and dashes'), SiteSchema)
  .refine((sites) => Object.keys(sites).length > 0, 'must configure at least one site');

export type Site = Omit<z.infer<typeof SiteSchema>, 'tentimes'> & { id: string; tentimes?: ResolvedTentimesSite };

export interface Config {
  popinBaseUrl: string;
  /** Milliseconds before Popin calls are abandoned: reads (slots) shorter than writes. */
  popinTimeouts: { readMs: number; writeMs: number };
  tokenSecret: string;
  sites: ReadonlyMap<string, Site & { apiKey: string }>;
  tentimes: TentimesSettings;
  /** Bearer secret of the operator endpoints; undefined turns them off. */
  adminSecret?: string;
}

/** The raw bindings this module reads. SITES may be a JSON string (--var, .dev.vars) or an object (wrangler vars). */
export interface ConfigBindings extends TurnstileBindings, TentimesBindings {
  POPIN_BASE_URL?: string;
  POPIN_READ_TIMEOUT_MS?: string;
  POPIN_WRITE_TIMEOUT_MS?: string;
  /** Popin X-API-KEY for every site without its own `apiKey` in SITES. Secret. */
  POPIN_API_KEY?: string;
  /** HMAC-SHA-256 key for customer tokens, at least 32 characters. Secret. */
  TOKEN_SECRET?: string;
  SITES?: unknown;
}

export class ConfigError extends ApiError {
  constructor(detail: string) {
    super(500, 'config_error', `The booking service is misconfigured: ${detail}`);
    this.name = 'ConfigError';
  }
}

const fail = (detail: string): never => {
  throw new ConfigError(detail);
};

let cached: { key: string; config: Config } | undefined;

export function readConfig(env: ConfigBindings): Config {
  const key = JSON.stringify([
    env.POPIN_BASE_URL,
    env.POPIN_READ_TIMEOUT_MS,
    env.POPIN_WRITE_TIMEOUT_MS,
    env.POPIN_API_KEY,
    env.TOKEN_SECRET,
    env.SITES,
    env.TURNSTILE_SECRET_KEY,
    ...tentimesCacheKey(env),
  ]);
  if (cached?.key !== key) cached = { key, config: parseConfig(env) };
  return cached.config;
}

export function parseConfig(env: ConfigBindings): Config {
  const popinBaseUrl = (env.POPIN_BASE_URL ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(popinBaseUrl)) {
    throw new ConfigError('POPIN_BASE_URL must be an http(s) URL such as https://widget01.popin.to.');
  }
  const popinTimeouts = {
    readMs: milliseconds('POPIN_READ_TIMEOUT_MS', env.POPIN_READ_TIMEOUT_MS, 5_000),
    writeMs: milliseconds('POPIN_WRITE_TIMEOUT_MS', env.POPIN_WRITE_TIMEOUT_MS, 10_000),
  };
  const tokenSecret = env.TOKEN_SECRET ?? '';
  if (tokenSecret.length < 32) {
    throw new ConfigError('TOKEN_SECRET must be set to at least 32 random characters (wrangler secret put TOKEN_SECRET).');
  }

  let rawSites = env.SITES;
  if (typeof rawSites === 'string') {
    if (rawSites.trim() === '') throw new ConfigError('SITES is not set; see the README, "Configure a site".');
    try {
      rawSites = JSON.parse(rawSites);
    } catch {
      throw new ConfigError('SITES is not valid JSON.');
    }
  }
  const parsed = SitesSchema.safeParse(rawSites);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['SITES', ...issue.path.map(String)].join('.');
    throw new ConfigError(`${path} ${issue.message}.`);
  }

  const sites = new Map<string, Site & { apiKey: string }>();
  for (const [id, site] of Object.entries(parsed.data)) {
    const apiKey = site.apiKey ?? env.POPIN_API_KEY ?? '';
    if (!apiKey) {
      throw new ConfigError(`POPIN_API_KEY is not set and SITES.${id}.apiKey is missing (wrangler secret put POPIN_API_KEY).`);
    }
    if (site.turnstile && !site.turnstile.secretKey && !env.TURNSTILE_SECRET_KEY) {
      throw new ConfigError(`TURNSTILE_SECRET_KEY is not set and SITES.${id}.turnstile.secretKey is missing (wrangler secret put TURNSTILE_SECRET_KEY).`);
    }
    sites.set(id, { ...site, id, apiKey, tentimes: resolveTentimesSite(id, site.tentimes, env, fail) });
  }
  const { adminSecret, ...tentimes } = readTentimesSettings(env, fail);
  return { popinBaseUrl, popinTimeouts, tokenSecret, sites, tentimes, adminSecret };
}

function milliseconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 60_000) {
    throw new ConfigError(`${name} must be a whole number of milliseconds between 1 and 60000.`);
  }
  return value;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
