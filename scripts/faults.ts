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
rate limiter object, the Cache API, and on the 10times side the queue and the site's outbox
(*lost*: a registration Popin confirmed that never reaches 10times; *duplicated*: one registered
with 10times twice). The queue consumer claims and settles a batch's messages of one site in one
outbox call each (issue #15): the batch rows check that one failed 10times call is retried alone
and that a restart between the claim and the settle neither loses nor repeats a registration.

## How a booking reaches Popin (one round trip on the happy path, issue #15)

Each customer's bookings and cancellations run one at a time in their \`CustomerBookings\`
object (\`worker/src/bookings/customer-bookings.ts\`). It no longer reads the customer's slots
from Popin before every write. It keeps what it *knows* of their Popin registrations:

1. **Where knowledge comes from**: a definite answer only. Its own read of the customer's slots;
   the read the widget made just before booking (GET slots with the customer's token hands
   \`registeredEvents\` to the object, which takes it only when nothing runs there and no write
   of its own started or ended within 60 s of that read); or Popin's 200 to its own register or
   cancel. It is trusted for 10 minutes, without events the general list no longer has.
2. **Before every write** to Popin the knowledge is deleted (in the object's storage, before the
   call). A write that ends without an answer (timeout, lost answer, 5xx, the object restarted)
   leaves the object not knowing, so the next attempt reads first, as every attempt did before:
   a retry finds a registration that went through and does not register again.
3. **The event** is checked against the site's shared general list (no Popin call while it is
   fresh) instead of the customer's own list.
4. **Refusals are confirmed**: "already registered" and the cap's 409 are answered only after a
   fresh read, so a customer is never told they are booked from memory alone.
5. **EnableX demos** (string ids) are seats in the meeting's seat store, mirrored in the same
   object: the cap adds them to the Popin registrations. An EnableX booking takes the Popin count
   from what the object knows, and reads when it does not know (after a write that ended without
   an answer) or when the count would refuse. The "EnableX seat after a lost Popin answer" row
   checks that the lost registration is counted before a seat is given.

So on the widget's path (page loads the general list, customer sees their slots, books) a
booking costs Popin one call, register; a cancellation one call, cancel. The rows marked "one
round trip" run that path with Popin failing on the write. The remaining risk is outside these
rows: a registration made behind the worker's back (e.g. in Popin's own admin) within the 10
minutes is not seen, so Popin may be asked to register it again (the simulator counts that as a
duplicate; none of these scenarios does it).

${table}

${summary}
`,
);
process.exit(passed && lost === 0 && duplicated === 0 && rows.length > 0 ? 0 : 1);
