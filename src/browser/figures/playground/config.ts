/**
 * The playground's parameters as a run of the library: the flat fields of `adamscope run`
 * (the same names as its flags: problem, dim, p, sigma, curvature, optimizer, gamma, a, b,
 * momentum, kappa, eps, x0, trajectories, steps, seed), the EnsembleConfig they make (as the
 * CLI makes it: `problemSpec` for the problem, the CLI's optimizer mapping, records every
 * ⌈steps/100⌉ steps), the limit ODE drawn against it, and the CLI command and the TypeScript
 * code that reproduce it. Fields that do not apply to the chosen problem or optimizer
 * (PROBLEM_FIELD_USERS, OPTIMIZER_FIELDS of the library) are dropped, as the CLI would refuse
 * them. test/cpu/playground.test.ts checks the config equals the CLI's for the same flags.
 */
import type { EnsembleConfig } from '../../../ensemble/config.ts';
import type { OdeConfig } from '../../../ode/config.ts';
import type { OdeKind } from '../../../ode/systems.ts';
import { OPTIMIZER_FIELDS } from '../../../optimizers/hyper.ts';
import type { OptimizerHyper, OptimizerName, OptimizerSpec } from '../../../optimizers/types.ts';
import { PROBLEM_FIELD_USERS, problemSpec } from '../../../problems/flags.ts';
import type { FigureParameters } from '../catalog.ts';

export type PlaygroundValues = Omit<FigureParameters<'playground'>, 'backend'>;

/** The problem fields of the playground (flag = field name). */
export const PROBLEM_PARAMETERS = ['dim', 'p', 'sigma', 'curvature'] as const;
/** The optimizer fields of the playground and the OptimizerSpec field each sets. */
export const OPTIMIZER_PARAMETERS = {
  a: 'a',
  b: 'b',
  momentum: 'momentum',
  kappa: 'kappa',
  eps: 'epsilon',
} as const satisfies Record<string, keyof OptimizerSpec>;

/** Whether the parameter `name` applies to `problem` and `optimizer`. */
export function applies(name: string, problem: string, optimizer: OptimizerName): boolean {
  const users = PROBLEM_FIELD_USERS[name];
  if (users) return users.includes(problem);
  const field = OPTIMIZER_PARAMETERS[name as keyof typeof OPTIMIZER_PARAMETERS];
  if (field) return OPTIMIZER_FIELDS[optimizer].includes(field);
  return true;
}

export interface PlaygroundSetup {
  /** The `adamscope run` flags that apply and are set, in order (name → value). */
  flags: [string, string][];
  /** Parameters given that do not apply (dropped, with a notice). */
  dropped: string[];
  config: EnsembleConfig;
  steps: number;
  recordEvery: number;
}

/** The run of the playground's values (what `adamscope run` with `flags` runs). */
export function playgroundSetup(
  v: PlaygroundValues,
  trajectories = v.trajectories,
): PlaygroundSetup {
  const optimizer = v.optimizer as OptimizerName;
  const dropped: string[] = [];
  const flags: [string, string][] = [['problem', v.problem]];
  const problemFields: Record<string, number> = {};
  for (const name of PROBLEM_PARAMETERS) {
    const value = v[name];
    if (value === undefined) continue;
    if (!applies(name, v.problem, optimizer)) dropped.push(name);
    else {
      problemFields[name] = value;
      flags.push([name, String(value)]);
    }
  }
  flags.push(['optimizer', optimizer], ['gamma', String(v.gamma)]);
  const spec: Record<string, unknown> = { name: optimizer, gamma: v.gamma };
  for (const [name, field] of Object.entries(OPTIMIZER_PARAMETERS)) {
    const value = v[name as keyof typeof OPTIMIZER_PARAMETERS];
    if (value === undefined) continue;
    if (!applies(name, v.problem, optimizer)) dropped.push(name);
    else {
      spec[field] = value;
      flags.push([name, String(value)]);
    }
  }
  flags.push(
    ['x0', String(v.x0)],
    ['trajectories', String(trajectories)],
    ['steps', String(v.steps)],
    ['seed', v.seed],
  );
  const recordEvery = Math.max(1, Math.ceil(v.steps / 100));
  return {
    flags,
    dropped,
    config: {
      problem: problemSpec({ problem: v.problem, ...problemFields }),
      optimizer: spec as unknown as OptimizerSpec,
      trajectories,
      seed: v.seed,
      x0: v.x0,
      recordEvery,
    },
    steps: v.steps,
    recordEvery,
  };
}

/** Quotes a shell word when it needs it. */
function shellWord(word: string): string {
  return /^[\w.,:+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The `npx adamscope run …` command of a setup on `backend`. */
export function cliCommand(setup: PlaygroundSetup, backend: 'webgpu' | 'cpu'): string {
  const words = ['npx', 'adamscope', 'run'];
  for (const [name, value] of setup.flags) words.push(`--${name}`, shellWord(value));
  words.push('--backend', backend);
  return words.join(' ');
}

/** The limit ODE's parameters for a run: (a, b) from the optimizer's α, β; λ given or a. */
export interface OdeChoice {
  ode: OdeKind;
  a: number;
  b: number;
  epsilon: number;
  lambda: number;
}

export function odeChoice(
  ode: OdeKind,
  hyper: OptimizerHyper,
  lambda: number | undefined,
): OdeChoice {
  const scaled = hyper.scaled === 1;
  const a = scaled ? hyper.a : hyper.c1 / hyper.gamma;
  const b = scaled ? hyper.b : hyper.c2 / hyper.gamma;
  return { ode, a, b, epsilon: hyper.epsilon > 0 ? hyper.epsilon : 1e-8, lambda: lambda ?? a };
}

/** The integrateOde fields of an ODE choice (every system gets only what it takes). */
export function odeFields(
  choice: OdeChoice,
): Pick<OdeConfig, 'ode' | 'a' | 'b' | 'epsilon' | 'lambda'> {
  switch (choice.ode) {
    case 'gradient-flow':
      return { ode: choice.ode };
    case 'heavy-ball':
      return { ode: choice.ode, lambda: choice.lambda };
    case 'heavy-ball-frozen':
      return { ode: choice.ode, a: choice.a, epsilon: choice.epsilon };
    default:
      return { ode: choice.ode, a: choice.a, b: choice.b, epsilon: choice.epsilon };
  }
}

/** A TypeScript program that runs the same ensemble and ODE with the package. */
export function codeSnippet(
  setup: PlaygroundSetup,
  choice: OdeChoice,
  finalTime: number,
  dimension: number,
  backend: 'webgpu' | 'cpu',
): string {
  const config = JSON.stringify(setup.config, null, 2);
  const ode = JSON.stringify(odeFields(choice)).slice(1, -1).replace(/,"/g, ', "');
  const x0 = JSON.stringify(new Array<number>(dimension).fill(Number(setup.config.x0)));
  return [
    `import { createProblem, integrateOde, runEnsemble, type EnsembleConfig } from 'adamscope';`,
    `import { openNodeBackend } from 'adamscope/node';`,
    ``,
    `const config: EnsembleConfig = ${config};`,
    `const backend = await openNodeBackend('${backend}');`,
    `const run = await runEnsemble(config, ${setup.steps}, backend);`,
    `const last = run.records.at(-1)?.[0];`,
    'console.log(`final median F = ${last?.F.q50}`);',
    `const ode = await integrateOde(`,
    `  { problem: createProblem(config.problem), ${ode.replace(/"(\w+)":/g, '$1: ')}, x0: ${x0}, finalTime: ${finalTime}, method: 'dopri5' },`,
    `  backend,`,
    `);`,
    'console.log(`ODE F(T) = ${ode.records.F.at(-1)}`);',
    `backend.destroy();`,
    ``,
  ].join('\n');
}
