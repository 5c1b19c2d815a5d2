import { ParameterError } from '../errors.ts';

/**
 * How a reduction is split into tiles (one workgroup each), binding chunks (one dispatch
 * each, within `maxStorageBufferBindingSize`) and merge levels. Pure arithmetic: tested on
 * the CPU, used by `GpuReducer`. Values are split into `segments` contiguous segments of
 * `segmentLength`; each segment into tiles of `tileValues`; tiles are numbered segment-major.
 */
export interface ReductionChunk {
  firstTile: number;
  tileCount: number;
  /** Index of the chunk's first value (in [0, count)). */
  chunkFirstValue: number;
  /** The bound byte range of the input buffer (offset aligned to minStorageBufferOffsetAlignment). */
  byteOffset: number;
  byteSize: number;
  /** f32 element of the bound range that holds value chunkFirstValue. */
  elementShift: number;
}

export interface ReductionPlan {
  segments: number;
  segmentLength: number;
  tilesPerSegment: number;
  totalTiles: number;
  chunks: ReductionChunk[];
  /** Partials per segment before each merge pass (empty when one tile per segment). */
  mergeInputs: number[];
}

export interface PlanLimits {
  maxStorageBufferBindingSize: number;
  minStorageBufferOffsetAlignment: number;
  /** Byte size of the input buffer. */
  inputByteLength: number;
}

export interface PlanRequest {
  count: number;
  segments: number;
  offset: number;
  stride: number;
  tileValues: number;
  mergeWidth: number;
  /** Upper bound on values per dispatch (tests use it to exercise chunking); rounded down to whole tiles, at least one. */
  chunkValues?: number;
}

/** Plans the dispatches of one reduction; throws `ParameterError` when the input is too short. */
export function planReduction(request: PlanRequest, limits: PlanLimits): ReductionPlan {
  const { count, segments, offset, stride, tileValues } = request;
  const segmentLength = count / segments;
  const needed = count === 0 ? 0 : (offset + (count - 1) * stride + 1) * 4;
  if (needed > limits.inputByteLength) {
    throw new ParameterError(
      'count',
      count,
      `at most the ${Math.floor((limits.inputByteLength / 4 - offset - 1) / stride) + 1} values the input buffer (${limits.inputByteLength} bytes, offset ${offset}, stride ${stride}) holds`,
    );
  }
  const tilesPerSegment = Math.max(1, Math.ceil(segmentLength / tileValues));
  const totalTiles = tilesPerSegment * segments;
  const align = limits.minStorageBufferOffsetAlignment;
  // Elements one binding can span after aligning its start down, and values that fit in it.
  const spanElements = Math.floor((limits.maxStorageBufferBindingSize - align) / 4);
  const valuesByBinding = Math.floor((spanElements - 1) / stride) + 1;
  if (valuesByBinding < tileValues) {
    throw new ParameterError(
      'stride',
      stride,
      `at most ${Math.floor((spanElements - 1) / (tileValues - 1))} (one tile of ${tileValues} values must fit in one storage binding)`,
    );
  }
  const tilesPerChunk = Math.max(
    1,
    Math.floor(Math.min(valuesByBinding, request.chunkValues ?? Infinity) / tileValues),
  );
  const valueStart = (tile: number): number =>
    Math.floor(tile / tilesPerSegment) * segmentLength + (tile % tilesPerSegment) * tileValues;
  const valueEnd = (tile: number): number =>
    Math.floor(tile / tilesPerSegment) * segmentLength +
    Math.min(((tile % tilesPerSegment) + 1) * tileValues, segmentLength);
  const chunks: ReductionChunk[] = [];
  for (let firstTile = 0; firstTile < totalTiles; firstTile += tilesPerChunk) {
    const tileCount = Math.min(tilesPerChunk, totalTiles - firstTile);
    const first = valueStart(firstTile);
    const end = valueEnd(firstTile + tileCount - 1);
    const firstByte = count === 0 ? 0 : (offset + first * stride) * 4;
    const endByte = end > first ? (offset + (end - 1) * stride + 1) * 4 : firstByte + 4;
    const byteOffset = Math.floor(firstByte / align) * align;
    chunks.push({
      firstTile,
      tileCount,
      chunkFirstValue: first,
      byteOffset,
      byteSize: Math.min(endByte, limits.inputByteLength) - byteOffset,
      elementShift: (firstByte - byteOffset) / 4,
    });
  }
  const mergeInputs: number[] = [];
  for (let n = tilesPerSegment; n > 1; n = Math.ceil(n / request.mergeWidth)) mergeInputs.push(n);
  return { segments, segmentLength, tilesPerSegment, totalTiles, chunks, mergeInputs };
}
