import { z } from 'zod';
import { withNetworkData } from './networkData.ts';
import { networkFieldOf } from '../problems/network/flags.ts';
import { ParameterError } from '../errors.ts';
import type { OdeConfig } from '../ode/config.ts';
import { ODE_KINDS, type OdeKind } from '../ode/systems.ts';
import { createProblem } from '../problems/index.ts';
import { camelCase } from './config.ts';
import { configOptionSpecs } from './optionSpecs.ts';
import { LONG_RUN_OPTIONS, withSchemaRules } from './options.ts';
import {
  checkProblemFields,
  PROBLEM_FLAG_HELP,
  PROBLEM_FLAGS,
  problemFields,
  problemSpec,
} from '../problems/flags.ts';
import type { FieldNaming } from '../problems/schema.ts';

/** Flags of `adamscope ode` and their types (config files use the camelCase names). */
export const ODE_FLAGS = {
  ...PROBLEM_FLAGS,
  ode: 'string',
  a: 'number',
  b: 'number',
  eps: 'number',
  gamma: 'number',
  alpha: 'number',
  beta: 'number',
  lambda: 'number',
  x0: 'numbers',
  'x0-cloud': 'number',
  spread: 'number',
  T: 'number',
  method: 'string',
  dt: 'number',
  rtol: 'number',
  atol: 'number',
  times: 'numbers',
  'max-steps': 'number',
  csv: 'string',
  config: 'string',
} as const;

export const ODE_OPTION_SPECS_BASE = {
  ...configOptionSpecs(PROBLEM_FLAG_HELP),
  ...configOptionSpecs({
    ode: ['limit ODE (docs/math.md section 3)', ODE_KINDS.join('|')],
    a: ['a > 0 (1/time): α = 1 - aγ', 'A'],
    b: ['b > 0 (1/time): β = 1 - bγ', 'B'],
    eps: ['ε > 0, outside the square root', 'EPS'],
    gamma: ['instead of --a/--b: γ > 0 with --alpha, --beta (a = (1-α)/γ, b = (1-β)/γ)', 'G'],
    alpha: ['with --gamma: α in [0, 1)', 'ALPHA'],
    beta: ['with --gamma: β in [0, 1)', 'BETA'],
    lambda: ['heavy-ball friction λ ≥ 0', 'L'],
    x0: ['initial point: one number (every coordinate) or a comma list of d numbers', 'X'],
    'x0-cloud': ['a Gaussian cloud of N initial points around x0 (statistics over them)', 'N'],
    spread: ['standard deviation of the cloud', 'S'],
    T: ['final time T > 0', 'T'],
    method: ['integrator', 'euler|rk4|dopri5'],
    dt: ['fixed step (euler, rk4) or first step of dopri5', 'DT'],
    rtol: ['dopri5 relative tolerance > 0', 'R'],
    atol: ['dopri5 absolute tolerance > 0', 'A'],
    times: ['output times in [0, T], ascending', 'T1,T2,…'],
    'max-steps': ['step attempts per trajectory ≥ 1', 'N'],
    csv: ['write one row per output time as CSV to this file', 'FILE.csv'],
    config: [
      'read a JSON config (fields: the camelCase flag names); flags override it',
      'ode.json',
    ],
  }),
};

/** The schema of an ode config (a `--config` file, then the flags over it). */
export const OdeCliSchema = z
  .object({
    ...problemFields,
    ode: z.enum(ODE_KINDS as [OdeKind, ...OdeKind[]]).default('adam'),
    a: z.number().positive().optional(),
    b: z.number().positive().optional(),
    eps: z.number().positive().optional(),
    gamma: z.number().positive().optional(),
    alpha: z.number().min(0).lt(1).optional(),
    beta: z.number().min(0).lt(1).optional(),
    lambda: z.number().min(0).optional(),
    x0: z.union([z.number(), z.array(z.number())]).default(1),
    x0Cloud: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31)
      .optional(),
    spread: z.number().min(0).optional(),
    T: z.number().positive().max(1e9).default(10),
    method: z.enum(['euler', 'rk4', 'dopri5']).default('dopri5'),
    dt: z.number().positive().optional(),
    rtol: z.number().positive().optional(),
    atol: z.number().positive().optional(),
    times: z.array(z.number().min(0)).min(1).max(10_001).optional(),
    maxSteps: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional(),
    seed: z.union([z.number(), z.string().min(1)]).default(1),
    backend: z.enum(['webgpu', 'cpu']).optional(),
    out: z.string().optional(),
    csv: z.string().optional(),
  })
  .strict();

export type OdeCliConfig = z.infer<typeof OdeCliSchema>;

/** Engine parameter names -> the CLI field that sets them (for error messages). */
export function odeFieldOf(parameter: string): string | undefined {
  const map: Record<string, string> = {
    finalTime: 'T',
    epsilon: 'eps',
    maxSteps: 'maxSteps',
    outputTimes: 'times',
    'cloud.count': 'x0Cloud',
    'cloud.spread': 'spread',
    'cloud.center': 'x0',
    x0: 'x0',
    dtMax: 'T',
    dtMin: 'T',
    dt: 'dt',
    rtol: 'rtol',
    atol: 'atol',
    a: 'a',
    b: 'b',
    gamma: 'gamma',
    alpha: 'alpha',
    beta: 'beta',
    lambda: 'lambda',
    method: 'method',
    ode: 'ode',
    dimension: 'dim',
    p: 'p',
    sigma: 'sigma',
    lambdaMin: 'lambdaMin',
    lambdaMax: 'lambdaMax',
    condition: 'condition',
    bigC: 'reddiC',
    delta: 'reddiDelta',
    xStar: 'xStar',
    problem: 'problem',
  };
  return map[parameter] ?? networkFieldOf(parameter);
}

const A_USERS: readonly OdeKind[] = [
  'adam',
  'adam-autonomous',
  'heavy-ball-adam',
  'heavy-ball-frozen',
];
const B_USERS: readonly OdeKind[] = ['adam', 'adam-autonomous', 'heavy-ball-adam'];

/**
 * Refuses what does not apply: problem fields of another problem, coefficients the chosen
 * ODE does not have, tolerances of another method, --spread without a cloud, --a/--b with
 * --gamma. Names the flag and what it applies to.
 */
export function checkOdeApplicability(c: OdeCliConfig, naming: FieldNaming): void {
  checkProblemFields(c, naming);
  const refuse = (field: string, allowed: string): never => {
    throw new ParameterError(naming.name([field]), (c as Record<string, unknown>)[field], allowed, {
      typed: naming.typed?.(field),
    });
  };
  const users: Record<string, readonly OdeKind[]> = {
    a: A_USERS,
    gamma: A_USERS,
    alpha: A_USERS,
    eps: A_USERS,
    b: B_USERS,
    beta: B_USERS,
    lambda: ['heavy-ball'],
  };
  for (const [field, list] of Object.entries(users)) {
    if ((c as Record<string, unknown>)[field] === undefined || list.includes(c.ode)) continue;
    refuse(field, `only with --ode ${list.join('|')} (${c.ode} has no such coefficient)`);
  }
  for (const field of ['rtol', 'atol'])
    if ((c as Record<string, unknown>)[field] !== undefined && c.method !== 'dopri5')
      refuse(field, `only with --method dopri5 (${c.method} takes fixed steps: --dt)`);
  if (c.spread !== undefined && c.x0Cloud === undefined) refuse('spread', 'only with --x0-cloud N');
  if (c.gamma !== undefined && (c.a !== undefined || c.b !== undefined))
    refuse('gamma', 'either --a/--b or --gamma/--alpha/--beta, not both');
  if ((c.alpha !== undefined || c.beta !== undefined) && c.gamma === undefined)
    refuse(
      c.alpha !== undefined ? 'alpha' : 'beta',
      'only with --gamma (a = (1 - α)/γ, b = (1 - β)/γ)',
    );
}

/** The engine config of a CLI config (defaults documented in ODE_OPTION_SPECS). */
export function odeEngineConfig(c: OdeCliConfig): OdeConfig {
  const problem = createProblem(withNetworkData(problemSpec(c)));
  const d = problem.dimension;
  const x0 = typeof c.x0 === 'number' ? new Array<number>(d).fill(c.x0) : c.x0;
  if (x0.length === 1 && d > 1) x0.push(...new Array<number>(d - 1).fill(x0[0] ?? 0));
  if (x0.length !== d)
    throw new ParameterError('x0', c.x0, `one number or ${d} numbers (d = ${d})`);
  const scaling =
    c.gamma !== undefined
      ? { gamma: c.gamma, alpha: c.alpha ?? 0.9, beta: c.beta ?? 0.999 }
      : { a: c.a ?? 1, b: c.b ?? 1 };
  return {
    problem,
    ode: c.ode,
    ...scaling,
    epsilon: c.eps ?? 1e-8,
    lambda: c.lambda ?? 1,
    x0,
    ...(c.x0Cloud !== undefined
      ? { cloud: { count: c.x0Cloud, spread: c.spread ?? 1, seed: c.seed, center: x0 } }
      : {}),
    finalTime: c.T,
    method: c.method,
    ...(c.dt !== undefined ? { dt: c.dt } : c.method !== 'dopri5' ? { dt: c.T / 1000 } : {}),
    ...(c.rtol !== undefined ? { rtol: c.rtol } : {}),
    ...(c.atol !== undefined ? { atol: c.atol } : {}),
    ...(c.times !== undefined ? { outputTimes: c.times } : {}),
    ...(c.maxSteps !== undefined ? { maxSteps: c.maxSteps } : {}),
  };
}

export const ODE_OPTION_SPECS = withSchemaRules(
  { ...ODE_OPTION_SPECS_BASE, ...LONG_RUN_OPTIONS },
  OdeCliSchema,
  camelCase,
  {
    a: '1',
    b: '1',
    eps: '1e-8',
    lambda: '1',
    alpha: '0.9 (with --gamma)',
    beta: '0.999 (with --gamma)',
    spread: '1',
    dt: "T/1000 (euler, rk4); Hairer's heuristic (dopri5)",
    rtol: '1e-6',
    atol: '1e-8',
    times: '101 equispaced times in [0, T]',
    'max-steps': '1000000',
    dim: '100 (quadratic-diag), 16 (quadratic-dense), 2 (quartic)',
  },
);
