// The host pages of test/e2e/host-pages.test.ts: seller pages built the ways sellers build them
// (a strict CSP, another Lit, dir=rtl, React 19, Vue 3), served on loopback with their
// Content-Security-Policy as an HTTP header. The React and Vue apps and the Lit 2 component are
// bundled once at start with esbuild (production builds, as a seller ships them).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { Hono } from 'hono';
import { compileTemplate } from 'vue/compiler-sfc';
import { serveLocal, type LocalServer } from '../../../demo/local-server';
import { hostPagePolicy, type CspVariant } from './csp';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const read = (file: string) => readFileSync(here(file), 'utf8');

export const PAGES = ['strict-csp', 'rtl', 'other-lit', 'react', 'vue'] as const;
export type HostPage = (typeof PAGES)[number];

/** The Vue template compiled as @vitejs/plugin-vue does, with popin-booking a custom element. */
const vueTemplate: Plugin = {
  name: 'vue-template',
  setup(b) {
    b.onResolve({ filter: /^virtual:vue-template$/ }, () => ({ path: 'vue-template', namespace: 'vue-template' }));
    b.onLoad({ filter: /.*/, namespace: 'vue-template' }, () => {
      const { code, errors } = compileTemplate({
        id: 'host-page',
        filename: 'vue-template.html',
        source: read('vue-template.html'),
        compilerOptions: { isCustomElement: (tag) => tag === 'popin-booking' },
      });
      if (errors.length) throw new Error(`vue-template.html: ${errors.join('; ')}`);
      return { contents: code, loader: 'js', resolveDir: here('.') };
    });
  },
};

async function bundle(entry: string, plugins: Plugin[] = []): Promise<string> {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    jsx: 'automatic',
    plugins,
    // Production builds, as shipped: no dev-mode warnings, and the React/Vue production paths.
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface HostPages extends LocalServer {
  /** The worker the pages load the widget from (known only once the stack has started). */
  workerUrl: string;
}

export async function serveHostPages(): Promise<HostPages> {
  const scripts: Record<string, string> = {
    'page.js': read('page.js'),
    'other-lit.js': await bundle('other-lit.ts'),
    'react-app.js': await bundle('react-app.tsx'),
    'vue-app.js': await bundle('vue-app.ts', [vueTemplate]),
  };
  const pages = Object.fromEntries(PAGES.map((name) => [name, read(`${name}.html`)]));
  const state = { workerUrl: '' };

  const app = new Hono();
  app.get('/page.css', (c) => c.body(read('page.css'), 200, { 'Content-Type': 'text/css' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/:file{.+\\.js}', (c) => {
    const body = scripts[c.req.param('file')];
    return body === undefined ? c.notFound() : c.body(body, 200, { 'Content-Type': 'text/javascript' });
  });
  app.get('/:page{.+\\.html}', (c) => {
    const page = pages[c.req.param('page').replace(/\.html$/, '')];
    if (!page) return c.notFound();
    const nonce = randomBytes(16).toString('base64');
    const variant = (c.req.query('csp') ?? 'allowlist') as CspVariant;
    c.header('Content-Security-Policy', hostPagePolicy(variant, state.workerUrl, nonce));
    return c.html(page.replaceAll('{{WORKER_URL}}', state.workerUrl).replaceAll('{{NONCE}}', nonce));
  });

  const server = await serveLocal(app.fetch, { port: 0, name: 'Host pages' });
  return {
    ...server,
    get workerUrl() {
      return state.workerUrl;
    },
    set workerUrl(url: string) {
      state.workerUrl = url;
    },
  };
}
