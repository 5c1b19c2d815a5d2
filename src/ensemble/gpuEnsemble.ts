import {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from '../gpu/buffers.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { BufferResource, ComputeKernel } from '../gpu/kernel.ts';
import { writeStruct, type StructValues } from '../gpu/reflect.ts';
import { GpuReducer } from '../kernels/reduce.ts';
import { readSummaries } from '../kernels/reduceDecode.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import {
  physicalTime,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
import { replayTrajectory, type TrajectoryPath } from './cpuTrajectory.ts';
import {
  createEnsembleKernels,
  ENSEMBLE_WORKGROUP,
  planChunks,
  type Chunk,
  type EnsembleKernels,
} from './gpuKernels.ts';
import {
  metricStats,
  RECORD_QUANTILES,
  type EnsembleRecord,
  type FinalMoments,
} from './records.ts';
import type { Ensemble, TrajectoryState } from './types.ts';

type StateBuffer = 'positions' | 'firstMoments' | 'secondMoments' | 'auxiliary';
const STATE_BUFFERS: readonly StateBuffer[] = [
  'positions',
  'firstMoments',
  'secondMoments',
  'auxiliary',
];

/**
 * N trajectories on the GPU, K steps per dispatch, state never read back except by
 * `readTrajectory`. `positions` (x, vec4 tiles, trajectory-major) is a STORAGE | VERTEX
 * buffer that demos may draw from.
 *
 * @example
 * const ensemble = await GpuEnsemble.create(device, config);
 * await ensemble.advance(1000);
 * const [record] = await ensemble.record();
 */
export class GpuEnsemble implements Ensemble {
  readonly backend = 'webgpu';
  private stepsDone = 0;
  private reducer: GpuReducer | undefined;
  private readonly pathBuffers: { step: number; buffer: GPUBuffer }[] = [];

  private constructor(
    readonly device: GPUDevice,
    readonly resolved: ResolvedEnsemble,
    private readonly kernels: EnsembleKernels,
    private readonly chunks: Chunk[],
    readonly state: Record<StateBuffer, GPUBuffer>,
    private readonly biasWeights: GPUBuffer,
    private readonly diverged: GPUBuffer,
    private readonly hypers: GPUBuffer,
    private readonly problemParams: GPUBuffer,
    private readonly metrics: GPUBuffer,
    /** quadratic-dense only: L and Σ (row-major f32), group 1 bindings 1 and 2. */
    private readonly matrices: { denseCholesky: GPUBuffer; denseCovariance: GPUBuffer } | undefined,
  ) {}

  /** Validates `config`, compiles the kernels, allocates the state and draws the initial points. */
  static async create(device: GPUDevice, config: EnsembleConfig): Promise<GpuEnsemble> {
    const resolved = resolveEnsemble(config);
    const kernels = await createEnsembleKernels(device, resolved);
    const tiles = Math.ceil(resolved.problem.dimension / 4);
    const n = resolved.trajectories;
    const chunks = planChunks(n, tiles, device.limits, resolved.maxTrajectoriesPerChunk);
    const label = 'Ensemble';
    const state = Object.fromEntries(
      STATE_BUFFERS.map((name) => [
        name,
        createStorageBuffer(device, `${label}.${name}`, n * tiles * 16),
      ]),
    ) as Record<StateBuffer, GPUBuffer>;
    const hyperLayout = kernels.step.layout.struct('OptimizerHyper');
    const hyperBytes = new DataView(new ArrayBuffer(hyperLayout.size * resolved.groups.length));
    resolved.groups.forEach((g, i) =>
      writeStruct(hyperLayout, { ...g.hyper }, hyperBytes, i * hyperLayout.size),
    );
    const problemParams = createUniformBuffer(
      device,
      `${label}.problem`,
      writeStruct(kernels.step.layout.struct('ProblemParams'), resolved.problem.gpuParams()),
    );
    const ensemble = new GpuEnsemble(
      device,
      resolved,
      kernels,
      chunks,
      state,
      createStorageBuffer(device, `${label}.biasWeights`, n * tiles * 8),
      createStorageBuffer(device, `${label}.diverged`, n * 4),
      uploadStorage(device, `${label}.hypers`, new Uint8Array(hyperBytes.buffer)),
      problemParams,
      createStorageBuffer(device, `${label}.metrics`, n * 16),
      denseMatrices(device, resolved),
    );
    ensemble.initialize();
    return ensemble;
  }

  /** Group 1 (the problem) of `kernel`. */
  private problemGroup(kernel: ComputeKernel): GPUBindGroup {
    return kernel.bind({ problem: this.problemParams, ...this.matrices }, 1);
  }

  /** Step and metrics: one workgroup per trajectory on the dense path, else one thread per item. */
  private dispatchPerTrajectory(
    pass: GPUComputePassEncoder,
    kernel: ComputeKernel,
    groups: GPUBindGroup[],
    chunk: Chunk,
    perTrajectory: number,
  ): void {
    if (this.resolved.problem.kernelPath === 'dense') {
      const [x, y] = workgroupGrid(
        chunk.count,
        1,
        this.device.limits.maxComputeWorkgroupsPerDimension,
      );
      kernel.dispatch(pass, groups, x, y);
    } else {
      this.dispatch(pass, kernel, groups, chunk.count * perTrajectory);
    }
  }

  private get tileCount(): number {
    return Math.ceil(this.resolved.problem.dimension / 4);
  }

  /** Steps done so far. */
  get step(): number {
    return this.stepsDone;
  }

  /** The x buffer (vec4 tiles, trajectory-major; usage STORAGE | VERTEX). */
  get positions(): GPUBuffer {
    return this.state.positions;
  }

  /** Byte range of a chunk's per-tile data (`bytesPerTile` = 16 for state, 8 for bias weights). */
  private range(buffer: GPUBuffer, chunk: Chunk, bytesPerTile: number): BufferResource {
    const bytes = this.tileCount * bytesPerTile;
    return { buffer, offset: chunk.first * bytes, size: chunk.count * bytes };
  }

  private uniform(kernel: ComputeKernel, struct: string, values: StructValues): GPUBuffer {
    return createUniformBuffer(
      this.device,
      `${kernel.label}.params`,
      writeStruct(kernel.layout.struct(struct), values),
    );
  }

  private dispatch(
    pass: GPUComputePassEncoder,
    kernel: ComputeKernel,
    groups: GPUBindGroup[],
    invocations: number,
  ): void {
    const [x, y] = workgroupGrid(
      invocations,
      ENSEMBLE_WORKGROUP,
      this.device.limits.maxComputeWorkgroupsPerDimension,
    );
    kernel.dispatch(pass, groups, x, y);
  }

  private initialize(): void {
    const { device, resolved, tileCount } = this;
    const init = this.kernels.init;
    const x0 = new Float32Array(tileCount * 4);
    x0.set(resolved.x0);
    const initialPoint = uploadStorage(device, 'Ensemble.initialPoint', x0);
    const encoder = device.createCommandEncoder({ label: 'Ensemble.initEncoder' });
    for (const buffer of [
      this.state.firstMoments,
      this.state.secondMoments,
      this.state.auxiliary,
      this.biasWeights,
      this.diverged,
    ]) {
      encoder.clearBuffer(buffer);
    }
    const pass = encoder.beginComputePass({ label: 'Ensemble.initPass' });
    const problem = this.problemGroup(init);
    const uniforms: GPUBuffer[] = [];
    for (const chunk of this.chunks) {
      const params = this.uniform(init, 'EnsembleInitParams', {
        key: resolved.key,
        firstTrajectory: chunk.first,
        trajectoryCount: chunk.count,
        tileCount,
        spread: resolved.initialSpread,
      });
      uniforms.push(params);
      const group0 = init.bind({
        initParams: params,
        initialPoint,
        positions: this.range(this.state.positions, chunk, 16),
      });
      this.dispatch(pass, init, [group0, problem], chunk.count * tileCount);
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    for (const buffer of [initialPoint, ...uniforms]) buffer.destroy();
  }

  /** Advances every trajectory by `steps` steps (ceil(steps / K) dispatches per chunk). */
  async advance(steps: number): Promise<void> {
    if (!Number.isInteger(steps) || steps < 0)
      throw new Error(`advance: steps = ${steps} must be a non-negative integer`);
    const { device, resolved, tileCount } = this;
    const step = this.kernels.step;
    const problem = this.problemGroup(step);
    const encoder = device.createCommandEncoder({ label: 'Ensemble.stepEncoder' });
    const pass = encoder.beginComputePass({ label: 'Ensemble.stepPass' });
    const uniforms: GPUBuffer[] = [];
    for (let done = 0; done < steps; done += resolved.stepsPerDispatch) {
      const stepCount = Math.min(resolved.stepsPerDispatch, steps - done);
      for (const chunk of this.chunks) {
        const params = this.uniform(step, 'EnsembleStepParams', {
          key: resolved.key,
          firstTrajectory: chunk.first,
          trajectoryCount: chunk.count,
          tileCount,
          groupSize: resolved.groupSize,
          firstStep: this.stepsDone + done + 1,
          stepCount,
        });
        uniforms.push(params);
        const group0 = step.bind({
          params,
          hypers: this.hypers,
          positions: this.range(this.state.positions, chunk, 16),
          firstMoments: this.range(this.state.firstMoments, chunk, 16),
          secondMoments: this.range(this.state.secondMoments, chunk, 16),
          auxiliary: this.range(this.state.auxiliary, chunk, 16),
          biasWeights: this.range(this.biasWeights, chunk, 8),
          diverged: this.diverged,
        });
        this.dispatchPerTrajectory(pass, step, [group0, problem], chunk, tileCount);
      }
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    for (const buffer of uniforms) buffer.destroy();
    this.stepsDone += steps;
    await Promise.resolve();
  }

  /** Encodes the per-trajectory metrics (F, ‖∇F‖, dist; NaN when diverged) into `metrics`. */
  private encodeMetrics(encoder: GPUCommandEncoder, uniforms: GPUBuffer[]): void {
    const metrics = this.kernels.metrics;
    const problem = this.problemGroup(metrics);
    const pass = encoder.beginComputePass({ label: 'Ensemble.metricsPass' });
    for (const chunk of this.chunks) {
      const params = this.uniform(metrics, 'EnsembleMetricsParams', {
        firstTrajectory: chunk.first,
        trajectoryCount: chunk.count,
        tileCount: this.tileCount,
      });
      uniforms.push(params);
      const group0 = metrics.bind({
        metricsParams: params,
        positions: this.range(this.state.positions, chunk, 16),
        diverged: this.diverged,
        metrics: this.metrics,
      });
      this.dispatchPerTrajectory(pass, metrics, [group0, problem], chunk, 1);
    }
    pass.end();
  }

  /**
   * Statistics over the live trajectories of each group (F, ‖∇F‖, distance to the critical
   * set: mean, std and quantiles 5..95 %; diverged count); also snapshots tracked paths.
   */
  async record(): Promise<EnsembleRecord[]> {
    const { device, resolved } = this;
    this.reducer ??= await GpuReducer.create(device);
    const groups = resolved.groups.length;
    const results = this.reducer.createResultsBuffer(3 * groups, 'Ensemble.recordResults');
    const encoder = device.createCommandEncoder({ label: 'Ensemble.recordEncoder' });
    const uniforms: GPUBuffer[] = [];
    this.encodeMetrics(encoder, uniforms);
    for (let metric = 0; metric < 3; metric++) {
      this.reducer.encode(encoder, {
        input: this.metrics,
        count: resolved.trajectories,
        offset: metric,
        stride: 4,
        segments: groups,
        quantiles: RECORD_QUANTILES,
        results,
        slot: metric * groups,
      });
    }
    this.encodeTrackedCopy(encoder);
    device.queue.submit([encoder.finish()]);
    const summaries = await readSummaries(device, results, { slotCount: 3 * groups });
    for (const buffer of [results, ...uniforms]) buffer.destroy();
    return resolved.groups.map((optimizer, g) => {
      const pick = (metric: number) => {
        const s = summaries[metric * groups + g];
        if (!s) throw new Error('Ensemble.record: missing summary');
        return s;
      };
      return {
        group: g,
        step: this.stepsDone,
        t: physicalTime(optimizer, this.stepsDone),
        F: metricStats(pick(0)),
        gradNorm: metricStats(pick(1)),
        dist: metricStats(pick(2)),
        diverged: pick(0).nonFinite,
        count: pick(0).count,
      };
    });
  }

  private encodeTrackedCopy(encoder: GPUCommandEncoder): void {
    const track = this.resolved.track;
    if (track.length === 0) return;
    const bytes = this.tileCount * 16;
    const buffer = createStorageBuffer(this.device, 'Ensemble.trackedPath', track.length * bytes);
    track.forEach((t, i) =>
      encoder.copyBufferToBuffer(this.state.positions, t * bytes, buffer, i * bytes, bytes),
    );
    this.pathBuffers.push({ step: this.stepsDone, buffer });
  }

  /** x of every tracked trajectory at every `record()` so far. */
  async trackedPaths(): Promise<TrajectoryPath[]> {
    const d = this.resolved.problem.dimension;
    const bytes = this.tileCount * 16;
    const paths = this.resolved.track.map((trajectory) => ({
      trajectory,
      steps: [] as number[],
      x: [] as number[][],
    }));
    for (const { step, buffer } of this.pathBuffers) {
      const data = new Float32Array(await readBuffer(this.device, buffer));
      paths.forEach((path, i) => {
        path.steps.push(step);
        path.x.push(Array.from(data.subarray((i * bytes) / 4, (i * bytes) / 4 + d)));
      });
    }
    return paths;
  }

  /** Per-coordinate mean and population variance of x over the live trajectories, per group. */
  async finalMoments(): Promise<FinalMoments[]> {
    const { device, resolved, tileCount } = this;
    const d = resolved.problem.dimension;
    const kernel = this.kernels.moments;
    const output = createStorageBuffer(
      device,
      'Ensemble.coordinateMoments',
      resolved.groups.length * d * 16,
    );
    const encoder = device.createCommandEncoder({ label: 'Ensemble.momentsEncoder' });
    const pass = encoder.beginComputePass({ label: 'Ensemble.momentsPass' });
    const uniforms: GPUBuffer[] = [];
    for (const chunk of this.chunks) {
      for (let g = 0; g < resolved.groups.length; g++) {
        const first = Math.max(chunk.first, g * resolved.groupSize);
        const last = Math.min(chunk.first + chunk.count, (g + 1) * resolved.groupSize);
        if (last <= first) continue;
        const params = this.uniform(kernel, 'EnsembleMomentsParams', {
          firstLocal: first - chunk.first,
          firstTrajectory: first,
          trajectoryCount: last - first,
          tileCount,
          dimension: d,
          outputOffset: g * d,
          reset: first === g * resolved.groupSize ? 1 : 0,
        });
        uniforms.push(params);
        const group0 = kernel.bind({
          momentsParams: params,
          positions: this.range(this.state.positions, chunk, 16),
          diverged: this.diverged,
          moments: output,
        });
        this.dispatch(pass, kernel, [group0], d);
      }
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    const data = new Float32Array(await readBuffer(device, output));
    for (const buffer of [output, ...uniforms]) buffer.destroy();
    return resolved.groups.map((_, g) => {
      const at = (c: number, k: number) => data[4 * (g * d + c) + k] ?? NaN;
      const xMean = Array.from({ length: d }, (_, c) => at(c, 1));
      const xVar = Array.from({ length: d }, (_, c) => at(c, 2) / at(c, 0));
      return { group: g, xMean, xVar };
    });
  }

  /** Reads one trajectory's state back (tests, inspection). */
  async readTrajectory(trajectory: number): Promise<TrajectoryState> {
    const d = this.resolved.problem.dimension;
    const bytes = this.tileCount * 16;
    const read = async (buffer: GPUBuffer, size: number) =>
      new Float32Array(await readBuffer(this.device, buffer, size, trajectory * size));
    const [x, m, v, aux] = await Promise.all(
      STATE_BUFFERS.map((name) => read(this.state[name], bytes)),
    );
    const bias = await read(this.biasWeights, this.tileCount * 8);
    const flag =
      new Uint32Array(await readBuffer(this.device, this.diverged, 4, trajectory * 4))[0] ?? 0;
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
    for (const buffer of [
      ...Object.values(this.state),
      this.biasWeights,
      this.diverged,
      this.hypers,
      this.problemParams,
      this.metrics,
    ]) {
      buffer.destroy();
    }
    for (const { buffer } of this.pathBuffers) buffer.destroy();
    this.reducer?.destroy();
  }
}

/** Uploads L and Σ of quadratic-dense as f32 storage buffers (undefined for tiled problems). */
function denseMatrices(device: GPUDevice, resolved: ResolvedEnsemble) {
  const problem = resolved.problem as Partial<{ cholesky: Float64Array; covariance: Float64Array }>;
  if (resolved.problem.kernelPath !== 'dense' || !problem.cholesky || !problem.covariance)
    return undefined;
  return {
    denseCholesky: uploadStorage(
      device,
      'Ensemble.denseCholesky',
      Float32Array.from(problem.cholesky),
    ),
    denseCovariance: uploadStorage(
      device,
      'Ensemble.denseCovariance',
      Float32Array.from(problem.covariance),
    ),
  };
}
