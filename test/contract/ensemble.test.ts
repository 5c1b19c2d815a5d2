import { describe, expect, it } from 'vitest';
import { checkContract } from '../../src/gpu/contract.ts';
import { ensembleContracts } from './ensembleContracts.ts';

describe('ensemble WGSL <-> TypeScript contracts', () => {
  it.each(ensembleContracts().map((c) => [c.name, c] as const))(
    '%s uses only what its WGSL declares',
    (_, contract) => {
      expect(checkContract(contract)).toEqual([]);
    },
  );
});
