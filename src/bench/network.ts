import { CpuBackend, type Backend } from '../backend/index.ts';
import { createEnsemble, type EnsembleConfig } from '../ensemble/index.ts';
import { sampleGradientRate } from '../ensemble/networkEnsemble.ts';
import type { GpuSession } from '../gpu/session.ts';
import { preloadDigits, type NetworkProblemSpec } from '../problems/network/index.ts';
import type { BenchRow } from './report.ts';

/** One workload: N ADAM trainings of a network, mini-batches of B, `steps` timed steps. */
interface NetworkWorkload {
  label: string;
  problem: NetworkProblemSpec;
  trajectories: number;
  steps: number;
}

function config(w: NetworkWorkload): EnsembleConfig {
  return {
    problem: w.problem,
    optimizer: { name: 'adam', gamma: 1e-3 },
    trajectories: w.trajectories,
    seed: 'bench',
    x0: 0,
    stepsPerDispatch: 16,
    recordEvery: 1 << 30,
  };
}

/** Times `steps` steps of a fresh ensemble after one warm-up step (pipelines compiled); seconds. */
async function timeSteps(w: NetworkWorkload, backend: Backend, steps: number): Promise<number> {
  const ensemble = await createEnsemble(config(w), backend);
  try {
    await ensemble.advance(1);
    await ensemble.synchronize();
    const start = performance.now();
    await ensemble.advance(steps);
    await ensemble.synchronize();
    return (performance.now() - start) / 1000;
  } finally {
    ensemble.destroy();
  }
}

/**
 * Per-sample gradient evaluations per second (N × steps × B / s: one forward and backward pass
 * of one sample for one trajectory) of ensembles of ADAM trainings, webgpu against the float64
 * cpu twin (fewer steps on the cpu: its rate is per step anyway). Records are not timed.
 */
export async function benchNetwork(
  session: GpuSession | undefined,
  quick: boolean,
  progress: (fraction: number) => void = () => {},
): Promise<BenchRow[]> {
  const moons = (batch: number): NetworkProblemSpec => ({
    name: 'mlp',
    dataset: { name: 'moons' },
    hidden: [16],
    batch,
  });
  await preloadDigits();
  const digits: NetworkProblemSpec = {
    name: 'mlp',
    dataset: { name: 'digits' },
    hidden: [32],
    batch: 32,
  };
  const workloads: NetworkWorkload[] = quick
    ? [{ label: 'moons 2-16-1 B=8', problem: moons(8), trajectories: 64, steps: 8 }]
    : [
        { label: 'moons 2-16-1 B=8', problem: moons(8), trajectories: 256, steps: 64 },
        { label: 'moons 2-16-1 B=8', problem: moons(8), trajectories: 4096, steps: 16 },
        { label: 'digits 64-32-10 B=32', problem: digits, trajectories: 256, steps: 8 },
      ];
  const rows: BenchRow[] = [];
  for (const w of workloads) {
    const batch = w.problem.batch ?? 1;
    const name = `adam ${w.label} N=${w.trajectories}`;
    let gpuRate: number | undefined;
    if (session) {
      const seconds = await timeSteps(w, session, w.steps);
      gpuRate = sampleGradientRate(w.trajectories, w.steps, batch, seconds);
      rows.push({
        workload: name,
        backend: 'webgpu',
        unit: 'sample-grads/s',
        rate: gpuRate,
        seconds,
      });
    }
    // About 2e5 per-sample gradients on the cpu (≈ a few seconds for the small networks).
    const cpuSteps = Math.max(1, Math.min(w.steps, Math.floor(2e5 / (w.trajectories * batch))));
    const seconds = await timeSteps(w, new CpuBackend(), cpuSteps);
    const cpuRate = sampleGradientRate(w.trajectories, cpuSteps, batch, seconds);
    rows.push({
      workload: `${name}${gpuRate ? `  (gpu/cpu = ${(gpuRate / cpuRate).toPrecision(3)})` : ''}`,
      backend: 'cpu',
      unit: 'sample-grads/s',
      rate: cpuRate,
      seconds,
    });
    progress((workloads.indexOf(w) + 1) / workloads.length);
  }
  return rows;
}
