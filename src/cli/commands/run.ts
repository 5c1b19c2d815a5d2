import { readFileSync, statSync } from 'node:fs';
import {
  createEnsemble,
  decodeCheckpoint,
  driveEnsemble,
  encodeCheckpoint,
  estimateMemory,
  physicalTime,
  resolveEnsemble,
  type Ensemble,
  type EnsembleRecord,
  type FinalMoments,
  type ResolvedEnsemble,
} from '../../ensemble/index.ts';
import { networkMemoryOption } from '../../ensemble/networkEnsemble.ts';
import { ParameterError } from '../../errors.ts';
import { checkOutputPaths, writeFilesAtomically, type OutputFile } from '../../node/files.ts';
import { effectiveHyper, type OptimizerSpec } from '../../optimizers/index.ts';
import {
  DEFAULT_GRID,
  logHistogram,
  quantileResolution,
  type SparseHistogram,
} from '../../stats/logHistogram.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { cliNaming, collectConfig, rewordParameterError, validateSources } from '../config.ts';
import { exitStatusOf, Interrupt } from '../interrupt.ts';
import { checkMemory, memoryLimits, withDeviceMemoryScope } from '../limits.ts';
import { describeBackend } from './info.ts';
import { recordsCsv, sample, table, VERSION } from '../output.ts';
import { progressMode, ProgressReporter } from '../progress.ts';
import {
  checkRunApplicability,
  ensembleConfig,
  RUN_FLAGS,
  RUN_OPTION_SPECS,
  RUN_OUTPUT_FLAGS,
  RunConfigSchema,
  recordEveryOf,
  runFieldOf,
  shardOf,
  type RunConfig,
} from '../runConfig.ts';
import type { ParsedOptions } from '../options.ts';
import {
  networkResult,
  networkSummaryTable,
  runNetwork,
  throughputLine,
} from '../networkReport.ts';

/** Per-record histograms of the three metrics (shards; see src/stats/logHistogram.ts). */
export interface RecordHistograms {
  group: number;
  step: number;
  F: SparseHistogram;
  gradNorm: SparseHistogram;
  dist: SparseHistogram;
}

/** What a checkpoint carries besides the state. */
interface CheckpointMeta {
  command: 'run';
  version: string;
  config: RunConfig;
  records: EnsembleRecord[];
  histograms: RecordHistograms[];
}

/** Reads `--config` (if any) and the flags over it, validated by one schema. */
export function readRunConfig(values: ParsedOptions): RunConfig {
  const sources = collectConfig(values, {
    ...RUN_FLAGS,
    backend: 'string',
    out: 'string',
  });
  const config = validateSources(RunConfigSchema, sources);
  const naming = cliNaming(sources);
  checkRunApplicability(config, naming);
  try {
    resolveEnsemble(ensembleConfig(config));
  } catch (error) {
    if (error instanceof ParameterError) throw rewordParameterError(error, sources, runFieldOf);
    throw error;
  }
  return config;
}

function readCheckpointFile(path: string): {
  state: ReturnType<typeof decodeCheckpoint>['state'];
  meta: CheckpointMeta;
} {
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory())
      throw new ParameterError('--resume', path, 'a checkpoint file (this is a folder)', {
        typed: path,
      });
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof ParameterError) throw error;
    throw new ParameterError(
      '--resume',
      path,
      `a readable checkpoint file (${(error as { code?: string }).code ?? String(error)})`,
      { typed: path },
    );
  }
  try {
    const { state, meta } = decodeCheckpoint(bytes, '--resume');
    const m = meta as Partial<CheckpointMeta> | undefined;
    if (m?.command !== 'run' || !m.config || !Array.isArray(m.records))
      throw new ParameterError('--resume', path, 'a checkpoint of adamscope run', { typed: path });
    return { state, meta: { ...m, histograms: m.histograms ?? [] } as CheckpointMeta };
  } catch (error) {
    if (
      error instanceof ParameterError &&
      error.parameter === '--resume' &&
      error.typed === undefined
    )
      throw new ParameterError('--resume', path, error.allowed, { typed: path });
    throw error;
  }
}

/** The config of `--resume FILE` with the output flags of this command line over it. */
function resumeConfig(
  values: ParsedOptions,
  checkpoint: CheckpointMeta,
  backend: string,
): RunConfig {
  // The generator of a resumed run is the checkpoint's: naming another one is an error.
  const checkpointRng = checkpoint.config.rng ?? 'philox';
  if (values['rng'] !== undefined && values['rng'] !== checkpointRng)
    throw new ParameterError(
      '--rng',
      values['rng'],
      `${checkpointRng} (the checkpoint was drawn with ${checkpointRng}; a resumed run keeps its generator)`,
      { typed: String(values['rng']) },
    );
  for (const [flag, value] of Object.entries(values)) {
    if (
      value === undefined ||
      ['resume', 'help', 'backend', 'rng', 'workers', ...RUN_OUTPUT_FLAGS].includes(flag)
    )
      continue;
    throw new ParameterError(
      `--${flag}`,
      value,
      `not with --resume (the run's parameters come from the checkpoint; only ${RUN_OUTPUT_FLAGS.map((f) => `--${f}`).join(', ')} may be given)`,
      { typed: String(value) },
    );
  }
  if (values['backend'] !== undefined && values['backend'] !== backend)
    throw new ParameterError(
      '--backend',
      values['backend'],
      `${backend} (the checkpoint holds ${backend} state)`,
      { typed: String(values['backend']) },
    );
  const fromFile = { ...checkpoint.config } as Record<string, unknown>;
  for (const key of ['out', 'csv', 'checkpoint', 'checkpointEvery']) delete fromFile[key];
  const sources = collectConfig(values, {
    out: 'string',
    csv: 'string',
    checkpoint: 'string',
    'checkpoint-every': 'number',
    // Worker threads change nothing in the results: a resumed run may use another count.
    workers: 'string',
  });
  return validateSources(RunConfigSchema, { ...sources, data: { ...fromFile, ...sources.data } });
}

/** α, β, a, b, ε, γ schedule and preset as they run, per γ group. */
export function effectiveParameters(config: RunConfig, resolved: ResolvedEnsemble) {
  const spec = ensembleConfig(config).optimizer as OptimizerSpec;
  return resolved.groups.map((g, i) => ({
    group: resolved.firstGroup + i,
    ...effectiveHyper({ ...spec, gamma: g.hyper.gamma }, g.hyper),
  }));
}

function histogramsOf(
  resolved: ResolvedEnsemble,
  metrics: { values: ArrayLike<number>; stride: number },
  records: readonly EnsembleRecord[],
): RecordHistograms[] {
  return records.map((r) => {
    const local = r.group - resolved.firstGroup;
    const offset = local * resolved.groupSize * metrics.stride;
    const h = (m: number) =>
      logHistogram(DEFAULT_GRID, metrics.values, {
        offset: offset + m,
        stride: metrics.stride,
        count: resolved.groupSize,
      });
    return { group: r.group, step: r.step, F: h(0), gradNorm: h(1), dist: h(2) };
  });
}

/** `adamscope run`: N trajectories of an optimizer on a problem; statistics over trajectories. */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run N stochastic-optimizer trajectories and record statistics over them',
  options: RUN_OPTION_SPECS,
  help: {
    notes: [
      'Records every --record-every steps: mean, std and 5/25/50/75/95 % quantiles over the live',
      'trajectories of F(x), ‖∇F(x)‖ and the distance to the critical set, and the diverged count.',
      'SIGINT/SIGTERM stop at the next dispatch boundary and write what was computed, marked',
      '"interrupted": true (exit 130/143); with --checkpoint (or --out: OUT.ckpt) the run continues',
      'with --resume. Shards (--trajectory-range, --gamma-index) combine with adamscope merge.',
    ],
    examples: [
      'adamscope run --problem quadratic-diag --dim 100 --gamma 0.001 --a 1 --b 1 --trajectories 4096 --steps 5000 --out run.json --checkpoint run.ckpt',
    ],
  },
  async run(values, io) {
    const interrupt = io.interrupt ?? new Interrupt();
    const mode = progressMode(values, io.stderrIsTTY ?? false);
    let resumed: ReturnType<typeof readCheckpointFile> | undefined;
    let config: RunConfig;
    if (typeof values['resume'] === 'string') {
      resumed = readCheckpointFile(values['resume']);
      config = resumeConfig(values, resumed.meta, resumed.state.backend);
    } else {
      config = readRunConfig(values);
    }
    const engineConfig = ensembleConfig(config);
    const resolved = resolveEnsemble(engineConfig);
    const shard = shardOf(config);
    const wantHistograms = config.histograms === true || shard !== undefined;
    // Every output path is checked before any work; an interrupted run without --checkpoint
    // leaves its checkpoint next to --out.
    const interruptCheckpoint =
      config.checkpoint ?? (config.out !== undefined ? `${config.out}.ckpt` : undefined);
    checkOutputPaths([
      ...(config.out !== undefined ? [{ flag: '--out', path: config.out }] : []),
      ...(config.csv !== undefined ? [{ flag: '--csv', path: config.csv }] : []),
      ...(interruptCheckpoint !== undefined
        ? [
            {
              flag:
                config.checkpoint !== undefined
                  ? '--checkpoint'
                  : '--out (its .ckpt for an interruption)',
              path: interruptCheckpoint,
            },
          ]
        : []),
    ]);
    // A resumed run continues on the backend that holds its state.
    const backendName = resumed ? resumed.state.backend : (config.backend ?? 'webgpu');
    const sizeFlag = {
      flag: '--trajectories',
      value: resolved.trajectories,
      typed: values['trajectories'] === undefined ? undefined : String(values['trajectories']),
      what: `trajectories of dimension ${resolved.problem.dimension} on the ${backendName} backend`,
    };
    const estimate = estimateMemory(
      resolved.trajectories,
      resolved.problem.dimension,
      backendName,
      {
        checkpoint: interruptCheckpoint !== undefined,
        histograms: wantHistograms,
        ...networkMemoryOption(resolved.problem),
      },
    );
    if (backendName === 'cpu') checkMemory(estimate, memoryLimits('cpu'), sizeFlag);
    const backend = await io.openBackend(
      backendName,
      resumed !== undefined || config.backend !== undefined,
    );
    if (backend.kind === 'webgpu') checkMemory(estimate, memoryLimits(backend), sizeFlag);
    else if (backendName !== 'cpu')
      checkMemory(
        estimateMemory(
          resolved.trajectories,
          resolved.problem.dimension,
          'cpu',
          networkMemoryOption(resolved.problem),
        ),
        memoryLimits('cpu'),
        {
          ...sizeFlag,
          what: `trajectories of dimension ${resolved.problem.dimension} on the cpu backend (WebGPU is missing)`,
        },
      );
    if (resumed && resumed.state.backend !== backend.kind)
      throw new ParameterError(
        '--resume',
        values['resume'],
        `a checkpoint of the ${backend.kind} backend (this one holds ${resumed.state.backend} state)`,
        { typed: String(values['resume']) },
      );
    const ensemble: Ensemble = await withDeviceMemoryScope(
      backend,
      `${resolved.trajectories} trajectories of dimension ${resolved.problem.dimension}`,
      () => createEnsemble(engineConfig, backend),
    );
    try {
      return await runEnsembleCommand(ensemble, config, io, {
        interrupt,
        mode,
        resumed,
        wantHistograms,
        interruptCheckpoint,
        adapter: describeBackend(backend),
        notices: backend.notices,
      });
    } finally {
      ensemble.destroy();
    }
  },
};

async function runEnsembleCommand(
  ensemble: Ensemble,
  config: RunConfig,
  io: CliIo,
  context: {
    interrupt: Interrupt;
    mode: ReturnType<typeof progressMode>;
    resumed: ReturnType<typeof readCheckpointFile> | undefined;
    wantHistograms: boolean;
    interruptCheckpoint: string | undefined;
    adapter: Record<string, unknown>;
    notices: readonly string[];
  },
): Promise<number> {
  const { interrupt, resumed } = context;
  const resolved = ensemble.resolved;
  for (const warning of resolved.warnings) io.stderr(`adamscope run: warning: ${warning}`);
  let histograms: RecordHistograms[] = [...(resumed?.meta.histograms ?? [])];
  if (resumed) await ensemble.importState(resumed.state);
  const d = resolved.problem.dimension;
  const progress = new ProgressReporter(
    context.mode,
    { write: (text) => (io.stderrRaw ? io.stderrRaw(text) : io.stderr(text.replace(/\n$/, ''))) },
    {
      label: 'run',
      total: config.steps,
      unit: 'steps',
      rates: [
        { name: 'trajectory-steps/s', perUnit: resolved.trajectories },
        { name: 'coordinate-updates/s', perUnit: resolved.trajectories * d },
      ],
    },
  );
  if (resumed) progress.resumeFrom(resumed.state.step);
  const checkpointEvery =
    config.checkpoint !== undefined
      ? (config.checkpointEvery ?? 10 * recordEveryOf(config))
      : undefined;
  const writeCheckpoint = async (
    path: string,
    flag: string,
    records: readonly EnsembleRecord[],
  ) => {
    const meta: CheckpointMeta = {
      command: 'run',
      version: VERSION,
      config,
      records: [...records],
      histograms,
    };
    const bytes = encodeCheckpoint(await ensemble.exportState(), meta);
    writeFilesAtomically([{ flag, path, data: bytes }]);
  };
  let run;
  try {
    run = await driveEnsemble(ensemble, {
      steps: config.steps,
      records: resumed?.meta.records ?? [],
      ...(checkpointEvery !== undefined ? { checkpointEvery } : {}),
      onCheckpoint: async (_, records) => {
        if (config.checkpoint !== undefined)
          await writeCheckpoint(config.checkpoint, '--checkpoint', records);
      },
      ...(context.wantHistograms
        ? {
            onRecord: async (records: readonly EnsembleRecord[]) => {
              histograms = [
                ...histograms,
                ...histogramsOf(resolved, await ensemble.recordedMetrics(), records),
              ];
            },
          }
        : {}),
      onProgress: (step) => progress.update(step),
      shouldStop: () => interrupt.requested,
    });
  } catch (error) {
    progress.finish('failed');
    throw error;
  }
  progress.finish(run.stopped ? 'interrupted' : 'done');
  const records = run.records;
  const final: FinalMoments[] = await ensemble.finalMoments();
  const paths = await ensemble.trackedPaths();
  const groups = resolved.groups.map((g, i) => ({
    group: resolved.firstGroup + i,
    gamma: g.hyper.gamma,
    hyper: g.hyper,
    tEnd: physicalTime(g, run.step),
  }));
  const shard = shardOf(config);
  // Network problems: the data, the network and the throughput (steps of this invocation).
  const network = runNetwork(resolved);
  const networkBlock = network
    ? networkResult(network, resolved, run.step - (resumed?.state.step ?? 0), run.stepSeconds)
    : undefined;
  const result = {
    command: io.commandLine ?? [],
    config,
    engineConfig: ensembleConfig(config),
    effective: {
      optimizer: config.optimizer,
      preset: effectiveParameters(config, resolved)[0]?.preset,
      groups: effectiveParameters(config, resolved),
    },
    seed: config.seed,
    rng: resolved.rng,
    adapter: context.adapter,
    version: VERSION,
    ...(shard
      ? {
          shard: {
            ...shard,
            trajectories: resolved.totalTrajectories,
            groups: resolved.totalGroups,
          },
        }
      : {}),
    ...(run.stopped ? { interrupted: true, stepReached: run.step, signal: interrupt.signal } : {}),
    ...(resumed ? { resumedFrom: { step: resumed.state.step } } : {}),
    groups,
    ...(networkBlock ? { network: networkBlock } : {}),
    records,
    final: final.length === 1 && !shard ? final[0] : final,
    paths,
    ...(context.wantHistograms
      ? {
          histogramGrid: { ...DEFAULT_GRID, quantileResolution: quantileResolution(DEFAULT_GRID) },
          histograms,
        }
      : {}),
    warnings: resolved.warnings,
  };
  io.stdout(network ? networkSummaryTable(records, resolved) : summaryTable(records, resolved));
  if (networkBlock) {
    const adapter = (context.adapter['adapter'] as { label?: string } | undefined)?.label;
    io.stdout(throughputLine(networkBlock, resolved.trajectories, adapter ?? 'cpu'));
  }
  const lastStep = records.at(-1)?.step;
  const last = records.filter((r) => r.step === lastStep);
  const diverged = last.reduce((s, r) => s + r.diverged, 0);
  if (diverged > 0)
    io.stderr(
      `adamscope run: ${diverged} trajectories diverged (non-finite); excluded from the statistics`,
    );
  const files: OutputFile[] = [
    ...(config.out !== undefined
      ? [{ flag: '--out', path: config.out, data: JSON.stringify(result, null, 2) + '\n' }]
      : []),
    ...(config.csv !== undefined
      ? [{ flag: '--csv', path: config.csv, data: recordsCsv(records) }]
      : []),
  ];
  if (run.stopped && context.interruptCheckpoint !== undefined) {
    const meta: CheckpointMeta = { command: 'run', version: VERSION, config, records, histograms };
    files.push({
      flag: config.checkpoint !== undefined ? '--checkpoint' : '--out',
      path: context.interruptCheckpoint,
      data: encodeCheckpoint(await ensemble.exportState(), meta),
    });
  } else if (!run.stopped && config.checkpoint !== undefined) {
    // The final state, so that a finished run can be extended or inspected.
    const meta: CheckpointMeta = { command: 'run', version: VERSION, config, records, histograms };
    files.push({
      flag: '--checkpoint',
      path: config.checkpoint,
      data: encodeCheckpoint(await ensemble.exportState(), meta),
    });
  }
  writeFilesAtomically(files);
  if (run.stopped) {
    const resume =
      context.interruptCheckpoint !== undefined
        ? `; continue with: adamscope run --resume ${context.interruptCheckpoint}${config.out !== undefined ? ` --out ${config.out}` : ''}`
        : '; give --checkpoint FILE (or --out) to be able to continue an interrupted run';
    io.stderr(
      `adamscope run: interrupted by ${interrupt.signal ?? 'a signal'} at step ${run.step} of ${config.steps}${files.length ? `; wrote ${files.map((f) => f.path).join(', ')}` : ''}${resume}`,
    );
  }
  // A result without any finite statistic is an error, never a silent success.
  const empty = last.filter((r) => r.count === 0 || !Number.isFinite(r.F.mean));
  if (empty.length > 0 && !run.stopped) {
    io.stderr(
      `adamscope run: no finite statistic at step ${lastStep}: ${empty.map((r) => `group ${r.group} (γ = ${groups.find((g) => g.group === r.group)?.gamma}) has ${r.count} live of ${resolved.groupSize} trajectories`).join('; ')} — every trajectory diverged; try a smaller --gamma`,
    );
    return 1;
  }
  return interrupt.signal ? exitStatusOf(interrupt.signal) : 0;
}

function summaryTable(records: readonly EnsembleRecord[], resolved: ResolvedEnsemble): string {
  const rows = [];
  const groupIds = [...new Set(records.map((r) => r.group))];
  for (const g of groupIds) {
    for (const r of sample(
      records.filter((x) => x.group === g),
      8,
    )) {
      rows.push([
        resolved.totalGroups > 1 ? `${g}` : '',
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
