import { describe, expect, it } from 'vitest';
import { RandomFill } from '../../src/kernels/randomFill.ts';
import { normal4, seedKey, uniform4 } from '../../src/random/distributions.ts';
import { normalCdf } from '../../src/stats/normal.ts';
import { testSession } from '../gpuTestRuntime.ts';
import { fillOnGpu } from './reduceTestHelpers.ts';

/**
 * Statistical checks of the GPU random streams at fixed seeds (docs/numerics.md). With n
 * draws: the sample mean must be within 5 standard errors sqrt(var / n) of the true mean and
 * the sample variance within 5 standard errors sqrt((mu4 - var^2) / n) (mu4: the fourth
 * central moment) of the true variance (two-sided tail 5.7e-7 each); the Kolmogorov–Smirnov
 * distance D_n below c(alpha) / sqrt(n) with alpha = 1e-6, c = sqrt(-ln(alpha / 2) / 2) = 2.70
 * (Kolmogorov's asymptotic tail 2 exp(-2 c^2)). A correct generator passes at any seed with
 * overwhelming probability; the negative checks show a 2% shift or scale is caught.
 */
const N = 2 ** 20;
const ALPHA = 1e-6;
const KS_CRITICAL = Math.sqrt(-Math.log(ALPHA / 2) / 2) / Math.sqrt(N);

interface Moments {
  mean: number;
  variance: number;
  /** Fourth central moment of the true distribution. */
  mu4: number;
}

/** Violations (empty when all pass) of the mean, variance and, when `cdf` is given, KS checks. */
function checkDistribution(
  draws: ArrayLike<number>,
  truth: Moments,
  cdf?: (x: number) => number,
): string[] {
  const n = draws.length;
  const sorted = Float64Array.from(draws).sort();
  let sum = 0;
  for (const x of sorted) sum += x;
  const mean = sum / n;
  let m2 = 0;
  for (const x of sorted) m2 += (x - mean) ** 2;
  const variance = m2 / (n - 1);
  const problems: string[] = [];
  const meanBound = 5 * Math.sqrt(truth.variance / n);
  if (!(Math.abs(mean - truth.mean) <= meanBound)) {
    problems.push(`mean ${mean} vs ${truth.mean}: |error| > 5 SE = ${meanBound}`);
  }
  const varianceBound = 5 * Math.sqrt((truth.mu4 - truth.variance ** 2) / n);
  if (!(Math.abs(variance - truth.variance) <= varianceBound)) {
    problems.push(`variance ${variance} vs ${truth.variance}: |error| > 5 SE = ${varianceBound}`);
  }
  if (cdf) {
    let distance = 0;
    sorted.forEach((x, i) => {
      const f = cdf(x);
      distance = Math.max(distance, (i + 1) / n - f, f - i / n);
    });
    if (!(distance <= KS_CRITICAL)) {
      problems.push(`Kolmogorov–Smirnov D = ${distance} > ${KS_CRITICAL} (alpha = ${ALPHA})`);
    }
  }
  return problems;
}

const UNIFORM: Moments = { mean: 0.5, variance: 1 / 12, mu4: 1 / 80 };
const NORMAL: Moments = { mean: 0, variance: 1, mu4: 3 };
const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));

// Both generators: Philox4x32-10 and Threefry4x32-20 (same seeds, same checks).
describe.each(['philox', 'threefry'] as const)(
  'random streams (%s): moments and Kolmogorov–Smirnov at fixed seeds',
  (rng) => {
    it('uniform (0, 1)', async () => {
      const fill = await RandomFill.create(await testSession(), 'uniform', rng);
      const draws = await fill.draw({
        key: seedKey('stats-uniform', rng),
        distribution: 'uniform',
        count: N,
      });
      expect(checkDistribution(draws, UNIFORM, uniformCdf)).toEqual([]);
    });

    it('normal (Box–Muller), and a 2% shift or scale of it is detected', async () => {
      const fill = await RandomFill.create(await testSession(), 'normal', rng);
      const draws = await fill.draw({
        key: seedKey('stats-normal', rng),
        distribution: 'normal',
        count: N,
      });
      expect(checkDistribution(draws, NORMAL, normalCdf)).toEqual([]);
      // Negative checks: a shift by 0.02 moves the mean by 20 SE and the CDF by 0.4 * 0.02 =
      // 0.008 = 3 KS critical values; a scale by 1.02 moves the variance by 29 SE.
      const shifted = Float64Array.from(draws, (x) => x + 0.02);
      const scaled = Float64Array.from(draws, (x) => 1.02 * x);
      const shiftProblems = checkDistribution(shifted, NORMAL, normalCdf);
      expect(shiftProblems.some((p) => p.startsWith('mean'))).toBe(true);
      expect(shiftProblems.some((p) => p.startsWith('Kolmogorov'))).toBe(true);
      const scaleProblems = checkDistribution(scaled, NORMAL, normalCdf);
      expect(scaleProblems.some((p) => p.startsWith('variance'))).toBe(true);
      expect(scaleProblems.some((p) => p.startsWith('Kolmogorov'))).toBe(true);
    });

    it.each([0.3, 0.01])('Bernoulli(p = %s)', async (p) => {
      const fill = await RandomFill.create(await testSession(), 'bernoulli', rng);
      const draws = await fill.draw({
        key: seedKey(`stats-bernoulli-${p}`, rng),
        distribution: 'bernoulli',
        count: N,
        p,
      });
      expect(draws.every((x) => x === 0 || x === 1)).toBe(true);
      // For 0/1 values the KS distance is |mean - p|, so the mean check covers it. Central
      // moments: var = p q, mu4 = p q (1 - 3 p q). P(u < p) differs from p by < 2^-23 (grid).
      const pq = p * (1 - p);
      expect(checkDistribution(draws, { mean: p, variance: pq, mu4: pq * (1 - 3 * pq) })).toEqual(
        [],
      );
    });
  },
);

describe.each(['philox', 'threefry'] as const)(
  'GPU normals (%s) against the float64 twin normal4',
  (rng) => {
    /**
     * Per value z = r cos t (or r sin t), r = sqrt(-2 ln u), t = 2 pi u' (u, u' exact in both):
     * - ln in f32: absolute error <= 2^-21 on [0.5, 2], 3 ULP elsewhere (WGSL spec), so
     *   |dL| <= 2^-20 + 6 ULP(L) for L = -2 ln u, and sqrt adds 2.5 ULP: |dr| <= 2^-21 / r + 8 u r;
     * - t: 2 pi rounded to f32 and one product, |dt| <= 2 u t <= 2^-23 2 pi;
     * - cos, sin: absolute error <= 2^-11 (WGSL spec; SwiftShader uses it, see numerics.md).
     * So |dz| <= |dr| + r (2^-11 + |dt|) + u |z|, with u = 2^-24.
     */
    it('agree within the float32 bound built from the WGSL accuracy of log, sqrt, cos, sin', async () => {
      const fill = await RandomFill.create(await testSession(), 'normal', rng);
      const key = seedKey('normal-twin', rng);
      const count = 2 ** 18;
      const gpu = await fill.draw({ key, distribution: 'normal', count });
      const u = 2 ** -24;
      const failures: string[] = [];
      let worst = 0;
      let worstOverR = 0;
      for (let b = 0; b < count / 4; b++) {
        const cpu = normal4(key, 0, 0, b, 7);
        const uniforms = uniform4(key, 0, 0, b, 7);
        for (let lane = 0; lane < 4; lane++) {
          const r = Math.sqrt(-2 * Math.log(uniforms[lane < 2 ? 0 : 2] ?? NaN));
          const z = cpu[lane] ?? NaN;
          const dr = 2 ** -21 / r + 8 * u * r;
          const bound = dr + r * (2 ** -11 + 2 ** -23 * 2 * Math.PI) + u * Math.abs(z);
          const error = Math.abs((gpu[4 * b + lane] ?? NaN) - z);
          worst = Math.max(worst, error);
          worstOverR = Math.max(worstOverR, error / r);
          if (!(error <= bound) && failures.length < 10) {
            failures.push(
              `block ${b} lane ${lane}: gpu ${gpu[4 * b + lane]} cpu ${z} error ${error} bound ${bound}`,
            );
          }
        }
      }
      const adapter = (await testSession()).adapter.label;
      console.info(
        `normal4 GPU vs float64 on ${adapter}: worst |dz| = ${worst.toExponential(2)}, worst |dz|/r = ${worstOverR.toExponential(2)} (2^-11 = ${(2 ** -11).toExponential(2)})`,
      );
      expect(failures).toEqual([]);
    });
  },
);

describe('Philox throughput', () => {
  it('fills 2^24 raw draws (measured, labelled with the adapter)', async () => {
    const session = await testSession();
    const key = seedKey('throughput');
    const count = 2 ** 24;
    const warm = await fillOnGpu(session, 'bits', 4096, key);
    warm.destroy();
    const started = performance.now();
    const buffer = await fillOnGpu(session, 'bits', count, key);
    const seconds = (performance.now() - started) / 1000;
    buffer.destroy();
    const adapter = (await testSession()).adapter.label;
    console.info(
      `Philox4x32-10: ${(count / seconds / 1e6).toFixed(1)} M draws/s (${count} u32 in ${seconds.toFixed(2)} s, no readback) on ${adapter}`,
    );
    expect(seconds).toBeGreaterThan(0);
  });
});
