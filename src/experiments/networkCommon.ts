import type { OdeKind } from '../ode/systems.ts';
import { createDerivative, initialState } from '../ode/rhs.ts';
import { solveFixedStep } from '../ode/integrators/fixedStep.ts';
import { toOdeProblem } from '../ode/problemAdapter.ts';
import {
  createNetworkProblem,
  type NetworkProblem,
  type NetworkProblemSpec,
} from '../problems/network/index.ts';

export { networkFields, NETWORK_FLAGS, type NetworkParams } from './networkFields.ts';
import type { NetworkParams } from './networkFields.ts';

/** The problem spec of the parameters (`mlp`, or `logistic` without hidden layers), as an ensemble config takes it. */
export function networkProblemSpecOf(p: NetworkParams): NetworkProblemSpec {
  const dataSeed =
    typeof p.dataSeed === 'string' && /^\d+$/.test(p.dataSeed) ? Number(p.dataSeed) : p.dataSeed;
  return {
    name: p.hidden.length > 0 ? 'mlp' : 'logistic',
    dataset: {
      name: p.dataset,
      ...(p.dataset === 'digits' ? {} : { samples: p.samples }),
      ...(p.noise === undefined ? {} : { noise: p.noise }),
      ...(p.labelNoise === undefined ? {} : { labelNoise: p.labelNoise }),
      dataSeed,
    },
    hidden: p.hidden,
    batch: p.batch,
    init: p.init,
  };
}

/** The network problem of the parameters (`mlp`, or `logistic` without hidden layers). */
export function networkProblemOf(p: NetworkParams): NetworkProblem {
  return createNetworkProblem(networkProblemSpecOf(p));
}

/**
 * The path x(t) of the network's ADAM ODE (debiased `adam` or `adam-autonomous`) in float64 on
 * the twin, with classical RK4 at step dt, at the output times (x is needed for the landscape
 * projection; the engine's records keep x only for d ≤ 4).
 */
export function networkOdePath(
  problem: NetworkProblem,
  ode: OdeKind,
  coefficients: { a: number; b: number; epsilon: number },
  x0: Float64Array,
  outputTimes: readonly number[],
  dt: number,
): { x: Float64Array[]; F: number[] } {
  const c = { ...coefficients, lambda: 0 };
  const odeProblem = toOdeProblem(problem);
  const f = createDerivative(ode, odeProblem, c);
  const z0 = initialState(ode, odeProblem, c, x0);
  const d = problem.dimension;
  const x: Float64Array[] = [];
  const F: number[] = [];
  solveFixedStep('rk4', f, z0, outputTimes, dt, (_k, z) => {
    const xi = Float64Array.from(z.subarray(0, d));
    x.push(xi);
    F.push(problem.value(xi));
  });
  return { x, F };
}
