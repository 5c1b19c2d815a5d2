import { bernoulli4, Stream } from '../random/distributions.ts';
import type { ProblemDescriptor } from './types.ts';
import { requireInteger, requireInterval } from './validate.ts';
import { reddi as wgsl } from '../generated/wgsl/problems/index.ts';

/** Parameters of `reddi` (docs/math.md section 6 item 8). */
export interface ReddiSpec {
  name: 'reddi';
  dimension?: number;
  /** C > 2 (default 10). */
  bigC?: number;
  /** δ in (0, C) so that p = (1 + δ)/(C + 1) < 1 (default 1). */
  delta?: number;
}

/**
 * Reddi, Kale & Kumar (ICLR 2018), stochastic version on [-1, 1]: f = C x with probability
 * p = (1 + δ)/(C + 1), else -x. ∇F = δ, F = δx, S = C²p + (1 - p); the constrained minimiser
 * is x = -1, and every step is followed by the projection onto [-1, 1].
 * Draw: [u < fround(p)] with u = lane 0 of uniform4 at block 0, stream gradient.
 *
 * @example
 * reddi({ name: 'reddi', bigC: 10, delta: 1 }).meanGradient(Float64Array.of(0)); // [1]
 */
export function reddi(spec: ReddiSpec): ProblemDescriptor {
  requireInteger('dimension', spec.dimension ?? 1, 1, 1);
  const bigC = requireInterval('bigC', spec.bigC ?? 10, 2, Infinity);
  const delta = requireInterval('delta', spec.delta ?? 1, 0, bigC);
  const probability = (1 + delta) / (bigC + 1);
  return {
    name: 'reddi',
    dimension: 1,
    module: wgsl,
    kernelPath: 'tiled',
    lipschitz: 0,
    gpuParams: () => ({ dimension: 1, bigC, delta, probability }),
    value: (x) => delta * (x[0] ?? 0),
    meanGradient: () => Float64Array.of(delta),
    secondMoment: () => Float64Array.of(bigC * bigC * probability + (1 - probability)),
    gradientSample(_x, key, trajectory, stepIndex) {
      const hit = bernoulli4(key, trajectory, stepIndex, 0, Stream.gradient, probability)[0] ?? 0;
      return Float64Array.of(hit === 1 ? bigC : -1);
    },
    criticalDistanceSq: (x) => ((x[0] ?? 0) + 1) ** 2,
    project(x) {
      x[0] = Math.min(1, Math.max(-1, x[0] ?? 0));
    },
  };
}
