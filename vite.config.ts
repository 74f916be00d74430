import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type InlineConfig, type Plugin, type Rolldown } from 'vite';
import { minifyLitLiterals } from './scripts/minify-literals';

/**
 * Each lazily imported module and the name of its chunk: chunks/<name>-<hash>.js. The size
 * budgets in package.json ("sizeBudgets") use the same names.
 */
const CHUNK_NAMES: Record<string, string> = {
  // Lit and the element: the loader (widget.ts) imports it at once, and defines it a task later.
  'popin-booking.component.ts': 'element',
  'list/slot-list.ts': 'list',
  'account/account.ts': 'account',
  'account/audio-join.ts': 'audio',
  'booking/booking-form.ts': 'booking',
  'booking/phone.ts': 'phone',
  'booking/human-check.ts': 'turnstile',
  'tentimes/tentimes.ts': 'tentimes',
  'popup/popup.ts': 'popup',
  'calendar/calendar.ts': 'calendar',
  'waiting/waiting-room.ts': 'waiting',
  // Each language's catalog (i18n/i18n.ts): requested when the element connects.
  'i18n/hi.ts': 'hi',
  'i18n/es.ts': 'es',
  'i18n/fr.ts': 'fr',
  'i18n/de.ts': 'de',
  'i18n/pt.ts': 'pt',
  'i18n/ar.ts': 'ar',
};

const chunkName = (moduleId: string | null) =>
  Object.entries(CHUNK_NAMES).find(([file]) => moduleId?.replaceAll('\\', '/').endsWith(`widget/src/${file}`))?.[1];

/** The console's lazily loaded sections (widget/console/src/sections/<name>.ts): assets/<name>-<hash>.js. */
const consoleChunkName = (moduleId: string | null) =>
  /widget\/console\/src\/sections\/([\w-]+)\.ts$/.exec(moduleId?.replaceAll('\\', '/') ?? '')?.[1];

/**
 * The seller console (/console): a second pass with its own entry, output folder and chunk
 * names, so nothing of it reaches dist/widget or a seller's page. Its entry keeps one name
 * (console.js: the worker's HTML shell points at it, cached briefly); every chunk is hashed
 * (cached for good). Run after the widget's pass by the plugin below, so `vite build` makes both.
 */
const consoleConfig: InlineConfig = {
  configFile: false,
  logLevel: 'warn',
  plugins: [minifyLitLiterals()],
  resolve: { conditions: ['production', 'module', 'browser', 'default'] },
  build: {
    outDir: 'dist/console/assets',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: 'widget/console/src/popin-console.ts', formats: ['es'], fileName: () => 'console.js' },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: (chunk) => `${consoleChunkName(chunk.facadeModuleId) ?? '[name]'}-[hash].js`,
        minify: true,
        comments: { annotation: false },
      },
    },
  },
};

/** Builds the console once the widget's pass has written dist/widget. */
const consolePass = (): Plugin => ({
  name: 'popin-console-pass',
  apply: 'build',
  async closeBundle() {
    await build(consoleConfig);
  },
});

/**
 * libphonenumber-js's metadata (metadata.mobile.json.js: a 99 KB object literal) as the JSON file
 * beside it, read with `JSON.parse` on first use. V8 reads a JSON string far faster than it
 * parses and evaluates a literal of that size, and on first use, not when the chunk is evaluated:
 * the form's prefetch then evaluates the chunk in one task and reads the metadata in another
 * (booking-form.ts prepareCountryOptions). Together they were one long task of the widget's
 * (npm run bench, "Longest task of the widget's"). The library reads the metadata's top-level
 * keys only through its `Metadata` class, so an object of getters stands in for it.
 */
const phoneMetadataAsJson = (): Plugin => ({
  name: 'popin-phone-metadata-json',
  transform(_code, id) {
    if (!/libphonenumber-js[\\/]metadata\.\w+\.json\.js$/.test(id)) return undefined;
    const metadata = JSON.parse(readFileSync(id.slice(0, -'.js'.length), 'utf8')) as Record<string, unknown>;
    const getters = Object.keys(metadata).map((key) => `get ${key}() { return read().${key}; }`);
    return {
      code: `let metadata;\nconst read = () => (metadata ??= JSON.parse(${JSON.stringify(JSON.stringify(metadata))}));\nexport default { ${getters.join(', ')} };`,
      map: null,
    };
  },
});

/**
 * The worklet that loads ICU's data off the main thread (widget/src/intl-data.worklet.js), as
 * chunks/intl-<hash>.js: served like the other chunks, and cached for good. intl-data.ts names
 * it by a URL relative to its own module, which the dev server (the widget's tests) serves as it
 * is; the build points that URL at the emitted file.
 */
const intlWorklet = (): Plugin => ({
  name: 'popin-intl-worklet',
  apply: 'build',
  enforce: 'pre',
  transform(code, id) {
    const reference = "new URL('./intl-data.worklet.js', import.meta.url).href";
    if (!id.replaceAll('\\', '/').endsWith('widget/src/intl-data.ts')) return undefined;
    if (!code.includes(reference)) this.error(`intl-data.ts no longer names its worklet as ${reference}`);
    // Served as written but for its comments (whole lines only: the file has no others).
    const source = readFileSync(resolve('widget/src/intl-data.worklet.js'), 'utf8').replace(/^\s*\/\/.*\n/gm, '');
    const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
    const file = this.emitFile({ type: 'asset', fileName: `chunks/intl-${hash}.js`, source });
    return { code: code.replace(reference, `import.meta.ROLLUP_FILE_URL_${file}`), map: null };
  },
});

type ChunkingContext = Parameters<Extract<Rolldown.CodeSplittingNameFunction, Function>>[1];

/** `from` and every module it imports statically, transitively. */
function staticGraph(from: string, ctx: ChunkingContext, seen = new Set<string>()): Set<string> {
  if (!seen.has(from)) {
    seen.add(from);
    for (const id of ctx.getModuleInfo(from)?.importedIds ?? []) staticGraph(id, ctx, seen);
  }
  return seen;
}

/**
 * The element's chunk (chunks/element-*.js) holds everything the element imports statically (Lit,
 * its styles, the frame, the language code) except what the loader has already. By default each
 * module the element shares with a lazy chunk (i18n, frame, events) became a chunk of its own,
 * which the browser could request only once the element's chunk had arrived.
 */
function elementChunk(): Rolldown.CodeSplittingGroup {
  let members: Set<string> | undefined;
  return {
    debugName: 'element',
    name(id, ctx) {
      if (!members) {
        const loader = staticGraph(resolve('widget/src/widget.ts'), ctx);
        members = new Set([...staticGraph(resolve('widget/src/popin-booking.component.ts'), ctx)].filter((m) => !loader.has(m)));
      }
      return members.has(id) ? 'element' : null;
    },
  };
}

/**
 * Library build of the embeddable widget: dist/widget/widget.js (the script sellers
 * paste) plus lazily loaded chunks under dist/widget/chunks/. The worker serves that
 * folder at /widget.js and /chunks/*. Chunk imports are relative ("./chunks/…"), so
 * they resolve against the module's own URL: the worker's origin, not the seller's page.
 */
export default defineConfig({
  // URLs of emitted files relative to the module that names them (the worklet above), as chunks' imports are.
  base: './',
  plugins: [minifyLitLiterals(), phoneMetadataAsJson(), intlWorklet(), consolePass()],
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
      entry: 'widget/src/widget.ts',
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      // Lets shared modules (Lit, the API client) live in widget.js itself, which the lazy
      // chunks then import from, instead of a third "common" chunk on the first load.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk.facadeModuleId) ?? '[name]'}-[hash].js`,
        codeSplitting: { includeDependenciesRecursively: false, groups: [elementChunk()] },
        // Library mode leaves whitespace in ES output by default; this widget ships as-is.
        minify: true,
        // Minified output needs no /* @__PURE__ */ markers (about 250 bytes of widget.js).
        comments: { annotation: false },
      },
    },
  },
});
