import { readBuffer, uploadStorage } from '../gpu/buffers.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import { loadProblemCode } from '../problems/index.ts';
import {
  checkAdvanceSteps,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
import { checkStateShape } from './stateShape.ts';
import { replayTrajectory, type TrajectoryPath } from './cpuTrajectory.ts';
import { EnsembleGpuContext, STATE_BUFFERS } from './gpuContext.ts';
import { GpuRecorder } from './gpuRecorder.ts';
import { checkNetworkStorageLimit, networkInitialWeights } from './networkEnsemble.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';
import type { Ensemble, EnsembleState, TrajectoryState } from './types.ts';

/** State is read and written in pieces of at most this many bytes (bounded staging buffers). */
const STATE_PIECE_BYTES = 64 * 1024 * 1024;

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
    await loadProblemCode((config as Partial<EnsembleConfig> | null)?.problem);
    const resolved = resolveEnsemble(config);
    checkNetworkStorageLimit(resolved.problem, await session.device());
    const ensemble = new GpuEnsemble(await EnsembleGpuContext.create(session, resolved));
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
    if (!kernels.init) {
      this.initializeNetwork();
      return;
    }
    const init = kernels.init;
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
    const pass = context.session.beginComputePass(encoder, { label: 'Ensemble.initPass' });
    const problem = context.problemGroup(init);
    const uniforms: GPUBuffer[] = [];
    for (const chunk of context.chunks) {
      const params = context.uniform(init, 'EnsembleInitParams', {
        key: resolved.key,
        firstTrajectory: chunk.first,
        trajectoryCount: chunk.count,
        tileCount,
        spread: resolved.initialSpread,
        randomOffset: resolved.firstTrajectory,
      });
      uniforms.push(params);
      const positions = context.range(context.state.positions, chunk, 16);
      const group0 = init.bind({ initParams: params, initialPoint, positions });
      context.dispatch(pass, init, [group0, problem], chunk.count * tileCount);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    for (const buffer of [initialPoint, ...uniforms]) buffer.destroy();
  }

  /**
   * Network problems: the initial weights of every trajectory, drawn on the host by the twin's
   * `initialWeights` (src/ensemble/networkEnsemble.ts) and written rounded to f32, in pieces.
   */
  private initializeNetwork(): void {
    const { context } = this;
    const { device, resolved, tileCount } = context;
    const encoder = device.createCommandEncoder({ label: 'Ensemble.initEncoder' });
    for (const buffer of [
      context.state.firstMoments,
      context.state.secondMoments,
      context.state.auxiliary,
      context.biasWeights,
      context.diverged,
    ])
      encoder.clearBuffer(buffer);
    device.queue.submit([encoder.finish()]);
    const floats = tileCount * 4;
    const perPiece = Math.max(1, Math.floor(STATE_PIECE_BYTES / 4 / floats));
    for (let first = 0; first < resolved.trajectories; first += perPiece) {
      const count = Math.min(perPiece, resolved.trajectories - first);
      const piece = new Float32Array(count * floats);
      for (let i = 0; i < count; i++)
        piece.set(networkInitialWeights(resolved, first + i), i * floats);
      device.queue.writeBuffer(context.state.positions, first * floats * 4, piece);
    }
  }

  /** Advances every trajectory by `steps` steps (ceil(steps / K) dispatches per chunk, one submit). */
  async advance(steps: number): Promise<void> {
    checkAdvanceSteps(steps, this.stepsDone);
    const { context } = this;
    const encoder = context.device.createCommandEncoder({ label: 'Ensemble.stepEncoder' });
    const pass = context.session.beginComputePass(encoder, { label: 'Ensemble.stepPass' });
    const uniforms = context.encodeSteps(pass, context.kernels.step, this.stepsDone + 1, steps);
    pass.end();
    context.device.queue.submit([encoder.finish()]);
    for (const buffer of uniforms) buffer.destroy();
    this.stepsDone += steps;
    await Promise.resolve();
  }

  /** Resolves once the GPU has done the work submitted so far (a dispatch boundary). */
  async synchronize(): Promise<void> {
    await this.context.device.queue.onSubmittedWorkDone();
  }

  private async readWhole(buffer: GPUBuffer, bytes: number): Promise<Uint8Array> {
    const out = new Uint8Array(bytes);
    for (let offset = 0; offset < bytes; offset += STATE_PIECE_BYTES) {
      const size = Math.min(STATE_PIECE_BYTES, bytes - offset);
      out.set(new Uint8Array(await readBuffer(this.context.device, buffer, size, offset)), offset);
    }
    return out;
  }

  private writeWhole(buffer: GPUBuffer, data: ArrayBufferView): void {
    const bytes = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
    for (let offset = 0; offset < bytes.byteLength; offset += STATE_PIECE_BYTES) {
      const size = Math.min(STATE_PIECE_BYTES, bytes.byteLength - offset);
      this.context.device.queue.writeBuffer(buffer, offset, bytes, offset, size);
    }
  }

  /** Every GPU buffer of the state as it is (float32 tiles), the step and the tracked paths. */
  async exportState(): Promise<EnsembleState> {
    const { context } = this;
    const { resolved, tileCount } = context;
    const n = resolved.trajectories;
    const f32 = async (buffer: GPUBuffer, bytes: number) => {
      const raw = await this.readWhole(buffer, bytes);
      return new Float32Array(raw.buffer, raw.byteOffset, bytes / 4);
    };
    const [x, m, v, aux] = await Promise.all(
      STATE_BUFFERS.map((name) => f32(context.state[name], n * tileCount * 16)),
    );
    const bias = await f32(context.biasWeights, n * tileCount * 8);
    const flags = await this.readWhole(context.diverged, n * 4);
    if (!x || !m || !v || !aux) throw new Error('exportState: missing state buffer');
    return {
      backend: 'webgpu',
      step: this.stepsDone,
      trajectories: n,
      dimension: resolved.problem.dimension,
      x,
      m,
      v,
      aux,
      bias,
      diverged: new Uint32Array(flags.buffer, flags.byteOffset, n),
      paths: await this.trackedPaths(),
    };
  }

  /** Writes an `exportState()` back into the GPU buffers (same config, same backend). */
  async importState(state: EnsembleState): Promise<void> {
    const { context } = this;
    const { resolved, tileCount } = context;
    checkStateShape(
      state,
      'webgpu',
      resolved.trajectories,
      resolved.problem.dimension,
      Float32Array,
      tileCount * 4,
      tileCount * 2,
    );
    const blocks = {
      positions: state.x,
      firstMoments: state.m,
      secondMoments: state.v,
      auxiliary: state.aux,
    };
    for (const name of STATE_BUFFERS) this.writeWhole(context.state[name], blocks[name]);
    this.writeWhole(context.biasWeights, state.bias);
    this.writeWhole(context.diverged, state.diverged);
    this.recorder.restorePaths(state.paths);
    this.stepsDone = state.step;
    await this.synchronize();
  }

  /** One record per hyperparameter group (see GpuRecorder.record). */
  record(): Promise<EnsembleRecord[]> {
    return this.recorder.record(this.stepsDone);
  }

  /** The metrics buffer of the last record (F, ‖∇F‖, dist, -; float32, 4 per trajectory). */
  async recordedMetrics(): Promise<{ values: Float32Array; stride: number }> {
    const bytes = await this.readWhole(this.context.metrics, this.resolved.trajectories * 16);
    return {
      values: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
      stride: 4,
    };
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

  /**
   * The step at which each of the first `count` trajectories diverged (undefined: finite), in
   * one read back of the divergence flags (readTrajectory reads a whole state per trajectory).
   */
  async divergedSteps(count = this.resolved.trajectories): Promise<(number | undefined)[]> {
    const n = Math.min(count, this.resolved.trajectories);
    const flags = new Uint32Array(
      await readBuffer(this.context.device, this.context.diverged, n * 4, 0),
    );
    return Array.from(flags, (flag) => (flag === 0 ? undefined : flag));
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
