import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.ts';
import {
  loadDataset,
  loadDatasetAsync,
  MAX_SAMPLES,
  parseCsvDataset,
  splitIndices,
  type Dataset,
} from '../../src/problems/network/dataset.ts';

function columnStats(set: Dataset) {
  const mean = new Float64Array(set.inputs);
  const sq = new Float64Array(set.inputs);
  for (let j = 0; j < set.count; j++) {
    for (let c = 0; c < set.inputs; c++) {
      const v = set.features[j * set.inputs + c] ?? 0;
      mean[c] = (mean[c] ?? 0) + v / set.count;
      sq[c] = (sq[c] ?? 0) + (v * v) / set.count;
    }
  }
  return { mean, sd: sq.map((s, c) => Math.sqrt(s - (mean[c] ?? 0) ** 2)) };
}

describe('network data sets', () => {
  it.each([
    { name: 'moons', samples: 101, noise: 0.1, labelNoise: 0.1 },
    { name: 'xor', samples: 64 },
    { name: 'blobs', samples: 90, classes: 4, inputs: 3 },
  ] as const)('$name: deterministic per seed, split, standardised, float32 values', (spec) => {
    const a = loadDataset({ ...spec, dataSeed: 7 });
    const b = loadDataset({ ...spec, dataSeed: 7 });
    const c = loadDataset({ ...spec, dataSeed: 8 });
    expect(a.train.features).toEqual(b.train.features);
    expect(a.test.labels).toEqual(b.test.labels);
    expect(a.train.features).not.toEqual(c.train.features);
    expect(a.train.count + a.test.count).toBe(spec.samples);
    expect(a.test.count).toBe(Math.round(0.2 * spec.samples));
    for (const v of a.train.features) expect(Math.fround(v)).toBe(v);
    const { mean, sd } = columnStats(a.train);
    mean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-6));
    sd.forEach((s) => expect(s).toBeCloseTo(1, 5));
    const classes = spec.name === 'blobs' ? 4 : 2;
    expect(a.train.classes).toBe(classes);
    for (const l of a.train.labels) expect(l).toBeLessThan(classes);
    // every class present
    expect(new Set(a.train.labels).size).toBe(classes);
  });

  it('label noise flips about the stated fraction of labels', () => {
    const clean = loadDataset({ name: 'xor', samples: 2000, testFraction: 0, dataSeed: 1 });
    const noisy = loadDataset({
      name: 'xor',
      samples: 2000,
      testFraction: 0,
      dataSeed: 1,
      labelNoise: 0.2,
    });
    // xor's points do not depend on the label noise draws (drawn after the points)
    expect(noisy.train.features).toEqual(clean.train.features);
    let flipped = 0;
    clean.train.labels.forEach((l, i) => (flipped += l === noisy.train.labels[i] ? 0 : 1));
    // Binomial(2000, 0.2): mean 400, sd ≈ 17.9; 5 sd
    expect(Math.abs(flipped - 400)).toBeLessThan(5 * Math.sqrt(2000 * 0.2 * 0.8));
  });

  it('the split is a deterministic partition', () => {
    const { train, test } = splitIndices(50, 0.3, 'x');
    expect(test.length).toBe(15);
    expect(new Set([...train, ...test]).size).toBe(50);
    expect(splitIndices(50, 0.3, 'x').test).toEqual(test);
    expect(splitIndices(50, 0.3, 'y').test).not.toEqual(test);
  });

  it('digits: the embedded chunk equals data/digits/optdigits.csv (1,797 samples, 64 inputs, 10 classes)', async () => {
    const csv = readFileSync(new URL('../../data/digits/optdigits.csv', import.meta.url), 'utf8');
    const parsed = parseCsvDataset(csv, 'optdigits.csv');
    expect(parsed.labels.length).toBe(1797);
    expect(parsed.inputs).toBe(64);
    expect(parsed.classes).toBe(10);
    const { DIGITS_COUNT, DIGITS_ENCODED } =
      await import('../../src/problems/network/digitsData.ts');
    expect(DIGITS_COUNT).toBe(1797);
    for (let i = 0; i < 1797; i++) {
      expect(DIGITS_ENCODED.charCodeAt(i * 65 + 64) - 97).toBe(parsed.labels[i]);
      for (let c = 0; c < 64; c++) {
        if (DIGITS_ENCODED.charCodeAt(i * 65 + c) - 97 !== parsed.features[i * 64 + c]) {
          throw new Error(`digits row ${i} column ${c} differs`);
        }
      }
    }
    const split = await loadDatasetAsync({ name: 'digits', testFraction: 0.25, splitSeed: 1 });
    expect(split.train.count + split.test.count).toBe(1797);
    expect(split.train.inputs).toBe(64);
    expect(split.train.classes).toBe(10);
    for (const v of split.test.features) expect(Number.isFinite(v)).toBe(true);
  });

  it('CSV: header skipped, blank lines skipped, classes = largest label + 1', () => {
    const set = parseCsvDataset('a,b,label\n1,2,0\n\n3,4.5,2\n-1,0,1\n', 'tiny.csv');
    expect(set.inputs).toBe(2);
    expect(set.classes).toBe(3);
    expect(Array.from(set.labels)).toEqual([0, 2, 1]);
    expect(Array.from(set.features)).toEqual([1, 2, 3, 4.5, -1, 0]);
    const split = loadDataset({ name: 'csv', text: '1,0\n2,1\n3,0\n4,1\n', file: 'f.csv' });
    expect(split.train.count + split.test.count).toBe(4);
  });

  it.each([
    ['', /f\.csv: the file has no data rows/],
    ['x,y,label\n', /f\.csv: the file has no data rows/],
    ['1,2,0\n3,1\n', /f\.csv: row 2 has 2 columns: allowed 3/],
    ['1,2,0\n3,4,1\n5,6,1,7\n', /f\.csv: row 3 has 4 columns/],
    ['1,2,0\n3,NaN,1\n', /f\.csv: row 2, column 2 = "NaN": allowed a finite number/],
    ['1,2,0\n3,Infinity,1\n', /row 2, column 2 = "Infinity"/],
    ['1,abc,0\n3,4,1\n', /row 1, column 2 = "abc": allowed a finite number/],
    ['1,1e39,0\n3,4,1\n', /row 1, column 2 = "1e39": allowed a number of magnitude below 3.4e38/],
    [
      '1,2,0\n3,4,1.5\n',
      /row 2, column 3 \(label\) = "1.5": allowed an integer label in \[0, 255\]/,
    ],
    ['1,2,-1\n3,4,1\n', /row 1, column 3 \(label\) = "-1"/],
    ['1,2,0\n3,4,256\n', /row 2, column 3 \(label\) = "256"/],
    ['1,2,0\n3,4,0\n', /every label is 0/],
    ['1\n2\n', /row 1 has 1 column\(s\)/],
    ['1,,0\n', /row 1, column 2 = "": allowed a finite number/],
  ])('CSV bad input %j → ParameterError %s', (text, message) => {
    let error: unknown;
    try {
      loadDataset({ name: 'csv', text, file: 'f.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as Error).message).toMatch(message);
  });

  it('sizes beyond the limits are refused', () => {
    expect(() => loadDataset({ name: 'moons', samples: MAX_SAMPLES + 1 })).toThrow(
      /samples = 1048577: allowed an integer in \[2, 1048576\]/,
    );
    expect(() => loadDataset({ name: 'blobs', samples: 1 << 15, inputs: 2048 })).toThrow(
      /samples × inputs = 67108864: allowed at most 33554432/,
    );
    const wide = `${new Array(4097).fill('1').join(',')},0\n${new Array(4097).fill('2').join(',')},1\n`;
    expect(() => parseCsvDataset(wide, 'wide.csv')).toThrow(/wide.csv: inputs = 4097/);
    expect(() => loadDataset({ name: 'moons', testFraction: 1 })).toThrow(/testFraction/);
    expect(() => loadDataset({ name: 'moons', labelNoise: 1.5 })).toThrow(/labelNoise/);
    expect(() => loadDataset({ name: 'nope' as 'moons' })).toThrow(/dataset = "nope"/);
  });
});
