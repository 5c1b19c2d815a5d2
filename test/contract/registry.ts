import type { KernelContract } from '../../src/gpu/contract.ts';
import { RANDOM_FILL_CONTRACT, RANDOM_FILL_MODULES_OF } from '../../src/kernels/randomFill.ts';
import { MINIMAL_ADAM_CONTRACTS } from '../../src/bench/minimalKernel.ts';
import { TRIVIAL_DISPATCH_CONTRACT } from '../../src/bench/dispatchCost.ts';
import { REDUCE_CONTRACTS } from '../../src/kernels/reduceContracts.ts';
import { ensembleContracts } from './ensembleContracts.ts';
import { observerContracts } from './observerContracts.ts';
import { networkEnsembleContracts } from './networkEnsembleContracts.ts';
import { networkContracts } from './networkContracts.ts';

/** Every kernel's contract with its WGSL; test/contract checks them all. */
export const KERNEL_CONTRACTS: KernelContract[] = [
  RANDOM_FILL_CONTRACT,
  {
    ...RANDOM_FILL_CONTRACT,
    name: 'RandomFill.threefry',
    modules: RANDOM_FILL_MODULES_OF.threefry,
  },
  ...REDUCE_CONTRACTS,
  ...ensembleContracts(),
  ...observerContracts(),
  ...MINIMAL_ADAM_CONTRACTS,
  TRIVIAL_DISPATCH_CONTRACT,
  ...networkEnsembleContracts(),
  ...networkContracts(),
];
