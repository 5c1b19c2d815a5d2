import { ParameterError } from '../../errors.ts';
import { integrateOde } from '../../ode/integrateOde.ts';
import type { OdeResult } from '../../ode/result.ts';
import {
  ODE_SCALAR_FIELDS,
  statsFromSummary,
  summarizeOde,
  type OdeStats,
} from '../../ode/summarizeOde.ts';
import { summarize } from '../../stats/summary.ts';
import type { CliCommand } from '../command.ts';
import { flagsToConfig, readConfigFile, validateConfig } from '../config.ts';
import {
  flagError,
  ODE_FLAGS,
  ODE_OPTION_SPECS,
  OdeCliSchema,
  odeEngineConfig,
  type OdeCliConfig,
} from '../odeConfig.ts';
import { sample, table, VERSION, writeText } from '../output.ts';
import { describeBackend } from './info.ts';

/** Per-trajectory step counts and records are written in full up to this many trajectories. */
const PER_TRAJECTORY_MAX = 64;

/** Reads `--config` (if any) and the flags over it, validated by one schema. */
export async function readOdeConfig(
  values: Record<string, string | boolean | undefined>,
): Promise<OdeCliConfig> {
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  const fileConfig = file ? await readConfigFile(file) : {};
  const flags = flagsToConfig(values, {
    ...ODE_FLAGS,
    seed: 'string',
    backend: 'string',
    out: 'string',
  });
  delete flags['config'];
  if (typeof flags['seed'] === 'string' && Number.isFinite(Number(flags['seed'])))
    flags['seed'] = Number(flags['seed']);
  return validateConfig(
    OdeCliSchema,
    { ...fileConfig, ...flags },
    { file, fromFlags: new Set(Object.keys(flags)) },
  );
}

/** `adamscope ode`: integrate a limit ODE from one point or a cloud; F, V, ‖m‖, ... over time. */
export const odeCommand: CliCommand = {
  name: 'ode',
  summary:
    'integrate a limit ODE of ADAM (one initial point or a cloud) and record F, V, ‖m‖, dist',
  options: ODE_OPTION_SPECS,
  async run(values, io) {
    const config = await readOdeConfig(values);
    let engineConfig;
    try {
      engineConfig = odeEngineConfig(config);
    } catch (error) {
      throw error instanceof ParameterError ? flagError(error) : error;
    }
    const backend = await io.openBackend(config.backend ?? 'webgpu', config.backend !== undefined);
    const cloud = engineConfig.cloud !== undefined;
    let result: OdeResult;
    try {
      result = await integrateOde({ ...engineConfig, readRecords: !cloud }, backend);
    } catch (error) {
      throw error instanceof ParameterError ? flagError(error) : error;
    }
    for (const warning of result.warnings) io.stderr(`adamscope ode: warning: ${warning}`);
    const json = odeJson(config, result, describeBackend(backend));
    io.stdout(summaryTable(json));
    const failed = result.status.filter((s) => s !== 'done').length;
    if (failed > 0)
      io.stderr(
        `adamscope ode: ${failed} trajectories stopped early (${[...new Set(result.status)].join(', ')}); their records are NaN`,
      );
    if (config.out) await writeText(config.out, JSON.stringify(json, null, 2) + '\n');
    if (config.csv) await writeText(config.csv, odeCsv(json));
    return 0;
  },
};

/** Per-time values: numbers for one initial point, statistics objects for a cloud. */
type Series = number[] | OdeStats[];

interface OdeJson {
  config: OdeCliConfig;
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
  return {
    config,
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
