// Size gate for the widget (run after `vite build`): gzip and brotli of what a host page
// loads, against the budgets in package.json ("sizeBudgets", KB):
//   loader       dist/widget/widget.js (widget.ts) with what it imports statically: what
//                runs in the page's own end-of-parse task;
//   firstLoad    that plus the element's chunk (chunks/element-*.js), which the loader
//                imports at once, with its static imports: what paints the frame and skeleton;
//   listPainted  that plus the list view chunk, fetched in parallel with the slots
//                request: everything loaded until the slot list shows;
//   list, booking, account, audio, phone, tentimes, turnstile, popup, calendar, and the
//   language catalogs hi, es, fr, de, pt, ar  each lazy chunk (chunks/<name>-<hash>.js,
//                named in vite.config.ts) with what it imports that is not loaded yet.
// Beside them, Lit's floor: a minimal Lit + @lit/task element built the same way.
// Exits 1 when a budget is exceeded or libphonenumber-js is in the first load.
//   npx vite build && npx tsx scripts/size.ts
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const DIST = resolve('dist/widget');
const KB = 1024;

type Budget = { gzip: number; brotli: number };
type BudgetName = 'loader' | 'firstLoad' | 'listPainted' | 'intl' | 'list' | 'booking' | 'account' | 'audio' | 'phone' | 'tentimes' | 'turnstile' | 'popup' | 'calendar' | 'hi' | 'es' | 'fr' | 'de' | 'pt' | 'ar';
const BUDGETS = (JSON.parse(readFileSync('package.json', 'utf8')) as { sizeBudgets: Record<BudgetName, Budget> }).sizeBudgets;

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const measure = (code: string | Buffer): Sizes => ({
  raw: Buffer.byteLength(code),
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

const sum = (list: Sizes[]): Sizes => list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

const staticImports = (code: string) => [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => m[1]!);
const dynamicImports = (code: string) => [...code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);

/** A file plus everything it statically imports, transitively (paths relative to DIST). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(DIST, file), 'utf8');
  for (const spec of staticImports(code)) closure(join(dirname(file), spec), seen);
  return seen;
}

/** Lit's floor: a minimal element with @lit/task, same resolve conditions and minifier. */
async function baseline(): Promise<Sizes> {
  // Inside the project so that 'lit' resolves from node_modules.
  const cache = resolve('node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'popin-size-'));
  try {
    const entry = join(dir, 'minimal.ts');
    writeFileSync(
      entry,
      `import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
class MinimalElement extends LitElement {
  static override styles = css\`:host { display: block }\`;
  @property() site = '';
  private task = new Task(this, { args: () => [this.site], task: async ([site]) => site });
  override render() { return this.task.render({ complete: (v) => html\`<p>\${v}</p>\` }); }
}
if (!customElements.get('minimal-element')) customElements.define('minimal-element', MinimalElement);
`,
    );
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      root: process.cwd(),
      resolve: { conditions: ['production', 'module', 'browser', 'default'] },
      build: {
        write: false,
        target: 'es2021',
        minify: true,
        lib: { entry, formats: ['es'], fileName: () => 'minimal.js' },
        rolldownOptions: { output: { minify: true } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const code = outputs.flatMap((o) => o.output).filter((c) => c.type === 'chunk').map((c) => c.code).join('\n');
    return measure(code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => `${(n / KB).toFixed(2)} KB`;

/** One table row; with a budget, "ok" or "OVER" against both its gzip and brotli figures. */
function row(name: string, s: Sizes, budget?: Budget): { line: string; over: boolean } {
  const over = !!budget && (s.gzip > budget.gzip * KB || s.brotli > budget.brotli * KB);
  const verdict = budget ? `${over ? 'OVER' : 'ok  '} (budget ${budget.gzip} / ${budget.brotli} KB)` : '';
  return { line: `${name.padEnd(40)} ${fmt(s.raw).padStart(10)} ${fmt(s.gzip).padStart(10)} ${fmt(s.brotli).padStart(10)}  ${verdict}`, over };
}

const sizeOf = (files: Iterable<string>) => sum([...files].map((f) => measure(readFileSync(join(DIST, f)))));

/** A lazy chunk's budget has the chunk's name (chunks/<name>-<hash>.js). */
const budgetName = (file: string): BudgetName | undefined => {
  const name = /chunks\/(\w+)-/.exec(file)?.[1];
  return name && name in BUDGETS ? (name as BudgetName) : undefined;
};

async function main() {
  const loader = closure('widget.js');
  const elementFile = dynamicImports(readFileSync(join(DIST, 'widget.js'), 'utf8'))
    .map((spec) => join(spec))
    .find((f) => /^chunks\/element-/.test(f));
  const first = new Set([...loader, ...(elementFile ? closure(elementFile) : [])]);
  // Lazily imported chunks, also those imported lazily by another lazy chunk (booking → phone),
  // each with the chunk that imports it: what that one loaded is there already.
  const importer = new Map<string, string>();
  const visit = (file: string) => {
    for (const spec of dynamicImports(readFileSync(join(DIST, file), 'utf8'))) {
      const target = join(dirname(file), spec);
      if (!importer.has(target)) {
        importer.set(target, file);
        visit(target);
      }
    }
  };
  visit('widget.js');
  const lazyFiles = [...importer.keys()];
  const listFile = lazyFiles.find((f) => budgetName(f) === 'list');
  // Loaded with the first slots, so never counted again by the chunks that reuse it.
  const painted = new Set([...first, ...(listFile ? closure(listFile) : [])]);
  /**
   * What a lazy chunk brings that is not loaded by then: the first paint and its importers
   * are; another lazy chunk it imports statically (booking → account, loaded beside it) has
   * its own row, so it is not counted twice.
   */
  const loadedBefore = (file: string): Set<string> => {
    const parent = importer.get(file);
    if (!parent || parent === 'widget.js') return file === listFile ? first : painted;
    return new Set([...loadedBefore(parent), ...closure(parent)]);
  };
  const alreadyLoaded = (file: string) => new Set([...loadedBefore(file), ...lazyFiles.filter((f) => f !== file)]);
  const floor = await baseline();

  const failures: string[] = [];
  const lines = [`${'module'.padEnd(40)} ${'min'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`];
  const add = (name: string, sizes: Sizes, budget?: BudgetName) => {
    const { line, over } = row(name, sizes, budget && BUDGETS[budget]);
    lines.push(line);
    if (over) failures.push(name.trim());
  };
  if (!elementFile) failures.push("no element chunk (chunks/element-*.js) imported by widget.js");
  add('loader (widget.js)', sizeOf(loader), 'loader');
  const firstLoad = sizeOf(first);
  add(`first load (${[...first].join(' + ')})`, firstLoad, 'firstLoad');
  add('  Lit floor (minimal Lit + task)', floor);
  add('  widget code above the floor', { raw: firstLoad.raw - floor.raw, gzip: firstLoad.gzip - floor.gzip, brotli: firstLoad.brotli - floor.brotli });
  add('until the slot list paints (+ list view)', sizeOf(painted), 'listPainted');
  for (const file of lazyFiles.filter((f) => f !== elementFile)) {
    const loaded = alreadyLoaded(file);
    const budget = budgetName(file);
    if (!budget) failures.push(`${file} has no budget in package.json "sizeBudgets"`);
    add(`lazy ${file}`, sizeOf([...closure(file)].filter((f) => !loaded.has(f))), budget);
  }
  // The Intl data's worklet (intl-data.ts): fetched beside the first load, run on another thread.
  const worklet = readdirSync(join(DIST, 'chunks')).find((f) => /^intl-[\w-]+\.js$/.test(f));
  if (worklet) add(`worklet chunks/${worklet} (off the main thread)`, sizeOf([`chunks/${worklet}`]), 'intl');
  else failures.push('no Intl data worklet (chunks/intl-*.js) found');
  if (!listFile) failures.push('no lazily imported list view chunk (chunks/list-*.js) found');
  if (!lazyFiles.some((f) => budgetName(f) === 'phone')) failures.push('no lazily imported phone chunk found');
  if (/libphonenumber|AsYouType/.test([...painted].map((f) => readFileSync(join(DIST, f), 'utf8')).join(''))) {
    failures.push('libphonenumber-js is loaded before the slot list paints');
  }
  const chunks = readdirSync(join(DIST, 'chunks'));
  lines.push(`(${chunks.length} chunk file(s) in dist/widget/chunks; budgets: package.json "sizeBudgets", KB gzip / brotli)`);
  console.log(lines.join('\n'));
  if (failures.length) {
    console.error(`\nOver budget or misplaced: ${failures.join(', ')}`);
    process.exit(1);
  }
  console.log('\nAll sizes within budget.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
