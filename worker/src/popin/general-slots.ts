import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { PopinError, popinClientOptions, type PopinClientOptions } from './client';
import { generalSlotsRefresher, type GeneralSlotsRefresher, type RefreshAnswer } from './refresher';
import { RefresherUnreachable, sharedSlots, type SharedSlots, type SlotsCachePolicy } from './slots-cache';

/** Serving in the background beyond the fresh time; outages are covered by slotsStaleIfErrorSeconds. */
const REVALIDATE_MS = 60_000;

/** The cache key of a site's general list (per site: two sites may hold different keys for one seller). */
export function generalSlotsKey(popinBaseUrl: string, siteId: string, seller: string): string {
  return `${popinBaseUrl}|${siteId}|${seller}`;
}

/**
 * The site's general slots through the shared cache (see slots-cache.ts), refreshed by the
 * site's refresher (refresher.ts). Without the binding (a test's own env) the isolate refreshes
 * the list itself, as it does when the refresher cannot be reached.
 */
export function generalSlots(c: Context<AppEnv>): Promise<SharedSlots> {
  const { site, config, popin } = c.var;
  const key = generalSlotsKey(config.popinBaseUrl, site.id, site.seller);
  const policy: SlotsCachePolicy = {
    freshMs: site.slotsCacheSeconds * 1000,
    revalidateMs: REVALIDATE_MS,
    staleIfErrorMs: site.slotsStaleIfErrorSeconds * 1000,
  };
  const namespace = c.env.GENERAL_SLOTS_REFRESHER as DurableObjectNamespace<GeneralSlotsRefresher> | undefined;
  return sharedSlots(
    key,
    async () => (await popin.slots()).events,
    policy,
    (promise) => keepAlive(c, promise),
    namespace && (() => askRefresher(namespace, key, popinClientOptions(config, site), policy)),
  );
}

/** One ask to the site's refresher; its Popin failure comes back as the PopinError the isolate's own call would throw. */
async function askRefresher(
  namespace: DurableObjectNamespace<GeneralSlotsRefresher>,
  key: string,
  popin: PopinClientOptions,
  policy: SlotsCachePolicy,
): Promise<SharedSlots> {
  let answer: RefreshAnswer;
  try {
    answer = await generalSlotsRefresher(namespace, key).slots({ popin, policy });
  } catch (error) {
    throw new RefresherUnreachable(error);
  }
  if (!answer.ok) throw new PopinError('slots', answer.failure, answer.transient);
  return { events: answer.events, fetchedAt: answer.fetchedAt, stale: answer.stale };
}

/** Lets a background refresh finish after the response; outside a worker (app.request) it just runs. */
export function keepAlive(c: Context<AppEnv>, promise: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    void promise;
  }
}
