import { ParameterError } from '../errors.ts';
import { normalQuantile } from './normal.ts';

/** A two-sided confidence interval for a binomial proportion. */
export interface WilsonInterval {
  low: number;
  high: number;
  /** The confidence level in (0, 1), e.g. 0.95. */
  confidence: number;
}

/**
 * Wilson score interval (Wilson 1927) for `successes` out of `trials` at `confidence`:
 * center (p + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) · sqrt(p(1-p)/n + z²/4n²), with
 * z = Φ⁻¹((1 + confidence)/2). With no trials it is [0, 1].
 * Example: `wilsonInterval(5, 10)` → `{ low: 0.2366, high: 0.7634, confidence: 0.95 }`.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): WilsonInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new ParameterError('confidence', confidence, 'a number in the open interval (0, 1)');
  }
  if (!Number.isInteger(trials) || trials < 0) {
    throw new ParameterError('trials', trials, 'an integer >= 0');
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new ParameterError('successes', successes, `an integer in [0, trials = ${trials}]`);
  }
  if (trials === 0) return { low: 0, high: 1, confidence };
  const z = normalQuantile(0.5 + confidence / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half), confidence };
}
