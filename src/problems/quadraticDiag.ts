import { ParameterError } from '../errors.ts';
import { gradientNormals, squaredDistance } from './noise.ts';
import type { ProblemDescriptor } from './types.ts';
import { MAX_DIMENSION, requireFinite, requireInteger, requirePositive } from './validate.ts';
import { quadraticDiag as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `quadratic-diag` (docs/math.md section 6 item 2). */
export interface QuadraticDiagSpec {
  name: 'quadratic-diag';
  dimension: number;
  /** Smallest and largest curvature, 0 < lambdaMin ≤ lambdaMax (defaults 1, 1). */
  lambdaMin?: number;
  lambdaMax?: number;
  /** Noise level σ > 0 (default 0.1). */
  sigma?: number;
  /** Every coordinate of the minimiser x* (default 0). */
  xStar?: number;
}

/**
 * f = ½ Σ λ_i e_i² + σ⟨ζ, x⟩ with e = x - x*, λ_i = 2^(log2 λmin + i·step) log-spaced in
 * [λmin, λmax]: ∇f = Λe + σζ, F = ½ Σ λ_i e_i², S = (Λe)² + σ², critical set {x*}.
 * Twin of shaders/problems/quadratic_diag.wgsl.
 *
 * @example
 * const q = quadraticDiag({ name: 'quadratic-diag', dimension: 100, lambdaMin: 0.01, lambdaMax: 1 });
 * q.lambdas[99]; // 1
 */
export function quadraticDiag(
  spec: QuadraticDiagSpec,
): ProblemDescriptor & { readonly lambdas: Float64Array; readonly sigma: number } {
  const dimension = requireInteger('dimension', spec.dimension, 1, MAX_DIMENSION);
  const lambdaMin = requirePositive('lambdaMin', spec.lambdaMin ?? 1);
  const lambdaMax = requirePositive('lambdaMax', spec.lambdaMax ?? lambdaMin);
  if (lambdaMax < lambdaMin) {
    throw new ParameterError('lambdaMax', lambdaMax, `[lambdaMin = ${lambdaMin}, ∞)`);
  }
  const sigma = requirePositive('sigma', spec.sigma ?? 0.1);
  const xStar = requireFinite('xStar', spec.xStar ?? 0);
  const log2LambdaMin = Math.log2(lambdaMin);
  const log2LambdaStep = dimension > 1 ? Math.log2(lambdaMax / lambdaMin) / (dimension - 1) : 0;
  const lambdas = new Float64Array(dimension).map(
    (_, i) => 2 ** (log2LambdaMin + i * log2LambdaStep),
  );
  const meanGradient = (x: Float64Array) => x.map((v, i) => (lambdas[i] ?? 0) * (v - xStar));
  return {
    name: 'quadratic-diag',
    dimension,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: lambdaMax,
    lambdas,
    sigma,
    gpuParams: () => ({ dimension, sigma, xStar, log2LambdaMin, log2LambdaStep }),
    value: (x) => x.reduce((s, v, i) => s + 0.5 * (lambdas[i] ?? 0) * (v - xStar) ** 2, 0),
    meanGradient,
    secondMoment: (x) => meanGradient(x).map((g) => g * g + sigma * sigma),
    gradientSample(x, key, trajectory, stepIndex) {
      const zeta = gradientNormals(key, trajectory, stepIndex, dimension);
      return meanGradient(x).map((g, i) => g + sigma * (zeta[i] ?? 0));
    },
    criticalDistanceSq: (x) => squaredDistance(x, xStar),
    project: () => undefined,
  };
}
