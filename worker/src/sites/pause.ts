import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { ErrorSchema, json } from '../schemas';

/** Documented on the routes a pause refuses. */
export const pausedResponse = {
  423: json(ErrorSchema, 'bookings_paused: the seller has paused bookings on this site (cancelling still works).'),
};

/**
 * While a site is paused (the console's switch), new sign-ups and bookings are refused before
 * anything is read or sent; cancellations and slot lists go on. Runs after the site middleware.
 */
export const refuseWhilePaused = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.siteState.paused && c.req.method === 'POST') {
    const rest = c.req.path.replace(/^\/v1\/sites\/[^/]+/, '');
    if (rest === '/customers' || rest === '/registrations') {
      throw new ApiError(423, 'bookings_paused', 'Bookings are paused on this site for now. Please try again later.');
    }
  }
  await next();
});
