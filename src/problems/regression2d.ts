import { bernoulli4, normal4, Stream } from '../random/distributions.ts';
import type { ProblemDescriptor } from './types.ts';
import { requireFinite, requireInteger, requireInterval, requirePositive } from './validate.ts';
import { regression2d as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `regression2d` (docs/math.md section 6 item 1, the paper's figures). */
export interface Regression2dSpec {
  name: 'regression2d';
  /** Always 2 (accepted for uniformity). */
  dimension?: number;
  /** P(X = 1), in (0, 1) (default 0.5). */
  p?: number;
  /** Standard deviation of W, > 0 (default 1). */
  sigma?: number;
  /** The minimiser (default (3, 1)). */
  xStar?: readonly [number, number];
}

/**
 * ξ = (X, Y), X ~ Bernoulli(p), Y = X x1* + (1 - X) x2* + W, W ~ N(0, σ²):
 * ∇f = (X (e1 - W), (1 - X)(e2 - W)), F = ½[p e1² + (1 - p) e2² + σ²], ∇F = (p e1, (1 - p) e2),
 * S = (p (e1² + σ²), (1 - p)(e2² + σ²)). Draws (stream gradient, at (trajectory, stepIndex)):
 * X = [u < p] with u = lane 0 of uniform4 at block 0; W = σ · lane 0 of normal4 at block 1.
 *
 * @example
 * regression2d({ name: 'regression2d' }).value(Float64Array.of(3, 1)); // σ²/2 = 0.5
 */
export function regression2d(spec: Regression2dSpec): ProblemDescriptor {
  requireInteger('dimension', spec.dimension ?? 2, 2, 2);
  const p = requireInterval('p', spec.p ?? 0.5, 0, 1);
  const sigma = requirePositive('sigma', spec.sigma ?? 1);
  const [xStar1, xStar2] = spec.xStar ?? [3, 1];
  requireFinite('xStar[0]', xStar1);
  requireFinite('xStar[1]', xStar2);
  const errors = (x: Float64Array) => [(x[0] ?? 0) - xStar1, (x[1] ?? 0) - xStar2] as const;
  return {
    name: 'regression2d',
    dimension: 2,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: Math.max(p, 1 - p),
    gpuParams: () => ({ dimension: 2, p, sigma, xStar1, xStar2 }),
    value(x) {
      const [e1, e2] = errors(x);
      return 0.5 * (p * e1 * e1 + (1 - p) * e2 * e2 + sigma * sigma);
    },
    meanGradient(x) {
      const [e1, e2] = errors(x);
      return Float64Array.of(p * e1, (1 - p) * e2);
    },
    secondMoment(x) {
      const [e1, e2] = errors(x);
      return Float64Array.of(p * (e1 * e1 + sigma * sigma), (1 - p) * (e2 * e2 + sigma * sigma));
    },
    gradientSample(x, key, trajectory, stepIndex) {
      const [e1, e2] = errors(x);
      const bigX = bernoulli4(key, trajectory, stepIndex, 0, Stream.gradient, p)[0] ?? 0;
      const noise = sigma * (normal4(key, trajectory, stepIndex, 1, Stream.gradient)[0] ?? 0);
      return Float64Array.of(bigX * (e1 - noise), (1 - bigX) * (e2 - noise));
    },
    criticalDistanceSq(x) {
      const [e1, e2] = errors(x);
      return e1 * e1 + e2 * e2;
    },
    project: () => undefined,
  };
}
