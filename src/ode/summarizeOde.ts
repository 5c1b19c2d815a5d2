import { summarize, type Summary } from '../stats/summary.ts';
import type { OdeResult } from './result.ts';

/** Statistics over trajectories of one recorded quantity at one time (as `adamscope run`). */
export interface OdeStats {
  mean: number;
  std: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

export type OdeScalarField = 'F' | 'V' | 'mNorm' | 'vGap' | 'dist';

/** Per scalar field, one `OdeStats` per output time. */
export type OdeStatistics = Record<OdeScalarField, OdeStats[]>;

export const ODE_SCALAR_FIELDS: readonly OdeScalarField[] = ['F', 'V', 'mNorm', 'vGap', 'dist'];

/** The quantile probabilities of `OdeStats`. */
export const ODE_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

/** `OdeStats` of a `Summary` (std: the population std, sqrt(M2 / n)). */
export function statsFromSummary(s: Summary): OdeStats {
  const q = s.quantiles.map((e) => e.value);
  return {
    mean: s.mean,
    std: Math.sqrt(s.variance),
    q05: q[0] ?? Number.NaN,
    q25: q[1] ?? Number.NaN,
    q50: q[2] ?? Number.NaN,
    q75: q[3] ?? Number.NaN,
    q95: q[4] ?? Number.NaN,
  };
}

/**
 * Float64 statistics of the per-trajectory records (src/stats/summary.ts; non-finite records
 * are excluded; quantiles exact). The CPU twin of the GPU reduction of `OdeGpuStatistics`.
 */
export function summarizeRecords(result: OdeResult): OdeStatistics {
  const k = result.times.length;
  const n = result.trajectoryCount;
  const out = {} as OdeStatistics;
  for (const field of ODE_SCALAR_FIELDS) {
    const values = result.records[field];
    if (values.length !== n * k) {
      throw new Error(`summarizeRecords: the records of ${field} were not read back`);
    }
    out[field] = Array.from({ length: k }, (_, j) => {
      const column = Float64Array.from({ length: n }, (_, t) => values[t * k + j] ?? Number.NaN);
      return statsFromSummary(summarize(column, { quantiles: ODE_QUANTILES }));
    });
  }
  return out;
}

/**
 * Per output time, statistics over the trajectories of each scalar record: those the webgpu
 * backend computed on the GPU (`result.statistics`), else float64 ones from the records.
 *
 * @example
 * const stats = summarizeOde(result); stats.V[10].q50 // median of V at times[10]
 */
export function summarizeOde(result: OdeResult): OdeStatistics {
  return result.statistics ?? summarizeRecords(result);
}
