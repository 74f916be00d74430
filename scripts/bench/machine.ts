// What the figures were measured on, printed with them: they only compare within one run.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';

export function describeMachine(chromiumVersion: string): string {
  const cores = cpus();
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return [
    `Machine: ${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${osType()} ${release()}`,
    `Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `Node ${process.versions.node}, wrangler ${version('wrangler')} (workerd), Chromium ${chromiumVersion}, autocannon ${version('autocannon')}, playwright-core ${version('playwright-core')}`,
  ].join('\n');
}
