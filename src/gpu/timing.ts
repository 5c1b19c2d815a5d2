import type { GpuSession } from './session.ts';

/** GPU time of one compute pass, from its `timestampWrites` (timestamp-query). */
export interface PassTiming {
  /** The pass's label (`beginComputePass({ label })`). */
  label: string;
  /** End minus beginning timestamp, in seconds (≥ 0; 0 when the adapter quantises it away). */
  seconds: number;
}

/** Timestamp pairs per query set (a query set holds at most 4096 queries). */
export const TIMING_PAIRS_PER_SET = 256;

/**
 * The durations of `labels.length` passes from their resolved timestamps (nanoseconds; pass i
 * wrote queries 2i and 2i + 1). A pair that goes backwards (some adapters reset or clamp
 * timestamps) counts as 0.
 */
export function passDurations(timestamps: BigUint64Array, labels: readonly string[]): PassTiming[] {
  return labels.map((label, i) => {
    const begin = timestamps[2 * i] ?? 0n;
    const end = timestamps[2 * i + 1] ?? 0n;
    return { label, seconds: end > begin ? Number(end - begin) / 1e9 : 0 };
  });
}

/**
 * Collects the GPU time of compute passes through `timestamp-query` (see
 * `GpuSession.startTiming`): `timestampWrites(label)` hands a pass its pair of queries, and
 * `read()` resolves every pair written since the last read and returns the durations. Query
 * sets are added as passes come (256 pairs each). Needs a device with the feature.
 */
export class GpuTimingCollector {
  private readonly sets: GPUQuerySet[] = [];
  private labels: string[] = [];

  constructor(
    readonly device: GPUDevice,
    /** `session.runtime.deviceGeneration` when made: after a device loss it times nothing. */
    private readonly isCurrent: () => boolean = () => true,
  ) {
    if (!device.features.has('timestamp-query'))
      throw new Error('GpuTimingCollector: the device has no timestamp-query feature');
  }

  /** Passes given a pair of queries since the last `read()`. */
  get pending(): number {
    return this.labels.length;
  }

  /** The `timestampWrites` of the next pass (its beginning and end timestamps). */
  timestampWrites(label: string): GPUComputePassTimestampWrites | undefined {
    if (!this.isCurrent()) return undefined; // the device was replaced: its queries are gone
    const index = this.labels.length;
    const set = Math.floor(index / TIMING_PAIRS_PER_SET);
    while (this.sets.length <= set)
      this.sets.push(
        this.device.createQuerySet({
          label: `GpuTiming.queries${this.sets.length}`,
          type: 'timestamp',
          count: 2 * TIMING_PAIRS_PER_SET,
        }),
      );
    const querySet = this.sets[set];
    if (!querySet) throw new Error('GpuTimingCollector: query set missing');
    this.labels.push(label);
    const first = 2 * (index % TIMING_PAIRS_PER_SET);
    return { querySet, beginningOfPassWriteIndex: first, endOfPassWriteIndex: first + 1 };
  }

  /**
   * Resolves the timestamps of every pass handed out since the last read (after the work
   * submitted so far) and returns their durations, in the order the passes were encoded.
   */
  async read(): Promise<PassTiming[]> {
    const labels = this.labels;
    this.labels = [];
    if (labels.length === 0) return [];
    const { device } = this;
    const bytes = labels.length * 16;
    const resolveBuffer = device.createBuffer({
      label: 'GpuTiming.resolve',
      size: bytes,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    const readBuffer = device.createBuffer({
      label: 'GpuTiming.read',
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    try {
      const encoder = device.createCommandEncoder({ label: 'GpuTiming.resolveEncoder' });
      for (let first = 0; first < labels.length; first += TIMING_PAIRS_PER_SET) {
        const set = this.sets[first / TIMING_PAIRS_PER_SET];
        if (!set) throw new Error('GpuTimingCollector: query set missing');
        const pairs = Math.min(TIMING_PAIRS_PER_SET, labels.length - first);
        // Each set's block starts at a multiple of 256 pairs · 16 bytes (the 256-byte alignment).
        encoder.resolveQuerySet(set, 0, 2 * pairs, resolveBuffer, first * 16);
      }
      encoder.copyBufferToBuffer(resolveBuffer, 0, readBuffer, 0, bytes);
      device.queue.submit([encoder.finish()]);
      await readBuffer.mapAsync(GPUMapMode.READ);
      const timestamps = new BigUint64Array(readBuffer.getMappedRange().slice(0));
      readBuffer.unmap();
      return passDurations(timestamps, labels);
    } finally {
      resolveBuffer.destroy();
      readBuffer.destroy();
    }
  }

  /** Frees the query sets (pending pairs are dropped). */
  destroy(): void {
    for (const set of this.sets) set.destroy();
    this.sets.length = 0;
    this.labels = [];
  }
}

/**
 * Starts timing every compute pass that the engines of `session` encode
 * (`session.beginComputePass`) with GPU timestamps; `readTiming` returns the durations. False,
 * and nothing is timed, when the device has no `timestamp-query` feature. Not part of the
 * package entries (the benchmark suite imports it), so that it costs them nothing.
 */
export async function startTiming(session: GpuSession): Promise<boolean> {
  const device = await session.device();
  if (!device.features.has('timestamp-query')) return false;
  if (!(session.passTimer instanceof GpuTimingCollector) || session.passTimer.device !== device) {
    stopTiming(session);
    const generation = session.runtime.deviceGeneration;
    session.passTimer = new GpuTimingCollector(
      device,
      () => session.runtime.deviceGeneration === generation,
    );
  }
  return true;
}

/** The passes timed since `startTiming` or the last read (empty when timing is off). */
export async function readTiming(session: GpuSession): Promise<PassTiming[]> {
  const timer = session.passTimer;
  return timer instanceof GpuTimingCollector ? timer.read() : [];
}

/** Stops timing (the passes not read yet are dropped). */
export function stopTiming(session: GpuSession): void {
  const timer = session.passTimer;
  if (timer instanceof GpuTimingCollector) timer.destroy();
  session.passTimer = undefined;
}
