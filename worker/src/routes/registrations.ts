import { createRoute, z } from '@hono/zod-openapi';
import { requireCustomer } from '../auth/customer';
import {
  authErrors,
  bodyErrors,
  CancellationSchema,
  ErrorSchema,
  EventIdParam,
  IdempotencyHeaders,
  json,
  RegistrationRequestSchema,
  RegistrationSchema,
  siteErrors,
  SiteParam,
  SiteParams,
} from '../schemas';
import { askBookings, customerBookings, offeredEvents, replayHeader, successOf } from '../bookings/stub';
import { fingerprint } from '../bookings/idempotency';
import { cancelTentimes, enqueueTentimes, tentimesAttendee } from '../tentimes/bookings';
import { recordBooking, recordCancellation } from '../ledger/record';
import { pausedResponse } from '../sites/pause';
import { createRouter } from './router';

const register = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/registrations',
  operationId: 'createRegistration',
  summary: 'Register the customer for a demo',
  description:
    'Checks that the site offers the event and that the customer is under the active-registration cap, then registers them in Popin. ' +
    'An EnableX demo (event_id "enablex-…") is booked in the worker instead, one seat of the meeting\'s participants, and answers 409 demo_full when none is left. ' +
    'Send a new Idempotency-Key per booking attempt: a repeat with the same key (within 24 hours) gets the first answer without calling Popin again.',
  request: {
    params: SiteParams,
    headers: IdempotencyHeaders,
    body: { content: { 'application/json': { schema: RegistrationRequestSchema } }, required: true },
  },
  security: [{ customerToken: [] }],
  responses: {
    200: json(RegistrationSchema, 'Registered (or already registered: contact is then null)'),
    401: json(
      ErrorSchema,
      'unauthorized or invalid_token. On a site with the 10times option, invalid_token also says the 10times details are needed again: ' +
        'before anything is booked for a token whose sign-up did not keep them, or after Popin booked it if the kept details are gone (enter them, then book again: it does not book twice).',
    ),
    ...bodyErrors,
    409: json(
      ErrorSchema,
      "too_many_registrations: the customer is at the site's limits.activeRegistrations (Popin and EnableX bookings together). demo_full: every seat of the EnableX demo is taken.",
    ),
    ...siteErrors,
    503: json(
      ErrorSchema,
      'booking_interrupted: retry (with the same Idempotency-Key); it will not book twice. ' +
        'tentimes_unavailable: booked in Popin, but not yet recorded for 10times; book again (it is idempotent); or, before booking, the 10times details could not be read (nothing booked). ' +
        'limiter_unavailable: the rate limiter could not be asked; nothing was done; retry. ' +
        "popin_busy: the seller's Popin budget is spent or Popin said 429; nothing was sent; retry after Retry-After.",
    ),
    ...pausedResponse,
  },
});

const cancel = createRoute({
  method: 'delete',
  path: '/v1/sites/{site}/registrations/{event_id}',
  operationId: 'cancelRegistration',
  summary: "Cancel the customer's registration",
  request: {
    params: z.object({ site: SiteParam, event_id: EventIdParam }),
  },
  security: [{ customerToken: [] }],
  responses: {
    200: json(CancellationSchema, 'Cancelled (also when there was nothing to cancel)'),
    ...authErrors,
    422: bodyErrors[422],
    ...siteErrors,
    503: json(
      ErrorSchema,
      "booking_interrupted: retry; cancelling twice is harmless. limiter_unavailable: the rate limiter could not be asked; retry. popin_busy: the seller's Popin budget is spent or Popin said 429; retry after Retry-After.",
    ),
  },
});

export const registrations = createRouter()
  .openapi(register, async (c) => {
    const customer = await requireCustomer(c);
    const { event_id, attribution } = c.req.valid('json');
    // EnableX demos are not sent to 10times: its outbox registers Popin events (README "EnableX demos").
    const tentimesEvent = Boolean(c.var.site.tentimes) && typeof event_id === 'number';
    // 10times needs details Popin does not keep. A token from a sign-up that kept them (claim `tt`)
    // leaves the outbox to read them as it records the registration; any other token has them
    // checked before anything is booked.
    const attendee = tentimesEvent && !customer.tt ? await tentimesAttendee(c, customer.user_id) : undefined;
    const key = c.req.valid('header')['idempotency-key'];
    const { stub, target } = customerBookings(c, customer);
    const claim = key === undefined ? undefined : { key, fingerprint: await fingerprint(['register', event_id]) };
    const offered = await offeredEvents(c);
    const outcome = await askBookings(() => stub.register(target, event_id, claim, offered));
    const registration = successOf<z.infer<typeof RegistrationSchema>>(outcome);
    // Campaign attribution stays with the booking (validated and bounded by the schema). The
    // booking is made by now: a failure to keep its attribution is logged, never the customer's problem.
    if (attribution) {
      await stub.attribute(event_id, attribution).catch((error: unknown) => {
        console.error(`attribution not kept for event ${event_id}: ${error instanceof Error ? error.message : 'unknown'}`);
      });
    }
    if (!tentimesEvent || typeof event_id !== 'number') {
      await recordBooking(c, customer.user_id, event_id);
      return c.json(registration, 200, replayHeader(outcome));
    }
    // Also on a replay or an "already registered" answer: the outbox keeps one 10times
    // registration per customer and event, so a repeat never registers twice.
    const tentimes = await enqueueTentimes(c, customer.user_id, event_id, attendee).catch(async (error: unknown) => {
      // Booked in Popin, not recorded for 10times: the seller's ledger shows it meanwhile.
      await recordBooking(c, customer.user_id, event_id, 'not recorded');
      throw error;
    });
    await recordBooking(c, customer.user_id, event_id, tentimes.status);
    return c.json({ ...registration, tentimes }, 200, replayHeader(outcome));
  })
  .openapi(cancel, async (c) => {
    const customer = await requireCustomer(c);
    const { event_id } = c.req.valid('param');
    const { stub, target } = customerBookings(c, customer);
    const offered = await offeredEvents(c);
    const cancellation = successOf<z.infer<typeof CancellationSchema>>(await askBookings(() => stub.cancel(target, event_id, offered)));
    if (!c.var.site.tentimes || typeof event_id === 'string') {
      await recordCancellation(c, customer.user_id, event_id);
      return c.json(cancellation, 200);
    }
    const tentimes = await cancelTentimes(c, customer.user_id, event_id);
    await recordCancellation(c, customer.user_id, event_id, tentimes.status);
    return c.json({ ...cancellation, tentimes }, 200);
  });
