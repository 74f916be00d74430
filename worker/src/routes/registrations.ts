import { createRoute, z } from '@hono/zod-openapi';
import { requireCustomer } from '../auth';
import {
  authErrors,
  bodyErrors,
  CancellationSchema,
  ErrorSchema,
  EventIdParam,
  json,
  RegistrationRequestSchema,
  RegistrationSchema,
  siteErrors,
  SiteParam,
  SiteParams,
} from '../schemas';
import { cancelTentimes, enqueueTentimes, tentimesAttendee } from '../tentimes/bookings';
import { upstream } from '../upstream';
import { createRouter } from './router';

const register = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/registrations',
  summary: 'Register the customer for a demo',
  request: {
    params: SiteParams,
    body: { content: { 'application/json': { schema: RegistrationRequestSchema } }, required: true },
  },
  security: [{ customerToken: [] }],
  responses: {
    200: json(RegistrationSchema, 'Registered'),
    ...authErrors,
    ...bodyErrors,
    ...siteErrors,
    503: json(ErrorSchema, 'tentimes_unavailable: booked in Popin, but not yet recorded for 10times; book again (it is idempotent).'),
  },
});

const cancel = createRoute({
  method: 'delete',
  path: '/v1/sites/{site}/registrations/{event_id}',
  summary: "Cancel the customer's registration",
  request: {
    params: z.object({ site: SiteParam, event_id: EventIdParam }),
  },
  security: [{ customerToken: [] }],
  responses: { 200: json(CancellationSchema, 'Cancelled'), ...authErrors, 422: bodyErrors[422], ...siteErrors },
});

export const registrations = createRouter()
  .openapi(register, async (c) => {
    const customer = await requireCustomer(c);
    const { event_id } = c.req.valid('json');
    // 10times needs details Popin does not keep: check we have them before booking anything.
    const attendee = c.var.site.tentimes && (await tentimesAttendee(c, customer.user_id));
    const { contact } = await upstream(c.var.popin.register(customer.user_id, event_id));
    if (!attendee) return c.json({ event_id, contact }, 200);
    const tentimes = await enqueueTentimes(c, customer.user_id, event_id, attendee);
    return c.json({ event_id, contact, tentimes }, 200);
  })
  .openapi(cancel, async (c) => {
    const customer = await requireCustomer(c);
    const { event_id } = c.req.valid('param');
    await upstream(c.var.popin.cancel(customer.user_id, event_id));
    if (!c.var.site.tentimes) return c.json({ event_id, cancelled: true as const }, 200);
    const tentimes = await cancelTentimes(c, customer.user_id, event_id);
    return c.json({ event_id, cancelled: true as const, tentimes }, 200);
  });
