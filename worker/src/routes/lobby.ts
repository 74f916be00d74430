import { createRoute, z } from '@hono/zod-openapi';
import { requireCustomer } from '../auth/customer';
import { EnablexClient } from '../enablex/client';
import { customerFacing, enablexOptionsFor, meetingIdOf, seatHolder, transient } from '../enablex/demos';
import { seatsOf } from '../enablex/seats';
import { ApiError } from '../errors';
import { READ_RETRY, withRetries } from '../popin/retry';
import { EnablexEventSchema, ErrorSchema, authErrors, json, siteErrors, SiteParam } from '../schemas';
import { isLoopback } from '../secrets';
import { createRouter } from './router';

/**
 * The waiting room of an EnableX demo: its lobby content, for a customer booked on it. Only
 * URLs leave the worker (https; loopback http in the local demo, whose simulator serves the
 * uploads): the lobby's `embed` HTML is never passed on, so nothing of EnableX's markup can
 * end up in a seller's page.
 */

export const LobbySchema = z
  .object({
    event_id: EnablexEventSchema.shape.id,
    messages: z.array(z.string()).openapi({ description: 'Text messages, shown as a slideshow.', example: ['Welcome! The demo starts soon.'] }),
    images: z.array(z.object({ url: z.string(), caption: z.string().optional() })).openapi({ description: 'https image URLs with their captions.' }),
    audio: z.string().nullable().openapi({ description: 'One https audio URL (background music), or null.' }),
    video: z.string().nullable().openapi({ description: 'One https video URL, or null.' }),
  })
  .openapi('DemoLobby');

const route = createRoute({
  method: 'get',
  path: '/v1/sites/{site}/demos/{event_id}/lobby',
  operationId: 'getDemoLobby',
  summary: "An EnableX demo's waiting room content",
  description: 'For a customer booked on the demo: the lobby the seller set up in EnableX (messages, images with captions, one audio, one video), URLs only.',
  request: { params: z.object({ site: SiteParam, event_id: EnablexEventSchema.shape.id.openapi({ param: { name: 'event_id', in: 'path' } }) }) },
  security: [{ customerToken: [] }],
  responses: {
    200: json(LobbySchema, 'The lobby (empty lists and nulls when the seller set none)'),
    ...authErrors,
    ...siteErrors,
    403: json(ErrorSchema, "not_booked: the customer has no seat on this demo. origin_not_allowed: the browser Origin is not in the site's origins."),
    404: json(ErrorSchema, 'unknown_site; demo_not_found: the site has no EnableX demos, or EnableX does not know this meeting.'),
    422: json(ErrorSchema, 'validation_failed: not an EnableX demo id.'),
    502: json(ErrorSchema, 'enablex_unavailable: EnableX failed; try again.'),
  },
});

export const lobby = createRouter().openapi(route, async (c) => {
  const customer = await requireCustomer(c);
  const { event_id } = c.req.valid('param');
  const options = enablexOptionsFor(c);
  if (!options || !c.var.site.enablex) throw new ApiError(404, 'demo_not_found', 'This site has no video meeting demos.');
  const meetingId = meetingIdOf(event_id);
  const seat = await seatsOf(c.env, c.var.site.enablex.appType, meetingId).count(seatHolder(c.var.site.seller, customer.user_id));
  if (!seat.mine) throw new ApiError(403, 'not_booked', 'Book this demo to see its waiting room.');
  c.header('Cache-Control', 'private, no-store');
  const client = new EnablexClient(options);
  const { lobby: content } = await withRetries(() => client.getLobby(meetingId), transient, READ_RETRY).catch((error: unknown) => {
    throw customerFacing(error);
  });
  const usable = (url: string) => usableUrl(url, c.var.config.localDemo);
  const { options: shown } = content;
  return c.json(
    {
      event_id,
      messages: shown.message ? content.message.map((m) => m.text).filter(Boolean) : [],
      images: shown.image
        ? content.image.flatMap((i) => (usable(i.url) ? [{ url: i.url, ...(i.caption ? { caption: i.caption } : {}) }] : []))
        : [],
      audio: (shown.audio && content.audio.map((a) => a.url).find(usable)) || null,
      video: (shown.video && content.video.map((v) => v.url).find(usable)) || null,
    },
    200,
  );
});

function usableUrl(raw: string, localDemo: boolean): boolean {
  if (raw.length > 2048 || !URL.canParse(raw)) return false;
  const url = new URL(raw);
  return url.protocol === 'https:' || (localDemo && url.protocol === 'http:' && isLoopback(url));
}
