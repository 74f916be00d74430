import { Hono } from 'hono';
import type { AppEnv } from '../env';

/**
 * GET /console: the seller console's HTML shell, and GET /console/assets/*: its script
 * (dist/console/assets, built by the console pass of vite.config.ts, bound as ASSETS with the
 * widget). The console's API is /console/v1 (routes/console-*.ts).
 *
 * The page holds a session cookie and shows customers' details, so its policy is strict: only
 * scripts from this origin, no inline script or style, no eval, no framing, requests only to
 * this origin. Lit's styles are constructed stylesheets, which style-src does not govern.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SHELL = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="robots" content="noindex" />
    <title>Popin console</title>
    <!-- No icon to fetch: the browser would ask /favicon.ico otherwise. -->
    <link rel="icon" href="data:," />
    <script type="module" src="/console/assets/console.js"></script>
  </head>
  <body>
    <popin-console></popin-console>
    <noscript>The Popin console needs JavaScript. Turn it on for this page, then reload.</noscript>
  </body>
</html>
`;

export const consolePage = new Hono<AppEnv>()
  .get('/console', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    // The shell names console.js without a hash: always ask again, so a deploy shows at once.
    c.header('Cache-Control', 'no-cache');
    return c.html(SHELL);
  })
  .get('/console/assets/:file{[A-Za-z0-9_-]+\\.js}', async (c) => {
    const file = c.req.param('file');
    const asset = await c.env.ASSETS.fetch(new Request(new URL(`/console/assets/${file}`, c.req.url), c.req.raw));
    if (!asset.ok) return asset.status === 404 ? c.json({ message: `Nothing here: GET /console/assets/${file}.`, code: 'not_found' }, 404) : asset;
    const response = new Response(asset.body, asset);
    // The entry keeps its name (revalidated each time); every other file is content-hashed.
    response.headers.set('Cache-Control', file === 'console.js' ? 'no-cache' : 'public, max-age=31536000, immutable');
    response.headers.set('Content-Type', 'text/javascript; charset=utf-8');
    response.headers.set('X-Content-Type-Options', 'nosniff');
    return response;
  });
