// Web Test Runner: the widget's tests in Chromium, against the REAL worker (wrangler dev)
// and the Popin simulator, started once for the run by the `popin-stack` plugin below.
// Tests reach the stack through server commands (executeServerCommand):
//   stack-info → { workerUrl }, sim-reset, sim-faults { latencyMs?, failures? }, sim-requests,
//   sim-demos { n } (site demo's seller with n upcoming demos),
//   console { method, path, body? } (the console API of site demo, signed in with its local key),
//   emulate-timezone <IANA zone> (the customer's clock; '' for the machine's),
//   enablex-reset (seeded meetings and the demo lobbies), enablex-clock { now?, advanceMs? },
//   enablex-meeting { meeting_id, participants } (a seller changing a meeting's size).
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';

const { CHROMIUM_ARGS, CHROMIUM_PATH } = await tsImport('./test/chromium.ts', import.meta.url);
const { CONSOLE_KEY } = await tsImport('./test/e2e/console-keys.ts', import.meta.url);

// WTR_PORT lets a second run (another checkout) share the machine.
const PORT = Number(process.env.WTR_PORT ?? 8765);
const ORIGINS = [`http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`];

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
function popinStack() {
  /** @type {{ workerUrl: string; simulator: any; stop(): Promise<void> } | undefined} */
  let stack;
  return {
    name: 'popin-stack',
    async serverStart() {
      // The worker serves dist/widget and dist/console; build them once if this checkout has none yet.
      if (!existsSync('dist/widget/widget.js') || !existsSync('dist/console/assets/console.js')) {
        const { build } = await import('vite');
        await build({ logLevel: 'warn' });
      }
      const { startStack } = await tsImport('./demo/stack.ts', import.meta.url);
      stack = await startStack({
        workerPort: 0,
        simulatorPort: 0,
        demoPort: false,
        extraOrigins: ORIGINS,
        // These tests inject slot faults and expect to see them (no shared or stale list), and
        // send every request from one address (limits are tested in test/worker).
        siteSettings: {
          slotsCacheSeconds: 0,
          limits: { customersPerMinute: 10_000, registrationsPerMinute: 10_000, slotsPerMinute: 10_000, activeRegistrations: 5 },
        },
      });
    },
    async serverStop() {
      await stack?.stop();
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'emulate-timezone') {
        // The customer's time zone (CDP Emulation.setTimezoneOverride); '' goes back to the machine's.
        const page = /** @type {any} */ (session.browser).getPage(session.id);
        await page.emulateTimezone(/** @type {string} */ (payload) || undefined);
        return true;
      }
      if (!stack) return undefined;
      const sim = stack.simulator;
      switch (command) {
        case 'stack-info':
          return { workerUrl: stack.workerUrl };
        case 'sim-reset':
          sim.reset();
          stack.tentimes.reset();
          return true;
        case 'tentimes-registrations':
          return stack.tentimes.registrations.map((/** @type {{ event: number; attendee: unknown; floorLink: string }} */ r) => ({
            event: r.event,
            attendee: r.attendee,
            floorLink: r.floorLink,
          }));
        case 'sim-demos': {
          // N upcoming demos of 15 minutes, an hour apart, for site demo's seller (sim-reset brings the seeded ones back).
          const { n } = /** @type {{ n: number }} */ (payload);
          const seller = sim.state.sellers.get('seller-demo');
          const first = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000;
          seller.isDefault = false;
          seller.events = Array.from({ length: n }, (_, i) => ({
            id: 60_000 + i,
            name: `Product demo ${i + 1}`,
            room: `long-list-${i}`,
            start: new Date(first + i * 3_600_000),
            end: new Date(first + i * 3_600_000 + 900_000),
          }));
          return true;
        }
        case 'sim-faults': {
          const { latencyMs, failures } = /** @type {{ latencyMs?: number; failures?: unknown[] }} */ (payload ?? {});
          if (latencyMs !== undefined) sim.faults.latencyMs = latencyMs;
          if (failures) sim.faults.inject(...failures);
          return true;
        }
        case 'console': {
          // The seller console's API, as the console page calls it (same origin, session cookie):
          // what a seller does there (pause, set up PGi) and the widget then shows.
          const { site = 'demo', method = 'GET', path = '', body } = /** @type {{ site?: string; method?: string; path?: string; body?: unknown }} */ (payload ?? {});
          const origin = stack.workerUrl;
          const headers = { Origin: origin, 'Content-Type': 'application/json' };
          const session = await fetch(`${origin}/console/v1/session`, { method: 'POST', headers, body: JSON.stringify({ site, key: CONSOLE_KEY(site) }) });
          if (!session.ok) throw new Error(`console sign-in for ${site}: ${session.status} ${await session.text()}`);
          const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
          const response = await fetch(`${origin}/console/v1/sites/${site}${path}`, {
            method,
            headers: { ...headers, Cookie: cookie },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: response.status, body: response.status === 204 ? null : await response.json() };
        }
        case 'enablex-reset':
          await stack.resetEnablex();
          return true;
        case 'enablex-clock': {
          const { now, advanceMs } = /** @type {{ now?: string; advanceMs?: number }} */ (payload ?? {});
          if (now) stack.enablex.clock.set(new Date(now));
          if (advanceMs) stack.enablex.clock.advance(advanceMs);
          return { now: stack.enablex.clock.now().toISOString() };
        }
        case 'enablex-meeting': {
          const { meeting_id, participants } = /** @type {{ meeting_id: string; participants: number }} */ (payload ?? {});
          const meeting = stack.enablex.state.meetings.get(meeting_id);
          if (!meeting) return false;
          meeting.participants = participants;
          return { start: meeting.start, duration: meeting.duration };
        }
        case 'sim-requests':
          return sim.requests.map((/** @type {{ method: string; path: string; body: unknown }} */ r) => ({
            method: r.method,
            path: r.path,
            body: r.body,
          }));
        default:
          return undefined;
      }
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/widget/**/*.test.ts'],
  port: PORT,
  hostname: 'localhost',
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), popinStack()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: ['--headless', ...CHROMIUM_ARGS],
      },
    }),
  ],
};
