import { createRoute } from '@hono/zod-openapi';
import { issueToken } from '../auth';
import { validationError } from '../errors';
import { toE164 } from '../phone';
import { bodyErrors, CustomerRequestSchema, CustomerSchema, json, siteErrors, SiteParams } from '../schemas';
import { upstream } from '../upstream';
import { createRouter } from './router';

const route = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/customers',
  summary: 'Capture a customer',
  description:
    'Validates the mobile number, normalises it to E.164, captures the lead in Popin and returns a customer token for this site.',
  request: { params: SiteParams, body: { content: { 'application/json': { schema: CustomerRequestSchema } }, required: true } },
  responses: { 200: json(CustomerSchema, 'The customer and their token'), ...bodyErrors, ...siteErrors },
});

export const customers = createRouter().openapi(route, async (c) => {
  const { name, mobile, country } = c.req.valid('json');
  const e164 = toE164(mobile, country ?? c.var.site.country);
  if (!e164) throw validationError({ mobile: ['Enter a valid mobile number, with the country code if it is not from your country.'] });

  const { userId } = await upstream(c.var.popin.capture({ name, mobile: e164 }));
  const token = await issueToken(c, userId);
  return c.json({ token, customer: { name, mobile: e164 } }, 200);
});
