import { z } from 'zod';
import type { EnsembleConfig } from '../ensemble/index.ts';
import { OPTIMIZER_NAMES, type OptimizerSpec } from '../optimizers/index.ts';
import { configOptionSpecs } from './optionSpecs.ts';
import { PROBLEM_FLAG_HELP, PROBLEM_FLAGS, problemFields, problemSpec } from '../problems/flags.ts';

/** Flags of `adamscope run` and the type of each (config files use the camelCase names). */
export const RUN_FLAGS = {
  ...PROBLEM_FLAGS,
  x0: 'numbers',
  'x0-spread': 'number',
  optimizer: 'string',
  preset: 'string',
  gamma: 'number',
  gammas: 'numbers',
  a: 'number',
  b: 'number',
  alpha: 'number',
  beta: 'number',
  eps: 'number',
  momentum: 'number',
  kappa: 'number',
  'no-debias': 'boolean',
  trajectories: 'number',
  steps: 'number',
  'record-every': 'number',
  'steps-per-dispatch': 'number',
  track: 'numbers',
  csv: 'string',
  config: 'string',
} as const;

export const RUN_OPTION_SPECS = {
  ...configOptionSpecs(PROBLEM_FLAG_HELP),
  ...configOptionSpecs({
    x0: ['initial point: one number or a comma list of d numbers', 'X'],
    'x0-spread': ['std of a Gaussian cloud of initial points around x0 (default 0)', 'S'],
    optimizer: ['optimizer', OPTIMIZER_NAMES.join('|')],
    preset: ['ADAM convention', 'pytorch|kingma-ba|optax|keras'],
    gamma: ['step size γ > 0 (γ0 for decreasing steps)', 'G'],
    gammas: ['a grid of γ: comma list, one group of trajectories each', 'G1,G2,…'],
    a: ['paper scaling: α = 1 - aγ (a > 0)', 'A'],
    b: ['paper scaling: β = 1 - bγ (b > 0, b ≤ 4a for the theory)', 'B'],
    alpha: ['first-moment weight α in [0, 1)', 'ALPHA'],
    beta: ['second-moment weight β in [0, 1)', 'BETA'],
    eps: ['ε > 0 (outside the square root in the paper)', 'EPS'],
    momentum: ['heavy ball / Nesterov momentum in [0, 1)', 'MU'],
    kappa: ['decreasing steps: γ_n = γ0 n^-κ', 'K'],
    'no-debias': ['ADAM without bias correction', 'boolean'],
    trajectories: ['number of independent trajectories N ≥ 1', 'N'],
    steps: ['number of steps ≥ 1', 'N'],
    'record-every': ['steps between recorded statistics', 'N'],
    'steps-per-dispatch': ['steps fused into one GPU dispatch (default 64)', 'K'],
    track: ['trajectories whose full paths are recorded (comma list)', 'I,J,…'],
    csv: ['write the records as CSV to this file', 'FILE.csv'],
    config: [
      'read a JSON config (fields: the camelCase flag names); flags override it',
      'run.json',
    ],
  }),
};

/** The schema of a run config (a `--config` file, then the flags over it). */
export const RunConfigSchema = z
  .object({
    ...problemFields,
    x0: z.union([z.number(), z.array(z.number())]).default(1),
    x0Spread: z.number().min(0).optional(),
    optimizer: z.enum(OPTIMIZER_NAMES as [string, ...string[]]).default('adam'),
    preset: z.enum(['pytorch', 'kingma-ba', 'optax', 'keras']).optional(),
    gamma: z.number().positive().default(0.01),
    gammas: z.array(z.number().positive()).min(1).optional(),
    a: z.number().positive().optional(),
    b: z.number().positive().optional(),
    alpha: z.number().min(0).lt(1).optional(),
    beta: z.number().min(0).lt(1).optional(),
    eps: z.number().positive().optional(),
    momentum: z.number().min(0).lt(1).optional(),
    kappa: z.number().min(0).max(1).optional(),
    noDebias: z.boolean().optional(),
    trajectories: z.number().int().min(1).default(1024),
    steps: z.number().int().min(1).default(1000),
    recordEvery: z.number().int().min(1).optional(),
    stepsPerDispatch: z.number().int().min(1).optional(),
    track: z.array(z.number().int().min(0)).optional(),
    seed: z.union([z.number(), z.string().min(1)]).default(1),
    backend: z.enum(['webgpu', 'cpu']).optional(),
    out: z.string().optional(),
    csv: z.string().optional(),
  })
  .strict();

export type RunConfig = z.infer<typeof RunConfigSchema>;

function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** The optimizer spec of a run config. */
export function optimizerSpec(c: RunConfig): OptimizerSpec {
  return defined({
    name: c.optimizer as OptimizerSpec['name'],
    preset: c.preset,
    gamma: c.gamma,
    a: c.a,
    b: c.b,
    alpha: c.alpha,
    beta: c.beta,
    epsilon: c.eps,
    momentum: c.momentum,
    kappa: c.kappa,
    debias: c.noDebias ? false : undefined,
  }) as OptimizerSpec;
}

/** The engine config of a run config (validated again, field by field, by the engine). */
export function ensembleConfig(c: RunConfig): EnsembleConfig {
  const recordEvery = c.recordEvery ?? Math.max(1, Math.ceil(c.steps / 100));
  return defined({
    problem: problemSpec(c),
    optimizer: optimizerSpec(c),
    hyperGrid: c.gammas?.map((gamma) => ({ gamma })),
    // N must be a multiple of the number of γ groups: the engine refuses it otherwise.
    trajectories: c.trajectories,
    seed: c.seed,
    x0: Array.isArray(c.x0) && c.x0.length === 1 ? (c.x0[0] ?? 1) : c.x0,
    initialSpread: c.x0Spread,
    stepsPerDispatch: c.stepsPerDispatch,
    recordEvery,
    track: c.track,
  }) as EnsembleConfig;
}
