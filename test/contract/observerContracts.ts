import type { KernelContract } from '../../src/gpu/contract.ts';
import { OPTIMIZER_OVERRIDES, STEP_BINDINGS, STEP_FIELDS } from './ensembleContracts.ts';
import * as observerWgsl from '../../src/generated/wgsl/observers/index.ts';
import { ensembleStepObserved } from '../../src/generated/wgsl/kernels/index.ts';
import { createOptimizer } from '../../src/optimizers/index.ts';
import { createProblem, type ProblemSpec } from '../../src/problems/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { ensembleModules } from '../../src/ensemble/gpuKernels.ts';
import { OBSERVER_MODULES, type ObserverSpec } from '../../src/ensemble/observers.ts';

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
      observerWgsl.observer,
      OBSERVER_MODULES[kind],
      ensembleStepObserved,
    ];
    return {
      name: `ObservedEnsemble.${problem.name}.${kind}`,
      modules,
      structs: {
        EnsembleStepParams: STEP_FIELDS,
        OptimizerHyper: Object.keys(createOptimizer(optimizer).hyper),
        ProblemParams: Object.keys(createProblem(problem).gpuParams()),
        ObserverGroup: ['lastStep', 'referenceOffset', 'threshold', 'spare'],
      },
      bindings: [
        ...STEP_BINDINGS,
        'observations',
        'problem',
        'observerGroups',
        ...(kind === 'sup-distance' ? ['observerReference'] : []),
      ],
      overrides: ['WORKGROUP_SIZE', ...OPTIMIZER_OVERRIDES],
    };
  });
}
