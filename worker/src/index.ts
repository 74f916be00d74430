import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors';
import { matchedRoute, rateLimit } from './middleware/rate-limit';
import { siteMiddleware } from './middleware/site';
import { customers } from './routes/customers';
import { registrations } from './routes/registrations';
import { lobby } from './routes/lobby';
import { sharePage } from './routes/share-page';
import { createRouter } from './routes/router';
import { slots } from './routes/slots';
import { system } from './routes/system';
import { widgetAssets } from './routes/widget-assets';
import { consolePage } from './routes/console-page';
import { tentimesRoutes } from './routes/tentimes';
import { hooks } from './routes/hooks';
import { admin } from './routes/admin';
import { handleTentimesBatch } from './tentimes/queue';
import { mountConsoleApi } from './console';
import { refuseWhilePaused } from './sites/pause';
import type { Bindings } from './env';

/** Request bodies are tiny JSON objects; anything larger is refused before it is parsed. */
const MAX_BODY_BYTES = 16 * 1024;

const app = createRouter();

// The site first (unknown site, refused origin, CORS grant), so every later error reaches the page.
app.use(
  '/v1/sites/:site/*',
  siteMiddleware,
  // A paused site refuses sign-ups and bookings before they cost a rate-limit or Popin call.
  refuseWhilePaused,
  rateLimit,
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    },
  }),
);

app.route('/', slots);
app.route('/', customers);
app.route('/', registrations);
app.route('/', lobby);
app.route('/', system);
app.route('/', tentimesRoutes);
app.route('/', hooks);
app.route('/', admin);
mountConsoleApi(app);
app.route('/', widgetAssets);
app.route('/', sharePage);
app.route('/', consolePage);

app.openAPIRegistry.registerComponent('securitySchemes', 'customerToken', {
  type: 'http',
  scheme: 'bearer',
  description: 'The token returned by POST /v1/sites/{site}/customers.',
});
// The server is the origin the document was fetched from: tools run against that very worker.
app.doc31('/openapi.json', (c) => ({
  openapi: '3.1.0',
  servers: [{ url: new URL(c.req.url).origin, description: 'This worker' }],
  info: {
    title: 'popin-booking API',
    version: '1.0.0',
    description: 'Book, join and cancel live product demos. The backend of the <popin-booking> widget.',
  },
}));

// The path is echoed without a webhook secret in it (a GET to the webhook URL, say) and bounded.
const shownPath = (c: Context) => new URL(c.req.url).pathname.replace(/\/hooks\/10times\/[^/]*/, '/hooks/10times/{secret}').slice(0, 200);
app.notFound((c) => c.json({ message: `Nothing here: ${c.req.method} ${shownPath(c)}.`, code: 'not_found' }, 404));

/**
 * What a log line says about the request: the route pattern, never the path, which may hold a
 * secret (the 10times webhook's) or a customer's data.
 */
const logRoute = (c: Context) => `${c.req.method} ${matchedRoute(c) ?? '(no route)'}`;

app.onError((error, c) => {
  if (error instanceof ApiError) {
    if (error.status >= 500) console.error(`${logRoute(c)}: ${error.code}: ${error.message}`);
    return c.json(error.toBody(), error.status, error.headers);
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's validators throw these before our schemas run: a body that is not JSON, or not sent as JSON.
    const unsupported = error.status === 415;
    return c.json(
      unsupported
        ? { message: 'Send the body as JSON with Content-Type: application/json.', code: 'unsupported_media_type' }
        : { message: 'The request body is not valid JSON.', code: 'invalid_json' },
      unsupported ? 415 : 400,
    );
  }
  // Only the name and message: never a stack trace, and nothing from the env.
  console.error(`${logRoute(c)}: unexpected ${error.name}: ${error.message}`);
  return c.json({ message: 'Something went wrong on our side. Please try again.', code: 'internal_error' }, 500);
});

// Durable Object classes (wrangler.jsonc durable_objects): main-module exports must be classes or handlers.
export { CustomerBookings } from './bookings/customer-bookings';
export { RateLimiter } from './limits/rate-limiter';
// 10times: the outbox Durable Object and the queue consumers (tentimes/queue.ts).
export { TentimesOutbox } from './tentimes/outbox';
// The seller console: the site directory and each site's bookings ledger (README "Seller console").
export { SiteDirectory } from './sites/directory';
export { SiteLedger } from './ledger/ledger';
export { EnablexSeats } from './enablex/seats';
// The one refresher of each site's general slots list (issue #15).
export { GeneralSlotsRefresher } from './popin/refresher';
// The app stays the default export (tests call app.request); workerd finds `queue` on it.
const queue: ExportedHandlerQueueHandler<Bindings> = (batch, env) => handleTentimesBatch(batch, env);
export default Object.assign(app, { queue });
