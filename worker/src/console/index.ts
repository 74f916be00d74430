import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { createRouter } from '../routes/router';
import { consoleGuard, isLobbyUpload } from './auth';
import { LOBBY_LIMITS } from './enablex-schemas';
import { enablexRoutes } from './routes-enablex';
import { ledgerRoutes } from './routes-ledger';
import { pgiRoutes } from './routes-pgi';
import { sessionRoutes } from './routes-session';
import { siteRoutes } from './routes-sites';

/** Console request bodies are small JSON objects too. */
const MAX_BODY_BYTES = 16 * 1024;

/** The seller console's API, /console/v1 (README "Seller console"). The page at /console is the UI's. */
export function mountConsoleApi(app: OpenAPIHono<AppEnv>): void {
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`);
    },
  });
  // A lobby upload (images, one .mp3) has its own, larger limit; every other body stays at 16 KB.
  const uploadLimit = bodyLimit({
    maxSize: LOBBY_LIMITS.bodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The upload is larger than ${LOBBY_LIMITS.bodyBytes / 1024 / 1024} MB. Use smaller images or a shorter audio file.`);
    },
  });
  app.use('/console/v1/*', consoleGuard, (c, next) => (isLobbyUpload(c.req.method, c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)));
  const api = createRouter();
  api.route('/', sessionRoutes);
  api.route('/', siteRoutes);
  api.route('/', ledgerRoutes);
  api.route('/', pgiRoutes);
  api.route('/', enablexRoutes);
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
