import { describe, expect, it } from 'vitest';
import {
  networkDataLayout,
  networkSplitData,
  packNetworkData,
} from '../../src/problems/network/gpuData.ts';
import { createNetworkProblem } from '../../src/problems/network/network.ts';

describe('the packed network data (networkData of problems/network.wgsl)', () => {
  it('lays out widths, labels, then the features as float32 bits', () => {
    const features = [0.5, -1.25, 3, Math.fround(0.1), -0, 7];
    const words = packNetworkData({ widths: [2, 4, 3], features, labels: [0, 2, 1] });
    expect(networkDataLayout(2, 3, 2)).toEqual({ widths: 0, labels: 3, features: 6, words: 12 });
    expect(words.length).toBe(12);
    expect(Array.from(words.subarray(0, 3))).toEqual([2, 4, 3]);
    expect(Array.from(words.subarray(3, 6))).toEqual([0, 2, 1]);
    const bits = new Uint32Array(Float32Array.from(features).buffer);
    expect(Array.from(words.subarray(6))).toEqual(Array.from(bits));
    expect(words[6]).toBe(0x3f000000); // 0.5
    expect(words[10]).toBe(0x80000000); // -0
  });

  it('refuses features that do not match labels × inputs', () => {
    expect(() => packNetworkData({ widths: [2, 1], features: [1, 2, 3], labels: [0, 1] })).toThrow(
      /features.length = 3: allowed labels.length × widths\[0\] = 2 × 2 \(2\+ widths\)/,
    );
    expect(() => packNetworkData({ widths: [2], features: [], labels: [] })).toThrow(/2\+ widths/);
  });

  it('packs a problem’s train and test splits bit-identically to the float64 twin’s data', () => {
    const p = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'moons', samples: 30 },
      hidden: [5],
    });
    for (const split of ['train', 'test'] as const) {
      const set = p.data[split];
      const { params, data } = networkSplitData(p, split);
      expect(params.sampleCount).toBe(set.count);
      const layout = networkDataLayout(2, set.count, set.inputs);
      expect(data.length).toBe(layout.words);
      expect(Array.from(data.subarray(0, 3))).toEqual([set.inputs, 5, 1]);
      expect(Array.from(data.subarray(layout.labels, layout.features))).toEqual(
        Array.from(set.labels),
      );
      const floats = new Float32Array(data.buffer, layout.features * 4);
      // Float64 features are float32-representable: the bits hold them exactly.
      expect(Array.from(floats)).toEqual(Array.from(set.features));
    }
  });
});
