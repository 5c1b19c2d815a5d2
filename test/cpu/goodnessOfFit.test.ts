import { describe, expect, it } from 'vitest';
import {
  ksCriticalValue,
  ksDistance,
  normalPdf,
  uniformCdf,
} from '../../src/stats/goodnessOfFit.ts';
import { cpuRandomFill } from '../../src/kernels/randomDraws.ts';
import { normalCdf } from '../../src/stats/normal.ts';
import { randomBits, seedKey } from '../../src/random/distributions.ts';

describe('Kolmogorov–Smirnov distance (random-streams figures)', () => {
  it('is 1/(2n) for the midpoints of n equal cells of (0, 1)', () => {
    const n = 1000;
    const midpoints = Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    expect(ksDistance(midpoints, uniformCdf)).toBeCloseTo(0.5 / n, 12);
  });

  it('sees a shifted sample and ignores the input order', () => {
    expect(ksDistance([0.5], uniformCdf)).toBe(0.5);
    // sorted 0.1, 0.3, 0.7, 0.9: the largest gap is F_n(0.3) - F(0.3) = 0.5 - 0.3
    expect(ksDistance([0.9, 0.1, 0.7, 0.3], uniformCdf)).toBeCloseTo(0.2, 12);
  });

  it('has the asymptotic 5 % critical value 1.3581 / sqrt(n)', () => {
    expect(ksCriticalValue(10_000)).toBeCloseTo(0.013581, 6);
  });

  it('uses a normal density that integrates to 1', () => {
    let integral = 0;
    for (let x = -10; x < 10; x += 0.001) integral += normalPdf(x + 0.0005) * 0.001;
    expect(integral).toBeCloseTo(1, 9);
  });
});

describe('cpuRandomFill (CPU twin of RandomFill)', () => {
  const key = seedKey('twin');

  it('returns the Philox bits of consecutive blocks, lane by lane', () => {
    const bits = cpuRandomFill({ key, distribution: 'bits', count: 10, firstBlock: 3, stream: 1 });
    expect([...bits.slice(0, 4)]).toEqual([...randomBits(key, 0, 0, 3, 1)]);
    expect([...bits.slice(8, 10)]).toEqual([...randomBits(key, 0, 0, 5, 1).slice(0, 2)]);
  });

  it.each(['philox', 'threefry'] as const)(
    'draws uniforms, normals and Bernoulli values that follow their laws (%s)',
    (rng) => {
      const n = 1 << 14;
      const key = seedKey('cpu twin laws', rng);
      const uniforms = cpuRandomFill({ key, distribution: 'uniform', count: n });
      const normals = cpuRandomFill({ key, distribution: 'normal', count: n });
      const coins = cpuRandomFill({ key, distribution: 'bernoulli', count: n, p: 0.3 });
      // A fixed seed, so the outcome is deterministic; each check is a 5 % level test.
      expect(ksDistance(uniforms, uniformCdf)).toBeLessThan(ksCriticalValue(n));
      expect(ksDistance(normals, normalCdf)).toBeLessThan(ksCriticalValue(n));
      let ones = 0;
      for (const x of coins) ones += x;
      expect(Math.abs(ones / n - 0.3)).toBeLessThan(1.96 * Math.sqrt((0.3 * 0.7) / n));
    },
  );
});
