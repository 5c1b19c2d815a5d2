import { readBuffer, uploadStorage } from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import type { ComputeKernel } from '../gpu/kernel.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { Backend } from '../backend/index.ts';
import * as observerWgsl from '../generated/wgsl/observers/index.ts';
import { ensembleStepObserved } from '../generated/wgsl/kernels/index.ts';
import { writeStruct } from '../gpu/layout.ts';
import { GpuReducer } from '../kernels/reduce.ts';
import { summarizeSegments, type Summary } from '../stats/summary.ts';
import type { SummaryOptions } from '../stats/summaryOptions.ts';
import {
  checkAdvanceSteps,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
import { yieldEvery } from './yieldEvery.ts';
import { initialTrajectoryState, optimizerOf } from './cpuTrajectory.ts';
import { GpuEnsemble } from './gpuEnsemble.ts';
import {
  ENSEMBLE_WORKGROUP,
  ensembleModules,
  loadGeneratorModule,
  optimizerConstants,
} from './gpuKernels.ts';
import {
  cpuObserver,
  OBSERVER_MODULES,
  observerGpuData,
  validateObserver,
  type CpuObserverUpdate,
  type ObserverSpec,
} from './observers.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import { loadProblemCode } from '../problems/index.ts';

/** Options of a per-group summary of one observation lane (segments, offset, stride are set). */
export type LaneSummaryOptions = Omit<SummaryOptions, 'segments' | 'offset' | 'stride'>;

/**
 * An ensemble whose step kernel carries an observer (src/ensemble/observers.ts): after every
 * accepted step n ≤ lastStep of its group, each trajectory folds its state into a vec4
 * observation. Only single-tile problems (d ≤ 4, thread per trajectory): one observation per
 * trajectory, `observations[4·i + lane]`.
 */
export interface ObservedEnsemble {
  readonly backend: 'webgpu' | 'cpu';
  readonly resolved: ResolvedEnsemble;
  /** Steps requested so far (a group stops at its lastStep). */
  readonly step: number;
  advance(steps: number): Promise<void>;
  /** Every observation, 4 per trajectory (float64 copy). */
  readObservations(): Promise<Float64Array>;
  /** One Summary per γ group of observation lane `lane` (GPU: GpuReducer; CPU: exact). */
  summarizeLane(lane: number, options?: LaneSummaryOptions): Promise<Summary[]>;
  /** Diverged trajectories per group. */
  divergedPerGroup(): Promise<number[]>;
  destroy(): void;
}

/** Builds an observed ensemble on a backend (initial points drawn, observations zero). */
export async function createObservedEnsemble(
  config: EnsembleConfig,
  observer: ObserverSpec,
  backend: Backend,
): Promise<ObservedEnsemble> {
  await loadProblemCode((config as Partial<EnsembleConfig> | null)?.problem);
  return backend.kind === 'webgpu'
    ? GpuObservedEnsemble.create(backend, config, observer)
    : CpuObservedEnsemble.create(config, observer);
}

function checkSteps(steps: number, done = 0): void {
  checkAdvanceSteps(steps, done);
}

/** The webgpu backend: GpuEnsemble's buffers, stepped by kernels/ensemble_step_observed.wgsl. */
export class GpuObservedEnsemble implements ObservedEnsemble {
  readonly backend = 'webgpu';
  private stepsDone = 0;

  private constructor(
    private readonly base: GpuEnsemble,
    private readonly kernel: ComputeKernel,
    private readonly observations: GPUBuffer,
    private readonly observerGroups: GPUBuffer,
    private readonly reference: GPUBuffer | undefined,
  ) {}

  static async create(
    session: GpuSession,
    config: EnsembleConfig,
    observer: ObserverSpec,
  ): Promise<GpuObservedEnsemble> {
    const resolved = resolveEnsemble(config);
    validateObserver(observer, resolved);
    if (resolved.problem.kernelPath !== 'tiled')
      throw new ParameterError('problem', resolved.problem.name, 'a tiled problem (observers)');
    await loadGeneratorModule(resolved.rng);
    const modules = ensembleModules(resolved).step.slice(0, -1);
    modules.push(observerWgsl.observer, OBSERVER_MODULES[observer.kind], ensembleStepObserved);
    const kernel = await session.kernel({
      label: `ObservedEnsemble.${resolved.problem.name}.${observer.kind}`,
      modules,
      constants: { WORKGROUP_SIZE: ENSEMBLE_WORKGROUP, ...optimizerConstants(resolved) },
    });
    const device = await session.device();
    const data = observerGpuData(observer);
    const limit = device.limits.maxStorageBufferBindingSize;
    if (data.reference.byteLength > limit)
      throw new ParameterError(
        'observer.reference',
        `${data.reference.length / 12} samples (${data.reference.byteLength} bytes)`,
        `at most ${Math.floor(limit / 48)} samples (one storage binding of ${limit} bytes)`,
      );
    const base = await GpuEnsemble.create(session, config);
    const layout = observerWgsl.observer.structs.ObserverGroup;
    const bytes = new DataView(new ArrayBuffer(layout.size * data.groups.length));
    data.groups.forEach((g, i) => writeStruct(layout, g, bytes, i * layout.size));
    const observerGroups = uploadStorage(
      device,
      'ObservedEnsemble.observerGroups',
      new Uint8Array(bytes.buffer),
    );
    const reference =
      observer.kind === 'sup-distance'
        ? uploadStorage(device, 'ObservedEnsemble.reference', data.reference)
        : undefined;
    const observations = uploadStorage(
      device,
      'ObservedEnsemble.observations',
      new Float32Array(resolved.trajectories * 4),
    );
    return new GpuObservedEnsemble(base, kernel, observations, observerGroups, reference);
  }

  get resolved(): ResolvedEnsemble {
    return this.base.resolved;
  }

  get step(): number {
    return this.stepsDone;
  }

  /** The plain ensemble (positions buffer, readTrajectory, finalMoments). */
  get ensemble(): GpuEnsemble {
    return this.base;
  }

  async advance(steps: number): Promise<void> {
    checkSteps(steps, this.stepsDone);
    const context = this.base.gpuContext;
    const kernel = this.kernel;
    const observer = kernel.bind(
      {
        observerGroups: this.observerGroups,
        ...(this.reference ? { observerReference: this.reference } : {}),
      },
      2,
    );
    const encoder = context.device.createCommandEncoder({ label: 'ObservedEnsemble.stepEncoder' });
    const pass = context.session.beginComputePass(encoder, { label: 'ObservedEnsemble.stepPass' });
    const uniforms = context.encodeSteps(
      pass,
      kernel,
      this.stepsDone + 1,
      steps,
      [observer],
      (chunk) => ({
        observations: context.range(this.observations, chunk, 16),
      }),
    );
    pass.end();
    context.device.queue.submit([encoder.finish()]);
    for (const buffer of uniforms) buffer.destroy();
    this.stepsDone += steps;
    await Promise.resolve();
  }

  async readObservations(): Promise<Float64Array> {
    const device = this.base.device;
    return Float64Array.from(new Float32Array(await readBuffer(device, this.observations)));
  }

  async summarizeLane(lane: number, options: LaneSummaryOptions = {}): Promise<Summary[]> {
    const reducer = await GpuReducer.shared(this.base.gpuContext.session);
    return reducer.summarizeSegments(this.observations, this.resolved.trajectories, {
      ...options,
      segments: this.resolved.groups.length,
      offset: lane,
      stride: 4,
    });
  }

  async divergedPerGroup(): Promise<number[]> {
    const { device, diverged } = this.base.gpuContext;
    return countPerGroup(this.resolved, new Uint32Array(await readBuffer(device, diverged)));
  }

  destroy(): void {
    for (const b of [this.observations, this.observerGroups, this.reference]) b?.destroy();
    this.base.destroy();
  }
}

function countPerGroup(resolved: ResolvedEnsemble, flags: ArrayLike<number>): number[] {
  const counts = resolved.groups.map(() => 0);
  for (let i = 0; i < resolved.trajectories; i++) {
    const g = Math.floor(i / resolved.groupSize);
    if ((flags[i] ?? 0) !== 0) counts[g] = (counts[g] ?? 0) + 1;
  }
  return counts;
}

function allFinite(state: OptimizerState): boolean {
  for (const v of [state.x, state.m, state.v])
    for (const value of v) if (!Number.isFinite(value)) return false;
  return true;
}

/** The cpu backend: float64 twin of the observed step kernel (same draws, same observer). */
export class CpuObservedEnsemble implements ObservedEnsemble {
  readonly backend = 'cpu';
  private stepsDone = 0;
  private readonly states: OptimizerState[];
  private readonly divergedAt: number[];
  private readonly observations: Float64Array;
  private readonly update: CpuObserverUpdate;

  private constructor(
    readonly resolved: ResolvedEnsemble,
    private readonly observer: ObserverSpec,
  ) {
    this.states = Array.from({ length: resolved.trajectories }, (_, i) =>
      initialTrajectoryState(resolved, i),
    );
    this.divergedAt = new Array<number>(resolved.trajectories).fill(0);
    this.observations = new Float64Array(resolved.trajectories * 4);
    this.update = cpuObserver(observer, resolved.problem);
  }

  static create(config: EnsembleConfig, observer: ObserverSpec): CpuObservedEnsemble {
    const resolved = resolveEnsemble(config);
    validateObserver(observer, resolved);
    return new CpuObservedEnsemble(resolved, observer);
  }

  get step(): number {
    return this.stepsDone;
  }

  async advance(steps: number): Promise<void> {
    checkSteps(steps, this.stepsDone);
    const { problem, key, groupSize } = this.resolved;
    const pause = yieldEvery(100);
    for (let i = 0; i < this.states.length; i++) {
      if ((i & 63) === 63) await pause();
      if (this.divergedAt[i] !== 0) continue;
      const group = Math.floor(i / groupSize);
      const optimizer = optimizerOf(this.resolved, i);
      const last = Math.min(this.stepsDone + steps, this.observer.lastSteps[group] ?? 0);
      const o = this.observations.subarray(4 * i, 4 * i + 4);
      let state = this.states[i];
      if (!state) continue;
      for (let n = this.stepsDone + 1; n <= last; n++) {
        const g = problem.gradientSample(state.x, key, this.resolved.firstTrajectory + i, n);
        const next = optimizer.update(g, state, optimizer.hyper, n);
        problem.project(next.x);
        if (!allFinite(next)) {
          this.divergedAt[i] = n;
          break;
        }
        state = next;
        this.update(o, state, i, group, n);
      }
      this.states[i] = state;
    }
    this.stepsDone += steps;
    await Promise.resolve();
  }

  async readObservations(): Promise<Float64Array> {
    return this.observations.slice();
  }

  /** The float64 state of trajectory i. */
  state(i: number): OptimizerState | undefined {
    return this.states[i];
  }

  async summarizeLane(lane: number, options: LaneSummaryOptions = {}): Promise<Summary[]> {
    return summarizeSegments(this.observations, {
      ...options,
      count: this.resolved.trajectories,
      segments: this.resolved.groups.length,
      offset: lane,
      stride: 4,
    });
  }

  async divergedPerGroup(): Promise<number[]> {
    return countPerGroup(this.resolved, this.divergedAt);
  }

  destroy(): void {}
}
