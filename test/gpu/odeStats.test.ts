import { describe, expect, it } from 'vitest';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import type { OdeConfig } from '../../src/ode/config.ts';
import type { OdeResult } from '../../src/ode/result.ts';
import {
  ODE_SCALAR_FIELDS,
  summarizeRecords,
  type OdeScalarField,
  type OdeStatistics,
  type OdeStats,
} from '../../src/ode/summarizeOde.ts';
import { createProblem } from '../../src/problems/index.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { odeStatisticsBins } from '../../src/ode/gpuStatistics.ts';
import { testSession } from '../gpuTestRuntime.ts';

const U = 2 ** -24;
/** Serial depth of the GPU reduction tree for n ≤ 8192 values per segment (docs/numerics.md). */
const DEPTH = 39;
/** Histogram bins the GPU statistics use for this file's cloud (sized to the segment: 200 values). */
const BINS = odeStatisticsBins(200);
const STAT_KEYS = ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'] as const;

interface Column {
  values: number[];
  maxAbs: number;
  range: number;
}

function column(result: OdeResult, field: string, k: number, j: number): Column {
  const all = result.records[field as OdeScalarField];
  const values = Array.from({ length: all.length / k }, (_, t) => all[t * k + j] ?? NaN).filter(
    Number.isFinite,
  );
  const maxAbs = Math.max(0, ...values.map(Math.abs));
  return { values, maxAbs, range: Math.max(...values) - Math.min(...values) };
}

/**
 * |gpu - reference| allowed per statistic, for inputs perturbed by at most `delta` each:
 * mean and std move by ≤ delta (std is 1-Lipschitz in the max norm); a type-1 quantile by
 * ≤ delta plus one histogram bin; plus the reduction bounds of docs/numerics.md (mean
 * 8·d·u·max|x|; variance 8·d·u·κ·M2/n, κ = sqrt(1 + n·mean²/M2), so std ≤ sqrt of that;
 * quantiles 8·u·max|x|).
 */
function bounds(
  c: Column,
  ref: OdeStats,
  delta: number,
): Record<(typeof STAT_KEYS)[number], number> {
  const n = c.values.length;
  const variance = ref.std ** 2;
  const kappa = Math.sqrt(1 + (ref.mean * ref.mean) / Math.max(variance, 1e-300));
  const varianceBound = 8 * DEPTH * U * kappa * variance;
  const quantile = delta + c.range / BINS + 8 * U * c.maxAbs;
  return {
    mean: delta + 8 * DEPTH * U * c.maxAbs,
    std: delta + Math.sqrt(varianceBound) + (n < 2 ? Infinity : 0),
    q05: quantile,
    q25: quantile,
    q50: quantile,
    q75: quantile,
    q95: quantile,
  };
}

function compare(
  gpu: OdeStatistics,
  reference: OdeStatistics,
  columns: (field: string, j: number) => Column,
  delta: (c: Column) => number,
  k: number,
): number {
  let worstRatio = 0;
  for (const field of ODE_SCALAR_FIELDS) {
    for (let j = 0; j < k; j++) {
      const g = gpu[field][j];
      const r = reference[field][j];
      if (!g || !r) throw new Error(`missing statistics of ${field}[${j}]`);
      const c = columns(field, j);
      if (c.values.length === 0) {
        expect(Number.isNaN(g.mean), `${field}[${j}] has no finite value: NaN`).toBe(true);
        continue;
      }
      const b = bounds(c, r, delta(c));
      for (const key of STAT_KEYS) {
        const error = Math.abs(g[key] - r[key]);
        worstRatio = Math.max(worstRatio, error / b[key]);
        expect(
          error,
          `${field}[${j}].${key}: gpu ${g[key]} ref ${r[key]} bound ${b[key]}`,
        ).toBeLessThanOrEqual(b[key]);
      }
    }
  }
  return worstRatio;
}

const times = [0, 0.25, 0.5, 1, 2];
const base: OdeConfig = {
  problem: createProblem({ name: 'double-well' }),
  ode: 'adam',
  a: 4,
  b: 2,
  epsilon: 1e-3,
  lambda: 1,
  cloud: { count: 200, spread: 0.7, seed: 11, center: [0.2, 0.5] },
  finalTime: 2,
  method: 'dopri5',
  outputTimes: times,
};

describe('statistics over a cloud, reduced on the GPU', () => {
  it('histogram bins are sized to the segment (16·√n as a power of two, in [64, 2048])', () => {
    expect(BINS).toBe(256);
    expect(odeStatisticsBins(1)).toBe(64);
    expect(odeStatisticsBins(1024)).toBe(512);
    expect(odeStatisticsBins(65536)).toBe(2048);
  });

  it.each(['adam', 'heavy-ball'] as const)(
    '%s: GPU reduction = float64 summary of the same float32 records (reduction bounds)',
    async (ode) => {
      const gpu = await integrateOde({ ...base, ode, rtol: 1e-5, atol: 1e-7 }, await testSession());
      expect(gpu.statistics, 'statistics computed on the GPU').toBeDefined();
      const reference = summarizeRecords(gpu);
      // The GPU takes sqrt of ‖m‖², ‖v - S‖², dist² in float32 (≤ 2.5 ulp, WGSL), the
      // reference in float64 of the same float32 squares: 3 ulp of max|x| per input.
      compare(
        gpu.statistics ?? reference,
        reference,
        (field, j) => column(gpu, field, times.length, j),
        (c) => 3 * 2 * U * c.maxAbs,
        times.length,
      );
    },
  );

  it('adam: GPU statistics against the float64 twin (integration + reduction bounds)', async () => {
    const cpu = await integrateOde({ ...base, rtol: 1e-10, atol: 1e-12 }, new CpuBackend());
    const gpu = await integrateOde(
      { ...base, rtol: 1e-5, atol: 1e-7, readRecords: false },
      await testSession(),
    );
    expect(gpu.recordsRead).toBe(false);
    expect(gpu.records.F).toHaveLength(0);
    // Per record |gpu - cpu| ≤ 2e-4 (1 + |cpu|) (the GPU-vs-CPU bound of odeGpu.test.ts).
    compare(
      gpu.statistics ?? summarizeRecords(cpu),
      summarizeRecords(cpu),
      (field, j) => column(cpu, field, times.length, j),
      (c) => 2e-4 * (1 + c.maxAbs),
      times.length,
    );
  });
});
