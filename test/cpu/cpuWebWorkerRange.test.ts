import { describe, expect, it } from 'vitest';
import { CpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { advanceFlat } from '../../src/ensemble/cpuKernels.ts';
import { copyRange, writeRange } from '../../src/ensemble/cpuWebWorkers.ts';

/**
 * What a browser Web Worker of the cpu backend does (src/ensemble/cpuWebWorker.ts), on the
 * calling thread: advance a copy of one range of trajectories with `base` = its first
 * trajectory, write it back. The result must be the whole-state advance bit for bit, on the
 * fast path and on the reference path, through divergence. (The workers themselves run in
 * e2e/cpuWebWorkers.spec.ts.)
 */

const BASE: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: 10, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.5 },
  optimizer: { name: 'adam', gamma: 0.01 },
  hyperGrid: [{ gamma: 0.01 }, { gamma: 0.05 }, { gamma: 3 }],
  trajectories: 30,
  seed: 21,
  x0: 1,
  initialSpread: 0.3,
  workers: 1,
};

async function initialFlat(config: EnsembleConfig) {
  const ensemble = CpuEnsemble.create(config);
  const state = await ensemble.exportState();
  ensemble.destroy();
  return state;
}

describe('cpu backend: advancing copies of ranges (the Web Worker protocol)', () => {
  it.each<[string, EnsembleConfig]>([
    ['adam on quadratic-diag, three γ groups', BASE],
    [
      'amsgrad on reddi (projection)',
      { ...BASE, problem: { name: 'reddi' }, optimizer: { name: 'amsgrad', gamma: 0.05 }, x0: 0.5 },
    ],
    [
      'sgd, a group that diverges (frozen with `diverged` set)',
      {
        ...BASE,
        optimizer: { name: 'sgd', gamma: 0.01 },
        hyperGrid: [{ gamma: 0.01 }, { gamma: 1e10 }],
      },
    ],
    [
      'threefry, a shard of trajectories 10 … 29',
      { ...BASE, rng: 'threefry', shard: { first: 10, end: 30 } },
    ],
  ])(
    '%s: ranges split at 0, 7, 19, N give the whole-state advance bit for bit',
    async (_, config) => {
      const resolved = resolveEnsemble(config);
      const n = resolved.trajectories;
      const whole = CpuEnsemble.create(config);
      await whole.advance(40);
      await whole.advance(25);
      const expected = await whole.exportState();
      whole.destroy();

      // The flat state of a fresh ensemble, advanced range by range on copies.
      const start = await initialFlat(config);
      const d = resolved.problem.dimension;
      const flat = {
        dimension: d,
        x: Float64Array.from(start.x),
        m: Float64Array.from(start.m),
        v: Float64Array.from(start.v),
        aux: Float64Array.from(start.aux),
        bias: Float64Array.from(start.bias),
        diverged: Uint32Array.from(start.diverged),
      };
      for (const [from, to] of [
        [0, 40],
        [40, 65],
      ] as const) {
        const cuts = [0, 7, Math.min(19, n), n];
        for (let c = 0; c + 1 < cuts.length; c++) {
          const first = cuts[c] as number;
          const end = cuts[c + 1] as number;
          if (end <= first) continue;
          const range = copyRange(flat, first, end);
          advanceFlat(resolved, range, first, end, from, to, first);
          writeRange(flat, range, first);
        }
      }
      expect(Array.from(flat.x)).toEqual(Array.from(expected.x));
      expect(Array.from(flat.m)).toEqual(Array.from(expected.m));
      expect(Array.from(flat.v)).toEqual(Array.from(expected.v));
      expect(Array.from(flat.aux)).toEqual(Array.from(expected.aux));
      expect(Array.from(flat.bias)).toEqual(Array.from(expected.bias));
      expect(Array.from(flat.diverged)).toEqual(Array.from(expected.diverged));
      if (config.hyperGrid?.[1]?.gamma === 1e10)
        expect(flat.diverged.some((s) => s !== 0)).toBe(true);
    },
  );

  it('an advance cut into chunks of steps (d = 20,000: 13 steps per slice) is one uncut advance bit for bit', async () => {
    const config: EnsembleConfig = {
      ...BASE,
      problem: {
        name: 'quadratic-diag',
        dimension: 20000,
        lambdaMin: 0.01,
        lambdaMax: 1,
        sigma: 1,
      },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 0.05 }],
      trajectories: 4,
    };
    const resolved = resolveEnsemble(config);
    const sliced = CpuEnsemble.create(config);
    await sliced.advance(30);
    const expected = await sliced.exportState();
    sliced.destroy();
    const start = await initialFlat(config);
    const flat = {
      dimension: 20000,
      x: Float64Array.from(start.x),
      m: Float64Array.from(start.m),
      v: Float64Array.from(start.v),
      aux: Float64Array.from(start.aux),
      bias: Float64Array.from(start.bias),
      diverged: Uint32Array.from(start.diverged),
    };
    advanceFlat(resolved, flat, 0, 4, 0, 30);
    expect(Array.from(flat.x)).toEqual(Array.from(expected.x));
    expect(Array.from(flat.v)).toEqual(Array.from(expected.v));
    expect(Array.from(flat.bias)).toEqual(Array.from(expected.bias));
  });
});
