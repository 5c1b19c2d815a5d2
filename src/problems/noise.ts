import { normal4, Stream } from '../random/distributions.ts';
import type { Key } from '../random/philox.ts';

/**
 * The standard normals ζ_0 … ζ_{d-1} of one stochastic gradient: ζ_i is lane i % 4 of
 * `normal4` at blockIndex i / 4, stream `gradient`, (trajectory, stepIndex) — exactly the
 * draws of `tileGradientNormals` in shaders/problems/tile.wgsl.
 */
export function gradientNormals(
  key: Key,
  trajectory: number,
  stepIndex: number,
  dimension: number,
): Float64Array {
  const zeta = new Float64Array(dimension);
  for (let tile = 0; 4 * tile < dimension; tile++) {
    const z = normal4(key, trajectory, stepIndex, tile, Stream.gradient);
    for (let lane = 0; lane < 4 && 4 * tile + lane < dimension; lane++) {
      zeta[4 * tile + lane] = z[lane] ?? 0;
    }
  }
  return zeta;
}

/** Σ_i v_i². */
export function squaredNorm(v: Float64Array): number {
  let sum = 0;
  for (const value of v) sum += value * value;
  return sum;
}

/** Σ_i (v_i - c_i)² with c given as a scalar or a vector. */
export function squaredDistance(v: Float64Array, center: number | Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const c = typeof center === 'number' ? center : (center[i] ?? 0);
    const e = (v[i] ?? 0) - c;
    sum += e * e;
  }
  return sum;
}
