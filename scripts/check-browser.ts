// First step of `npm test`: the widget and end-to-end tests need a Chromium. Find one (CHROME_PATH,
// else Debian's /usr/bin/chromium, as test/chromium.ts launches it) and check that it starts,
// before any test runs; otherwise say at once how to get one and stop.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { CHROMIUM_PATH } from '../test/chromium';

function fail(reason: string): never {
  console.error(`npm test needs Chromium for the widget and end-to-end tests: ${reason}.

  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium   (about 30 s; gives /usr/bin/chromium)
  Any other:      CHROME_PATH=/path/to/chrome-or-chromium npm test
  CI:             .ci/run installs it when missing, then runs npm test.

Nothing was run. (npm run test:worker runs the worker tests alone, without a browser.)`);
  process.exit(1);
}

try {
  accessSync(CHROMIUM_PATH, constants.X_OK);
} catch {
  fail(`${CHROMIUM_PATH} ${process.env.CHROME_PATH ? '(CHROME_PATH)' : ''} is missing or not executable`.replace('  ', ' '));
}
try {
  const version = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  console.log(`Browser for the tests: ${version} (${CHROMIUM_PATH})`);
} catch (error) {
  fail(`${CHROMIUM_PATH} does not start (${(error as Error).message.split('\n')[0]})`);
}
