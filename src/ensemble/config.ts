import { ParameterError } from '../errors.ts';
import {
  createOptimizer,
  type OptimizerDescriptor,
  type OptimizerSpec,
} from '../optimizers/index.ts';
import { createProblem, type ProblemDescriptor, type ProblemSpec } from '../problems/index.ts';
import { requireFinite, requireInteger, requireNonNegative } from '../problems/validate.ts';
import { seedKey } from '../random/distributions.ts';
import type { Key } from '../random/philox.ts';

/**
 * What to simulate: N trajectories of one optimizer on one problem.
 *
 * @example
 * const config: EnsembleConfig = {
 *   problem: { name: 'quadratic-diag', dimension: 100, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
 *   optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
 *   hyperGrid: [{ gamma: 1e-3 }, { gamma: 1e-2 }],   // 2 groups of N/2 contiguous trajectories
 *   trajectories: 4096, seed: 1, x0: 1, recordEvery: 100,
 * };
 */
export interface EnsembleConfig {
  problem: ProblemSpec;
  optimizer: OptimizerSpec;
  /** G groups: group g (trajectories g·N/G … (g+1)·N/G - 1) uses optimizer ∪ hyperGrid[g]. */
  hyperGrid?: readonly Partial<Omit<OptimizerSpec, 'name'>>[];
  /** N ≥ 1, a multiple of the number of groups. */
  trajectories: number;
  seed: number | string;
  /** Initial point: one number for every coordinate, or one per coordinate. */
  x0: number | readonly number[];
  /** Standard deviation of a Gaussian cloud around x0 (stream STREAM_INITIAL); default 0. */
  initialSpread?: number;
  /** Steps per dispatch K (default 64). */
  stepsPerDispatch?: number;
  /** Steps between records of `runEnsemble` (default 100). */
  recordEvery?: number;
  /** Trajectories whose full paths are recorded (at most 64). */
  track?: readonly number[];
  /** Trajectories per dispatch at most (rounded down to the offset alignment, ≤ 32); for tests of chunking. */
  maxTrajectoriesPerChunk?: number;
}

/** A validated configuration. */
export interface ResolvedEnsemble {
  problem: ProblemDescriptor;
  /** One optimizer per group (same name and module). */
  groups: OptimizerDescriptor[];
  groupSize: number;
  trajectories: number;
  key: Key;
  x0: Float64Array;
  initialSpread: number;
  stepsPerDispatch: number;
  recordEvery: number;
  track: number[];
  maxTrajectoriesPerChunk: number | undefined;
  warnings: string[];
}

/** Validates a configuration; every bad field throws a `ParameterError` naming it. */
export function resolveEnsemble(config: EnsembleConfig): ResolvedEnsemble {
  const problem = createProblem(config.problem);
  const d = problem.dimension;
  const trajectories = requireInteger('trajectories', config.trajectories, 1, 2 ** 31);
  const grid = config.hyperGrid ?? [{}];
  const groupCount = requireInteger('hyperGrid.length', grid.length, 1, trajectories);
  if (trajectories % groupCount !== 0) {
    throw new ParameterError(
      'trajectories',
      trajectories,
      `a multiple of hyperGrid.length = ${groupCount}`,
    );
  }
  const groups = grid.map((overrides) => createOptimizer({ ...config.optimizer, ...overrides }));
  const x0List =
    typeof config.x0 === 'number' ? new Array<number>(d).fill(config.x0) : [...config.x0];
  if (x0List.length !== d)
    throw new ParameterError('x0.length', x0List.length, `the dimension ${d}`);
  x0List.forEach((v, i) => requireFinite(`x0[${i}]`, v));
  const track = [...(config.track ?? [])];
  if (track.length > 64) throw new ParameterError('track.length', track.length, 'at most 64');
  track.forEach((t, i) => requireInteger(`track[${i}]`, t, 0, trajectories - 1));
  const chunk = config.maxTrajectoriesPerChunk;
  if (chunk !== undefined) requireInteger('maxTrajectoriesPerChunk', chunk, 1, 2 ** 31);
  const seed = config.seed;
  if (typeof seed === 'number') requireFinite('seed', seed);
  return {
    problem,
    groups,
    groupSize: trajectories / groupCount,
    trajectories,
    key: seedKey(seed),
    x0: Float64Array.from(x0List),
    initialSpread: requireNonNegative('initialSpread', config.initialSpread ?? 0),
    stepsPerDispatch: requireInteger('stepsPerDispatch', config.stepsPerDispatch ?? 64, 1, 1 << 20),
    recordEvery: requireInteger('recordEvery', config.recordEvery ?? 100, 1, 2 ** 31),
    track,
    maxTrajectoriesPerChunk: chunk,
    warnings: [...new Set(groups.flatMap((g) => g.warnings))],
  };
}

/** Physical time t = Σ_{k ≤ n} γ_k of a group after `steps` steps (= n γ for a constant step). */
export function physicalTime(optimizer: OptimizerDescriptor, steps: number): number {
  const { gamma, kappa } = optimizer.hyper;
  if (kappa === 0) return steps * gamma;
  let t = 0;
  for (let k = 1; k <= steps; k++) t += gamma * k ** -kappa;
  return t;
}
