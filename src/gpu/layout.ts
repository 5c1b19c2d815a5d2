/**
 * Layouts of WGSL programs, as data. WGSL declares every struct, binding and override;
 * `scripts/generate-wgsl.ts` reads them once at build time with wgsl_reflect and writes one
 * module per WGSL file (`src/generated/wgsl/`), so the runtime never parses WGSL. TypeScript
 * writes struct fields by name through `writeStruct`; no byte offset or size is written by
 * hand anywhere else, and a misspelled or missing field is a compile error.
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

/**
 * A WGSL struct with its size and its host-writable members (scalars, vectors and fixed
 * arrays of scalars; nested structs and runtime arrays are left out). `F` is the union of
 * the field names, known to the compiler for generated layouts.
 */
export interface StructLayout<F extends string = string> {
  readonly name: string;
  /** Byte size including trailing padding (the array stride of the struct). */
  readonly size: number;
  readonly fields: { readonly [K in F]: FieldLayout };
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

/** One WGSL file as data: its text (comments blanked, lines kept) and what it declares. */
export interface WgslModule {
  /** Path under `shaders/`, e.g. `lib/philox.wgsl`: names the file in compilation errors. */
  readonly path: string;
  readonly code: string;
  readonly structs: { readonly [name: string]: StructLayout };
  readonly bindings: readonly BindingLayout[];
  readonly overrides: readonly OverrideLayout[];
  readonly computeEntryPoints: readonly string[];
}

/** Everything TypeScript needs to know about a composed WGSL program's interface. */
export interface ShaderInterface {
  readonly structs: ReadonlyMap<string, StructLayout>;
  readonly bindings: readonly BindingLayout[];
  readonly overrides: ReadonlyMap<string, OverrideLayout>;
  readonly computeEntryPoints: readonly string[];
  struct(name: string): StructLayout;
}

/** Values for a struct: a number per scalar field, an array per vector/array field. */
export type StructValues<F extends string = string> = {
  readonly [K in F]: number | readonly number[];
};

/** The field names of a struct layout. */
export type FieldsOf<L> = L extends StructLayout<infer F> ? F : never;

/** The fields of a layout, in declaration order. */
export function fieldList(layout: StructLayout): FieldLayout[] {
  return Object.values<FieldLayout>(layout.fields).sort((a, b) => a.offset - b.offset);
}

/** True when `layout` has a host-writable field `name`. */
export function hasField(layout: StructLayout, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(layout.fields, name);
}

/**
 * Writes `values` into `target` (or a new buffer) following `layout`. Every field of the
 * struct must be given, and every given name must exist: both mistakes are compile errors
 * for generated layouts, and throw naming the field for layouts known only at run time.
 */
export function writeStruct<F extends string>(
  layout: StructLayout<F>,
  values: StructValues<F>,
  target?: DataView,
  baseOffset = 0,
): ArrayBuffer {
  const view = target ?? new DataView(new ArrayBuffer(layout.size));
  for (const name of Object.keys(values)) {
    if (!hasField(layout, name)) {
      throw new Error(`writeStruct: ${layout.name} has no host-writable field "${name}"`);
    }
  }
  for (const field of fieldList(layout)) {
    const value = (values as Record<string, number | readonly number[] | undefined>)[field.name];
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
export function readStruct<F extends string>(
  layout: StructLayout<F>,
  view: DataView,
  baseOffset = 0,
): Record<F, number[]> {
  const out: Record<string, number[]> = {};
  for (const field of fieldList(layout)) {
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
  return out as Record<F, number[]>;
}
