import { createRoute } from '@hono/zod-openapi';
import { issueToken } from '../auth/customer';
import { validationError, type FieldErrors } from '../errors';
import { toE164 } from '../phone';
import { bodyErrors, CustomerRequestSchema, CustomerSchema, ErrorSchema, json, siteErrors, SiteParams } from '../schemas';
import { attendeeFrom } from '../tentimes/fields';
import { saveTentimesProfile } from '../tentimes/bookings';
import { requireHuman } from '../turnstile/siteverify';
import { upstream } from '../popin/errors';
import { recordSignUp } from '../ledger/record';
import { pausedResponse } from '../sites/pause';
import { createRouter } from './router';

const route = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/customers',
  operationId: 'createCustomer',
  summary: 'Capture a customer',
  description:
    'Validates the mobile number, normalises it to E.164, captures the lead in Popin and returns a customer token for this site.',
  request: { params: SiteParams, body: { content: { 'application/json': { schema: CustomerRequestSchema } }, required: true } },
  // Public: this is where a customer gets their token.
  security: [],
  responses: {
    200: json(CustomerSchema, 'The customer and their token'),
    ...bodyErrors,
    ...siteErrors,
    403: json(ErrorSchema, 'origin_not_allowed, or turnstile_required / turnstile_failed when the site uses Turnstile.'),
    503: json(ErrorSchema, 'turnstile_unavailable: Turnstile could not be asked; nothing was sent to Popin. limiter_unavailable: the rate limiter could not be asked; retry. popin_busy: the seller\'s Popin budget is spent or Popin said 429; retry after Retry-After. tentimes_unavailable: the 10times details could not be kept; send again (no second lead).'),
    ...pausedResponse,
  },
});

export const customers = createRouter().openapi(route, async (c) => {
  const input = c.req.valid('json');
  const { name, mobile, country, turnstile } = input;
  const e164 = toE164(mobile, country ?? c.var.site.country);
  const errors: FieldErrors = {};
  if (!e164) errors.mobile = ['Enter a valid mobile number, with the country code if it is not from your country.'];
  // A site with the 10times option also needs the attendee's email (and what else it asks).
  const { tentimes } = c.var.site;
  const extra = tentimes && attendeeFrom(tentimes, input, e164 ?? '');
  if (extra && 'errors' in extra) Object.assign(errors, extra.errors);
  if (!e164 || Object.keys(errors).length) throw validationError(errors);

  await requireHuman(c, turnstile);
  const { userId } = await upstream(c.var.popin.capture({ name, mobile: e164 }));
  const profileSaved = Boolean(extra && 'attendee' in extra);
  if (extra && 'attendee' in extra) await saveTentimesProfile(c, userId, extra.attendee);
  await recordSignUp(c, userId, name, e164);
  const token = await issueToken(c, userId, profileSaved);
  const email = tentimes ? input.email : undefined;
  return c.json({ token, customer: { name, mobile: e164, ...(email ? { email } : {}) } }, 200);
});
