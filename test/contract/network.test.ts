import { describe, expect, it } from 'vitest';
import { composeShader } from '../../src/gpu/compose.ts';
import { NETWORK_MAX_UNITS } from '../../src/problems/network/architecture.ts';
import { NETWORK_MEAN_FIELD_CONTRACT } from '../../src/problems/network/meanField.ts';
import { networkContracts } from './networkContracts.ts';

// Their WGSL <-> TypeScript contracts are checked with every kernel's, through registry.ts.
const CONTRACTS = networkContracts();

/** Bytes of the `var<workgroup>` arrays of f32/u32 declared in a WGSL text. */
function workgroupBytes(code: string): number {
  let bytes = 0;
  for (const m of code.matchAll(/var<workgroup>\s+\w+\s*:\s*array<(?:f32|u32|i32),\s*(\d+)u?>/g)) {
    bytes += 4 * Number(m[1]);
  }
  for (const m of code.matchAll(
    /var<workgroup>\s+\w+\s*:\s*array<vec4<(?:f32|u32)>,\s*(\d+)u?>/g,
  )) {
    bytes += 16 * Number(m[1]);
  }
  return bytes;
}

describe('network kernel contracts', () => {
  it('the library and its kernels fit the 16 KiB default workgroup memory', () => {
    for (const contract of CONTRACTS) {
      const { code } = composeShader(contract.modules);
      const bytes = workgroupBytes(code);
      expect(bytes).toBe(2 * 4 * NETWORK_MAX_UNITS);
      expect(bytes).toBeLessThanOrEqual(16384);
    }
    // the WGSL constant is the host's limit
    const library = NETWORK_MEAN_FIELD_CONTRACT.modules.find(
      (m) => m.path === 'problems/network.wgsl',
    );
    expect(library?.code).toContain(`NETWORK_MAX_UNITS: u32 = ${NETWORK_MAX_UNITS}u`);
    expect(library?.code).toContain(`array<f32, ${NETWORK_MAX_UNITS}>`);
  });
});
