import { ParameterError } from '../errors.ts';
import {
  createOptimizer,
  type OptimizerDescriptor,
  type OptimizerSpec,
} from '../optimizers/index.ts';
import { createProblem, type ProblemDescriptor, type ProblemSpec } from '../problems/index.ts';
import { checkShape, shape } from '../problems/shape.ts';
import { requireFinite, requireInteger, requireNonNegative } from '../problems/validate.ts';
import { seedKey } from '../random/distributions.ts';
import { requireGenerator, type RandomGenerator } from '../random/generator.ts';
import type { Key } from '../random/philox.ts';
import { checkNetworkConfig } from './networkEnsemble.ts';

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
  /**
   * The counter-based generator of every draw: 'philox' (Philox4x32-10, the default) or
   * 'threefry' (Threefry4x32-20). Same seed, same addressing, different streams.
   */
  rng?: RandomGenerator;
  /**
   * Initial point: one number for every coordinate, or one per coordinate. Not used by the
   * network problems (mlp, logistic): their weights come from the problem's `init` scheme,
   * per trajectory (docs/network-training.md).
   */
  x0: number | readonly number[];
  /** Standard deviation of a Gaussian cloud around x0 (stream STREAM_INITIAL); default 0. */
  initialSpread?: number;
  /** Steps per dispatch K (default 64). */
  stepsPerDispatch?: number;
  /** Steps between records of `runEnsemble` (default 100). */
  recordEvery?: number;
  /** Trajectories whose full paths are recorded (at most 64; global indices, inside the shard). */
  track?: readonly number[];
  /** Trajectories per dispatch at most (rounded down to the offset alignment, ≤ 32); for tests of chunking. */
  maxTrajectoriesPerChunk?: number;
  /**
   * A shard: only trajectories `first` … `end - 1` of the N above, with exactly the random
   * streams (and the γ group) they have in the whole run. Inside one group, or whole groups.
   */
  shard?: { first: number; end: number };
  /**
   * The `cpu` backend's workers (worker threads in Node, module Web Workers in a browser): an
   * integer in [1, 64] (1: the calling thread only), or `auto` (the default: the machine's
   * cores, at most 8, when N·d ≥ 65,536 and an advance has ≥ 2^22 coordinate-updates, else
   * the calling thread). Results are the same bit for bit.
   */
  workers?: number | 'auto';
}

/** Largest number of steps of a run (the step index n is a u32 in WGSL; kept to a signed int). */
export const MAX_STEPS = 2 ** 31 - 1;

/** Largest N (trajectory indices are u32 in WGSL and Philox counters). */
export const MAX_TRAJECTORIES = 2 ** 31;

/** A validated configuration. */
export interface ResolvedEnsemble {
  problem: ProblemDescriptor;
  /** One optimizer per group of this ensemble (same name and module). */
  groups: OptimizerDescriptor[];
  /** Trajectories per group of this ensemble (the shard's part of a group when it is inside one). */
  groupSize: number;
  /** Trajectories of this ensemble (N, or the shard's end - first). */
  trajectories: number;
  /** Global index of this ensemble's trajectory 0 (0 unless a shard): its random streams. */
  firstTrajectory: number;
  /** Global index of this ensemble's group 0 (0 unless a shard). */
  firstGroup: number;
  /** N of the whole run (= trajectories unless a shard). */
  totalTrajectories: number;
  /** G of the whole run. */
  totalGroups: number;
  /** The seed's key, tagged with the run's generator (src/random/generator.ts). */
  key: Key;
  /** The run's generator (also `key.generator`): picks shaders/lib/{philox,threefry}.wgsl. */
  rng: RandomGenerator;
  x0: Float64Array;
  initialSpread: number;
  stepsPerDispatch: number;
  recordEvery: number;
  /** Tracked trajectories, as local indices. */
  track: number[];
  maxTrajectoriesPerChunk: number | undefined;
  warnings: string[];
}

/** The shape of an `EnsembleConfig` (types; the ranges are checked field by field below). */
const ENSEMBLE_CONFIG_SHAPE = shape.object(
  {
    problem: shape.object({ name: 'string' }),
    optimizer: shape.object({ name: 'string', gamma: 'number' }),
    hyperGrid: shape.array(shape.object({}), 1),
    trajectories: 'number',
    seed: shape.union('number', 'text'),
    rng: 'string',
    // NaN passes the shape check so that the range check below names the coordinate (x0[i]).
    x0: shape.union('numberOrNaN', shape.array('numberOrNaN')),
    initialSpread: 'number',
    stepsPerDispatch: 'number',
    recordEvery: 'number',
    track: shape.array('number'),
    maxTrajectoriesPerChunk: 'number',
    shard: shape.object({ first: 'number', end: 'number' }),
    workers: shape.union('number', 'text'),
  },
  [
    'hyperGrid',
    'rng',
    'initialSpread',
    'stepsPerDispatch',
    'recordEvery',
    'track',
    'maxTrajectoriesPerChunk',
    'shard',
    'workers',
  ],
);

/** Checks that `config` is an object of the documented shape; throws a ParameterError naming the field. */
export function checkEnsembleConfigShape(config: unknown): void {
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    throw new ParameterError(
      'config',
      config,
      'an object { problem, optimizer, trajectories, seed, x0, ... } (EnsembleConfig)',
    );
  checkShape(ENSEMBLE_CONFIG_SHAPE, config, 'config');
}

/** The shard of a config: global first trajectory, local count, groups covered. */
function resolveShard(
  shard: EnsembleConfig['shard'],
  total: number,
  groupCount: number,
): { first: number; count: number; firstGroup: number; groups: number; groupSize: number } {
  const fullGroup = total / groupCount;
  if (!shard)
    return { first: 0, count: total, firstGroup: 0, groups: groupCount, groupSize: fullGroup };
  const first = requireInteger('shard.first', shard.first, 0, total - 1);
  const end = requireInteger('shard.end', shard.end, first + 1, total);
  const firstGroup = Math.floor(first / fullGroup);
  const lastGroup = Math.floor((end - 1) / fullGroup);
  if (firstGroup === lastGroup)
    return { first, count: end - first, firstGroup, groups: 1, groupSize: end - first };
  if (first % fullGroup !== 0 || end % fullGroup !== 0)
    throw new ParameterError(
      'shard',
      `${first}:${end}`,
      `a range inside one γ group or made of whole groups (groups of ${fullGroup} trajectories: ${first}:${end} cuts group ${first % fullGroup !== 0 ? firstGroup : lastGroup})`,
    );
  return {
    first,
    count: end - first,
    firstGroup,
    groups: lastGroup - firstGroup + 1,
    groupSize: fullGroup,
  };
}

/** Validates a configuration; every bad field throws a `ParameterError` naming it. */
export function resolveEnsemble(config: EnsembleConfig): ResolvedEnsemble {
  checkEnsembleConfigShape(config);
  const problem = createProblem(config.problem);
  const d = problem.dimension;
  const total = requireInteger('trajectories', config.trajectories, 1, MAX_TRAJECTORIES);
  const grid = config.hyperGrid ?? [{}];
  const groupCount = requireInteger('hyperGrid.length', grid.length, 1, total);
  if (total % groupCount !== 0) {
    throw new ParameterError(
      'trajectories',
      total,
      `a multiple of hyperGrid.length = ${groupCount}`,
    );
  }
  const shard = resolveShard(config.shard, total, groupCount);
  const groups = grid
    .slice(shard.firstGroup, shard.firstGroup + shard.groups)
    .map((overrides) => createOptimizer({ ...config.optimizer, ...overrides }));
  // Every group is validated, also those outside a shard (a shard refuses what the run refuses).
  if (config.shard)
    grid.forEach((overrides) => createOptimizer({ ...config.optimizer, ...overrides }));
  const x0List =
    typeof config.x0 === 'number' ? new Array<number>(d).fill(config.x0) : [...config.x0];
  if (x0List.length !== d)
    throw new ParameterError(
      'x0.length',
      x0List.length,
      `the dimension ${d} (x0: one number for every coordinate, or ${d} numbers)`,
    );
  x0List.forEach((v, i) => requireFinite(`x0[${i}]`, v as number));
  const trackGlobal = [...(config.track ?? [])];
  if (trackGlobal.length > 64)
    throw new ParameterError('track.length', trackGlobal.length, 'at most 64');
  trackGlobal.forEach((t, i) =>
    requireInteger(`track[${i}]`, t, shard.first, shard.first + shard.count - 1),
  );
  resolveCpuWorkers(config.workers);
  const rng = requireGenerator('rng', config.rng ?? 'philox');
  const chunk = config.maxTrajectoriesPerChunk;
  if (chunk !== undefined) requireInteger('maxTrajectoriesPerChunk', chunk, 1, 2 ** 31);
  const initialSpread = requireNonNegative('initialSpread', config.initialSpread ?? 0);
  checkNetworkConfig(problem, initialSpread);
  return {
    problem,
    groups,
    groupSize: shard.groupSize,
    trajectories: shard.count,
    firstTrajectory: shard.first,
    firstGroup: shard.firstGroup,
    totalTrajectories: total,
    totalGroups: groupCount,
    key: seedKey(config.seed, rng),
    rng,
    x0: Float64Array.from(x0List),
    initialSpread,
    stepsPerDispatch: requireInteger('stepsPerDispatch', config.stepsPerDispatch ?? 64, 1, 1 << 20),
    recordEvery: requireInteger('recordEvery', config.recordEvery ?? 100, 1, MAX_STEPS),
    track: trackGlobal.map((t) => t - shard.first),
    maxTrajectoriesPerChunk: chunk,
    warnings: [...new Set(groups.flatMap((g) => g.warnings))],
  };
}

/** Most worker threads of the `cpu` backend. */
export const MAX_CPU_WORKERS = 64;

/** Validates `workers` (see EnsembleConfig): an integer in [1, 64] or 'auto' (the default). */
export function resolveCpuWorkers(workers: unknown): number | 'auto' {
  if (workers === undefined || workers === 'auto') return 'auto';
  if (
    typeof workers !== 'number' ||
    !Number.isInteger(workers) ||
    workers < 1 ||
    workers > MAX_CPU_WORKERS
  )
    throw new ParameterError('workers', workers, `an integer in [1, ${MAX_CPU_WORKERS}] or 'auto'`);
  return workers;
}

/**
 * Checks the argument of `advance(steps)`: an integer ≥ 0 whose total stays ≤ MAX_STEPS.
 * Throws a ParameterError (a string, NaN, a fraction, a negative or infinite count).
 */
export function checkAdvanceSteps(steps: unknown, done: number): number {
  if (
    typeof steps !== 'number' ||
    !Number.isInteger(steps) ||
    steps < 0 ||
    steps > MAX_STEPS - done
  )
    throw new ParameterError(
      'steps',
      steps,
      `an integer in [0, ${MAX_STEPS - done}] (at most ${MAX_STEPS} steps in all; ${done} done)`,
    );
  return steps;
}

/** Exact partial sums up to here; beyond, the Euler–Maclaurin tail (relative error < 1e-15). */
const EXACT_TERMS = 1 << 20;

/** Physical time t = Σ_{k ≤ n} γ_k of a group after `steps` steps (= n γ for a constant step). */
export function physicalTime(optimizer: OptimizerDescriptor, steps: number): number {
  const { gamma, kappa } = optimizer.hyper;
  if (kappa === 0) return steps * gamma;
  const exact = Math.min(steps, EXACT_TERMS);
  let t = 0;
  for (let k = 1; k <= exact; k++) t += gamma * k ** -kappa;
  if (steps <= exact) return t;
  // Σ_{k = K+1}^{n} k^-κ = ∫_K^n x^-κ dx + (n^-κ - K^-κ)/2 + κ (K^{-κ-1} - n^{-κ-1})/12 + …
  const K = exact;
  const n = steps;
  const integral =
    kappa === 1 ? Math.log(n / K) : (n ** (1 - kappa) - K ** (1 - kappa)) / (1 - kappa);
  const tail =
    integral +
    (n ** -kappa - K ** -kappa) / 2 +
    (kappa * (K ** (-kappa - 1) - n ** (-kappa - 1))) / 12;
  return t + gamma * tail;
}

/** Memory an ensemble needs, estimated before anything is allocated. */
export interface MemoryEstimate {
  /** Host bytes (the cpu backend's trajectories; copies of the state for checkpoints). */
  hostBytes: number;
  /** Of which JavaScript heap (the cpu backend's objects). */
  heapBytes: number;
  /** Device bytes (webgpu: every buffer). */
  deviceBytes: number;
  /** The largest single GPU buffer (webgpu; compared with maxBufferSize). */
  largestBufferBytes: number;
  /** Host bytes per trajectory and heap bytes per trajectory (to name the largest N that fits). */
  perTrajectory: { host: number; heap: number; device: number; largestBuffer: number };
  /**
   * Bytes that do not grow with N (included in the totals above): a network problem's data
   * set (its twin's float64 and float32 copies on the host, the f32 features and labels on
   * the device). `largestBuffer` is the largest such buffer.
   */
  fixed?: { host: number; heap: number; device: number; largestBuffer: number };
}

/** The sizes of a network problem's data that `estimateMemory` counts (docs/network-training.md). */
export interface NetworkMemorySizes {
  /** Train and test samples together. */
  samples: number;
  /** Train samples (the largest features buffer on the device is the train split's). */
  trainSamples: number;
  inputs: number;
}

/**
 * The memory of N trajectories of dimension d on a backend. cpu: about 1.1 kB of heap per
 * trajectory measured, counted as 1.4 kB, and 160·d bytes of typed arrays (a step allocates
 * the next state before the GC frees the last); webgpu: x, m, v, aux (16 bytes per 4-coordinate tile each), bias
 * weights (8 per tile), flags and metrics (20 per trajectory), plus host copies of the state
 * for checkpoints and a readback of the metrics for histograms. A network problem
 * (`options.network`) adds its data set once (host: float64 features and their float32 copy;
 * webgpu: the f32 features and labels of both splits) and, on webgpu, a gradient scratch of
 * 16 bytes per tile per trajectory.
 */
export function estimateMemory(
  trajectories: number,
  dimension: number,
  backend: 'webgpu' | 'cpu',
  options: { checkpoint?: boolean; histograms?: boolean; network?: NetworkMemorySizes } = {},
): MemoryEstimate {
  const tiles = Math.ceil(dimension / 4);
  let host: number;
  let heap: number;
  let device: number;
  let largest: number;
  if (backend === 'cpu') {
    heap = 1400;
    host = heap + 160 * dimension + (options.checkpoint ? 2 * 40 * dimension : 0) + 24;
    device = 0;
    largest = 0;
  } else {
    const state = tiles * (4 * 16 + 8) + 4;
    device = state + 16;
    largest = tiles * 16;
    heap = 0;
    host = (options.checkpoint ? 2 * state : 0) + (options.histograms ? 16 : 0);
  }
  // A network problem: the data set (fixed), and per trajectory the GPU's gradient scratch
  // (a vec4 per tile, at most one chunk of every trajectory) or nothing more on the cpu.
  const net = options.network;
  let fixed = { host: 0, heap: 0, device: 0, largestBuffer: 0 };
  if (net) {
    const values = net.samples * net.inputs;
    // The twin keeps the features in float64 and a float32 copy for the GPU, labels in u32.
    fixed = { host: values * 12 + net.samples * 4, heap: 0, device: 0, largestBuffer: 0 };
    if (backend === 'webgpu') {
      fixed.device = values * 4 + net.samples * 4 + 1024;
      fixed.largestBuffer = net.trainSamples * net.inputs * 4;
      device += tiles * 16;
      // The initial weights are uploaded from a host piece (float32).
      host += tiles * 16;
    }
  }
  return {
    hostBytes: host * trajectories + fixed.host,
    heapBytes: heap * trajectories + fixed.heap,
    deviceBytes: device * trajectories + fixed.device,
    largestBufferBytes: Math.max(largest * trajectories, 16 * trajectories, fixed.largestBuffer),
    perTrajectory: { host, heap, device, largestBuffer: Math.max(largest, 16) },
    ...(net ? { fixed } : {}),
  };
}
