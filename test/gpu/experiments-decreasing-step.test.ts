import { describe, expect, it } from 'vitest';
import { decreasingStepExperiment } from '../../src/experiments/decreasingStep.ts';
import type { Curve } from '../../src/experiments/decreasingStepReport.ts';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

async function runDecreasing(
  backend: ExperimentContext['backend'],
  overrides: Record<string, unknown>,
) {
  const params = decreasingStepExperiment.schema.parse({
    problem: 'double-well',
    seed: 'decreasing-test',
    ...overrides,
  });
  const warnings: string[] = [];
  const outcome = await decreasingStepExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: (m) => warnings.push(m),
  });
  return { outcome, curves: outcome.results['curves'] as Curve[], warnings };
}

describe('experiment decreasing-step', () => {
  it('decreasing steps converge and RMS/sqrt(γ_n) stabilises; constant γ0 stalls (N = 128)', async () => {
    // Double-well, γ_n = 0.2 n^-0.55, a = 2, b = 1, n ≤ 2000 (t ≈ 15). The default run
    // (N = 1024) has every trajectory within 0.1 of a well from n ≈ 500 on, while constant
    // γ = 0.2 keeps RMS ≈ 0.26·sqrt(0.2) = 0.115 and about 53 % within 0.1. With N = 128:
    // 128/128 gives a Wilson lower bound 0.971 (> 0.9 unless ≥ 6 stragglers), and 53 % gives
    // an upper bound ≈ 0.61, far below 0.8. The RMS of N = 128 two-dimensional errors has a
    // relative standard error ≈ 1/sqrt(2N) ≈ 6 %, so its max/min over the last third of the
    // probes stays well inside the ×1.5 of the verdict.
    const { outcome, curves, warnings } = await runDecreasing(await testSession(), {
      trajectories: 128,
      steps: 2000,
      probes: 12,
    });
    expect(warnings).toEqual([]);
    const [schedule, constant] = curves;
    expect(schedule?.gamma).toBeUndefined();
    expect(constant?.gamma).toBe(0.2);
    expect(schedule?.converged.at(-1)?.low).toBeGreaterThan(0.9);
    expect(constant?.converged.at(-1)?.high).toBeLessThan(0.8);
    expect(outcome.verdict).toMatch(/^consistent/);
    expect(outcome.figures.map((f) => f.name)).toEqual([
      'converged-double-well',
      'fluctuations-double-well',
    ]);
  });

  it('the cpu backend gives the same numbers up to float32 effects', async () => {
    // Per trajectory the GPU and CPU positions differ by the f32 Box–Muller error of the
    // initial cloud (≤ NOISE·spread = 6·2^-11 ≈ 2.9e-3, numerics.md) plus the gradient-noise
    // and rounding errors, damped near the wells; measured ≤ 1e-4. RMS and dist are
    // 1-Lipschitz in x: bound 5e-3 on every RMS. A count can differ only if a trajectory sits
    // within that distance of the δ sphere: at most one of 8 here.
    const overrides = { trajectories: 8, steps: 300, probes: 6 };
    const gpu = await runDecreasing(await testSession(), overrides);
    const cpu = await runDecreasing(new CpuBackend(), overrides);
    gpu.curves.forEach((curve, k) => {
      const other = cpu.curves[k];
      curve.rms.forEach((r, j) =>
        expect(Math.abs(r - (other?.rms[j] ?? NaN)), `${curve.label} probe ${j}`).toBeLessThan(
          5e-3,
        ),
      );
      curve.converged.forEach((f, j) =>
        expect(Math.abs(f.count - (other?.converged[j]?.count ?? NaN))).toBeLessThanOrEqual(1),
      );
    });
  });

  it('rejects b ≥ 4a and κ outside (1/2, 1], naming the field', () => {
    const bad = (o: Record<string, unknown>) =>
      decreasingStepExperiment.schema.safeParse(o).error?.issues[0]?.path[0];
    expect(bad({ a: 1, b: 4 })).toBe('b');
    expect(bad({ kappa: 0.5 })).toBe('kappa');
    expect(bad({ problem: 'double-well,nope' })).toBe('problem');
  });
});
