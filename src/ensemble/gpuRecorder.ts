import { createStorageBuffer, readBuffer } from '../gpu/buffers.ts';
import type { GpuReducer } from '../kernels/reduce.ts';
import { physicalTime } from './config.ts';
import type { TrajectoryPath } from './cpuTrajectory.ts';
import type { EnsembleGpuContext } from './gpuContext.ts';
import {
  metricStats,
  RECORD_QUANTILES,
  type EnsembleRecord,
  type FinalMoments,
} from './records.ts';

/**
 * Everything that leaves the GPU: records (metrics kernel → GpuReducer, one readback per
 * record), snapshots of tracked trajectories, and the final per-coordinate moments.
 */
export class GpuRecorder {
  private reducer: GpuReducer | undefined;
  private readonly pathBuffers: { step: number; buffer: GPUBuffer }[] = [];
  /** Paths restored from a checkpoint (before the buffers above). */
  private restored: TrajectoryPath[] = [];

  constructor(private readonly context: EnsembleGpuContext) {}

  /** Encodes the per-trajectory metrics (F, ‖∇F‖, dist; NaN when diverged) into `metrics`. */
  private encodeMetrics(encoder: GPUCommandEncoder, uniforms: GPUBuffer[]): void {
    const { context } = this;
    if (context.network) {
      this.encodeNetworkMetrics(encoder, uniforms);
      return;
    }
    const metrics = context.kernels.metrics;
    const problem = context.problemGroup(metrics);
    const pass = context.session.beginComputePass(encoder, { label: 'Ensemble.metricsPass' });
    for (const chunk of context.chunks) {
      const params = context.uniform(metrics, 'EnsembleMetricsParams', {
        firstTrajectory: chunk.first,
        trajectoryCount: chunk.count,
        tileCount: context.tileCount,
      });
      uniforms.push(params);
      const group0 = metrics.bind({
        metricsParams: params,
        positions: context.range(context.state.positions, chunk, 16),
        diverged: context.diverged,
        metrics: context.metrics,
      });
      context.dispatchPerTrajectory(pass, metrics, [group0, problem], chunk, 1);
    }
    pass.end();
  }

  /**
   * Network problems (kernels/ensemble_network_metrics.wgsl): a train pass (F, ‖∇F‖, ‖∇F‖)
   * with the train split bound as group 1, then a test pass (accuracy, 4th field).
   */
  private encodeNetworkMetrics(encoder: GPUCommandEncoder, uniforms: GPUBuffer[]): void {
    const { context } = this;
    const { network } = context;
    if (!network) return;
    const metrics = context.kernels.metrics;
    const pass = context.session.beginComputePass(encoder, { label: 'Ensemble.metricsPass' });
    for (const [mode, split] of [
      [0, 'train'],
      [1, 'test'],
    ] as const) {
      const problem = context.problemGroup(metrics, split);
      for (const chunk of context.chunks) {
        const params = context.uniform(metrics, 'EnsembleNetworkMetricsParams', {
          firstTrajectory: chunk.first,
          trajectoryCount: chunk.count,
          tileCount: context.tileCount,
          mode,
        });
        uniforms.push(params);
        const group0 = metrics.bind({
          metricsParams: params,
          positions: context.range(context.state.positions, chunk, 16),
          diverged: context.diverged,
          metrics: context.metrics,
          networkGradient: network.gradient,
        });
        context.dispatchPerTrajectory(pass, metrics, [group0, problem], chunk, 1);
      }
    }
    pass.end();
  }

  /**
   * Statistics over the live trajectories of each group at step `step` (F, ‖∇F‖, distance
   * to the critical set: mean, std, quantiles 5..95 %; diverged count); also snapshots the
   * tracked trajectories.
   */
  async record(step: number): Promise<EnsembleRecord[]> {
    const { device, resolved } = this.context;
    // The reducer's kernels load with the first record (a figure that reads its own
    // statistics, like the regression figure, never downloads them).
    const [{ GpuReducer }, { readSummaries }] = await Promise.all([
      import('../kernels/reduce.ts'),
      import('../kernels/reduceDecode.ts'),
    ]);
    this.reducer ??= await GpuReducer.shared(this.context.session);
    const groups = resolved.groups.length;
    // Network problems add the test accuracy (4th field of the metrics).
    const metricCount = this.context.network ? 4 : 3;
    const results = this.reducer.createResultsBuffer(
      metricCount * groups,
      'Ensemble.recordResults',
    );
    const encoder = device.createCommandEncoder({ label: 'Ensemble.recordEncoder' });
    const uniforms: GPUBuffer[] = [];
    this.encodeMetrics(encoder, uniforms);
    for (let metric = 0; metric < metricCount; metric++) {
      this.reducer.encode(encoder, {
        input: this.context.metrics,
        count: resolved.trajectories,
        offset: metric,
        stride: 4,
        segments: groups,
        quantiles: RECORD_QUANTILES,
        results,
        slot: metric * groups,
      });
    }
    this.encodeTrackedCopy(encoder, step);
    device.queue.submit([encoder.finish()]);
    const summaries = await readSummaries(device, results, { slotCount: metricCount * groups });
    for (const buffer of [results, ...uniforms]) buffer.destroy();
    return resolved.groups.map((optimizer, g) => {
      const pick = (metric: number) => {
        const s = summaries[metric * groups + g];
        if (!s) throw new Error('Ensemble.record: missing summary');
        return s;
      };
      return {
        group: resolved.firstGroup + g,
        step,
        t: physicalTime(optimizer, step),
        F: metricStats(pick(0)),
        gradNorm: metricStats(pick(1)),
        dist: metricStats(pick(2)),
        diverged: pick(0).nonFinite,
        count: pick(0).count,
        ...(metricCount === 4 ? { accuracy: metricStats(pick(3)) } : {}),
      };
    });
  }

  private encodeTrackedCopy(encoder: GPUCommandEncoder, step: number): void {
    const { context } = this;
    const track = context.resolved.track;
    if (track.length === 0) return;
    const bytes = context.tileCount * 16;
    const buffer = createStorageBuffer(
      context.device,
      'Ensemble.trackedPath',
      track.length * bytes,
    );
    const positions = context.state.positions;
    track.forEach((t, i) =>
      encoder.copyBufferToBuffer(positions, t * bytes, buffer, i * bytes, bytes),
    );
    this.pathBuffers.push({ step, buffer });
  }

  /** x of every tracked trajectory at every `record()` so far. */
  async trackedPaths(): Promise<TrajectoryPath[]> {
    const { device, resolved, tileCount } = this.context;
    const d = resolved.problem.dimension;
    const floats = tileCount * 4;
    const paths = resolved.track.map((local, i) => {
      const before = this.restored[i];
      return {
        trajectory: resolved.firstTrajectory + local,
        steps: [...(before?.steps ?? [])],
        x: (before?.x ?? []).map((x) => [...x]),
      };
    });
    for (const { step, buffer } of this.pathBuffers) {
      const data = new Float32Array(await readBuffer(device, buffer));
      paths.forEach((path, i) => {
        path.steps.push(step);
        path.x.push(Array.from(data.subarray(i * floats, i * floats + d)));
      });
    }
    return paths;
  }

  /** Per-coordinate mean and population variance of x over the live trajectories, per group. */
  async finalMoments(): Promise<FinalMoments[]> {
    const { context } = this;
    const { device, resolved } = context;
    const d = resolved.problem.dimension;
    const output = createStorageBuffer(
      device,
      'Ensemble.coordinateMoments',
      resolved.groups.length * d * 16,
    );
    const encoder = device.createCommandEncoder({ label: 'Ensemble.momentsEncoder' });
    const pass = context.session.beginComputePass(encoder, { label: 'Ensemble.momentsPass' });
    const uniforms = this.encodeMoments(pass, output);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const data = new Float32Array(await readBuffer(device, output));
    for (const buffer of [output, ...uniforms]) buffer.destroy();
    return resolved.groups.map((_, g) => {
      const at = (c: number, k: number) => data[4 * (g * d + c) + k] ?? NaN;
      const xMean = Array.from({ length: d }, (_, c) => at(c, 1));
      const xVar = Array.from({ length: d }, (_, c) => at(c, 2) / at(c, 0));
      return { group: resolved.firstGroup + g, xMean, xVar, count: at(0, 0) };
    });
  }

  /** One moments dispatch per (chunk ∩ group); a group spanning chunks accumulates. */
  private encodeMoments(pass: GPUComputePassEncoder, output: GPUBuffer): GPUBuffer[] {
    const { context } = this;
    const { resolved } = context;
    const kernel = context.kernels.moments;
    const d = resolved.problem.dimension;
    const uniforms: GPUBuffer[] = [];
    for (const chunk of context.chunks) {
      for (let g = 0; g < resolved.groups.length; g++) {
        const first = Math.max(chunk.first, g * resolved.groupSize);
        const last = Math.min(chunk.first + chunk.count, (g + 1) * resolved.groupSize);
        if (last <= first) continue;
        const params = context.uniform(kernel, 'EnsembleMomentsParams', {
          firstLocal: first - chunk.first,
          firstTrajectory: first,
          trajectoryCount: last - first,
          tileCount: context.tileCount,
          dimension: d,
          outputOffset: g * d,
          reset: first === g * resolved.groupSize ? 1 : 0,
        });
        uniforms.push(params);
        const group0 = kernel.bind({
          momentsParams: params,
          positions: context.range(context.state.positions, chunk, 16),
          diverged: context.diverged,
          moments: output,
        });
        context.dispatch(pass, kernel, [group0], d);
      }
    }
    return uniforms;
  }

  /** Replaces the tracked paths by those of a checkpoint. */
  restorePaths(paths: readonly TrajectoryPath[]): void {
    for (const { buffer } of this.pathBuffers) buffer.destroy();
    this.pathBuffers.length = 0;
    this.restored = paths.map((p) => ({ ...p, steps: [...p.steps], x: p.x.map((x) => [...x]) }));
  }

  destroy(): void {
    for (const { buffer } of this.pathBuffers) buffer.destroy();
    this.reducer?.destroy();
  }
}
