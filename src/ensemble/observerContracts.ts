import type { KernelContract } from '../gpu/contract.ts';
import { createOptimizer } from '../optimizers/index.ts';
import { createProblem, type ProblemSpec } from '../problems/index.ts';
import { resolveEnsemble } from './config.ts';
import { ensembleModules } from './gpuKernels.ts';
import { OBSERVER_MODULES, type ObserverSpec } from './observers.ts';

/**
 * What src/ensemble/observedEnsemble.ts writes and binds in kernels/ensemble_step_observed.wgsl
 * composed with each observer module (single-tile problems × ADAM). Appended to
 * KERNEL_CONTRACTS (test/contract).
 */
export function observerContracts(): KernelContract[] {
  const cases: [ProblemSpec, ObserverSpec['kind']][] = [
    [{ name: 'regression2d' }, 'sup-distance'],
    [{ name: 'double-well' }, 'exceedance'],
    [{ name: 'rosenbrock' }, 'exceedance'],
  ];
  return cases.map(([problem, kind]) => {
    const optimizer = { name: 'adam' as const, gamma: 0.01 };
    const resolved = resolveEnsemble({ problem, optimizer, trajectories: 1, seed: 0, x0: 0.5 });
    const modules = [
      ...ensembleModules(resolved).step.slice(0, -1),
      'observers/observer.wgsl',
      OBSERVER_MODULES[kind],
      'kernels/ensemble_step_observed.wgsl',
    ];
    return {
      name: `ObservedEnsemble.${problem.name}.${kind}`,
      modules,
      structs: {
        EnsembleStepParams: [
          'key',
          'firstTrajectory',
          'trajectoryCount',
          'tileCount',
          'groupSize',
          'firstStep',
          'stepCount',
        ],
        OptimizerHyper: Object.keys(createOptimizer(optimizer).hyper),
        ProblemParams: Object.keys(createProblem(problem).gpuParams()),
        ObserverGroup: ['lastStep', 'referenceOffset', 'threshold', 'spare'],
      },
      bindings: [
        'params',
        'hypers',
        'positions',
        'firstMoments',
        'secondMoments',
        'auxiliary',
        'biasWeights',
        'diverged',
        'observations',
        'problem',
        'observerGroups',
        ...(kind === 'sup-distance' ? ['observerReference'] : []),
      ],
      overrides: ['WORKGROUP_SIZE'],
    };
  });
}
