import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { RateLimitedRoute } from '../limits/rate-limiter';
import { clientAddress } from './client-address';

/** The limited API calls: sign-ups and bookings strictly, slot lists loosely. */
function limitedRoute(method: string, path: string): RateLimitedRoute | undefined {
  const rest = path.replace(/^\/v1\/sites\/[^/]+/, '');
  if (method === 'GET' && rest === '/slots') return 'slots';
  if (method === 'POST' && rest === '/customers') return 'customers';
  if ((method === 'POST' && rest === '/registrations') || (method === 'DELETE' && rest.startsWith('/registrations/'))) {
    return 'registrations';
  }
  return undefined;
}

/** Rate limits per site and client (SITES.<site>.limits), before the body is read. */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const route = limitedRoute(c.req.method, c.req.path);
  if (!route) return next();
  const { site } = c.var;
  const limit = site.limits[`${route}PerMinute`];
  const limiter = c.env.RATE_LIMITER;
  const decision = await limiter.get(limiter.idFromName(`${site.id}|${clientAddress(c.req)}`)).take(route, limit);
  if (!decision.allowed) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests from your connection. Please wait ${decision.retryAfterSeconds} seconds and try again.`,
      undefined,
      { 'Retry-After': String(decision.retryAfterSeconds) },
    );
  }
  await next();
});
