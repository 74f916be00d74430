import { defineConfig } from 'vite';
import { minifyLitLiterals } from './scripts/minify-literals';

/**
 * Each lazily imported module and the name of its chunk: chunks/<name>-<hash>.js. The size
 * budgets in package.json ("sizeBudgets") use the same names.
 */
const CHUNK_NAMES: Record<string, string> = {
  'list/slot-list.ts': 'list',
  'account/account.ts': 'account',
  'booking/booking-form.ts': 'booking',
  'booking/phone.ts': 'phone',
  'booking/human-check.ts': 'turnstile',
  'tentimes/tentimes.ts': 'tentimes',
  'popup/popup.ts': 'popup',
  'calendar/calendar.ts': 'calendar',
};

const chunkName = (moduleId: string | null) =>
  Object.entries(CHUNK_NAMES).find(([file]) => moduleId?.replaceAll('\\', '/').endsWith(`widget/src/${file}`))?.[1];

/**
 * Library build of the embeddable widget: dist/widget/widget.js (the script sellers
 * paste) plus lazily loaded chunks under dist/widget/chunks/. The worker serves that
 * folder at /widget.js and /chunks/*. Chunk imports are relative ("./chunks/…"), so
 * they resolve against the module's own URL: the worker's origin, not the seller's page.
 */
export default defineConfig({
  plugins: [minifyLitLiterals()],
  // Lit's production build (no dev-mode warnings, smaller).
  resolve: { conditions: ['production', 'module', 'browser', 'default'] },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2021',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'widget/src/popin-booking.ts',
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      // Lets shared modules (Lit, the API client) live in widget.js itself, which the lazy
      // chunks then import from, instead of a third "common" chunk on the first load.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk.facadeModuleId) ?? '[name]'}-[hash].js`,
        // Library mode leaves whitespace in ES output by default; this widget ships as-is.
        minify: true,
        // Minified output needs no /* @__PURE__ */ markers (about 250 bytes of widget.js).
        comments: { annotation: false },
      },
    },
  },
});
