// Small statistics and plain-text table helpers shared by the benchmark phases.

/** Nearest-rank percentile (p in 0..100) of unsorted numbers; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** A number with a fixed count of decimals, or "n/a" when it is not finite. */
export function num(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : 'n/a';
}

/** Like num, with a + on positive values: for differences. */
export const signed = (value: number, decimals = 1) => `${value > 0 ? '+' : ''}${num(value, decimals)}`;

export const ratio = (value: number, baseline: number) => (baseline > 0 ? `${num(value / baseline, 2)}×` : 'n/a');

export function kb(bytes: number): string {
  return `${num(bytes / 1024, 1)} KB`;
}

/** Columns padded to their widest cell; numbers (anything starting with a digit, +, - or ×) right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (cell: string) => /^[-+]?[\d.]|^n\/a$/.test(cell);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i > 0 && numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
