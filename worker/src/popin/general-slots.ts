import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { sharedSlots, type SharedSlots } from './slots-cache';

/** Serving in the background beyond the fresh time; outages are covered by slotsStaleIfErrorSeconds. */
const REVALIDATE_MS = 60_000;

/** The cache key of a site's general list (per site: two sites may hold different keys for one seller). */
export function generalSlotsKey(popinBaseUrl: string, siteId: string, seller: string): string {
  return `${popinBaseUrl}|${siteId}|${seller}`;
}

/** The site's general slots through the shared cache (see slots-cache.ts). */
export function generalSlots(c: Context<AppEnv>): Promise<SharedSlots> {
  const { site, config, popin } = c.var;
  return sharedSlots(
    generalSlotsKey(config.popinBaseUrl, site.id, site.seller),
    async () => (await popin.slots()).events,
    {
      freshMs: site.slotsCacheSeconds * 1000,
      revalidateMs: REVALIDATE_MS,
      staleIfErrorMs: site.slotsStaleIfErrorSeconds * 1000,
    },
    (promise) => keepAlive(c, promise),
  );
}

/** Lets a background refresh finish after the response; outside a worker (app.request) it just runs. */
export function keepAlive(c: Context<AppEnv>, promise: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    void promise;
  }
}
