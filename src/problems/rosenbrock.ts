import { gradientNormals } from './noise.ts';
import type { ProblemDescriptor } from './types.ts';
import { requireInteger, requirePositive } from './validate.ts';
import { rosenbrock as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `rosenbrock` (docs/math.md section 6 item 5). */
export interface RosenbrockSpec {
  name: 'rosenbrock';
  dimension?: number;
  /** Noise level, > 0 (default 0.1). */
  sigma?: number;
}

/**
 * F = (1 - x1)² + 100(x2 - x1²)², ∇f = ∇F + σζ (ζ: lanes 0, 1 of normal4 at block 0),
 * S = ∇F² + σ², critical set {(1, 1)}.
 *
 * @example
 * rosenbrock({ name: 'rosenbrock' }).value(Float64Array.of(1, 1)); // 0
 */
export function rosenbrock(spec: RosenbrockSpec): ProblemDescriptor {
  requireInteger('dimension', spec.dimension ?? 2, 2, 2);
  const sigma = requirePositive('sigma', spec.sigma ?? 0.1);
  const meanGradient = (x: Float64Array) => {
    const [x1 = 0, x2 = 0] = x;
    const b = x2 - x1 * x1;
    return Float64Array.of(-2 * (1 - x1) - 400 * x1 * b, 200 * b);
  };
  return {
    name: 'rosenbrock',
    dimension: 2,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: 1000,
    gpuParams: () => ({ dimension: 2, sigma }),
    value(x) {
      const [x1 = 0, x2 = 0] = x;
      return (1 - x1) ** 2 + 100 * (x2 - x1 * x1) ** 2;
    },
    meanGradient,
    secondMoment: (x) => meanGradient(x).map((g) => g * g + sigma * sigma),
    gradientSample(x, key, trajectory, stepIndex) {
      const zeta = gradientNormals(key, trajectory, stepIndex, 2);
      return meanGradient(x).map((g, i) => g + sigma * (zeta[i] ?? 0));
    },
    criticalDistanceSq(x) {
      const [x1 = 0, x2 = 0] = x;
      return (x1 - 1) ** 2 + (x2 - 1) ** 2;
    },
    project: () => undefined,
  };
}
