import seedrandom from 'seedrandom/seedrandom.js';
import { counterHash, withGenerator, type RandomGenerator } from './generator.ts';
import type { Key } from './philox.ts';

/**
 * Float64 twin of shaders/lib/random.wgsl. A draw is addressed by (key, trajectory, step,
 * draw index, stream); the counter is (draw index / 4, step, trajectory, stream), hashed by the
 * key's generator (Philox4x32-10 unless the key is tagged 'threefry', see seedKey).
 */

/** Streams, as in the WGSL: independent purposes never share counters. */
export const Stream = { gradient: 0, initial: 1, test: 7 } as const;

/**
 * Turns a user seed (number or string) into a generator key with seedrandom: the same two words
 * for every generator, tagged with `generator` (default Philox).
 */
export function seedKey(seed: number | string, generator: RandomGenerator = 'philox'): Key {
  const rng = seedrandom(String(seed));
  return withGenerator([rng.int32() >>> 0, rng.int32() >>> 0], generator);
}

const bits = new Uint32Array(4);

/** The four raw u32 outputs of one block. */
export function randomBits(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
): Uint32Array {
  return counterHash([block, step, trajectory, stream], key, bits);
}

/** Maps a u32 to the open interval (0, 1) exactly as the WGSL does: ((x >> 9) + 0.5) / 2^23. */
export function uniformFromBits(x: number): number {
  return ((x >>> 9) + 0.5) / 8388608;
}

/** Four uniforms in (0, 1). */
export function uniform4(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
): number[] {
  const b = randomBits(key, trajectory, step, block, stream);
  return [
    uniformFromBits(b[0] ?? 0),
    uniformFromBits(b[1] ?? 0),
    uniformFromBits(b[2] ?? 0),
    uniformFromBits(b[3] ?? 0),
  ];
}

/** Four standard normals by Box–Muller on (u0, u1) and (u2, u3), in float64. */
export function normal4(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
): number[] {
  const [u0 = 0.5, u1 = 0, u2 = 0.5, u3 = 0] = uniform4(key, trajectory, step, block, stream);
  const r01 = Math.sqrt(-2 * Math.log(u0));
  const r23 = Math.sqrt(-2 * Math.log(u2));
  const t01 = 2 * Math.PI * u1;
  const t23 = 2 * Math.PI * u3;
  return [r01 * Math.cos(t01), r01 * Math.sin(t01), r23 * Math.cos(t23), r23 * Math.sin(t23)];
}

/** Four Bernoulli(p) draws as 0 / 1 (u < p, compared in float32 like the GPU). */
export function bernoulli4(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
  p: number,
): number[] {
  const pf = Math.fround(p);
  return uniform4(key, trajectory, step, block, stream).map((u) => (u < pf ? 1 : 0));
}
