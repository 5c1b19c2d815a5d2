import {
  createEnsemble,
  physicalTime,
  type EnsembleRecord,
  type FinalMoments,
} from '../../ensemble/index.ts';
import type { CliCommand } from '../command.ts';
import { flagsToConfig, readConfigFile, validateConfig } from '../config.ts';
import { describeBackend } from './info.ts';
import { Progress, recordsCsv, sample, table, VERSION, writeText } from '../output.ts';
import {
  ensembleConfig,
  RUN_FLAGS,
  RUN_OPTION_SPECS,
  RunConfigSchema,
  type RunConfig,
} from '../runConfig.ts';

/** Reads `--config` (if any) and the flags over it, validated by one schema. */
export async function readRunConfig(
  values: Record<string, string | boolean | undefined>,
): Promise<RunConfig> {
  const fileConfig =
    typeof values['config'] === 'string' ? await readConfigFile(values['config']) : {};
  const flags = flagsToConfig(values, {
    ...RUN_FLAGS,
    seed: 'string',
    backend: 'string',
    out: 'string',
  });
  delete flags['config'];
  if (typeof flags['seed'] === 'string' && Number.isFinite(Number(flags['seed'])))
    flags['seed'] = Number(flags['seed']);
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  return validateConfig(
    RunConfigSchema,
    { ...fileConfig, ...flags },
    { file, fromFlags: new Set(Object.keys(flags)) },
  );
}

/** `adamscope run`: N trajectories of an optimizer on a problem; statistics over trajectories. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run N stochastic-optimizer trajectories and record statistics over them',
  options: RUN_OPTION_SPECS,
  async run(values, io) {
    const config = await readRunConfig(values);
    const engineConfig = ensembleConfig(config);
    const backend = await io.openBackend(config.backend ?? 'webgpu', config.backend !== undefined);
    const ensemble = await createEnsemble(engineConfig, backend);
    for (const warning of ensemble.resolved.warnings)
      io.stderr(`adamscope run: warning: ${warning}`);
    const progress = new Progress('run', config.steps);
    const records: EnsembleRecord[] = [];
    let final: FinalMoments[];
    try {
      records.push(...(await ensemble.record()));
      while (ensemble.step < config.steps) {
        await ensemble.advance(
          Math.min(ensemble.resolved.recordEvery, config.steps - ensemble.step),
        );
        records.push(...(await ensemble.record()));
        progress.update(ensemble.step);
      }
      final = await ensemble.finalMoments();
      const paths = await ensemble.trackedPaths();
      progress.finish();
      const groups = ensemble.resolved.groups.map((g, i) => ({
        group: i,
        gamma: g.hyper.gamma,
        hyper: g.hyper,
        tEnd: physicalTime(g, config.steps),
      }));
      const result = {
        config,
        engineConfig,
        seed: config.seed,
        adapter: describeBackend(backend),
        version: VERSION,
        groups,
        records,
        final: final.length === 1 ? final[0] : final,
        paths,
        warnings: ensemble.resolved.warnings,
      };
      io.stdout(summaryTable(records, groups.length));
      const diverged = records
        .filter((r) => r.step === config.steps)
        .reduce((s, r) => s + r.diverged, 0);
      if (diverged > 0)
        io.stderr(
          `adamscope run: ${diverged} trajectories diverged (non-finite); excluded from the statistics`,
        );
      if (config.out) await writeText(config.out, JSON.stringify(result, null, 2) + '\n');
      if (config.csv) await writeText(config.csv, recordsCsv(records));
      return 0;
    } finally {
      ensemble.destroy();
    }
  },
};

function summaryTable(records: readonly EnsembleRecord[], groupCount: number): string {
  const rows = [];
  for (let g = 0; g < groupCount; g++) {
    for (const r of sample(
      records.filter((x) => x.group === g),
      8,
    )) {
      rows.push([
        groupCount > 1 ? `${g}` : '',
        r.step,
        r.t,
        r.F.mean,
        r.F.q50,
        r.gradNorm.mean,
        r.dist.mean,
        r.dist.q95,
        r.diverged,
      ]);
    }
  }
  return table(
    ['group', 'step', 't', 'F mean', 'F median', '|∇F| mean', 'dist mean', 'dist q95', 'diverged'],
    rows,
  );
}
