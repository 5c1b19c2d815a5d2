import type { WgslModule } from '../gpu/layout.ts';
import { LimitError, ParameterError } from '../errors.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import type { ProblemDescriptor } from '../problems/index.ts';
import type { NetworkProblem } from '../problems/network/network.ts';
import type { NetworkMemorySizes, ResolvedEnsemble } from './config.ts';

/**
 * Ensembles of training runs (problems `mlp` and `logistic`, `kernelPath: 'network'`):
 * the pieces of the engine that differ from the other problems.
 *
 * - Initial weights: trajectory i (global index) starts from `initialWeights(architecture,
 *   scheme, key, i)` of src/problems/network/architecture.ts (Glorot or He, drawn from the
 *   run's counter-based generator at that trajectory). They are drawn ON THE HOST, in float64,
 *   by the same function for both backends; the webgpu backend uploads them rounded to f32
 *   (`Math.fround`), so the float64 twin replays any GPU trajectory from the same point up to
 *   that rounding. `x0` is not used; `initialSpread` must be 0.
 * - Steps: kernels/ensemble_network_step.wgsl (workgroup of 64 per trajectory); the cpu twin is
 *   the problem's `gradientSample` (the mean of B per-sample gradients at the same draws)
 *   through advanceTrajectory.
 * - Records: F (training loss), ‖∇F‖ over the train split, dist = ‖∇F‖ (the critical set is
 *   unknown), and the accuracy on the held-out test split (kernels/ensemble_network_metrics.wgsl).
 */

/** Whether a problem is a network (finite-sum training problem). */
export function isNetworkProblem(problem: ProblemDescriptor): problem is NetworkProblem {
  return (problem as { kernelPath: string }).kernelPath === 'network';
}

/** The network problem of a resolved ensemble (throws if it is not one). */
export function networkOf(resolved: ResolvedEnsemble): NetworkProblem {
  const { problem } = resolved;
  if (!isNetworkProblem(problem)) throw new Error(`${problem.name} is not a network problem`);
  return problem;
}

/** The initial weights of local trajectory `trajectory` (float64, length d). */
export function networkInitialWeights(
  resolved: ResolvedEnsemble,
  trajectory: number,
): Float64Array {
  return networkOf(resolved).initialWeights(resolved.key, resolved.firstTrajectory + trajectory);
}

/** Refuses what a network ensemble cannot honour (a cloud of initial points around x0). */
export function checkNetworkConfig(problem: ProblemDescriptor, initialSpread: number): void {
  if (isNetworkProblem(problem) && initialSpread !== 0)
    throw new ParameterError(
      'initialSpread',
      initialSpread,
      `0 for the network problem ${problem.name} (its initial weights are drawn by the init scheme, Glorot or He)`,
    );
}

/** The initial optimizer state of a network trajectory (weights from the init scheme). */
export function networkInitialState(
  resolved: ResolvedEnsemble,
  trajectory: number,
  init: (x: Float64Array) => OptimizerState,
): OptimizerState {
  return init(networkInitialWeights(resolved, trajectory));
}

/** Test-split accuracy of every live trajectory (NaN when diverged), float64. */
export function networkAccuracies(
  problem: NetworkProblem,
  x: Float64Array,
  d: number,
  diverged: Uint32Array,
): Float64Array {
  const n = diverged.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] =
      (diverged[i] ?? 0) !== 0 ? NaN : problem.accuracy(x.subarray(i * d, (i + 1) * d), 'test');
  return out;
}

/** The network path's step and metrics kernels (loaded on first use; the library is the problem's `module`). */
export interface NetworkKernelModules {
  step: WgslModule;
  metrics: WgslModule;
}

let networkKernels: NetworkKernelModules | undefined;

/** Loads the network kernels (kept out of the bundles of pages that never train a network). */
export async function loadNetworkKernels(): Promise<NetworkKernelModules> {
  if (!networkKernels) {
    const [step, metrics] = await Promise.all([
      import('../generated/wgsl/kernels/ensemble_network_step.ts'),
      import('../generated/wgsl/kernels/ensemble_network_metrics.ts'),
    ]);
    networkKernels = { step: step.default, metrics: metrics.default };
  }
  return networkKernels;
}

/** The loaded network kernels (throws if `loadNetworkKernels` was not awaited). */
export function loadedNetworkKernels(): NetworkKernelModules {
  if (!networkKernels)
    throw new Error(
      'ensembleModules: the network kernels are not loaded (await loadNetworkKernels() first)',
    );
  return networkKernels;
}

/**
 * Per-sample gradient evaluations per second of a run: N × steps × B / seconds (one
 * evaluation = one forward and backward pass of one sample for one trajectory).
 */
export function sampleGradientRate(
  trajectories: number,
  steps: number,
  batch: number,
  seconds: number,
): number {
  return seconds > 0 ? (trajectories * steps * batch) / seconds : NaN;
}

/** The `network` option of `estimateMemory` for a problem ({} when it is not a network). */
export function networkMemoryOption(problem: ProblemDescriptor): { network?: NetworkMemorySizes } {
  if (!isNetworkProblem(problem)) return {};
  const { train, test } = problem.data;
  return {
    network: {
      samples: train.count + test.count,
      trainSamples: train.count,
      inputs: train.inputs,
    },
  };
}

/**
 * Storage buffers per shader stage the network step kernel binds
 * (kernels/ensemble_network_step.wgsl: 8 in group 0; problems/network.wgsl: 1 in group 1, the
 * packed networkData of src/problems/network/gpuData.ts). WebGPU's default limit is 8; Chrome's
 * SwiftShader adapter gives 10. Checked against the WGSL by test/contract/networkStorage.test.ts.
 */
export const NETWORK_STEP_STORAGE_BUFFERS = 9;

/**
 * Why `device` cannot bind the network step kernel (its `maxStorageBuffersPerShaderStage` is
 * under NETWORK_STEP_STORAGE_BUFFERS), or undefined when it can: the one test behind the
 * refusal below and the landscape's fallback to the cpu backend.
 */
export function networkStorageShortfall(device: GPUDevice): string | undefined {
  const available = device.limits.maxStorageBuffersPerShaderStage;
  return available < NETWORK_STEP_STORAGE_BUFFERS
    ? `the network step kernel binds ${NETWORK_STEP_STORAGE_BUFFERS} storage buffers per shader stage; this adapter allows maxStorageBuffersPerShaderStage = ${available}`
    : undefined;
}

/** Refuses a network ensemble on a device that cannot bind its step kernel (a LimitError naming the limit). */
export function checkNetworkStorageLimit(problem: ProblemDescriptor, device: GPUDevice): void {
  if (!isNetworkProblem(problem)) return;
  const shortfall = networkStorageShortfall(device);
  if (shortfall !== undefined)
    throw new LimitError(
      `the network problem ${problem.name} on webgpu: ${shortfall} (use the cpu backend)`,
    );
}
