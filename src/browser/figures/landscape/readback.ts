/**
 * Asynchronous readback of an ensemble's positions for the live statistics, at most one in
 * flight per reader and never awaited inside a frame: on WebGPU a copy of the `positions`
 * buffer into a staging buffer is queued after the frame's steps and mapped when the GPU gets
 * there; on the cpu backend the float64 state is copied.
 */
import { GpuEnsemble } from '../../../ensemble/gpuEnsemble.ts';
import type { Ensemble } from '../../../ensemble/types.ts';

/** Positions of every trajectory at `step`: point i is (values[i·stride], values[i·stride + 1]). */
export interface PositionSnapshot {
  step: number;
  values: Float32Array | Float64Array;
  stride: number;
  count: number;
}

export class PositionReader {
  private staging: GPUBuffer | undefined;
  private flight: Promise<PositionSnapshot> | undefined;

  constructor(private readonly ensemble: Ensemble) {}

  /** Whether a readback is in flight. */
  get busy(): boolean {
    return this.flight !== undefined;
  }

  /**
   * Starts a readback of the current positions (undefined when one is in flight). Call it
   * after the frame's steps were submitted: the copy is queued behind them.
   */
  start(): Promise<PositionSnapshot> | undefined {
    if (this.flight) return undefined;
    const flight = this.read().finally(() => {
      this.flight = undefined;
    });
    this.flight = flight;
    return flight;
  }

  private async read(): Promise<PositionSnapshot> {
    const { ensemble } = this;
    const step = ensemble.step;
    const count = ensemble.resolved.trajectories;
    if (!(ensemble instanceof GpuEnsemble)) {
      const state = await ensemble.exportState();
      return { step, values: state.x, stride: state.dimension, count };
    }
    const tiles = Math.ceil(ensemble.resolved.problem.dimension / 4);
    const bytes = 16 * tiles * count;
    const device = ensemble.device;
    this.staging ??= device.createBuffer({
      label: 'landscape.positionsReadback',
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const staging = this.staging;
    const encoder = device.createCommandEncoder({ label: 'landscape.readbackEncoder' });
    encoder.copyBufferToBuffer(ensemble.positions, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const values = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    return { step, values, stride: 4 * tiles, count };
  }

  /** Releases the staging buffer (after the flight in progress, if any). */
  destroy(): void {
    const release = () => this.staging?.destroy();
    if (this.flight) void this.flight.then(release, release);
    else release();
  }
}
