import { describe, expect, it } from 'vitest';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import { lyapunovExperiment } from '../../src/experiments/lyapunov.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

interface Row {
  problem: string;
  ratio: number;
  maxRelativeIncrease: number;
  tolerance: number;
  trajectoriesAboveTolerance: number;
  failedSolves: number;
}

async function runLyapunov(backend: ExperimentContext['backend']) {
  const params = lyapunovExperiment.schema.parse({
    ratios: [1, 4, 64],
    trajectories: 8,
    T: 5,
    outputs: 51,
    seed: 'lyapunov-test',
  });
  const outcome = await lyapunovExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: () => undefined,
  });
  return { outcome, rows: outcome.results['rows'] as Row[] };
}

const label = (r: Row) => `${r.problem}, b/a = ${r.ratio}`;

describe('experiment lyapunov', () => {
  it('V does not increase for b ≤ 4a (float32 bound) and does for b = 64a on the double well', async () => {
    // Bound, relative to max(1, |V(t_j)|): 16 ulp of float32 (evaluation of V at two output
    // times) + rtol = 1e-6 (dopri5's local error scale; dense output is accurate to ~rtol):
    // 1.95e-6 (docs/numerics.md, "Lyapunov function on the GPU"). Measured: ≤ 6e-8.
    const { outcome, rows } = await runLyapunov(await testSession());
    for (const r of rows) expect(r.failedSolves, label(r)).toBe(0);
    for (const r of rows.filter((x) => x.ratio <= 4)) {
      expect(r.tolerance).toBeCloseTo(16 * 2 ** -24 + 1e-6, 12);
      expect(r.maxRelativeIncrease, label(r)).toBeLessThanOrEqual(r.tolerance);
    }
    // b = 64a on the double well: the default run finds increases of up to 1.9·max(1, |V|) on
    // 63 of 64 starts; 1e-2 is 5000 tolerances, so this is no rounding effect.
    const wide = rows.find((r) => r.problem === 'double-well' && r.ratio === 64);
    expect(wide?.maxRelativeIncrease).toBeGreaterThan(1e-2);
    expect(outcome.verdict).toMatch(/^agrees/);
    expect(outcome.figures.map((f) => f.name)).toEqual([
      'lyapunov-increase',
      'V-double-well',
      'V-regression2d',
    ]);
  });

  it('the cpu backend (float64, rtol 1e-10) agrees, with a tolerance of 1e-9', async () => {
    // Same initial points (rounded to float32 by the ODE engine on both backends). The largest
    // relative increase for b = 64a is a smooth function of the solution: GPU and CPU agree to
    // the GPU's solver tolerance and float32 rounding (bound 1e-3, measured ~1e-5).
    const cpu = await runLyapunov(new CpuBackend());
    const gpu = await runLyapunov(await testSession());
    for (const r of cpu.rows.filter((x) => x.ratio <= 4)) {
      expect(r.maxRelativeIncrease, label(r)).toBeLessThanOrEqual(1e-9);
    }
    const pick = (rows: Row[]) =>
      rows.find((r) => r.problem === 'double-well' && r.ratio === 64)?.maxRelativeIncrease ?? NaN;
    expect(Math.abs(pick(cpu.rows) - pick(gpu.rows))).toBeLessThan(1e-3);
  });
});
