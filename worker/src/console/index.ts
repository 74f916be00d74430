import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { createRouter } from '../routes/router';
import { consoleGuard } from './auth';
import { ledgerRoutes } from './routes-ledger';
import { pgiRoutes } from './routes-pgi';
import { sessionRoutes } from './routes-session';
import { siteRoutes } from './routes-sites';

/** Console request bodies are small JSON objects too. */
const MAX_BODY_BYTES = 16 * 1024;

/** The seller console's API, /console/v1 (README "Seller console"). The page at /console is the UI's. */
export function mountConsoleApi(app: OpenAPIHono<AppEnv>): void {
  app.use(
    '/console/v1/*',
    consoleGuard,
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
      },
    }),
  );
  const api = createRouter();
  api.route('/', sessionRoutes);
  api.route('/', siteRoutes);
  api.route('/', ledgerRoutes);
  api.route('/', pgiRoutes);
  app.route('/', api);
  app.openAPIRegistry.registerComponent('securitySchemes', 'consoleSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'popin_console',
    description: 'The session cookie set by POST /console/v1/session (HttpOnly; send it with the worker\'s own Origin on changes).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'consoleKey', {
    type: 'http',
    scheme: 'bearer',
    description: "The site's console key, or the operator's ADMIN_SECRET.",
  });
}
