import { CpuBackend } from '../backend/index.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { OdeConfig, OdeMethod } from '../ode/config.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import { createProblem, type ProblemSpec } from '../problems/index.ts';
import { timeIt, type BenchRow } from './report.ts';

/** The workloads of `adamscope bench ode`: the paper's 2-d problem and a 100-d quadratic. */
const WORKLOADS: { label: string; spec: ProblemSpec }[] = [
  { label: 'regression2d', spec: { name: 'regression2d' } },
  { label: 'quadratic-diag d=100', spec: { name: 'quadratic-diag', dimension: 100 } },
];
const METHODS: OdeMethod[] = ['rk4', 'dopri5'];

/** Sizes: GPU cloud sizes, the CPU cloud size of each workload, the final time. */
interface OdeBenchSizes {
  gpu: number[];
  cpu: Record<string, number>;
  finalTime: number;
}

const FULL: OdeBenchSizes = {
  gpu: [1024, 16384, 65536],
  cpu: { regression2d: 256, 'quadratic-diag d=100': 16 },
  finalTime: 0.5,
};
const QUICK: OdeBenchSizes = {
  gpu: [64],
  cpu: { regression2d: 4, 'quadratic-diag d=100': 2 },
  finalTime: 0.1,
};

/** Trajectory-steps of one solve: fixed steps × N, or every dopri5 attempt (accepted + rejected). */
function trajectorySteps(r: Awaited<ReturnType<typeof integrateOde>>): number {
  let total = 0;
  r.stepCounts.accepted.forEach((a, i) => (total += a + (r.stepCounts.rejected[i] ?? 0)));
  return total;
}

/** One timed solve after a warm-up solve of a small cloud (pipeline compilation, first buffers). */
async function measure(
  config: OdeConfig,
  backend: Parameters<typeof integrateOde>[1],
): Promise<{ rate: number; seconds: number }> {
  const warmUp = { ...config, cloud: { ...(config.cloud ?? { spread: 0, seed: 0 }), count: 4 } };
  let steps = 0;
  let calls = 0;
  // timeIt's first (untimed) call is the warm-up: run it on the small cloud.
  const seconds = await timeIt(
    async () => {
      const r = await integrateOde(calls++ === 0 ? warmUp : config, backend);
      steps = trajectorySteps(r);
    },
    0,
    1,
  );
  return { rate: steps / seconds, seconds };
}

/**
 * ODE throughput in trajectory-steps per second (one step = one RK4 step or one Dormand–Prince
 * attempt of one trajectory, all coordinates), debiased ADAM from a Gaussian cloud, one output
 * time, no records read back and no statistics: the solve itself plus its dispatch loop. The
 * cpu backend (float64, one trajectory after the other) runs at a smaller N; its row gives
 * the webgpu ÷ cpu ratio at the smallest GPU size.
 */
export async function benchOde(
  session: GpuSession | undefined,
  quick: boolean,
  progress: (fraction: number) => void = () => {},
): Promise<BenchRow[]> {
  let done = 0;
  const sizes = quick ? QUICK : FULL;
  const rows: BenchRow[] = [];
  for (const workload of WORKLOADS) {
    const problem = createProblem(workload.spec);
    for (const method of METHODS) {
      const config = (count: number): OdeConfig => ({
        problem,
        ode: 'adam',
        a: 2,
        b: 1,
        epsilon: 1e-8,
        x0: new Array<number>(problem.dimension).fill(1),
        cloud: { count, spread: 0.5, seed: 'bench' },
        finalTime: sizes.finalTime,
        method,
        dt: sizes.finalTime / 20,
        rtol: 1e-4,
        atol: 1e-6,
        outputTimes: [sizes.finalTime],
        statistics: false,
        readRecords: false,
      });
      let gpuRate: number | undefined;
      for (const count of session ? sizes.gpu : []) {
        if (!session) break;
        const m = await measure(config(count), session);
        gpuRate ??= m.rate;
        rows.push({
          workload: `${method} ${workload.label}, N=${count}`,
          backend: 'webgpu',
          unit: 'trajectory-steps/s',
          ...m,
        });
      }
      const cpuCount = sizes.cpu[workload.label] ?? 4;
      const m = await measure(config(cpuCount), new CpuBackend());
      const ratio =
        gpuRate !== undefined ? ` (webgpu/cpu ${(gpuRate / m.rate).toPrecision(3)}x)` : '';
      rows.push({
        workload: `${method} ${workload.label}, N=${cpuCount}${ratio}`,
        backend: 'cpu',
        unit: 'trajectory-steps/s',
        ...m,
      });
      progress(++done / (WORKLOADS.length * METHODS.length));
    }
  }
  return rows;
}
