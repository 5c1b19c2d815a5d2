import type { ResolvedOdeConfig } from './config.ts';
import { projectedDerivative, projectState } from './constraint.ts';
import { solveDopri5, type SolveStatus } from './integrators/dopri5.ts';
import { solveFixedStep } from './integrators/fixedStep.ts';
import { observe } from './observe.ts';
import { allocateRecords, storeObservation, type OdeResult } from './result.ts';
import { createDerivative, initialState } from './rhs.ts';
import { ACTIVE_BLOCKS } from './systems.ts';

/** Progress and cancellation of a long integration (see `integrateOde`). */
export interface OdeRunOptions {
  /** Fraction of the work done in [0, 1] and the accepted steps so far (all trajectories). */
  onProgress?(fraction: number, acceptedSteps: number): void;
  /** Aborting stops at the next dispatch (webgpu) or trajectory (cpu) and throws its reason. */
  signal?: AbortSignal;
}

/** Lets the event loop run (signals, timers) about every 100 ms of a synchronous loop. */
export function yielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 100) return;
    await new Promise<void>((done) => setTimeout(done, 0));
    last = performance.now();
  };
}

/** The float64 CPU backend (test oracle and fallback): one trajectory after the other. */
export async function integrateOdeCpu(
  config: ResolvedOdeConfig,
  points: Float64Array,
  options: OdeRunOptions = {},
): Promise<OdeResult> {
  const pause = yielder();
  let acceptedSteps = 0;
  const { problem, ode, coefficients, outputTimes } = config;
  const d = problem.dimension;
  const n = points.length / d;
  const k = outputTimes.length;
  const records = allocateRecords(n, k, d);
  const accepted = new Uint32Array(n);
  const rejected = new Uint32Array(n);
  const status: SolveStatus[] = [];
  const bounds = problem.bounds;
  const field = createDerivative(ode, problem, coefficients);
  const f = bounds ? projectedDerivative(field, bounds, d) : field;
  const project = bounds ? (z: Float64Array) => projectState(z, bounds, d) : undefined;
  for (let traj = 0; traj < n; traj++) {
    if (options.signal || options.onProgress) {
      await pause();
      options.signal?.throwIfAborted();
      options.onProgress?.(traj / n, acceptedSteps);
    }
    const z0 = initialState(ode, problem, coefficients, points.subarray(traj * d, traj * d + d), {
      ...(config.velocity ? { velocity: config.velocity } : {}),
      ...(config.frozenV ? { frozenV: config.frozenV } : {}),
    });
    const emit = (index: number, z: Float64Array) =>
      storeObservation(
        records,
        traj * k + index,
        d,
        observe(ode, problem, coefficients, outputTimes[index] ?? 0, z),
      );
    if (config.method === 'dopri5') {
      const r = solveDopri5(
        f,
        z0,
        config.finalTime,
        outputTimes,
        {
          rtol: config.rtol,
          atol: config.atol,
          dtMin: config.dtMin,
          dtMax: config.dtMax,
          initialStep: config.dt,
          maxSteps: config.maxSteps,
          errorComponents: ACTIVE_BLOCKS[ode] * d,
          ...(project ? { project } : {}),
        },
        emit,
      );
      accepted[traj] = r.accepted;
      acceptedSteps += r.accepted;
      rejected[traj] = r.rejected;
      status.push(r.status);
    } else {
      accepted[traj] = solveFixedStep(
        config.method,
        f,
        z0,
        outputTimes,
        config.dt ?? 0,
        emit,
        project,
      );
      acceptedSteps += accepted[traj] ?? 0;
      status.push('done');
    }
  }
  options.onProgress?.(1, acceptedSteps);
  return {
    backend: 'cpu',
    times: outputTimes,
    trajectoryCount: n,
    dimension: d,
    records,
    recordsRead: true,
    stepCounts: { accepted, rejected },
    status,
    initialPoints: points,
    config,
    warnings: config.warnings,
  };
}
