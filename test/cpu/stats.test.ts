import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.ts';
import { planReduction } from '../../src/kernels/reducePlan.ts';
import { normalCdf, normalQuantile } from '../../src/stats/normal.ts';
import { summarize, summarizeSegments } from '../../src/stats/summary.ts';
import { quantileRank } from '../../src/stats/summaryOptions.ts';
import { wilsonInterval } from '../../src/stats/wilson.ts';

describe('normal distribution helpers', () => {
  it('matches tabulated values (erfc fit: relative error < 1.2e-7)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 5);
  });
});

describe('Wilson score interval', () => {
  it('reproduces published values (Newcombe 1998, table I: 81/263 -> [0.2553, 0.3662])', () => {
    const w = wilsonInterval(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });
  it('handles 0 and n successes, no trials, and another confidence level', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1, confidence: 0.95 });
    const w99 = wilsonInterval(5, 10, 0.99);
    const w95 = wilsonInterval(5, 10);
    expect(w99.low).toBeLessThan(w95.low);
    expect(w95.low).toBeCloseTo(0.2366, 4); // 5/10 at 95%: [0.2366, 0.7634]
  });
  it.each([0, 1, -0.5, NaN])('rejects confidence %s', (confidence) => {
    expect(() => wilsonInterval(1, 2, confidence)).toThrow(ParameterError);
  });
});

describe('summarize (float64 twin)', () => {
  it('computes every statistic of a small set exactly, excluding non-finite values', () => {
    const s = summarize([4, NaN, 1, Infinity, 3, 2, -Infinity], {
      quantiles: [0, 0.25, 0.5, 1],
      threshold: 2,
    });
    expect(s).toMatchObject({ count: 4, nonFinite: 3, sum: 10, mean: 2.5, m2: 5, min: 1, max: 4 });
    expect(s.variance).toBe(1.25);
    expect(s.sampleVariance).toBeCloseTo(5 / 3, 15);
    // Type-1 quantiles x_(k), k = max(1, ceil(p n)): p = 0.25 -> k = 1, p = 0.5 -> k = 2.
    expect(s.quantiles.map((q) => q.value)).toEqual([1, 1, 2, 4]);
    expect(s.aboveThreshold).toBe(2);
    expect(s.fractionAbove).toBe(0.5);
    expect(s.fractionAboveInterval).toEqual(wilsonInterval(2, 4));
  });
  it('returns NaN statistics when nothing is finite', () => {
    const s = summarize([NaN, NaN]);
    expect(s.count).toBe(0);
    expect(s.nonFinite).toBe(2);
    expect(s.mean).toBeNaN();
    expect(s.min).toBeNaN();
    expect(s.quantiles.every((q) => Number.isNaN(q.value))).toBe(true);
  });
  it('supports segments and strided views', () => {
    const interleaved = [0, 10, 1, 20, 2, 30, 3, 40];
    const odd = summarizeSegments(interleaved, { offset: 1, stride: 2, segments: 2 });
    expect(odd.map((s) => s.mean)).toEqual([15, 35]);
  });
  it.each([
    ['count', () => summarize([1], { count: -1 })],
    ['confidence', () => summarize([1], { confidence: 1.5 })],
    ['threshold', () => summarize([1], { threshold: NaN })],
    ['segments', () => summarizeSegments([1, 2, 3], { segments: 2 })],
    ['quantiles[1]', () => summarize([1], { quantiles: [0.5, -0.1] })],
  ])('throws ParameterError for a bad %s', (parameter, call) => {
    expect(call).toThrow(ParameterError);
    try {
      call();
    } catch (error) {
      expect((error as ParameterError).parameter).toBe(parameter);
    }
  });
});

describe('quantileRank', () => {
  it('is ceil(p n) exactly, at least 1, also beyond 2^53 products', () => {
    expect(quantileRank(2 ** 23, 5)).toBe(3); // p = 1/2, n = 5
    expect(quantileRank(0, 7)).toBe(1);
    expect(quantileRank(2 ** 24, 2 ** 32 - 1)).toBe(2 ** 32 - 1);
    // (2^24 - 1)(2^32 - 1) / 2^24 = 2^32 - 257 + 2^-24 + ... > 4294967039: ceil = 4294967040
    // (float64 arithmetic would round the product and give 4294967039).
    expect(quantileRank(2 ** 24 - 1, 2 ** 32 - 1)).toBe(4294967040);
  });
});

describe('planReduction', () => {
  const limits = { maxStorageBufferBindingSize: 4096, minStorageBufferOffsetAlignment: 256 };
  it.each([
    { count: 10_000, segments: 1, offset: 0, stride: 1 },
    { count: 9_999, segments: 3, offset: 5, stride: 3 },
    { count: 0, segments: 4, offset: 0, stride: 1 },
  ])('covers every value once within binding limits: %o', (request) => {
    const plan = planReduction(
      { ...request, tileValues: 256, mergeWidth: 16 },
      { ...limits, inputByteLength: 4 * (request.offset + request.count * request.stride + 8) },
    );
    let covered = 0;
    for (const chunk of plan.chunks) {
      expect(chunk.byteOffset % 256).toBe(0);
      expect(chunk.byteSize).toBeLessThanOrEqual(4096);
      expect(chunk.firstTile).toBe(covered);
      covered += chunk.tileCount;
      // The chunk's first value sits at element elementShift of the bound range.
      expect(chunk.byteOffset / 4 + chunk.elementShift).toBe(
        request.count === 0 ? 0 : request.offset + chunk.chunkFirstValue * request.stride,
      );
    }
    expect(covered).toBe(plan.totalTiles);
    expect(plan.chunks.length).toBeGreaterThan(request.count > 0 ? 1 : 0);
  });
  it('rejects a count the input cannot hold', () => {
    expect(() =>
      planReduction(
        { count: 100, segments: 1, offset: 0, stride: 1, tileValues: 256, mergeWidth: 16 },
        { ...limits, inputByteLength: 396 },
      ),
    ).toThrow(ParameterError);
  });
});
