import { createRoute } from '@hono/zod-openapi';
import { issueToken } from '../auth';
import { validationError } from '../errors';
import { toE164 } from '../phone';
import { bodyErrors, CustomerRequestSchema, CustomerSchema, ErrorSchema, json, siteErrors, SiteParams } from '../schemas';
import { requireHuman } from '../turnstile';
import { upstream } from '../upstream';
import { createRouter } from './router';

const route = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/customers',
  summary: 'Capture a customer',
  description:
    'Validates the mobile number, normalises it to E.164, captures the lead in Popin and returns a customer token for this site.',
  request: { params: SiteParams, body: { content: { 'application/json': { schema: CustomerRequestSchema } }, required: true } },
  responses: {
    200: json(CustomerSchema, 'The customer and their token'),
    ...bodyErrors,
    ...siteErrors,
    403: json(ErrorSchema, 'origin_not_allowed, or turnstile_required / turnstile_failed when the site uses Turnstile.'),
    503: json(ErrorSchema, 'turnstile_unavailable: Turnstile could not be asked; nothing was sent to Popin.'),
  },
});

export const customers = createRouter().openapi(route, async (c) => {
  const { name, mobile, country, turnstile } = c.req.valid('json');
  const e164 = toE164(mobile, country ?? c.var.site.country);
  if (!e164) throw validationError({ mobile: ['Enter a valid mobile number, with the country code if it is not from your country.'] });

  await requireHuman(c, turnstile);
  const { userId } = await upstream(c.var.popin.capture({ name, mobile: e164 }));
  const token = await issueToken(c, userId);
  return c.json({ token, customer: { name, mobile: e164 } }, 200);
});
