import { describe, expect, it } from 'vitest';
import { RandomFill } from '../../src/kernels/randomFill.ts';
import { randomBits, seedKey, uniform4 } from '../../src/random/distributions.ts';
import { testSession } from '../gpuTestRuntime.ts';

describe('Philox4x32-10 on the GPU', () => {
  it('reproduces the known answers', async () => {
    const fill = await RandomFill.create(await testSession(), 'bits');
    // KAT 1: counter 0, key 0 -> block 0 at (step 0, trajectory 0, stream 0).
    const zero = await fill.draw({ key: [0, 0], distribution: 'bits', count: 4, stream: 0 });
    expect([...zero].map((x) => x.toString(16))).toEqual([
      '6627e8d5',
      'e169c58d',
      'bc57ac4c',
      '9b00dbd8',
    ]);
  });

  it('is bit-identical to the CPU for 2^20 draws across blocks, steps and trajectories', async () => {
    const fill = await RandomFill.create(await testSession(), 'bits');
    const key = seedKey('bit-identity');
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

  it('maps bits to uniforms in (0, 1) exactly as the CPU', async () => {
    const fill = await RandomFill.create(await testSession(), 'uniform');
    const key = seedKey(42);
    const gpu = await fill.draw({ key, distribution: 'uniform', count: 4096 });
    for (let block = 0; block < 1024; block++) {
      const cpu = uniform4(key, 0, 0, block, 7);
      for (let lane = 0; lane < 4; lane++) expect(gpu[4 * block + lane]).toBe(cpu[lane]);
    }
  });
});
