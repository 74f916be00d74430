import { createMiddleware } from 'hono/factory';
import { readConfig } from '../config';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { PopinClient, popinClientOptions } from '../popin/client';
import { resolveSite } from '../sites/store';

const ALLOWED_HEADERS = 'Content-Type, Authorization, Idempotency-Key';
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * For every /v1/sites/{site}/* request: reads the configuration (failing loudly if it is bad),
 * finds the site, enforces the site's browser-origin allowlist and grants CORS to exactly
 * that origin, then hands the route a Popin client for the site's seller.
 */
export const siteMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const config = readConfig(c.env);
  const siteId = c.req.param('site') ?? '';
  // SITES first, then the console's site directory.
  const resolved = await resolveSite(c.env, config, siteId);
  if (!resolved) throw new ApiError(404, 'unknown_site', `There is no booking site called "${siteId.slice(0, 64)}".`);

  // Requests without Origin (curl, servers) are not subject to CORS; browsers always send one
  // on cross-origin fetches. The worker's own pages (/s/{site}) are always allowed.
  const { site } = resolved;
  const origin = c.req.header('Origin');
  if (origin !== undefined) {
    const own = new URL(c.req.url).origin;
    if (origin !== own && !site.origins.includes(origin)) {
      throw new ApiError(
        403,
        'origin_not_allowed',
        `This page (${origin.slice(0, 200)}) is not allowed to book for "${site.id}". The seller can add it to the site's origins.`,
      );
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin', { append: true });
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
  }

  c.set('config', config);
  c.set('site', site);
  c.set('siteState', resolved.state);
  c.set('popin', new PopinClient(popinClientOptions(config, site)));
  await next();
});
