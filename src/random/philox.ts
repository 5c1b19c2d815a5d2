/**
 * Philox4x32-10 in TypeScript, bit-identical to shaders/lib/philox.wgsl (docs/math.md section 8).
 * All arithmetic is on unsigned 32-bit integers held in JS numbers.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two u32 (the same 16-bit split as the WGSL). */
export function mulHi32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  const mid = (loLo >>> 16) + (hiLo & 0xffff) + (loHi & 0xffff);
  return (hiHi + (hiLo >>> 16) + (loHi >>> 16) + (mid >>> 16)) >>> 0;
}

/** A generator counter (four u32). */
export type Counter = readonly [number, number, number, number];
/**
 * A generator key: two u32 (from the seed), optionally tagged with the generator that draws
 * with it (src/random/generator.ts; untagged: Philox). The tag travels with the key into
 * every float64 twin, so they draw with the run's generator.
 */
export type Key = readonly [number, number] & { readonly generator?: 'philox' | 'threefry' };

/** Ten rounds of Philox4x32 into `out` (four u32). */
export function philox4x32(
  counter: Counter,
  key: Key,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    const hi0 = mulHi32(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi32(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}
