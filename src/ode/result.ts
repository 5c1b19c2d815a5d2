import type { SolveStatus } from './integrators/dopri5.ts';
import type { ResolvedOdeConfig } from './config.ts';
import type { OdeObservation } from './systems.ts';
import type { OdeStatistics } from './summarizeOde.ts';

/** Largest d for which x, m, v are recorded at every output time. */
export const RECORD_STATE_MAX_DIMENSION = 4;

/**
 * Per-trajectory records at the output times. Scalars are indexed `trajectory * times.length
 * + k`; `x`, `m`, `v` (only for d ≤ 4) are indexed `(trajectory * times.length + k) * d + i`.
 * Records after a failed solve (see `status`) are NaN.
 */
export interface OdeRecords {
  F: Float64Array;
  V: Float64Array;
  mNorm: Float64Array;
  vGap: Float64Array;
  dist: Float64Array;
  x?: Float64Array;
  m?: Float64Array;
  v?: Float64Array;
}

/** What `integrateOde` returns. */
export interface OdeResult {
  backend: 'cpu' | 'webgpu';
  /** The output times (float64; the GPU integrates to their float32 roundings). */
  times: Float64Array;
  trajectoryCount: number;
  dimension: number;
  /**
   * Per-trajectory records. On webgpu with `readRecords: false` (default for N · K > 2^20)
   * they are not read back: every array is then empty (`recordsRead` is false).
   */
  records: OdeRecords;
  recordsRead: boolean;
  /** Statistics over trajectories (computed on the GPU by the webgpu backend); see summarizeOde. */
  statistics?: OdeStatistics;
  /** Per trajectory: accepted and rejected steps (fixed-step methods: rejected = 0). */
  stepCounts: { accepted: Uint32Array; rejected: Uint32Array };
  status: SolveStatus[];
  /** Initial points, `trajectory * d + i`. */
  initialPoints: Float64Array;
  config: ResolvedOdeConfig;
  /** Human-readable warnings (also printed by `formatOdeWarnings`). */
  warnings: string[];
}

/** Allocates NaN-filled records for `n` trajectories and `k` output times. */
export function allocateRecords(n: number, k: number, d: number): OdeRecords {
  const scalars = () => new Float64Array(n * k).fill(Number.NaN);
  const records: OdeRecords = {
    F: scalars(),
    V: scalars(),
    mNorm: scalars(),
    vGap: scalars(),
    dist: scalars(),
  };
  if (d <= RECORD_STATE_MAX_DIMENSION) {
    records.x = new Float64Array(n * k * d).fill(Number.NaN);
    records.m = new Float64Array(n * k * d).fill(Number.NaN);
    records.v = new Float64Array(n * k * d).fill(Number.NaN);
  }
  return records;
}

/** Stores one observation at (trajectory, k). */
export function storeObservation(
  records: OdeRecords,
  index: number,
  d: number,
  o: OdeObservation,
): void {
  records.F[index] = o.F;
  records.V[index] = o.V;
  records.mNorm[index] = o.mNorm;
  records.vGap[index] = o.vGap;
  records.dist[index] = o.dist;
  records.x?.set(o.x, index * d);
  records.m?.set(o.m, index * d);
  records.v?.set(o.v, index * d);
}

/** The warnings of a result, one per line, ready to print. */
export function formatOdeWarnings(result: Pick<OdeResult, 'warnings'>): string {
  return result.warnings.map((w) => `warning: ${w}`).join('\n');
}

/**
 * Memory of an integration of n trajectories with k output times in dimension d, estimated
 * before anything is allocated (same shape as the ensemble's MemoryEstimate): host arrays
 * (initial points, step counts, the records when they are read back: 5 scalars, plus x, m, v
 * for d ≤ 4, float64 per (trajectory, time)); webgpu: the statistics' field buffers (5 float32
 * per (trajectory, time)) and the records, state and progress of the chunks.
 */
export function estimateOdeMemory(
  n: number,
  k: number,
  d: number,
  backend: 'webgpu' | 'cpu',
  options: { readRecords: boolean; statistics: boolean },
) {
  const recordFloats = 5 + (d <= RECORD_STATE_MAX_DIMENSION ? 3 * d : 0);
  const records = backend === 'cpu' || options.readRecords ? recordFloats * 8 * k : 0;
  const host = 8 * d + 8 + 8 + records + (options.statistics ? 8 * k : 0);
  const tiles = Math.ceil(d / 4);
  const device =
    backend === 'webgpu' ? (options.statistics ? 20 * k : 0) + 64 * k + 16 * 10 * tiles + 64 : 0;
  return {
    hostBytes: host * n,
    heapBytes: 0,
    deviceBytes: device * n,
    largestBufferBytes: 0,
    perTrajectory: { host, heap: 0, device, largestBuffer: 0 },
  };
}
