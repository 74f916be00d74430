// The demo seller page twice, served the same way from one local server so that only the
// widget differs: /with-widget is demo/shop/index.html as a seller would publish it, /plain
// is the same page with the script tag and the <popin-booking> element taken out, /with-hints
// adds the README's preconnect and modulepreload lines to /with-widget's <head>.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SellerPages {
  origin: string;
  plainUrl: string;
  withWidgetUrl: string;
  /** The widget page with the lines the README offers sellers for their <head>: preconnect and modulepreload. */
  withHintsUrl: string;
  /** The worker the widget is loaded from; known only once the stack runs. */
  setWorkerUrl(url: string): void;
  close(): Promise<void>;
}

const SHOP_PAGE = readFileSync(new URL('../../demo/shop/index.html', import.meta.url), 'utf8');
const WIDGET_TAGS = [/\s*<script type="module" src="\{\{WORKER_URL\}\}\/widget\.js"><\/script>/, /\s*<popin-booking[^>]*><\/popin-booking>/];

export function plainPage(html: string): string {
  let plain = html;
  for (const tag of WIDGET_TAGS) {
    if (!tag.test(plain)) throw new Error(`demo/shop/index.html no longer matches ${tag}: update seller-pages.ts`);
    plain = plain.replace(tag, '');
  }
  return plain;
}

/** What the README suggests a seller may add to their page's <head>. */
export const HINTS = `<link rel="preconnect" href="{{WORKER_URL}}" crossorigin />
    <link rel="modulepreload" href="{{WORKER_URL}}/widget.js" />`;

export function hintedPage(html: string): string {
  if (!html.includes('</head>')) throw new Error('demo/shop/index.html has no </head>: update seller-pages.ts');
  return html.replace('</head>', `  ${HINTS}\n  </head>`);
}

export async function startSellerPages(): Promise<SellerPages> {
  let workerUrl = '';
  const plain = plainPage(SHOP_PAGE);
  const hinted = hintedPage(SHOP_PAGE);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const html =
      path === '/plain'
        ? plain
        : path === '/with-widget'
          ? SHOP_PAGE.replaceAll('{{WORKER_URL}}', workerUrl)
          : path === '/with-hints'
            ? hinted.replaceAll('{{WORKER_URL}}', workerUrl)
            : undefined;
    if (html === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    plainUrl: `${origin}/plain`,
    withWidgetUrl: `${origin}/with-widget`,
    withHintsUrl: `${origin}/with-hints`,
    setWorkerUrl: (url) => (workerUrl = url),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
