import { describe, expect, it } from 'vitest';
import { checkContract } from '../../src/gpu/contract.ts';
import { composeShader } from '../../src/gpu/compose.ts';
import { fieldList } from '../../src/gpu/layout.ts';
import { reflectWgsl } from '../../scripts/wgsl/reflect.ts';
import { KERNEL_CONTRACTS } from './registry.ts';

describe('WGSL <-> TypeScript contracts', () => {
  it.each(KERNEL_CONTRACTS.map((c) => [c.name, c] as const))(
    '%s uses only what its WGSL declares',
    (_, contract) => {
      expect(checkContract(contract)).toEqual([]);
    },
  );

  // The layouts generated at build time (one WGSL file at a time) must be those of the
  // composed program that runs: wgsl_reflect reads the whole composition here and every
  // struct, binding and override the generated modules declare must match it exactly.
  it.each(KERNEL_CONTRACTS.map((c) => [c.name, c] as const))(
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
      const key = (b: { group: number; binding: number; name: string }) =>
        `${b.group}:${b.binding}:${b.name}`;
      expect(composed.layout.bindings.map(key).sort()).toEqual(reflected.bindings.map(key).sort());
      expect([...composed.layout.overrides.keys()].sort()).toEqual(
        reflected.overrides.map((o) => o.name).sort(),
      );
      expect(composed.layout.computeEntryPoints).toEqual(reflected.computeEntryPoints);
    },
  );

  it('pins the RandomFillParams layout (std140-like uniform rules)', () => {
    const layout = composeShader(KERNEL_CONTRACTS[0]?.modules ?? []).layout.struct(
      'RandomFillParams',
    );
    const offsets = Object.fromEntries(fieldList(layout).map((f) => [f.name, f.offset]));
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
