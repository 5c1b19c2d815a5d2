import type { EnsembleRecord, ResolvedEnsemble } from '../ensemble/index.ts';
import { isNetworkProblem, sampleGradientRate } from '../ensemble/networkEnsemble.ts';
import type { NetworkProblem } from '../problems/network/network.ts';
import { sample, table } from './output.ts';

/** The network of a run, or undefined for the other problems. */
export function runNetwork(resolved: ResolvedEnsemble): NetworkProblem | undefined {
  return isNetworkProblem(resolved.problem) ? resolved.problem : undefined;
}

/**
 * The summary table of a training ensemble: training loss F (median, 5/95 %), ‖∇F‖ median,
 * test accuracy (median, 5/95 %) and the diverged count, per group.
 */
export function networkSummaryTable(
  records: readonly EnsembleRecord[],
  resolved: ResolvedEnsemble,
): string {
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
        r.F.q50,
        r.F.q05,
        r.F.q95,
        r.gradNorm.q50,
        r.accuracy?.q50 ?? NaN,
        r.accuracy?.q05 ?? NaN,
        r.accuracy?.q95 ?? NaN,
        r.diverged,
      ]);
    }
  }
  return table(
    [
      'group',
      'step',
      'loss median',
      'loss q05',
      'loss q95',
      '|∇F| median',
      'test acc median',
      'acc q05',
      'acc q95',
      'diverged',
    ],
    rows,
  );
}

/** Accuracy of always predicting the most frequent class of the train split, on the test split. */
export function chanceAccuracy(problem: NetworkProblem): number {
  const { train, test } = problem.data;
  const counts = new Array<number>(train.classes).fill(0);
  for (const label of train.labels) counts[label] = (counts[label] ?? 0) + 1;
  const majority = counts.indexOf(Math.max(...counts));
  let hits = 0;
  for (const label of test.labels) if (label === majority) hits++;
  return test.count > 0 ? hits / test.count : NaN;
}

/** The `network` block of a run's JSON result (the data, the network and the throughput). */
export function networkResult(
  problem: NetworkProblem,
  resolved: ResolvedEnsemble,
  steps: number,
  stepSeconds: number,
) {
  return {
    model: problem.name,
    widths: [...problem.architecture.widths],
    dimension: problem.dimension,
    batch: problem.batch,
    dataset: problem.data.train.name,
    trainCount: problem.data.train.count,
    testCount: problem.data.test.count,
    chanceAccuracy: chanceAccuracy(problem),
    stepsTimed: steps,
    stepSeconds,
    sampleGradientsPerSecond: sampleGradientRate(
      resolved.trajectories,
      steps,
      problem.batch,
      stepSeconds,
    ),
  };
}

/** The throughput line of `adamscope run` on a network problem. */
export function throughputLine(
  result: ReturnType<typeof networkResult>,
  trajectories: number,
  adapter: string,
): string {
  const rate = result.sampleGradientsPerSecond;
  const text = Number.isFinite(rate) ? rate.toPrecision(3) : 'n/a';
  return `throughput: ${text} per-sample gradient evaluations/s (N × steps × B / s = ${trajectories} × ${result.stepsTimed} × ${result.batch} / ${result.stepSeconds.toFixed(3)} s of steps, records excluded; ${adapter}); chance accuracy (majority class) ${result.chanceAccuracy.toFixed(3)}`;
}
