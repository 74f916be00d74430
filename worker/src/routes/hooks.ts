import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../errors';
import { toE164 } from '../phone';
import { PopinError } from '../popin/client';
import { ErrorSchema, json, serverErrors, siteErrors, SiteParam } from '../schemas';
import { findLead } from '../tentimes/lead';
import { outboxFor } from '../tentimes/outbox';
import { toApiError } from '../popin/errors';
import { sameSecret } from '../auth/same-secret';
import { isPlainText } from '../text';
import { limitWebhook } from '../middleware/rate-limit';
import { siteWebhookSecret } from '../tentimes/webhook-secret';
import { createRouter } from './router';

/**
 * The 10times Push API webhook: 10times posts a lead (visitor or exhibitor) as raw JSON to
 * the seller's "CRM" URL, and it is captured as a lead in Popin. Every push is kept in the
 * site's outbox; one that cannot be captured is answered with a 4xx and shows up in the
 * operator report instead of being dropped.
 */

const route = createRoute({
  method: 'post',
  path: '/v1/sites/{site}/hooks/10times/{secret}',
  operationId: 'captureTentimesPush',
  summary: 'Capture a lead pushed by 10times',
  description: "For 10times' Push API: paste this URL (with the site's own webhook secret: `npm run webhook-url`) in 10times' API integration. The body is 10times' raw JSON lead.",
  request: {
    params: z.object({ site: SiteParam, secret: z.string().openapi({ param: { name: 'secret', in: 'path' } }) }),
    body: {
      required: true,
      content: {
        // A plain JSON Schema, not a zod one: zod-openapi would validate it and answer before the
        // handler, which must keep every push (even one that is not JSON) for the operator report.
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: true,
            description:
              "10times' lead as raw JSON (visitor or exhibitor). The name is read from name, full_name, contact_person or first + last name; the phone from phone, mobile, contact_number and the like. Anything else is kept as sent.",
            example: { name: 'Priya Sharma', email: 'priya@example.com', phone: '+91 95445 10895', company: 'Sharma Retail' },
          },
        },
      },
    },
  },
  // The path secret is the credential (compared in constant time); there is no header to send.
  security: [],
  responses: {
    200: json(z.object({ status: z.literal('captured'), push: z.number().int() }).openapi('PushCaptured'), 'Captured in Popin'),
    400: json(ErrorSchema, 'invalid_json: the push is not JSON (kept)'),
    403: siteErrors[403],
    404: json(ErrorSchema, 'not_found: no webhook at this URL (no 10times option, or a wrong secret); unknown_site'),
    413: json(ErrorSchema, 'payload_too_large'),
    429: json(ErrorSchema, "rate_limited: more pushes than the site's limits.webhookPerMinute (or from one address); wait Retry-After seconds. Nothing was kept."),
    422: json(ErrorSchema, 'lead_incomplete: no name or no usable phone number in the push (kept)'),
    502: json(ErrorSchema, 'Popin failed; the push is kept'),
    503: json(ErrorSchema, 'limiter_unavailable: the rate limiter could not be asked; nothing was kept; the sender should retry.'),
    504: json(ErrorSchema, 'Popin did not answer; the push is kept'),
    ...serverErrors,
  },
});

const notFound = () => new ApiError(404, 'not_found', 'There is no 10times webhook at this URL.');

export const hooks = createRouter().openapi(route, async (c) => {
  const { tentimes, id: siteId, country } = c.var.site;
  const secret = c.req.param('secret') ?? '';
  // Each site has its own secret (its own, or derived from the shared one with the site id).
  const expected = tentimes?.webhookSecret ?? (tentimes?.sharedWebhookSecret && (await siteWebhookSecret(tentimes.sharedWebhookSecret, siteId)));
  if (!expected || !(await sameSecret(secret, expected))) throw notFound();
  // The site's own allowance, counted only for pushes that hold its secret: a stranger cannot use it up.
  await limitWebhook(c);

  const outbox = outboxFor(c.env, siteId);
  const raw = await c.req.text();
  const keep = async (outcome: 'rejected' | 'failed', reason: string) => {
    const push = await outbox.recordPush(outcome, reason, raw);
    console.warn(`10times push site=${siteId} #${push}: ${outcome}: ${reason}`);
    return push;
  };

  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    const push = await keep('rejected', 'not JSON');
    throw new ApiError(400, 'invalid_json', `The push is not JSON. It was kept as push #${push} for the seller to look at.`);
  }

  // One lead per push: a list would have all but one captured silently otherwise.
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    const push = await keep('rejected', 'not a JSON object');
    throw new ApiError(422, 'lead_incomplete', `The push is not one lead (a JSON object). It was kept as push #${push}.`, {
      body: ['Send one lead as a JSON object.'],
    });
  }
  const lead = findLead(payload);
  const errors: Record<string, string[]> = {};
  const name = lead.name?.replace(/\s+/g, ' ').trim().slice(0, 100);
  // The same plain-text rule as a name typed in the widget (text.ts).
  if (!name || !isPlainText(name)) errors.name = ['The push has no usable name (name, full name or contact person).'];
  const mobile = lead.phone ? e164(lead.phone, country) : undefined;
  if (!mobile) errors.phone = [lead.phone ? 'The phone number in the push is not a valid mobile number.' : 'The push has no phone or mobile number.'];
  if (!name || !mobile || Object.keys(errors).length) {
    const push = await keep('rejected', Object.values(errors).flat().join(' '));
    throw new ApiError(422, 'lead_incomplete', `The lead cannot be captured in Popin without a name and a mobile number. It was kept as push #${push}.`, errors);
  }

  try {
    const { userId } = await c.var.popin.capture({ name, mobile });
    const push = await outbox.recordPush('captured', null, raw, userId);
    console.log(`10times push site=${siteId} #${push}: captured`);
    return c.json({ status: 'captured' as const, push }, 200);
  } catch (error) {
    if (!(error instanceof PopinError)) throw error;
    await keep('failed', error.message);
    // 5xx, so that a sender that retries does; the push is kept either way.
    throw toApiError(error);
  }
});

/** A number as 10times may send it: E.164, national with the site's country, or country code + digits without "+". */
function e164(phone: string, country: string): string | undefined {
  return toE164(phone, country) ?? (/^\d{8,15}$/.test(phone.replace(/[\s-]/g, '')) ? toE164(`+${phone}`, country) : undefined);
}
