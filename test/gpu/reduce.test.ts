import { afterAll, describe, expect, it } from 'vitest';
import { readBuffer, uploadStorage } from '../../src/gpu/buffers.ts';
import { ParameterError } from '../../src/errors.ts';
import { GpuReducer, TILE_VALUES } from '../../src/kernels/reduce.ts';
import { readSummaries } from '../../src/kernels/reduceDecode.ts';
import { seedKey, uniform4 } from '../../src/random/distributions.ts';
import { summarize, summarizeSegments, type Summary } from '../../src/stats/summary.ts';
import { wilsonInterval } from '../../src/stats/wilson.ts';
import { testDevice, testSession } from '../gpuTestRuntime.ts';
import { fillOnGpu, magnitudes, summaryComparisons, U32, violations } from './reduceTestHelpers.ts';

/** Deterministic float32 test data: mean 3, amplitude 2, so kappa > 1 for the variance. */
function testValues(n: number, nonFinite = true): Float32Array<ArrayBuffer> {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 3 + 2 * Math.sin(0.7 * i) + 0.001 * (i % 17);
  if (nonFinite && n >= 1000) {
    x[5] = NaN;
    x[n - 1] = Infinity;
    x[n >> 1] = -Infinity;
  }
  return x;
}

const QUANTILES = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];
let reducer: GpuReducer | undefined;
async function gpuReducer(): Promise<GpuReducer> {
  reducer ??= await GpuReducer.create(await testSession());
  return reducer;
}
afterAll(() => reducer?.destroy());

function expectWithinBounds(
  gpu: Summary,
  reference: Summary,
  values: ArrayLike<number>,
  at: {
    first?: number;
    count: number;
    offset?: number;
    stride?: number;
  },
): void {
  const { sumAbs, maxAbs } = magnitudes(values, at.first ?? 0, at.count, at.offset, at.stride);
  expect(violations(summaryComparisons(gpu, reference, sumAbs, maxAbs))).toEqual([]);
  // Wilson interval: a function of the exact counts, so it must agree exactly.
  expect(gpu.fractionAboveInterval).toEqual(
    wilsonInterval(reference.aboveThreshold, reference.count),
  );
}

describe('GpuReducer against the float64 twin', () => {
  it.each([1, 2, 3, 1000, 2 ** 20 + 7])('N = %i: every statistic within its bound', async (n) => {
    const device = await testDevice();
    const values = testValues(n);
    const input = uploadStorage(device, 'ReduceTest.input', values);
    const options = { quantiles: QUANTILES, threshold: 3.5 };
    const gpu = await (await gpuReducer()).summarize(input, n, options);
    const reference = summarize(values, options);
    expectWithinBounds(gpu, reference, values, { count: n });
    expect(gpu.nonFinite).toBe(n >= 1000 ? 3 : 0);
    expect(gpu.quantileResolution).toBeCloseTo((reference.max - reference.min) / 2048, 12);
    input.destroy();
  });

  it('gives identical results when forced to chunk the binding (chunkValues = one tile)', async () => {
    const device = await testDevice();
    const n = 100_003;
    const values = testValues(n);
    const input = uploadStorage(device, 'ReduceTest.input', values);
    const r = await gpuReducer();
    const whole = await r.summarize(input, n, { quantiles: QUANTILES });
    // One tile per dispatch: 13 dispatches, each binding its own aligned range. Tiles and the
    // merge tree are the same, so the result must be bit-identical.
    const chunked = await r.summarize(input, n, { quantiles: QUANTILES, chunkValues: TILE_VALUES });
    expect(chunked).toEqual(whole);
    expectWithinBounds(chunked, summarize(values, { quantiles: QUANTILES }), values, { count: n });
    input.destroy();
  });

  it('reduces one coordinate of an interleaved buffer (offset, stride), chunked', async () => {
    const device = await testDevice();
    const n = 20_000;
    const stride = 3;
    const values = testValues(n * stride + 1);
    const input = uploadStorage(device, 'ReduceTest.interleaved', values);
    const options = { offset: 1, stride, quantiles: [0.1, 0.5, 0.9], threshold: 2 };
    const gpu = await (await gpuReducer()).summarize(input, n, { ...options, chunkValues: 5000 });
    const reference = summarize(values, { ...options, count: n });
    expectWithinBounds(gpu, reference, values, { count: n, offset: 1, stride });
    input.destroy();
  });

  it('reduces G segments separately in one go (with an empty and an all-NaN segment)', async () => {
    const device = await testDevice();
    const segments = 7;
    const length = 20_011; // 3 tiles per segment: chunks start inside segments
    const values = testValues(segments * length);
    values.fill(NaN, 2 * length, 3 * length); // segment 2: nothing finite
    values[4 * length + 10] = Infinity;
    const input = uploadStorage(device, 'ReduceTest.segments', values);
    const options = { segments, quantiles: [0.5, 0.9] };
    const r = await gpuReducer();
    const gpu = await r.summarizeSegments(input, segments * length, options);
    const chunked = await r.summarizeSegments(input, segments * length, {
      ...options,
      chunkValues: 1,
    });
    expect(chunked).toEqual(gpu);
    const reference = summarizeSegments(values, options);
    reference.forEach((ref, g) => {
      const got = gpu[g];
      if (!got) throw new Error(`segment ${g} missing`);
      expectWithinBounds(got, ref, values, { first: g * length, count: length });
    });
    expect(gpu[2]?.count).toBe(0);
    expect(gpu[2]?.nonFinite).toBe(length);
    expect(gpu[2]?.mean).toBeNaN();
    expect(gpu[4]?.nonFinite).toBe(1);
    // Zero values in 3 segments: every segment is empty.
    const none = await r.summarizeSegments(input, 0, { segments: 3 });
    expect(none.map((s) => [s.count, s.nonFinite, s.sum])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    input.destroy();
  });

  it('encodes many records into one results buffer, read back once', async () => {
    const session = await testSession();
    const device = await session.device();
    const r = await gpuReducer();
    const n = 5000;
    const values = testValues(n);
    const input = uploadStorage(device, 'ReduceTest.records', values);
    const results = r.createResultsBuffer(20);
    const encoder = device.createCommandEncoder({ label: 'ReduceTest.records.encoder' });
    for (let record = 0; record < 10; record++) {
      // Record k: the first 500 (k + 1) values, two segments, in slots 2k and 2k + 1.
      const count = 500 * (record + 1);
      r.encode(encoder, { input, count, results, slot: 2 * record, segments: 2, quantiles: [0.5] });
    }
    device.queue.submit([encoder.finish()]);
    const decoded = await readSummaries(device, results, { slotCount: 20 });
    for (let record = 0; record < 10; record++) {
      const count = 500 * (record + 1);
      const reference = summarizeSegments(values, { count, segments: 2, quantiles: [0.5] });
      for (let g = 0; g < 2; g++) {
        const got = decoded[2 * record + g];
        const ref = reference[g];
        if (!got || !ref) throw new Error('missing record');
        expectWithinBounds(got, ref, values, { first: (g * count) / 2, count: count / 2 });
      }
    }
    results.destroy();
    input.destroy();
  });

  it.each(['uniform', 'normal'] as const)(
    'N = 10^7 %s draws filled on the GPU: within bounds of the float64 reference',
    async (distribution) => {
      const session = await testSession();
      const device = await session.device();
      const n = 10_000_000;
      const key = seedKey('reduce-1e7');
      const input = await fillOnGpu(session, distribution, n, key);
      // Three non-finite values, written over draws (counted and excluded).
      for (const [at, value] of [
        [17, NaN],
        [5_000_001, Infinity],
        [n - 1, -Infinity],
      ] as const) {
        device.queue.writeBuffer(input, at * 4, new Float32Array([value]));
      }
      const started = performance.now();
      const options = { quantiles: [0.001, 0.5, 0.999], threshold: 0.9 };
      const gpu = await (await gpuReducer()).summarize(input, n, options);
      const gpuMs = performance.now() - started;
      const values = new Float32Array(await readBuffer(device, input, n * 4));
      // The GPU uniforms are the CPU twin's bit for bit (spot check of 4096 of them); the
      // reference is computed from the read-back GPU values, so normals need no tolerance here.
      for (let i = 0; i < (distribution === 'uniform' ? 4096 : 0); i++) {
        const at = 1 + ((i * 2441) % (n - 2));
        if (at === 17 || at === 5_000_001) continue;
        expect(values[at]).toBe(uniform4(key, 0, 0, at >> 2, 7)[at & 3]);
      }
      const reference = summarize(values, options);
      expectWithinBounds(gpu, reference, values, { count: n });
      const relative = (name: 'sum' | 'mean' | 'variance') =>
        Math.abs(gpu[name] - reference[name]) / Math.abs(reference[name]);
      console.info(
        `N = 1e7 ${distribution}: GPU summarize ${gpuMs.toFixed(0)} ms (software adapter); relative errors ` +
          `sum ${relative('sum').toExponential(2)}, mean ${relative('mean').toExponential(2)}, ` +
          `variance ${relative('variance').toExponential(2)} (u = ${U32.toExponential(2)})`,
      );
      input.destroy();
    },
  );

  it('throws ParameterError naming the parameter for bad arguments', async () => {
    const session = await testSession();
    const device = await session.device();
    const r = await gpuReducer();
    const input = uploadStorage(device, 'ReduceTest.small', new Float32Array(16));
    const bad: [string, () => Promise<unknown>][] = [
      ['count', () => r.summarize(input, -1)],
      ['count', () => r.summarize(input, 17)],
      ['confidence', () => r.summarize(input, 4, { confidence: 1 })],
      ['confidence', () => r.summarize(input, 4, { confidence: 0 })],
      ['threshold', () => r.summarize(input, 4, { threshold: NaN })],
      ['segments', () => r.summarizeSegments(input, 10, { segments: 3 })],
      ['quantiles[0]', () => r.summarize(input, 4, { quantiles: [1.5] })],
      ['bins', () => GpuReducer.create(session, { bins: 0 })],
    ];
    for (const [parameter, call] of bad) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, parameter).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe(parameter);
      expect((error as ParameterError).message).toMatch(/allowed/);
    }
    input.destroy();
  });
});
