import { ParameterError } from '../errors.ts';
import { normal4, seedKey, Stream } from '../random/distributions.ts';
import type { OdeConfig } from './config.ts';

/** Largest count × d of initial points (one Float64Array; also a u32 trajectory index). */
export const MAX_POINT_VALUES = 2 ** 31;

/**
 * The initial points of a run, `trajectory * d + i`: `points`, or one `x0`, or a Gaussian
 * cloud around `cloud.center ?? x0 ?? 0` drawn with Philox (stream `initial`, trajectory n,
 * step 0, block i/4, lane i%4), rounded to float32 so both backends start from the same points.
 */
export function resolveInitialPoints(c: OdeConfig, d: number): Float64Array {
  const checkLength = (name: string, p: readonly number[]) => {
    if (p.length !== d || !p.every(Number.isFinite)) {
      throw new ParameterError(name, p, `${d} finite numbers (the problem's dimension)`);
    }
  };
  if (c.cloud) return cloudPoints(c, d, checkLength);
  if (c.points) {
    if (c.points.length === 0) throw new ParameterError('points', c.points, 'a non-empty list');
    c.points.forEach((p, n) => checkLength(`points[${n}]`, p));
    return Float64Array.from(c.points.flat());
  }
  if (!c.x0) throw new ParameterError('x0', c.x0, 'x0, points or cloud must be given');
  checkLength('x0', c.x0);
  return Float64Array.from(c.x0);
}

function cloudPoints(
  c: OdeConfig,
  d: number,
  checkLength: (name: string, p: readonly number[]) => void,
): Float64Array {
  const cloud = c.cloud;
  if (!cloud) return new Float64Array(0);
  const max = Math.floor(MAX_POINT_VALUES / d);
  if (!Number.isInteger(cloud.count) || cloud.count < 1 || cloud.count > max) {
    throw new ParameterError(
      'cloud.count',
      cloud.count,
      `an integer in [1, ${max}] (the initial points are one array of count × d = count × ${d} numbers, at most ${MAX_POINT_VALUES})`,
    );
  }
  if (!(cloud.spread >= 0)) throw new ParameterError('cloud.spread', cloud.spread, '[0, ∞)');
  const center = cloud.center ?? c.x0 ?? new Array<number>(d).fill(0);
  checkLength('cloud.center', center);
  const key = seedKey(cloud.seed);
  const out = new Float64Array(cloud.count * d);
  for (let n = 0; n < cloud.count; n++) {
    for (let blockIndex = 0; blockIndex * 4 < d; blockIndex++) {
      const z = normal4(key, n, 0, blockIndex, Stream.initial);
      for (let lane = 0; lane < 4 && 4 * blockIndex + lane < d; lane++) {
        const i = 4 * blockIndex + lane;
        out[n * d + i] = Math.fround((center[i] ?? 0) + cloud.spread * (z[lane] ?? 0));
      }
    }
  }
  return out;
}
