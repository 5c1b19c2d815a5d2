import { counterHash } from './generator.ts';
import type { Counter, Key } from './philox.ts';

/**
 * A small statistical battery for a stream of u32 words (docs/numerics.md, "Random generators:
 * Threefry4x32-20"). Every test reduces to a statistic z that is standard normal (exactly or
 * asymptotically) for an ideal generator; a test passes when |z| < 5 (two-sided tail 5.7e-7).
 */
export interface BatteryResult {
  name: string;
  /** The raw statistic (count, chi-square, correlation, ...). */
  statistic: number;
  /** Its standardised value: N(0, 1) for an ideal generator. */
  z: number;
}

/** |z| below this passes. */
export const BATTERY_Z_LIMIT = 5;

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function bump(counts: Float64Array, cell: number): void {
  counts[cell] = (counts[cell] ?? 0) + 1;
}

/** Wilson–Hilferty: a chi-square with k degrees of freedom as an approximate N(0, 1). */
function chiSquareZ(chi2: number, k: number): number {
  const c = 2 / (9 * k);
  return (Math.cbrt(chi2 / k) - (1 - c)) / Math.sqrt(c);
}

/** Frequency (monobit): ones among the 32·n bits ~ Binomial(32 n, 1/2). */
export function monobit(words: Uint32Array): BatteryResult {
  let ones = 0;
  for (const w of words) ones += popcount(w);
  const bits = 32 * words.length;
  return { name: 'monobit', statistic: ones / bits, z: (ones - bits / 2) / Math.sqrt(bits / 4) };
}

/**
 * Runs of the bit sequence (bit 0 of word 0 first; NIST SP 800-22 test 2.3): the number of
 * runs V given the fraction π of ones has mean 2nπ(1-π) + 1 and sd ≈ 2 sqrt(n) π(1-π).
 */
export function runs(words: Uint32Array): BatteryResult {
  let ones = 0;
  let changes = 0;
  let previous = (words[0] ?? 0) & 1;
  for (const w of words) {
    ones += popcount(w);
    // Changes inside the word, then between its bit 0 and the previous word's bit 31.
    changes += popcount((w ^ (w >>> 1)) & 0x7fffffff) + ((w & 1) ^ previous);
    previous = w >>> 31;
  }
  const n = 32 * words.length;
  const pi = ones / n;
  const v = changes + 1;
  const z = (v - (2 * n * pi * (1 - pi) + 1)) / (2 * Math.sqrt(n) * pi * (1 - pi));
  return { name: 'runs', statistic: v, z };
}

/** Byte frequencies: chi-square over the 256 byte values of every word (255 d.o.f.). */
export function byteChiSquare(words: Uint32Array): BatteryResult {
  const counts = new Float64Array(256);
  for (const w of words) {
    bump(counts, w & 0xff);
    bump(counts, (w >>> 8) & 0xff);
    bump(counts, (w >>> 16) & 0xff);
    bump(counts, w >>> 24);
  }
  const expected = (4 * words.length) / 256;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - expected) ** 2 / expected;
  return { name: 'byte chi-square (255 dof)', statistic: chi2, z: chiSquareZ(chi2, 255) };
}

/** Pairs of consecutive words: chi-square over (top 4 bits of w_i, top 4 bits of w_{i+1}), 255 dof. */
export function serialPairs(words: Uint32Array): BatteryResult {
  const counts = new Float64Array(256);
  const pairs = Math.floor(words.length / 2);
  for (let i = 0; i < pairs; i++)
    bump(counts, ((words[2 * i] ?? 0) >>> 28) * 16 + ((words[2 * i + 1] ?? 0) >>> 28));
  const expected = pairs / 256;
  let chi2 = 0;
  for (const c of counts) chi2 += (c - expected) ** 2 / expected;
  return { name: 'serial pairs chi-square (255 dof)', statistic: chi2, z: chiSquareZ(chi2, 255) };
}

/** Lag-`lag` serial correlation of the uniforms w / 2^32: r sqrt(n) ~ N(0, 1). */
export function serialCorrelation(words: Uint32Array, lag = 1): BatteryResult {
  const n = words.length - lag;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const x = (words[i] ?? 0) / 4294967296;
    const y = (words[i + lag] ?? 0) / 4294967296;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
  return { name: `serial correlation (lag ${lag})`, statistic: r, z: r * Math.sqrt(n) };
}

/**
 * Birthday spacings (Marsaglia): m = 512 birthdays (top 24 bits of consecutive words) in a
 * year of 2^24 days; the number of repeated values among the sorted spacings is ~ Poisson(λ),
 * λ = m³ / (4 · 2^24) = 2. Summed over all complete samples: Poisson(samples · λ).
 */
export function birthdaySpacings(words: Uint32Array): BatteryResult {
  const m = 512;
  const lambda = m ** 3 / (4 * 2 ** 24);
  const samples = Math.floor(words.length / m);
  const days = new Uint32Array(m);
  const spacings = new Uint32Array(m);
  let repeats = 0;
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < m; i++) days[i] = (words[s * m + i] ?? 0) >>> 8;
    days.sort();
    spacings[0] = days[0] ?? 0;
    for (let i = 1; i < m; i++) spacings[i] = (days[i] ?? 0) - (days[i - 1] ?? 0);
    spacings.sort();
    for (let i = 1; i < m; i++) if (spacings[i] === spacings[i - 1]) repeats++;
  }
  const mean = samples * lambda;
  return {
    name: `birthday spacings (${samples} × m = 512, 2^24 days)`,
    statistic: repeats,
    z: (repeats - mean) / Math.sqrt(mean),
  };
}

/**
 * Strict avalanche of the counter-based hash itself: for `samples` counters (drawn from the
 * stream) and each of the 128 counter bits, flipping that bit must flip Binomial(128, 1/2)
 * output bits. Per input bit, the mean over the samples has sd sqrt(32 / samples); reported: the
 * worst |z| over the 128 input bits (so the limit is met by each one).
 */
export function counterAvalanche(key: Key, samples: number): BatteryResult {
  const sums = new Float64Array(128);
  const base = new Uint32Array(4);
  const flipped = new Uint32Array(4);
  const seedCounter = new Uint32Array(4);
  for (let s = 0; s < samples; s++) {
    // Counters: hashes of (s, 0, 0, 0xa5a5a5a5), so they are spread over the counter space.
    counterHash([s, 0, 0, 0xa5a5a5a5], key, seedCounter);
    const counter: Counter = [
      seedCounter[0] ?? 0,
      seedCounter[1] ?? 0,
      seedCounter[2] ?? 0,
      seedCounter[3] ?? 0,
    ];
    counterHash(counter, key, base);
    for (let bit = 0; bit < 128; bit++) {
      const c: [number, number, number, number] = [...counter];
      const word = bit >>> 5;
      c[word] = ((c[word] ?? 0) ^ (1 << (bit & 31))) >>> 0;
      counterHash(c, key, flipped);
      let changed = 0;
      for (let w = 0; w < 4; w++) changed += popcount(((base[w] ?? 0) ^ (flipped[w] ?? 0)) >>> 0);
      sums[bit] = (sums[bit] ?? 0) + changed;
    }
  }
  let worst = 0;
  let worstMean = 64;
  for (const sum of sums) {
    const z = (sum / samples - 64) / Math.sqrt(32 / samples);
    if (Math.abs(z) > Math.abs(worst)) {
      worst = z;
      worstMean = sum / samples;
    }
  }
  return {
    name: `counter avalanche (${samples} counters × 128 bits, worst bit)`,
    statistic: worstMean,
    z: worst,
  };
}

/** The stream tests above on `words` (monobit, runs, bytes, serial pairs, lag-1 and lag-4 correlation, birthdays). */
export function streamBattery(words: Uint32Array): BatteryResult[] {
  return [
    monobit(words),
    runs(words),
    byteChiSquare(words),
    serialPairs(words),
    serialCorrelation(words, 1),
    serialCorrelation(words, 4),
    birthdaySpacings(words),
  ];
}

/**
 * `count` words of the engine's addressing: along the blocks (block 0, 1, … at trajectory 0,
 * step 1, stream 0: the draws of one gradient), or along the trajectories (block 0 of
 * trajectory 0, 1, …: the same draw across an ensemble).
 */
export function streamWords(
  key: Key,
  count: number,
  along: 'blocks' | 'trajectories',
): Uint32Array {
  const words = new Uint32Array(count);
  const out = new Uint32Array(4);
  for (let i = 0; 4 * i < count; i++) {
    counterHash(along === 'blocks' ? [i, 1, 0, 0] : [0, 1, i, 0], key, out);
    words.set(out.subarray(0, Math.min(4, count - 4 * i)), 4 * i);
  }
  return words;
}
