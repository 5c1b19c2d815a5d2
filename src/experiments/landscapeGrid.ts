import { ParameterError } from '../errors.ts';
import {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from '../gpu/buffers.ts';
import { writeStruct } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import { networkLandscape } from '../generated/wgsl/kernels/index.ts';
import { NETWORK_LIBRARIES } from '../ode/networkOde.ts';
import { uploadNetworkProblem } from '../problems/network/gpuUpload.ts';
import { layerOffsets } from '../problems/network/architecture.ts';
import type { NetworkProblem } from '../problems/network/index.ts';
import { normal4 } from '../random/distributions.ts';
import type { Key } from '../random/philox.ts';

/**
 * The loss landscape of a network (Li et al., "Visualizing the Loss Landscape of Neural Nets",
 * NeurIPS 2018): F(c + a u + b v) over a grid of (a, b), for two random directions u, v with
 * FILTER NORMALISATION. Draws: direction q (0 = u, 1 = v), coordinate k is lane k % 4 of
 * normal4(key, q, 0, ⌊k/4⌋, STREAM_LANDSCAPE); then, for every neuron (row i of W_l, its
 * fanIn incoming weights), the row of the direction is rescaled to the Euclidean norm of the
 * same row of the centre c; the bias coordinates of the directions are 0 (Li et al.'s
 * `ignore = 'biasbn'`, the setting of their figures: biases are not perturbed).
 */
export const STREAM_LANDSCAPE = 5;

/** The grid of (a, b): `resolution` points on [-span, span] per axis (odd: (0, 0) is a cell). */
export interface LandscapeGridSpec {
  resolution: number;
  span: number;
}

/** Row-major F values (row = b index, column = a index) and the axes. */
export interface LandscapeGrid {
  values: Float64Array;
  columns: number;
  rows: number;
  aDomain: [number, number];
  bDomain: [number, number];
}

/** Largest grid side (workgroups per dimension of one dispatch). */
import { MAX_RESOLUTION } from './networkFields.ts';
export { MAX_RESOLUTION };

/** One filter-normalised direction around `centre` (draws in the header). */
export function filterNormalizedDirection(
  problem: NetworkProblem,
  centre: Float64Array,
  key: Key,
  index: number,
): Float64Array {
  const d = problem.dimension;
  const direction = new Float64Array(d);
  let z: number[] = [];
  for (let k = 0; k < d; k++) {
    if ((k & 3) === 0) z = normal4(key, index, 0, k >> 2, STREAM_LANDSCAPE);
    direction[k] = z[k & 3] ?? 0;
  }
  const widths = problem.architecture.widths;
  const offsets = layerOffsets(problem.architecture);
  for (let l = 0; l + 1 < widths.length; l++) {
    const fanIn = widths[l] ?? 0;
    const fanOut = widths[l + 1] ?? 0;
    const start = offsets[l] ?? 0;
    for (let i = 0; i < fanOut; i++) {
      let dn = 0;
      let cn = 0;
      for (let j = 0; j < fanIn; j++) {
        const k = start + i * fanIn + j;
        dn += (direction[k] ?? 0) ** 2;
        cn += (centre[k] ?? 0) ** 2;
      }
      const scale = dn > 0 ? Math.sqrt(cn / dn) : 0;
      for (let j = 0; j < fanIn; j++) {
        const k = start + i * fanIn + j;
        direction[k] = (direction[k] ?? 0) * scale;
      }
    }
    // Biases: not perturbed.
    direction.fill(0, start + fanOut * fanIn, start + fanOut * (fanIn + 1));
  }
  return direction;
}

function checkSpec(spec: LandscapeGridSpec): void {
  if (!Number.isInteger(spec.resolution) || spec.resolution < 2 || spec.resolution > MAX_RESOLUTION)
    throw new ParameterError('resolution', spec.resolution, `an integer in [2, ${MAX_RESOLUTION}]`);
  if (!(spec.span > 0 && Number.isFinite(spec.span)))
    throw new ParameterError('span', spec.span, '(0, ∞)');
}

/** a (or b) of grid index i. */
export function gridCoordinate(spec: LandscapeGridSpec, i: number): number {
  return -spec.span + (i * 2 * spec.span) / (spec.resolution - 1);
}

/** F(c + a u + b v) at one grid cell, float64 (the twin of one workgroup). */
export function landscapeValueCpu(
  problem: NetworkProblem,
  centre: Float64Array,
  u: Float64Array,
  v: Float64Array,
  a: number,
  b: number,
): number {
  const x = centre.map((c, k) => c + a * (u[k] ?? 0) + b * (v[k] ?? 0));
  return problem.value(x);
}

/** The whole grid in float64 (the twin; O(resolution² n d): tests use small grids). */
export function landscapeGridCpu(
  problem: NetworkProblem,
  centre: Float64Array,
  u: Float64Array,
  v: Float64Array,
  spec: LandscapeGridSpec,
): LandscapeGrid {
  checkSpec(spec);
  const r = spec.resolution;
  const values = new Float64Array(r * r);
  for (let row = 0; row < r; row++)
    for (let column = 0; column < r; column++)
      values[row * r + column] = landscapeValueCpu(
        problem,
        centre,
        u,
        v,
        gridCoordinate(spec, column),
        gridCoordinate(spec, row),
      );
  return {
    values,
    columns: r,
    rows: r,
    aDomain: [-spec.span, spec.span],
    bDomain: [-spec.span, spec.span],
  };
}

/**
 * The whole grid on the GPU in ONE dispatch (kernels/network_landscape.wgsl: a workgroup of 64
 * lanes per cell, F the exact mean over the train split), read back as float64.
 */
export async function landscapeGridGpu(
  session: GpuSession,
  problem: NetworkProblem,
  centre: Float64Array,
  u: Float64Array,
  v: Float64Array,
  spec: LandscapeGridSpec,
): Promise<LandscapeGrid> {
  checkSpec(spec);
  const device = await session.device();
  const r = spec.resolution;
  if (r > device.limits.maxComputeWorkgroupsPerDimension)
    throw new ParameterError(
      'resolution',
      r,
      `at most ${device.limits.maxComputeWorkgroupsPerDimension} (maxComputeWorkgroupsPerDimension)`,
    );
  const kernel = await session.kernel({
    label: 'Network.landscape',
    modules: [...NETWORK_LIBRARIES, problem.module, networkLandscape],
  });
  const label = kernel.label;
  const d = problem.dimension;
  const directions = new Float32Array(2 * d);
  directions.set(u);
  directions.set(v, d);
  const step = (2 * spec.span) / (r - 1);
  const buffers: Record<string, GPUBuffer> = {
    landscape: createUniformBuffer(
      device,
      `${label}.params`,
      writeStruct(kernel.layout.struct('LandscapeParams'), {
        columns: r,
        rows: r,
        aMin: -spec.span,
        aStep: step,
        bMin: -spec.span,
        bStep: step,
      }),
    ),
    landscapeCentre: uploadStorage(device, `${label}.centre`, Float32Array.from(centre)),
    landscapeDirections: uploadStorage(device, `${label}.directions`, directions),
    landscapeValues: createStorageBuffer(device, `${label}.values`, r * r * 4),
  };
  const problemBuffers = uploadNetworkProblem(
    device,
    problem,
    kernel.layout.struct('ProblemParams'),
    label,
  ).entries;
  try {
    const encoder = device.createCommandEncoder({ label: `${label}.encoder` });
    const pass = session.beginComputePass(encoder, { label: `${label}.pass` });
    kernel.dispatch(pass, [kernel.bind(buffers, 0), kernel.bind(problemBuffers, 1)], r, r);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const raw = new Float32Array(
      await readBuffer(device, buffers.landscapeValues as GPUBuffer, r * r * 4),
    );
    return {
      values: Float64Array.from(raw),
      columns: r,
      rows: r,
      aDomain: [-spec.span, spec.span],
      bDomain: [-spec.span, spec.span],
    };
  } finally {
    for (const b of [...Object.values(buffers), ...Object.values(problemBuffers)]) b.destroy();
  }
}

/**
 * Least-squares coordinates (a, b) of points x in the plane c + a u + b v (u, v are not
 * orthogonal in general: the 2×2 normal equations), and the relative distance of each point
 * from the plane, ‖x - c - a u - b v‖ / ‖x - c‖ (0 when the point is on it).
 */
export function projectOntoPlane(
  points: readonly Float64Array[],
  centre: Float64Array,
  u: Float64Array,
  v: Float64Array,
): { a: number[]; b: number[]; offPlane: number[] } {
  let uu = 0;
  let uv = 0;
  let vv = 0;
  for (let k = 0; k < u.length; k++) {
    uu += (u[k] ?? 0) ** 2;
    uv += (u[k] ?? 0) * (v[k] ?? 0);
    vv += (v[k] ?? 0) ** 2;
  }
  const det = uu * vv - uv * uv;
  const a: number[] = [];
  const b: number[] = [];
  const offPlane: number[] = [];
  for (const x of points) {
    let pu = 0;
    let pv = 0;
    let norm = 0;
    for (let k = 0; k < u.length; k++) {
      const e = (x[k] ?? 0) - (centre[k] ?? 0);
      pu += e * (u[k] ?? 0);
      pv += e * (v[k] ?? 0);
      norm += e * e;
    }
    const ai = det > 0 ? (vv * pu - uv * pv) / det : 0;
    const bi = det > 0 ? (uu * pv - uv * pu) / det : 0;
    let residual = 0;
    for (let k = 0; k < u.length; k++) {
      const e = (x[k] ?? 0) - (centre[k] ?? 0) - ai * (u[k] ?? 0) - bi * (v[k] ?? 0);
      residual += e * e;
    }
    a.push(ai);
    b.push(bi);
    offPlane.push(norm > 0 ? Math.sqrt(residual / norm) : 0);
  }
  return { a, b, offPlane };
}
