import type { Summary } from '../stats/summary.ts';

/** Statistics of one metric over the live trajectories of a group. */
export interface MetricStats {
  mean: number;
  std: number;
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

/** One record of one hyperparameter group (the CLI serialises these). */
export interface EnsembleRecord {
  group: number;
  step: number;
  /** Physical time t = Σ γ_k (n γ for a constant step). */
  t: number;
  F: MetricStats;
  gradNorm: MetricStats;
  dist: MetricStats;
  /** Trajectories of the group that diverged (non-finite state or metrics), excluded above. */
  diverged: number;
  /** Live trajectories counted. */
  count: number;
  /**
   * Network problems (mlp, logistic) only: the accuracy on the held-out test split, over the
   * same live trajectories (F is then the training loss and dist = ‖∇F‖).
   */
  accuracy?: MetricStats;
}

/** Per-coordinate mean and (population) variance of x over the live trajectories of a group. */
export interface FinalMoments {
  group: number;
  xMean: number[];
  xVar: number[];
  /** Live trajectories counted. */
  count: number;
}

/** The quantile probabilities of a record, in `MetricStats` order. */
export const RECORD_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** `MetricStats` from a reducer `Summary` (population standard deviation). */
export function metricStats(summary: Summary): MetricStats {
  const q = (i: number) => summary.quantiles[i]?.value ?? NaN;
  return {
    mean: summary.mean,
    std: Math.sqrt(summary.variance),
    q05: q(0),
    q25: q(1),
    q50: q(2),
    q75: q(3),
    q95: q(4),
  };
}
