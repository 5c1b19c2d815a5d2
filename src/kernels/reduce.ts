import { createStorageBuffer, createUniformBuffer, uploadStorage } from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { ComputeKernel } from '../gpu/kernel.ts';
import { writeStruct, type WgslModule } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import {
  reduceFinalize,
  reduceHistogram,
  reduceMerge,
  reduceMoments,
} from '../generated/wgsl/kernels/index.ts';
import type { Summary } from '../stats/summary.ts';
import {
  MAX_HISTOGRAM_BINS,
  MAX_QUANTILES,
  resolveSummaryOptions,
  type ResolvedSummaryOptions,
  type SummaryOptions,
} from '../stats/summaryOptions.ts';
import { readSummaries, REDUCE_LIBRARY, summaryByteLength } from './reduceDecode.ts';
import { planReduction, type ReductionPlan } from './reducePlan.ts';

/**
 * Invocations per workgroup (a power of two; also the merge fan-in) and values each folds
 * serially. 32 values per invocation: on SwiftShader the workgroup tree (barriers) dominates,
 * and 32 instead of 8 halved the time of a 2^22-value reduction; the serial depth it adds is
 * in the error bounds (docs/numerics.md).
 */
export const WORKGROUP_SIZE = 256;
export const VALUES_PER_THREAD = 32;
/** Values reduced by one workgroup of the first pass. */
export const TILE_VALUES = WORKGROUP_SIZE * VALUES_PER_THREAD;
const FINALIZE_WORKGROUP = 64;

/** One reduction to record: `count` float32 values of `input` into `results[slot ..]`. */
export interface ReduceRequest extends SummaryOptions {
  input: GPUBuffer;
  count: number;
  /** Results buffer (see `GpuReducer.createResultsBuffer`); segment g goes to slot `slot + g`. */
  results: GPUBuffer;
  slot?: number;
  /** Values per dispatch at most (default: what one storage binding holds); for tests. */
  chunkValues?: number;
  /**
   * Histogram bins per segment for the quantiles, in [1, the reducer's bins] (default: the
   * reducer's bins); quantile resolution (max - min) / bins. See `binsForSegment`.
   */
  bins?: number;
}

/**
 * Histogram bins for segments of `length` values: 16·√length rounded up to a power of two, in
 * [64, cap]. The quantile error (one bin, (max - min) / bins ≤ (max - min) / (16 √length)) is
 * then below ~0.3 of the sampling standard error of a quantile p in [0.05, 0.95] of a density
 * that is ≥ 1 / (max - min) there (√(p(1 - p) / n) ≥ 0.22 / √n in units of max - min).
 */
export function binsForSegment(length: number, cap = 2048): number {
  const wanted = 16 * Math.sqrt(Math.max(1, length));
  return Math.min(cap, Math.max(64, 2 ** Math.ceil(Math.log2(wanted))));
}

/**
 * GPU reductions of float32 values: count, sum, mean, variance (Chan's pairwise merge of
 * (count, mean, M2)), min, max, non-finite count, histogram quantiles and the fraction above a
 * threshold, per segment, over strided views and inputs of any length (chunked by binding).
 * `encode` records into a caller's command encoder and writes `ReduceSummary` records to a
 * results buffer that is read back once (`readSummaries`). The float64 twin is
 * src/stats/summary.ts. Example:
 * ```ts
 * const reducer = await GpuReducer.create(device);
 * const [s] = await reducer.summarizeSegments(buffer, 1_000_000, { quantiles: [0.5] });
 * ```
 */
export class GpuReducer {
  private scratch = new Map<string, GPUBuffer>();
  /** Outgrown scratch buffers: commands already encoded may still use them until submitted. */
  private retired: GPUBuffer[] = [];

  private constructor(
    readonly device: GPUDevice,
    /** Histogram bins of the quantile pass; quantile resolution is (max - min) / bins. */
    readonly bins: number,
    private readonly moments: ComputeKernel,
    private readonly merge: ComputeKernel,
    private readonly histogram: ComputeKernel,
    private readonly finalize: ComputeKernel,
    /** Invocations per workgroup of the tile and merge passes (and the merge fan-in). */
    readonly workgroupSize: number = WORKGROUP_SIZE,
  ) {}

  /** Values one workgroup of the first pass reduces. */
  get tileValues(): number {
    return this.workgroupSize * VALUES_PER_THREAD;
  }

  /**
   * Compiles the four reduction kernels; `bins` in [1, 4096] (default 2048) is the histogram
   * capacity; `workgroupSize` in {32, 64, 128, 256} (default 256): 64 suits many short
   * segments (tiles of 2048 values; on SwiftShader a 256-wide workgroup costs ~10 ms).
   */
  static async create(
    session: GpuSession,
    options: { bins?: number; workgroupSize?: number } = {},
  ): Promise<GpuReducer> {
    const bins = options.bins ?? 2048;
    if (!Number.isInteger(bins) || bins < 1 || bins > MAX_HISTOGRAM_BINS) {
      throw new ParameterError('bins', bins, `an integer in [1, ${MAX_HISTOGRAM_BINS}]`);
    }
    const workgroupSize = options.workgroupSize ?? WORKGROUP_SIZE;
    if (![32, 64, 128, 256].includes(workgroupSize)) {
      throw new ParameterError('workgroupSize', workgroupSize, 'one of 32, 64, 128, 256');
    }
    const kernel = (name: string, file: WgslModule, constants: Record<string, number>) =>
      session.kernel({
        label: `GpuReducer.${name}`,
        modules: [REDUCE_LIBRARY, file],
        constants,
      });
    const tile = { WORKGROUP_SIZE: workgroupSize, VALUES_PER_THREAD };
    const [moments, merge, histogram, finalize] = await Promise.all([
      kernel('moments', reduceMoments, tile),
      kernel('merge', reduceMerge, { WORKGROUP_SIZE: workgroupSize }),
      kernel('histogram', reduceHistogram, { ...tile, HISTOGRAM_BINS: bins }),
      kernel('finalize', reduceFinalize, {
        WORKGROUP_SIZE: FINALIZE_WORKGROUP,
        HISTOGRAM_BINS: bins,
      }),
    ]);
    const device = await session.device();
    return new GpuReducer(device, bins, moments, merge, histogram, finalize, workgroupSize);
  }

  /** The session's shared reducer (default bins), compiled once per session and device. */
  static shared(session: GpuSession): Promise<GpuReducer> {
    return session.shared('GpuReducer', (s) => GpuReducer.create(s));
  }

  /**
   * The session's shared reducer for many short segments (workgroups of 64, tiles of 2048
   * values; default bins), e.g. the ODE cloud statistics: one segment per (field, time).
   */
  static sharedForShortSegments(session: GpuSession): Promise<GpuReducer> {
    return session.shared('GpuReducer.short', (s) => GpuReducer.create(s, { workgroupSize: 64 }));
  }

  /** A results buffer of `slots` records (`summaryByteLength()` bytes each). */
  createResultsBuffer(slots: number, label = 'GpuReducer.results'): GPUBuffer {
    return createStorageBuffer(this.device, label, Math.max(1, slots) * summaryByteLength());
  }

  /** A scratch buffer of at least `bytes`, reused across calls (commands run in queue order). */
  private scratchBuffer(name: string, bytes: number): GPUBuffer {
    const existing = this.scratch.get(name);
    if (existing && existing.size >= bytes) return existing;
    if (existing) this.retired.push(existing);
    const buffer = createStorageBuffer(this.device, `GpuReducer.${name}`, bytes);
    this.scratch.set(name, buffer);
    return buffer;
  }

  /**
   * Records the reduction passes into `encoder` (nothing is submitted). The results buffer
   * receives one `ReduceSummary` per segment at slots `slot .. slot + segments - 1`.
   * Throws `ParameterError` for bad counts, options or slots.
   */
  encode(encoder: GPUCommandEncoder, request: ReduceRequest): void {
    const options = resolveSummaryOptions(request.count, request);
    const slot = request.slot ?? 0;
    const slots = Math.floor(request.results.size / summaryByteLength());
    if (!Number.isInteger(slot) || slot < 0 || slot + options.segments > slots) {
      throw new ParameterError(
        'slot',
        slot,
        `an integer in [0, ${slots - options.segments}] (the results buffer has ${slots} slots for ${options.segments} segment(s))`,
      );
    }
    const limits = this.device.limits;
    const plan = planReduction(
      {
        count: request.count,
        segments: options.segments,
        offset: options.offset,
        stride: options.stride,
        tileValues: this.tileValues,
        mergeWidth: this.workgroupSize,
        ...(request.chunkValues === undefined ? {} : { chunkValues: request.chunkValues }),
      },
      {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        minStorageBufferOffsetAlignment: limits.minStorageBufferOffsetAlignment,
        inputByteLength: request.input.size,
      },
    );
    const segmentPartials = this.encodeMoments(encoder, request.input, plan, options);
    const binCount = request.bins ?? this.bins;
    if (!Number.isInteger(binCount) || binCount < 1 || binCount > this.bins) {
      throw new ParameterError('bins', binCount, `an integer in [1, ${this.bins}]`);
    }
    const bins = this.scratchBuffer('histogram', plan.segments * binCount * 4);
    if (options.quantiles.length > 0) {
      encoder.clearBuffer(bins, 0, plan.segments * binCount * 4);
      this.encodeChunks(encoder, this.histogram, request.input, plan, options, binCount, {
        segmentPartials,
        histogram: bins,
      });
    }
    this.encodeFinalize(encoder, segmentPartials, bins, request.results, slot, options, binCount);
  }

  /** One dispatch per binding chunk of `kernel` (moments or histogram); one workgroup per tile. */
  private encodeChunks(
    encoder: GPUCommandEncoder,
    kernel: ComputeKernel,
    input: GPUBuffer,
    plan: ReductionPlan,
    options: ResolvedSummaryOptions,
    bins: number,
    outputs: Record<string, GPUBuffer>,
  ): void {
    const pass = encoder.beginComputePass({ label: `${kernel.label}.pass` });
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const chunk of plan.chunks) {
      const params = createUniformBuffer(
        this.device,
        `${kernel.label}.params`,
        writeStruct(REDUCE_LIBRARY.structs.ReduceChunkParams, {
          firstTile: chunk.firstTile,
          tileCount: chunk.tileCount,
          tilesPerSegment: plan.tilesPerSegment,
          segmentLength: plan.segmentLength,
          chunkFirstValue: chunk.chunkFirstValue,
          elementShift: chunk.elementShift,
          stride: options.stride,
          threshold: options.threshold,
          bins,
        }),
      );
      const values = { buffer: input, offset: chunk.byteOffset, size: chunk.byteSize };
      const [x, y] = workgroupGrid(chunk.tileCount, 1, max);
      kernel.dispatch(pass, [kernel.bind({ params, values, ...outputs })], x, y);
    }
    pass.end();
  }

  /** First pass and merge passes; returns the buffer holding one partial per segment. */
  private encodeMoments(
    encoder: GPUCommandEncoder,
    input: GPUBuffer,
    plan: ReductionPlan,
    options: ResolvedSummaryOptions,
  ): GPUBuffer {
    const partialSize = REDUCE_LIBRARY.structs.ReducePartial.size;
    let current = this.scratchBuffer('partialsA', plan.totalTiles * partialSize);
    this.encodeChunks(encoder, this.moments, input, plan, options, this.bins, {
      partials: current,
    });
    let spare = 'partialsB';
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const inputPerSegment of plan.mergeInputs) {
      const outputPerSegment = Math.ceil(inputPerSegment / this.workgroupSize);
      const outputs = this.scratchBuffer(spare, plan.segments * outputPerSegment * partialSize);
      const params = createUniformBuffer(
        this.device,
        'GpuReducer.merge.params',
        writeStruct(reduceMerge.structs.ReduceMergeParams, {
          segmentCount: plan.segments,
          inputPerSegment,
          outputPerSegment,
        }),
      );
      const pass = encoder.beginComputePass({ label: 'GpuReducer.merge.pass' });
      const [x, y] = workgroupGrid(plan.segments * outputPerSegment, 1, max);
      this.merge.dispatch(pass, [this.merge.bind({ params, inputs: current, outputs })], x, y);
      pass.end();
      spare = spare === 'partialsB' ? 'partialsA' : 'partialsB';
      current = outputs;
    }
    return current;
  }

  private encodeFinalize(
    encoder: GPUCommandEncoder,
    segmentPartials: GPUBuffer,
    histogram: GPUBuffer,
    results: GPUBuffer,
    slot: number,
    options: ResolvedSummaryOptions,
    bins: number,
  ): void {
    const numerators = Array.from(
      { length: MAX_QUANTILES },
      (_, i) => options.probabilityNumerators[i] ?? 0,
    );
    const data = writeStruct(reduceFinalize.structs.ReduceFinalizeParams, {
      segmentCount: options.segments,
      firstSlot: slot,
      quantileCount: options.quantiles.length,
      threshold: options.threshold,
      bins,
      probabilityNumerators: numerators,
    });
    const params = uploadStorage(this.device, 'GpuReducer.finalize.params', new Uint8Array(data));
    const pass = encoder.beginComputePass({ label: 'GpuReducer.finalize.pass' });
    const groups = Math.ceil(options.segments / FINALIZE_WORKGROUP);
    this.finalize.dispatch(
      pass,
      [this.finalize.bind({ params, segmentPartials, histogram, results })],
      groups,
    );
    pass.end();
  }

  /** Encodes, submits and reads back one `Summary` per segment. */
  async summarizeSegments(
    input: GPUBuffer,
    count: number,
    options: SummaryOptions & { chunkValues?: number } = {},
  ): Promise<Summary[]> {
    const segments = resolveSummaryOptions(count, options).segments;
    const results = this.createResultsBuffer(segments, 'GpuReducer.summarize.results');
    const encoder = this.device.createCommandEncoder({ label: 'GpuReducer.summarize.encoder' });
    this.encode(encoder, { ...options, input, count, results, slot: 0 });
    this.device.queue.submit([encoder.finish()]);
    const summaries = await readSummaries(this.device, results, {
      slotCount: segments,
      confidence: options.confidence ?? 0.95,
    });
    results.destroy();
    return summaries;
  }

  /** Encodes, submits and reads back the `Summary` of `count` values of `input`. */
  async summarize(
    input: GPUBuffer,
    count: number,
    options: Omit<SummaryOptions, 'segments'> & { chunkValues?: number } = {},
  ): Promise<Summary> {
    const [only] = await this.summarizeSegments(input, count, { ...options, segments: 1 });
    if (!only) throw new Error('GpuReducer.summarize: no summary');
    return only;
  }

  /** Releases the scratch buffers. */
  destroy(): void {
    for (const buffer of [...this.scratch.values(), ...this.retired]) buffer.destroy();
    this.scratch.clear();
    this.retired = [];
  }
}
