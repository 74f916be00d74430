import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { optionalCustomer } from '../auth/customer';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { Bucket, RateDecision, RateLimitedRoute } from '../limits/rate-limiter';
import { takeRead } from '../limits/read-limiter';
import { clientAddress, clientGroups } from './client-address';

/**
 * Rate limits (SITES.<site>.limits), before the body is read. The kind of limit comes from the
 * route the request matched, whatever its method: HEAD is answered by the GET handler and is
 * counted as a GET. Any route under /v1/sites that is not listed is counted as a read.
 */
const ROUTE_LIMITS: Record<string, RateLimitedRoute> = {
  '/v1/sites/:site/slots': 'slots',
  '/v1/sites/:site/tentimes': 'slots',
  '/v1/sites/:site/customers': 'customers',
  '/v1/sites/:site/registrations': 'registrations',
  '/v1/sites/:site/registrations/:event_id': 'registrations',
  '/v1/sites/:site/hooks/10times/:secret': 'webhook',
};

/** READ_CEILING's limit per minute, as wrangler.jsonc sets it (the binding cannot tell it). */
export const READ_CEILING_PER_MINUTE = 6_000;

/** An IPv6 /48 may hold many homes: it gets this many times one client's allowance, not 65,536 times. */
export const NETWORK_CEILING_FACTOR = 16;

/** The route pattern this request matched (the handler's, not a middleware's), or undefined. */
export function matchedRoute(c: Context): string | undefined {
  const routes = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return routes.at(-1)?.path;
}

export function limitedRoute(pattern: string | undefined): RateLimitedRoute | undefined {
  if (pattern === undefined || !pattern.startsWith('/v1/sites/:site/')) return undefined;
  return ROUTE_LIMITS[pattern] ?? 'slots';
}

export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const route = limitedRoute(matchedRoute(c));
  if (!route) return next();
  const { site } = c.var;
  const { limits } = site;
  // Per address: a coarse ceiling where many people may share one address, the precise limit otherwise.
  const perAddress = {
    customers: site.turnstile ? Math.max(limits.customersPerMinuteWithTurnstile, limits.customersPerMinute) : limits.customersPerMinute,
    registrations: Math.max(limits.registrationsPerAddressPerMinute, limits.registrationsPerMinute),
    slots: limits.slotsPerMinute,
    webhook: limits.webhookPerMinute,
  }[route];
  const groups = clientGroups(clientAddress(c.req));
  const buckets: Bucket[] = [{ name: `${route}|${groups.client}`, limitPerMinute: perAddress }];
  if (groups.network !== groups.client) buckets.push({ name: `${route}|${groups.network}`, limitPerMinute: perAddress * NETWORK_CEILING_FACTOR });
  if (route === 'slots') {
    // Reads: decided in the isolate, no Durable Object (limits/read-limiter.ts says why).
    // A site that allows one network more reads than the ceiling has chosen so (a load test): the
    // ceiling must not undercut the site's own setting.
    if (perAddress * NETWORK_CEILING_FACTOR <= READ_CEILING_PER_MINUTE) await readCeiling(c, `${site.id}|${groups.network}`);
    refuseUnless(takeRead(buckets.map((bucket) => ({ ...bucket, name: `${site.id}|${bucket.name}` }))));
    return next();
  }
  refuseUnless(await take(c, `${site.id}|${groups.network}`, buckets));

  // Bookings: the precise limit is the customer token's own, wherever it is used from (a new token
  // costs a sign-up, which its address's limit counts).
  if (route === 'registrations') {
    const customer = await optionalCustomer(c);
    if (customer) {
      const token = `${site.id}|customer:${customer.user_id}:${customer.jti ?? customer.exp}`;
      refuseUnless(await take(c, token, [{ name: route, limitPerMinute: limits.registrationsPerMinute }]));
    }
  }
  await next();
});

/**
 * The location-wide read ceiling per site and client network: Cloudflare's rate-limiting binding
 * (READ_CEILING in wrangler.jsonc, a fixed number per minute for all isolates of a location).
 * It only refuses what no page could need; if the binding fails the read is let through, since
 * the isolate's own limit has still been applied and a read changes nothing.
 */
async function readCeiling(c: Context<AppEnv>, key: string): Promise<void> {
  // Bound by wrangler.jsonc; absent only where a test builds its own env (app.request).
  if (!c.env.READ_CEILING) return;
  let success = true;
  try {
    ({ success } = await c.env.READ_CEILING.limit({ key }));
  } catch (error) {
    console.error(`READ_CEILING failed: ${error instanceof Error ? error.message : 'unknown'}`);
  }
  if (!success) refuseUnless({ allowed: false, retryAfterSeconds: 60 });
}

/** The webhook's own per-site limit, taken once the path secret has been checked (routes/hooks.ts). */
export async function limitWebhook(c: Context<AppEnv>): Promise<void> {
  const { site } = c.var;
  refuseUnless(await take(c, `${site.id}|webhook`, [{ name: 'webhook', limitPerMinute: site.limits.webhookPerMinute }]));
}

/**
 * Asks the limiter object. If it fails underneath us (restarted, evicted, overloaded) nothing has
 * been done yet: the request is refused closed with a 503 the widget retries, rather than let
 * through uncounted.
 */
async function take(c: Context<AppEnv>, object: string, buckets: Bucket[]): Promise<RateDecision> {
  const limiter = c.env.RATE_LIMITER;
  try {
    return await limiter.get(limiter.idFromName(object)).takeAll(buckets);
  } catch (error) {
    console.error(`RateLimiter call failed: ${error instanceof Error ? error.message : 'unknown'}`);
    throw new ApiError(503, 'limiter_unavailable', 'We could not take your request just now; nothing was done. Please try again in a moment.', undefined, { 'Retry-After': '1' });
  }
}

function refuseUnless(decision: RateDecision): void {
  if (decision.allowed) return;
  throw new ApiError(
    429,
    'rate_limited',
    `Too many requests from your connection. Please wait ${decision.retryAfterSeconds} seconds and try again.`,
    undefined,
    { 'Retry-After': String(decision.retryAfterSeconds) },
  );
}
