/** Benchmark rows and their table; every table is headed by the adapter that produced it. */
export interface BenchRow {
  workload: string;
  backend: string;
  /** The unit of `rate`, e.g. `draws/s`, `coordinate-updates/s`. */
  unit: string;
  rate: number;
  seconds: number;
}

/** Formats a throughput with an SI prefix: 1.23e9 -> "1.23 G". */
export function si(value: number): string {
  const prefixes = ['', 'k', 'M', 'G', 'T'];
  let i = 0;
  while (Math.abs(value) >= 1000 && i < prefixes.length - 1) {
    value /= 1000;
    i++;
  }
  return `${value.toPrecision(3)} ${prefixes[i]}`;
}

/** A plain-text table of rows, headed by the adapter label. */
export function formatBenchTable(title: string, adapterLabel: string, rows: BenchRow[]): string {
  const header = ['workload', 'backend', 'throughput', 'seconds'];
  const body = rows.map((r) => [
    r.workload,
    r.backend,
    `${si(r.rate)}${r.unit}`,
    r.seconds.toFixed(3),
  ]);
  const widths = header.map((h, c) =>
    Math.max(h.length, ...body.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  return [
    `${title} — adapter: ${adapterLabel}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}

/** Runs `work` until at least `minSeconds` have passed (and at least once); returns seconds per call. */
export async function timeIt(
  work: () => Promise<void>,
  minSeconds = 0.5,
  maxRepeats = 50,
): Promise<number> {
  await work(); // warm-up: pipeline compilation, first allocation
  const start = performance.now();
  let repeats = 0;
  do {
    await work();
    repeats++;
  } while ((performance.now() - start) / 1000 < minSeconds && repeats < maxRepeats);
  return (performance.now() - start) / 1000 / repeats;
}
