import { z } from 'zod';
import { ParameterError } from '../errors.ts';
import { MAX_STEPS, MAX_TRAJECTORIES, type EnsembleConfig } from '../ensemble/index.ts';
import { OPTIMIZER_FIELDS, OPTIMIZER_NAMES, type OptimizerSpec } from '../optimizers/index.ts';
import { RANDOM_GENERATORS } from '../random/generator.ts';
import type { FieldNaming } from '../problems/schema.ts';
import { configOptionSpecs } from './optionSpecs.ts';
import {
  checkProblemFields,
  PROBLEM_FLAG_HELP,
  PROBLEM_FLAGS,
  problemFields,
  problemSpec,
} from '../problems/flags.ts';
import { camelCase, type FlagKind } from './config.ts';
import { LONG_RUN_OPTIONS, withSchemaRules } from './options.ts';
import { withNetworkData } from './networkData.ts';
import { networkFieldOf } from '../problems/network/flags.ts';

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
  checkpoint: 'string',
  'checkpoint-every': 'number',
  'trajectory-range': 'string',
  'gamma-index': 'number',
  histograms: 'boolean',
  rng: 'string',
  config: 'string',
} as const satisfies Record<string, FlagKind>;

/** Flags that only say where outputs go, and so may be given with `--resume`. */
export const RUN_OUTPUT_FLAGS = [
  'out',
  'csv',
  'checkpoint',
  'checkpoint-every',
  'progress',
  'quiet',
];

/** The schema of a run config (a `--config` file, then the flags over it). */
export const RunConfigSchema = z
  .object({
    ...problemFields,
    x0: z.union([z.number(), z.array(z.number()).min(1)]).default(1),
    x0Spread: z.number().min(0).optional(),
    optimizer: z.enum(OPTIMIZER_NAMES as [string, ...string[]]).default('adam'),
    preset: z.enum(['pytorch', 'kingma-ba', 'optax', 'keras']).optional(),
    gamma: z.number().positive().optional(),
    gammas: z.array(z.number().positive()).min(1).max(4096).optional(),
    a: z.number().positive().optional(),
    b: z.number().positive().optional(),
    alpha: z.number().min(0).lt(1).optional(),
    beta: z.number().min(0).lt(1).optional(),
    eps: z.number().positive().optional(),
    momentum: z.number().min(0).lt(1).optional(),
    kappa: z.number().min(0).max(1).optional(),
    noDebias: z.boolean().optional(),
    trajectories: z.number().int().min(1).max(MAX_TRAJECTORIES).default(1024),
    steps: z.number().int().min(1).max(MAX_STEPS).default(1000),
    recordEvery: z.number().int().min(1).max(MAX_STEPS).optional(),
    stepsPerDispatch: z
      .number()
      .int()
      .min(1)
      .max(1 << 20)
      .optional(),
    track: z.array(z.number().int().min(0)).max(64).optional(),
    seed: z.union([z.number(), z.string().min(1)]).default(1),
    rng: z.enum(RANDOM_GENERATORS).optional(),
    backend: z.enum(['webgpu', 'cpu']).optional(),
    out: z.string().optional(),
    csv: z.string().optional(),
    checkpoint: z.string().optional(),
    checkpointEvery: z.number().int().min(1).max(MAX_STEPS).optional(),
    trajectoryRange: z
      .string()
      .regex(/^\d+:\d+$/, 'A:B, two integers (trajectories A … B-1 of the run)')
      .optional(),
    gammaIndex: z.number().int().min(0).optional(),
    histograms: z.boolean().optional(),
  })
  .strict();

export type RunConfig = z.infer<typeof RunConfigSchema>;

export const RUN_OPTION_SPECS = withSchemaRules(
  {
    ...configOptionSpecs(PROBLEM_FLAG_HELP),
    ...configOptionSpecs({
      x0: ['initial point: one number (every coordinate) or a comma list of d numbers', 'X'],
      'x0-spread': ['std of a Gaussian cloud of initial points around x0', 'S'],
      optimizer: ['optimizer', OPTIMIZER_NAMES.join('|')],
      preset: [
        'ADAM convention (adam*): pytorch = kingma-ba (ε outside the root), optax (ε inside), keras (ε̂)',
        'pytorch|kingma-ba|optax|keras',
      ],
      gamma: ['step size γ (γ0 for decreasing steps)', 'G'],
      gammas: ['a grid of γ: one group of N/G trajectories each (instead of --gamma)', 'G1,G2,…'],
      a: ['paper scaling: α = 1 - aγ (adam*, amsgrad; instead of --alpha)', 'A'],
      b: ['paper scaling: β = 1 - bγ (b ≤ 4a for the theory; instead of --beta)', 'B'],
      alpha: ['first-moment weight α (adam, adam-nodebias, amsgrad)', 'ALPHA'],
      beta: ['second-moment weight β (adam, adam-nodebias, amsgrad, rmsprop)', 'BETA'],
      eps: ['ε (adam*, adagrad, rmsprop, amsgrad; outside the root in the paper)', 'EPS'],
      momentum: ['momentum μ (heavy-ball, nesterov)', 'MU'],
      kappa: ['decreasing steps: γ_n = γ0 n^-κ', 'K'],
      'no-debias': ['ADAM without bias correction (adam, adam-decreasing)', 'boolean'],
      trajectories: ['number of independent trajectories N (a multiple of the γ groups)', 'N'],
      steps: ['number of steps', 'N'],
      'record-every': ['steps between recorded statistics', 'N'],
      'steps-per-dispatch': ['steps fused into one GPU dispatch', 'K'],
      track: ['trajectories whose full paths are recorded (comma list, at most 64)', 'I,J,…'],
      csv: ['write the records as CSV to this file', 'FILE.csv'],
      checkpoint: [
        'save the whole ensemble state here every --checkpoint-every steps and when interrupted (continue with --resume)',
        'FILE.ckpt',
      ],
      'checkpoint-every': ['steps between checkpoints', 'N'],
      'trajectory-range': [
        'a shard: run only trajectories A … B-1 of the N, with the random streams they have in the whole run (combine shards with adamscope merge)',
        'A:B',
      ],
      'gamma-index': ['a shard: run only γ group G of --gammas (0-based)', 'G'],
      histograms: [
        'also write per-record histograms of F, ‖∇F‖, dist on the shared grid of adamscope merge (implied by a shard)',
        'boolean',
      ],
      rng: [
        'counter-based generator of every draw: Philox4x32-10 or Threefry4x32-20 (same seed, different streams)',
        RANDOM_GENERATORS.join('|'),
      ],
      config: [
        'read a JSON config (fields: the camelCase flag names); flags override it',
        'run.json',
      ],
    }),
    resume: {
      type: 'string',
      description:
        'continue the run of this checkpoint (its config and state); only output flags may be given with it',
      valueHint: 'FILE.ckpt',
      rule: 'a checkpoint written by --checkpoint',
    },
    ...LONG_RUN_OPTIONS,
  },
  RunConfigSchema,
  camelCase,
  {
    'record-every': 'ceil(steps / 100)',
    'steps-per-dispatch': '64',
    rng: 'philox',
    x0: '1',
    gamma: '0.01',
    preset: 'pytorch for adam*',
    alpha: '0.9 (rmsprop: not used)',
    beta: '0.999 (rmsprop: 0.99)',
    eps: '1e-8 (keras preset: 1e-7; optax: 0 outside, 1e-8 inside the root)',
    momentum: '0.9',
    kappa: '0 (sgd-decreasing 0.5, adam-decreasing 0.75)',
    'x0-spread': '0',
    'checkpoint-every': '10 × --record-every',
    dim: '100 (quadratic-diag), 16 (quadratic-dense), 2 (quartic)',
    sigma: "the problem's (docs/math.md section 6)",
  },
);

function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/** Run config field -> the optimizer spec field it sets. */
const OPTIMIZER_FIELD_OF: Record<string, keyof OptimizerSpec> = {
  preset: 'preset',
  alpha: 'alpha',
  beta: 'beta',
  a: 'a',
  b: 'b',
  eps: 'epsilon',
  momentum: 'momentum',
  kappa: 'kappa',
  noDebias: 'debias',
};

/**
 * Refuses what does not apply: problem fields of another problem, optimizer fields the
 * optimizer does not use, --gamma with --gammas, --gamma-index without --gammas, two shard
 * selections. Names the flag (or field) and what it applies to.
 */
export function checkRunApplicability(c: RunConfig, naming: FieldNaming): void {
  checkProblemFields(c, naming);
  const refuse = (field: string, allowed: string): never => {
    throw new ParameterError(naming.name([field]), (c as Record<string, unknown>)[field], allowed, {
      typed: naming.typed?.(field),
    });
  };
  const name = c.optimizer as OptimizerSpec['name'];
  const uses = OPTIMIZER_FIELDS[name];
  for (const [field, spec] of Object.entries(OPTIMIZER_FIELD_OF)) {
    if ((c as Record<string, unknown>)[field] === undefined || uses.includes(spec)) continue;
    const users = OPTIMIZER_NAMES.filter((o) => OPTIMIZER_FIELDS[o].includes(spec));
    refuse(field, `only with --optimizer ${users.join('|')} (${name} does not use it)`);
  }
  if (c.noDebias && name === 'adam-nodebias')
    refuse('noDebias', 'not with adam-nodebias (already without bias correction)');
  if (c.gamma !== undefined && c.gammas !== undefined)
    refuse('gamma', 'either --gamma or --gammas (a grid), not both');
  if (c.gammaIndex !== undefined) {
    if (c.gammas === undefined) refuse('gammaIndex', 'only with --gammas (an index into the grid)');
    else if (c.gammaIndex >= c.gammas.length)
      refuse(
        'gammaIndex',
        `an integer in [0, ${c.gammas.length - 1}] (--gammas has ${c.gammas.length} values)`,
      );
  }
  if (c.trajectoryRange !== undefined && c.gammaIndex !== undefined)
    refuse('trajectoryRange', 'either --trajectory-range or --gamma-index, not both');
  if (c.trajectoryRange !== undefined) {
    const [a = 0, b = 0] = c.trajectoryRange.split(':').map(Number);
    if (!(a < b && b <= c.trajectories))
      refuse('trajectoryRange', `A:B with 0 ≤ A < B ≤ --trajectories = ${c.trajectories}`);
  }
  if (c.checkpointEvery !== undefined && c.checkpoint === undefined)
    refuse('checkpointEvery', 'only with --checkpoint FILE');
  if (c.track !== undefined) {
    const shard = shardOf(c);
    const [first, end] = shard ? [shard.first, shard.end] : [0, c.trajectories];
    c.track.forEach((t) => {
      if (t < first || t >= end)
        refuse(
          'track',
          `trajectory indices in [0, ${end - 1}]${shard ? ` of the shard ${first}:${end}` : ` (N = ${c.trajectories})`}`.replace(
            '[0,',
            `[${first},`,
          ),
        );
    });
  }
  if (c.gammas !== undefined && c.trajectories % c.gammas.length !== 0)
    refuse('trajectories', `a multiple of the ${c.gammas.length} values of --gammas`);
}

/** The optimizer spec of a run config. */
export function optimizerSpec(c: RunConfig): OptimizerSpec {
  return defined({
    name: c.optimizer as OptimizerSpec['name'],
    preset: c.preset,
    gamma: c.gamma ?? 0.01,
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

/** The shard of a run config (--trajectory-range or --gamma-index), if any. */
export function shardOf(c: RunConfig): { first: number; end: number } | undefined {
  if (c.trajectoryRange !== undefined) {
    const [first = 0, end = 0] = c.trajectoryRange.split(':').map(Number);
    return { first, end };
  }
  if (c.gammaIndex !== undefined && c.gammas) {
    const size = c.trajectories / c.gammas.length;
    return { first: c.gammaIndex * size, end: (c.gammaIndex + 1) * size };
  }
  return undefined;
}

/** The steps between records of a run config. */
export function recordEveryOf(c: RunConfig): number {
  return c.recordEvery ?? Math.max(1, Math.ceil(c.steps / 100));
}

/** The engine config of a run config (validated again, field by field, by the engine). */
export function ensembleConfig(c: RunConfig): EnsembleConfig {
  return defined({
    problem: withNetworkData(problemSpec(c)),
    optimizer: optimizerSpec(c),
    hyperGrid: c.gammas?.map((gamma) => ({ gamma })),
    // N must be a multiple of the number of γ groups: the engine refuses it otherwise.
    trajectories: c.trajectories,
    seed: c.seed,
    rng: c.rng,
    x0: Array.isArray(c.x0) && c.x0.length === 1 ? (c.x0[0] ?? 1) : c.x0,
    initialSpread: c.x0Spread,
    stepsPerDispatch: c.stepsPerDispatch,
    recordEvery: recordEveryOf(c),
    track: c.track,
    shard: shardOf(c),
  }) as EnsembleConfig;
}

/** Engine field names -> run config fields (to reword engine errors with the flag). */
export function runFieldOf(parameter: string): string | undefined {
  const map: Record<string, string> = {
    trajectories: 'trajectories',
    'hyperGrid.length': 'gammas',
    'x0.length': 'x0',
    x0: 'x0',
    initialSpread: 'x0Spread',
    stepsPerDispatch: 'stepsPerDispatch',
    recordEvery: 'recordEvery',
    track: 'track',
    'track.length': 'track',
    gamma: 'gamma',
    alpha: 'alpha',
    beta: 'beta',
    a: 'a',
    b: 'b',
    'a·gamma': 'a',
    'b·gamma': 'b',
    epsilon: 'eps',
    momentum: 'momentum',
    kappa: 'kappa',
    preset: 'preset',
    dimension: 'dim',
    p: 'p',
    sigma: 'sigma',
    lambdaMin: 'lambdaMin',
    lambdaMax: 'lambdaMax',
    condition: 'condition',
    kappaCurvature: 'curvature',
    bigC: 'reddiC',
    delta: 'reddiDelta',
    xStar: 'xStar',
    shard: 'trajectoryRange',
    seed: 'seed',
    rng: 'rng',
  };
  return map[parameter] ?? networkFieldOf(parameter);
}
