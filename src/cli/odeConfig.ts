import { z } from 'zod';
import type { ParameterError } from '../errors.ts';
import type { OdeConfig } from '../ode/config.ts';
import { ODE_KINDS, type OdeKind } from '../ode/systems.ts';
import { createProblem } from '../problems/index.ts';
import { kebabCase } from './config.ts';
import { configOptionSpecs } from './optionSpecs.ts';
import { CliError } from './options.ts';
import { PROBLEM_FLAG_HELP, PROBLEM_FLAGS, problemFields, problemSpec } from '../problems/flags.ts';

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

export const ODE_OPTION_SPECS = {
  ...configOptionSpecs(PROBLEM_FLAG_HELP),
  ...configOptionSpecs({
    ode: ['limit ODE (docs/math.md section 3)', ODE_KINDS.join('|')],
    a: ['a > 0 (1/time): α = 1 - aγ (default 1)', 'A'],
    b: ['b > 0 (1/time): β = 1 - bγ (default 1; b ≤ 4a for the Lyapunov function)', 'B'],
    eps: ['ε > 0, outside the square root (default 1e-8)', 'EPS'],
    gamma: ['instead of --a/--b: γ > 0 with --alpha, --beta (a = (1-α)/γ, b = (1-β)/γ)', 'G'],
    alpha: ['with --gamma: α in [0, 1)', 'ALPHA'],
    beta: ['with --gamma: β in [0, 1)', 'BETA'],
    lambda: ['heavy-ball friction λ ≥ 0 (default 1)', 'L'],
    x0: ['initial point: one number (every coordinate) or a comma list of d numbers', 'X'],
    'x0-cloud': ['a Gaussian cloud of N initial points around x0 (statistics over them)', 'N'],
    spread: ['standard deviation of the cloud (default 1)', 'S'],
    T: ['final time T > 0 (default 10)', 'T'],
    method: ['integrator (default dopri5)', 'euler|rk4|dopri5'],
    dt: ['fixed step (euler, rk4; default T/1000) or first step of dopri5', 'DT'],
    rtol: ['dopri5 relative tolerance > 0 (default 1e-6)', 'R'],
    atol: ['dopri5 absolute tolerance > 0 (default 1e-8)', 'A'],
    times: ['output times in [0, T], ascending (default 101 equispaced)', 'T1,T2,…'],
    'max-steps': ['step attempts per trajectory ≥ 1 (default 1e6)', 'N'],
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
    x0Cloud: z.number().int().min(1).optional(),
    spread: z.number().min(0).optional(),
    T: z.number().positive().default(10),
    method: z.enum(['euler', 'rk4', 'dopri5']).default('dopri5'),
    dt: z.number().positive().optional(),
    rtol: z.number().positive().optional(),
    atol: z.number().positive().optional(),
    times: z.array(z.number().min(0)).min(1).optional(),
    maxSteps: z.number().int().min(1).optional(),
    seed: z.union([z.number(), z.string().min(1)]).default(1),
    backend: z.enum(['webgpu', 'cpu']).optional(),
    out: z.string().optional(),
    csv: z.string().optional(),
  })
  .strict();

export type OdeCliConfig = z.infer<typeof OdeCliSchema>;

/** Engine parameter names -> the flag that sets them (for error messages). */
const FLAG_OF: Record<string, string> = {
  finalTime: 'T',
  epsilon: 'eps',
  maxSteps: 'max-steps',
  outputTimes: 'times',
  'cloud.count': 'x0-cloud',
  'cloud.spread': 'spread',
  'cloud.center': 'x0',
  dtMax: 'T',
};

/** A `ParameterError` of the engine, reworded with the flag name (`--max-steps`, `--T`, ...). */
export function flagError(error: ParameterError): CliError {
  const base = error.parameter.replace(/\[\d+\]$/, '');
  const flag = FLAG_OF[base] ?? kebabCase(base);
  return new CliError(error.message.replace(`invalid ${error.parameter} `, `invalid --${flag} `));
}

/** The engine config of a CLI config (defaults documented in ODE_OPTION_SPECS). */
export function odeEngineConfig(c: OdeCliConfig): OdeConfig {
  const problem = createProblem(problemSpec(c));
  const d = problem.dimension;
  const x0 = typeof c.x0 === 'number' ? new Array<number>(d).fill(c.x0) : c.x0;
  if (x0.length === 1 && d > 1) x0.push(...new Array<number>(d - 1).fill(x0[0] ?? 0));
  if (x0.length !== d)
    throw new CliError(
      `invalid --x0 = ${x0.join(',')}: allowed one number or ${d} numbers (d = ${d})`,
    );
  const scaling =
    c.gamma !== undefined
      ? { gamma: c.gamma, alpha: c.alpha ?? 0.9, beta: c.beta ?? 0.999 }
      : { a: c.a ?? 1, b: c.b ?? 1 };
  if (c.gamma !== undefined && (c.a !== undefined || c.b !== undefined)) {
    throw new CliError(
      `invalid --gamma = ${c.gamma}: allowed either --a/--b or --gamma/--alpha/--beta, not both`,
    );
  }
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
