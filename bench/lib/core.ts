/**
 * The benchmark suite's rows, measurement and tables. Platform-neutral (Node and the browser
 * page import it); imports only the public package surface.
 */
import type { AdapterReport, Backend } from 'adamscope';

/** Where a row was measured. */
export type Environment = 'node' | 'chromium';

/** The adapter of a row: vendor and architecture (GPUAdapterInfo), software or not. */
export interface RowAdapter {
  vendor: string;
  architecture: string;
  software: boolean;
  /** `vendor architecture (software adapter: not GPU performance)` or `(hardware adapter)`; `cpu` rows: `cpu`. */
  label: string;
}

/** Agreement of a peer's final mean F with adamscope's on the same workload and step count. */
export interface AgreementCheck {
  /** Final mean F of this implementation and its variance across trajectories. */
  meanF: number;
  varF: number;
  /** Final mean F of the adamscope row it is compared with. */
  referenceMeanF: number;
  /** z · sqrt(var_a/N + var_b/N). */
  bound: number;
  z: number;
  ok: boolean;
}

/** One measured row of the suite. */
export interface BenchRow {
  /** Workload id, e.g. `adam-diag`, `peer-adam`, `ode`, `reduce`, `random`, `frame-loop`. */
  workload: string;
  /** Workload parameters (d, N, steps, method, generator, …). */
  params: Record<string, number | string>;
  /** What ran: `adamscope webgpu`, `adamscope cpu`, `tfjs-webgpu`, `tfjs-wasm`, `plain-ts`. */
  implementation: string;
  environment: Environment;
  unit: string;
  /** Rate (unit per second, or ms per frame) over the repeats: median, min, max. */
  median: number;
  min: number;
  max: number;
  repeats: number;
  /**
   * The same rate from GPU timestamps of the timed compute passes (sum of their durations per
   * repeat; `timestamp-query`), where the adapter has them; wall time stays in median/min/max.
   */
  gpu?: GpuRate;
  /** A second unit derived from the same timings (e.g. FLOP/s, GB/s, stage evaluations per attempt). */
  secondary?: { unit: string; median: number };
  /** Seconds of pipeline creation and warm-up (first call), not included in the rates. */
  setupSeconds: number;
  /** How time was taken, e.g. `wall, ends with onSubmittedWorkDone`. */
  timing: string;
  adapter: RowAdapter;
  /** adamscope's rate divided by this row's rate (peer rows only). */
  ratio?: number;
  check?: AgreementCheck;
  note?: string;
}

/** The JSON file of a run. */
export interface BenchResult {
  schema: 'adamscope-bench/1';
  date: string;
  quick: boolean;
  adamscopeVersion: string;
  /** Adapter label of each environment that ran. */
  adapters: Partial<
    Record<Environment, RowAdapter & { features: string[]; timestampQuery: boolean }>
  >;
  rows: BenchRow[];
  notes: string[];
  /**
   * false while the run is going on or when it was interrupted: the rows measured so far
   * (the driver rewrites the files after every row, atomically).
   */
  complete: boolean;
}

export const CPU_ROW_ADAPTER: RowAdapter = {
  vendor: 'cpu',
  architecture: 'javascript',
  software: false,
  label: 'cpu (JavaScript, not the GPU adapter)',
};

/** The row adapter of a backend (webgpu: from GPUAdapterInfo; cpu: the CPU). */
export function rowAdapter(backend: Backend): RowAdapter {
  if (backend.kind !== 'webgpu') return CPU_ROW_ADAPTER;
  return fromReport(backend.adapter);
}

export function fromReport(report: AdapterReport): RowAdapter {
  return {
    vendor: report.vendor,
    architecture: report.architecture,
    software: report.isSoftware,
    label: report.label,
  };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Rates of repeated runs: each repeat does `units` of work in the seconds `run` returns. */
export interface Measured {
  median: number;
  min: number;
  max: number;
  repeats: number;
  setupSeconds: number;
  /** Median seconds per repeat. */
  seconds: number;
  /** Rates from GPU timestamps (when `gpuSeconds` was given and timed something). */
  gpu?: GpuRate;
}

/** A rate computed from GPU timestamps of the timed compute passes (timestamp-query). */
export interface GpuRate {
  median: number;
  min: number;
  max: number;
}

/**
 * GPU time of a repeat: `start` runs before the repeats (false: no timestamps on this
 * adapter), `read` after each one returns the GPU seconds of its compute passes.
 */
export interface GpuTimer {
  start(): Promise<boolean>;
  read(): Promise<number>;
}

const now = () => performance.now() / 1000;

/**
 * Times `setup` (pipeline creation and warm-up: reported apart, never in the rates), then
 * `repeats` calls of `run`, each doing `units` of work and ending when its results are done
 * (a readback or onSubmittedWorkDone inside `run`).
 */
export async function measure(
  setup: () => Promise<void>,
  run: () => Promise<void>,
  units: number,
  repeats: number,
  gpuTimer?: GpuTimer,
): Promise<Measured> {
  const s0 = now();
  await setup();
  const setupSeconds = now() - s0;
  const timed = gpuTimer ? await gpuTimer.start() : false;
  const seconds: number[] = [];
  const gpuSeconds: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    await run();
    seconds.push(now() - t0);
    if (timed && gpuTimer) gpuSeconds.push(await gpuTimer.read());
  }
  const rates = seconds.map((s) => units / s);
  const gpuRates = gpuSeconds.filter((s) => s > 0).map((s) => units / s);
  return {
    median: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    repeats,
    setupSeconds,
    seconds: median(seconds),
    ...(gpuRates.length === repeats && repeats > 0
      ? {
          gpu: {
            median: median(gpuRates),
            min: Math.min(...gpuRates),
            max: Math.max(...gpuRates),
          },
        }
      : {}),
  };
}

/** Mean and variance (unbiased) of a list of values. */
export function meanVar(values: ArrayLike<number>): { mean: number; variance: number; n: number } {
  let mean = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) mean += values[i] ?? 0;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] ?? 0) - mean) ** 2;
  return { mean, variance: n > 1 ? ss / (n - 1) : 0, n };
}

/** z of the agreement checks: |mean_a − mean_b| ≤ z·sqrt(var_a/N_a + var_b/N_b). */
export const AGREEMENT_Z = 5;

/** Compares a peer's final F values with adamscope's (two-sample z test, z = AGREEMENT_Z). */
export function agreement(
  peer: { mean: number; variance: number; n: number },
  reference: { mean: number; variance: number; n: number },
): AgreementCheck {
  const bound = AGREEMENT_Z * Math.sqrt(peer.variance / peer.n + reference.variance / reference.n);
  return {
    meanF: peer.mean,
    varF: peer.variance,
    referenceMeanF: reference.mean,
    bound,
    z: AGREEMENT_Z,
    ok: Number.isFinite(peer.mean) && Math.abs(peer.mean - reference.mean) <= bound,
  };
}

/** Formats a number with an SI prefix: 1.23e9 -> "1.23 G". */
export function si(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const prefixes = ['', 'k', 'M', 'G', 'T', 'P'];
  let i = 0;
  while (Math.abs(value) >= 1000 && i < prefixes.length - 1) {
    value /= 1000;
    i++;
  }
  return `${value.toPrecision(3)} ${prefixes[i]}`;
}

function formatParams(params: BenchRow['params']): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' && v >= 10000 ? v.toLocaleString('en-US') : v}`)
    .join(' ');
}

const escapeCell = (s: string) => s.replace(/\|/g, '\\|');

/** The Markdown table of a run: one line per row, adapters and notes above it. */
export function markdownTable(result: BenchResult): string {
  const lines: string[] = [];
  lines.push(`# adamscope benchmark, ${result.date}${result.quick ? ' (--quick)' : ''}`, '');
  if (!result.complete)
    lines.push(
      `**Incomplete run** (interrupted or still running): the ${result.rows.length} rows measured so far.`,
      '',
    );
  for (const [env, a] of Object.entries(result.adapters)) {
    if (!a) continue;
    lines.push(
      `- ${env}: ${a.label}; vendor "${a.vendor}", architecture "${a.architecture}"; timestamp-query ${a.timestampQuery ? 'available (GPU time of the timed passes in the rows marked GPU)' : 'not available (wall time only)'}`,
    );
  }
  for (const note of result.notes) lines.push(`- ${note}`);
  lines.push(
    '',
    '| workload | parameters | implementation | env | median | min – max | setup s | ratio (adamscope / it) | check | adapter |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of result.rows) {
    const rate = `${si(r.median)}${r.unit}${r.gpu ? ` (GPU ${si(r.gpu.median)})` : ''}${r.secondary ? `; ${si(r.secondary.median)}${r.secondary.unit}` : ''}`;
    const check = r.check
      ? `${r.check.ok ? 'agrees' : 'DISAGREES'}: F̄ ${r.check.meanF.toPrecision(6)} vs ${r.check.referenceMeanF.toPrecision(6)} (±${r.check.bound.toPrecision(2)})`
      : '';
    const adapter = r.adapter.software
      ? `${r.adapter.vendor} ${r.adapter.architecture}: software adapter: not GPU performance`
      : r.adapter.label;
    lines.push(
      `| ${[
        r.workload,
        formatParams(r.params),
        r.implementation,
        r.environment,
        rate,
        `${si(r.min)}– ${si(r.max)}`,
        r.setupSeconds.toFixed(2),
        r.ratio !== undefined ? r.ratio.toPrecision(3) : '',
        check,
        adapter + (r.note ? `; ${r.note}` : ''),
      ]
        .map(escapeCell)
        .join(' | ')} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Checks that `value` has the shape of a BenchResult; returns the problems found. */
export function validateResult(value: unknown): string[] {
  const problems: string[] = [];
  const r = value as Partial<BenchResult> | null;
  if (!r || typeof r !== 'object') return ['not an object'];
  if (r.schema !== 'adamscope-bench/1') problems.push(`schema: ${String(r.schema)}`);
  if (typeof r.date !== 'string') problems.push('date');
  if (typeof r.complete !== 'boolean') problems.push('complete');
  if (!Array.isArray(r.rows) || r.rows.length === 0) problems.push('rows: none');
  for (const [i, row] of (r.rows ?? []).entries()) {
    const at = `rows[${i}] (${row.workload} ${row.implementation})`;
    for (const key of ['workload', 'implementation', 'unit', 'timing'] as const)
      if (typeof row[key] !== 'string' || !row[key]) problems.push(`${at}: ${key}`);
    if (row.environment !== 'node' && row.environment !== 'chromium')
      problems.push(`${at}: environment`);
    for (const key of ['median', 'min', 'max', 'setupSeconds'] as const)
      if (!(Number.isFinite(row[key]) && row[key] >= 0)) problems.push(`${at}: ${key}`);
    if (!(row.min <= row.median && row.median <= row.max))
      problems.push(`${at}: min ≤ median ≤ max`);
    if (!(row.repeats >= 1)) problems.push(`${at}: repeats`);
    if (!row.adapter || typeof row.adapter.vendor !== 'string') problems.push(`${at}: adapter`);
    else if (row.adapter.software && !row.adapter.label.includes('not GPU performance'))
      problems.push(`${at}: software adapter without its label`);
  }
  return problems;
}
