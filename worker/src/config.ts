import { DEFAULT_CALLS_PER_SECOND } from './popin/budget';
import { z } from 'zod';
import { trimEndOf } from './text';
import { ApiError } from './errors';
import { LimitsSchema, SlotsCacheSchema } from './limits/settings';
import { TurnstileSiteSchema, type TurnstileBindings } from './turnstile/config';
import { EnablexSiteSchema, type EnablexBindings } from './enablex/config';
import { badBaseUrl, isLoopback, placeholderKey, weakSecret } from './secrets';
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
    /** Optional: the site's EnableX meetings are demos too (enablex/config.ts). */
    enablex: EnablexSiteSchema.optional(),
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
  /** Calls per second per Popin API key, per isolate (popin/budget.ts). */
  popinBudget: { callsPerSecond: number };
  tokenSecret: string;
  /** The secret TOKEN_SECRET replaced: its tokens still verify while it is set (rotation, README "Security"). */
  tokenSecretPrevious?: string;
  /** LOCAL_DEMO=1 with every vendor URL on loopback: the demo's public secrets are accepted. */
  localDemo: boolean;
  sites: ReadonlyMap<string, Site & { apiKey: string }>;
  tentimes: TentimesSettings;
  /** Bearer secret of the operator endpoints; undefined turns them off. */
  adminSecret?: string;
}

/** The raw bindings this module reads. SITES may be a JSON string (--var, .dev.vars) or an object (wrangler vars). */
export interface ConfigBindings extends TurnstileBindings, TentimesBindings, EnablexBindings {
  POPIN_BASE_URL?: string;
  POPIN_READ_TIMEOUT_MS?: string;
  POPIN_WRITE_TIMEOUT_MS?: string;
  /** Calls per second one Popin API key may send from one isolate (default 40; popin/budget.ts). */
  POPIN_CALLS_PER_SECOND?: string;
  /** Popin X-API-KEY for every site without its own `apiKey` in SITES. Secret. */
  POPIN_API_KEY?: string;
  /** HMAC-SHA-256 key for customer tokens, at least 32 random characters. Secret. */
  TOKEN_SECRET?: string;
  /** The previous TOKEN_SECRET during a rotation: its tokens still verify until it is removed. Secret. */
  TOKEN_SECRET_PREVIOUS?: string;
  /** "1" only in the local demo (demo/stack.ts), where its published secrets are allowed; honoured only with loopback vendor URLs. */
  LOCAL_DEMO?: string;
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

let cached: { key: unknown[]; config: Config } | undefined;

/**
 * The parsed configuration, parsed again only when a value it comes from changed. The values are
 * compared one by one (no serialising of SITES on every request: it is the hot path).
 */
export function readConfig(env: ConfigBindings): Config {
  const key = [
    env.POPIN_BASE_URL,
    env.POPIN_READ_TIMEOUT_MS,
    env.POPIN_WRITE_TIMEOUT_MS,
    env.POPIN_CALLS_PER_SECOND,
    env.POPIN_API_KEY,
    env.TOKEN_SECRET,
    env.TOKEN_SECRET_PREVIOUS,
    env.LOCAL_DEMO,
    env.SITES,
    env.TURNSTILE_SECRET_KEY,
    env.TURNSTILE_VERIFY_URL,
    ...tentimesCacheKey(env),
  ];
  if (!cached || cached.key.length !== key.length || key.some((value, i) => value !== cached!.key[i])) cached = { key, config: parseConfig(env) };
  return cached.config;
}

export function parseConfig(env: ConfigBindings): Config {
  const popinBaseUrl = trimEndOf(env.POPIN_BASE_URL ?? '', '/');
  const badPopin = badBaseUrl(popinBaseUrl);
  if (badPopin) throw new ConfigError(`POPIN_BASE_URL ${badPopin}, such as https://widget01.popin.to.`);
  if (env.TURNSTILE_VERIFY_URL) {
    const bad = badBaseUrl(env.TURNSTILE_VERIFY_URL);
    if (bad) throw new ConfigError(`TURNSTILE_VERIFY_URL ${bad}.`);
  }
  const localDemo = isLocalDemo(env);
  const popinTimeouts = {
    readMs: milliseconds('POPIN_READ_TIMEOUT_MS', env.POPIN_READ_TIMEOUT_MS, 5_000),
    writeMs: milliseconds('POPIN_WRITE_TIMEOUT_MS', env.POPIN_WRITE_TIMEOUT_MS, 10_000),
  };
  const popinBudget = { callsPerSecond: callsPerSecond(env.POPIN_CALLS_PER_SECOND) };
  const tokenSecret = env.TOKEN_SECRET ?? '';
  const weakToken = localDemo ? (tokenSecret.length < 32 ? 'must be at least 32 random characters' : undefined) : weakSecret(tokenSecret, 32);
  if (weakToken) throw new ConfigError(`TOKEN_SECRET ${weakToken} (wrangler secret put TOKEN_SECRET).`);
  const tokenSecretPrevious = env.TOKEN_SECRET_PREVIOUS || undefined;
  if (tokenSecretPrevious !== undefined) {
    const weak = localDemo ? undefined : weakSecret(tokenSecretPrevious, 32);
    if (weak) throw new ConfigError(`TOKEN_SECRET_PREVIOUS ${weak}.`);
    if (tokenSecretPrevious === tokenSecret) throw new ConfigError('TOKEN_SECRET_PREVIOUS must be the secret TOKEN_SECRET replaced, not the same one.');
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
    if (!localDemo && placeholderKey(apiKey)) throw new ConfigError(`The Popin API key of SITES.${id} is a published example or simulator value.`);
    if (site.turnstile && !site.turnstile.secretKey && !env.TURNSTILE_SECRET_KEY) {
      throw new ConfigError(`TURNSTILE_SECRET_KEY is not set and SITES.${id}.turnstile.secretKey is missing (wrangler secret put TURNSTILE_SECRET_KEY).`);
    }
    if (site.turnstile && !localDemo && placeholderKey(site.turnstile.secretKey ?? env.TURNSTILE_SECRET_KEY ?? '')) {
      throw new ConfigError(`The Turnstile secret of SITES.${id} is a published example or demo value.`);
    }
    sites.set(id, { ...site, id, apiKey, tentimes: resolveTentimesSite(id, site.tentimes, env, fail, localDemo) });
  }
  const { adminSecret, ...tentimes } = readTentimesSettings(env, fail, localDemo);
  return { popinBaseUrl, popinTimeouts, popinBudget, tokenSecret, tokenSecretPrevious, localDemo, sites, tentimes, adminSecret };
}

/**
 * The local demo is told apart by an explicit LOCAL_DEMO=1 (demo/stack.ts sets it), honoured only
 * when every vendor URL is on loopback: a deployment that copies the flag still talks to the real
 * Popin, so it fails loudly instead of accepting the demo's published secrets.
 */
export function isLocalDemo(env: ConfigBindings): boolean {
  if (env.LOCAL_DEMO === undefined || env.LOCAL_DEMO === '' || env.LOCAL_DEMO === '0') return false;
  const urls = [env.POPIN_BASE_URL, env.TENTIMES_BASE_URL, env.TURNSTILE_VERIFY_URL].filter((url): url is string => !!url);
  if (env.LOCAL_DEMO !== '1' || !urls.every((url) => URL.canParse(url) && isLoopback(new URL(url))) || !env.TENTIMES_BASE_URL) {
    throw new ConfigError('LOCAL_DEMO=1 is only for the local demo: POPIN_BASE_URL, TENTIMES_BASE_URL and TURNSTILE_VERIFY_URL must then all be loopback URLs. Remove LOCAL_DEMO everywhere else.');
  }
  return true;
}

function callsPerSecond(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_CALLS_PER_SECOND;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new ConfigError('POPIN_CALLS_PER_SECOND must be a whole number of calls per second between 1 and 100000.');
  }
  return value;
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
