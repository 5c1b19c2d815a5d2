/**
 * Threefry4x32-20 in TypeScript (Salmon, Moraes, Dror & Shaw, SC'11; Random123 `threefry4x32`
 * with its default 20 rounds), bit-identical to shaders/lib/threefry.wgsl. Additions,
 * rotations and xors on unsigned 32-bit integers held in JS numbers.
 *
 * Key: the two-word seed key (k0, k1) of the ensemble is extended to the four-word Threefry
 * key (k0, k1, 0, 0) (`threefry4x32`); `threefry4x32Key4` takes all four words (the Random123
 * known answers).
 */
import type { Counter, Key } from './philox.ts';

/** Skein key-schedule parity constant (SKEIN_KS_PARITY32). */
const PARITY = 0x1bd11bda;

/** Rotation constants R_32x4 of Random123, rounds 0 … 7 (then repeating). */
const ROTATIONS: readonly (readonly [number, number])[] = [
  [10, 26],
  [11, 21],
  [13, 27],
  [23, 5],
  [6, 20],
  [17, 11],
  [25, 10],
  [18, 20],
];

/** A four-word Threefry4x32 key. */
export type Key4 = readonly [number, number, number, number];

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** Twenty rounds of Threefry4x32 on `counter` under the four-word `key`, into `out`. */
export function threefry4x32Key4(
  counter: Counter,
  key: Key4,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  const ks = [key[0] >>> 0, key[1] >>> 0, key[2] >>> 0, key[3] >>> 0, 0];
  ks[4] = (PARITY ^ (ks[0] ?? 0) ^ (ks[1] ?? 0) ^ (ks[2] ?? 0) ^ (ks[3] ?? 0)) >>> 0;
  let x0 = (counter[0] + (ks[0] ?? 0)) >>> 0;
  let x1 = (counter[1] + (ks[1] ?? 0)) >>> 0;
  let x2 = (counter[2] + (ks[2] ?? 0)) >>> 0;
  let x3 = (counter[3] + (ks[3] ?? 0)) >>> 0;
  for (let round = 0; round < 20; round++) {
    const [ra = 0, rb = 0] = ROTATIONS[round % 8] ?? [];
    if (round % 2 === 0) {
      x0 = (x0 + x1) >>> 0;
      x1 = (rotl(x1, ra) ^ x0) >>> 0;
      x2 = (x2 + x3) >>> 0;
      x3 = (rotl(x3, rb) ^ x2) >>> 0;
    } else {
      x0 = (x0 + x3) >>> 0;
      x3 = (rotl(x3, ra) ^ x0) >>> 0;
      x2 = (x2 + x1) >>> 0;
      x1 = (rotl(x1, rb) ^ x2) >>> 0;
    }
    if (round % 4 === 3) {
      // Key injection s after rounds 4s - 1: (ks[s], ks[s+1], ks[s+2], ks[s+3] + s), mod 5.
      const s = (round + 1) / 4;
      x0 = (x0 + (ks[s % 5] ?? 0)) >>> 0;
      x1 = (x1 + (ks[(s + 1) % 5] ?? 0)) >>> 0;
      x2 = (x2 + (ks[(s + 2) % 5] ?? 0)) >>> 0;
      x3 = (x3 + (ks[(s + 3) % 5] ?? 0) + s) >>> 0;
    }
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}

/**
 * Threefry4x32-20 under the seed key (k0, k1) extended to (k0, k1, 0, 0), as the WGSL: the
 * rounds unrolled on int32 (`| 0` keeps every sum in 32 bits; the output is made unsigned).
 */
export function threefry4x32(
  counter: Counter,
  key: Key,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  const k0 = key[0] | 0;
  const k1 = key[1] | 0;
  const k4 = PARITY ^ k0 ^ k1;
  let x0 = (counter[0] + k0) | 0;
  let x1 = (counter[1] + k1) | 0;
  let x2 = counter[2] | 0;
  let x3 = counter[3] | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 10) | (x1 >>> 22)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 26) | (x3 >>> 6)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 11) | (x3 >>> 21)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 21) | (x1 >>> 11)) ^ x2;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 27) | (x3 >>> 5)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 23) | (x3 >>> 9)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 5) | (x1 >>> 27)) ^ x2;
  x0 = (x0 + k1) | 0;
  x3 = (x3 + k4 + 1) | 0; // key injection 1
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 20) | (x3 >>> 12)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 17) | (x3 >>> 15)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 11) | (x1 >>> 21)) ^ x2;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 25) | (x1 >>> 7)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 10) | (x3 >>> 22)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 18) | (x3 >>> 14)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 20) | (x1 >>> 12)) ^ x2;
  x2 = (x2 + k4) | 0;
  x3 = (x3 + k0 + 2) | 0; // key injection 2
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 10) | (x1 >>> 22)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 26) | (x3 >>> 6)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 11) | (x3 >>> 21)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 21) | (x1 >>> 11)) ^ x2;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 27) | (x3 >>> 5)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 23) | (x3 >>> 9)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 5) | (x1 >>> 27)) ^ x2;
  x1 = (x1 + k4) | 0;
  x2 = (x2 + k0) | 0;
  x3 = (x3 + k1 + 3) | 0; // key injection 3
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 20) | (x3 >>> 12)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 17) | (x3 >>> 15)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 11) | (x1 >>> 21)) ^ x2;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 25) | (x1 >>> 7)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 10) | (x3 >>> 22)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 18) | (x3 >>> 14)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 20) | (x1 >>> 12)) ^ x2;
  x0 = (x0 + k4) | 0;
  x1 = (x1 + k0) | 0;
  x2 = (x2 + k1) | 0;
  x3 = (x3 + 4) | 0; // key injection 4
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 10) | (x1 >>> 22)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 26) | (x3 >>> 6)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 11) | (x3 >>> 21)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 21) | (x1 >>> 11)) ^ x2;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x2 = (x2 + x3) | 0;
  x3 = ((x3 << 27) | (x3 >>> 5)) ^ x2;
  x0 = (x0 + x3) | 0;
  x3 = ((x3 << 23) | (x3 >>> 9)) ^ x0;
  x2 = (x2 + x1) | 0;
  x1 = ((x1 << 5) | (x1 >>> 27)) ^ x2;
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1) | 0;
  x3 = (x3 + 5) | 0; // key injection 5
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
  return out;
}
