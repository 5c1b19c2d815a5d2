import { ParameterError } from '../errors.ts';
import { doubleWell, type DoubleWellSpec } from './doubleWell.ts';
import { quadraticDense, type QuadraticDenseSpec } from './quadraticDense.ts';
import { quadraticDiag, type QuadraticDiagSpec } from './quadraticDiag.ts';
import { quartic, type QuarticSpec } from './quartic.ts';
import { reddi, type ReddiSpec } from './reddi.ts';
import { regression2d, type Regression2dSpec } from './regression2d.ts';
import { rosenbrock, type RosenbrockSpec } from './rosenbrock.ts';
import type { ProblemDescriptor, ProblemName } from './types.ts';
import { createNetworkProblem, type NetworkProblemSpec } from './network/network.ts';

export type { ProblemDescriptor, ProblemName } from './types.ts';
export { doubleWell, quadraticDense, quadraticDiag, quartic, reddi, regression2d, rosenbrock };

/** Any problem's parameters, discriminated by `name`. */
export type ProblemSpec =
  | Regression2dSpec
  | QuadraticDiagSpec
  | QuadraticDenseSpec
  | DoubleWellSpec
  | RosenbrockSpec
  | QuarticSpec
  | ReddiSpec
  | NetworkProblemSpec;

export const PROBLEM_NAMES: readonly ProblemName[] = [
  'regression2d',
  'quadratic-diag',
  'quadratic-dense',
  'double-well',
  'rosenbrock',
  'quartic',
  'reddi',
];

/**
 * Builds the float64 descriptor of a problem (validating its parameters).
 *
 * @example
 * const problem = createProblem({ name: 'double-well', kappa: 2, sigma: 0.05 });
 */
export function createProblem(spec: ProblemSpec): ProblemDescriptor {
  switch (spec.name) {
    case 'regression2d':
      return regression2d(spec);
    case 'quadratic-diag':
      return quadraticDiag(spec);
    case 'quadratic-dense':
      return quadraticDense(spec);
    case 'double-well':
      return doubleWell(spec);
    case 'rosenbrock':
      return rosenbrock(spec);
    case 'quartic':
      return quartic(spec);
    case 'reddi':
      return reddi(spec);
    case 'mlp':
    case 'logistic':
      return createNetworkProblem(spec);
    default:
      throw new ParameterError(
        'problem.name',
        (spec as { name: unknown }).name,
        PROBLEM_NAMES.join(' | '),
      );
  }
}

export * from './network/index.ts';
/** The finite-sum problems (src/problems/network, docs/network.md); not in PROBLEM_NAMES. */
export const NETWORK_PROBLEM_NAMES: readonly ProblemName[] = ['mlp', 'logistic'];
