import type { KernelContract } from '../../src/gpu/contract.ts';
import { RANDOM_FILL_CONTRACT } from '../../src/kernels/randomFill.ts';
import { REDUCE_CONTRACTS } from '../../src/kernels/reduceContracts.ts';
import { ensembleContracts } from './ensembleContracts.ts';
import { observerContracts } from './observerContracts.ts';

/** Every kernel's contract with its WGSL; test/contract checks them all. */
export const KERNEL_CONTRACTS: KernelContract[] = [
  RANDOM_FILL_CONTRACT,
  ...REDUCE_CONTRACTS,
  ...ensembleContracts(),
  ...observerContracts(),
];
