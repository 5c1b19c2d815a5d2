import { describe, expect, it } from 'vitest';
import { startCaption } from '../../src/browser/figures/dimension-100.figure.ts';
import { firstTimeAtMost, sci } from '../../src/browser/figures/numbers.ts';

/**
 * The numbers of the figures' captions (src/browser/figures/numbers.ts): honest formats
 * (never `0.0e+0`), the first time a curve reaches a level, and the dimension-100 caption,
 * which says which start is faster from the numbers.
 */
describe('sci', () => {
  it('writes two significant digits, with a real exponent outside [0.01, 10⁴)', () => {
    expect(sci(0)).toBe('0');
    expect(sci(0.25)).toBe('0.25');
    expect(sci(1)).toBe('1');
    expect(sci(1234)).toBe('1,200');
    expect(sci(2.0000000000000052e-4)).toBe('2.0 × 10⁻⁴');
    expect(sci(-1.4e-6)).toBe('−1.4 × 10⁻⁶');
    expect(sci(5.2e12)).toBe('5.2 × 10¹²');
    expect(sci(-0.046)).toBe('−0.046');
    expect(sci(Number.NaN)).toBe('NaN');
  });
});

describe('firstTimeAtMost', () => {
  const t = [0, 1, 2, 3];
  it('interpolates between the samples around the crossing', () => {
    expect(firstTimeAtMost(t, [10, 8, 4, 1], 6)).toBeCloseTo(1.5, 12);
    expect(firstTimeAtMost(t, [10, 8, 4, 1], 10)).toBe(0);
    expect(firstTimeAtMost(t, [10, 8, 4, 1], 0.5)).toBeUndefined();
  });
});

describe('startCaption (dimension-100)', () => {
  const t = [0, 1, 2, 3, 4];
  it('says "faster start without debiasing" only when the autonomous ODE gets there first', () => {
    const faster = startCaption(t, [10, 6, 2, 0.5, 0.1], [10, 0.5, 0.2, 0.1, 0.1], 0.01);
    expect(faster).toContain('without debiasing v starts near 0');
    expect(faster).toContain('the start is faster');
    const slower = startCaption(t, [10, 0.5, 0.2, 0.1, 0.1], [10, 6, 2, 0.5, 0.1], 4);
    expect(slower).toContain('With b/a = 4 the debiased ODE starts faster');
    expect(slower).not.toContain('the start is faster');
    const same = startCaption(t, [10, 0.5, 0.2, 0.1, 0.1], [10, 0.52, 0.2, 0.1, 0.1], 1);
    expect(same).toContain('at about the same time');
    expect(startCaption(t, [10, 9, 8, 7, 6], [10, 0.5, 0.2, 0.1, 0.1], 1)).toContain(
      'the debiased ODE does not bring F down',
    );
  });
});
