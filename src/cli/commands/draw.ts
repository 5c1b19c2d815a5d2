import { ParameterError } from '../../errors.ts';
import { checkOutputPath } from '../../node/files.ts';
import { drawRandomValues } from '../../kernels/randomDraws.ts';
import { seedKey } from '../../random/distributions.ts';
import { lawDistance, type LawDistance } from '../../stats/goodnessOfFit.ts';
import { summarize } from '../../stats/summary.ts';
import type { CliCommand } from '../command.ts';
import { backendOption, type ParsedOptions } from '../options.ts';
import { table } from '../output.ts';
import { describeBackend } from './info.ts';

/** The laws `draw` compares its values with (the random-streams figure's, in its order). */
export const DRAW_DISTRIBUTIONS = ['uniform', 'normal', 'bernoulli'] as const;
type Distribution = (typeof DRAW_DISTRIBUTIONS)[number];

/** Largest --n: 2^24 float32 values are 64 MiB, under WebGPU's default storage binding size. */
export const MAX_DRAWS = 2 ** 24;

/** One distribution's draws, summarised. */
export interface DrawSummary {
  distribution: Distribution;
  n: number;
  /** Bernoulli parameter (bernoulli only). */
  p?: number;
  mean: number;
  variance: number;
  distance: LawDistance;
  /** Whether the distance is at most its 5 % critical value. */
  belowCritical: boolean;
}

function distributionsOf(values: ParsedOptions): Distribution[] {
  const raw = values['distribution'];
  if (raw === undefined) return [...DRAW_DISTRIBUTIONS];
  const allowed = `a comma list of ${DRAW_DISTRIBUTIONS.join('|')}`;
  const names = String(raw).split(',');
  const unknown = names.find((n) => !(DRAW_DISTRIBUTIONS as readonly string[]).includes(n));
  if (unknown !== undefined || new Set(names).size !== names.length)
    throw new ParameterError('--distribution', raw, `${allowed}, each at most once`, {
      typed: String(raw),
    });
  return names as Distribution[];
}

function countOf(values: ParsedOptions): number {
  const raw = values['n'];
  if (raw === undefined) return 65536;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 4 || n > MAX_DRAWS)
    throw new ParameterError('--n', raw, `an integer in [4, ${MAX_DRAWS}]`, { typed: String(raw) });
  return n;
}

function probabilityOf(values: ParsedOptions): number {
  const raw = values['p'];
  if (raw === undefined) return 0.5;
  const p = Number(raw);
  if (!(p > 0 && p < 1))
    throw new ParameterError('--p', raw, 'a number in (0, 1)', { typed: String(raw) });
  return p;
}

/**
 * `adamscope draw`: n draws of the counter-based generator (Philox4x32-10, trajectory 0, step 0,
 * the stream of the random-streams figure) made on the backend (the WGSL RandomFill kernel, or
 * its float64 twin on the cpu backend), with their mean, variance and distance to their law:
 * the numbers the random-streams page shows for the same seed and n.
 */
export const drawCommand: CliCommand = {
  name: 'draw',
  summary:
    'draw n numbers of the generator (uniform, normal, Bernoulli) and measure their distance to the law',
  options: {
    distribution: {
      type: 'string',
      description: 'the laws drawn',
      valueHint: DRAW_DISTRIBUTIONS.join(','),
      rule: `a comma list of ${DRAW_DISTRIBUTIONS.join('|')}`,
      defaultText: DRAW_DISTRIBUTIONS.join(','),
    },
    n: {
      type: 'string',
      description: 'draws per law (a multiple of 4 is drawn on the GPU; the tail is dropped)',
      valueHint: 'N',
      rule: `an integer in [4, ${MAX_DRAWS}]`,
      defaultText: '65536',
    },
    p: {
      type: 'string',
      description: 'Bernoulli parameter p',
      valueHint: 'P',
      rule: 'a number in (0, 1)',
      defaultText: '0.5',
    },
  },
  globals: ['backend', 'seed', 'out'],
  help: {
    notes: [
      'The same seed and n give the numbers of the gallery page random.html?seed=SEED&n=N.',
      'Uniform and normal: the Kolmogorov–Smirnov distance and its asymptotic 5 % critical value',
      '1.358/√n; Bernoulli: |p̂ − p| and 1.96·√(p(1 − p)/n).',
    ],
    examples: ['adamscope draw --n 65536 --seed 42 --p 0.3 --out draws.json'],
  },
  async run(values, io) {
    const distributions = distributionsOf(values);
    const n = countOf(values);
    const p = probabilityOf(values);
    if (values['p'] !== undefined && !distributions.includes('bernoulli'))
      throw new ParameterError('--p', values['p'], 'only with --distribution bernoulli', {
        typed: String(values['p']),
      });
    const seed = typeof values['seed'] === 'string' ? values['seed'] : '1';
    if (typeof values['out'] === 'string') checkOutputPath('--out', values['out']);
    const { backend: name, explicit } = backendOption(values);
    const backend = await io.openBackend(name, explicit);
    const key = seedKey(seed);
    const draws: DrawSummary[] = [];
    for (const distribution of distributions) {
      const drawn = await drawRandomValues(backend, { key, distribution, count: n, p });
      const distance = lawDistance(distribution, drawn, p);
      // The float64 reference summary (compensated sums; population variance).
      const { mean, variance } = summarize(drawn, { quantiles: [] });
      draws.push({
        distribution,
        n,
        ...(distribution === 'bernoulli' ? { p } : {}),
        mean,
        variance,
        distance,
        belowCritical: distance.value <= distance.critical,
      });
    }
    io.stdout(
      `adamscope draw · ${backend.adapter.label} (${backend.kind}) · seed ${seed} · n = ${n}\n` +
        table(
          ['law', 'mean', 'variance', 'distance', 'value', '5 % critical', 'verdict'],
          draws.map((d) => [
            d.distribution === 'bernoulli' ? `bernoulli (p = ${p})` : d.distribution,
            d.mean,
            d.variance,
            d.distance.name,
            d.distance.value.toFixed(4),
            d.distance.critical.toFixed(4),
            d.belowCritical ? 'below' : 'above',
          ]),
        ),
    );
    await io.writeJson(values, {
      command: io.commandLine ?? [],
      seed,
      ...describeBackend(backend),
      draws,
    });
    return 0;
  },
};
