import { describe, expect, it } from 'vitest';
import { GpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { OPTIMIZER_RUNTIME, optimizerConstants } from '../../src/ensemble/gpuKernels.ts';
import { testSession } from '../gpuTestRuntime.ts';

/**
 * The step kernel is specialised by `override` constants (optimizers/state.wgsl) when every
 * hyperparameter group shares a variant flag, and reads the flag at run time when they differ.
 * A grid that mixes variants runs every group with run-time flags; a shard holding one group
 * of it runs that group specialised, with the same random streams. The two must agree bit
 * for bit (same arithmetic, only the branch is folded).
 */
const TRAJECTORIES = 64;
const GROUPS = 4;

const GRIDS: {
  name: string;
  optimizer: EnsembleConfig['optimizer'];
  grid: EnsembleConfig['hyperGrid'];
}[] = [
  {
    name: 'adam: pytorch, keras, no debiasing, decaying step',
    optimizer: { name: 'adam', gamma: 0.02 },
    grid: [{ preset: 'pytorch' }, { preset: 'keras' }, { debias: false }, { kappa: 0.5 }],
  },
  {
    name: 'amsgrad: debiased or not',
    optimizer: { name: 'amsgrad', gamma: 0.02 },
    grid: [{ debias: true }, { debias: false }, { debias: true, kappa: 0.3 }, { debias: false }],
  },
  {
    name: 'rmsprop: debiased or not',
    optimizer: { name: 'rmsprop', gamma: 0.02 },
    grid: [{ debias: false }, { debias: true }, { debias: false, kappa: 0.6 }, { debias: true }],
  },
];

function config(
  optimizer: EnsembleConfig['optimizer'],
  grid: EnsembleConfig['hyperGrid'],
): EnsembleConfig {
  return {
    problem: { name: 'quadratic-diag', dimension: 6, lambdaMin: 0.2, lambdaMax: 2, sigma: 0.5 },
    optimizer,
    hyperGrid: grid ?? [{}],
    trajectories: TRAJECTORIES,
    seed: 'specialise',
    x0: [1, -1, 0.5, 2, 0, 1],
    initialSpread: 0.3,
    stepsPerDispatch: 16,
  };
}

describe('step kernel specialisation by override constants', () => {
  it('chooses a constant for a shared flag and the run-time read for a mixed one', () => {
    const mixed = resolveEnsemble(config({ name: 'adam', gamma: 0.02 }, GRIDS[0]?.grid));
    expect(optimizerConstants(mixed)).toEqual({
      OPTIMIZER_DEBIAS: OPTIMIZER_RUNTIME,
      OPTIMIZER_SCALED: 0,
      OPTIMIZER_EPSILON_FORM: OPTIMIZER_RUNTIME,
      OPTIMIZER_DECAYING: OPTIMIZER_RUNTIME,
    });
    const single = resolveEnsemble(config({ name: 'adam', gamma: 0.01 }, [{}]));
    expect(optimizerConstants(single)).toEqual({
      OPTIMIZER_DEBIAS: 1,
      OPTIMIZER_SCALED: 0,
      OPTIMIZER_EPSILON_FORM: 0,
      OPTIMIZER_DECAYING: 0,
    });
    const decreasing = resolveEnsemble(
      config({ name: 'adam-decreasing', gamma: 0.01, a: 1, b: 1, kappa: 0.75 }, [{}]),
    );
    expect(optimizerConstants(decreasing)).toMatchObject({
      OPTIMIZER_SCALED: 1,
      OPTIMIZER_DECAYING: 1,
    });
  });

  it.each(GRIDS)(
    '$name: each specialised group equals the run-time-flag run bit for bit',
    async ({ optimizer, grid }) => {
      const session = await testSession();
      const whole = await GpuEnsemble.create(session, config(optimizer, grid));
      await whole.advance(40);
      const all = await whole.exportState();
      const per = TRAJECTORIES / GROUPS;
      for (let g = 0; g < GROUPS; g++) {
        const shard = await GpuEnsemble.create(session, {
          ...config(optimizer, grid),
          shard: { first: g * per, end: (g + 1) * per },
        });
        const specialised = optimizerConstants(shard.resolved);
        expect(Object.values(specialised)).not.toContain(OPTIMIZER_RUNTIME);
        await shard.advance(40);
        const part = await shard.exportState();
        const tiles = 2 * 4;
        for (const field of ['x', 'm', 'v', 'aux'] as const) {
          const expected = Array.from(all[field].subarray(g * per * tiles, (g + 1) * per * tiles));
          expect(Array.from(part[field]), `group ${g} ${field}`).toEqual(expected);
        }
        expect(Array.from(part.diverged)).toEqual(
          Array.from(all.diverged.subarray(g * per, (g + 1) * per)),
        );
        shard.destroy();
      }
      whole.destroy();
    },
  );
});
