import { composeShader } from './compose.ts';
import { hasField, type WgslModule } from './layout.ts';

/**
 * What a TypeScript kernel class uses of its WGSL: struct fields it writes, bindings it
 * binds, overrides it sets. `test/contract/` checks each against the reflected WGSL, so
 * a rename on either side fails a test instead of a dispatch.
 */
export interface KernelContract {
  name: string;
  modules: readonly WgslModule[];
  structs: Record<string, readonly string[]>;
  bindings: readonly string[];
  overrides: readonly string[];
}

/** Lists every way `contract` disagrees with its WGSL (empty when they agree). */
export function checkContract(contract: KernelContract): string[] {
  const { layout } = composeShader(contract.modules);
  const problems: string[] = [];
  for (const [structName, fields] of Object.entries(contract.structs)) {
    const struct = layout.structs.get(structName);
    if (!struct) {
      problems.push(`${contract.name}: struct ${structName} is missing`);
      continue;
    }
    for (const field of fields) {
      if (!hasField(struct, field))
        problems.push(`${contract.name}: ${structName}.${field} is missing`);
    }
  }
  for (const binding of contract.bindings) {
    if (!layout.bindings.some((b) => b.name === binding))
      problems.push(`${contract.name}: binding ${binding} is missing`);
  }
  for (const name of contract.overrides) {
    if (!layout.overrides.has(name)) problems.push(`${contract.name}: override ${name} is missing`);
  }
  return problems;
}
