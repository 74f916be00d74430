// `npm run faults`: runs the fault matrix (test/worker/faults.test.ts, inside workerd against
// the Popin simulator's failure switches), prints it as a table and writes FAULTS.md.
// Exits non-zero when a scenario fails or loses or duplicates a registration.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Row {
  scenario: string;
  requests: number;
  outcome: string;
  lost: number;
  duplicated: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const run = spawnSync(
  `${root}node_modules/.bin/vitest`,
  ['run', '--config', 'worker/vitest.config.ts', 'test/worker/faults.test.ts'],
  { cwd: root, encoding: 'utf8', timeout: 300_000, env: { ...process.env, FORCE_COLOR: '0' } },
);
// Without colour codes, whatever the terminal.
const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
const rows: Row[] = [...output.matchAll(/FAULT-ROW (\{.*\})/g)].map((match) => JSON.parse(match[1]!) as Row);
const passed = run.status === 0 && /Tests\s+\d+ passed/.test(output) && !/Tests\s+\d+ failed/.test(output);

const header = ['Scenario', 'Requests sent', 'Outcome (what the widget gets)', 'Registrations lost', 'Registrations duplicated'];
const table = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.scenario} | ${row.requests} | ${row.outcome} | ${row.lost} | ${row.duplicated} |`),
].join('\n');
const lost = rows.reduce((sum, row) => sum + row.lost, 0);
const duplicated = rows.reduce((sum, row) => sum + row.duplicated, 0);
const summary = `${rows.length} scenarios, ${lost} registrations lost, ${duplicated} duplicated; test run ${passed ? 'passed' : 'FAILED'}.`;

console.log(`${table}\n\n${summary}`);
if (!passed) console.error(output.slice(-4000));

writeFileSync(
  `${root}FAULTS.md`,
  `# Fault matrix: latest run

Written by \`npm run faults\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Each scenario books a demo the way
the widget does (one \`Idempotency-Key\` per attempt, the same key when it repeats a request)
while the Popin simulator misbehaves, inside workerd (\`test/worker/faults.test.ts\`, where each
step's status, code and message are asserted). *Lost*: confirmed to the customer but missing in
Popin. *Duplicated*: Popin asked to register what it already had. Test timeouts: reads 300 ms,
writes 500 ms.

The rows after the Popin ones break the services around a booking: Turnstile's siteverify (for
sign-ups, *lost* is a sign-up confirmed without a Popin lead, *duplicated* a second lead), the
rate limiter object, the Cache API, and on the 10times side the queue (*lost*: a registration
Popin confirmed that never reaches 10times; *duplicated*: one registered with 10times twice).

${table}

${summary}
`,
);
process.exit(passed && lost === 0 && duplicated === 0 && rows.length > 0 ? 0 : 1);
