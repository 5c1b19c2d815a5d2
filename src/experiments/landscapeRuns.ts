import { CpuBackend, type Backend } from '../backend/index.ts';
import type { EnsembleConfig } from '../ensemble/config.ts';
import { recordPositionSnapshots } from '../ensemble/positionSnapshots.ts';
import { networkStorageShortfall } from '../ensemble/networkEnsemble.ts';
import { createEnsemble } from '../ensemble/run.ts';
import type { NetworkProblem } from '../problems/network/index.ts';
import { projectOntoPlane } from './landscapeGrid.ts';
import { networkProblemSpecOf, type NetworkParams } from './networkCommon.ts';

/** What the landscape needs of its parameters to run the training runs. */
export interface TrainingRunParams extends NetworkParams {
  trainingRuns: number;
  gamma: number;
  alpha: number;
  beta: number;
  epsilon: number;
  T: number;
  seed: number | string;
}

/** Snapshots per run at most (the ODE paths have 101 output times). */
export const TRAINING_SNAPSHOTS = 100;

/** The training runs of the landscape, projected onto its plane. */
export interface LandscapeTrainingRuns {
  backend: 'webgpu' | 'cpu';
  /** ADAM steps of every run (n γ = T). */
  steps: number;
  /** Steps between two snapshots. */
  every: number;
  /** Seconds of the runs (stepping and the snapshots' copies and read back). */
  seconds: number;
  /** The snapshot steps (0, every, …, steps). */
  snapshotSteps: number[];
  /** Why the runs are on the cpu backend although a GPU session was given (else undefined). */
  fallback?: string;
  /** Per run: the projected path (least squares in the (u, v) basis) and the relative off-plane distance. */
  projected: { a: number[]; b: number[]; offPlane: number[] }[];
  /** Per run: F at the start and the end (float64 twin at the run's weights), test accuracy, off-plane distances. */
  runs: {
    run: number;
    initialLoss: number;
    finalLoss: number;
    testAccuracy: number;
    startOffPlane: number;
    maxOffPlane: number;
    divergedAtStep: number | null;
  }[];
}

/**
 * `trainingRuns` ADAM training runs (the ensemble engine, on `backend`: the GPU network
 * kernel or the float64 twin) from the seeded initialisations 0 … trainingRuns − 1, the same
 * ones as the ODE paths (run k starts at `initialWeights(key, k)`), with a = (1 − α)/γ,
 * b = (1 − β)/γ, ε and the problem's mini-batch B, for n = round(T/γ) steps (the ODE's time
 * T). Their weights are kept every `every` steps on the device (recordPositionSnapshots: one
 * snapshot buffer, read back once) and projected onto the plane c + a u + b v.
 */
export async function landscapeTrainingRuns(
  p: TrainingRunParams,
  problem: NetworkProblem,
  backend: Backend,
  plane: { centre: Float64Array; u: Float64Array; v: Float64Array },
): Promise<LandscapeTrainingRuns | undefined> {
  if (p.trainingRuns <= 0) return undefined;
  const steps = Math.max(1, Math.round(p.T / p.gamma));
  const every = Math.max(1, Math.ceil(steps / TRAINING_SNAPSHOTS));
  const config: EnsembleConfig = {
    problem: networkProblemSpecOf(p),
    optimizer: {
      name: 'adam',
      gamma: p.gamma,
      a: (1 - p.alpha) / p.gamma,
      b: (1 - p.beta) / p.gamma,
      epsilon: p.epsilon,
    },
    trajectories: p.trainingRuns,
    seed: p.seed,
    x0: 0,
  };
  let fallback: string | undefined;
  let engine: Backend = backend;
  if (backend.kind === 'webgpu') {
    const shortfall = networkStorageShortfall(await backend.device());
    if (shortfall !== undefined) {
      fallback = `the training runs use the cpu backend (float64 twin, the same runs): ${shortfall}`;
      engine = new CpuBackend();
    }
  }
  const started = performance.now();
  const ensemble = await createEnsemble(config, engine);
  let snapshots;
  try {
    snapshots = await recordPositionSnapshots(ensemble, p.trainingRuns, steps, every);
  } finally {
    ensemble.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const projected = snapshots.x.map((path) =>
    projectOntoPlane(path, plane.centre, plane.u, plane.v),
  );
  const runs = snapshots.x.map((path, k) => {
    const first = path[0] ?? plane.centre;
    const last = path.at(-1) ?? plane.centre;
    const offPlane = projected[k]?.offPlane ?? [NaN];
    return {
      run: k,
      initialLoss: problem.value(first),
      finalLoss: problem.value(last),
      testAccuracy: problem.accuracy(last, 'test'),
      startOffPlane: offPlane[0] ?? NaN,
      maxOffPlane: Math.max(...offPlane),
      divergedAtStep: snapshots.divergedAtStep[k] ?? null,
    };
  });
  return {
    backend: ensemble.backend,
    steps,
    every,
    seconds,
    snapshotSteps: snapshots.steps,
    projected,
    runs,
    ...(fallback === undefined ? {} : { fallback }),
  };
}
