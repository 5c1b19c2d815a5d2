import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { createEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { recordPositionSnapshots } from '../../src/ensemble/positionSnapshots.ts';
import { loadNetworkProblems } from '../../src/problems/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

await loadNetworkProblems();

/*
 * The landscape's training runs on the GPU (docs/network-views.md): the weights kept every k
 * steps by one copy per block into a snapshot buffer, read back once, against the same runs
 * on the cpu backend (float64 twin), snapshot by snapshot. Same problem, optimizer and bound
 * as test/gpu/ensembleNetwork.test.ts (moons 2-16-1, B = 8, ADAM γ = 0.01): per coordinate
 *   bound = 4 · (2^-24 (|x| + 1) + K · 2γ (30 + B) ρ 2^-24),  ρ = 10,
 * K the steps done at the snapshot (the f32 rounding of the initial weights, then the f32
 * per-sample gradients propagated through ADAM's scale-invariant update; derivation there).
 * A snapshot taken from the wrong slot, trajectory or step is off by ~γ per step: far outside.
 */
describe('landscape training runs: GPU snapshots against the cpu backend', () => {
  it('keeps each run every 5 steps; the GPU snapshots equal the float64 runs within the ensemble bound', async () => {
    const session = await testSession();
    const gamma = 0.01;
    const config = {
      problem: { name: 'mlp', dataset: { name: 'moons', samples: 200 }, hidden: [16], batch: 8 },
      optimizer: { name: 'adam', gamma },
      trajectories: 3,
      seed: 'network',
      x0: 0,
      stepsPerDispatch: 16,
    } as unknown as EnsembleConfig;
    const gpuEnsemble = await createEnsemble(config, session);
    let gpu;
    try {
      gpu = await recordPositionSnapshots(gpuEnsemble, 3, 20, 5);
    } finally {
      gpuEnsemble.destroy();
    }
    const cpu = await recordPositionSnapshots(
      await createEnsemble(config, new CpuBackend()),
      3,
      20,
      5,
    );
    expect(gpu.steps).toEqual([0, 5, 10, 15, 20]);
    expect(cpu.steps).toEqual(gpu.steps);
    const u = 2 ** -24;
    let worst = 0;
    for (let r = 0; r < 3; r++)
      gpu.steps.forEach((K, s) => {
        const want = cpu.x[r]?.[s] ?? new Float64Array();
        const got = gpu.x[r]?.[s] ?? new Float64Array();
        expect(got.length).toBe(65);
        want.forEach((w, k) => {
          const bound = 4 * (u * (Math.abs(w) + 1) + K * 2 * gamma * (30 + 8) * 10 * u);
          const error = Math.abs((got[k] ?? NaN) - w);
          worst = Math.max(worst, error / bound);
          if (!(error <= bound))
            throw new Error(`run ${r} snapshot ${s} coordinate ${k}: gpu ${got[k]} cpu ${w}`);
        });
      });
    expect(worst).toBeLessThan(1);
    // The runs move: consecutive snapshots differ by about γ per step, far above the bound.
    const first = gpu.x[0]?.[0]?.[0] ?? NaN;
    const last = gpu.x[0]?.[4]?.[0] ?? NaN;
    expect(Math.abs(last - first)).toBeGreaterThan(1e-3);
    expect(gpu.divergedAtStep).toEqual([undefined, undefined, undefined]);
  }, 120_000);
});
