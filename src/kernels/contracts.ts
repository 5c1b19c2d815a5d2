import type { KernelContract } from '../gpu/contract.ts';
import { RANDOM_FILL_CONTRACT } from './randomFill.ts';
import { REDUCE_CONTRACTS } from './reduceContracts.ts';
import { ensembleContracts } from '../ensemble/contracts.ts';
import { observerContracts } from '../ensemble/observerContracts.ts';

/** Every kernel's contract with its WGSL; test/contract checks them all. */
export const KERNEL_CONTRACTS: KernelContract[] = [
  RANDOM_FILL_CONTRACT,
  ...REDUCE_CONTRACTS,
  ...ensembleContracts(),
  ...observerContracts(),
];
