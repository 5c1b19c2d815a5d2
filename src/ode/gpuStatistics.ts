import {
  createStorageBuffer,
  createUniformBuffer,
  uploadStorage,
  usableBufferSize,
} from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { ComputeKernel } from '../gpu/kernel.ts';
import type { GpuSession } from '../gpu/session.ts';
import { odeRecord } from '../generated/wgsl/lib/index.ts';
import { odeRecordFields } from '../generated/wgsl/kernels/index.ts';
import { writeStruct } from '../gpu/layout.ts';
import { binsForSegment, GpuReducer } from '../kernels/reduce.ts';
import { readSummaries } from '../kernels/reduceDecode.ts';
import type { Summary } from '../stats/summary.ts';
import {
  ODE_QUANTILES,
  ODE_SCALAR_FIELDS,
  statsFromSummary,
  type OdeStatistics,
} from './summarizeOde.ts';

const WORKGROUP_SIZE = 64;
const FLOAT_BYTES = 4;

/**
 * Histogram bins of the quantiles of a cloud of `n` trajectories (one segment = n values):
 * `binsForSegment(n)`, so each quantile is within (max - min) / bins of the type-1 sample
 * quantile. (Until 0.1: 2048 bins for every n.)
 */
export function odeStatisticsBins(n: number, cap = 2048): number {
  return binsForSegment(n, cap);
}

/**
 * Statistics over the trajectories of a cloud, computed on the GPU: after each chunk's solve,
 * `kernels/ode_record_fields.wgsl` copies F, V, ‖m‖, ‖v - S(x)‖, dist of its records into
 * field buffers laid out [field][time][trajectory]; `finish` reduces every (field, time)
 * segment with `GpuReducer` and reads back only the summaries. Output times are split into
 * windows so that one field buffer fits a storage binding (5 · N · window floats).
 */
export class OdeGpuStatistics {
  private constructor(
    private readonly device: GPUDevice,
    private readonly session: GpuSession,
    private readonly kernel: ComputeKernel,
    private readonly trajectoryCount: number,
    private readonly outputCount: number,
    private readonly hasV: boolean,
    /** [firstOutput, endOutput) of each window and its field buffer. */
    private readonly windows: { first: number; end: number; fields: GPUBuffer }[],
  ) {}

  /** Allocates the field buffers for `n` trajectories and `k` output times. */
  static async create(
    session: GpuSession,
    n: number,
    k: number,
    hasV: boolean,
  ): Promise<OdeGpuStatistics> {
    const device = await session.device();
    const limit = Math.min(
      device.limits.maxStorageBufferBindingSize,
      usableBufferSize(device.limits),
    );
    const perTime = ODE_SCALAR_FIELDS.length * n * FLOAT_BYTES;
    const timesPerWindow = Math.floor(limit / perTime);
    if (timesPerWindow < 1) {
      throw new ParameterError(
        'cloud.count',
        n,
        `at most ${Math.floor(limit / (ODE_SCALAR_FIELDS.length * FLOAT_BYTES))} trajectories for GPU statistics on this device`,
      );
    }
    const kernel = await session.kernel({
      label: 'OdeStatistics.fields',
      modules: [odeRecord, odeRecordFields],
      constants: { WORKGROUP_SIZE },
    });
    const windows = [];
    for (let first = 0; first < k; first += timesPerWindow) {
      const end = Math.min(k, first + timesPerWindow);
      const fields = createStorageBuffer(
        device,
        `OdeStatistics.fields[${first}]`,
        (end - first) * perTime,
      );
      windows.push({ first, end, fields });
    }
    return new OdeGpuStatistics(device, session, kernel, n, k, hasV, windows);
  }

  /**
   * Copies one chunk's records (`records`: chunk.count × K `OdeRecord`s) into the field
   * buffers; `validOutputs[j]` is the number of records trajectory j of the chunk produced.
   */
  collect(
    records: GPUBuffer,
    chunk: { first: number; count: number },
    validOutputs: Uint32Array,
  ): void {
    const device = this.device;
    const valid = uploadStorage(
      device,
      'OdeStatistics.validOutputs',
      Uint32Array.from(validOutputs),
    );
    const paramsLayout = this.kernel.layout.struct('OdeFieldParams');
    const buffers: GPUBuffer[] = [valid];
    const encoder = device.createCommandEncoder({ label: 'OdeStatistics.encoder' });
    for (const window of this.windows) {
      const params = createUniformBuffer(
        device,
        'OdeStatistics.params',
        writeStruct(paramsLayout, {
          trajectoryCount: chunk.count,
          firstTrajectory: chunk.first,
          totalTrajectories: this.trajectoryCount,
          outputCount: this.outputCount,
          firstOutput: window.first,
          endOutput: window.end,
          hasV: this.hasV ? 1 : 0,
          nanBits: 0x7fc00000,
        }),
      );
      buffers.push(params);
      const group = this.kernel.bind({
        fieldParams: params,
        records,
        validOutputs: valid,
        fields: window.fields,
      });
      const pass = this.session.beginComputePass(encoder, { label: 'OdeStatistics.pass' });
      const [x, y] = workgroupGrid(
        chunk.count * (window.end - window.first),
        WORKGROUP_SIZE,
        device.limits.maxComputeWorkgroupsPerDimension,
      );
      this.kernel.dispatch(pass, [group], x, y);
      pass.end();
    }
    device.queue.submit([encoder.finish()]);
    // Destroying after submit is safe: WebGPU keeps buffers alive for submitted work.
    for (const buffer of buffers) buffer.destroy();
  }

  /** Reduces every (field, time) segment on the GPU; reads back 5·K summaries only. */
  async finish(): Promise<OdeStatistics> {
    // Many short segments (5·K of N values): workgroups of 64 (docs/numerics.md).
    const reducer = await GpuReducer.sharedForShortSegments(this.session);
    const summaries: Summary[][] = ODE_SCALAR_FIELDS.map(() => []);
    try {
      for (const window of this.windows) {
        const times = window.end - window.first;
        const segments = ODE_SCALAR_FIELDS.length * times;
        const results = reducer.createResultsBuffer(segments, 'OdeStatistics.results');
        const encoder = this.device.createCommandEncoder({ label: 'OdeStatistics.reduce' });
        reducer.encode(encoder, {
          input: window.fields,
          count: segments * this.trajectoryCount,
          results,
          slot: 0,
          segments,
          quantiles: ODE_QUANTILES,
          bins: odeStatisticsBins(this.trajectoryCount, reducer.bins),
        });
        this.device.queue.submit([encoder.finish()]);
        const read = await readSummaries(this.device, results, { slotCount: segments });
        results.destroy();
        ODE_SCALAR_FIELDS.forEach((_, f) =>
          summaries[f]?.push(...read.slice(f * times, (f + 1) * times)),
        );
      }
    } finally {
      reducer.destroy();
    }
    const out = {} as OdeStatistics;
    ODE_SCALAR_FIELDS.forEach(
      (field, f) => (out[field] = (summaries[f] ?? []).map(statsFromSummary)),
    );
    return out;
  }

  destroy(): void {
    for (const window of this.windows) window.fields.destroy();
  }
}
