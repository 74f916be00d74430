import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { TEST_BINDINGS } from '../test/worker/bindings.ts';

// Worker tests run inside workerd with the real wrangler config; Popin is the simulator
// (demo/popin-simulator), answering the worker's outbound fetches in the same isolate.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: fileURLToPath(new URL('./wrangler.jsonc', import.meta.url)) },
      miniflare: { bindings: { ...TEST_BINDINGS } },
    }),
  ],
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/worker/**/*.test.ts'],
    // The first test of a file also starts its workerd isolate (about 4 s on this machine).
    testTimeout: 20_000,
    // Cases per fast-check property (test/worker/properties.test.ts); FC_RUNS=200 for a quick run.
    provide: { fcRuns: Number(process.env.FC_RUNS ?? 10_000) },
  },
});
