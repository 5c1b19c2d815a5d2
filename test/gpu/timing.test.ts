import { readTiming, startTiming, stopTiming } from '../../src/gpu/timing.ts';
import { describe, expect, it } from 'vitest';
import { GpuEnsemble } from '../../src/ensemble/index.ts';
import { passDurations, TIMING_PAIRS_PER_SET } from '../../src/gpu/timing.ts';
import { testSession } from '../gpuTestRuntime.ts';

describe('GPU pass timing (timestamp-query)', () => {
  it('turns resolved timestamp pairs into seconds; a pair that goes backwards is 0', () => {
    const ns = BigUint64Array.of(1000n, 3500n, 10n, 5n, 2_000_000_000n, 3_500_000_000n);
    expect(passDurations(ns, ['a', 'b', 'c'])).toEqual([
      { label: 'a', seconds: 2.5e-6 },
      { label: 'b', seconds: 0 },
      { label: 'c', seconds: 1.5 },
    ]);
  });

  it('times every compute pass the engines encode while on, none when off', async () => {
    const session = await testSession();
    const device = await session.device();
    const on = await startTiming(session);
    expect(on).toBe(device.features.has('timestamp-query'));
    if (!on) {
      expect(await readTiming(session)).toEqual([]);
      return;
    }
    expect(session.passTimer).toBeDefined();
    const ensemble = await GpuEnsemble.create(session, {
      problem: { name: 'quadratic-diag', dimension: 8 },
      optimizer: { name: 'adam', gamma: 0.01 },
      trajectories: 64,
      seed: 1,
      x0: 1,
      stepsPerDispatch: 8,
    });
    await ensemble.advance(16);
    await ensemble.advance(8);
    const timings = await readTiming(session);
    expect(timings.map((t) => t.label)).toEqual([
      'Ensemble.initPass',
      'Ensemble.stepPass',
      'Ensemble.stepPass',
    ]);
    for (const t of timings) {
      expect(Number.isFinite(t.seconds)).toBe(true);
      expect(t.seconds).toBeGreaterThanOrEqual(0);
      expect(t.seconds).toBeLessThan(60);
    }
    // Read once: a second read has nothing new.
    expect(await readTiming(session)).toEqual([]);
    // More passes than one query set holds.
    for (let i = 0; i <= TIMING_PAIRS_PER_SET; i++) await ensemble.advance(1);
    const many = await readTiming(session);
    expect(many).toHaveLength(TIMING_PAIRS_PER_SET + 1);
    stopTiming(session);
    expect(session.passTimer).toBeUndefined();
    await ensemble.advance(8);
    expect(await readTiming(session)).toEqual([]);
    ensemble.destroy();
  });
});
