import { describe, expect, it } from 'vitest';
import { checkContract } from '../../src/gpu/contract.ts';
import { REDUCE_CONTRACTS } from '../../src/kernels/reduceContracts.ts';

describe('reduction kernels: TypeScript <-> WGSL contract', () => {
  it.each(REDUCE_CONTRACTS.map((c) => [c.name, c] as const))('%s', (_name, contract) => {
    expect(checkContract(contract)).toEqual([]);
  });
});
