import { createRoute, type z } from '@hono/zod-openapi';
import { optionalCustomer } from '../auth/customer';
import type { ConferenceEvent } from '../popin/client';
import { eventTimes } from '../popin/event-time';
import { generalSlots } from '../popin/general-slots';
import { authErrors, json, siteErrors, SiteParams, SlotsSchema } from '../schemas';
import { formFields } from '../tentimes/fields';
import { upstream } from '../popin/errors';
import { audioFor } from '../sites/audio';
import { enablexOptionsFor } from '../enablex/demos';
import { byStart, enablexForCustomer, enablexForVisitor } from '../enablex/listing';
import { observeRegistrations } from '../bookings/stub';
import { createRouter } from './router';

const route = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/slots',
  operationId: 'listSlots',
  summary: 'Upcoming demo slots',
  description:
    "Without a token: the general slots, shared by every visitor and cached for the site's slotsCacheSeconds (during a Popin outage the last known list, with stale: true). With a customer token: that customer's view, never cached. " +
    'On sites with the enablex option the EnableX meetings are demos too, in the same list sorted by start; when EnableX fails, the Popin demos are served and enablex is "unavailable".',
  request: { params: SiteParams },
  security: [{}, { customerToken: [] }],
  responses: { 200: json(SlotsSchema, 'The slots'), ...authErrors, ...siteErrors },
});

export const slots = createRouter().openapi(route, async (c) => {
  const customer = await optionalCustomer(c);
  const { title, country, timezone, turnstile } = c.var.site;
  const paused = c.var.siteState.paused ? { paused: true as const } : {};
  const site = { ...(turnstile ? { title, country, timezone, turnstile_site_key: turnstile.siteKey } : { title, country, timezone }), ...paused };
  // Customer views carry personal join URLs: never shared, never kept by any cache.
  c.header('Cache-Control', 'private, no-store');
  const tentimes = c.var.site.tentimes && { fields: formFields(c.var.site.tentimes) };
  const extra = tentimes ? { tentimes } : {};
  const enablexOptions = enablexOptionsFor(c);
  if (customer) {
    const readStartedAt = Date.now();
    const [{ events, registeredEvents }, enablex] = await Promise.all([
      upstream(c.var.popin.slots(customer.user_id)),
      enablexOptions && enablexForCustomer(c, enablexOptions, customer.user_id),
    ]);
    // The booking that usually follows can then skip its own read (bookings/customer-bookings.ts).
    // Popin's registrations only (numeric ids): EnableX seats are mirrored in the object itself.
    await observeRegistrations(c, customer, registeredEvents, readStartedAt);
    // Dial-in details only for a customer with a booking, never in the general list.
    const audio = registeredEvents.length > 0 ? audioFor(c.var.siteState) : undefined;
    const all = byStart([...events.map((e) => toEvent(e, timezone)), ...(enablex?.events ?? [])]);
    const registered = [...registeredEvents, ...(enablex?.registered ?? [])];
    return c.json({ events: all, registered, site, ...extra, ...(enablex ? { enablex: enablex.status } : {}), ...(audio ? { audio } : {}) }, 200);
  }
  const [general, enablex] = await Promise.all([upstream(generalSlots(c)), enablexOptions && enablexForVisitor(c, enablexOptions)]);
  c.header('Age', String(Math.max(0, Math.floor((Date.now() - general.fetchedAt) / 1000))));
  if (enablex) {
    // With EnableX demos the list also carries seat counts that change with every booking: built per request.
    const all = byStart([...general.events.map((e) => toEvent(e, timezone)), ...enablex.events]);
    const body = { events: all, registered: [], site, ...extra, enablex: enablex.status };
    return c.json(general.stale ? { ...body, stale: true as const } : body, 200);
  }
  // The same list for every visitor of the site until it changes: built and serialised once.
  const built = servedBodies.get(general.events);
  const same = (b: ServedBody) => b.site === c.var.site && b.paused === Boolean(paused.paused) && b.stale === general.stale;
  let served = built?.find(same);
  if (!served) {
    const body = { events: general.events.map((e) => toEvent(e, timezone)), registered: [], site, ...extra };
    served = { site: c.var.site, paused: Boolean(paused.paused), stale: general.stale, json: JSON.stringify(general.stale ? { ...body, stale: true as const } : body) };
    // A handful per list at most (one per site sharing it, paused or not, stale or not).
    servedBodies.set(general.events, [served, ...(built ?? []).slice(0, 7)]);
  }
  // The bytes c.json would have sent (test/worker/contract.ts checks them against SlotsSchema).
  return c.body(served.json, 200, { 'Content-Type': 'application/json' }) as unknown as ReturnType<typeof c.json<z.infer<typeof SlotsSchema>, 200>>;
});

interface ServedBody {
  site: object;
  paused: boolean;
  stale: boolean;
  json: string;
}

/** Serialised answers, per shared list (slots-cache.ts keeps one array per fetch): forgotten with it. */
const servedBodies = new WeakMap<ConferenceEvent[], ServedBody[]>();

/**
 * Join URLs end up in an href on a seller's page: only http(s) gets through. Popin's wall-clock
 * strings become instants in the site's zone (popin/event-time.ts).
 */
function toEvent(event: ConferenceEvent, timeZone: string) {
  return { ...event, ...eventTimes(event, timeZone), join_url: /^https?:\/\//i.test(event.join_url) ? event.join_url : null };
}
