import type { KernelContract } from '../gpu/contract.ts';
import { reduce } from '../generated/wgsl/lib/index.ts';
import {
  reduceFinalize,
  reduceHistogram,
  reduceMerge,
  reduceMoments,
} from '../generated/wgsl/kernels/index.ts';

const chunkParams = [
  'firstTile',
  'tileCount',
  'tilesPerSegment',
  'segmentLength',
  'chunkFirstValue',
  'elementShift',
  'stride',
  'threshold',
  'bins',
];
const summaryFields = [
  'count',
  'nonFinite',
  'aboveThreshold',
  'quantileCount',
  'bins',
  'sum',
  'mean',
  'm2',
  'minValue',
  'maxValue',
  'threshold',
  'probabilityNumerators',
  'quantiles',
];

/** What `GpuReducer` and `decodeSummaries` use of the four reduction kernels' WGSL. */
export const REDUCE_CONTRACTS: KernelContract[] = [
  {
    name: 'GpuReducer.moments',
    modules: [reduce, reduceMoments],
    structs: { ReduceChunkParams: chunkParams, ReduceSummary: summaryFields },
    bindings: ['params', 'values', 'partials'],
    overrides: ['WORKGROUP_SIZE', 'VALUES_PER_THREAD'],
  },
  {
    name: 'GpuReducer.merge',
    modules: [reduce, reduceMerge],
    structs: { ReduceMergeParams: ['segmentCount', 'inputPerSegment', 'outputPerSegment'] },
    bindings: ['params', 'inputs', 'outputs'],
    overrides: ['WORKGROUP_SIZE'],
  },
  {
    name: 'GpuReducer.histogram',
    modules: [reduce, reduceHistogram],
    structs: { ReduceChunkParams: chunkParams },
    bindings: ['params', 'values', 'segmentPartials', 'histogram'],
    overrides: ['WORKGROUP_SIZE', 'VALUES_PER_THREAD', 'HISTOGRAM_BINS'],
  },
  {
    name: 'GpuReducer.finalize',
    modules: [reduce, reduceFinalize],
    structs: {
      ReduceFinalizeParams: [
        'segmentCount',
        'firstSlot',
        'quantileCount',
        'threshold',
        'bins',
        'probabilityNumerators',
      ],
    },
    bindings: ['params', 'segmentPartials', 'histogram', 'results'],
    overrides: ['WORKGROUP_SIZE', 'HISTOGRAM_BINS'],
  },
];
