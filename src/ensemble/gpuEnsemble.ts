import { readBuffer, uploadStorage } from '../gpu/buffers.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import { resolveEnsemble, type EnsembleConfig, type ResolvedEnsemble } from './config.ts';
import { replayTrajectory, type TrajectoryPath } from './cpuTrajectory.ts';
import { EnsembleGpuContext, STATE_BUFFERS } from './gpuContext.ts';
import { GpuRecorder } from './gpuRecorder.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';
import type { Ensemble, TrajectoryState } from './types.ts';

/**
 * N trajectories on the GPU, K steps per dispatch, state never read back except by
 * `readTrajectory`. `positions` (x, vec4 tiles, trajectory-major) is a STORAGE | VERTEX
 * buffer that demos may draw from.
 *
 * @example
 * const ensemble = await GpuEnsemble.create(session, config);
 * await ensemble.advance(1000);
 * const [record] = await ensemble.record();
 */
export class GpuEnsemble implements Ensemble {
  readonly backend = 'webgpu';
  private stepsDone = 0;
  private readonly recorder: GpuRecorder;

  private constructor(private readonly context: EnsembleGpuContext) {
    this.recorder = new GpuRecorder(context);
  }

  /** Validates `config`, compiles the kernels, allocates the state and draws the initial points. */
  static async create(session: GpuSession, config: EnsembleConfig): Promise<GpuEnsemble> {
    const ensemble = new GpuEnsemble(
      await EnsembleGpuContext.create(session, resolveEnsemble(config)),
    );
    ensemble.initialize();
    return ensemble;
  }

  get resolved(): ResolvedEnsemble {
    return this.context.resolved;
  }

  get device(): GPUDevice {
    return this.context.device;
  }

  /** The GPU objects (kernels, buffers, chunks) for kernel variants (src/ensemble/observedEnsemble.ts). */
  get gpuContext(): EnsembleGpuContext {
    return this.context;
  }

  /** Steps done so far. */
  get step(): number {
    return this.stepsDone;
  }

  /** The x buffer (vec4 tiles, trajectory-major; usage STORAGE | VERTEX), for drawing. */
  get positions(): GPUBuffer {
    return this.context.state.positions;
  }

  private initialize(): void {
    const { context } = this;
    const { device, resolved, tileCount, kernels } = context;
    const x0 = new Float32Array(tileCount * 4);
    x0.set(resolved.x0);
    const initialPoint = uploadStorage(device, 'Ensemble.initialPoint', x0);
    const encoder = device.createCommandEncoder({ label: 'Ensemble.initEncoder' });
    const { firstMoments, secondMoments, auxiliary } = context.state;
    for (const buffer of [
      firstMoments,
      secondMoments,
      auxiliary,
      context.biasWeights,
      context.diverged,
    ]) {
      encoder.clearBuffer(buffer);
    }
    const pass = encoder.beginComputePass({ label: 'Ensemble.initPass' });
    const problem = context.problemGroup(kernels.init);
    const uniforms: GPUBuffer[] = [];
    for (const chunk of context.chunks) {
      const params = context.uniform(kernels.init, 'EnsembleInitParams', {
        key: resolved.key,
        firstTrajectory: chunk.first,
        trajectoryCount: chunk.count,
        tileCount,
        spread: resolved.initialSpread,
      });
      uniforms.push(params);
      const positions = context.range(context.state.positions, chunk, 16);
      const group0 = kernels.init.bind({ initParams: params, initialPoint, positions });
      context.dispatch(pass, kernels.init, [group0, problem], chunk.count * tileCount);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    for (const buffer of [initialPoint, ...uniforms]) buffer.destroy();
  }

  /** Advances every trajectory by `steps` steps (ceil(steps / K) dispatches per chunk, one submit). */
  async advance(steps: number): Promise<void> {
    if (!Number.isInteger(steps) || steps < 0) {
      throw new Error(`advance: steps = ${steps} must be a non-negative integer`);
    }
    const { context } = this;
    const encoder = context.device.createCommandEncoder({ label: 'Ensemble.stepEncoder' });
    const pass = encoder.beginComputePass({ label: 'Ensemble.stepPass' });
    const uniforms = context.encodeSteps(pass, context.kernels.step, this.stepsDone + 1, steps);
    pass.end();
    context.device.queue.submit([encoder.finish()]);
    for (const buffer of uniforms) buffer.destroy();
    this.stepsDone += steps;
    await Promise.resolve();
  }

  /** One record per hyperparameter group (see GpuRecorder.record). */
  record(): Promise<EnsembleRecord[]> {
    return this.recorder.record(this.stepsDone);
  }

  trackedPaths(): Promise<TrajectoryPath[]> {
    return this.recorder.trackedPaths();
  }

  finalMoments(): Promise<FinalMoments[]> {
    return this.recorder.finalMoments();
  }

  /** Reads one trajectory's state back (tests, inspection). */
  async readTrajectory(trajectory: number): Promise<TrajectoryState> {
    const { device, tileCount, resolved } = this.context;
    const d = resolved.problem.dimension;
    const read = async (buffer: GPUBuffer, size: number) =>
      new Float32Array(await readBuffer(device, buffer, size, trajectory * size));
    const [x, m, v, aux] = await Promise.all(
      STATE_BUFFERS.map((name) => read(this.context.state[name], tileCount * 16)),
    );
    const bias = await read(this.context.biasWeights, tileCount * 8);
    const flag =
      new Uint32Array(await readBuffer(device, this.context.diverged, 4, trajectory * 4))[0] ?? 0;
    const vector = (a: Float32Array | undefined) =>
      Float64Array.from((a ?? new Float32Array(d)).subarray(0, d));
    const state: OptimizerState = {
      x: vector(x),
      m: vector(m),
      v: vector(v),
      aux: vector(aux),
      bias: [bias[0] ?? 0, bias[1] ?? 0],
    };
    return { state, divergedAtStep: flag === 0 ? undefined : flag };
  }

  /** Recomputes trajectory `i` in float64 on the CPU with the same draws (see cpuTrajectory.ts). */
  replayTrajectory(
    trajectory: number,
    steps = this.stepsDone,
    recordEvery = 0,
  ): TrajectoryPath & { final: TrajectoryState } {
    return replayTrajectory(this.resolved, trajectory, steps, recordEvery);
  }

  destroy(): void {
    this.recorder.destroy();
    this.context.destroy();
  }
}
