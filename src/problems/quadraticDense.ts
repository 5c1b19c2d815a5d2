import { ParameterError } from '../errors.ts';
import { normal4, Stream } from '../random/distributions.ts';
import { choleskyFactor, covarianceFromCondition, matVec } from './denseMatrix.ts';
import { gradientNormals, squaredDistance } from './noise.ts';
import type { ProblemDescriptor } from './types.ts';
import { requireFinite, requireInteger, requireInterval, requirePositive } from './validate.ts';
import { quadraticDense as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `quadratic-dense` (docs/math.md section 6 item 3). */
export interface QuadraticDenseSpec {
  name: 'quadratic-dense';
  dimension: number;
  /** Σ row-major (d² numbers), symmetric positive definite; or give `condition`. */
  covariance?: readonly number[];
  /** Condition number ≥ 1 of a generated Σ (eigenvalues log-spaced in [1/condition, 1]). */
  condition?: number;
  /** Seed of the random orthogonal basis of a generated Σ (default 0). */
  matrixSeed?: number | string;
  /** Noise standard deviation of w, > 0 (default 0.1). */
  sigma?: number;
  /** Every coordinate of x* (default 0). */
  xStar?: number;
}

/** Largest dimension of quadratic-dense (the d² matrix and O(d²) work per sample). */
export const MAX_DENSE_DIMENSION = 2048;

/**
 * Linear regression with Gaussian design a = Lζ ~ N(0, Σ), y = ⟨a, x*⟩ + w, w ~ N(0, σ²):
 * ∇f = a(⟨a, e⟩ - w), F = ½ eᵀΣe + σ²/2, ∇F = Σe, S_i = Σ_ii (eᵀΣe + σ²) + 2 (Σe)_i².
 * Draws at (trajectory, stepIndex), stream gradient: ζ_i = lane i%4 of normal4 at block i/4;
 * w = σ · lane 0 of normal4 at block ceil(d/4).
 *
 * @example
 * quadraticDense({ name: 'quadratic-dense', dimension: 8, condition: 10 }).value(new Float64Array(8)); // σ²/2
 */
export function quadraticDense(spec: QuadraticDenseSpec): ProblemDescriptor & {
  readonly covariance: Float64Array;
  readonly cholesky: Float64Array;
} {
  const d = requireInteger('dimension', spec.dimension, 1, MAX_DENSE_DIMENSION);
  const sigma = requirePositive('sigma', spec.sigma ?? 0.1);
  const xStar = requireFinite('xStar', spec.xStar ?? 0);
  let covariance: Float64Array;
  if (spec.covariance !== undefined) {
    if (spec.covariance.length !== d * d) {
      throw new ParameterError(
        'covariance.length',
        spec.covariance.length,
        `dimension² = ${d * d}`,
      );
    }
    covariance = Float64Array.from(spec.covariance);
  } else {
    const condition = requireInterval('condition', spec.condition ?? 1, 1, Infinity, {
      lower: true,
    });
    covariance = covarianceFromCondition(d, condition, spec.matrixSeed ?? 0);
  }
  const cholesky = choleskyFactor(covariance, d);
  let lipschitz = 0;
  for (let i = 0; i < d; i++) lipschitz += covariance[i * d + i] ?? 0; // trace ≥ λ_max
  const error = (x: Float64Array) => x.map((v) => v - xStar);
  const quadraticForm = (e: Float64Array, se: Float64Array) =>
    e.reduce((s, v, i) => s + v * (se[i] ?? 0), 0);
  return {
    name: 'quadratic-dense',
    dimension: d,
    module: wgsl,
    kernelPath: 'dense',
    lipschitz,
    covariance,
    cholesky,
    gpuParams: () => ({ dimension: d, sigma, xStar }),
    value(x) {
      const e = error(x);
      return 0.5 * quadraticForm(e, matVec(covariance, e, d)) + 0.5 * sigma * sigma;
    },
    meanGradient: (x) => matVec(covariance, error(x), d),
    secondMoment(x) {
      const e = error(x);
      const se = matVec(covariance, e, d);
      const total = quadraticForm(e, se) + sigma * sigma;
      return se.map((v, i) => (covariance[i * d + i] ?? 0) * total + 2 * v * v);
    },
    gradientSample(x, key, trajectory, stepIndex) {
      const a = matVec(cholesky, gradientNormals(key, trajectory, stepIndex, d), d);
      const w =
        sigma * (normal4(key, trajectory, stepIndex, Math.ceil(d / 4), Stream.gradient)[0] ?? 0);
      const residual = quadraticForm(error(x), a) - w;
      return a.map((v) => v * residual);
    },
    criticalDistanceSq: (x) => squaredDistance(x, xStar),
    project: () => undefined,
  };
}
