import { Hono } from 'hono';
import { html } from 'hono/html';
import { readConfig } from '../config';
import type { AppEnv } from '../env';
import { resolveSite } from '../sites/store';

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/**
 * GET /s/{site}: the shareable general-slots page a seller can send to any customer.
 * One small HTML document with the site's title and the widget, served from the worker's
 * own origin (which the API always allows for its own pages).
 */
export const sharePage = new Hono<AppEnv>().get('/s/:site', async (c) => {
  // SITES first, then the console's site directory.
  const site = (await resolveSite(c.env, readConfig(c.env), c.req.param('site')))?.site;
  // A site with Turnstile needs its script and challenge frame (the widget renders them).
  const turnstile = site?.turnstile ? ` ${TURNSTILE_ORIGIN}` : '';
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'self'${turnstile}; frame-src${turnstile || " 'none'"}; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  c.header('Referrer-Policy', 'no-referrer');
  if (!site) {
    c.header('Cache-Control', 'no-store');
    return c.html(
      page(
        'Demo not found',
        html`<main class="card">
          <h1>We couldn't find this demo page</h1>
          <p>The link may be mistyped or no longer in use. Please ask the seller for a new link.</p>
        </main>`,
      ),
      404,
    );
  }
  c.header('Cache-Control', 'public, max-age=60');
  c.header('Vary', 'Accept-Language');
  const lang = widgetLanguage(c.req.query('lang'), c.req.header('Accept-Language'));
  return c.html(
    page(
      `Live demos · ${site.title}`,
      html`<main>
          <header>
            <p class="eyebrow">Live product demos</p>
            <h1>${site.title}</h1>
            <p class="lede">Pick a time, leave your mobile number, and join the demo from your phone or computer.</p>
          </header>
          <popin-booking site="${site.id}"${lang ? html` lang="${lang}"` : ''}${prefill(c.req.query())}></popin-booking>
        </main>
        <script type="module" src="/widget.js"></script>`,
      `Pick a time for a live product demo of ${site.title} and join it from your phone or computer.`,
    ),
  );
});

/**
 * ?name=…&mobile=…&country=… prefill the form, like the element's attributes (bounded like the
 * sign-up's fields; escaped by hono/html). utm_* stay in the page's URL, where the widget reads them.
 */
function prefill(query: Record<string, string>) {
  const name = query.name?.trim().slice(0, 100);
  const mobile = query.mobile?.trim().slice(0, 40);
  const country = /^[A-Za-z]{2}$/.test(query.country ?? '') ? query.country!.toUpperCase() : undefined;
  return html`${name ? html` name="${name}"` : ''}${mobile ? html` mobile="${mobile}"` : ''}${country ? html` country="${country}"` : ''}`;
}

/** The languages the widget ships besides English (widget/src/i18n). */
const WIDGET_LANGUAGES = new Set(['hi', 'es', 'fr', 'de', 'pt', 'ar']);

/**
 * The widget's language on this page, which is sent to customers of any language: `?lang=`, else
 * the browser's preference (Accept-Language, by weight) among the shipped languages. Set on the
 * element, because the page's own English text keeps `<html lang="en">`, which the widget would
 * otherwise inherit. Undefined: English.
 */
export function widgetLanguage(query: string | undefined, acceptLanguage: string | undefined): string | undefined {
  const ranked = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const tag of [query?.toLowerCase(), ...ranked.map(({ tag }) => tag)]) {
    if (!tag) continue;
    const base = tag.split('-')[0]!;
    if (base === 'en') return undefined;
    if (WIDGET_LANGUAGES.has(base)) return base;
  }
  return undefined;
}

/** A calendar mark as the page icon, inline (img-src allows data:): no /favicon.ico request, no 404 in the console. */
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Crect x='2' y='4' width='20' height='18' rx='3' fill='%234f46e5'/%3E%3Cpath d='M2 9h20M8 2v4M16 2v4' stroke='%23fff' stroke-width='2'/%3E%3C/svg%3E";

function page(title: string, body: ReturnType<typeof html>, description = 'Book a live product demo.') {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="robots" content="noindex" />
        <meta name="description" content="${description}" />
        <link rel="icon" href="${ICON}" />
        <title>${title}</title>
        <style>
          :root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
          body { margin: 0; background: Canvas; color: CanvasText; }
          main { box-sizing: border-box; max-width: 40rem; margin: 0 auto; padding: 2rem 1rem 3rem; }
          header { margin-bottom: 1.5rem; }
          h1 { font-size: 1.75rem; line-height: 1.2; margin: 0.25rem 0 0.5rem; }
          .eyebrow { margin: 0; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; opacity: 0.75; }
          .lede { margin: 0; opacity: 0.8; }
          popin-booking { display: block; min-height: 16rem; }
          .card { text-align: center; padding-top: 4rem; }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}
