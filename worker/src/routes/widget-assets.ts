import { Hono } from 'hono';
import type { AppEnv } from '../env';

/**
 * The built widget (dist/widget; ASSETS is dist/, which holds the console too, under
 * console/: see routes/console-page.ts). The public URLs stay what sellers paste:
 * /widget.js, /chunks/*, /custom-elements.json map to widget/… in the assets. A seller's page loads it with
 * `<script type="module">`, which browsers fetch in CORS mode, so it is readable by any
 * origin; it holds no secrets. The entry keeps one URL and a short cache so sellers get
 * fixes within minutes; its lazily loaded chunks have content hashes and never change.
 * custom-elements.json (the element's manifest, generated at build time) is for editors
 * and catalogues.
 */
export const widgetAssets = new Hono<AppEnv>()
  .get('/widget.js', (c) => serveAsset(c.env.ASSETS, c.req.raw, 'public, max-age=300, stale-while-revalidate=86400'))
  .get('/chunks/:file{[A-Za-z0-9_.-]+\\.js}', (c) =>
    serveAsset(c.env.ASSETS, c.req.raw, 'public, max-age=31536000, immutable'),
  )
  .get('/custom-elements.json', (c) =>
    serveAsset(c.env.ASSETS, c.req.raw, 'public, max-age=300', 'application/json; charset=utf-8'),
  );

async function serveAsset(assets: Fetcher, request: Request, cacheControl: string, type = 'text/javascript; charset=utf-8'): Promise<Response> {
  const asset = await assets.fetch(new Request(new URL(`/widget${new URL(request.url).pathname}`, request.url), request));
  if (!asset.ok) return asset;
  const response = new Response(asset.body, asset);
  response.headers.set('Access-Control-Allow-Origin', '*');
  // The seller's page may time what the widget costs it (its own RUM, Lighthouse): without this
  // header a cross-origin file's sizes and phases read as zero in its resource timing.
  response.headers.set('Timing-Allow-Origin', '*');
  response.headers.set('Cache-Control', cacheControl);
  response.headers.set('Content-Type', type);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  return response;
}
