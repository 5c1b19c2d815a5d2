import { describe, expect, it } from 'vitest';
import {
  FRAME_BUDGET_MS,
  FRAME_TARGET_MS,
  MIN_STEP_RATE,
  STEP_SHARE,
  nextStepRate,
} from '../../src/browser/figures/regression/simulation.ts';

/** The rate after `frames` frames of constant costs, from 1 step per frame. */
function settle(
  drawMs: number,
  msPerStep: number,
  max = 4096,
  frames = 40,
  otherMs?: number,
): number {
  let rate = 1;
  for (let f = 0; f < frames; f++) rate = nextStepRate(rate, drawMs, msPerStep, max, otherMs);
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

  it('caps the steps by the frame rate: a frame fills up to FRAME_TARGET_MS of wall time', () => {
    // 4,096 particles on a software adapter: the GPU draws in 3 ms, but a frame without steps
    // takes 31 ms of wall time (main thread, compositor, the wait for the display); a step
    // costs 0.5 ms. The GPU budget alone allows 11 ms of steps: 42 ms a frame.
    const rate = settle(3, 0.5, 4096, 40, 31);
    expect(rate).toBeCloseTo((FRAME_TARGET_MS - 31) / 0.5, 6);
    // A frame then takes 40 ms: 25 frames/s.
    expect(31 + rate * 0.5).toBeCloseTo(FRAME_TARGET_MS, 6);
    expect(settle(3, 0.5)).toBeCloseTo(11 / 0.5, 6);
    // Above FRAME_TARGET_MS / (1 + STEP_SHARE) of other time, the steps get STEP_SHARE of it.
    expect(settle(3, 0.5, 4096, 40, 36)).toBeCloseTo((STEP_SHARE * 36) / 0.5, 6);
  });

  it('gives steps STEP_SHARE of a frame whose other work alone exceeds the target', () => {
    // 262,144 particles on a software adapter: 150 ms of wall time per frame without steps,
    // 100 ms of drawing on the GPU, 60 ms per step.
    const rate = settle(100, 60, 4096, 60, 150);
    expect(rate).toBeCloseTo((STEP_SHARE * 150) / 60, 6);
    // 180 ms per frame: 5.6 frames/s (the GPU budget alone gave 250 ms: 4 frames/s).
    expect(150 + rate * 60).toBeCloseTo(180, 6);
    expect(150 + settle(100, 60) * 60).toBeCloseTo(250, 6);
  });

  it('keeps the GPU budget when it is the smaller limit (a fast adapter at the display rate)', () => {
    // Hardware: 1 ms of drawing, 0.05 ms per step, a frame's other time 15 ms (vsync).
    expect(settle(1, 0.05, 4096, 40, 15)).toBeCloseTo((FRAME_BUDGET_MS - 1) / 0.05, 6);
  });
});
