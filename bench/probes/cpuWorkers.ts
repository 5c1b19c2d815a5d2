/**
 * Probe (not part of the suite): the `cpu` backend on one thread against `workers: 'auto'` (and
 * an explicit count), interleaved A/B round by round in one Node process so that a change of
 * machine load hits both alike. Per round and variant: one advance of `--steps` steps of ADAM
 * on quadratic-diag (the peer workload), wall time and this process's CPU time (all its
 * threads); "cores used" = CPU time ÷ wall time, the share of the machine the process got. The
 * states of all variants are compared bit for bit at the end.
 *
 *   npx tsx bench/probes/cpuWorkers.ts [--n 16384] [--d 100] [--steps 16] [--rounds 6] [--workers 2]
 *
 * docs/performance.md reports its output.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { CpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '16384' },
    d: { type: 'string', default: '100' },
    steps: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '6' },
    workers: { type: 'string', default: '2' },
  },
});
const N = Number(values.n);
const d = Number(values.d);
const steps = Number(values.steps);
const rounds = Number(values.rounds);

const config: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: d, lambdaMin: 0.01, lambdaMax: 1, sigma: 1 },
  optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
  trajectories: N,
  seed: 'bench',
  x0: 1,
  recordEvery: 1 << 30,
};
const variants: Record<string, CpuEnsemble> = {
  'one thread (workers: 1)': CpuEnsemble.create({ ...config, workers: 1 }),
  "workers: 'auto'": CpuEnsemble.create({ ...config, workers: 'auto' }),
  [`workers: ${values.workers}`]: CpuEnsemble.create({
    ...config,
    workers: Number(values.workers),
  }),
};
for (const e of Object.values(variants)) await e.advance(2); // worker start, warm-up
const wall: Record<string, number[]> = Object.fromEntries(
  Object.keys(variants).map((k) => [k, []]),
);
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const loads: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternate the order every round (A B C, C B A, …).
  const names = Object.keys(variants);
  if (r % 2 === 1) names.reverse();
  for (const name of names) {
    const e = variants[name];
    if (!e) continue;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await e.advance(steps);
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    wall[name]?.push((N * d * steps) / seconds);
    cpu[name]?.push((N * d * steps) / ((c.user + c.system) / 1e6));
  }
  loads.push(loadavg()[0] ?? NaN);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const M = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;
console.log(
  `N = ${N}, d = ${d}, ${steps} steps per measurement, ${rounds} rounds, ${availableParallelism()} cores, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
const base = median(wall['one thread (workers: 1)'] ?? []);
for (const name of Object.keys(variants)) {
  const xs = wall[name] ?? [];
  console.log(
    `${name.padEnd(24)} wall median ${M(median(xs))}  range ${M(Math.min(...xs))} – ${M(Math.max(...xs))}  / one thread ${(median(xs) / base).toFixed(2)}   per CPU-second of the process ${M(median(cpu[name] ?? []))}  cores used ${(median(xs) / median(cpu[name] ?? [])).toFixed(2)}`,
  );
}
const states = await Promise.all(Object.values(variants).map((e) => e.readTrajectory(N - 1)));
const same = states.every((s) => JSON.stringify(s) === JSON.stringify(states[0]));
console.log(`states of the last trajectory equal bit for bit across variants: ${same}`);
for (const e of Object.values(variants)) e.destroy();
