import { CpuBackend, type Backend } from '../backend/index.ts';
import { createEnsemble, type EnsembleConfig } from '../ensemble/index.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { ProblemSpec } from '../problems/index.ts';
import type { BenchRow } from './report.ts';

/** One workload of the ensemble benchmark: ADAM on a problem, N trajectories of dimension d. */
interface Workload {
  problem: ProblemSpec;
  trajectories: number;
  /** Steps timed on the GPU (after a warm-up dispatch). */
  steps: number;
}

function config(w: Workload): EnsembleConfig {
  return {
    problem: w.problem,
    optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
    trajectories: w.trajectories,
    seed: 'bench',
    x0: 1,
    stepsPerDispatch: 64,
    recordEvery: 1 << 30,
  };
}

/** Times `steps` steps of a fresh ensemble (after one warm-up step); returns seconds. */
async function timeSteps(w: Workload, backend: Backend, steps: number): Promise<number> {
  const ensemble = await createEnsemble(config(w), backend);
  try {
    const sync = async () => {
      if (backend.kind === 'webgpu') await (await backend.device()).queue.onSubmittedWorkDone();
    };
    await ensemble.advance(1); // pipeline compilation and first dispatch
    await sync();
    const start = performance.now();
    await ensemble.advance(steps);
    await sync();
    return (performance.now() - start) / 1000;
  } finally {
    ensemble.destroy();
  }
}

/**
 * Coordinate-updates per second (N · d · steps / s) of ADAM, GPU against the float64 CPU
 * twin on the same problem and N (the CPU runs fewer steps: its rate is per step anyway).
 */
export async function benchEnsemble(
  session: GpuSession | undefined,
  quick: boolean,
  progress: (fraction: number) => void = () => {},
): Promise<BenchRow[]> {
  const diag = (d: number): ProblemSpec => ({
    name: 'quadratic-diag',
    dimension: d,
    lambdaMin: 0.01,
    lambdaMax: 1,
    sigma: 0.1,
  });
  const dense = (d: number): ProblemSpec => ({
    name: 'quadratic-dense',
    dimension: d,
    condition: 100,
    sigma: 0.1,
  });
  const workloads: Workload[] = quick
    ? [
        { problem: diag(100), trajectories: 256, steps: 64 },
        { problem: dense(32), trajectories: 16, steps: 16 },
      ]
    : [
        { problem: diag(100), trajectories: 1024, steps: 1024 },
        { problem: diag(100), trajectories: 16384, steps: 256 },
        { problem: diag(100), trajectories: 65536, steps: 128 },
        { problem: diag(100), trajectories: 262144, steps: 64 },
        { problem: dense(256), trajectories: 256, steps: 64 },
        { problem: dense(1024), trajectories: 64, steps: 16 },
      ];
  const rows: BenchRow[] = [];
  for (const w of workloads) {
    const d = ('dimension' in w.problem ? w.problem.dimension : undefined) ?? 2;
    const name = `adam ${w.problem.name} d=${d} N=${w.trajectories}`;
    let gpuRate: number | undefined;
    if (session) {
      const seconds = await timeSteps(w, session, w.steps);
      gpuRate = (w.trajectories * d * w.steps) / seconds;
      rows.push({
        workload: name,
        backend: 'webgpu',
        unit: 'coord-updates/s',
        rate: gpuRate,
        seconds,
      });
    }
    const cpuSteps = Math.max(
      1,
      Math.min(
        w.steps,
        Math.floor(2e6 / (w.trajectories * d * (w.problem.name === 'quadratic-dense' ? d : 1))),
      ),
    );
    const seconds = await timeSteps(w, new CpuBackend(), cpuSteps);
    const cpuRate = (w.trajectories * d * cpuSteps) / seconds;
    rows.push({
      workload: `${name}${gpuRate ? `  (gpu/cpu = ${(gpuRate / cpuRate).toPrecision(3)})` : ''}`,
      backend: 'cpu',
      unit: 'coord-updates/s',
      rate: cpuRate,
      seconds,
    });
    progress((workloads.indexOf(w) + 1) / workloads.length);
  }
  return rows;
}
