import { describe, expect, it } from 'vitest';
import { checkRunApplicability, ensembleConfig, RunConfigSchema } from '../../src/cli/runConfig.ts';
import { LIBRARY_NAMING } from '../../src/problems/schema.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';
import { ODE_KINDS } from '../../src/ode/systems.ts';
import { OPTIMIZER_NAMES, OPTIMIZER_FIELDS, createOptimizer } from '../../src/optimizers/index.ts';
import { PROBLEM_NAMES } from '../../src/problems/index.ts';
import { RUN_FLAGS } from '../../src/cli/runConfig.ts';
import {
  FIGURE_INFO,
  PLAYGROUND_ODES,
  PLAYGROUND_OPTIMIZERS,
  PLAYGROUND_PROBLEMS,
  readFigureParameters,
} from '../../src/browser/figures/catalog.ts';
import {
  applies,
  cliCommand,
  codeSnippet,
  odeChoice,
  odeFields,
  playgroundSetup,
  type PlaygroundValues,
} from '../../src/browser/figures/playground/config.ts';

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The CLI's config for the setup's flags (as `adamscope run` reads them). */
function cliConfig(flags: [string, string][]) {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of flags) {
    const kind = RUN_FLAGS[name as keyof typeof RUN_FLAGS];
    fields[camel(name)] =
      kind === 'number' ? Number(value) : kind === 'numbers' ? value.split(',').map(Number) : value;
  }
  const config = RunConfigSchema.parse(fields);
  checkRunApplicability(config, LIBRARY_NAMING);
  return ensembleConfig(config);
}

function values(raw: Record<string, string>): PlaygroundValues {
  return readFigureParameters('playground', raw).values;
}

describe('playground: lists and parameters', () => {
  it('offers exactly the library’s problems, optimizers and limit ODEs', () => {
    expect([...PLAYGROUND_PROBLEMS]).toEqual([...PROBLEM_NAMES]);
    expect([...PLAYGROUND_OPTIMIZERS]).toEqual([...OPTIMIZER_NAMES]);
    expect([...PLAYGROUND_ODES]).toEqual([...ODE_KINDS]);
  });

  it('names its run parameters as the flags of adamscope run', () => {
    for (const name of Object.keys(FIGURE_INFO.playground.parameters)) {
      if (name === 'ode' || name === 'lambda' || name === 'seed') continue; // seed: a common option
      expect(Object.keys(RUN_FLAGS)).toContain(name);
    }
  });

  it('applies the optimizer fields as OPTIMIZER_FIELDS says', () => {
    expect(applies('momentum', 'quartic', 'heavy-ball')).toBe(true);
    expect(applies('momentum', 'quartic', 'adam')).toBe(false);
    expect(applies('a', 'quartic', 'adam')).toBe(OPTIMIZER_FIELDS.adam.includes('a'));
    expect(applies('curvature', 'double-well', 'sgd')).toBe(true);
    expect(applies('curvature', 'rosenbrock', 'sgd')).toBe(false);
    expect(applies('dim', 'quadratic-diag', 'sgd')).toBe(true);
  });
});

describe('playground: the run equals the CLI’s for the same flags', () => {
  const cases: Record<string, string>[] = [
    {},
    { problem: 'double-well', curvature: '2', optimizer: 'adam', a: '1', b: '2', x0: '0.5' },
    { problem: 'quadratic-diag', dim: '8', sigma: '0.3', optimizer: 'heavy-ball', momentum: '0.8' },
    { problem: 'rosenbrock', optimizer: 'adam-decreasing', a: '1', b: '1', kappa: '0.6' },
    { problem: 'quartic', optimizer: 'rmsprop', b: '3', eps: '1e-6', seed: 'abc' },
    { problem: 'reddi', optimizer: 'amsgrad', gamma: '0.001' },
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_, raw) => {
    const setup = playgroundSetup(values({ trajectories: '32', steps: '300', ...raw }));
    const ours = resolveEnsemble(setup.config);
    const theirs = resolveEnsemble(cliConfig(setup.flags));
    expect(ours.key).toEqual(theirs.key);
    expect(ours.x0).toEqual(theirs.x0);
    expect(ours.recordEvery).toBe(theirs.recordEvery);
    expect(ours.trajectories).toBe(theirs.trajectories);
    expect(ours.problem.name).toBe(theirs.problem.name);
    expect(ours.problem.gpuParams()).toEqual(theirs.problem.gpuParams());
    expect(ours.groups[0]?.hyper).toEqual(theirs.groups[0]?.hyper);
    expect(setup.dropped).toEqual([]);
    const command = cliCommand(setup, 'cpu');
    expect(command.startsWith(`npx adamscope run --problem ${ours.problem.name}`)).toBe(true);
    expect(command.endsWith('--backend cpu')).toBe(true);
  });

  it('drops what does not apply, with its name', () => {
    const setup = playgroundSetup(values({ optimizer: 'sgd', momentum: '0.5', curvature: '3' }));
    expect(setup.dropped).toEqual(['curvature', 'momentum']);
    expect(cliCommand(setup, 'webgpu')).not.toContain('momentum');
  });

  it('quotes a seed with spaces for the shell', () => {
    const setup = playgroundSetup(values({ seed: "it's 1" }));
    expect(cliCommand(setup, 'cpu')).toContain(`--seed 'it'\\''s 1'`);
  });
});

describe('playground: the limit ODE and the code', () => {
  it('takes a and b from α and β (paper scaling), λ = a by default', () => {
    const adam = createOptimizer({ name: 'adam', gamma: 0.01 });
    const choice = odeChoice('adam', adam.hyper, undefined);
    expect(choice.a).toBeCloseTo(10, 10);
    expect(choice.b).toBeCloseTo(0.1, 10);
    expect(choice.lambda).toBe(choice.a);
    expect(odeFields({ ...choice, ode: 'gradient-flow' })).toEqual({ ode: 'gradient-flow' });
    expect(odeFields({ ...choice, ode: 'heavy-ball' })).toEqual({
      ode: 'heavy-ball',
      lambda: choice.a,
    });
    const scaled = createOptimizer({ name: 'adam-decreasing', gamma: 0.01, a: 2, b: 3 });
    expect(odeChoice('adam', scaled.hyper, 5)).toMatchObject({ a: 2, b: 3, lambda: 5 });
  });

  it('writes a program that imports only the public entries', () => {
    const setup = playgroundSetup(values({ trajectories: '16', steps: '10' }));
    const adam = createOptimizer({ name: 'adam', gamma: 0.01 });
    const code = codeSnippet(setup, odeChoice('adam', adam.hyper, undefined), 0.1, 2, 'cpu');
    const imports = [...code.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['adamscope', 'adamscope/node']);
    expect(code).toContain("openNodeBackend('cpu')");
    expect(code).toContain('runEnsemble(config, 10, backend)');
    expect(code).toContain('x0: [1,1]');
  });
});
