import { describe, expect, it } from 'vitest';
import { timeMinimalAdam } from '../../src/bench/minimalKernel.ts';
import { GpuEnsemble } from '../../src/ensemble/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

/*
 * The benchmark's minimal kernel (shaders/bench/minimal_adam.wgsl) must do the engine's work:
 * same draws, same ADAM arithmetic. After K + steps steps from x0 = 1 its x equals the engine's
 * up to f32 reassociation (λ hoisted, bias weights from the host): a few ulps per step of
 * |x| ≤ 1 over 128 steps, bounded by 1e-5 absolute.
 */
describe.each(['philox', 'threefry'] as const)('bench minimal ADAM kernel (%s)', (rng) => {
  it('computes the engine’s trajectories (quadratic-diag, ADAM pytorch)', async () => {
    const session = await testSession();
    const trajectories = 8;
    const dimension = 8;
    const k = 16;
    const steps = 48;
    const minimal = await timeMinimalAdam(
      session,
      { trajectories, dimension, steps, stepsPerDispatch: k, rng },
      true,
    );
    const engine = await GpuEnsemble.create(session, {
      problem: { name: 'quadratic-diag', dimension, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
      optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
      trajectories,
      seed: 'bench',
      x0: 1,
      stepsPerDispatch: k,
      rng,
    });
    await engine.advance(k + steps);
    let worst = 0;
    for (let t = 0; t < trajectories; t++) {
      const { state } = await engine.readTrajectory(t);
      state.x.forEach((x, i) => {
        worst = Math.max(worst, Math.abs(x - (minimal.x?.[t * dimension + i] ?? NaN)));
      });
    }
    engine.destroy();
    expect(worst).toBeLessThan(1e-5);
    // With the engine's per-step finiteness check (nothing diverges here): the same x.
    const checked = await timeMinimalAdam(
      session,
      { trajectories, dimension, steps, stepsPerDispatch: k, rng, checkFinite: true },
      true,
    );
    expect(checked.x).toEqual(minimal.x);
    // With the run-time ADAM variant branch (PyTorch form read from the uniform): the same x.
    const branched = await timeMinimalAdam(
      session,
      { trajectories, dimension, steps, stepsPerDispatch: k, rng, runtimeVariant: true },
      true,
    );
    expect(branched.x).toEqual(minimal.x);
    // λ recomputed every step (the same f32 expression): the same x.
    const perStep = await timeMinimalAdam(
      session,
      { trajectories, dimension, steps, stepsPerDispatch: k, rng, lambdaPerStep: true },
      true,
    );
    expect(perStep.x).toEqual(minimal.x);
    expect(minimal.coordUpdatesPerSecond).toBeGreaterThan(0);
  });
});
