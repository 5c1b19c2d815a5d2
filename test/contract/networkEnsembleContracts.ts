import type { KernelContract } from '../../src/gpu/contract.ts';
import { createOptimizer, type OptimizerName } from '../../src/optimizers/index.ts';
import { createNetworkProblem } from '../../src/problems/network/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { ensembleModules } from '../../src/ensemble/gpuKernels.ts';
import { loadNetworkProblems } from '../../src/problems/index.ts';
import { loadNetworkKernels } from '../../src/ensemble/networkEnsemble.ts';
import { loadGeneratorModule } from '../../src/ensemble/gpuKernels.ts';
import { OPTIMIZER_OVERRIDES, STEP_BINDINGS, STEP_FIELDS } from './ensembleContracts.ts';

// The network kernels are loaded on demand by the engine; the contracts list them too.
await loadNetworkKernels();
await loadNetworkProblems();
await loadGeneratorModule('threefry');

const LIBRARY_BINDINGS = ['problem', 'networkData'];

/**
 * The step and metrics kernels of the network path (ensemble_network_*.wgsl) on mlp and
 * logistic, with ADAM and AMSGrad (aux) and both generators. Checked by
 * test/contract/contracts.test.ts through the registry.
 */
export function networkEnsembleContracts(): KernelContract[] {
  const contracts: KernelContract[] = [];
  for (const [model, optimizer, rng] of [
    ['mlp', 'adam', 'philox'],
    ['logistic', 'amsgrad', 'philox'],
    ['mlp', 'sgd', 'threefry'],
  ] as const) {
    const problem = { name: model, dataset: { name: 'moons' as const, samples: 20 } };
    const spec = { name: optimizer as OptimizerName, gamma: 0.01 };
    const resolved = resolveEnsemble({
      problem,
      optimizer: spec,
      trajectories: 1,
      seed: 0,
      x0: 0,
      rng,
    });
    const modules = ensembleModules(resolved);
    const problemFields = Object.keys(createNetworkProblem(problem).gpuParams());
    const name = `Ensemble.${model}.${optimizer}.${rng}`;
    contracts.push(
      {
        name: `${name}.step`,
        modules: modules.step,
        structs: {
          EnsembleStepParams: STEP_FIELDS,
          OptimizerHyper: Object.keys(createOptimizer(spec).hyper),
          ProblemParams: problemFields,
        },
        bindings: [...STEP_BINDINGS, 'networkGradient', ...LIBRARY_BINDINGS],
        overrides: OPTIMIZER_OVERRIDES,
      },
      {
        name: `${name}.metrics`,
        modules: modules.metrics,
        structs: {
          EnsembleNetworkMetricsParams: ['firstTrajectory', 'trajectoryCount', 'tileCount', 'mode'],
          ProblemParams: problemFields,
        },
        bindings: [
          'metricsParams',
          'positions',
          'diverged',
          'metrics',
          'networkGradient',
          ...LIBRARY_BINDINGS,
        ],
        overrides: [],
      },
    );
  }
  return contracts;
}
