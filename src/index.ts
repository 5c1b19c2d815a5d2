/**
 * `adamscope`: the platform-neutral engines — ensembles of stochastic-optimizer trajectories,
 * the limit ODEs, random draws, reductions, problems, optimizers, statistics, the theorem
 * lab and plotting to SVG — and every public type. Backends come from `adamscope/node`
 * (Dawn) or `adamscope/browser` (`navigator.gpu`), or are made directly: `new CpuBackend()`,
 * `await GpuSession.open(gpu)`.
 *
 * @example
 * import { CpuBackend, runEnsemble } from 'adamscope';
 * const run = await runEnsemble(
 *   { problem: { name: 'regression2d' }, optimizer: { name: 'adam', gamma: 0.01, a: 1, b: 1 },
 *     trajectories: 256, seed: 1, x0: [-2, -3] },
 *   1000,
 *   new CpuBackend(),
 * );
 */

// Backends and errors.
import { provideNetworkProblems } from './problems/index.ts';
import * as networkTwin from './problems/network/network.ts';

// The entry carries the network twin, so createProblem accepts mlp and logistic at once
// (bundles that import deeper modules load it on demand: loadNetworkProblems).
provideNetworkProblems(networkTwin);

export {
  BACKENDS,
  CPU_ADAPTER,
  CpuBackend,
  GpuSession,
  openBackend,
  type Backend,
  type BackendAdapter,
  type BackendName,
  type CpuAdapterReport,
} from './backend/index.ts';
export type { GpuSessionOptions } from './gpu/session.ts';
export {
  CliError,
  DeviceLostError,
  InterruptedError,
  OutputError,
  ResultError,
  LimitError,
  ParameterError,
  ShaderCompilationError,
} from './errors.ts';
export { VERSION } from './version.ts';

// The GPU runtime, for users who write their own kernels on top of it.
export {
  GpuRuntime,
  describeAdapter,
  type AdapterReport,
  type LimitRequest,
} from './gpu/device.ts';
export { ComputeKernel, type BufferResource, type KernelSpec } from './gpu/kernel.ts';
export { composeShader, type ComposedShader } from './gpu/compose.ts';
export {
  readStruct,
  writeStruct,
  type BindingLayout,
  type FieldLayout,
  type ShaderInterface,
  type StructLayout,
  type StructValues,
  type WgslModule,
} from './gpu/layout.ts';
export {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from './gpu/buffers.ts';

// Engines.
export * from './ensemble/index.ts';
export * from './ode/index.ts';
export { GpuReducer, type ReduceRequest } from './kernels/reduce.ts';
export { decodeSummaries, readSummaries } from './kernels/reduceDecode.ts';
export {
  Distribution,
  RandomFill,
  type DistributionName,
  type RandomFillRequest,
} from './kernels/randomFill.ts';

// Problems, optimizers, random numbers, statistics.
export * from './problems/index.ts';
export * from './problems/network/index.ts';
export { PROBLEM_FLAGS, PROBLEM_FLAG_HELP, problemFields, problemSpec } from './problems/flags.ts';
export * from './optimizers/index.ts';
export { philox4x32, type Counter, type Key } from './random/philox.ts';
export { threefry4x32, threefry4x32Key4, type Key4 } from './random/threefry.ts';
export {
  RANDOM_GENERATORS,
  counterHash,
  withGenerator,
  type RandomGenerator,
} from './random/generator.ts';
export {
  Stream,
  bernoulli4,
  normal4,
  randomBits,
  seedKey,
  uniform4,
  uniformFromBits,
} from './random/distributions.ts';
export {
  summarize,
  summarizeSegments,
  type QuantileEstimate,
  type Summary,
} from './stats/summary.ts';
export type { SummaryOptions } from './stats/summaryOptions.ts';
export { erfc, normalCdf, normalQuantile } from './stats/normal.ts';
export { wilsonInterval, type WilsonInterval } from './stats/wilson.ts';

// The theorem lab and plotting.
export * from './experiments/index.ts';
export * from './plot/index.ts';
