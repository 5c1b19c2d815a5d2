import { InterruptedError, ParameterError } from '../../errors.ts';
import { checkOutputPaths, writeFilesAtomically } from '../../node/files.ts';
import { resolveOdeConfig, type OdeConfig } from '../../ode/config.ts';
import { integrateOde } from '../../ode/integrateOde.ts';
import { estimateOdeMemory } from '../../ode/result.ts';
import type { OdeResult } from '../../ode/result.ts';
import {
  ODE_SCALAR_FIELDS,
  statsFromSummary,
  summarizeOde,
  type OdeStats,
} from '../../ode/summarizeOde.ts';
import { summarize } from '../../stats/summary.ts';
import type { CliCommand } from '../command.ts';
import { cliNaming, collectConfig, rewordParameterError, validateSources } from '../config.ts';
import { exitStatusOf, Interrupt } from '../interrupt.ts';
import { checkMemory, memoryLimits, withDeviceMemoryScope } from '../limits.ts';
import type { ParsedOptions } from '../options.ts';
import { progressMode, ProgressReporter } from '../progress.ts';
import {
  checkOdeApplicability,
  ODE_FLAGS,
  odeFieldOf,
  ODE_OPTION_SPECS,
  OdeCliSchema,
  odeEngineConfig,
  type OdeCliConfig,
} from '../odeConfig.ts';
import { sample, table, VERSION } from '../output.ts';
import { describeBackend } from './info.ts';

/** Per-trajectory step counts and records are written in full up to this many trajectories. */
const PER_TRAJECTORY_MAX = 64;

/** Reads `--config` (if any) and the flags over it, validated by one schema. */
export function readOdeConfig(values: ParsedOptions): { config: OdeCliConfig; engine: OdeConfig } {
  const sources = collectConfig(values, { ...ODE_FLAGS, backend: 'string', out: 'string' });
  const config = validateSources(OdeCliSchema, sources);
  checkOdeApplicability(config, cliNaming(sources));
  try {
    const engine = odeEngineConfig(config);
    resolveOdeConfig(engine);
    return { config, engine };
  } catch (error) {
    if (error instanceof ParameterError) throw rewordParameterError(error, sources, odeFieldOf);
    throw error;
  }
}

/** `adamscope ode`: integrate a limit ODE from one point or a cloud; F, V, ‖m‖, ... over time. */
export const odeCommand: CliCommand = {
  name: 'ode',
  summary:
    'integrate a limit ODE of ADAM (one initial point or a cloud) and record F, V, ‖m‖, dist',
  options: ODE_OPTION_SPECS,
  help: {
    examples: [
      'adamscope ode --problem regression2d --ode adam --a 1 --b 1 --T 10 --method dopri5 --x0-cloud 1024 --spread 0.5 --out ode.json',
    ],
  },
  async run(values, io) {
    const interrupt = io.interrupt ?? new Interrupt();
    const mode = progressMode(values, io.stderrIsTTY ?? false);
    const { config, engine: engineConfig } = readOdeConfig(values);
    checkOutputPaths([
      ...(config.out !== undefined ? [{ flag: '--out', path: config.out }] : []),
      ...(config.csv !== undefined ? [{ flag: '--csv', path: config.csv }] : []),
    ]);
    const cloud = engineConfig.cloud !== undefined;
    const n = engineConfig.cloud?.count ?? 1;
    const k = engineConfig.outputTimes?.length ?? 101;
    const d = createProblemDimension(engineConfig);
    const backendName = config.backend ?? 'webgpu';
    const sizeFlag = {
      flag: '--x0-cloud',
      value: n,
      typed: values['x0-cloud'] === undefined ? undefined : String(values['x0-cloud']),
      what: `initial points (d = ${d}, ${k} output times) on the ${backendName} backend`,
    };
    const estimate = (kind: 'webgpu' | 'cpu') =>
      estimateOdeMemory(n, k, d, kind, { readRecords: !cloud, statistics: n > 1 });
    if (backendName === 'cpu') checkMemory(estimate('cpu'), memoryLimits('cpu'), sizeFlag);
    const backend = await io.openBackend(backendName, config.backend !== undefined);
    checkMemory(estimate(backend.kind), memoryLimits(backend), sizeFlag);
    const progress = new ProgressReporter(
      mode,
      { write: (text) => (io.stderrRaw ? io.stderrRaw(text) : io.stderr(text.replace(/\n$/, ''))) },
      { label: 'ode', total: 1000, unit: '‰', rates: [] },
    );
    let result: OdeResult;
    try {
      result = await withDeviceMemoryScope(backend, `the ODE solve of ${n} trajectories`, () =>
        integrateOde({ ...engineConfig, readRecords: !cloud }, backend, {
          signal: interrupt.abortSignal,
          onProgress: (fraction) => progress.update(Math.round(1000 * fraction)),
        }),
      );
    } catch (error) {
      progress.finish(error instanceof InterruptedError ? 'interrupted' : 'failed');
      throw error;
    }
    progress.finish();
    for (const warning of result.warnings) io.stderr(`adamscope ode: warning: ${warning}`);
    const json = odeJson(config, result, describeBackend(backend), io.commandLine ?? []);
    io.stdout(summaryTable(json));
    const failed = result.status.filter((s) => s !== 'done').length;
    if (failed > 0)
      io.stderr(
        `adamscope ode: ${failed} trajectories stopped early (${[...new Set(result.status)].join(', ')}); their records are NaN`,
      );
    writeFilesAtomically([
      ...(config.out !== undefined
        ? [{ flag: '--out', path: config.out, data: JSON.stringify(json, null, 2) + '\n' }]
        : []),
      ...(config.csv !== undefined
        ? [{ flag: '--csv', path: config.csv, data: odeCsv(json) }]
        : []),
    ]);
    // No finite statistic at the final time: an error, never a silent success.
    const lastF = json.F.at(-1);
    const finalValue = typeof lastF === 'number' ? lastF : lastF?.mean;
    if (finalValue === undefined || !Number.isFinite(finalValue)) {
      io.stderr(
        `adamscope ode: no finite F at t = ${json.times.at(-1)}: ${failed} of ${json.trajectories} solves stopped early (${Object.entries(
          json.status,
        )
          .map(([s, c]) => `${s}: ${c}`)
          .join(', ')})`,
      );
      return 1;
    }
    return interrupt.signal ? exitStatusOf(interrupt.signal) : 0;
  },
};

function createProblemDimension(config: OdeConfig): number {
  return config.problem.dimension;
}

/** Per-time values: numbers for one initial point, statistics objects for a cloud. */
type Series = number[] | OdeStats[];

interface OdeJson {
  command: readonly string[];
  config: OdeCliConfig;
  /** The coefficients and solver settings that ran, after defaults. */
  effective: Record<string, unknown>;
  adapter: Record<string, unknown>;
  version: string;
  problem: { name: string; dimension: number };
  ode: string;
  method: string;
  trajectories: number;
  times: number[];
  F: Series;
  V: Series;
  mNorm: Series;
  vGap: Series;
  dist: Series;
  x?: number[][];
  m?: number[][];
  v?: number[][];
  steps: {
    accepted?: number[];
    rejected?: number[];
    summary: { accepted: StepSummary; rejected: StepSummary };
  };
  status: Record<string, number>;
  warnings: string[];
}

interface StepSummary extends OdeStats {
  min: number;
  max: number;
  total: number;
}

function stepSummary(counts: Uint32Array): StepSummary {
  const s = summarize(counts);
  return { ...statsFromSummary(s), min: s.min, max: s.max, total: s.sum };
}

/** The JSON result (documented in docs/architecture.md, "ODE engine"). */
export function odeJson(
  config: OdeCliConfig,
  result: OdeResult,
  adapter: Record<string, unknown>,
  command: readonly string[] = [],
): OdeJson {
  const n = result.trajectoryCount;
  const d = result.dimension;
  const k = result.times.length;
  const single = config.x0Cloud === undefined;
  const series = {} as Record<(typeof ODE_SCALAR_FIELDS)[number], Series>;
  const stats = single ? undefined : summarizeOde(result);
  for (const field of ODE_SCALAR_FIELDS)
    series[field] = stats ? stats[field] : Array.from(result.records[field].subarray(0, k));
  const state = (values: Float64Array | undefined) =>
    values && single && values.length >= k * d
      ? Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, j * d + d)))
      : undefined;
  const status: Record<string, number> = {};
  for (const s of result.status) status[s] = (status[s] ?? 0) + 1;
  const x = state(result.records.x);
  const m = state(result.records.m);
  const v = state(result.records.v);
  const r = result.config;
  return {
    command,
    config,
    effective: {
      ode: r.ode,
      a: r.coefficients.a,
      b: r.coefficients.b,
      epsilon: r.coefficients.epsilon,
      ...(r.ode === 'heavy-ball' ? { lambda: r.coefficients.lambda } : {}),
      ...(config.gamma !== undefined
        ? { gamma: config.gamma, alpha: config.alpha ?? 0.9, beta: config.beta ?? 0.999 }
        : {}),
      method: r.method,
      finalTime: r.finalTime,
      ...(r.method === 'dopri5' ? { rtol: r.rtol, atol: r.atol } : { dt: r.dt }),
      maxSteps: r.maxSteps,
    },
    adapter,
    version: VERSION,
    problem: { name: result.config.problem.name, dimension: d },
    ode: result.config.ode,
    method: result.config.method,
    trajectories: n,
    times: Array.from(result.times),
    ...series,
    ...(x && m && v ? { x, m, v } : {}),
    steps: {
      ...(n <= PER_TRAJECTORY_MAX
        ? {
            accepted: Array.from(result.stepCounts.accepted),
            rejected: Array.from(result.stepCounts.rejected),
          }
        : {}),
      summary: {
        accepted: stepSummary(result.stepCounts.accepted),
        rejected: stepSummary(result.stepCounts.rejected),
      },
    },
    status,
    warnings: result.warnings,
  };
}

const value = (s: Series, j: number, key: keyof OdeStats = 'mean'): number => {
  const entry = s[j];
  return typeof entry === 'number' ? entry : (entry?.[key] ?? Number.NaN);
};

function summaryTable(json: OdeJson): string {
  const single = json.trajectories === 1 || json.config.x0Cloud === undefined;
  const rows = sample(
    json.times.map((t, j) => ({ t, j })),
    11,
  ).map(({ t, j }) =>
    single
      ? [
          t,
          value(json.F, j),
          value(json.V, j),
          value(json.mNorm, j),
          value(json.vGap, j),
          value(json.dist, j),
        ]
      : [
          t,
          value(json.F, j),
          value(json.F, j, 'q50'),
          value(json.V, j),
          value(json.mNorm, j),
          value(json.vGap, j),
          value(json.dist, j),
          value(json.dist, j, 'q95'),
        ],
  );
  const header = single
    ? ['t', 'F', 'V', '‖m‖', '‖v - S‖', 'dist']
    : ['t', 'F mean', 'F median', 'V mean', '‖m‖ mean', '‖v - S‖ mean', 'dist mean', 'dist q95'];
  const s = json.steps.summary;
  return [
    `${json.ode} on ${json.problem.name} (d = ${json.problem.dimension}), ${json.method}, ${json.trajectories} trajectories`,
    table(
      header.map(String),
      rows.map((r) => r.map((c) => (typeof c === 'number' ? c : String(c)))),
    ),
    `steps per trajectory: accepted mean ${s.accepted.mean.toPrecision(4)} (min ${s.accepted.min}, max ${s.accepted.max}), rejected mean ${s.rejected.mean.toPrecision(4)}`,
  ].join('\n');
}

/** CSV: one row per output time; columns field (one point) or field_stat (cloud). */
export function odeCsv(json: OdeJson): string {
  const keys: (keyof OdeStats)[] = ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'];
  const cloud = json.config.x0Cloud !== undefined;
  const header = [
    't',
    ...ODE_SCALAR_FIELDS.flatMap((f) => (cloud ? keys.map((key) => `${f}_${key}`) : [f])),
    ...(json.x ? (json.x[0]?.map((_, i) => `x_${i}`) ?? []) : []),
  ];
  const rows = json.times.map((t, j) => [
    t,
    ...ODE_SCALAR_FIELDS.flatMap((f) =>
      cloud ? keys.map((key) => value(json[f], j, key)) : [value(json[f], j)],
    ),
    ...(json.x?.[j] ?? []),
  ]);
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
