import type { KernelContract } from '../../src/gpu/contract.ts';
import {
  NETWORK_MEAN_FIELD_CONTRACT,
  networkModules,
} from '../../src/problems/network/meanField.ts';
import { networkProbe } from '../../src/generated/wgsl/kernels/index.ts';

/**
 * The network library's own kernels: the exact mean field and the test probe (per-sample
 * gradients). Checked by test/contract/contracts.test.ts through the registry; their
 * workgroup memory by test/contract/network.test.ts.
 */
export function networkContracts(): KernelContract[] {
  return [
    NETWORK_MEAN_FIELD_CONTRACT,
    {
      name: 'NetworkProbe (test)',
      modules: networkModules(networkProbe),
      structs: { NetworkProbeParams: ['key', 'trajectory', 'stepIndex'] },
      bindings: ['probeParams', 'probeWeights', 'probeIndices', 'problem', 'networkData'],
      overrides: [],
    },
  ];
}
