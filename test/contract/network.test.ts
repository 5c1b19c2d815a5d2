import { describe, expect, it } from 'vitest';
import { reflectWgsl } from '../../scripts/wgsl/reflect.ts';
import { composeShader } from '../../src/gpu/compose.ts';
import { checkContract } from '../../src/gpu/contract.ts';
import { fieldList } from '../../src/gpu/layout.ts';
import { NETWORK_MAX_UNITS } from '../../src/problems/network/architecture.ts';
import {
  NETWORK_MEAN_FIELD_CONTRACT,
  networkModules,
} from '../../src/problems/network/meanField.ts';
import type { KernelContract } from '../../src/gpu/contract.ts';
import { networkProbe } from '../../src/generated/wgsl/kernels/index.ts';

/** The network kernels' contracts (kept in this file, beside registry.ts, to ease merging). */
const CONTRACTS: KernelContract[] = [
  NETWORK_MEAN_FIELD_CONTRACT,
  {
    name: 'NetworkProbe (test)',
    modules: networkModules(networkProbe),
    structs: { NetworkProbeParams: ['key', 'trajectory', 'stepIndex'] },
    bindings: ['probeParams', 'probeWeights', 'probeIndices', 'problem', 'networkWidths'],
    overrides: [],
  },
];

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
  it.each(CONTRACTS.map((c) => [c.name, c] as const))(
    '%s uses only what its WGSL declares',
    (_, c) => {
      expect(checkContract(c)).toEqual([]);
    },
  );

  it.each(CONTRACTS.map((c) => [c.name, c] as const))(
    '%s: generated layouts equal wgsl_reflect on the composed WGSL',
    (_, contract) => {
      const composed = composeShader(contract.modules);
      const reflected = reflectWgsl(composed.code);
      for (const [name, generated] of composed.layout.structs) {
        const whole = reflected.structs.find((s) => s.name === name);
        expect(whole, `struct ${name}`).toBeDefined();
        expect(generated.size, `${name} size`).toBe(whole?.size);
        expect(fieldList(generated)).toEqual(whole ? fieldList(whole) : []);
      }
      expect(composed.layout.computeEntryPoints).toEqual(reflected.computeEntryPoints);
    },
  );

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
