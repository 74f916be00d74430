import { createRoute } from '@hono/zod-openapi';
import { optionalCustomer } from '../auth';
import type { ConferenceEvent } from '../popin/client';
import { authErrors, json, siteErrors, SiteParams, SlotsSchema } from '../schemas';
import { formFields } from '../tentimes/fields';
import { upstream } from '../upstream';
import { createRouter } from './router';

const route = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/slots',
  summary: 'Upcoming demo slots',
  description: "Without a token: the general slots, shareable with anyone. With a customer token: that customer's view.",
  request: { params: SiteParams },
  security: [{}, { customerToken: [] }],
  responses: { 200: json(SlotsSchema, 'The slots'), ...authErrors, ...siteErrors },
});

export const slots = createRouter().openapi(route, async (c) => {
  const customer = await optionalCustomer(c);
  const { events, registeredEvents } = await upstream(c.var.popin.slots(customer?.user_id));
  const { title, country, timezone } = c.var.site;
  // Customer views carry personal join URLs: never let any cache keep them.
  c.header('Cache-Control', 'private, no-store');
  const tentimes = c.var.site.tentimes && { fields: formFields(c.var.site.tentimes) };
  return c.json({ events: events.map(toEvent), registered: registeredEvents, site: { title, country, timezone }, ...(tentimes ? { tentimes } : {}) }, 200);
});

/** Join URLs end up in an href on a seller's page: only http(s) gets through. */
function toEvent(event: ConferenceEvent) {
  return { ...event, join_url: /^https?:\/\//i.test(event.join_url) ? event.join_url : null };
}
