import { describe, expect, it } from 'vitest';
import { reddiExperiment } from '../../src/experiments/reddi.ts';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

interface Group {
  method: string;
  gamma: number;
  mean: number[];
  final: { minus: { low: number; count: number }; plus: { low: number; count: number } };
}

async function runReddi(backend: ExperimentContext['backend'], trajectories: number) {
  const params = reddiExperiment.schema.parse({
    trajectories,
    gammas: [0.01],
    T: 15,
    timePoints: 4,
    seed: 'reddi-test',
  });
  const warnings: string[] = [];
  const outcome = await reddiExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: (m) => warnings.push(m),
  });
  return { outcome, groups: outcome.results['groups'] as Group[], warnings };
}

describe('experiment reddi', () => {
  it('fixed-β2 ADAM ends at +1, AMSGrad and paper-scaled ADAM at -1 (Wilson lower bounds > 0.9)', async () => {
    // N = 128 per optimizer: if every trajectory ends on the predicted side the 95 % Wilson
    // lower bound is 0.971; > 0.9 tolerates up to 5 stragglers (p̂ = 0.961 gives 0.912). The
    // drifts (+0.64, -0.1 and -0.23 per unit t) carry the whole cloud over the interval well
    // before T = 15 (see the report of the default run), so a failure means a wrong direction.
    const { outcome, groups, warnings } = await runReddi(await testSession(), 128);
    expect(warnings).toEqual([]);
    expect(groups.map((g) => g.method)).toEqual([
      'adam-fixed-beta2',
      'amsgrad',
      'adam-paper-scaling',
    ]);
    for (const g of groups) {
      const side = g.method === 'adam-fixed-beta2' ? g.final.plus : g.final.minus;
      expect(side.low, `${g.method}: Wilson lower bound on the predicted side`).toBeGreaterThan(
        0.9,
      );
    }
    expect(outcome.verdict).toMatch(/^consistent/);
    expect(outcome.figures.map((f) => f.name)).toEqual(['mean-position', 'fraction-at-minimum']);
  });

  it('the cpu backend gives the same numbers up to float32 effects', async () => {
    // Same Philox bits and Bernoulli draws on both backends; x differs only by f32 rounding
    // (≈ 1500 steps · 2^-24 ≈ 1e-4) and the clamp to [-1, 1] erases it at the ends. Bound on
    // the mean x at each probe: 1e-3; the final side counts are equal.
    const gpu = await runReddi(await testSession(), 16);
    const cpu = await runReddi(new CpuBackend(), 16);
    gpu.groups.forEach((g, k) => {
      const c = cpu.groups[k];
      g.mean.forEach((m, j) => expect(Math.abs(m - (c?.mean[j] ?? NaN))).toBeLessThan(1e-3));
      expect(g.final.minus.count).toBe(c?.final.minus.count);
      expect(g.final.plus.count).toBe(c?.final.plus.count);
    });
  });
});
