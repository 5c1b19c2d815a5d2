import { readBuffer } from '../gpu/buffers.ts';
import { readStruct } from '../gpu/layout.ts';
import { reduce } from '../generated/wgsl/lib/index.ts';
import { completeSummary, type Summary } from '../stats/summary.ts';
import { PROBABILITY_SCALE } from '../stats/summaryOptions.ts';

/** The WGSL library that declares `ReduceSummary`, the record of a results buffer. */
export const REDUCE_LIBRARY = reduce;

/** Layout of one results-buffer record (`ReduceSummary` in shaders/lib/reduce.wgsl). */
export function summaryLayout() {
  return reduce.structs.ReduceSummary;
}

/** Bytes per results-buffer slot. */
export function summaryByteLength(): number {
  return summaryLayout().size;
}

function field(record: Record<string, number[]>, name: string): number[] {
  const value = record[name];
  if (!value) throw new Error(`decodeSummaries: ReduceSummary has no field "${name}"`);
  return value;
}

/**
 * Decodes `slotCount` records of a results buffer (read back as `bytes`) starting at
 * `firstSlot`, into `Summary` objects (Wilson intervals at `confidence`).
 * Example: `decodeSummaries(await readBuffer(device, results), { slotCount: 100 })`.
 */
export function decodeSummaries(
  bytes: ArrayBuffer,
  options: { firstSlot?: number; slotCount?: number; confidence?: number } = {},
): Summary[] {
  const layout = summaryLayout();
  const firstSlot = options.firstSlot ?? 0;
  const slotCount = options.slotCount ?? Math.floor(bytes.byteLength / layout.size) - firstSlot;
  const view = new DataView(bytes);
  const summaries: Summary[] = [];
  for (let s = firstSlot; s < firstSlot + slotCount; s++) {
    const record = readStruct(layout, view, s * layout.size);
    const one = (name: string): number => field(record, name)[0] ?? NaN;
    const quantileCount = one('quantileCount');
    const numerators = field(record, 'probabilityNumerators');
    const values = field(record, 'quantiles');
    const bins = one('bins');
    summaries.push(
      completeSummary(
        {
          count: one('count'),
          nonFinite: one('nonFinite'),
          sum: one('sum'),
          mean: one('mean'),
          m2: one('m2'),
          min: one('minValue'),
          max: one('maxValue'),
          threshold: one('threshold'),
          aboveThreshold: one('aboveThreshold'),
          quantiles: values.slice(0, quantileCount).map((value, i) => ({
            probability: (numerators[i] ?? NaN) / PROBABILITY_SCALE,
            value,
          })),
          quantileResolution: bins > 0 ? (one('maxValue') - one('minValue')) / bins : 0,
        },
        options.confidence ?? 0.95,
      ),
    );
  }
  return summaries;
}

/** Reads `slotCount` slots of a results buffer back and decodes them. */
export async function readSummaries(
  device: GPUDevice,
  results: GPUBuffer,
  options: { firstSlot?: number; slotCount: number; confidence?: number },
): Promise<Summary[]> {
  const size = summaryByteLength();
  const firstSlot = options.firstSlot ?? 0;
  const bytes = await readBuffer(device, results, options.slotCount * size, firstSlot * size);
  return decodeSummaries(bytes, {
    slotCount: options.slotCount,
    confidence: options.confidence ?? 0.95,
  });
}
