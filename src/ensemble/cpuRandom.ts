import type { Key } from '../random/philox.ts';
import { threefry4x32 } from '../random/threefry.ts';

/**
 * Allocation-free random draws of the cpu backend's fast path: the same values, bit for bit,
 * as `randomBits` / `uniform4` / `normal4` of src/random/distributions.ts (Philox4x32-10 or
 * Threefry4x32-20, by the key's generator, at counter (block, step, trajectory, stream), the
 * same u32 → (0, 1) map and Box–Muller), but written into preallocated buffers. This is the
 * one place where the fast path draws.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** The four u32 outputs of the last `philoxBlock` call. */
export const blockBits = new Uint32Array(4);

const M0_LO = M0 & 0xffff;
const M0_HI = M0 >>> 16;
const M1_LO = M1 & 0xffff;
const M1_HI = M1 >>> 16;

/**
 * High 32 bits of the 64-bit product of two u32 by float64 floors: with b = bHi·2^16 + bLo,
 * ⌊a·b / 2^32⌋ = ⌊(a·bHi + ⌊a·bLo / 2^16⌋) / 2^16⌋, every term exact in float64. The same
 * integer as `mulHi32` (tested); kept as the measured alternative (it is not faster inside
 * Philox under V8, see docs/numerics.md).
 */
export function mulHiExact(a: number, b: number): number {
  return Math.floor((a * (b >>> 16) + Math.floor((a * (b & 0xffff)) / 65536)) / 65536);
}

/**
 * Philox4x32-10 at counter (c0, c1, c2, c3) and key (k0, k1) into `blockBits`: the rounds of
 * `philox4x32` (src/random/philox.ts) with its 16-bit-split mulhi (as the WGSL) written out
 * for the two constant multipliers, values kept as int32 (the same bits).
 */
export function philoxBlock(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
): void {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) | 0;
      k1 = (k1 + W1) | 0;
    }
    let bLo = c0 & 0xffff;
    let bHi = c0 >>> 16;
    let loLo = M0_LO * bLo;
    let hiLo = M0_HI * bLo;
    let loHi = M0_LO * bHi;
    let mid = (loLo >>> 16) + (hiLo & 0xffff) + (loHi & 0xffff);
    const hi0 = (M0_HI * bHi + (hiLo >>> 16) + (loHi >>> 16) + (mid >>> 16)) | 0;
    const lo0 = Math.imul(M0, c0);
    bLo = c2 & 0xffff;
    bHi = c2 >>> 16;
    loLo = M1_LO * bLo;
    hiLo = M1_HI * bLo;
    loHi = M1_LO * bHi;
    mid = (loLo >>> 16) + (hiLo & 0xffff) + (loHi & 0xffff);
    const hi1 = (M1_HI * bHi + (hiLo >>> 16) + (loHi >>> 16) + (mid >>> 16)) | 0;
    const lo1 = Math.imul(M1, c2);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  blockBits[0] = c0;
  blockBits[1] = c1;
  blockBits[2] = c2;
  blockBits[3] = c3;
}

/** The counter of `drawBlock`'s Threefry calls (reused: no allocation per draw). */
const threefryCounter: [number, number, number, number] = [0, 0, 0, 0];

/**
 * One generator call at counter (c0, c1, c2, c3) under `key`, with the key's generator
 * (Threefry4x32-20 when `key.generator` is 'threefry', else Philox4x32-10), into `blockBits`.
 */
export function drawBlock(key: Key, c0: number, c1: number, c2: number, c3: number): void {
  if (key.generator === 'threefry') {
    threefryCounter[0] = c0;
    threefryCounter[1] = c1;
    threefryCounter[2] = c2;
    threefryCounter[3] = c3;
    threefry4x32(threefryCounter, key, blockBits);
  } else philoxBlock(c0, c1, c2, c3, key[0], key[1]);
}

/**
 * `count` standard normals into out[offset …]: value j is lane j % 4 of `normal4(key,
 * trajectory, step, firstBlock + j / 4, stream)` (Box–Muller on (u0, u1), (u2, u3)).
 */
export function fillNormals(
  key: Key,
  trajectory: number,
  step: number,
  firstBlock: number,
  stream: number,
  count: number,
  out: Float64Array,
  offset: number,
): void {
  const bits = blockBits;
  for (let j = 0; j < count; j += 4) {
    drawBlock(key, firstBlock + j / 4, step, trajectory, stream);
    const u0 = (((bits[0] as number) >>> 9) + 0.5) / 8388608;
    const u1 = (((bits[1] as number) >>> 9) + 0.5) / 8388608;
    const r01 = Math.sqrt(-2 * Math.log(u0));
    const t01 = 2 * Math.PI * u1;
    out[offset + j] = r01 * Math.cos(t01);
    if (j + 1 < count) out[offset + j + 1] = r01 * Math.sin(t01);
    if (j + 2 < count) {
      const u2 = (((bits[2] as number) >>> 9) + 0.5) / 8388608;
      const u3 = (((bits[3] as number) >>> 9) + 0.5) / 8388608;
      const r23 = Math.sqrt(-2 * Math.log(u2));
      const t23 = 2 * Math.PI * u3;
      out[offset + j + 2] = r23 * Math.cos(t23);
      if (j + 3 < count) out[offset + j + 3] = r23 * Math.sin(t23);
    }
  }
}

/** Lane 0 of `uniform4(key, trajectory, step, block, stream)`. */
export function uniformLane0(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
): number {
  drawBlock(key, block, step, trajectory, stream);
  return (((blockBits[0] as number) >>> 9) + 0.5) / 8388608;
}

/** Lane 0 of `normal4(key, trajectory, step, block, stream)`. */
export function normalLane0(
  key: Key,
  trajectory: number,
  step: number,
  block: number,
  stream: number,
): number {
  drawBlock(key, block, step, trajectory, stream);
  const u0 = (((blockBits[0] as number) >>> 9) + 0.5) / 8388608;
  const u1 = (((blockBits[1] as number) >>> 9) + 0.5) / 8388608;
  return Math.sqrt(-2 * Math.log(u0)) * Math.cos(2 * Math.PI * u1);
}
