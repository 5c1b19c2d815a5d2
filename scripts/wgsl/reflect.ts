import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';
import type {
  BindingLayout,
  FieldLayout,
  OverrideLayout,
  ScalarType,
  StructLayout,
} from '../../src/gpu/layout.ts';

/**
 * The one wrapper of wgsl_reflect, used at build time (`scripts/generate-wgsl.ts`) and by the
 * contract tests, never at run time. It reads the structs, bindings, overrides and compute
 * entry points that a WGSL text declares.
 */
export interface ReflectedWgsl {
  structs: StructLayout[];
  bindings: BindingLayout[];
  overrides: OverrideLayout[];
  computeEntryPoints: string[];
}

interface ReflectedType {
  name: string;
  format?: ReflectedType | null;
  count?: number;
}

function scalarOf(type: ReflectedType): { scalar: ScalarType; components: number } | undefined {
  const isScalar = (n: string): n is ScalarType => n === 'f32' || n === 'u32' || n === 'i32';
  if (isScalar(type.name)) return { scalar: type.name, components: 1 };
  const vec = /^vec([234])([fiu]?)$/.exec(type.name);
  const inner = type.format?.name ?? '';
  if (vec) {
    const suffix = vec[2] === 'f' ? 'f32' : vec[2] === 'u' ? 'u32' : vec[2] === 'i' ? 'i32' : inner;
    if (isScalar(suffix)) return { scalar: suffix, components: Number(vec[1]) };
  }
  if (type.name === 'array' && isScalar(inner) && type.count) {
    return { scalar: inner, components: type.count };
  }
  return undefined;
}

/**
 * Reflects one WGSL text. Structs whose size cannot be known from this text alone (a member
 * of a struct type declared in another file) are left out: host code never writes them.
 */
export function reflectWgsl(code: string): ReflectedWgsl {
  const reflect = new WgslReflect(code);
  const structs: StructLayout[] = [];
  for (const s of reflect.structs) {
    if (!Number.isFinite(s.size)) continue;
    const fields: Record<string, FieldLayout> = {};
    for (const m of s.members) {
      // Members of non-scalar type (nested structs, runtime arrays) are not host-writable.
      const type = scalarOf(m.type as ReflectedType);
      if (type) fields[m.name] = { name: m.name, offset: m.offset, size: m.size, ...type };
    }
    structs.push({ name: s.name, size: s.size, fields });
  }
  const bindings: BindingLayout[] = [];
  const groups: unknown[] = reflect.getBindGroups();
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (!Array.isArray(group)) continue; // groups may be sparse (group 1 without group 0)
    for (const b of group as ({
      name: string;
      group: number;
      binding: number;
      resourceType: number;
      access: string;
      type: { name: string };
    } | null)[]) {
      if (!b) continue;
      bindings.push({
        name: b.name,
        group: b.group,
        binding: b.binding,
        kind: b.resourceType === 0 ? 'uniform' : 'storage',
        access: b.access === 'read_write' ? 'read_write' : 'read',
        typeName: b.type.name,
      });
    }
  }
  const overrides = reflect.overrides.map((o) => ({
    name: o.name,
    typeName: o.type?.name ?? 'unknown',
  }));
  return {
    structs,
    bindings,
    overrides,
    computeEntryPoints: reflect.entry.compute.map((e) => e.name),
  };
}
