// `npm run test:patterns`: every regular expression in the worker and the widget, run against the
// worst inputs this script can construct, with a CPU bound per call. A pattern that backtracks
// (quadratic or worse) takes tens of milliseconds or more on 16 KB; a linear one takes microseconds.
// Benchmark-style rather than a timed unit test: each figure is the best of several runs (noise only
// ever adds time), and the bound is ~100× what a linear pattern needs, ~100× less than a quadratic one.
// The worker's own validators (text.ts, client-address.ts) are run the same way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { isEmail, isPlainText, vendorText } from '../worker/src/text';
import { clientGroups } from '../worker/src/middleware/client-address';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Best-of-runs CPU per call allowed, in milliseconds. */
const BOUND_MS = 5;
const RUNS = 5;

/**
 * The longest input that can reach a pattern, by where it lives: anything in the worker may see a
 * whole request body (16 KB, the body limit); configuration is written by the operator (4 KB is
 * more than any value); the widget's patterns see what a visitor types in inputs whose maxlength
 * is at most 254 (1 KB leaves a margin) or the page's own settings.
 */
function boundFor(file: string): number {
  if (file.startsWith('widget/')) return 1024;
  if (/^worker\/src\/(config|tentimes\/config|turnstile\/config|limits\/settings)\.ts$/.test(file)) return 4096;
  return 16 * 1024;
}

interface Found {
  file: string;
  line: number;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [path] : [];
  });
}

function patternsIn(path: string): Found[] {
  const file = relative(ROOT, path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(source);
      const slash = text.lastIndexOf('/');
      const flags = text.slice(slash + 1).replace(/[gy]/g, '');
      found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, regex: new RegExp(text.slice(1, slash), flags) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Characters worth repeating against `regex`: those it names, plus the usual suspects. */
function alphabet(regex: RegExp): string[] {
  const named = [...new Set(regex.source.replace(/\\[pPu]\{[^}]*\}|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}/g, '').replace(/\\(.)/g, '$1'))];
  return [...new Set([...named, 'a', 'A', '0', '9', ' ', '\t', '.', '@', '-', '_', '/', ':', '+', '(', ')', '%', '\u00a0', '\u202e', 'é', '😀'])].filter((char) => !/[\\^$|?*{}[\]]/.test(char) || char === '[');
}

/** The worst inputs of length about `n` this script knows how to build for `regex`. */
function hostileInputs(regex: RegExp, n: number): Array<[string, string]> {
  const chars = alphabet(regex);
  const inputs: Array<[string, string]> = [];
  // The classic: a long run that almost matches, then a character that makes it fail at the end.
  const enders = ['\u0000', ' ', '@', '\n', '!'];
  for (const c of chars) {
    inputs.push([`${JSON.stringify(c)}×n`, c.repeat(n)]);
    for (const end of enders) inputs.push([`${JSON.stringify(c)}×n + ${JSON.stringify(end)}`, c.repeat(n - 1) + end]);
  }
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j < chars.length; j++) {
      const pair = chars[i]! + chars[j]!;
      inputs.push([`${JSON.stringify(pair)}×n/2 + "!"`, pair.repeat(Math.floor(n / 2) - 1) + '!\u0000']);
    }
  }
  // Shapes of the values the worker checks: emails, phone numbers, tokens, addresses, URLs.
  const half = Math.floor(n / 2);
  inputs.push(
    ['email: a@ + "a."×n', `a@${'a.'.repeat(half - 2)}`],
    ['email: a@ + "a."×n + " "', `a@${'a.'.repeat(half - 2)} `],
    ['email: "a"×n + "@a." + " "', `${'a'.repeat(n - 5)}@a. `],
    ['email: a@a + ".a"×n + "!"', `a@a${'.a'.repeat(half - 2)}!`],
    ['email: "a"×n + "@"', `${'a'.repeat(n - 1)}@`],
    ['email: "@a"×n', '@a'.repeat(half)],
    ['phone: "+"×n', '+'.repeat(n)],
    ['phone: "9 "×n', '9 '.repeat(half)],
    ['token: "A."×n', 'A.'.repeat(half)],
    ['address: ":"×n', ':'.repeat(n)],
    ['address: "1."×n', '1.'.repeat(half)],
    ['url: "http://" + "/"×n + "x"', `http://${'/'.repeat(n - 8)}x`],
    ['spaces then a letter', `${' '.repeat(n - 1)}x`],
  );
  return inputs.map(([label, text]) => [label, text.slice(0, n)]);
}

/** Best-of-RUNS milliseconds of one call. */
function cost(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
    // A pathological case is known after two slow runs (one could be a GC pause); do not spend seconds confirming it.
    if (i >= 1 && best > BOUND_MS * 20) break;
  }
  return best;
}

const files = [...sourceFiles(join(ROOT, 'worker/src')), ...sourceFiles(join(ROOT, 'widget'))];
const patterns = files.flatMap(patternsIn);
const rows: Array<{ what: string; bound: number; worst: string; ms: number }> = [];
for (const { file, line, regex } of patterns) {
  const n = boundFor(file);
  let worst = { label: '', ms: 0 };
  for (const [label, input] of hostileInputs(regex, n)) {
    // test() and a global replace() are the two ways the code runs its patterns.
    const global = new RegExp(regex.source, `${regex.flags}g`);
    const ms = Math.max(cost(() => regex.test(input)), cost(() => input.replace(global, '')));
    if (ms > worst.ms) worst = { label, ms };
  }
  rows.push({ what: `${file}:${line} /${regex.source.length > 60 ? `${regex.source.slice(0, 57)}...` : regex.source}/${regex.flags}`, bound: n, worst: worst.label, ms: worst.ms });
}

// The validators that are code rather than one pattern.
const validators: Array<[string, (input: string) => unknown]> = [
  ['worker/src/text.ts isEmail', isEmail],
  ['worker/src/text.ts isPlainText', isPlainText],
  ['worker/src/text.ts vendorText', (input) => vendorText(input)],
  ['worker/src/middleware/client-address.ts clientGroups', clientGroups],
];
const emailish = new RegExp('[\\s@<>()[\\],;:"\\\\.a]');
for (const [what, validate] of validators) {
  let worst = { label: '', ms: 0 };
  for (const [label, input] of hostileInputs(emailish, 16 * 1024)) {
    const ms = cost(() => validate(input));
    if (ms > worst.ms) worst = { label, ms };
  }
  rows.push({ what, bound: 16 * 1024, worst: worst.label, ms: worst.ms });
}

const over = rows.filter((row) => row.ms > BOUND_MS);
const width = Math.max(...rows.map((row) => row.what.length));
console.log(`${'pattern or validator'.padEnd(width)}  input ≤  worst case (best of ${RUNS})`);
for (const row of rows.sort((a, b) => b.ms - a.ms)) {
  console.log(`${row.what.padEnd(width)}  ${String(row.bound).padStart(6)}  ${row.ms.toFixed(3).padStart(8)} ms  ${row.worst}${row.ms > BOUND_MS ? '   <-- OVER' : ''}`);
}
console.log(`\n${rows.length} patterns and validators, ${patterns.length} regular expressions in ${files.length} files; bound ${BOUND_MS} ms per call; ${over.length} over.`);
process.exit(over.length ? 1 : 0);
