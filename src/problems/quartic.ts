import { gradientNormals, squaredNorm } from './noise.ts';
import type { ProblemDescriptor } from './types.ts';
import { MAX_DIMENSION, requireInteger, requirePositive } from './validate.ts';
import { quartic as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `quartic` (docs/math.md section 6 item 6). */
export interface QuarticSpec {
  name: 'quartic';
  dimension: number;
  /** Additive gradient noise, > 0 (default 0.1). */
  sigma?: number;
}

/**
 * F = ¼ Σ x_i⁴ with additive noise: ∇f = x³ + σζ, S = (x³)² + σ², critical set {0}.
 * The θ = ¼ Łojasiewicz case (polynomial rate). Twin of shaders/problems/quartic.wgsl.
 *
 * @example
 * const q = quartic({ name: 'quartic', dimension: 2 });
 * q.meanGradient(Float64Array.of(1, 2)); // [1, 8]
 */
export function quartic(spec: QuarticSpec): ProblemDescriptor {
  const dimension = requireInteger('dimension', spec.dimension, 1, MAX_DIMENSION);
  const sigma = requirePositive('sigma', spec.sigma ?? 0.1);
  const meanGradient = (x: Float64Array) => x.map((v) => v * v * v);
  return {
    name: 'quartic',
    dimension,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: 3,
    gpuParams: () => ({ dimension, sigma }),
    value: (x) => x.reduce((s, v) => s + 0.25 * v ** 4, 0),
    meanGradient,
    secondMoment: (x) => meanGradient(x).map((g) => g * g + sigma * sigma),
    gradientSample(x, key, trajectory, stepIndex) {
      const zeta = gradientNormals(key, trajectory, stepIndex, dimension);
      return x.map((v, i) => v * v * v + sigma * (zeta[i] ?? 0));
    },
    criticalDistanceSq: (x) => squaredNorm(x),
    project: () => undefined,
  };
}
