import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.ts';
import { createProblem, type ProblemSpec } from '../../src/problems/index.ts';
import { seedKey } from '../../src/random/distributions.ts';

const SPECS: ProblemSpec[] = [
  { name: 'regression2d', p: 0.3, sigma: 0.5 },
  { name: 'quadratic-diag', dimension: 6, lambdaMin: 0.1, lambdaMax: 3, sigma: 0.4, xStar: 1 },
  { name: 'quadratic-dense', dimension: 5, condition: 20, sigma: 0.3 },
  { name: 'double-well', kappa: 2, sigma: 0.3 },
  { name: 'rosenbrock', sigma: 0.3 },
  { name: 'quartic', dimension: 3, sigma: 0.3 },
  { name: 'reddi', bigC: 10, delta: 1 },
];

describe('problem descriptors (float64)', () => {
  it.each(SPECS)('$name: sample mean and second moment match ∇F and S', (spec) => {
    const problem = createProblem(spec);
    const d = problem.dimension;
    const x = new Float64Array(d).map((_, i) => 0.3 + 0.2 * i * (spec.name === 'reddi' ? 0 : 1));
    const n = 20000;
    const sum = new Float64Array(d);
    const sumSq = new Float64Array(d);
    const key = seedKey('moments');
    for (let k = 0; k < n; k++) {
      const g = problem.gradientSample(x, key, k, 1);
      g.forEach((v, i) => {
        sum[i] = (sum[i] ?? 0) + v;
        sumSq[i] = (sumSq[i] ?? 0) + v * v;
      });
    }
    const mean = problem.meanGradient(x);
    const second = problem.secondMoment(x);
    for (let i = 0; i < d; i++) {
      const sd = Math.sqrt(Math.max(second[i] ?? 0, 1e-12) / n);
      // 5 standard errors of the sample mean (chance of a false failure < 1e-6 per coordinate);
      // the second moment: 5 · sqrt(E g⁴ / n) ≤ 5 · sqrt(3·(S_i)² · C / n), loose factor 10.
      expect(Math.abs((sum[i] ?? 0) / n - (mean[i] ?? 0)), `mean[${i}]`).toBeLessThan(5 * sd);
      expect(Math.abs((sumSq[i] ?? 0) / n - (second[i] ?? 0)), `S[${i}]`).toBeLessThan(
        10 * 5 * (second[i] ?? 0) * Math.sqrt(3 / n),
      );
    }
    // F is consistent with ∇F (central differences).
    const h = 1e-5;
    for (let i = 0; i < d; i++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i] = (plus[i] ?? 0) + h;
      minus[i] = (minus[i] ?? 0) - h;
      const fd = (problem.value(plus) - problem.value(minus)) / (2 * h);
      expect(Math.abs(fd - (mean[i] ?? 0))).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
    }
  });

  it.each([
    [{ name: 'regression2d', p: 1 }, 'p', '(0, 1)'],
    [{ name: 'regression2d', sigma: 0 }, 'sigma', '(0, ∞)'],
    [{ name: 'quadratic-diag', dimension: 0 }, 'dimension', 'an integer in [1, 16777216]'],
    [{ name: 'quadratic-diag', dimension: 3, lambdaMin: -1 }, 'lambdaMin', '(0, ∞)'],
    [
      { name: 'quadratic-diag', dimension: 3, lambdaMin: 2, lambdaMax: 1 },
      'lambdaMax',
      '[lambdaMin = 2, ∞)',
    ],
    [
      { name: 'quadratic-dense', dimension: 2, covariance: [1, 2, 2, 1] },
      'covariance',
      'symmetric positive definite',
    ],
    [
      { name: 'quadratic-dense', dimension: 2, covariance: [1, 0.5, 0, 1] },
      'covariance[1][0]',
      'symmetric (covariance[0][1] = 0.5)',
    ],
    [
      { name: 'quadratic-dense', dimension: 2, covariance: [1] },
      'covariance.length',
      'dimension² = 4',
    ],
    [{ name: 'quadratic-dense', dimension: 2, condition: 0.5 }, 'condition', '[1, Infinity)'],
    [{ name: 'double-well', kappa: 0 }, 'kappa', '(0, ∞)'],
    [{ name: 'reddi', bigC: 2 }, 'bigC', '(2, Infinity)'],
    [{ name: 'reddi', delta: 0 }, 'delta', '(0, 10)'],
  ] as [ProblemSpec, string, string][])('rejects %o naming %s', (spec, parameter, allowed) => {
    let error: unknown;
    try {
      createProblem(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(parameter);
    expect((error as ParameterError).allowed).toBe(allowed);
    expect((error as ParameterError).message).toContain(parameter);
  });

  it('generates a covariance with the requested condition number', () => {
    const problem = createProblem({ name: 'quadratic-dense', dimension: 6, condition: 100 });
    const cov = (problem as unknown as { covariance: Float64Array }).covariance;
    let trace = 0;
    for (let i = 0; i < 6; i++) trace += cov[i * 6 + i] ?? 0;
    const expected = Array.from({ length: 6 }, (_, k) => 100 ** (-k / 5)).reduce((a, b) => a + b);
    expect(trace).toBeCloseTo(expected, 10);
  });
});
