import { createRoute } from '@hono/zod-openapi';
import { optionalCustomer } from '../auth/customer';
import { authErrors, json, siteErrors, SiteParams, TentimesInfoSchema } from '../schemas';
import { formFields } from '../tentimes/fields';
import { outboxFor } from '../tentimes/outbox';
import { createRouter } from './router';

const route = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/tentimes',
  operationId: 'getTentimesOption',
  summary: "The site's 10times option, as the widget needs it",
  description:
    'Which extra fields the booking form shows and, with a customer token, the customer\'s 10times FLOOR links. Answers { enabled: false } for a site without the option. No Popin call.',
  request: { params: SiteParams },
  security: [{}, { customerToken: [] }],
  responses: { 200: json(TentimesInfoSchema, 'The 10times option'), ...authErrors, ...siteErrors },
});

export const tentimesRoutes = createRouter().openapi(route, async (c) => {
  const { tentimes, id } = c.var.site;
  c.header('Cache-Control', 'private, no-store');
  if (!tentimes) return c.json({ enabled: false, fields: [], floor: [] }, 200);
  const customer = await optionalCustomer(c);
  const floor = customer ? await outboxFor(c.env, id).floorLinks(customer.user_id) : [];
  return c.json({ enabled: true, fields: formFields(tentimes), floor }, 200);
});
