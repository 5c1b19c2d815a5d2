import type { EnsembleConfig } from '../ensemble/config.ts';
import { runEnsemble } from '../ensemble/run.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import { seedKey } from '../random/distributions.ts';
import { lineChartSvg } from './figures.ts';
import { networkProblemOf } from './networkCommon.ts';
import { seriesColor } from './odeCommon.ts';
import { markdownTable } from './report.ts';
import type { NetworkOdeParams } from './networkOdeExperiment.ts';
import type { ExperimentContext, ExperimentOutcome } from './types.ts';

/** The network-ode experiment's run (src/experiments/networkOdeExperiment.ts loads it on use). */
export async function runNetworkOdeExperiment(
  p: NetworkOdeParams,
  context: ExperimentContext,
): Promise<ExperimentOutcome> {
  const problem = networkProblemOf(p);
  const key = seedKey(p.seed);
  const points = Array.from({ length: p.trajectories }, (_, k) =>
    Array.from(problem.initialWeights(key, k)),
  );
  const steps = Math.max(1, Math.round(p.T / p.gamma));
  const recordEvery = Math.max(1, Math.round(steps / p.records));
  const a = (1 - p.alpha) / p.gamma;
  const b = (1 - p.beta) / p.gamma;
  const config = {
    problem: {
      name: problem.name,
      dataset: {
        name: p.dataset,
        ...(p.dataset === 'digits' ? {} : { samples: p.samples }),
        ...(p.noise === undefined ? {} : { noise: p.noise }),
        ...(p.labelNoise === undefined ? {} : { labelNoise: p.labelNoise }),
        dataSeed: p.dataSeed,
      },
      hidden: p.hidden,
      batch: p.batch,
      init: p.init,
    },
    optimizer: { name: 'adam', gamma: p.gamma, a, b, epsilon: p.epsilon },
    trajectories: p.trajectories,
    seed: p.seed,
    x0: 0,
    recordEvery,
  } as unknown as EnsembleConfig;
  let run;
  try {
    run = await runEnsemble(config, steps, context.backend);
  } catch (error) {
    throw new Error(
      `network-ode needs ensembles of network training runs from one x0 (the ensemble engine's network path, issue 11 item 3), which failed here: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  run.warnings.forEach((w) => context.warn(w));
  context.progress(0.7, 'ODE');
  const records = run.records.map((r) => r[0]).filter((r) => r !== undefined);
  const times = records.map((r) => r.t);
  const ode = await integrateOde(
    {
      problem,
      ode: 'adam',
      a,
      b,
      epsilon: p.epsilon,
      points,
      finalTime: Math.max(...times),
      method: 'rk4',
      dt: Math.min(0.01, p.gamma),
      outputTimes: times,
      readRecords: true,
      statistics: false,
    },
    context.backend,
  );
  const K = times.length;
  const median = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
    const m = sorted.length >> 1;
    return sorted.length % 2
      ? (sorted[m] ?? NaN)
      : ((sorted[m - 1] ?? NaN) + (sorted[m] ?? NaN)) / 2;
  };
  const odeMedian = times.map((_, j) =>
    median(Array.from({ length: p.trajectories }, (_, k) => ode.records.F[k * K + j] ?? NaN)),
  );
  const F0 = odeMedian[0] ?? NaN;
  const rows = records.map((r, j) => {
    const odeF = odeMedian[j] ?? NaN;
    const sigma = (r.F.q95 - r.F.q05) / 3.29;
    const sampling = (3 * 1.2533 * sigma) / Math.sqrt(p.trajectories);
    return { t: r.t, median: r.F.q50, ode: odeF, gap: Math.abs(r.F.q50 - odeF), sampling };
  });
  const excess = Math.max(...rows.map((r) => r.gap - r.sampling)) / F0;
  const supGap = Math.max(...rows.map((r) => r.gap));
  const verdict =
    excess <= p.tolerance
      ? `agrees: sup_j (|median F − F_ode| − 3·SE_j) = ${(excess * F0).toExponential(2)} ≤ ${p.tolerance}·F(x0)`
      : `DISAGREES: sup_j (|median F − F_ode| − 3·SE_j) = ${(excess * F0).toExponential(2)} > ${p.tolerance}·F(x0)`;
  return {
    results: { F0, supGap, excessRelative: excess, rows, steps, recordEvery },
    markdown: markdownTable(
      ['t', 'median F (runs)', 'median F (ODE)', '|gap|', '3·SE of the median'],
      rows
        .filter((_, j) => j % Math.max(1, Math.floor(rows.length / 12)) === 0)
        .map((r) => [r.t, r.median, r.ode, r.gap, r.sampling]),
    ),
    verdict,
    figures: [
      {
        name: 'network-ode',
        caption: `Training loss: median and 5-95 % band over ${p.trajectories} ADAM runs (γ = ${p.gamma}, B = ${p.batch}) and the median of F(x(t)) along the debiased ADAM ODE from the same N initial points.`,
        svg: lineChartSvg({
          title: `Network ADAM ODE vs ${p.trajectories} training runs`,
          subtitle: `${p.dataset} ${problem.architecture.widths.join('-')}, γ = ${p.gamma}, B = ${p.batch}`,
          xLabel: 't = nγ',
          yLabel: 'training loss F',
          bands: [
            {
              x: times,
              lower: records.map((r) => r.F.q05),
              upper: records.map((r) => r.F.q95),
              color: seriesColor(0),
              opacity: 0.15,
            },
          ],
          lines: [
            { x: times, y: odeMedian, label: 'ODE (3.3), median over x0', color: seriesColor(1) },
            {
              x: times,
              y: records.map((r) => r.F.q50),
              label: 'median of the runs',
              color: seriesColor(0),
              dash: [6, 3],
            },
          ],
        }),
      },
    ],
  };
}
