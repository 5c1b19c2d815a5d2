import { WgslReflect } from 'wgsl_reflect/wgsl_reflect.module.js';

/**
 * The one wrapper of wgsl_reflect. WGSL declares every struct, binding and override;
 * TypeScript reads their layout here and writes fields by name. No byte offset or size
 * is written by hand anywhere else.
 */

/** Scalar element types that host code writes into uniform/storage structs. */
export type ScalarType = 'f32' | 'u32' | 'i32';

/** One member of a WGSL struct, as laid out in memory. */
export interface FieldLayout {
  readonly name: string;
  /** Byte offset inside the struct. */
  readonly offset: number;
  /** Byte size of the member. */
  readonly size: number;
  readonly scalar: ScalarType;
  /** 1 for scalars, N for vecN, element count for fixed arrays of scalars. */
  readonly components: number;
}

/** A WGSL struct with its size and member layout. */
export interface StructLayout {
  readonly name: string;
  /** Byte size including trailing padding (the array stride of the struct). */
  readonly size: number;
  readonly fields: ReadonlyMap<string, FieldLayout>;
}

/** One `@group @binding` resource. */
export interface BindingLayout {
  readonly name: string;
  readonly group: number;
  readonly binding: number;
  readonly kind: 'uniform' | 'storage';
  readonly access: 'read' | 'read_write';
  /** Type name: a struct name, or `array`. */
  readonly typeName: string;
}

/** An `override` constant. */
export interface OverrideLayout {
  readonly name: string;
  readonly typeName: string;
}

/** Everything TypeScript needs to know about a WGSL program's interface. */
export interface ShaderInterface {
  readonly structs: ReadonlyMap<string, StructLayout>;
  readonly bindings: readonly BindingLayout[];
  readonly overrides: ReadonlyMap<string, OverrideLayout>;
  readonly computeEntryPoints: readonly string[];
  struct(name: string): StructLayout;
}

interface ReflectedType {
  name: string;
  format?: ReflectedType | null;
  count?: number;
}

function scalarOf(type: ReflectedType, where: string): { scalar: ScalarType; components: number } {
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
  throw new Error(
    `reflect: ${where} has type ${type.name}<${inner}>, which host code cannot write`,
  );
}

/** Reflects a WGSL program (see `composeShader`). */
export function reflectShader(code: string): ShaderInterface {
  const reflect = new WgslReflect(code);
  const structs = new Map<string, StructLayout>();
  for (const s of reflect.structs) {
    const fields = new Map<string, FieldLayout>();
    for (const m of s.members) {
      // Members of non-scalar type (nested structs, runtime arrays) are not host-writable;
      // they are skipped here and rejected when a caller names them.
      try {
        const { scalar, components } = scalarOf(m.type as ReflectedType, `${s.name}.${m.name}`);
        fields.set(m.name, { name: m.name, offset: m.offset, size: m.size, scalar, components });
      } catch {
        /* not host-writable */
      }
    }
    structs.set(s.name, { name: s.name, size: s.size, fields });
  }
  const bindings: BindingLayout[] = [];
  for (const group of reflect.getBindGroups()) {
    for (const b of group) {
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
  const overrides = new Map<string, OverrideLayout>();
  for (const o of reflect.overrides)
    overrides.set(o.name, { name: o.name, typeName: o.type?.name ?? 'unknown' });
  return {
    structs,
    bindings,
    overrides,
    computeEntryPoints: reflect.entry.compute.map((e) => e.name),
    struct(name: string): StructLayout {
      const s = structs.get(name);
      if (!s)
        throw new Error(
          `reflect: no struct "${name}" in the WGSL (have: ${[...structs.keys()].join(', ')})`,
        );
      return s;
    },
  };
}

/** Values for a struct: a number per scalar field, an array per vector/array field. */
export type StructValues = Record<string, number | readonly number[]>;

/**
 * Writes `values` into `target` (or a new buffer) following `layout`. Every field of the
 * struct must be given, and every given name must exist: both mistakes throw naming the field.
 */
export function writeStruct(
  layout: StructLayout,
  values: StructValues,
  target?: DataView,
  baseOffset = 0,
): ArrayBuffer {
  const view = target ?? new DataView(new ArrayBuffer(layout.size));
  for (const name of Object.keys(values)) {
    if (!layout.fields.has(name)) {
      throw new Error(`writeStruct: ${layout.name} has no host-writable field "${name}"`);
    }
  }
  for (const field of layout.fields.values()) {
    const value = values[field.name];
    if (value === undefined)
      throw new Error(`writeStruct: ${layout.name}.${field.name} is missing`);
    const list = typeof value === 'number' ? [value] : value;
    if (list.length !== field.components) {
      throw new Error(
        `writeStruct: ${layout.name}.${field.name} needs ${field.components} value(s), got ${list.length}`,
      );
    }
    list.forEach((v, i) => {
      const at = baseOffset + field.offset + 4 * i;
      if (field.scalar === 'f32') view.setFloat32(at, v, true);
      else if (field.scalar === 'u32') view.setUint32(at, v >>> 0, true);
      else view.setInt32(at, v | 0, true);
    });
  }
  return view.buffer as ArrayBuffer;
}

/** Reads a struct back from bytes (the inverse of `writeStruct`). */
export function readStruct(
  layout: StructLayout,
  view: DataView,
  baseOffset = 0,
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const field of layout.fields.values()) {
    const list: number[] = [];
    for (let i = 0; i < field.components; i++) {
      const at = baseOffset + field.offset + 4 * i;
      list.push(
        field.scalar === 'f32'
          ? view.getFloat32(at, true)
          : field.scalar === 'u32'
            ? view.getUint32(at, true)
            : view.getInt32(at, true),
      );
    }
    out[field.name] = list;
  }
  return out;
}
