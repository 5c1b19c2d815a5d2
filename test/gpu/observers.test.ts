import { describe, expect, it } from 'vitest';
import {
  createObservedEnsemble,
  type ObservedEnsemble,
} from '../../src/ensemble/observedEnsemble.ts';
import type { EnsembleConfig } from '../../src/ensemble/index.ts';
import type { ObserverSpec } from '../../src/ensemble/observers.ts';
import { ParameterError } from '../../src/errors.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

const GAMMAS = [0.1, 0.02];
const N = 48;
const LAST = [20, 100];

function config(overrides: Partial<EnsembleConfig> = {}): EnsembleConfig {
  return {
    problem: { name: 'regression2d', p: 0.5, sigma: 0.5 },
    optimizer: { name: 'adam', gamma: 0.1, a: 2, b: 1 },
    hyperGrid: GAMMAS.map((gamma) => ({ gamma })),
    trajectories: N * GAMMAS.length,
    seed: 'observers-test',
    x0: [2, 0],
    stepsPerDispatch: 7,
    maxTrajectoriesPerChunk: 32,
    ...overrides,
  };
}

/**
 * A smooth synthetic reference z(nγ) (any reference will do for the mechanics); x1 moves by
 * 5γ per step, so reading the sample of n ± 1 would change the sup by ≈ 0.5 at γ = 0.1.
 */
function syntheticReference(gamma: number, last: number): Float64Array {
  const r = new Float64Array((last + 1) * 12);
  for (let n = 0; n <= last; n++) {
    const t = n * gamma;
    r.set([2 + 5 * t, Math.exp(-t) - 1], n * 12);
    r.set([-0.5 * (1 - Math.exp(-2 * t)), 0.5 * (1 - Math.exp(-2 * t))], n * 12 + 4);
    r.set([1 - Math.exp(-t), 0.5 * (1 - Math.exp(-t))], n * 12 + 8);
  }
  return r;
}

async function observe(ensemble: ObservedEnsemble, pieces: number[]): Promise<Float64Array> {
  try {
    for (const steps of pieces) await ensemble.advance(steps);
    return await ensemble.readObservations();
  } finally {
    ensemble.destroy();
  }
}

describe('observers (ensemble_step_observed.wgsl) against their float64 twins', () => {
  it('sup-distance: same running maxima up to float32 effects; groups stop at lastStep', async () => {
    const spec: ObserverSpec = {
      kind: 'sup-distance',
      lastSteps: LAST,
      reference: GAMMAS.map((g, i) => syntheticReference(g, LAST[i] ?? 0)),
    };
    const session = await testSession();
    // Uneven pieces: dispatch boundaries (K = 7), chunks of 32 trajectories (not aligned with the groups of 48), and a piece past
    // every lastStep (no effect).
    const gpu = await observe(await createObservedEnsemble(config(), spec, session), [13, 50, 60]);
    const cpu = await observe(
      await createObservedEnsemble(config(), spec, new CpuBackend()),
      [123],
    );
    // Error model (see ensembleTwin.test.ts): the same Philox bits; the f32 Box–Muller normals
    // differ by at most NOISE = 6·2^-11 (WGSL spec; ≈ 3e-4 measured), i.e. σ·NOISE per gradient
    // coordinate (σ = 0.5). The sup over n is 1-Lipschitz in the states, and along these
    // T ≤ 2 stable paths (|e| ≤ 1, |g| ≤ |e| + 6σ = 4): ‖Δm‖ ≤ √2·σ·NOISE, ‖Δv‖ ≤ √2·2·4·σ·NOISE,
    // ‖Δx‖ ≤ T·2·√2·NOISE (ADAM's step is scale-invariant), plus f32 rounding (≪ 1e-4): in all
    // ≈ 0.03. Measured on SwiftShader: ≤ 7e-5.
    const bound = 0.03;
    for (let i = 0; i < gpu.length; i++) {
      const a = Math.sqrt(gpu[i] ?? NaN);
      const b = Math.sqrt(cpu[i] ?? NaN);
      expect(b, `cpu sup² at ${i}`).toBeGreaterThan(0);
      expect(
        Math.abs(a - b),
        `trajectory ${Math.floor(i / 4)} lane ${i % 4}: gpu ${a} cpu ${b}`,
      ).toBeLessThan(bound);
    }
  });

  it('exceedance: same counts up to indicators within float32 effects of δ', async () => {
    const spec: ObserverSpec = { kind: 'exceedance', lastSteps: LAST, deltas: [0.3, 0.3] };
    const session = await testSession();
    const cfg = config({ problem: { name: 'double-well', sigma: 0.5 }, x0: [2, 1] });
    const gpu = await observe(await createObservedEnsemble(cfg, spec, session), [13, 50, 60]);
    const cpu = await observe(await createObservedEnsemble(cfg, spec, new CpuBackend()), [123]);
    // Steps observed are exact; an indicator can only differ when d(x_n) is within the state
    // error (≤ 0.03, as above; measured 3e-5) of δ, which happens on a small fraction of the
    // 48·(20 + 100) steps: allow 1 % of them (measured: 0 differences).
    let countDiff = 0;
    let observed = 0;
    for (let i = 0; i < gpu.length / 4; i++) {
      countDiff += Math.abs((gpu[4 * i] ?? NaN) - (cpu[4 * i] ?? NaN));
      expect(gpu[4 * i + 1]).toBe(LAST[Math.floor(i / N)]);
      expect(cpu[4 * i + 1]).toBe(LAST[Math.floor(i / N)]);
      observed += gpu[4 * i + 1] ?? 0;
      const d = Math.abs(Math.sqrt(gpu[4 * i + 3] ?? NaN) - Math.sqrt(cpu[4 * i + 3] ?? NaN));
      expect(d, `last distance of trajectory ${i}`).toBeLessThan(0.03);
    }
    expect(countDiff).toBeLessThanOrEqual(0.01 * observed);
  });

  it('refuses problems of dimension > 4 with a ParameterError', async () => {
    const spec: ObserverSpec = { kind: 'exceedance', lastSteps: [10], deltas: [0.1] };
    await expect(
      createObservedEnsemble(
        {
          problem: {
            name: 'quadratic-diag',
            dimension: 5,
            lambdaMin: 0.1,
            lambdaMax: 1,
            sigma: 0.1,
          },
          optimizer: { name: 'adam', gamma: 0.01 },
          trajectories: 4,
          seed: 1,
          x0: 1,
        },
        spec,
        new CpuBackend(),
      ),
    ).rejects.toThrow(ParameterError);
  });
});
