import { describe, expect, it } from 'vitest';
import { RandomFill } from '../../src/kernels/randomFill.ts';
import { randomBits, seedKey, uniform4 } from '../../src/random/distributions.ts';
import { withGenerator } from '../../src/random/generator.ts';
import { testSession } from '../gpuTestRuntime.ts';

describe('Threefry4x32-20 on the GPU', () => {
  it('reproduces the Random123 known answers (two-word keys extended by (0, 0))', async () => {
    const fill = await RandomFill.create(await testSession(), 'bits', 'threefry');
    // RandomFill hashes counter (firstBlock + i, step, trajectory, stream): each known answer's
    // counter is one block of some fill. Vectors: test/cpu/threefry.test.ts.
    const cases = [
      { counter: [0, 0, 0, 0], key: [0, 0], expected: '9c6ca96a e17eae66 fc10ecd4 5256a7d8' },
      {
        counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
        key: [0xffffffff, 0xffffffff],
        expected: 'f8698473 521963d8 3ae7c5d3 65df8cc3',
      },
      {
        counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
        key: [0xa4093822, 0x299f31d0],
        expected: '9a4b48f4 0162d876 50dde9e6 9f4e003d',
      },
      {
        counter: [3, 5, 7, 1],
        key: [0xdeadbeef, 0x12345678],
        expected: 'b4290f68 8f925022 1d0a5bd3 e3622f30',
      },
    ] as const;
    for (const { counter, key, expected } of cases) {
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
