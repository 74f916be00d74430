// `npm run queues:retention`: sets the 10times queue's message retention to the value the worker
// is configured with (wrangler.jsonc vars.TENTIMES_QUEUE_RETENTION_SECONDS), so the two agree.
// Run once per account, and again whenever the value changes. Needs `wrangler login`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = readFileSync(`${root}worker/wrangler.jsonc`, 'utf8');
const seconds = /"TENTIMES_QUEUE_RETENTION_SECONDS":\s*"(\d+)"/.exec(config)?.[1];
if (!seconds) throw new Error('worker/wrangler.jsonc has no vars.TENTIMES_QUEUE_RETENTION_SECONDS');
const run = spawnSync(
  `${root}node_modules/.bin/wrangler`,
  ['queues', 'update', 'popin-booking-tentimes', '--message-retention-period-secs', seconds],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
