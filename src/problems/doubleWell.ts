import { gradientNormals } from './noise.ts';
import type { ProblemDescriptor } from './types.ts';
import { requireInteger, requirePositive } from './validate.ts';
import { doubleWell as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `double-well` (docs/math.md section 6 item 4). */
export interface DoubleWellSpec {
  name: 'double-well';
  dimension?: number;
  /** Curvature across the wells, > 0 (default 1). */
  kappa?: number;
  /** Noise level, > 0 (default 0.1). */
  sigma?: number;
}

/**
 * F = ¼(x1² - 1)² + ½ κ x2², ∇f = ∇F + σζ (ζ: lanes 0, 1 of normal4 at block 0),
 * S = ∇F² + σ², critical set {(-1, 0), (0, 0), (1, 0)} with a saddle at 0.
 *
 * @example
 * doubleWell({ name: 'double-well' }).criticalDistanceSq(Float64Array.of(0.9, 0)); // 0.01
 */
export function doubleWell(spec: DoubleWellSpec): ProblemDescriptor {
  requireInteger('dimension', spec.dimension ?? 2, 2, 2);
  const kappa = requirePositive('kappa', spec.kappa ?? 1);
  const sigma = requirePositive('sigma', spec.sigma ?? 0.1);
  const meanGradient = (x: Float64Array) => {
    const [x1 = 0, x2 = 0] = x;
    return Float64Array.of(x1 * (x1 * x1 - 1), kappa * x2);
  };
  return {
    name: 'double-well',
    dimension: 2,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: Math.max(2, kappa),
    gpuParams: () => ({ dimension: 2, kappa, sigma }),
    value(x) {
      const [x1 = 0, x2 = 0] = x;
      return 0.25 * (x1 * x1 - 1) ** 2 + 0.5 * kappa * x2 * x2;
    },
    meanGradient,
    secondMoment: (x) => meanGradient(x).map((g) => g * g + sigma * sigma),
    gradientSample(x, key, trajectory, stepIndex) {
      const zeta = gradientNormals(key, trajectory, stepIndex, 2);
      return meanGradient(x).map((g, i) => g + sigma * (zeta[i] ?? 0));
    },
    criticalDistanceSq(x) {
      const [x1 = 0, x2 = 0] = x;
      return Math.min((x1 + 1) ** 2, x1 * x1, (x1 - 1) ** 2) + x2 * x2;
    },
    project: () => undefined,
  };
}
