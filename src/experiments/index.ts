import type { Experiment } from './types.ts';
import { weakConvergenceExperiment } from './weakConvergence.ts';
import { ergodicExperiment } from './ergodic.ts';
import { reddiExperiment } from './reddi.ts';
import { saddleExperiment } from './saddle.ts';
import { decreasingStepExperiment } from './decreasingStep.ts';
import { lyapunovExperiment } from './lyapunov.ts';
import { ratesExperiment } from './rates.ts';
import { debiasingExperiment } from './debiasing.ts';
import { autonomousVsDebiasedExperiment } from './autonomousVsDebiased.ts';
import { landscapeExperiment } from './landscapeExperiment.ts';
import { networkOdeExperiment } from './networkOdeExperiment.ts';

export type {
  Experiment,
  ExperimentContext,
  ExperimentFigure,
  ExperimentOutcome,
  FlagKind,
} from './types.ts';
export { reportJson, reportMarkdown, markdownTable, type ReportMeta } from './report.ts';

/** Every experiment of the theorem lab, in the order of the theorem-lab issue (docs/math.md section 5). */
export const EXPERIMENTS: Experiment[] = [
  weakConvergenceExperiment,
  ergodicExperiment,
  lyapunovExperiment,
  debiasingExperiment,
  autonomousVsDebiasedExperiment,
  ratesExperiment,
  decreasingStepExperiment,
  saddleExperiment,
  reddiExperiment,
  landscapeExperiment,
  networkOdeExperiment,
];

/** The experiment called `name`, or undefined. */
export function findExperiment(name: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.name === name);
}
