import { ParameterError } from '../errors.ts';
import { doubleWell, type DoubleWellSpec } from './doubleWell.ts';
import { quadraticDense, type QuadraticDenseSpec } from './quadraticDense.ts';
import { quadraticDiag, type QuadraticDiagSpec } from './quadraticDiag.ts';
import { quartic, type QuarticSpec } from './quartic.ts';
import { reddi, type ReddiSpec } from './reddi.ts';
import { regression2d, type Regression2dSpec } from './regression2d.ts';
import { rosenbrock, type RosenbrockSpec } from './rosenbrock.ts';
import type { ProblemDescriptor, ProblemName } from './types.ts';
import type * as NetworkTwin from './network/network.ts';
import type { NetworkProblemSpec } from './network/network.ts';

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
      if (!networkProblems)
        throw new Error(
          `createProblem: the network problems (here '${spec.name}') load on demand: ` +
            'await loadNetworkProblems() first (the engines and the adamscope entry do it)',
        );
      return networkProblems.createNetworkProblem(spec);
    default:
      throw new ParameterError(
        'problem.name',
        (spec as { name: unknown }).name,
        PROBLEM_NAMES.join(' | '),
      );
  }
}

type NetworkProblemsModule = typeof NetworkTwin;
/** The network twin once loaded: a cache of code, like the dense and network kernels. */
let networkProblems: NetworkProblemsModule | undefined;

/**
 * Loads the finite-sum problems `mlp` and `logistic` (src/problems/network) so that
 * `createProblem` accepts them. They are kept out of the bundles that do not use them (every
 * gallery figure but the landscape's network mode); the engines' `create` functions and
 * `integrateOde` await this for a network spec, and the `adamscope` entry provides it eagerly.
 */
export async function loadNetworkProblems(): Promise<void> {
  networkProblems ??= await import('./network/network.ts');
}

/** Provides the network twin synchronously (used by entries that import it statically). */
export function provideNetworkProblems(module: NetworkProblemsModule): void {
  networkProblems = module;
}

/**
 * Awaits `loadNetworkProblems()` when `spec` names a network problem; otherwise nothing (a
 * malformed spec is left to the validation that follows, which names it).
 */
export async function loadProblemCode(spec: unknown): Promise<void> {
  const name = typeof spec === 'object' && spec !== null ? (spec as { name?: unknown }).name : '';
  if (name === 'mlp' || name === 'logistic') await loadNetworkProblems();
}

/** The finite-sum problems (src/problems/network, docs/network.md); not in PROBLEM_NAMES. */
export const NETWORK_PROBLEM_NAMES: readonly ProblemName[] = ['mlp', 'logistic'];
