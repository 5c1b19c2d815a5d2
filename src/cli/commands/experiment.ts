import { EXPERIMENTS, findExperiment, type Experiment } from '../../experiments/index.ts';
import { writeReport } from '../../node/files.ts';
import type { CliCommand } from '../command.ts';
import { camelCase, flagsToConfig, readConfigFile, validateConfig } from '../config.ts';
import { CliError, type OptionSpecs } from '../options.ts';
import { Progress, VERSION } from '../output.ts';
import { describeBackend } from './info.ts';

/** Every flag of every experiment (each experiment accepts only its own; checked after parsing). */
function experimentOptionSpecs(): OptionSpecs {
  const specs: OptionSpecs = {
    config: {
      type: 'string',
      description: 'JSON config (fields: camelCase flag names)',
      valueHint: 'FILE.json',
    },
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

function listing(): string {
  return [
    'experiments:',
    ...EXPERIMENTS.map((e) => `  ${e.name.padEnd(24)} ${e.claim}: ${e.title}`),
  ].join('\n');
}

/** Parameters of `experiment` from --config and flags (flags win), validated by its schema. */
async function experimentParams(
  experiment: Experiment,
  values: Record<string, string | boolean | undefined>,
) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || ['backend', 'seed', 'out', 'config', 'help'].includes(name))
      continue;
    if (!(name in experiment.flags)) {
      const allowed = Object.keys(experiment.flags)
        .map((f) => `--${f}`)
        .join(', ');
      throw new CliError(
        `adamscope experiment ${experiment.name}: option --${name} does not apply; allowed: ${allowed}`,
      );
    }
  }
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  const fileConfig = file ? await readConfigFile(file) : {};
  const flags = flagsToConfig(values, { ...experiment.flags, seed: 'string' });
  if (typeof flags['seed'] === 'string' && Number.isFinite(Number(flags['seed'])))
    flags['seed'] = Number(flags['seed']);
  return validateConfig(
    experiment.schema,
    { ...fileConfig, ...flags },
    { file, fromFlags: new Set(Object.keys(flags).map(camelCase)) },
  ) as Record<string, unknown>;
}

/** `adamscope experiment <name>`: one claim of the paper, measured; writes a report folder. */
export const experimentCommand: CliCommand = {
  name: 'experiment',
  summary:
    'measure one result of the paper (list: adamscope experiment list); writes report.json, report.md, SVG plots',
  options: experimentOptionSpecs(),
  positionals: 1,
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
    const params = await experimentParams(experiment, values);
    const backendName = typeof values['backend'] === 'string' ? values['backend'] : undefined;
    if (backendName !== undefined && backendName !== 'webgpu' && backendName !== 'cpu') {
      throw new CliError(`invalid --backend = ${backendName}: allowed webgpu or cpu`);
    }
    const backend = await io.openBackend(backendName ?? 'webgpu', backendName !== undefined);
    const dir =
      typeof values['out'] === 'string' ? values['out'] : `out/experiments/${experiment.name}`;
    const progress = new Progress(experiment.name, 1000);
    const warnings: string[] = [];
    const start = performance.now();
    const outcome = await experiment.run(params, {
      backend,
      progress: (fraction) =>
        progress.update(Math.round(1000 * Math.min(1, Math.max(0, fraction)))),
      warn: (message) => {
        warnings.push(message);
        io.stderr(`adamscope experiment ${experiment.name}: warning: ${message}`);
      },
    });
    progress.finish();
    const seconds = (performance.now() - start) / 1000;
    const files = await writeReport(dir, experiment, outcome, {
      seed: (params['seed'] as number | string | undefined) ?? 1,
      adapter: describeBackend(backend),
      version: VERSION,
      seconds,
      config: params,
      warnings: [...backend.notices, ...warnings],
    });
    io.stdout(`${experiment.title} (${experiment.claim}) — ${outcome.verdict}`);
    io.stdout(outcome.markdown.trim());
    io.stdout(`wrote ${files.join(', ')} in ${seconds.toFixed(1)} s`);
    return 0;
  },
};
