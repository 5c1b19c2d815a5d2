import { summarize } from '../stats/summary.ts';
import type { OdeRecords, OdeResult } from './result.ts';

/** Statistics over trajectories of one recorded quantity at one time. */
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

/**
 * Per output time, statistics over the trajectories of each scalar record (float64, with
 * src/stats/summary.ts; non-finite records are excluded). `std` is the population std.
 *
 * @example
 * const stats = summarizeOde(result); stats.V[10].q50 // median of V at times[10]
 */
export function summarizeOde(result: OdeResult): Record<OdeScalarField, OdeStats[]> {
  const k = result.times.length;
  const n = result.trajectoryCount;
  const fields: OdeScalarField[] = ['F', 'V', 'mNorm', 'vGap', 'dist'];
  const out = {} as Record<OdeScalarField, OdeStats[]>;
  for (const field of fields) {
    const values: OdeRecords[OdeScalarField] = result.records[field];
    out[field] = Array.from({ length: k }, (_, j) => {
      const column = Float64Array.from({ length: n }, (_, t) => values[t * k + j] ?? Number.NaN);
      const s = summarize(column, { quantiles: [0.05, 0.25, 0.5, 0.75, 0.95] });
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
    });
  }
  return out;
}
