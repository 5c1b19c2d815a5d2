/**
 * Back-to-back throughput of the ensemble step kernel with each generator, and of the minimal
 * fused kernel (src/bench/minimalKernel.ts), on ADAM × quadratic-diag d = 100, N = 16384, in
 * one process, variants interleaved, median of REPEATS (docs/numerics.md, "Random generators:
 * Threefry4x32-20"). On SwiftShader these are CPU numbers, not GPU performance.
 * Usage: npx tsx scripts/rng-bench.ts [steps=64] [repeats=3] [trajectories=16384]
 */
import { timeMinimalAdam } from '../src/bench/minimalKernel.ts';
import { GpuEnsemble, type EnsembleConfig } from '../src/ensemble/index.ts';
import { openGpuSession } from '../src/node/index.ts';
import { RANDOM_GENERATORS, type RandomGenerator } from '../src/random/generator.ts';

const steps = Number(process.argv[2] ?? 64);
const repeats = Number(process.argv[3] ?? 3);
const trajectories = Number(process.argv[4] ?? 16384);
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

async function engine(rng: RandomGenerator): Promise<number> {
  const ensemble = await GpuEnsemble.create(session, config(rng));
  try {
    await ensemble.advance(64);
    await ensemble.synchronize();
    const start = performance.now();
    await ensemble.advance(steps);
    await ensemble.synchronize();
    return (trajectories * dimension * steps) / ((performance.now() - start) / 1000);
  } finally {
    ensemble.destroy();
  }
}

async function minimal(rng: RandomGenerator): Promise<number> {
  return (await timeMinimalAdam(session, { trajectories, dimension, steps, rng }))
    .coordUpdatesPerSecond;
}

const variants = RANDOM_GENERATORS.flatMap((rng) => [
  { name: `engine ${rng}`, run: () => engine(rng) },
  { name: `minimal ${rng}`, run: () => minimal(rng) },
]);
const rates = new Map<string, number[]>(variants.map((v) => [v.name, []]));
for (let r = 0; r < repeats; r++)
  for (const v of r % 2 === 0 ? variants : [...variants].reverse())
    rates.get(v.name)?.push(await v.run());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(
  `ADAM quadratic-diag d=${dimension} N=${trajectories}, ${steps} timed steps, median of ${repeats} on ${session.adapter.label}`,
);
for (const [name, xs] of rates)
  console.log(
    `${name.padEnd(18)} ${(median(xs) / 1e6).toFixed(2)} M coord-updates/s  (runs: ${xs.map((x) => (x / 1e6).toFixed(2)).join(', ')})`,
  );
process.exit(0);
