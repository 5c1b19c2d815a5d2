import { describe, expect, it } from 'vitest';
import { CpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { hasFastPath } from '../../src/ensemble/cpuKernels.ts';
import { blockBits, fillNormals, mulHiExact, philoxBlock } from '../../src/ensemble/cpuRandom.ts';
import { advanceTrajectory, initialTrajectoryState } from '../../src/ensemble/cpuTrajectory.ts';
import type { TrajectoryState } from '../../src/ensemble/types.ts';
import { normal4, seedKey, Stream } from '../../src/random/distributions.ts';
import { mulHi32, philox4x32 } from '../../src/random/philox.ts';

/**
 * The cpu backend's fast path (flat arrays, in-place kernels: src/ensemble/cpuKernels.ts) is
 * a second implementation of the reference `advanceTrajectory` (the problems' gradientSample
 * and the optimizers' pure update). They must agree bit for bit: every float64 of x, m, v,
 * aux and the bias weights, and the step of divergence, over problems × optimizers × settings.
 */

/** Steps of the reference, per trajectory, in the same chunks as the ensemble. */
function reference(config: EnsembleConfig, chunks: readonly number[]): TrajectoryState[] {
  const resolved = resolveEnsemble(config);
  return Array.from({ length: resolved.trajectories }, (_, i) => {
    let t: TrajectoryState = {
      state: initialTrajectoryState(resolved, i),
      divergedAtStep: undefined,
    };
    let done = 0;
    for (const steps of chunks) {
      t = advanceTrajectory(resolved, i, t, done, done + steps);
      done += steps;
    }
    return t;
  });
}

/** Indices where two float64 arrays differ in their bits (NaN = NaN, 0 ≠ -0). */
function bitDifferences(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

const quadDiag = {
  name: 'quadratic-diag',
  dimension: 10,
  lambdaMin: 0.01,
  lambdaMax: 1,
  sigma: 0.5,
} as const;

const CASES: [string, EnsembleConfig, number[]][] = [
  [
    'quadratic-diag, adam, γ grid, spread',
    {
      problem: quadDiag,
      optimizer: { name: 'adam', gamma: 0.01 },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 0.05 }],
      trajectories: 8,
      seed: 1,
      x0: 1,
      initialSpread: 0.3,
    },
    [37, 63],
  ],
  [
    'quadratic-diag d = 7, adam keras preset',
    {
      problem: { ...quadDiag, dimension: 7 },
      optimizer: { name: 'adam', preset: 'keras', gamma: 0.02 },
      trajectories: 4,
      seed: 'k',
      x0: [1, -2, 3, 0.5, 0, 2, 1],
    },
    [80],
  ],
  [
    'quadratic-diag d = 5, adam optax preset',
    {
      problem: { ...quadDiag, dimension: 5, xStar: 0.5 },
      optimizer: { name: 'adam', preset: 'optax', gamma: 0.02 },
      trajectories: 4,
      seed: 2,
      x0: 1,
    },
    [80],
  ],
  [
    'quadratic-diag, adam-nodebias and a/b scaling',
    {
      problem: quadDiag,
      optimizer: { name: 'adam-nodebias', gamma: 0.01, a: 10, b: 2 },
      trajectories: 4,
      seed: 3,
      x0: 1,
    },
    [50, 50],
  ],
  [
    'quadratic-diag, adam-decreasing (γ_n = γ n^-κ, α_n = 1 - aγ_n)',
    {
      problem: quadDiag,
      optimizer: { name: 'adam-decreasing', gamma: 0.05, a: 5, b: 1, kappa: 0.75 },
      trajectories: 4,
      seed: 4,
      x0: 1,
    },
    [100],
  ],
  [
    'quadratic-dense d = 6, adam, γ grid, spread',
    {
      problem: { name: 'quadratic-dense', dimension: 6, condition: 10, sigma: 0.1 },
      optimizer: { name: 'adam', gamma: 0.01 },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 0.03 }],
      trajectories: 8,
      seed: 3,
      x0: 1,
      initialSpread: 0.2,
    },
    [30, 45],
  ],
  [
    'quadratic-dense d = 9, sgd',
    {
      problem: { name: 'quadratic-dense', dimension: 9, condition: 5, sigma: 0.3, xStar: 1 },
      optimizer: { name: 'sgd', gamma: 0.05 },
      trajectories: 4,
      seed: 5,
      x0: 0,
    },
    [60],
  ],
  [
    'double-well, sgd-decreasing',
    {
      problem: { name: 'double-well', kappa: 2, sigma: 0.3 },
      optimizer: { name: 'sgd-decreasing', gamma: 0.2 },
      trajectories: 8,
      seed: 6,
      x0: [0.01, 0.5],
      initialSpread: 0.1,
    },
    [100],
  ],
  [
    'rosenbrock, heavy-ball and nesterov groups',
    {
      problem: { name: 'rosenbrock', sigma: 0.1 },
      optimizer: { name: 'heavy-ball', gamma: 1e-4, momentum: 0.8 },
      hyperGrid: [{ gamma: 1e-4 }, { gamma: 3e-4 }],
      trajectories: 4,
      seed: 7,
      x0: [-1, 1],
    },
    [100],
  ],
  [
    'rosenbrock, nesterov',
    {
      problem: { name: 'rosenbrock', sigma: 0.1 },
      optimizer: { name: 'nesterov', gamma: 1e-4, momentum: 0.9 },
      trajectories: 4,
      seed: 8,
      x0: [-1, 1],
    },
    [100],
  ],
  [
    'regression2d, adagrad',
    {
      problem: { name: 'regression2d', p: 0.3, sigma: 1 },
      optimizer: { name: 'adagrad', gamma: 0.3 },
      trajectories: 8,
      seed: 9,
      x0: [0, 0],
    },
    [120],
  ],
  [
    'regression2d, adam (the paper figure)',
    {
      problem: { name: 'regression2d' },
      optimizer: { name: 'adam', gamma: 0.05, alpha: 0.9, beta: 0.99 },
      trajectories: 8,
      seed: 10,
      x0: [0, 0],
    },
    [120],
  ],
  [
    'reddi, amsgrad debiased (projection onto [-1, 1])',
    {
      problem: { name: 'reddi', bigC: 10, delta: 1 },
      optimizer: { name: 'amsgrad', gamma: 0.05, debias: true },
      trajectories: 8,
      seed: 11,
      x0: 0.5,
    },
    [150],
  ],
  [
    'reddi, adam and rmsprop-like β',
    {
      problem: { name: 'reddi', bigC: 3, delta: 0.5 },
      optimizer: { name: 'adam', gamma: 0.1, alpha: 0, beta: 0.9 },
      trajectories: 8,
      seed: 12,
      x0: 0,
    },
    [150],
  ],
  [
    'quartic d = 9, rmsprop debiased',
    {
      problem: { name: 'quartic', dimension: 9, sigma: 0.2 },
      optimizer: { name: 'rmsprop', gamma: 0.01, debias: true },
      trajectories: 4,
      seed: 13,
      x0: 1,
      initialSpread: 0.5,
    },
    [100],
  ],
  [
    'quartic d = 3, amsgrad not debiased',
    {
      problem: { name: 'quartic', dimension: 3, sigma: 0.2 },
      optimizer: { name: 'amsgrad', gamma: 0.01 },
      trajectories: 4,
      seed: 14,
      x0: 1,
    },
    [100],
  ],
  [
    'a shard of a γ grid (global random streams)',
    {
      problem: quadDiag,
      optimizer: { name: 'adam', gamma: 0.01 },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 0.05 }, { gamma: 0.1 }],
      trajectories: 12,
      shard: { first: 4, end: 8 },
      seed: 15,
      x0: 1,
    },
    [60],
  ],
  [
    'diverging: sgd with γλ > 2 on quadratic-diag, and on quartic',
    {
      problem: { name: 'quadratic-diag', dimension: 3, lambdaMin: 1, lambdaMax: 1, sigma: 0.1 },
      optimizer: { name: 'sgd', gamma: 5 },
      hyperGrid: [{ gamma: 5 }, { gamma: 0.1 }],
      trajectories: 4,
      seed: 16,
      x0: 1,
    },
    [300, 300],
  ],
  [
    'diverging: quartic with a large step',
    {
      problem: { name: 'quartic', dimension: 2, sigma: 0.1 },
      optimizer: { name: 'heavy-ball', gamma: 0.5 },
      trajectories: 4,
      seed: 17,
      x0: 3,
    },
    [50],
  ],
];

// Every case again with Threefry4x32-20 draws (rng: 'threefry'): the same kernels, the other
// generator in cpuRandom.ts's drawBlock.
const THREEFRY_CASES: [string, EnsembleConfig, number[]][] = CASES.map(([name, config, chunks]) => [
  `${name}, threefry`,
  { ...config, rng: 'threefry' },
  chunks,
]);

describe('cpu backend fast path: bit for bit the reference', () => {
  it.each([...CASES, ...THREEFRY_CASES])('%s', async (_name, config, chunks) => {
    expect(hasFastPath(resolveEnsemble(config))).toBe(true);
    const ensemble = CpuEnsemble.create(config);
    for (const steps of chunks) await ensemble.advance(steps);
    const state = await ensemble.exportState();
    const ref = reference(config, chunks);
    const d = state.dimension;
    const flatten = (pick: (t: TrajectoryState) => ArrayLike<number>) =>
      ref.flatMap((t) => Array.from(pick(t)));
    expect(
      bitDifferences(
        state.x,
        flatten((t) => t.state.x),
      ),
    ).toEqual([]);
    expect(
      bitDifferences(
        state.m,
        flatten((t) => t.state.m),
      ),
    ).toEqual([]);
    expect(
      bitDifferences(
        state.v,
        flatten((t) => t.state.v),
      ),
    ).toEqual([]);
    expect(
      bitDifferences(
        state.aux,
        flatten((t) => t.state.aux),
      ),
    ).toEqual([]);
    expect(
      bitDifferences(
        state.bias,
        flatten((t) => t.state.bias),
      ),
    ).toEqual([]);
    expect(Array.from(state.diverged)).toEqual(ref.map((t) => t.divergedAtStep ?? 0));
    expect(state.x.length).toBe(ref.length * d);
  });

  it('the diverging cases do diverge (some trajectories, not all)', async () => {
    for (const [name, config, chunks] of CASES.filter(([n]) => n.startsWith('diverging'))) {
      const ensemble = CpuEnsemble.create(config);
      for (const steps of chunks) await ensemble.advance(steps);
      const { diverged } = await ensemble.exportState();
      expect(
        diverged.some((s) => s > 0),
        name,
      ).toBe(true);
    }
  });
});

describe('cpu backend fast path: allocation-free draws', () => {
  it('mulHiExact is the exact high word (= mulHi32) on edge and random u32 pairs', () => {
    const edges = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    const pairs: [number, number][] = [];
    for (const a of edges) for (const b of edges) pairs.push([a, b]);
    let s = 12345;
    const next = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s;
    };
    for (let i = 0; i < 200000; i++) pairs.push([next(), next()]);
    for (const m of [0xd2511f53, 0xcd9e8d57])
      for (let i = 0; i < 50000; i++) pairs.push([m, next()]);
    const bad = pairs.filter(([a, b]) => mulHiExact(a, b) !== mulHi32(a, b));
    expect(bad.slice(0, 5)).toEqual([]);
    expect(mulHiExact(0xffffffff, 0xffffffff)).toBe(0xfffffffe);
  });

  it('philoxBlock gives philox4x32 on counters and keys with the top bit set', () => {
    let s = 777;
    const next = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s;
    };
    const counters: [number, number, number, number, number, number][] = [
      [0, 0, 0, 0, 0, 0],
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0x80000000, 2 ** 31 - 1, 2 ** 31 - 1, 7, 0x9e3779b9, 0xbb67ae85],
    ];
    for (let i = 0; i < 2000; i++) counters.push([next(), next(), next(), next(), next(), next()]);
    for (const [c0, c1, c2, c3, k0, k1] of counters) {
      philoxBlock(c0, c1, c2, c3, k0, k1);
      const ref = philox4x32([c0, c1, c2, c3], [k0, k1]);
      expect(Array.from(blockBits)).toEqual(Array.from(ref));
    }
  });

  it.each(['philox', 'threefry'] as const)(
    'fillNormals gives normal4 lane by lane, bit for bit (any count and offset), %s',
    (generator) => {
      const key = seedKey(99, generator);
      for (const count of [1, 2, 3, 4, 5, 11, 100]) {
        const out = new Float64Array(count + 8);
        fillNormals(key, 1234, 567, 2, Stream.gradient, count, out, 3);
        for (let j = 0; j < count; j++) {
          const lane = normal4(key, 1234, 567, 2 + Math.floor(j / 4), Stream.gradient)[j % 4];
          expect(Object.is(out[3 + j], lane), `count ${count}, j ${j}`).toBe(true);
        }
      }
    },
  );
});
