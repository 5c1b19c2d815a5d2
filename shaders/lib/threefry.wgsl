// Threefry4x32-20 (Salmon, Moraes, Dror & Shaw, SC'11; Random123 `threefry4x32`, 20 rounds):
// additions, rotations and xors only, no multiplications. Counter-based like lib/philox.wgsl and
// an alternative to it: both define `counterHash(counter, key)`, the interface that
// lib/random.wgsl calls; the kernel's module list picks one. src/random/threefry.ts reproduces it
// bit for bit (Random123 known answers: test/cpu/threefry.test.ts, test/gpu/threefry.test.ts).
//
// Key: Threefry4x32 takes four key words; the two-word seed key (k0, k1) is extended to
// (k0, k1, 0, 0), so the key schedule is (k0, k1, 0, 0, k4 = k0 ^ k1 ^ 0x1BD11BDA) and injection
// s (after rounds 4s - 1, s = 1 … 5) adds (ks[s], ks[s+1], ks[s+2], ks[s+3] + s), indices mod 5.
// Rotation constants R_32x4 of Random123, repeating every 8 rounds; the rounds are unrolled
// so that every rotation is by a constant.

const THREEFRY_PARITY: u32 = 0x1BD11BDAu;

fn threefryRotl(x: u32, n: u32) -> u32 {
  return (x << n) | (x >> (32u - n));
}

// Twenty rounds of Threefry4x32 on `counter` under the key (key.x, key.y, 0, 0).
fn threefry4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  let k0 = key.x;
  let k1 = key.y;
  let k4 = THREEFRY_PARITY ^ k0 ^ k1;
  var x0 = counter.x + k0;
  var x1 = counter.y + k1;
  var x2 = counter.z;
  var x3 = counter.w;
  x0 += x1; x1 = threefryRotl(x1, 10u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 26u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 11u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 21u) ^ x2;
  x0 += x1; x1 = threefryRotl(x1, 13u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 27u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 23u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 5u) ^ x2;
  x0 += k1; x3 += k4; x3 += 1u; // key injection 1
  x0 += x1; x1 = threefryRotl(x1, 6u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 20u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 17u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 11u) ^ x2;
  x0 += x1; x1 = threefryRotl(x1, 25u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 10u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 18u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 20u) ^ x2;
  x2 += k4; x3 += k0; x3 += 2u; // key injection 2
  x0 += x1; x1 = threefryRotl(x1, 10u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 26u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 11u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 21u) ^ x2;
  x0 += x1; x1 = threefryRotl(x1, 13u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 27u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 23u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 5u) ^ x2;
  x1 += k4; x2 += k0; x3 += k1; x3 += 3u; // key injection 3
  x0 += x1; x1 = threefryRotl(x1, 6u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 20u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 17u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 11u) ^ x2;
  x0 += x1; x1 = threefryRotl(x1, 25u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 10u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 18u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 20u) ^ x2;
  x0 += k4; x1 += k0; x2 += k1; x3 += 4u; // key injection 4
  x0 += x1; x1 = threefryRotl(x1, 10u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 26u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 11u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 21u) ^ x2;
  x0 += x1; x1 = threefryRotl(x1, 13u) ^ x0; x2 += x3; x3 = threefryRotl(x3, 27u) ^ x2;
  x0 += x3; x3 = threefryRotl(x3, 23u) ^ x0; x2 += x1; x1 = threefryRotl(x1, 5u) ^ x2;
  x0 += k0; x1 += k1; x3 += 5u; // key injection 5
  return vec4<u32>(x0, x1, x2, x3);
}

// The generator interface of lib/random.wgsl: four words from (counter, key).
fn counterHash(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  return threefry4x32(counter, key);
}
