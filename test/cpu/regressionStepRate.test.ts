import { describe, expect, it } from 'vitest';
import {
  FRAME_BUDGET_MS,
  MIN_STEP_RATE,
  nextStepRate,
} from '../../src/browser/figures/regression/simulation.ts';

/** The rate after `frames` frames of constant costs, from 1 step per frame. */
function settle(drawMs: number, msPerStep: number, max = 4096, frames = 40): number {
  let rate = 1;
  for (let f = 0; f < frames; f++) rate = nextStepRate(rate, drawMs, msPerStep, max);
  return rate;
}

describe('regression figure: step rate of the frame loop', () => {
  it('fills the frame budget when drawing is cheap (a fast adapter)', () => {
    const rate = settle(2, 0.05);
    expect(rate).toBeCloseTo((FRAME_BUDGET_MS - 2) / 0.05, 6);
  });

  it('stays at the run’s cap (a 240th of the run)', () => {
    expect(settle(2, 0.01, 50)).toBe(50);
  });

  it('gives steps as much GPU time as drawing when drawing alone fills the budget', () => {
    // 262,144 particles on a software adapter: drawing ≈ 100 ms, a step ≈ 600 ms.
    const rate = settle(100, 600);
    expect(rate).toBeCloseTo(100 / 600, 6);
    // Frames then take 200 ms on average: 5 frames/s, a step every 6 frames.
    expect(100 + rate * 600).toBeCloseTo(200, 6);
  });

  it('never drops below a step every 16 frames', () => {
    expect(settle(20, 1e5)).toBe(MIN_STEP_RATE);
  });

  it('moves at most ×2 or ÷2 per frame (one noisy frame cannot swing it)', () => {
    expect(nextStepRate(4, 1, 1e-4, 4096)).toBe(8);
    expect(nextStepRate(4, 1, 1e4, 4096)).toBe(2);
  });
});
