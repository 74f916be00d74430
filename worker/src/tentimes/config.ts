import { z } from 'zod';
import { trimEndOf } from '../text';
import { badBaseUrl, placeholderKey, weakSecret } from '../secrets';

/**
 * A site's optional 10times option (`SITES.<id>.tentimes`): every customer who books through
 * the widget is also registered for this 10times event (README, "10times").
 */

/** The optional attendee fields 10times takes that a site may ask for in the widget. */
export const ASKABLE_FIELDS = ['designation', 'company', 'city', 'country'] as const;
export type AskableField = (typeof ASKABLE_FIELDS)[number];

const positiveInt = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const TentimesSiteSchema = z
  .object({
    /** The 10times event id (`event`). */
    event: positiveInt,
    /** The 10times channel (`channel`), e.g. "popin". */
    channel: z.string().trim().min(1, 'must be the 10times channel, e.g. "popin"').max(100),
    /** Optional attendee fields the widget asks for (the customer may leave them blank). */
    ask: z.array(z.enum(ASKABLE_FIELDS)).max(ASKABLE_FIELDS.length).default([]),
    /** `attendee[0][noEmail]=1`: 10times sends the attendee no notification. */
    noEmail: z.boolean().default(false),
    /** A ticket to record with each registration; `billing[...]` is sent too unless `billing` is false. */
    ticket: z
      .object({
        typeId: positiveInt,
        name: z.string().trim().min(1).max(200),
        price: z.number().int().min(0),
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "INR"').optional(),
        billing: z.boolean().default(true),
      })
      .strict()
      .optional(),
    /** Fixed answers to custom questions: `{ "<question id>": ["answer", ...] }` → `response[<id>][]`. */
    questions: z
      .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'question ids are letters, digits, _ and -'), z.array(z.string().max(500)).min(1).max(20))
      .optional(),
    /** This site's own 10times key; default TENTIMES_API_KEY. */
    apiKey: z.string().min(1).optional(),
    /** This site's own push-webhook path secret; default: derived from TENTIMES_WEBHOOK_SECRET and the site id. */
    webhookSecret: z.string().min(24, 'must be at least 24 random characters').optional(),
  })
  .strict();

export type TentimesSite = z.infer<typeof TentimesSiteSchema>;

/** What the worker needs to talk to 10times, resolved from env bindings. */
export interface TentimesSettings {
  baseUrl: string;
  timeoutMs: number;
  /** Deliveries of one registration before it is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubled on every attempt up to maxRetryDelaySeconds. */
  retryBaseSeconds: number;
  maxRetryDelaySeconds: number;
  /** How long the queue keeps a message (its message_retention_period): a row handed over longer ago is handed over again. */
  queueRetentionSeconds: number;
}

/** Cloudflare Queues' default retention; wrangler.jsonc sets TENTIMES_QUEUE_RETENTION_SECONDS explicitly. */
export const DEFAULT_QUEUE_RETENTION_SECONDS = 4 * 24 * 3600;

/** The queue's retention as configured (the outbox reads it without parsing the whole configuration). */
export function queueRetentionSeconds(env: TentimesBindings): number {
  const value = Number(env.TENTIMES_QUEUE_RETENTION_SECONDS || DEFAULT_QUEUE_RETENTION_SECONDS);
  return Number.isInteger(value) && value >= 60 && value <= 14 * 24 * 3600 ? value : DEFAULT_QUEUE_RETENTION_SECONDS;
}

/** Seconds the queue holds a registration through `attempts` deliveries that all fail (the back-off schedule). */
export function retryScheduleSeconds(attempts: number, baseSeconds: number, maxSeconds: number): number {
  let total = 0;
  for (let attempt = 1; attempt < attempts; attempt++) total += Math.min(maxSeconds, baseSeconds * 2 ** Math.min(attempt - 1, 30));
  return total;
}

export const DEFAULT_TENTIMES_BASE_URL = 'https://api.10times.com';

/**
 * A site's 10times option with its secrets resolved: `webhookSecret` is the site's own, else
 * `sharedWebhookSecret` is the shared one its secret is derived from (webhook-secret.ts).
 */
export type ResolvedTentimesSite = TentimesSite & { apiKey: string; webhookSecret?: string; sharedWebhookSecret?: string };

/** The env bindings this module reads. */
export interface TentimesBindings {
  /** 10times Pull API, default https://api.10times.com (tests and the demo use the simulator). */
  TENTIMES_BASE_URL?: string;
  TENTIMES_TIMEOUT_MS?: string;
  TENTIMES_MAX_ATTEMPTS?: string;
  TENTIMES_RETRY_BASE_SECONDS?: string;
  /** The 10times queue's message retention in seconds (60 to 1209600); must match the queue's own setting (npm run queues:retention). */
  TENTIMES_QUEUE_RETENTION_SECONDS?: string;
  /** The 10times `key` for every site without its own `tentimes.apiKey`. Secret. */
  TENTIMES_API_KEY?: string;
  /** Every site without its own `tentimes.webhookSecret` gets its webhook secret derived from this (tentimes/webhook-secret.ts). Secret. */
  TENTIMES_WEBHOOK_SECRET?: string;
  /** Bearer secret of the operator endpoint GET /admin/tentimes, at least 32 characters. Secret. */
  ADMIN_SECRET?: string;
}

/** The raw values that change the parsed configuration (config.ts caches on them). */
export const tentimesCacheKey = (env: TentimesBindings) => [
  env.TENTIMES_BASE_URL,
  env.TENTIMES_TIMEOUT_MS,
  env.TENTIMES_MAX_ATTEMPTS,
  env.TENTIMES_RETRY_BASE_SECONDS,
  env.TENTIMES_QUEUE_RETENTION_SECONDS,
  env.TENTIMES_API_KEY,
  env.TENTIMES_WEBHOOK_SECRET,
  env.ADMIN_SECRET,
];

/** Parses the 10times bindings; `fail` throws the caller's configuration error naming the key. */
export function readTentimesSettings(env: TentimesBindings, fail: (detail: string) => never, localDemo = false): TentimesSettings & { adminSecret?: string } {
  const baseUrl = trimEndOf(env.TENTIMES_BASE_URL || DEFAULT_TENTIMES_BASE_URL, '/');
  const badUrl = badBaseUrl(baseUrl);
  if (badUrl) fail(`TENTIMES_BASE_URL ${badUrl}, such as ${DEFAULT_TENTIMES_BASE_URL}.`);
  // The demo's published secrets pass only in the local demo; the lengths hold everywhere.
  const check = (name: string, value: string, min: number) => {
    const weak = localDemo ? (value.length < min ? `must be at least ${min} random characters` : undefined) : weakSecret(value, min);
    if (weak) fail(`${name} ${weak}.`);
  };
  const whole = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) fail(`${name} must be a whole number between ${min} and ${max}.`);
    return value;
  };
  const adminSecret = env.ADMIN_SECRET || undefined;
  if (adminSecret !== undefined) check('ADMIN_SECRET', adminSecret, 32);
  const webhookSecret = env.TENTIMES_WEBHOOK_SECRET || undefined;
  if (webhookSecret !== undefined) check('TENTIMES_WEBHOOK_SECRET', webhookSecret, 24);
  const settings = {
    baseUrl,
    timeoutMs: whole('TENTIMES_TIMEOUT_MS', env.TENTIMES_TIMEOUT_MS, 10_000, 1, 60_000),
    // The queue's max_retries (wrangler.jsonc) is the platform's own cap; this one is ours.
    maxAttempts: whole('TENTIMES_MAX_ATTEMPTS', env.TENTIMES_MAX_ATTEMPTS, 100, 1, 100),
    retryBaseSeconds: whole('TENTIMES_RETRY_BASE_SECONDS', env.TENTIMES_RETRY_BASE_SECONDS, 30, 0, 3600),
    // Capped at an hour: with 100 attempts a registration survives days of outage.
    maxRetryDelaySeconds: 3600,
    queueRetentionSeconds: whole('TENTIMES_QUEUE_RETENTION_SECONDS', env.TENTIMES_QUEUE_RETENTION_SECONDS, DEFAULT_QUEUE_RETENTION_SECONDS, 60, 14 * 24 * 3600),
  };
  // A schedule longer than the queue keeps a message would let the queue drop it before our last
  // attempt (the outbox would hand it over again, but only after the retention has passed).
  const schedule = retryScheduleSeconds(settings.maxAttempts, settings.retryBaseSeconds, settings.maxRetryDelaySeconds);
  if (schedule >= settings.queueRetentionSeconds) {
    fail(`TENTIMES_MAX_ATTEMPTS and TENTIMES_RETRY_BASE_SECONDS give a retry schedule of ${schedule} s, longer than TENTIMES_QUEUE_RETENTION_SECONDS (${settings.queueRetentionSeconds} s); lower them or raise the queue's retention.`);
  }
  return { ...settings, adminSecret };
}

/** Resolves a site's 10times secrets, or fails naming the missing one. */
export function resolveTentimesSite(
  siteId: string,
  site: TentimesSite | undefined,
  env: TentimesBindings,
  fail: (detail: string) => never,
  localDemo = false,
): ResolvedTentimesSite | undefined {
  if (!site) return undefined;
  const apiKey = site.apiKey ?? env.TENTIMES_API_KEY ?? '';
  if (!apiKey) fail(`TENTIMES_API_KEY is not set and SITES.${siteId}.tentimes.apiKey is missing (wrangler secret put TENTIMES_API_KEY).`);
  if (!localDemo && placeholderKey(apiKey)) fail(`The 10times key of SITES.${siteId} is a published example or simulator value.`);
  const weakOwn = site.webhookSecret !== undefined && !localDemo ? weakSecret(site.webhookSecret, 24) : undefined;
  if (weakOwn) fail(`SITES.${siteId}.tentimes.webhookSecret ${weakOwn}.`);
  // Never the shared secret itself: a site without its own secret gets one derived from it.
  const shared = env.TENTIMES_WEBHOOK_SECRET || undefined;
  return { ...site, apiKey, ...(!site.webhookSecret && shared ? { sharedWebhookSecret: shared } : {}) };
}
