// network: the finite-sum problems mlp and logistic (docs/network.md, docs/math.md section 6
// item 7). F(x) = (1/n) sum_j l_j(x) over the n TRAIN samples held in storage; l_j is the binary
// cross-entropy of a sigmoid output (two classes, one output unit) or the cross-entropy of a
// softmax (k > 2 classes, k outputs); hidden units are tanh. Parameters, layer by layer:
// W_l (fanOut x fanIn, row-major), then b_l.
// Twin: src/problems/network/network.ts (+ architecture.ts for the initial weights).
//
// Workgroup-cooperative library: a workgroup of 64 lanes works on ONE point (weight vector) at
// a time; every lane calls these functions in uniform control flow (they contain barriers).
// The INCLUDING KERNEL defines
//     fn networkWeight(k: u32) -> f32     // coordinate k of the workgroup's current point
// (WGSL resolves module-scope names in any order). Sequence per sample:
//     let loss = networkSampleLoss(lane, sample);   // forward; loss returned to every lane
//     networkSampleCorrect(lane, sample)            // optional, after the forward pass
//     networkSampleBackward(lane, sample);          // backpropagation
//     networkGradientEntry(k)                       // coordinate k of grad l_sample, any k < d
// Lanes own the coordinates k = lane mod 64 (the library itself imposes no ownership).
//
// Limits (checked by the host, src/problems/network/architecture.ts): hidden + output units
// <= NETWORK_MAX_UNITS = 1024 (activations and errors: 2 x 4 KiB of workgroup memory, within
// the 16 KiB default maxComputeWorkgroupStorageSize); weight layers <= 16; d <= 2^22.
//
// Mini-batch draws: sample b of the batch at (key, trajectory, stepIndex) is
// mulhi(lane b % 4 of randomBits(key, trajectory, stepIndex, b / 4, STREAM_GRADIENT), n).
// Initial weights: std_l * lane k % 4 of normal4(key, trajectory, 0, k / 4, STREAM_NETWORK_INIT),
// biases 0; std_l = sqrt(2 / (fanIn + fanOut)) (glorot, initScheme 0) or sqrt(2 / fanIn) (he, 1).

struct ProblemParams {
  dimension: u32,    // d, number of parameters
  inputs: u32,       // features per sample
  outputs: u32,      // 1 (two classes) or classes
  layerCount: u32,   // weight layers L = hidden layers + 1
  sampleCount: u32,  // n, train samples
  batch: u32,        // mini-batch size B
  classes: u32,
  units: u32,        // hidden + output units
  initScheme: u32,   // 0 glorot, 1 he
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;
// The data, packed in ONE storage buffer (one binding, so that the ensemble step kernel stays
// within 9 storage buffers per stage; packed by src/problems/network/gpuData.ts), in words:
//   [0, L]                    widths [inputs, hidden..., outputs]  (u32, L = layerCount)
//   [L + 1, L + 1 + n)        labels                               (u32, n = sampleCount)
//   [L + 1 + n, ... + n * in) features, n x inputs row-major       (f32 bits, bitcast<f32>)
// The offsets follow from the uniform (layerCount, sampleCount), so they need no header.
@group(1) @binding(1) var<storage, read> networkData: array<u32>;

const NETWORK_MAX_UNITS: u32 = 1024u;
const NETWORK_LANES: u32 = 64u;
const STREAM_NETWORK_INIT: u32 = 2u;

var<workgroup> networkActivation: array<f32, 1024>;  // layer l's outputs at networkUnitOffset(l)
var<workgroup> networkDelta: array<f32, 1024>;       // dl/d(pre-activation), same layout
var<private> networkSample: u32;                     // the sample of the last forward pass

// Width of layer boundary m (0: inputs, layerCount: outputs).
fn networkWidth(m: u32) -> u32 {
  return networkData[m];
}

// Label of sample j of the bound split.
fn networkLabel(j: u32) -> u32 {
  return networkData[problem.layerCount + 1u + j];
}

// Feature entry `index` (= sample * inputs + i) of the bound split, bit-exact f32.
fn networkFeature(index: u32) -> f32 {
  return bitcast<f32>(networkData[problem.layerCount + 1u + problem.sampleCount + index]);
}

// First parameter of layer l (W_l; b_l follows after fanOut * fanIn entries).
fn networkParamOffset(l: u32) -> u32 {
  var offset = 0u;
  for (var m = 0u; m < l; m++) {
    offset += networkWidth(m + 1u) * (networkWidth(m) + 1u);
  }
  return offset;
}

// First unit of layer l's outputs in networkActivation / networkDelta.
fn networkUnitOffset(l: u32) -> u32 {
  var offset = 0u;
  for (var m = 0u; m < l; m++) { offset += networkWidth(m + 1u); }
  return offset;
}

// Input i of layer l for the current sample (layer 0: the features).
fn networkLayerInput(l: u32, sample: u32, inOffset: u32, i: u32) -> f32 {
  if (l == 0u) { return networkFeature(sample * problem.inputs + i); }
  return networkActivation[inOffset + i];
}

// Loss of the output layer's logits against `label` (every lane computes it).
fn networkOutputLoss(label: u32) -> f32 {
  let out = problem.units - problem.outputs;
  if (problem.outputs == 1u) {
    let z = networkActivation[out];
    return max(z, 0.0) - z * f32(label) + log(1.0 + exp(-abs(z)));
  }
  var m = networkActivation[out];
  for (var u = 1u; u < problem.outputs; u++) { m = max(m, networkActivation[out + u]); }
  var s = 0.0;
  for (var u = 0u; u < problem.outputs; u++) { s += exp(networkActivation[out + u] - m); }
  return m + log(s) - networkActivation[out + label];
}

// Forward pass of train sample `sample`; returns l_sample(x) to every lane.
fn networkSampleLoss(lane: u32, sample: u32) -> f32 {
  workgroupBarrier();   // earlier readers of the activations are done
  networkSample = sample;
  let layers = problem.layerCount;
  var paramOffset = 0u;
  var inOffset = 0u;
  var outOffset = 0u;
  for (var l = 0u; l < layers; l++) {
    let fanIn = networkWidth(l);
    let fanOut = networkWidth(l + 1u);
    let last = l + 1u == layers;
    for (var u = lane; u < fanOut; u += NETWORK_LANES) {
      var sum = networkWeight(paramOffset + fanOut * fanIn + u);
      let row = paramOffset + u * fanIn;
      for (var i = 0u; i < fanIn; i++) {
        sum += networkWeight(row + i) * networkLayerInput(l, sample, inOffset, i);
      }
      // tanh of |s| > 15 is +-1 in f32; the clamp keeps exp-based tanh from overflowing.
      networkActivation[outOffset + u] = select(tanh(clamp(sum, -15.0, 15.0)), sum, last);
    }
    workgroupBarrier();
    paramOffset += fanOut * (fanIn + 1u);
    inOffset = outOffset;
    outOffset += fanOut;
  }
  return networkOutputLoss(networkLabel(sample));
}

// Whether the prediction (argmax; one output: z > 0 means class 1) equals the label.
fn networkSampleCorrect(lane: u32, sample: u32) -> bool {
  let out = problem.units - problem.outputs;
  let label = networkLabel(sample);
  if (problem.outputs == 1u) { return select(0u, 1u, networkActivation[out] > 0.0) == label; }
  var best = 0u;
  for (var u = 1u; u < problem.outputs; u++) {
    if (networkActivation[out + u] > networkActivation[out + best]) { best = u; }
  }
  return best == label;
}

// Backpropagation after networkSampleLoss(lane, sample): fills networkDelta.
fn networkSampleBackward(lane: u32, sample: u32) {
  let layers = problem.layerCount;
  let out = problem.units - problem.outputs;
  let label = networkLabel(sample);
  if (problem.outputs == 1u) {
    if (lane == 0u) {
      networkDelta[out] = 1.0 / (1.0 + exp(-networkActivation[out])) - f32(label);
    }
  } else {
    var m = networkActivation[out];
    for (var u = 1u; u < problem.outputs; u++) { m = max(m, networkActivation[out + u]); }
    var s = 0.0;
    for (var u = 0u; u < problem.outputs; u++) { s += exp(networkActivation[out + u] - m); }
    for (var u = lane; u < problem.outputs; u += NETWORK_LANES) {
      networkDelta[out + u] = exp(networkActivation[out + u] - m) / s - select(0.0, 1.0, u == label);
    }
  }
  workgroupBarrier();
  // Hidden layers, last to first: delta_l = (W_{l+1}^T delta_{l+1}) * (1 - a_l^2).
  for (var step = 1u; step < layers; step++) {
    let l = layers - 1u - step;
    let fanOut = networkWidth(l + 1u);
    let nextOut = networkWidth(l + 2u);
    let next = networkParamOffset(l + 1u);
    let offset = networkUnitOffset(l);
    let nextOffset = offset + fanOut;
    for (var u = lane; u < fanOut; u += NETWORK_LANES) {
      var sum = 0.0;
      for (var v = 0u; v < nextOut; v++) {
        sum += networkWeight(next + v * fanOut + u) * networkDelta[nextOffset + v];
      }
      let a = networkActivation[offset + u];
      networkDelta[offset + u] = sum * (1.0 - a * a);
    }
    workgroupBarrier();
  }
}

// Coordinate k < d of grad l_sample (after networkSampleBackward).
fn networkGradientEntry(k: u32) -> f32 {
  var paramOffset = 0u;
  var unitOffset = 0u;
  var inOffset = 0u;
  for (var l = 0u; l < problem.layerCount; l++) {
    let fanIn = networkWidth(l);
    let fanOut = networkWidth(l + 1u);
    let size = fanOut * (fanIn + 1u);
    if (k < paramOffset + size) {
      let local = k - paramOffset;
      if (local >= fanOut * fanIn) { return networkDelta[unitOffset + local - fanOut * fanIn]; }
      let v = local / fanIn;
      let i = local - v * fanIn;
      return networkDelta[unitOffset + v] * networkLayerInput(l, networkSample, inOffset, i);
    }
    paramOffset += size;
    inOffset = unitOffset;
    unitOffset += fanOut;
  }
  return 0.0;
}

// High 32 bits of a * b (16-bit halves; exact, as mulHi32 in src/random/philox.ts).
fn networkMulHi(a: u32, b: u32) -> u32 {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let hiHi = aHi * bHi;
  let mid = (loLo >> 16u) + (hiLo & 0xffffu) + (loHi & 0xffffu);
  return hiHi + (hiLo >> 16u) + (loHi >> 16u) + (mid >> 16u);
}

// Train index of sample b of the mini-batch at (key, trajectory, stepIndex), with replacement.
fn networkBatchIndex(key: vec2<u32>, trajectory: u32, stepIndex: u32, b: u32) -> u32 {
  let bits = randomBits(key, trajectory, stepIndex, b / 4u, STREAM_GRADIENT);
  return networkMulHi(bits[b % 4u], problem.sampleCount);
}

// Initial value of parameter k of trajectory `trajectory` (Glorot or He normal; biases 0).
fn networkInitialWeight(k: u32, key: vec2<u32>, trajectory: u32) -> f32 {
  var paramOffset = 0u;
  for (var l = 0u; l < problem.layerCount; l++) {
    let fanIn = networkWidth(l);
    let fanOut = networkWidth(l + 1u);
    if (k < paramOffset + fanOut * fanIn) {
      let scale = select(sqrt(2.0 / f32(fanIn + fanOut)), sqrt(2.0 / f32(fanIn)), problem.initScheme == 1u);
      return scale * normal4(key, trajectory, 0u, k / 4u, STREAM_NETWORK_INIT)[k % 4u];
    }
    paramOffset += fanOut * (fanIn + 1u);
    if (k < paramOffset) { return 0.0; }
  }
  return 0.0;
}

// No constraint: identity (the ensemble's init kernel calls it).
fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
