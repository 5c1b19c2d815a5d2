/**
 * Throughput of the cpu backend against a plain TypeScript loop (Float32Array, sfc32 +
 * Box–Muller, ADAM) on quadratic-diag d = 100, back to back in one process, and where the
 * time of the fast path goes (Philox, Box–Muller, the ADAM update). Unit: coordinate-updates/s.
 *
 *   npx tsx scripts/cpu-backend-bench.ts [--repeats 5] [--workers 2]
 *
 * Timings on a shared machine are noisy: medians of the repeats, variants interleaved.
 */
import { CpuEnsemble, type EnsembleConfig } from '../src/ensemble/index.ts';
import { resolveEnsemble } from '../src/ensemble/config.ts';
import { advanceTrajectory, initialTrajectoryState } from '../src/ensemble/cpuTrajectory.ts';
import { blockBits, fillNormals, mulHiExact, philoxBlock } from '../src/ensemble/cpuRandom.ts';
import { philox4x32, mulHi32 } from '../src/random/philox.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const repeats = opt('repeats', 5);
const workers = opt('workers', 0);
const d = 100;

const config = (trajectories: number, extra: Partial<EnsembleConfig> = {}): EnsembleConfig => ({
  problem: { name: 'quadratic-diag', dimension: d, lambdaMin: 0.01, lambdaMax: 1, sigma: 1 },
  optimizer: { name: 'adam', gamma: 1e-3, alpha: 0.9, beta: 0.999 },
  trajectories,
  seed: 1,
  x0: 1,
  ...extra,
});

/** Seconds of wall time and of this process's CPU time (user + system) since `start()`. */
function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}
let lastCpuRate = NaN;
let lastParallelism = NaN;
/** Rate by wall time; the rate by CPU time is left in lastCpuRate. */
function rates(work: number, stop: () => { wall: number; cpu: number }): number {
  const { wall, cpu } = stop();
  lastCpuRate = work / cpu;
  lastParallelism = cpu / wall;
  return work / wall;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Today's path: advanceTrajectory per trajectory (pure update, new arrays every step). */
function referenceRate(n: number, steps: number): number {
  const resolved = resolveEnsemble(config(n));
  const states = Array.from({ length: n }, (_, i) => ({
    state: initialTrajectoryState(resolved, i),
    divergedAtStep: undefined,
  }));
  const stop = clock();
  for (let i = 0; i < n; i++) {
    const state = states[i];
    if (state) advanceTrajectory(resolved, i, state, 0, steps);
  }
  return rates(n * d * steps, stop);
}

async function fastRate(n: number, steps: number, extra: Partial<EnsembleConfig> = {}) {
  const ensemble = CpuEnsemble.create(config(n, extra));
  await ensemble.advance(2); // warm-up (and workers started)
  const stop = clock();
  await ensemble.advance(steps);
  const rate = rates(n * d * steps, stop);
  ensemble.destroy();
  return rate;
}

/** The obvious hand-written loop: Float32Array state, sfc32 + Box–Muller, ADAM. */
function plainLoopRate(n: number, steps: number): number {
  const x = new Float32Array(n * d).fill(1);
  const m = new Float32Array(n * d);
  const v = new Float32Array(n * d);
  const lambda = new Float32Array(d).map((_, i) => 0.01 * 100 ** (i / (d - 1)));
  let a = 1, b = 2, c = 3, e = 4; // prettier-ignore
  const sfc32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    e >>>= 0; // prettier-ignore
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    e = (e + 1) | 0;
    t = (t + e) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const gamma = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8, sigma = 1; // prettier-ignore
  const stop = clock();
  for (let s = 1; s <= steps; s++) {
    const c1 = 1 - b1 ** s;
    const c2 = 1 - b2 ** s;
    for (let k = 0; k < n; k++) {
      const o = k * d;
      for (let i = 0; i < d; i += 2) {
        const u1 = sfc32() || 1e-12;
        const u2 = sfc32();
        const r = Math.sqrt(-2 * Math.log(u1));
        const z0 = r * Math.cos(2 * Math.PI * u2);
        const z1 = r * Math.sin(2 * Math.PI * u2);
        for (let j = 0; j < 2; j++) {
          const q = o + i + j;
          const xq = x[q] as number;
          const g = (lambda[i + j] as number) * xq + sigma * (j === 0 ? z0 : z1);
          const mq = b1 * (m[q] as number) + (1 - b1) * g;
          const vq = b2 * (v[q] as number) + (1 - b2) * g * g;
          m[q] = mq;
          v[q] = vq;
          x[q] = xq - (gamma * (mq / c1)) / (Math.sqrt(vq / c2) + eps);
        }
      }
    }
  }
  const rate = rates(n * d * steps, stop);
  if (!Number.isFinite(x[0] as number)) throw new Error('plain loop diverged');
  return rate;
}

/**
 * Pieces of the fast path: CPU nanoseconds per value (per quarter of a Philox block), best of
 * 5 runs after a warm-up.
 */
function pieces(blocks: number): Record<string, string> {
  const key = [123, 456] as const;
  let sink = 0;
  const out = new Uint32Array(4);
  const z = new Float64Array(d + 4);
  const cases: [string, number, () => void][] = [
    [
      'philoxBlock (fast path: split mulhi written out, int32)',
      4 * blocks,
      () => {
        for (let i = 0; i < blocks; i++) {
          philoxBlock(i, 7, 3, 0, key[0], key[1]);
          sink ^= blockBits[0] as number;
        }
      },
    ],
    [
      'philox4x32 (src/random: mulHi32 calls, counter array)',
      4 * blocks,
      () => {
        for (let i = 0; i < blocks; i++) {
          philox4x32([i, 7, 3, 0], key, out);
          sink ^= out[0] as number;
        }
      },
    ],
    [
      'one mulhi by the 16-bit split (mulHi32), per mulhi',
      2 * blocks,
      () => {
        for (let i = 0; i < blocks; i++)
          sink ^= mulHi32(0xd2511f53, (i * 2654435761) >>> 0) ^ mulHi32(0xcd9e8d57, i);
      },
    ],
    [
      'one mulhi by float64 floors (mulHiExact), per mulhi',
      2 * blocks,
      () => {
        for (let i = 0; i < blocks; i++)
          sink ^= mulHiExact(0xd2511f53, (i * 2654435761) >>> 0) ^ mulHiExact(0xcd9e8d57, i);
      },
    ],
    [
      'Box–Muller alone (log, sqrt, cos, sin on given uniforms)',
      4 * blocks,
      () => {
        let acc = 0;
        for (let i = 0; i < 2 * blocks; i++) {
          const u0 = ((i & 0x7fffff) + 0.5) / 8388608;
          const u1 = (((i * 7) & 0x7fffff) + 0.5) / 8388608;
          const r = Math.sqrt(-2 * Math.log(u0));
          const t = 2 * Math.PI * u1;
          acc += r * Math.cos(t) + r * Math.sin(t);
        }
        sink += acc;
      },
    ],
    [
      'fillNormals, d = 100 (Philox + Box–Muller)',
      (blocks / 25) * d,
      () => {
        for (let i = 0; i < blocks / 25; i++) fillNormals(key, 3, i, 0, 0, d, z, 0);
      },
    ],
  ];
  const result: Record<string, string> = {};
  for (const [name, values, run] of cases) {
    run();
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      const stop = clock();
      run();
      best = Math.min(best, stop().cpu);
    }
    result[name] = `${((best * 1e9) / values).toFixed(1)} ns per value`;
  }
  if (sink === 0.5) console.log('');
  return result;
}

const rows: Record<string, number[]> = {};
const add = (name: string, value: number) => {
  (rows[name] ??= []).push(value);
  // Single-thread rows: also the rate per second of CPU time (less sensitive to other load).
  if (!name.includes('workers')) (rows[`${name} [per CPU s]`] ??= []).push(lastCpuRate);
  // Worker rows: process CPU seconds per wall second (≈ the cores actually used at once).
  else (rows[`${name} [CPU s / wall s]`] ??= []).push(lastParallelism);
};
for (let r = 0; r < repeats; r++) {
  add('today (advanceTrajectory, pure update), N = 256', referenceRate(256, 40));
  add('fast path, 1 thread, N = 1024', await fastRate(1024, 100, { workers: 1 }));
  add('plain TS loop (Float32Array, sfc32), N = 1024', plainLoopRate(1024, 100));
  if (workers > 1)
    add(`fast path, ${workers} workers, N = 16384`, await fastRate(16384, 20, { workers }));
}
console.log(
  `quadratic-diag d = ${d}, ADAM; medians of ${repeats} interleaved repeats (coordinate-updates/s)`,
);
for (const [name, values] of Object.entries(rows))
  console.log(
    `${name.padEnd(52)} ${median(values).toExponential(2)}  (min ${Math.min(...values).toExponential(2)}, max ${Math.max(...values).toExponential(2)})`,
  );
for (const unit of ['', ' [per CPU s]']) {
  const plain = median(rows[`plain TS loop (Float32Array, sfc32), N = 1024${unit}`] ?? []);
  const fast = median(rows[`fast path, 1 thread, N = 1024${unit}`] ?? []);
  const today = median(rows[`today (advanceTrajectory, pure update), N = 256${unit}`] ?? []);
  console.log(
    `fast path / plain loop${unit} = ${(fast / plain).toFixed(2)}; fast path / today = ${(fast / today).toFixed(1)}`,
  );
}
console.log('CPU time per value, best of 5:', pieces(1 << 18));
