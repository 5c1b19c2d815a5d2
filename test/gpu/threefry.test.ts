import { describe, expect, it } from 'vitest';
import { RandomFill } from '../../src/kernels/randomFill.ts';
import { randomBits, seedKey, uniform4 } from '../../src/random/distributions.ts';
import { withGenerator } from '../../src/random/generator.ts';
import { testSession } from '../gpuTestRuntime.ts';
import { THREEFRY_KEY2_KAT } from '../threefryKnownAnswers.ts';

describe('Threefry4x32-20 on the GPU', () => {
  it('reproduces the Random123 known answers (two-word keys extended by (0, 0))', async () => {
    const fill = await RandomFill.create(await testSession(), 'bits', 'threefry');
    // RandomFill hashes counter (firstBlock + i, step, trajectory, stream): each known answer's
    // counter is one block of some fill. Vectors: test/threefryKnownAnswers.ts.
    for (const { counter, key, expected } of THREEFRY_KEY2_KAT) {
      const bits = await fill.draw({
        key: withGenerator(key, 'threefry'),
        distribution: 'bits',
        count: 4,
        firstBlock: counter[0],
        step: counter[1],
        trajectory: counter[2],
        stream: counter[3],
      });
      expect([...bits].map((x) => x.toString(16).padStart(8, '0')).join(' ')).toBe(expected);
    }
  });

  it('is bit-identical to the twin on a long stream (3 × 2^20 words)', async () => {
    const fill = await RandomFill.create(await testSession(), 'bits', 'threefry');
    const key = seedKey('bit-identity', 'threefry');
    const count = 1 << 20;
    for (const [trajectory, step, stream] of [
      [0, 0, 7],
      [123456, 98765, 0],
      [0xffffffff, 1, 1],
    ] as const) {
      const gpu = await fill.draw({ key, distribution: 'bits', count, trajectory, step, stream });
      let mismatches = 0;
      for (let block = 0; block < count / 4; block++) {
        const cpu = randomBits(key, trajectory, step, block, stream);
        for (let lane = 0; lane < 4; lane++) if (gpu[4 * block + lane] !== cpu[lane]) mismatches++;
      }
      expect(mismatches, `trajectory ${trajectory}, step ${step}`).toBe(0);
    }
  });

  it('maps bits to uniforms in (0, 1) exactly as the twin', async () => {
    const fill = await RandomFill.create(await testSession(), 'uniform', 'threefry');
    const key = seedKey(42, 'threefry');
    const gpu = await fill.draw({ key, distribution: 'uniform', count: 4096 });
    for (let block = 0; block < 1024; block++) {
      const cpu = uniform4(key, 0, 0, block, 7);
      for (let lane = 0; lane < 4; lane++) expect(gpu[4 * block + lane]).toBe(cpu[lane]);
    }
  });
});
