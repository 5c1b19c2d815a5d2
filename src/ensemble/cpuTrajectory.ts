import { normal4, Stream } from '../random/distributions.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import type { ResolvedEnsemble } from './config.ts';
import type { TrajectoryState } from './types.ts';
import { isNetworkProblem, networkInitialWeights } from './networkEnsemble.ts';

/** x of one trajectory at some steps. */
export interface TrajectoryPath {
  trajectory: number;
  steps: number[];
  x: number[][];
}

/**
 * x_0 of a trajectory (a local index; its draws are those of global trajectory
 * firstTrajectory + trajectory): project(x0 + spread·ζ), ζ from STREAM_INITIAL at stepIndex 0
 * (twin of ensemble_init.wgsl); for a network problem, the weights of its init scheme
 * (Glorot or He, src/ensemble/networkEnsemble.ts).
 */
export function initialTrajectoryState(
  resolved: ResolvedEnsemble,
  trajectory: number,
): OptimizerState {
  const { problem, initialSpread } = resolved;
  if (isNetworkProblem(problem))
    return optimizerOf(resolved, trajectory).init(networkInitialWeights(resolved, trajectory));
  const x = Float64Array.from(resolved.x0);
  if (initialSpread > 0) {
    for (let tile = 0; 4 * tile < problem.dimension; tile++) {
      const z = normal4(
        resolved.key,
        resolved.firstTrajectory + trajectory,
        0,
        tile,
        Stream.initial,
      );
      for (let lane = 0; lane < 4 && 4 * tile + lane < problem.dimension; lane++) {
        x[4 * tile + lane] = (x[4 * tile + lane] ?? 0) + initialSpread * (z[lane] ?? 0);
      }
    }
  }
  problem.project(x);
  return optimizerOf(resolved, trajectory).init(x);
}

/** The optimizer (hyperparameter group) of a trajectory. */
export function optimizerOf(resolved: ResolvedEnsemble, trajectory: number) {
  const optimizer = resolved.groups[Math.floor(trajectory / resolved.groupSize)];
  if (!optimizer) throw new Error(`trajectory ${trajectory} is outside the ensemble`);
  return optimizer;
}

function allFinite(state: OptimizerState): boolean {
  for (const v of [state.x, state.m, state.v])
    for (const value of v) if (!Number.isFinite(value)) return false;
  return true;
}

/**
 * Steps n = from + 1 … to of one trajectory in float64 (twin of ensemble_step.wgsl): gradient
 * at stepIndex n, optimizer update, projection; a non-finite state is not accepted and the
 * trajectory is frozen with `divergedAtStep = n`.
 */
export function advanceTrajectory(
  resolved: ResolvedEnsemble,
  trajectory: number,
  current: TrajectoryState,
  from: number,
  to: number,
): TrajectoryState {
  if (current.divergedAtStep !== undefined) return current;
  const optimizer = optimizerOf(resolved, trajectory);
  const { problem, key } = resolved;
  const global = resolved.firstTrajectory + trajectory;
  let state = current.state;
  for (let n = from + 1; n <= to; n++) {
    const g = problem.gradientSample(state.x, key, global, n);
    const next = optimizer.update(g, state, optimizer.hyper, n);
    problem.project(next.x);
    if (!allFinite(next)) return { state, divergedAtStep: n };
    state = next;
  }
  return { state, divergedAtStep: undefined };
}

/** Replays trajectory `i` from its initial point for `steps` steps, keeping x every `recordEvery` steps. */
export function replayTrajectory(
  resolved: ResolvedEnsemble,
  trajectory: number,
  steps: number,
  recordEvery = 0,
): TrajectoryPath & { final: TrajectoryState } {
  let current: TrajectoryState = {
    state: initialTrajectoryState(resolved, trajectory),
    divergedAtStep: undefined,
  };
  const path: TrajectoryPath = { trajectory, steps: [0], x: [Array.from(current.state.x)] };
  const every = recordEvery > 0 ? recordEvery : steps;
  for (let done = 0; done < steps;) {
    const next = Math.min(steps, done + every);
    current = advanceTrajectory(resolved, trajectory, current, done, next);
    done = next;
    if (recordEvery > 0) {
      path.steps.push(done);
      path.x.push(Array.from(current.state.x));
    }
  }
  return { ...path, final: current };
}
