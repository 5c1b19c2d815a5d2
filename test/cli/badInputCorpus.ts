import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { camelCase, type FlagKind } from '../../src/cli/config.ts';
import { ODE_FLAGS, OdeCliSchema } from '../../src/cli/odeConfig.ts';
import { RUN_FLAGS, RunConfigSchema } from '../../src/cli/runConfig.ts';
import { formatValue } from '../../src/errors.ts';
import { EXPERIMENTS } from '../../src/experiments/index.ts';
import { OPTIMIZER_FIELDS, OPTIMIZER_NAMES } from '../../src/optimizers/index.ts';
import { PROBLEM_FIELD_USERS } from '../../src/problems/flags.ts';
import { shapeOf } from '../../src/problems/schema.ts';

/**
 * The bad-input corpus of issue 12: generated cases over every flag of run, ode, each
 * experiment, bench and merge, and config files with wrong types, nulls and huge arrays.
 * Every case must exit 2 with one line naming the flag or field, the value (shortened when
 * long) and the rule, before any backend is opened.
 */
export interface BadCase {
  name: string;
  argv: string[];
  /** Text the line must contain (the flag or field). */
  names: string;
  /** Text of the value the line must contain (undefined: not checked, e.g. a missing value). */
  value?: string | undefined;
}

interface JsonSchema {
  type?: string;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
}

const json = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const BIG = Number.MAX_SAFE_INTEGER;

/** Values a number field refuses, from its rule. */
function badNumbers(js: JsonSchema): string[] {
  const out = ['abc', '', 'NaN', 'Infinity', '-Infinity', '1e999', '0x1g', '1,2'];
  const integer = js.type === 'integer';
  if (js.exclusiveMinimum !== undefined) out.push(String(js.exclusiveMinimum));
  if (js.minimum !== undefined && js.minimum > -BIG) out.push(String(js.minimum - 1));
  if (js.exclusiveMaximum !== undefined) out.push(String(js.exclusiveMaximum));
  if (js.maximum !== undefined && js.maximum < BIG)
    out.push(String(integer ? js.maximum + 1 : js.maximum * 2 + 1));
  if (integer) {
    const lo = js.minimum !== undefined && js.minimum > -BIG ? js.minimum : 0;
    out.push(String(lo + 0.5));
  }
  return out;
}

function numberSchema(js: JsonSchema): JsonSchema | undefined {
  if (js.type === 'number' || js.type === 'integer') return js;
  return js.anyOf?.find((s) => s.type === 'number' || s.type === 'integer');
}

function arraySchema(js: JsonSchema): JsonSchema | undefined {
  if (js.type === 'array') return js;
  return js.anyOf?.find((s) => s.type === 'array');
}

/** Bad texts for one flag of a schema field. */
function badValues(kind: FlagKind, field: z.ZodType | undefined): string[] {
  if (kind === 'boolean') return [];
  const js = field ? json(field) : {};
  if (kind === 'string') {
    if (js.enum) return ['nope', '', String(js.enum[0]).toUpperCase() + 'X'];
    if (js.minLength) return [''];
    return [];
  }
  const array = arraySchema(js);
  const scalar = numberSchema(js);
  const out: string[] = [];
  if (scalar) out.push(...badNumbers(scalar).filter((v) => !(array && v === '1,2')));
  if (array) {
    out.push('a,b', '1,,2', '1,abc', ',');
    const item = array.items ? numberSchema(array.items) : undefined;
    if (item)
      for (const v of badNumbers(item).filter((x) => !['', '1,2'].includes(x)))
        out.push(
          `1,${v}`.replace(
            /^1,/,
            item.minimum !== undefined && item.minimum > 1 ? `${item.minimum},` : '1,',
          ),
        );
    if (array.maxItems !== undefined && array.maxItems < 100_000)
      out.push(
        Array.from({ length: array.maxItems + 1 }, () => (item?.minimum ?? 0.5) || 0.5).join(','),
      );
  }
  return [...new Set(out)];
}

/** A command line from a map of flags (values '' are kept: `--x ''`; true: a bare flag). */
function argvOf(command: string[], flags: Record<string, string | true>): string[] {
  const argv = [...command];
  for (const [flag, value] of Object.entries(flags)) {
    argv.push(`--${flag}`);
    if (value !== true) argv.push(value);
  }
  return argv;
}

/** The base flags under which a run flag is meaningful (its problem, optimizer, ...). */
function runContext(flag: string): Record<string, string | true> {
  const base: Record<string, string | true> = {
    problem: 'quartic',
    trajectories: '4',
    steps: '2',
    backend: 'cpu',
  };
  const field = camelCase(flag);
  const users = PROBLEM_FIELD_USERS[field];
  if (users?.[0]) base['problem'] = users[0];
  const optimizerField: Record<string, string> = {
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
  const spec = optimizerField[field];
  if (spec)
    base['optimizer'] =
      OPTIMIZER_NAMES.find((o) => (OPTIMIZER_FIELDS[o] as readonly string[]).includes(spec)) ??
      'adam';
  if (field === 'gammaIndex') base['gammas'] = '0.1,0.2';
  if (field === 'checkpointEvery') base['checkpoint'] = '/tmp/adamscope-corpus.ckpt';
  return base;
}

function odeContext(flag: string): Record<string, string | true> {
  const base: Record<string, string | true> = {
    problem: 'quartic',
    T: '0.1',
    times: '0,0.1',
    backend: 'cpu',
  };
  const field = camelCase(flag);
  const users = PROBLEM_FIELD_USERS[field];
  if (users?.[0]) base['problem'] = users[0];
  if (field === 'lambda') base['ode'] = 'heavy-ball';
  if (field === 'spread') base['x0-cloud'] = '2';
  if (field === 'alpha' || field === 'beta') base['gamma'] = '0.1';
  if (field === 'T') delete base['times'];
  if (field === 'dt') base['method'] = 'rk4';
  return base;
}

/** Cases for every flag of one command. */
function flagCases(
  label: string,
  command: string[],
  flags: Record<string, FlagKind>,
  schema: z.ZodType,
  context: (flag: string) => Record<string, string | true>,
  skip: readonly string[] = [],
): BadCase[] {
  const shape = shapeOf(schema);
  const cases: BadCase[] = [];
  for (const [flag, kind] of Object.entries(flags)) {
    if (skip.includes(flag)) continue;
    const field = shape[camelCase(flag)];
    for (const value of badValues(kind, field)) {
      const flags2 = { ...context(flag), [flag]: value };
      cases.push({
        name: `${label} --${flag} ${JSON.stringify(value)}`,
        argv: argvOf(command, flags2),
        names: `--${flag}`,
        value,
      });
    }
    // A repeated option is ambiguous.
    const base = context(flag);
    const repeat = argvOf(command, base);
    const good = kind === 'boolean' ? [] : [String(base[flag] ?? '1')];
    repeat.push(`--${flag}`, ...good, `--${flag}`, ...good);
    cases.push({ name: `${label} --${flag} twice`, argv: repeat, names: `--${flag}` });
    // A value for a boolean flag, a missing value for a string flag.
    if (kind === 'boolean')
      cases.push({
        name: `${label} --${flag}=yes`,
        argv: [...argvOf(command, context(flag)), `--${flag}=yes`],
        names: `--${flag}`,
      });
    else
      cases.push({
        name: `${label} --${flag} (no value)`,
        argv: [...argvOf(command, context(flag)), `--${flag}`],
        names: `--${flag}`,
      });
  }
  return cases;
}

/** Problem, optimizer and ODE flags given where they do not apply. */
function applicabilityCases(): BadCase[] {
  const cases: BadCase[] = [];
  const valueFor: Record<string, string> = {
    'x-star': '1',
    'reddi-delta': '0.5',
    'reddi-c': '5',
    p: '0.5',
    'lambda-min': '0.5',
    'lambda-max': '1',
    condition: '2',
    curvature: '1',
    sigma: '0.1',
    dim: '3',
  };
  for (const [field, users] of Object.entries(PROBLEM_FIELD_USERS)) {
    const flag = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const other =
      ['regression2d', 'quadratic-diag', 'reddi', 'quartic'].find((p) => !users.includes(p)) ??
      'reddi';
    const value = valueFor[flag] ?? '1';
    for (const command of ['run', 'ode']) {
      const base =
        command === 'run'
          ? { problem: other, trajectories: '4', steps: '2', backend: 'cpu' }
          : { problem: other, T: '0.1', backend: 'cpu' };
      cases.push({
        name: `${command} --${flag} on ${other}`,
        argv: argvOf([command], { ...base, [flag]: value }),
        names: `--${flag}`,
        value,
      });
    }
  }
  const optimizerFlags: Record<string, [string, string]> = {
    preset: ['preset', 'pytorch'],
    alpha: ['alpha', '0.9'],
    beta: ['beta', '0.99'],
    a: ['a', '1'],
    b: ['b', '1'],
    eps: ['epsilon', '1e-8'],
    momentum: ['momentum', '0.5'],
    'no-debias': ['debias', ''],
  };
  for (const [flag, [spec, value]] of Object.entries(optimizerFlags)) {
    for (const optimizer of OPTIMIZER_NAMES.filter(
      (o) => !(OPTIMIZER_FIELDS[o] as readonly string[]).includes(spec),
    )) {
      const base = { problem: 'quartic', trajectories: '4', steps: '2', backend: 'cpu', optimizer };
      cases.push({
        name: `run --${flag} with ${optimizer}`,
        argv: argvOf(['run'], { ...base, [flag]: value === '' ? true : value }),
        names: `--${flag}`,
        value: value === '' ? undefined : value,
      });
    }
  }
  const odeFlags: Record<string, [string, string[]]> = {
    a: ['1', ['heavy-ball', 'gradient-flow']],
    b: ['1', ['heavy-ball', 'heavy-ball-frozen', 'gradient-flow']],
    eps: ['1e-8', ['heavy-ball', 'gradient-flow']],
    lambda: [
      '1',
      ['adam', 'adam-autonomous', 'heavy-ball-adam', 'heavy-ball-frozen', 'gradient-flow'],
    ],
  };
  for (const [flag, [value, odes]] of Object.entries(odeFlags))
    for (const ode of odes)
      cases.push({
        name: `ode --${flag} with ${ode}`,
        argv: argvOf(['ode'], { problem: 'quartic', T: '0.1', backend: 'cpu', ode, [flag]: value }),
        names: `--${flag}`,
        value,
      });
  for (const flag of ['rtol', 'atol'])
    for (const method of ['euler', 'rk4'])
      cases.push({
        name: `ode --${flag} with ${method}`,
        argv: argvOf(['ode'], {
          problem: 'quartic',
          T: '0.1',
          backend: 'cpu',
          method,
          [flag]: '1e-6',
        }),
        names: `--${flag}`,
        value: '1e-6',
      });
  cases.push({
    name: 'ode --spread without a cloud',
    argv: argvOf(['ode'], { problem: 'quartic', T: '0.1', backend: 'cpu', spread: '1' }),
    names: '--spread',
    value: '1',
  });
  cases.push({
    name: 'ode --gamma with --a',
    argv: argvOf(['ode'], { problem: 'quartic', T: '0.1', backend: 'cpu', gamma: '0.1', a: '1' }),
    names: '--gamma',
    value: '0.1',
  });
  cases.push({
    name: 'run --gamma with --gammas',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      gamma: '0.1',
      gammas: '0.1,0.2',
    }),
    names: '--gamma',
    value: '0.1',
  });
  cases.push({
    name: 'run --gamma-index without --gammas',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'gamma-index': '0',
    }),
    names: '--gamma-index',
    value: '0',
  });
  // Experiment flags of another experiment.
  for (const e of EXPERIMENTS) {
    const foreign = EXPERIMENTS.flatMap((o) => Object.keys(o.flags)).find((f) => !(f in e.flags));
    if (foreign)
      cases.push({
        name: `experiment ${e.name} --${foreign}`,
        argv: ['experiment', e.name, '--backend', 'cpu', `--${foreign}`, '1'],
        names: `--${foreign}`,
      });
  }
  // List lengths against the dimension.
  cases.push({
    name: 'run --x-star 1,2,3 on regression2d',
    argv: argvOf(['run'], {
      problem: 'regression2d',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'x-star': '1,2,3',
    }),
    names: '--x-star',
    value: '1,2,3',
  });
  cases.push({
    name: 'run --x-star 1,2 on quadratic-diag',
    argv: argvOf(['run'], {
      problem: 'quadratic-diag',
      dim: '3',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'x-star': '1,2',
    }),
    names: '--x-star',
    value: '1,2',
  });
  cases.push({
    name: 'run --x0 1,2,3 on regression2d',
    argv: argvOf(['run'], {
      problem: 'regression2d',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      x0: '1,2,3',
    }),
    names: '--x0',
    value: '1,2,3',
  });
  cases.push({
    name: 'ode --x0 1,2,3 on regression2d',
    argv: argvOf(['ode'], { problem: 'regression2d', T: '0.1', backend: 'cpu', x0: '1,2,3' }),
    names: '--x0',
    value: '1,2,3',
  });
  cases.push({
    name: 'run --track beyond N',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      track: '4',
    }),
    names: '--track',
    value: '4',
  });
  cases.push({
    name: 'run --gammas not dividing N',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '5',
      steps: '2',
      backend: 'cpu',
      gammas: '0.1,0.2',
    }),
    names: '--trajectories',
    value: '5',
  });
  cases.push({
    name: 'run --trajectory-range beyond N',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'trajectory-range': '0:9',
    }),
    names: '--trajectory-range',
    value: '0:9',
  });
  cases.push({
    name: 'run --trajectory-range 3:1',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'trajectory-range': '3:1',
    }),
    names: '--trajectory-range',
    value: '3:1',
  });
  cases.push({
    name: 'run --trajectory-range a:b',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'trajectory-range': 'a:b',
    }),
    names: '--trajectory-range',
    value: 'a:b',
  });
  cases.push({
    name: 'run --gamma-index 2 of 2',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      gammas: '0.1,0.2',
      'gamma-index': '2',
    }),
    names: '--gamma-index',
    value: '2',
  });
  cases.push({
    name: 'run --checkpoint-every without --checkpoint',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '4',
      steps: '2',
      backend: 'cpu',
      'checkpoint-every': '2',
    }),
    names: '--checkpoint-every',
    value: '2',
  });
  cases.push({
    name: 'run --cpu --trajectories 2147483648',
    argv: argvOf(['run'], {
      problem: 'quartic',
      trajectories: '2147483648',
      steps: '2',
      backend: 'cpu',
    }),
    names: '--trajectories',
    value: '2147483648',
  });
  return cases;
}

/** Global options, output paths, commands and positionals. */
function globalCases(root: string): BadCase[] {
  const base = [
    'run',
    '--problem',
    'quartic',
    '--trajectories',
    '4',
    '--steps',
    '2',
    '--backend',
    'cpu',
  ];
  const cases: BadCase[] = [];
  for (const command of [
    ['run', '--problem', 'quartic'],
    ['ode', '--problem', 'quartic'],
    ['info'],
    ['experiment', 'reddi'],
  ]) {
    for (const value of ['gpu', '', 'CPU'])
      cases.push({
        name: `${command.join(' ')} --backend ${JSON.stringify(value)}`,
        argv: [...command, '--backend', value],
        names: '--backend',
        value,
      });
  }
  for (const command of [
    ['run', '--problem', 'quartic', '--backend', 'cpu'],
    ['ode', '--problem', 'quartic', '--backend', 'cpu'],
    ['experiment', 'reddi', '--backend', 'cpu'],
  ])
    cases.push({
      name: `${command[0]} --seed ''`,
      argv: [...command, '--seed', ''],
      names: '--seed',
      value: '',
    });
  for (const [command, flag] of [
    [['info'], 'seed'],
    [['bench', 'random'], 'seed'],
    [['bench', 'random'], 'backend'],
    [['merge', 'x.json'], 'seed'],
    [['merge', 'x.json'], 'backend'],
  ] as const)
    cases.push({
      name: `${command.join(' ')} --${flag}`,
      argv: [...command, `--${flag}`, 'cpu'],
      names: `--${flag}`,
      value: 'cpu',
    });
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  const outs = [
    '',
    '/proc/x/y.json',
    '/sys/x.json',
    '/dev/adamscope/x.json',
    root,
    join(file, 'x.json'),
  ];
  for (const flag of ['out', 'csv', 'checkpoint'])
    for (const path of outs)
      cases.push({
        name: `run --${flag} ${JSON.stringify(path)}`,
        argv: [...base, `--${flag}`, path],
        names: `--${flag}`,
        value: path,
      });
  for (const path of outs.filter((p) => p !== root))
    cases.push({
      name: `ode --out ${JSON.stringify(path)}`,
      argv: ['ode', '--problem', 'quartic', '--backend', 'cpu', '--out', path],
      names: '--out',
      value: path,
    });
  for (const path of ['', '/proc/x/y', file])
    cases.push({
      name: `experiment --out ${JSON.stringify(path)}`,
      argv: ['experiment', 'reddi', '--backend', 'cpu', '--out', path],
      names: '--out',
      value: path,
    });
  for (const path of ['', '/sys/x.json', root])
    for (const command of [['info'], ['bench', 'random'], ['merge', file]])
      cases.push({
        name: `${command[0]} --out ${JSON.stringify(path)}`,
        argv: [...command, '--out', path],
        names: '--out',
        value: path,
      });
  cases.push({ name: 'bench nope', argv: ['bench', 'nope'], names: 'nope', value: 'nope' });
  cases.push({ name: 'bench (none)', argv: ['bench'], names: 'benchmark' });
  cases.push({ name: 'bench --quick=1', argv: ['bench', 'random', '--quick=1'], names: '--quick' });
  cases.push({
    name: 'bench random extra',
    argv: ['bench', 'random', 'extra'],
    names: 'extra',
    value: 'extra',
  });
  cases.push({
    name: 'experiment nope',
    argv: ['experiment', 'nope'],
    names: 'nope',
    value: 'nope',
  });
  cases.push({ name: 'unknown command', argv: ['nope'], names: 'nope', value: 'nope' });
  cases.push({ name: 'unknown option', argv: ['run', '--nope', '1'], names: '--nope' });
  cases.push({
    name: 'merge (no files)',
    argv: ['merge', '--out', join(root, 'm.json')],
    names: 'shard files',
  });
  cases.push({
    name: 'merge missing file',
    argv: ['merge', join(root, 'missing.json'), '--out', join(root, 'm.json')],
    names: 'shard file',
    value: join(root, 'missing.json'),
  });
  cases.push({
    name: 'merge a non-shard',
    argv: ['merge', file, '--out', join(root, 'm.json')],
    names: 'shard file',
    value: file,
  });
  cases.push({ name: 'merge without --out', argv: ['merge', file], names: '--out' });
  cases.push({
    name: 'run --resume missing',
    argv: ['run', '--resume', join(root, 'missing.ckpt')],
    names: '--resume',
    value: join(root, 'missing.ckpt'),
  });
  cases.push({
    name: 'run --resume a text file',
    argv: ['run', '--resume', file],
    names: '--resume',
    value: file,
  });
  cases.push({
    name: 'run --resume a folder',
    argv: ['run', '--resume', root],
    names: '--resume',
    value: root,
  });
  cases.push({
    name: 'run --progress xml',
    argv: [...base, '--progress', 'xml'],
    names: '--progress',
    value: 'xml',
  });
  cases.push({
    name: 'run --progress with --quiet',
    argv: [...base, '--progress', 'json', '--quiet'],
    names: '--progress',
    value: 'json',
  });
  return cases;
}

/** Config files: every field with a wrong type, null, a huge array, an object; bad files. */
function configCases(root: string): BadCase[] {
  mkdirSync(join(root, 'configs'), { recursive: true });
  const cases: BadCase[] = [];
  let n = 0;
  const write = (data: string) => {
    const path = join(root, 'configs', `c${n++}.json`);
    writeFileSync(path, data);
    return path;
  };
  const huge = new Array<number>(100_000).fill(0);
  const surfaces: [string, string[], z.ZodType, Record<string, unknown>][] = [
    [
      'run',
      ['run'],
      RunConfigSchema,
      { problem: 'quartic', trajectories: 4, steps: 2, backend: 'cpu' },
    ],
    ['ode', ['ode'], OdeCliSchema, { problem: 'quartic', T: 0.1, backend: 'cpu' }],
    ...EXPERIMENTS.map((e): [string, string[], z.ZodType, Record<string, unknown>] => [
      `experiment ${e.name}`,
      ['experiment', e.name, '--backend', 'cpu'],
      e.schema,
      {},
    ]),
  ];
  for (const [label, command, schema, base] of surfaces) {
    for (const [field, fieldSchema] of Object.entries(shapeOf(schema))) {
      const js = json(fieldSchema);
      const isString =
        js.type === 'string' ||
        js.enum !== undefined ||
        js.anyOf?.every((s) => s.type === 'string');
      const takesString = isString || js.anyOf?.some((s) => s.type === 'string');
      const wrong: unknown[] = [null, huge, { value: 1 }];
      if (isString) wrong.push(5);
      else if (!takesString) wrong.push('abc');
      if (js.type !== 'boolean') wrong.push(true);
      for (const value of wrong) {
        const path = write(JSON.stringify({ ...base, [field]: value }));
        const argv = [...command, '--config', path];
        if (label !== 'run' && label !== 'ode') argv.push('--out', join(root, 'never'));
        cases.push({
          name: `${label} config "${field}": ${formatValue(value).slice(0, 30)}`,
          argv,
          names: `"${field}`,
          value: formatValue(value).slice(0, 24),
        });
      }
    }
    for (const [what, text] of [
      ['an array', '[1, 2]'],
      ['null', 'null'],
      ['a number', '5'],
      ['not JSON', '{"problem": '],
      ['empty', ''],
    ]) {
      const path = write(text ?? '');
      cases.push({
        name: `${label} config file ${what}`,
        argv: [...command, '--config', path],
        names: '--config',
        value: path,
      });
    }
    const path = write(JSON.stringify({ ...base, gama: 0.1 }));
    cases.push({
      name: `${label} config unknown field`,
      argv: [...command, '--config', path],
      names: '"gama"',
    });
  }
  return cases;
}

/** Every case. `root` is a scratch folder for files the cases read. */
export function badInputCorpus(root: string): BadCase[] {
  mkdirSync(root, { recursive: true });
  return [
    ...flagCases(
      'run',
      ['run'],
      { ...RUN_FLAGS, seed: 'string' } as Record<string, FlagKind>,
      RunConfigSchema,
      runContext,
      ['config', 'csv', 'checkpoint', 'seed'],
    ),
    ...flagCases('ode', ['ode'], ODE_FLAGS as Record<string, FlagKind>, OdeCliSchema, odeContext, [
      'config',
      'csv',
    ]),
    ...EXPERIMENTS.flatMap((e) =>
      flagCases(`experiment ${e.name}`, ['experiment', e.name], e.flags, e.schema, () => ({
        backend: 'cpu',
      })),
    ),
    ...applicabilityCases(),
    ...globalCases(root),
    ...configCases(root),
  ];
}
