import { readFileSync } from 'node:fs';
import type { EnsembleRecord, FinalMoments, MetricStats } from '../../ensemble/index.ts';
import { CliError, OutputError, ParameterError } from '../../errors.ts';
import { checkOutputPaths, writeFilesAtomically, type OutputFile } from '../../node/files.ts';
import {
  addHistograms,
  DEFAULT_GRID,
  histogramQuantile,
  quantileResolution,
  type LogGrid,
  type SparseHistogram,
} from '../../stats/logHistogram.ts';
import type { CliCommand } from '../command.ts';
import { recordsCsv, VERSION } from '../output.ts';
import type { RecordHistograms } from './run.ts';

/**
 * `adamscope merge`: the result of a whole run from the JSON of its shards (`run
 * --trajectory-range A:B` or `--gamma-index G`). Counts and diverged counts add exactly;
 * means and variances combine by the parallel formulas of Chan et al.; quantiles come from
 * the sum of the shards' histograms on the shared grid (src/stats/logHistogram.ts), to its
 * stated resolution; final per-coordinate moments combine like the means.
 */

interface ShardJson {
  config: Record<string, unknown>;
  seed: unknown;
  /** The generator (absent in runs older than `--rng`: Philox). */
  rng?: string;
  version: string;
  adapter: { backend?: string; adapter?: { label?: string } };
  shard?: { first: number; end: number; trajectories: number; groups: number };
  interrupted?: boolean;
  effective?: { optimizer?: string; preset?: string; groups?: { group: number }[] };
  groups: { group: number; gamma: number; hyper: unknown; tEnd: number }[];
  records: EnsembleRecord[];
  final: FinalMoments | FinalMoments[];
  paths: { trajectory: number; steps: number[]; x: number[][] }[];
  histogramGrid?: LogGrid & { quantileResolution?: unknown };
  histograms?: RecordHistograms[];
  warnings?: string[];
}

/** Fields of a run config that differ between the shards of one run. */
const SHARD_FIELDS = [
  'trajectoryRange',
  'gammaIndex',
  'out',
  'csv',
  'checkpoint',
  'checkpointEvery',
  'histograms',
];

const METRICS = ['F', 'gradNorm', 'dist'] as const;
const QUANTILES: [keyof MetricStats, number][] = [
  ['q05', 0.05],
  ['q25', 0.25],
  ['q50', 0.5],
  ['q75', 0.75],
  ['q95', 0.95],
];

function readShard(path: string): ShardJson {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ParameterError(
      'shard file',
      path,
      `a readable JSON result of adamscope run (${(error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))})`,
      { typed: path },
    );
  }
  const json = data as Partial<ShardJson> | null;
  if (!json || typeof json !== 'object' || !json.config || !Array.isArray(json.records))
    throw new ParameterError('shard file', path, 'the JSON of adamscope run --out', {
      typed: path,
    });
  if (!json.shard || !json.histograms || !json.histogramGrid)
    throw new ParameterError(
      'shard file',
      path,
      'the JSON of a shard (adamscope run --trajectory-range A:B or --gamma-index G: it carries histograms)',
      { typed: path },
    );
  if (json.interrupted)
    throw new ParameterError(
      'shard file',
      path,
      'a complete shard (this one was interrupted: continue it with --resume, then merge)',
      { typed: path },
    );
  return json as ShardJson;
}

/** (count, mean, population variance) of two parts -> of their union (Chan et al.). */
function combine(
  a: { n: number; mean: number; m2: number },
  b: { n: number; mean: number; m2: number },
): { n: number; mean: number; m2: number } {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

function sameConfig(a: Record<string, unknown>, b: Record<string, unknown>): string | undefined {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    // The backend is compared on what ran (adapter.backend), not on whether it was named.
    if (SHARD_FIELDS.includes(key) || key === 'backend') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return key;
  }
  return undefined;
}

/** Merges shard results (see above); throws ParameterError when they are not one run's shards. */
export function mergeShards(files: readonly string[], shards: readonly ShardJson[]) {
  const first = shards[0];
  if (!first)
    throw new CliError(
      'adamscope merge: give the shard files: adamscope merge A.json B.json … --out all.json',
    );
  const grid = first.histogramGrid ?? DEFAULT_GRID;
  shards.forEach((s, i) => {
    const differs = sameConfig(first.config, s.config);
    if (differs !== undefined)
      throw new ParameterError(
        'shard file',
        files[i],
        `a shard of the same run as ${files[0]} (field "${differs}" differs: ${JSON.stringify(first.config[differs])} vs ${JSON.stringify(s.config[differs])})`,
        { typed: files[i] },
      );
    if (s.adapter.backend !== first.adapter.backend)
      throw new ParameterError(
        'shard file',
        files[i],
        `a shard of the ${first.adapter.backend} backend like ${files[0]} (float32 and float64 runs do not combine)`,
        { typed: files[i] },
      );
    const g = s.histogramGrid;
    if (!g || g.lo !== grid.lo || g.hi !== grid.hi || g.perDecade !== grid.perDecade)
      throw new ParameterError('shard file', files[i], `histograms on the grid of ${files[0]}`, {
        typed: files[i],
      });
  });
  const total = first.shard?.trajectories ?? 0;
  // The shards must tile [0, N) exactly.
  const ranges = shards
    .map((s, i) => ({ first: s.shard?.first ?? 0, end: s.shard?.end ?? 0, file: files[i] ?? '' }))
    .sort((a, b) => a.first - b.first);
  const listing = ranges.map((r) => `${r.file} ${r.first}:${r.end}`).join(', ');
  const refuse = (reason: string): never => {
    throw new ParameterError('shard files', files, reason, {
      message: `invalid shard files: ${reason} (shards: ${listing})`,
    });
  };
  for (let i = 1; i < ranges.length; i++) {
    const before = ranges[i - 1];
    const here = ranges[i];
    if (before && here && here.first < before.end)
      refuse(
        `trajectories ${here.first} … ${Math.min(before.end, here.end) - 1} are in two shards (${before.file}, ${here.file})`,
      );
  }
  let covered = 0;
  for (const r of ranges) {
    if (r.first > covered)
      refuse(`trajectories ${covered} … ${r.first - 1} of the ${total} are missing`);
    covered = r.end;
  }
  if (covered !== total)
    refuse(`trajectories ${covered} … ${total - 1} of the ${total} are missing`);

  // Records: per (group, step), the parts of every shard that holds that group.
  const key = (group: number, step: number) => `${group}:${step}`;
  const parts = new Map<string, { record: EnsembleRecord; histograms: RecordHistograms }[]>();
  shards.forEach((s, i) => {
    for (const record of s.records) {
      const h = s.histograms?.find((x) => x.group === record.group && x.step === record.step);
      if (!h)
        throw new ParameterError(
          'shard file',
          files[i],
          `histograms for every record (group ${record.group}, step ${record.step} has none)`,
          { typed: files[i] },
        );
      const k = key(record.group, record.step);
      const list = parts.get(k) ?? [];
      list.push({ record, histograms: h });
      parts.set(k, list);
    }
  });
  const records: EnsembleRecord[] = [];
  const histograms: RecordHistograms[] = [];
  for (const list of parts.values()) {
    const head = list[0];
    if (!head) continue;
    const { group, step, t } = head.record;
    const merged = { group, step, t } as EnsembleRecord;
    const h = { group, step } as RecordHistograms;
    for (const metric of METRICS) {
      let acc = { n: 0, mean: 0, m2: 0 };
      for (const { record } of list) {
        const n = record.count;
        const s = record[metric];
        // JSON writes NaN as null: an empty part contributes nothing.
        if (n > 0) acc = combine(acc, { n, mean: Number(s.mean), m2: Number(s.std) ** 2 * n });
      }
      const sum: SparseHistogram = addHistograms(list.map((p) => p.histograms[metric]));
      h[metric] = sum;
      const stats = {
        mean: acc.n > 0 ? acc.mean : NaN,
        std: acc.n > 0 ? Math.sqrt(acc.m2 / acc.n) : NaN,
      } as MetricStats;
      for (const [name, p] of QUANTILES) stats[name] = histogramQuantile(grid, sum, p);
      merged[metric] = stats;
    }
    merged.diverged = list.reduce((s, p) => s + p.record.diverged, 0);
    merged.count = list.reduce((s, p) => s + p.record.count, 0);
    records.push(merged);
    histograms.push(h);
  }
  const order = (a: { step: number; group: number }, b: { step: number; group: number }) =>
    a.step - b.step || a.group - b.group;
  records.sort(order);
  histograms.sort(order);

  // Final moments per group.
  const finals = new Map<number, FinalMoments[]>();
  for (const s of shards)
    for (const f of Array.isArray(s.final) ? s.final : [s.final])
      finals.set(f.group, [...(finals.get(f.group) ?? []), f]);
  const final = [...finals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([group, list]) => {
      const d = list[0]?.xMean.length ?? 0;
      const xMean: number[] = [];
      const xVar: number[] = [];
      let count = 0;
      for (let c = 0; c < d; c++) {
        let acc = { n: 0, mean: 0, m2: 0 };
        for (const f of list)
          if (f.count > 0)
            acc = combine(acc, {
              n: f.count,
              mean: Number(f.xMean[c]),
              m2: Number(f.xVar[c]) * f.count,
            });
        xMean.push(acc.n > 0 ? acc.mean : NaN);
        xVar.push(acc.n > 0 ? acc.m2 / acc.n : NaN);
        count = acc.n;
      }
      return { group, xMean, xVar, count };
    });
  const groups = [
    ...new Map(shards.flatMap((s) => s.groups).map((g) => [g.group, g])).values(),
  ].sort((a, b) => a.group - b.group);
  const effectiveGroups = [
    ...new Map(shards.flatMap((s) => s.effective?.groups ?? []).map((g) => [g.group, g])).values(),
  ].sort((a, b) => a.group - b.group);
  const config = { ...first.config };
  for (const field of SHARD_FIELDS) delete config[field];
  return {
    config,
    seed: first.seed,
    rng: first.rng ?? 'philox',
    version: VERSION,
    merged: {
      shards: ranges.map((r) => ({ file: r.file, first: r.first, end: r.end })),
      versions: [...new Set(shards.map((s) => s.version))],
      adapters: [
        ...new Set(shards.map((s) => s.adapter.adapter?.label ?? s.adapter.backend ?? '')),
      ],
      method:
        'counts and diverged counts add; means and standard deviations by the parallel (Chan) formulas; quantiles from the summed histograms',
    },
    adapter: first.adapter,
    effective: { ...first.effective, groups: effectiveGroups },
    groups,
    records,
    final: final.length === 1 ? final[0] : final,
    paths: shards.flatMap((s) => s.paths).sort((a, b) => a.trajectory - b.trajectory),
    histogramGrid: { ...grid, quantileResolution: quantileResolution(grid) },
    histograms,
    warnings: [...new Set(shards.flatMap((s) => s.warnings ?? []))],
  };
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary:
    'combine the JSON of shards of one run (run --trajectory-range / --gamma-index) into the result of the whole run',
  options: {
    csv: {
      type: 'string',
      description: 'also write the merged records as CSV',
      valueHint: 'FILE.csv',
      rule: 'a writable file path',
    },
  },
  positionals: Number.MAX_SAFE_INTEGER,
  globals: ['out'],
  help: {
    usage: 'adamscope merge SHARD.json [SHARD.json …] --out ALL.json [--csv ALL.csv]',
    notes: [
      'Counts add exactly; means and standard deviations combine by the parallel (Chan) formulas;',
      `quantiles come from the summed histograms: within a factor 10^(±1/${2 * DEFAULT_GRID.perDecade}) (${(100 * quantileResolution(DEFAULT_GRID).relative).toFixed(2)} %) of the`,
      `whole run's type-1 quantile, or within ${quantileResolution(DEFAULT_GRID).absolute} of 0. The shards must tile 0 … N-1.`,
    ],
    examples: [
      'adamscope merge shard-0.json shard-1.json shard-2.json shard-3.json --out all.json',
    ],
  },
  async run(values, io, positionals) {
    if (positionals.length === 0)
      throw new ParameterError('shard files', [], 'one or more shard JSON files', {
        message:
          'invalid shard files: none given; allowed one or more JSON results of run --trajectory-range or --gamma-index (adamscope merge A.json B.json … --out all.json)',
      });
    const out = typeof values['out'] === 'string' ? values['out'] : undefined;
    const csv = typeof values['csv'] === 'string' ? values['csv'] : undefined;
    if (out === undefined && csv === undefined)
      throw new ParameterError('--out', undefined, 'a file for the merged JSON (--out ALL.json)', {
        missing: true,
      });
    checkOutputPaths([
      ...(out !== undefined ? [{ flag: '--out', path: out }] : []),
      ...(csv !== undefined ? [{ flag: '--csv', path: csv }] : []),
    ]);
    for (const p of positionals)
      if (out !== undefined && p === out)
        throw new OutputError('--out', out, 'is also a shard file to merge');
    const shards = positionals.map(readShard);
    const merged = mergeShards(positionals, shards);
    const files: OutputFile[] = [
      ...(out !== undefined
        ? [
            {
              flag: '--out',
              path: out,
              data: JSON.stringify({ command: io.commandLine ?? [], ...merged }, null, 2) + '\n',
            },
          ]
        : []),
      ...(csv !== undefined
        ? [{ flag: '--csv', path: csv, data: recordsCsv(merged.records) }]
        : []),
    ];
    writeFilesAtomically(files);
    const n =
      merged.final === undefined ? 0 : Array.isArray(merged.final) ? merged.final.length : 1;
    io.stdout(
      `merged ${shards.length} shards (${merged.merged.shards.map((s) => `${s.first}:${s.end}`).join(', ')}) into ${merged.records.length} records of ${n} group(s)${out ? `: ${out}` : ''}`,
    );
    return 0;
  },
};
