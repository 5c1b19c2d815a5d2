import { describe, expect, it } from 'vitest';
import { saddleExperiment } from '../../src/experiments/saddle.ts';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import type { Fraction } from '../../src/experiments/ensembleProbes.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

interface Group {
  method: string;
  t: number[];
  survival: Fraction[];
  resolution: number;
  summary: { escapedByT: Fraction };
}

async function runSaddle(
  backend: ExperimentContext['backend'],
  overrides: Record<string, unknown>,
) {
  const params = saddleExperiment.schema.parse({ seed: 'saddle-test', ...overrides });
  const outcome = await saddleExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: () => undefined,
  });
  return {
    outcome,
    groups: outcome.results['groups'] as Group[],
    times: outcome.results['escapeTimes'] as Record<string, (number | null)[]>,
  };
}

/** The survival fraction of `group` at the first probe at or after t. */
function survivalAt(group: Group | undefined, t: number): Fraction | undefined {
  const j = group?.t.findIndex((s) => s >= t - 1e-9) ?? -1;
  return group?.survival[j];
}

describe('experiment saddle', () => {
  it('every optimizer escapes; ADAM escapes well before SGD (Wilson bounds, N = 256)', async () => {
    // N = 256 per optimizer, γ = 0.01, T = 10. Escaped by T: SGD and the heavy ball escape at
    // t ≈ 4–7 (default run: 99.8 % and 99.3 % by T = 10), so a Wilson lower bound > 0.9 is
    // met unless ≥ 15 of 256 stay, probability < 1e-6 at those rates. At t = 2: ADAM's linear
    // rate ≈ 6.3 per unit t (vs ≈ 1 for SGD) puts its 90 % quantile at ≈ 0.85, SGD's 10 %
    // quantile at ≈ 4; so ADAM's survival upper bound < 0.1 and SGD's lower bound > 0.9.
    const { groups, outcome } = await runSaddle(await testSession(), {
      trajectories: 256,
      optimizers: 'sgd,heavy-ball,adam',
      T: 10,
      probeEvery: 10,
    });
    expect(groups.map((g) => g.method)).toEqual(['sgd', 'heavy-ball', 'adam']);
    for (const g of groups)
      expect(g.summary.escapedByT.low, `${g.method} escaped by T`).toBeGreaterThan(0.9);
    const [sgd, , adam] = groups;
    expect(survivalAt(adam, 2)?.high).toBeLessThan(0.1);
    expect(survivalAt(sgd, 2)?.low).toBeGreaterThan(0.9);
    expect(outcome.verdict).toMatch(/^every optimizer escapes.*ADAM escapes faster/);
  });

  it('the cpu backend gives the same escape times up to float32 effects', async () => {
    // Same Philox draws; the f32 Box–Muller differs by ≤ 3e-4 per normal (numerics.md), i.e.
    // ≤ 3e-5 per gradient at σ = 0.1, amplified by e^{rate·t} ≤ e^{6} ≈ 400 along the unstable
    // direction before escape: ≤ 0.01 in x1 against a threshold crossed at speed ≥ 0.5 per
    // unit t. Bound: the two escape times differ by at most two probe intervals.
    const overrides = { trajectories: 8, optimizers: 'sgd,adam', T: 10, probeEvery: 5 };
    const gpu = await runSaddle(await testSession(), overrides);
    const cpu = await runSaddle(new CpuBackend(), overrides);
    for (const key of Object.keys(gpu.times)) {
      const resolution = gpu.groups[0]?.resolution ?? NaN;
      gpu.times[key]?.forEach((t, i) => {
        const c = cpu.times[key]?.[i];
        expect(t === null, `${key} #${i} escaped on one backend only`).toBe(c === null);
        if (t !== null && c != null)
          expect(Math.abs(t - c), `${key} #${i}`).toBeLessThanOrEqual(2 * resolution + 1e-9);
      });
    }
  });
});
