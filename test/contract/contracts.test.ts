import { describe, expect, it } from 'vitest';
import '../../src/node/index.ts';
import { checkContract } from '../../src/gpu/contract.ts';
import { kernelInterface } from '../../src/gpu/kernel.ts';
import { KERNEL_CONTRACTS } from '../../src/kernels/contracts.ts';

describe('WGSL <-> TypeScript contracts', () => {
  it.each(KERNEL_CONTRACTS.map((c) => [c.name, c] as const))(
    '%s uses only what its WGSL declares',
    (_, contract) => {
      expect(checkContract(contract)).toEqual([]);
    },
  );

  it('pins the RandomFillParams layout (std140-like uniform rules)', () => {
    const layout = kernelInterface(KERNEL_CONTRACTS[0]?.modules ?? []).layout.struct(
      'RandomFillParams',
    );
    const offsets = Object.fromEntries([...layout.fields.values()].map((f) => [f.name, f.offset]));
    expect(offsets).toEqual({
      key: 0,
      trajectory: 8,
      stepIndex: 12,
      stream: 16,
      firstBlock: 20,
      blockCount: 24,
      p: 28,
    });
    expect(layout.size).toBe(32);
  });

  it('detects a contract that names a missing field', () => {
    const broken = {
      ...KERNEL_CONTRACTS[0],
      structs: { RandomFillParams: ['nope'] },
    } as (typeof KERNEL_CONTRACTS)[0];
    expect(checkContract(broken)).toEqual(['RandomFill: RandomFillParams.nope is missing']);
  });
});
