import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end: Node drives Debian's Chromium (playwright-core) through the demo page and the
// real worker (wrangler dev) to the Popin simulator. One stack for the whole run.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
