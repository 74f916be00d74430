// `npm run lint:openapi`: dumps the worker's /openapi.json (the document outside tools read)
// and lints it with Redocly (rules in redocly.yaml). Exits non-zero on any error.
//   tsx scripts/openapi.ts [out.json]   (default dist/openapi.json; dist/ is git-ignored)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The worker's Durable Object classes extend `cloudflare:workers`, which only workerd provides.
// Generating the document runs no Durable Object, so an empty stand-in is enough here.
const stub = 'export class DurableObject {} export class WorkerEntrypoint {} export const env = {};';
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === 'cloudflare:workers') return { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(stub)}`)}, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(root, process.argv[2] ?? 'dist/openapi.json');
// Imported by URL so that tsc does not check the worker here: it is type-checked with the
// worker's own types (worker/tsconfig.json), which this Node project does not load.
const entry = new URL('../worker/src/index.ts', import.meta.url).href;
const { default: app } = (await import(entry)) as { default: { request(url: string): Promise<Response> } };
// The origin a local `wrangler dev` listens on: the document names the server it was fetched from.
const response = await app.request('http://127.0.0.1:8787/openapi.json');
if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(await response.json(), null, 2) + '\n');

const lint = spawnSync(`${root}node_modules/.bin/redocly`, ['lint', out, '--config', `${root}redocly.yaml`], {
  cwd: root,
  stdio: 'inherit',
  // Offline and quiet: no usage telemetry, no update check.
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
process.exit(lint.status ?? 1);
