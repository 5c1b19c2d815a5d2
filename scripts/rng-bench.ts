/**
 * Back-to-back throughput of the ensemble step kernel with each generator, and of the minimal
 * fused kernel (src/bench/minimalKernel.ts), on ADAM × quadratic-diag d = 100, N = 16384, in
 * one process, variants interleaved, median of REPEATS (docs/numerics.md, "Random generators:
 * Threefry4x32-20"). On SwiftShader these are CPU numbers, not GPU performance; besides the wall
 * rate it reports the rate per CPU-second of this process (process.cpuUsage: SwiftShader's
 * worker threads included), which is far less sensitive to other processes on a shared machine.
 * Usage: npx tsx scripts/rng-bench.ts [steps=64] [repeats=3] [trajectories=16384] [name filter]
 */
import { timeMinimalAdam } from '../src/bench/minimalKernel.ts';
import { GpuEnsemble, type EnsembleConfig } from '../src/ensemble/index.ts';
import { openGpuSession } from '../src/node/index.ts';
import { RANDOM_GENERATORS, type RandomGenerator } from '../src/random/generator.ts';

const steps = Number(process.argv[2] ?? 64);
const repeats = Number(process.argv[3] ?? 3);
const trajectories = Number(process.argv[4] ?? 16384);
const filter = new RegExp(process.argv[5] ?? '.');
const dimension = 100;
const session = await openGpuSession();

function config(rng: RandomGenerator): EnsembleConfig {
  return {
    problem: { name: 'quadratic-diag', dimension, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
    optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
    trajectories,
    seed: 'bench',
    x0: 1,
    stepsPerDispatch: 64,
    recordEvery: 1 << 30,
    rng,
  };
}

interface Rate {
  wall: number;
  cpu: number;
}

/** Wall and CPU rates of `timed` (N · d · steps per second). */
async function measure(timed: () => Promise<void>): Promise<Rate> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await timed();
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu0);
  const work = trajectories * dimension * steps;
  return { wall: work / wall, cpu: work / ((used.user + used.system) / 1e6) };
}

async function engine(rng: RandomGenerator): Promise<Rate> {
  const ensemble = await GpuEnsemble.create(session, config(rng));
  try {
    await ensemble.advance(64);
    await ensemble.synchronize();
    return await measure(async () => {
      await ensemble.advance(steps);
      await ensemble.synchronize();
    });
  } finally {
    ensemble.destroy();
  }
}

async function minimal(
  rng: RandomGenerator,
  checkFinite = false,
  runtimeVariant = false,
  lambdaPerStep = false,
): Promise<Rate> {
  // The runner times only its own steps; the CPU time here also covers its warm-up dispatch,
  // so it is measured as two runs: warm-up + steps minus warm-up alone.
  const options = { trajectories, dimension, rng, checkFinite, runtimeVariant, lambdaPerStep };
  const both = await measureCpu(() => timeMinimalAdam(session, { ...options, steps }));
  const warm = await measureCpu(() => timeMinimalAdam(session, { ...options, steps: 0 }));
  const work = trajectories * dimension * steps;
  return { wall: both.result.coordUpdatesPerSecond, cpu: work / (both.cpu - warm.cpu) };
}

async function measureCpu<T>(run: () => Promise<T>): Promise<{ result: T; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu0);
  return { result, cpu: (used.user + used.system) / 1e6 };
}

const variants = RANDOM_GENERATORS.flatMap((rng) => [
  { name: `engine ${rng}`, run: () => engine(rng) },
  { name: `minimal ${rng}`, run: () => minimal(rng) },
  { name: `minimal ${rng} +finite`, run: () => minimal(rng, true) },
  { name: `minimal ${rng} +branch`, run: () => minimal(rng, false, true) },
  { name: `minimal ${rng} +lambda`, run: () => minimal(rng, false, false, true) },
]).filter((v) => filter.test(v.name));
const rates = new Map<string, Rate[]>(variants.map((v) => [v.name, []]));
for (let r = 0; r < repeats; r++)
  for (const v of r % 2 === 0 ? variants : [...variants].reverse())
    rates.get(v.name)?.push(await v.run());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `ADAM quadratic-diag d=${dimension} N=${trajectories}, ${steps} timed steps, median of ${repeats} on ${session.adapter.label}`,
);
const m = (x: number) => (x / 1e6).toFixed(2);
for (const [name, xs] of rates) {
  const wall = xs.map((x) => x.wall);
  const cpu = xs.map((x) => x.cpu);
  console.log(
    `${name.padEnd(18)} wall ${m(median(wall))} M coord-updates/s (runs ${wall.map(m).join(', ')}); per CPU-second ${m(median(cpu))} M (runs ${cpu.map(m).join(', ')})`,
  );
}
process.exit(0);
