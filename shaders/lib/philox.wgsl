// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, SC'11; Random123). Counter-based: the output
// depends only on (counter, key), so streams do not depend on workgroup size or dispatch
// order, and src/random/philox.ts reproduces them bit for bit. docs/math.md section 8.
//
// One of the two generator modules (lib/philox.wgsl, lib/threefry.wgsl): both define
// `counterHash(counter, key)`, which lib/random.wgsl calls; the kernel's module list picks one.
//
// WGSL has no 32x32->64-bit product, so the high word is assembled from 16-bit halves.

const PHILOX_M0: u32 = 0xD2511F53u;
const PHILOX_M1: u32 = 0xCD9E8D57u;
const PHILOX_W0: u32 = 0x9E3779B9u;
const PHILOX_W1: u32 = 0xBB67AE85u;

// High 32 bits of the 64-bit product a * b.
fn philoxMulHi(a: u32, b: u32) -> u32 {
  let aLo = a & 0xFFFFu;
  let aHi = a >> 16u;
  let bLo = b & 0xFFFFu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let hiHi = aHi * bHi;
  let mid = (loLo >> 16u) + (hiLo & 0xFFFFu) + (loHi & 0xFFFFu);
  return hiHi + (hiLo >> 16u) + (loHi >> 16u) + (mid >> 16u);
}

fn philoxRound(c: vec4<u32>, k: vec2<u32>) -> vec4<u32> {
  let hi0 = philoxMulHi(PHILOX_M0, c.x);
  let lo0 = PHILOX_M0 * c.x;
  let hi1 = philoxMulHi(PHILOX_M1, c.z);
  let lo1 = PHILOX_M1 * c.z;
  return vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
}

// Ten rounds of Philox4x32 on `counter` under `key`.
fn philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 9u; round++) {
    c = philoxRound(c, k);
    k += vec2<u32>(PHILOX_W0, PHILOX_W1);
  }
  return philoxRound(c, k);
}

// The generator interface of lib/random.wgsl: four words from (counter, key).
fn counterHash(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  return philox4x32(counter, key);
}
