import type { ComputeKernel } from '../gpu/kernel.ts';
import type { WgslModule } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import { ensembleAdvance, philox, random, threefry } from '../generated/wgsl/lib/index.ts';
import { tile } from '../generated/wgsl/problems/index.ts';
import { sgd, state } from '../generated/wgsl/optimizers/index.ts';
import {
  ensembleInit,
  ensembleMetrics,
  ensembleMoments,
  ensembleStep,
} from '../generated/wgsl/kernels/index.ts';
import type { ResolvedEnsemble } from './config.ts';
import { ParameterError } from '../errors.ts';

/** Workgroup size of the ensemble kernels (threads per workgroup). */
export const ENSEMBLE_WORKGROUP = 64;

/** The generator module of each `rng` (both define `counterHash`, called by lib/random.wgsl). */
export const GENERATOR_MODULES = { philox, threefry } as const;

/** Trajectories per workgroup of the quadratic-dense step kernel (ensemble_dense_step.wgsl). */
export const DENSE_BLOCK_TRAJECTORIES = 32;

/** The four kernels of a tiled ensemble, composed from the problem and optimizer modules. */
export interface EnsembleKernels {
  init: ComputeKernel;
  step: ComputeKernel;
  metrics: ComputeKernel;
  moments: ComputeKernel;
}

/** The step and metrics kernels of the quadratic-dense path (ensemble_dense_*.wgsl). */
export interface DenseKernelModules {
  step: WgslModule;
  metrics: WgslModule;
}

let denseKernels: DenseKernelModules | undefined;

/**
 * Loads the quadratic-dense kernels on first use: they are large WGSL modules that most runs
 * (and every figure but the dense ones) never need, so they stay out of the bundles.
 */
export async function loadDenseKernels(): Promise<DenseKernelModules> {
  if (!denseKernels) {
    const [step, metrics] = await Promise.all([
      import('../generated/wgsl/kernels/ensemble_dense_step.ts'),
      import('../generated/wgsl/kernels/ensemble_dense_metrics.ts'),
    ]);
    denseKernels = { step: step.default, metrics: metrics.default };
  }
  return denseKernels;
}

/**
 * Module lists (the pipeline cache keys) of the tiled ensemble kernels. The quadratic-dense
 * path needs its kernels loaded first (`loadDenseKernels`, which `createEnsembleKernels` awaits).
 */
export function ensembleModules(
  resolved: ResolvedEnsemble,
): Record<keyof EnsembleKernels, WgslModule[]> {
  if (resolved.problem.kernelPath === 'network') {
    throw new ParameterError(
      'problem',
      resolved.problem.name,
      "a problem of kernelPath 'tiled' or 'dense': the GPU ensemble does not support kernelPath 'network' (mlp, logistic) yet; use backend 'cpu'",
    );
  }
  const problem = [GENERATOR_MODULES[resolved.rng], random, tile, resolved.problem.module];
  const optimizer = resolved.groups[0]?.module ?? sgd;
  // quadratic-dense: workgroup per trajectory (ensemble_dense_*.wgsl); others: thread per tile.
  if (resolved.problem.kernelPath === 'dense') {
    if (!denseKernels) {
      throw new Error(
        `ensembleModules: the quadratic-dense kernels are not loaded (await loadDenseKernels() first)`,
      );
    }
    return {
      init: [...problem, ensembleInit],
      step: [...problem, state, optimizer, denseKernels.step],
      metrics: [...problem, denseKernels.metrics],
      moments: [ensembleMoments],
    };
  }
  return {
    init: [...problem, ensembleInit],
    step: [...problem, state, optimizer, ensembleAdvance, ensembleStep],
    metrics: [...problem, ensembleMetrics],
    moments: [ensembleMoments],
  };
}

/** `override` value of optimizers/state.wgsl that reads a flag from OptimizerHyper at run time. */
export const OPTIMIZER_RUNTIME = 2;

/**
 * The `override` constants that specialise a step kernel to the run's optimizer variant
 * (optimizers/state.wgsl): debiasing, scaled moment weights, the ε form and a decaying step
 * γ_n = γ₀ n^(−κ). A flag that every hyperparameter group shares becomes a constant (the
 * compiler removes its branch); one that differs between groups stays a run-time read
 * (OPTIMIZER_RUNTIME). Part of the pipeline cache key, like every constant.
 */
export function optimizerConstants(resolved: ResolvedEnsemble): Record<string, number> {
  const flag = (value: (hyper: ResolvedEnsemble['groups'][number]['hyper']) => number) => {
    const values = new Set(resolved.groups.map((g) => value(g.hyper)));
    const [only] = values;
    return values.size === 1 && only !== undefined ? only : OPTIMIZER_RUNTIME;
  };
  return {
    OPTIMIZER_DEBIAS: flag((h) => h.debias),
    OPTIMIZER_SCALED: flag((h) => h.scaled),
    OPTIMIZER_EPSILON_FORM: flag((h) => h.epsilonForm),
    OPTIMIZER_DECAYING: flag((h) => (h.kappa === 0 ? 0 : 1)),
  };
}

/** Compiles (or reuses) the kernels of `resolved`. */
export async function createEnsembleKernels(
  session: GpuSession,
  resolved: ResolvedEnsemble,
): Promise<EnsembleKernels> {
  if (resolved.problem.kernelPath === 'dense') await loadDenseKernels();
  const modules = ensembleModules(resolved);
  const label = `Ensemble.${resolved.problem.name}.${resolved.groups[0]?.name ?? ''}`;
  const dense = resolved.problem.kernelPath === 'dense';
  const [init, step, metrics, moments] = await Promise.all(
    (['init', 'step', 'metrics', 'moments'] as const).map((part) => {
      // The dense step and metrics kernels have a fixed workgroup of 64 (their reductions).
      const fixed = dense && (part === 'step' || part === 'metrics');
      const constants = {
        ...(fixed ? {} : { WORKGROUP_SIZE: ENSEMBLE_WORKGROUP }),
        ...(part === 'step' ? optimizerConstants(resolved) : {}),
      };
      return session.kernel({
        label: `${label}.${part}`,
        modules: modules[part],
        constants,
      });
    }),
  );
  if (!init || !step || !metrics || !moments) throw new Error(`${label}: kernel creation failed`);
  return { init, step, metrics, moments };
}

/** A contiguous range of trajectories processed by one dispatch, and its byte ranges. */
export interface Chunk {
  first: number;
  count: number;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Splits N trajectories into chunks so that each chunk's per-tile ranges fit one storage
 * binding and start at offsets aligned to `minStorageBufferOffsetAlignment` (per-tile arrays
 * hold 16 bytes per tile for the state, 8 for the bias weights). Never truncates.
 */
export function planChunks(
  trajectories: number,
  tileCount: number,
  limits: {
    maxStorageBufferBindingSize: number;
    minStorageBufferOffsetAlignment: number;
    maxComputeWorkgroupsPerDimension: number;
  },
  forcedMaximum?: number,
): Chunk[] {
  const alignmentTiles = limits.minStorageBufferOffsetAlignment / 8;
  const align = alignmentTiles / gcd(tileCount, alignmentTiles);
  const byBinding = Math.floor(limits.maxStorageBufferBindingSize / (16 * tileCount));
  const byDispatch = Math.floor(
    (limits.maxComputeWorkgroupsPerDimension ** 2 * ENSEMBLE_WORKGROUP) / tileCount,
  );
  let size = Math.min(trajectories, byBinding, byDispatch, forcedMaximum ?? Infinity);
  if (size < trajectories) size = Math.floor(size / align) * align;
  if (size < 1) {
    throw new Error(
      `Ensemble: one trajectory of ${tileCount} tiles does not fit an aligned storage binding`,
    );
  }
  const chunks: Chunk[] = [];
  for (let first = 0; first < trajectories; first += size) {
    chunks.push({ first, count: Math.min(size, trajectories - first) });
  }
  return chunks;
}
