import { EXPERIMENTS, findExperiment, type Experiment } from '../../experiments/index.ts';
import { InterruptedError, ParameterError } from '../../errors.ts';
import { checkOutputPath, writeReport } from '../../node/files.ts';
import { defaultOf, describeRule, shapeOf } from '../../problems/schema.ts';
import {
  RANDOM_GENERATORS,
  requireGenerator,
  type RandomGenerator,
} from '../../random/generator.ts';
import type { CliCommand } from '../command.ts';
import {
  camelCase,
  collectConfig,
  rewordParameterError,
  validateSources,
  type ConfigSources,
} from '../config.ts';
import { EXPERIMENT_EXAMPLES, experimentFlagHelp } from '../experimentHelp.ts';
import { exitStatusOf, Interrupt } from '../interrupt.ts';
import {
  CliError,
  helpText,
  LONG_RUN_OPTIONS,
  type OptionSpecs,
  type ParsedOptions,
} from '../options.ts';
import { VERSION } from '../output.ts';
import { progressMode, ProgressReporter } from '../progress.ts';
import { describeBackend } from './info.ts';

/** Options every experiment takes besides its own flags. */
const COMMON = ['backend', 'seed', 'rng', 'out', 'config', 'help', 'progress', 'quiet'];

/** `--rng`: the generator of the experiment's ensembles (as `adamscope run --rng`). */
const RNG_OPTION = {
  type: 'string',
  description:
    "counter-based generator of the ensembles' draws: Philox4x32-10 or Threefry4x32-20 (same seed, different streams; ODE initial clouds stay Philox)",
  valueHint: RANDOM_GENERATORS.join('|'),
  rule: `one of ${RANDOM_GENERATORS.join('|')}`,
  defaultText: 'philox',
} as const;

/** The generator named by `--rng` (undefined: the default), refused where it changes nothing. */
function generatorOption(
  experiment: Experiment,
  values: ParsedOptions,
): RandomGenerator | undefined {
  const raw = values['rng'];
  if (raw === undefined) return undefined;
  if (experiment.usesGenerator === false)
    throw new CliError(
      `adamscope experiment ${experiment.name}: option --rng does not apply (its only random draws are the ODE's initial clouds, always Philox); allowed: the same command without --rng`,
    );
  try {
    return requireGenerator('--rng', raw);
  } catch (error) {
    if (error instanceof ParameterError)
      throw new ParameterError('--rng', raw, `one of ${RANDOM_GENERATORS.join('|')}`, {
        typed: String(raw),
      });
    throw error;
  }
}

/** Every flag of every experiment (each experiment accepts only its own; checked after parsing). */
function experimentOptionSpecs(): OptionSpecs {
  const specs: OptionSpecs = {
    config: {
      type: 'string',
      description: 'JSON config (fields: camelCase flag names); flags override it',
      valueHint: 'FILE.json',
    },
    rng: RNG_OPTION,
    ...LONG_RUN_OPTIONS,
  };
  for (const e of EXPERIMENTS) {
    for (const [flag, kind] of Object.entries(e.flags)) {
      specs[flag] =
        kind === 'boolean'
          ? { type: 'boolean', description: `(${e.name})` }
          : { type: 'string', description: flagHelp(flag, kind) };
    }
  }
  return specs;
}

function flagHelp(flag: string, kind: string): string {
  const users = EXPERIMENTS.filter((e) => flag in e.flags).map((e) => e.name);
  return `${kind === 'numbers' ? 'comma list' : kind}; ${users.length === EXPERIMENTS.length ? 'all experiments' : users.join(', ')}`;
}

/** The options of one experiment: its own flags with description, allowed values and default. */
export function experimentOptions(experiment: Experiment): OptionSpecs {
  const shape = shapeOf(experiment.schema);
  const specs: OptionSpecs = {};
  for (const [flag, kind] of Object.entries(experiment.flags)) {
    const field = shape[camelCase(flag)];
    const fallback = field ? defaultOf(field) : undefined;
    specs[flag] = {
      type: kind === 'boolean' ? 'boolean' : 'string',
      description: experimentFlagHelp(experiment.name, flag) ?? flag,
      valueHint: kind === 'numbers' ? 'V1,V2,…' : kind === 'string' ? 'NAME' : 'X',
      ...(field && kind !== 'boolean' ? { rule: describeRule(field) } : {}),
      ...(fallback !== undefined
        ? { defaultText: Array.isArray(fallback) ? fallback.join(',') : String(fallback) }
        : {}),
    };
  }
  return {
    ...specs,
    config: {
      type: 'string',
      description: 'JSON config (fields: the camelCase flag names); flags override it',
      valueHint: 'FILE.json',
    },
    ...(experiment.usesGenerator === false ? {} : { rng: RNG_OPTION }),
    ...LONG_RUN_OPTIONS,
  };
}

/** `adamscope experiment <name> --help`. */
export function experimentHelp(experiment: Experiment): string {
  return helpText(
    `experiment ${experiment.name}`,
    `${experiment.title} (${experiment.claim})`,
    {
      ...experimentOptions(experiment),
      out: {
        type: 'string',
        description: 'folder of report.json, report.md and the SVG plots',
        valueHint: 'DIR',
        rule: 'a folder path (created; its files are replaced together)',
        defaultText: `out/experiments/${experiment.name}`,
      },
    },
    {
      usage: `adamscope experiment ${experiment.name} [options]`,
      notes: [experiment.summary],
      examples: [EXPERIMENT_EXAMPLES[experiment.name] ?? `adamscope experiment ${experiment.name}`],
    },
  );
}

function listing(): string {
  return [
    'experiments (adamscope experiment <name> --help: its options):',
    ...EXPERIMENTS.map((e) => `  ${e.name.padEnd(24)} ${e.claim}: ${e.title}`),
  ].join('\n');
}

/** Parameters of `experiment` from --config and flags (flags win), validated by its schema. */
function experimentParams(
  experiment: Experiment,
  values: ParsedOptions,
): { params: Record<string, unknown>; sources: ConfigSources } {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || COMMON.includes(name)) continue;
    if (!(name in experiment.flags)) {
      const allowed = Object.keys(experiment.flags)
        .map((f) => `--${f}`)
        .join(', ');
      throw new CliError(
        `adamscope experiment ${experiment.name}: option --${name} does not apply; allowed: ${allowed}`,
      );
    }
  }
  const sources = collectConfig(values, experiment.flags);
  return {
    params: validateSources(experiment.schema, sources) as Record<string, unknown>,
    sources,
  };
}

/** A verdict that rests on a non-finite number (NaN, ±Infinity) is not a verdict. */
function nonFinite(text: string): boolean {
  return /\bNaN\b|Infinity/.test(text);
}

/** `adamscope experiment <name>`: one claim of the paper, measured; writes a report folder. */
export const experimentCommand: CliCommand = {
  name: 'experiment',
  summary:
    'measure one result of the paper (list: adamscope experiment list); writes report.json, report.md, SVG plots',
  options: experimentOptionSpecs(),
  positionals: 1,
  help: {
    usage:
      'adamscope experiment <name> [options]   (adamscope experiment <name> --help: its own options)',
    notes: [listing()],
    examples: [EXPERIMENT_EXAMPLES['reddi'] ?? ''],
  },
  positionalHelp(name) {
    const experiment = findExperiment(name);
    return experiment ? experimentHelp(experiment) : undefined;
  },
  async run(values, io, positionals) {
    const name = positionals[0];
    if (name === undefined || name === 'list') {
      io.stdout(listing());
      return name === undefined ? 2 : 0;
    }
    const experiment = findExperiment(name);
    if (!experiment) {
      throw new CliError(
        `adamscope experiment: unknown experiment "${name}"; allowed: ${EXPERIMENTS.map((e) => e.name).join(', ')}`,
      );
    }
    const interrupt = io.interrupt ?? new Interrupt();
    const mode = progressMode(values, io.stderrIsTTY ?? false);
    const { params, sources } = experimentParams(experiment, values);
    const rng = generatorOption(experiment, values);
    const backendName = typeof values['backend'] === 'string' ? values['backend'] : undefined;
    if (backendName !== undefined && backendName !== 'webgpu' && backendName !== 'cpu') {
      throw new CliError(`invalid --backend = ${backendName}: allowed webgpu or cpu`);
    }
    const dir =
      typeof values['out'] === 'string' ? values['out'] : `out/experiments/${experiment.name}`;
    checkOutputPath('--out', dir, 'folder');
    const backend = await io.openBackend(backendName ?? 'webgpu', backendName !== undefined);
    const progress = new ProgressReporter(
      mode,
      { write: (text) => (io.stderrRaw ? io.stderrRaw(text) : io.stderr(text.replace(/\n$/, ''))) },
      { label: `experiment ${experiment.name}`, total: 1000, unit: '‰', rates: [] },
    );
    const warnings: string[] = [];
    const start = performance.now();
    let outcome;
    try {
      outcome = await experiment.run(params, {
        backend,
        progress: (fraction) => {
          progress.update(Math.round(1000 * Math.min(1, Math.max(0, fraction))));
          interrupt.throwIfRequested();
        },
        warn: (message) => {
          warnings.push(message);
          io.stderr(`adamscope experiment ${experiment.name}: warning: ${message}`);
        },
        ...(rng ? { rng } : {}),
      });
    } catch (error) {
      progress.finish(error instanceof InterruptedError ? 'interrupted' : 'failed');
      // A library ParameterError names a field of the schema: name it as the flag typed.
      if (error instanceof ParameterError)
        throw rewordParameterError(error, sources, (field) =>
          field in shapeOf(experiment.schema) ? field : undefined,
        );
      throw error;
    }
    progress.finish();
    const seconds = (performance.now() - start) / 1000;
    if (nonFinite(outcome.verdict)) {
      io.stderr(
        `adamscope experiment ${experiment.name}: no verdict: it rests on a non-finite number (${outcome.verdict}); nothing was written — check the parameters (a zero spread, threshold or initial point, or a T the solver cannot reach)`,
      );
      return 1;
    }
    const files = await writeReport(dir, experiment, outcome, {
      seed: (params['seed'] as number | string | undefined) ?? 1,
      adapter: describeBackend(backend),
      version: VERSION,
      seconds,
      config: rng ? { ...params, rng } : params,
      command: io.commandLine ?? [],
      warnings: [...backend.notices, ...warnings],
    });
    io.stdout(`${experiment.title} (${experiment.claim}) — ${outcome.verdict}`);
    io.stdout(outcome.markdown.trim());
    io.stdout(`wrote ${files.join(', ')} in ${seconds.toFixed(1)} s`);
    return interrupt.signal ? exitStatusOf(interrupt.signal) : 0;
  },
};
