import { createStorageBuffer } from '../../src/gpu/buffers.ts';
import { workgroupGrid } from '../../src/gpu/grid.ts';
import { writeStruct } from '../../src/gpu/layout.ts';
import type { GpuSession } from '../../src/gpu/session.ts';
import { TILE_VALUES, VALUES_PER_THREAD, WORKGROUP_SIZE } from '../../src/kernels/reduce.ts';
import { Distribution, RANDOM_FILL_MODULES } from '../../src/kernels/randomFill.ts';
import type { Key } from '../../src/random/philox.ts';
import type { Summary } from '../../src/stats/summary.ts';

/** Unit roundoff of float32. */
export const U32 = 2 ** -24;

/**
 * Depth of the GPU reduction tree for `n` values in one segment: VALUES_PER_THREAD - 1 = 31
 * serial Welford steps per invocation, log2(WORKGROUP_SIZE) = 8 tree levels per workgroup,
 * and 8 more levels per merge pass (each merge pass folds up to 256 partials by a tree).
 */
export function reductionDepth(n: number): number {
  const levels = Math.log2(WORKGROUP_SIZE);
  let mergePasses = 0;
  for (
    let tiles = Math.ceil(n / TILE_VALUES);
    tiles > 1;
    tiles = Math.ceil(tiles / WORKGROUP_SIZE)
  ) {
    mergePasses++;
  }
  return VALUES_PER_THREAD - 1 + levels * (1 + mergePasses);
}

/**
 * Fills a new GPU buffer with `count` draws (a multiple of 4) of `distribution` by the
 * RandomFill kernel, at trajectory 0, step 0, stream 7: value i is lane i % 4 of block i / 4,
 * so `uniform4(key, 0, 0, i >> 2, 7)[i & 3]` is its CPU twin.
 */
export async function fillOnGpu(
  session: GpuSession,
  distribution: 'uniform' | 'normal' | 'bits',
  count: number,
  key: Key,
): Promise<GPUBuffer> {
  const device = await session.device();
  const kernel = await session.kernel({
    label: `ReduceTest.fill.${distribution}`,
    modules: RANDOM_FILL_MODULES,
    constants: { DISTRIBUTION: Distribution[distribution], WORKGROUP_SIZE: 64 },
  });
  const blockCount = Math.ceil(count / 4);
  const output = createStorageBuffer(device, 'ReduceTest.fill.output', blockCount * 16);
  const params = writeStruct(kernel.layout.struct('RandomFillParams'), {
    key,
    trajectory: 0,
    stepIndex: 0,
    stream: 7,
    firstBlock: 0,
    blockCount,
    p: 0.5,
  });
  const uniform = device.createBuffer({
    label: 'ReduceTest.fill.params',
    size: params.byteLength,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(uniform, 0, params);
  const encoder = device.createCommandEncoder({ label: 'ReduceTest.fill.encoder' });
  const pass = encoder.beginComputePass({ label: 'ReduceTest.fill.pass' });
  const [x, y] = workgroupGrid(blockCount, 64, device.limits.maxComputeWorkgroupsPerDimension);
  kernel.dispatch(pass, [kernel.bind({ params: uniform, output })], x, y);
  pass.end();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  uniform.destroy();
  return output;
}

/** One row of a failure table: what was compared, GPU value, float64 value, error, bound. */
export interface Comparison {
  name: string;
  gpu: number;
  reference: number;
  bound: number;
}

/** Absolute error of each comparison; NaN only matches NaN. */
export function violations(rows: Comparison[]): string[] {
  return rows
    .filter((r) =>
      Number.isNaN(r.reference)
        ? !Number.isNaN(r.gpu)
        : !(Math.abs(r.gpu - r.reference) <= r.bound),
    )
    .map(
      (r) =>
        `${r.name}: gpu ${r.gpu} reference ${r.reference} error ${Math.abs(r.gpu - r.reference)} bound ${r.bound}`,
    );
}

/**
 * The float32-vs-float64 comparisons of one summary, each with its bound (docs/numerics.md):
 * - counts, min, max: exact;
 * - sum: tree summation of depth d, |err| <= d u sum|x| (Higham, Accuracy and Stability,
 *   section 4.2, eq. 4.6 with the depth in place of log2 n);
 * - mean: each Chan/Welford update mean_a + (mean_b - mean_a) w rounds at most 4 times on
 *   quantities <= 2 max|x|, and errors of the inputs are averaged (weights w, 1 - w), so
 *   |err| <= 8 d u max|x|;
 * - M2 and the variances: pairwise updating, |err| <= 8 d u kappa M2 with the condition
 *   number kappa = sqrt(1 + n mean^2 / M2) (Chan, Golub & LeVeque 1983, table 1);
 * - quantiles: the estimate and x_(k) lie in the same bin, |err| <= bin width, plus f32
 *   rounding of the bin edges, 8 u max(|min|, |max|).
 */
export function summaryComparisons(
  gpu: Summary,
  reference: Summary,
  sumAbs: number,
  maxAbs: number,
): Comparison[] {
  const d = reductionDepth(reference.count + reference.nonFinite);
  const kappa =
    reference.m2 > 0 ? Math.sqrt(1 + (reference.count * reference.mean ** 2) / reference.m2) : 1;
  const m2Relative = 8 * d * U32 * kappa;
  const rows: Comparison[] = [
    { name: 'count', gpu: gpu.count, reference: reference.count, bound: 0 },
    { name: 'nonFinite', gpu: gpu.nonFinite, reference: reference.nonFinite, bound: 0 },
    {
      name: 'aboveThreshold',
      gpu: gpu.aboveThreshold,
      reference: reference.aboveThreshold,
      bound: 0,
    },
    { name: 'min', gpu: gpu.min, reference: reference.min, bound: 0 },
    { name: 'max', gpu: gpu.max, reference: reference.max, bound: 0 },
    { name: 'sum', gpu: gpu.sum, reference: reference.sum, bound: d * U32 * sumAbs },
    { name: 'mean', gpu: gpu.mean, reference: reference.mean, bound: 8 * d * U32 * maxAbs },
    { name: 'm2', gpu: gpu.m2, reference: reference.m2, bound: m2Relative * reference.m2 },
    {
      name: 'variance',
      gpu: gpu.variance,
      reference: reference.variance,
      bound: m2Relative * reference.variance,
    },
    {
      name: 'sampleVariance',
      gpu: gpu.sampleVariance,
      reference: reference.sampleVariance,
      bound: m2Relative * reference.sampleVariance,
    },
  ];
  const edgeRounding = 8 * U32 * Math.max(Math.abs(reference.min), Math.abs(reference.max));
  reference.quantiles.forEach((q, i) => {
    rows.push({
      name: `quantile ${q.probability}`,
      gpu: gpu.quantiles[i]?.value ?? NaN,
      reference: q.value,
      bound: gpu.quantileResolution + edgeRounding,
    });
  });
  return rows;
}

/** sum |x| and max |x| over the finite values of a strided view, for the bounds above. */
export function magnitudes(
  values: ArrayLike<number>,
  first: number,
  count: number,
  offset = 0,
  stride = 1,
): { sumAbs: number; maxAbs: number } {
  let sumAbs = 0;
  let maxAbs = 0;
  for (let i = first; i < first + count; i++) {
    const x = values[offset + i * stride] ?? NaN;
    if (!Number.isFinite(x)) continue;
    sumAbs += Math.abs(x);
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  return { sumAbs, maxAbs };
}
