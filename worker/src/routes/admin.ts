import { readConfig } from '../config';
import { ApiError } from '../errors';
import { outboxFor, type OutboxReport } from '../tentimes/outbox';
import { sameSecret } from '../auth/same-secret';
import { createRouter } from './router';

/**
 * GET /admin/tentimes: per site with the 10times option, its registrations pending, sending,
 * done, dead (with reasons) and cancelled, and the pushes that could not be captured.
 * For operators only: `Authorization: Bearer <ADMIN_SECRET>`; off (404) when ADMIN_SECRET is unset.
 * Not under /v1/sites, so no browser origin is ever granted CORS for it.
 */
export const admin = createRouter().get('/admin/tentimes', async (c) => {
  const config = readConfig(c.env);
  if (!config.adminSecret) throw new ApiError(404, 'not_found', 'Nothing here: the operator endpoints are off (set ADMIN_SECRET).');
  const given = /^Bearer (\S{1,512})$/.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
  if (!(await sameSecret(given, config.adminSecret))) {
    throw new ApiError(401, 'unauthorized', 'Send the operator secret as Authorization: Bearer <ADMIN_SECRET>.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  const sites: Record<string, OutboxReport> = {};
  for (const [id, site] of config.sites) {
    if (site.tentimes) sites[id] = await outboxFor(c.env, id).report();
  }
  c.header('Cache-Control', 'no-store');
  return c.json({ sites });
});
