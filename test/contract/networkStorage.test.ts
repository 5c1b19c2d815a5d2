import { describe, expect, it } from 'vitest';
import { composeShader } from '../../src/gpu/compose.ts';
import { NETWORK_STEP_STORAGE_BUFFERS } from '../../src/ensemble/networkEnsemble.ts';
import { networkContracts } from './networkContracts.ts';
import { networkEnsembleContracts } from './networkEnsembleContracts.ts';

/** Storage buffers a composed kernel declares (an upper bound of what its stage binds). */
function storageBindings(contract: { modules: Parameters<typeof composeShader>[0] }): number {
  return composeShader(contract.modules).layout.bindings.filter((b) => b.kind === 'storage').length;
}

describe('storage buffers per shader stage of the network kernels', () => {
  it('the step kernel declares NETWORK_STEP_STORAGE_BUFFERS, within SwiftShader’s 10', () => {
    const contracts = networkEnsembleContracts();
    const steps = contracts.filter((c) => c.name.endsWith('.step'));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(storageBindings(step)).toBe(NETWORK_STEP_STORAGE_BUFFERS);
    expect(NETWORK_STEP_STORAGE_BUFFERS).toBeLessThanOrEqual(9);
    // No other kernel of the library needs more than the step kernel.
    for (const contract of [...contracts, ...networkContracts()])
      expect(storageBindings(contract), contract.name).toBeLessThanOrEqual(
        NETWORK_STEP_STORAGE_BUFFERS,
      );
  });

  it('the library binds one packed storage buffer beside its uniform', () => {
    const [meanField] = networkContracts();
    const library = meanField?.modules.find((m) => m.path === 'problems/network.wgsl');
    expect(library?.bindings.map((b) => [b.name, b.kind, b.access])).toEqual([
      ['problem', 'uniform', 'read'],
      ['networkData', 'storage', 'read'],
    ]);
  });
});
