import type { KernelContract } from '../../src/gpu/contract.ts';
import {
  createOptimizer,
  OPTIMIZER_NAMES,
  type OptimizerName,
} from '../../src/optimizers/index.ts';
import { createProblem, type ProblemSpec } from '../../src/problems/index.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import {
  ensembleModules,
  loadDenseKernels,
  loadGeneratorModule,
} from '../../src/ensemble/gpuKernels.ts';

/** A small valid spec of every problem (for building module lists and `gpuParams` keys). */
const PROBLEM_SPECS: ProblemSpec[] = [
  { name: 'regression2d' },
  { name: 'quadratic-diag', dimension: 5 },
  { name: 'quadratic-dense', dimension: 5 },
  { name: 'double-well' },
  { name: 'rosenbrock' },
  { name: 'quartic', dimension: 5 },
  { name: 'reddi' },
];

function optimizerSpec(name: OptimizerName) {
  return name === 'adam-decreasing' ? { name, gamma: 0.01, a: 1, b: 1 } : { name, gamma: 0.01 };
}

/** The specialisation constants of optimizers/state.wgsl, set on every step kernel. */
// The quadratic-dense kernels are loaded on demand by the engine; the contracts list them too.
await loadDenseKernels();
await loadGeneratorModule('threefry');

export const OPTIMIZER_OVERRIDES = [
  'OPTIMIZER_DEBIAS',
  'OPTIMIZER_SCALED',
  'OPTIMIZER_EPSILON_FORM',
  'OPTIMIZER_DECAYING',
];

/** Bindings and `EnsembleStepParams` fields of every step kernel (plain and observed). */
export const STEP_BINDINGS = [
  'params',
  'hypers',
  'positions',
  'firstMoments',
  'secondMoments',
  'auxiliary',
  'biasWeights',
  'diverged',
];
export const STEP_FIELDS = [
  'key',
  'firstTrajectory',
  'trajectoryCount',
  'tileCount',
  'groupSize',
  'firstStep',
  'stepCount',
];

/**
 * What src/ensemble writes and binds in its WGSL, for every problem (init, step with ADAM,
 * metrics) and every optimizer (step on quartic). Checked by test/contract/ensemble.test.ts.
 */
export function ensembleContracts(): KernelContract[] {
  const contracts: KernelContract[] = [];
  const add = (
    problem: ProblemSpec,
    optimizer: OptimizerName,
    parts: ('init' | 'step' | 'metrics' | 'moments')[],
    rng: 'philox' | 'threefry' = 'philox',
  ) => {
    const resolved = resolveEnsemble({
      problem,
      optimizer: optimizerSpec(optimizer),
      trajectories: 1,
      seed: 0,
      x0: 0.5,
      rng,
    });
    const modules = ensembleModules(resolved);
    const problemFields = Object.keys(createProblem(problem).gpuParams());
    const problemBindings = [
      'problem',
      ...(resolved.problem.kernelPath === 'dense' ? ['denseCholesky', 'denseCovariance'] : []),
    ];
    const dense = resolved.problem.kernelPath === 'dense';
    const constants = dense ? [] : ['WORKGROUP_SIZE'];
    const hyperFields = Object.keys(createOptimizer(optimizerSpec(optimizer)).hyper);
    const name = `Ensemble.${problem.name}.${optimizer}${rng === 'philox' ? '' : `.${rng}`}`;
    const table = {
      init: {
        structs: {
          EnsembleInitParams: ['key', 'firstTrajectory', 'trajectoryCount', 'tileCount', 'spread'],
          ProblemParams: problemFields,
        },
        bindings: ['initParams', 'initialPoint', 'positions', ...problemBindings],
        overrides: ['WORKGROUP_SIZE'],
      },
      step: {
        structs: {
          EnsembleStepParams: STEP_FIELDS,
          OptimizerHyper: hyperFields,
          ProblemParams: problemFields,
        },
        // The dense step kernel (a tiled matrix product) also binds its two scratch buffers.
        bindings: [
          ...STEP_BINDINGS,
          ...(dense ? ['denseNoise', 'denseProducts'] : []),
          ...problemBindings,
        ],
        overrides: [...constants, ...OPTIMIZER_OVERRIDES],
      },
      metrics: {
        structs: {
          EnsembleMetricsParams: ['firstTrajectory', 'trajectoryCount', 'tileCount'],
          ProblemParams: problemFields,
        },
        bindings: ['metricsParams', 'positions', 'diverged', 'metrics', ...problemBindings],
        overrides: constants,
      },
      moments: {
        structs: {
          EnsembleMomentsParams: [
            'firstLocal',
            'firstTrajectory',
            'trajectoryCount',
            'tileCount',
            'dimension',
            'outputOffset',
            'reset',
          ],
        },
        bindings: ['momentsParams', 'positions', 'diverged', 'moments'],
        overrides: ['WORKGROUP_SIZE'],
      },
    };
    for (const part of parts)
      contracts.push({ name: `${name}.${part}`, modules: modules[part], ...table[part] });
  };
  for (const problem of PROBLEM_SPECS) add(problem, 'adam', ['init', 'step', 'metrics']);
  for (const optimizer of OPTIMIZER_NAMES)
    add({ name: 'quartic', dimension: 5 }, optimizer, ['step']);
  add({ name: 'quartic', dimension: 5 }, 'sgd', ['moments']);
  // The generator module swaps lib/philox.wgsl for lib/threefry.wgsl (same counterHash).
  for (const problem of PROBLEM_SPECS)
    add(problem, 'adam', ['init', 'step', 'metrics'], 'threefry');
  return contracts;
}
