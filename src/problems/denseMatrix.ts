import { ParameterError } from '../errors.ts';
import { normal4, seedKey, Stream } from '../random/distributions.ts';

/** Row-major d×d float64 matrices for quadratic-dense. */

/** Cholesky factor L (lower, row-major) of a symmetric positive definite Σ; throws a ParameterError otherwise. */
export function choleskyFactor(sigma: Float64Array, d: number): Float64Array {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = sigma[i * d + j] ?? 0;
      const b = sigma[j * d + i] ?? 0;
      if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new ParameterError(
          `covariance[${i}][${j}]`,
          a,
          `symmetric (covariance[${j}][${i}] = ${b})`,
        );
      }
    }
  }
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let diagonal = sigma[j * d + j] ?? 0;
    for (let k = 0; k < j; k++) diagonal -= (l[j * d + k] ?? 0) ** 2;
    if (!(diagonal > 0)) {
      throw new ParameterError(
        'covariance',
        `pivot ${diagonal} at row ${j}`,
        'symmetric positive definite',
      );
    }
    const ljj = Math.sqrt(diagonal);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = sigma[i * d + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] ?? 0) * (l[j * d + k] ?? 0);
      l[i * d + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Σ = Q diag(λ) Qᵀ with λ log-spaced in [1/condition, 1] and Q a random orthogonal matrix:
 * Gram–Schmidt (twice) on a Gaussian matrix whose row i is drawn by normal4 at
 * (seedKey(seed), trajectory 0xffffffff, stepIndex i, blockIndex j/4, STREAM_INITIAL).
 */
export function covarianceFromCondition(
  d: number,
  condition: number,
  seed: number | string,
): Float64Array {
  const key = seedKey(seed);
  const q = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let block = 0; 4 * block < d; block++) {
      const z = normal4(key, 0xffffffff, i, block, Stream.initial);
      for (let lane = 0; lane < 4 && 4 * block + lane < d; lane++)
        q[i * d + 4 * block + lane] = z[lane] ?? 0;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < i; k++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += (q[i * d + j] ?? 0) * (q[k * d + j] ?? 0);
        for (let j = 0; j < d; j++) q[i * d + j] = (q[i * d + j] ?? 0) - dot * (q[k * d + j] ?? 0);
      }
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += (q[i * d + j] ?? 0) ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) q[i * d + j] = (q[i * d + j] ?? 0) / norm;
  }
  const lambdas = Array.from({ length: d }, (_, k) => (d > 1 ? condition ** (-k / (d - 1)) : 1));
  const sigma = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++)
        s += (q[k * d + i] ?? 0) * (lambdas[k] ?? 0) * (q[k * d + j] ?? 0);
      sigma[i * d + j] = s;
      sigma[j * d + i] = s;
    }
  }
  return sigma;
}

/** y = M x for a row-major d×d M. */
export function matVec(m: Float64Array, x: Float64Array, d: number): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (m[i * d + j] ?? 0) * (x[j] ?? 0);
    y[i] = s;
  }
  return y;
}
