import { describe, expect, it } from 'vitest';
import {
  BATTERY_Z_LIMIT,
  counterAvalanche,
  streamBattery,
  streamWords,
} from '../../src/random/battery.ts';
import { seedKey } from '../../src/random/distributions.ts';

/*
 * The battery of src/random/battery.ts on long streams of the float64 twins (bit-identical to
 * the WGSL: test/gpu/philox.test.ts, test/gpu/threefry.test.ts): 2^22 words along the blocks
 * and 2^20 along the trajectories, plus the counter avalanche; every |z| < 5 at these fixed
 * seeds. Results: docs/numerics.md, "Random generators: Threefry4x32-20".
 */
const report = (rng: string, along: string, results: { name: string; z: number }[]) =>
  results
    .filter((r) => !(Math.abs(r.z) < BATTERY_Z_LIMIT))
    .map((r) => `${rng} along ${along}: ${r.name} z = ${r.z}`);

describe.each(['philox', 'threefry'] as const)('random battery (%s)', (rng) => {
  const key = seedKey('battery', rng);

  it('passes on 2^22 words along the blocks', () => {
    expect(report(rng, 'blocks', streamBattery(streamWords(key, 1 << 22, 'blocks')))).toEqual([]);
  });

  it('passes on 2^20 words along the trajectories', () => {
    const words = streamWords(key, 1 << 20, 'trajectories');
    expect(report(rng, 'trajectories', streamBattery(words))).toEqual([]);
  });

  it('has the strict avalanche property in every counter bit', () => {
    expect(report(rng, 'counters', [counterAvalanche(key, 1000)])).toEqual([]);
  });
});

describe('random battery: negative control', () => {
  it('rejects a Weyl sequence (w_i = i · 0x9E3779B9 mod 2^32)', () => {
    const words = Uint32Array.from({ length: 1 << 20 }, (_, i) => Math.imul(i, 0x9e3779b9) >>> 0);
    const failed = streamBattery(words).filter((r) => !(Math.abs(r.z) < BATTERY_Z_LIMIT));
    expect(failed.length).toBeGreaterThanOrEqual(2);
  });
});
