import type {
  BindingLayout,
  OverrideLayout,
  ShaderInterface,
  StructLayout,
  WgslModule,
} from './layout.ts';

/**
 * A WGSL program assembled from an explicit, ordered list of modules. Modules are
 * concatenated as they are (no templating): interchangeable modules (problems, optimizers,
 * integrators) share function signatures, and specialisation goes through `override`
 * constants. The module list is the pipeline cache key.
 */
export interface ComposedShader {
  /** The module paths, in order, e.g. `['lib/philox.wgsl', 'kernels/random_fill.wgsl']`. */
  readonly modules: readonly string[];
  /** The concatenated WGSL text. */
  readonly code: string;
  /** Cache key (the module list). */
  readonly key: string;
  /** The union of what the modules declare (generated at build time). */
  readonly layout: ShaderInterface;
  /** Maps a 1-based line of `code` to the file and line it came from. */
  locate(line: number): { file: string; line: number };
}

interface Segment {
  file: string;
  firstLine: number; // 1-based line of `code` where this file starts
  lineCount: number;
}

/** The key of a module list (its paths joined by `+`). */
export function compositionKey(modules: readonly WgslModule[]): string {
  return modules.map((m) => m.path).join('+');
}

/** Concatenates the listed WGSL modules, remembering where each line came from. */
export function composeShader(modules: readonly WgslModule[]): ComposedShader {
  if (modules.length === 0) throw new Error('composeShader: the module list is empty');
  const segments: Segment[] = [];
  const parts: string[] = [];
  let nextLine = 1;
  for (const module of modules) {
    const text = module.code.replace(/\s+$/, '') + '\n';
    const lineCount = text.split('\n').length - 1;
    segments.push({ file: module.path, firstLine: nextLine, lineCount });
    parts.push(text);
    nextLine += lineCount;
  }
  const key = compositionKey(modules);
  return {
    modules: modules.map((m) => m.path),
    code: parts.join(''),
    key,
    layout: mergeInterfaces(key, modules),
    locate(line: number) {
      for (const s of segments) {
        if (line >= s.firstLine && line < s.firstLine + s.lineCount) {
          return { file: s.file, line: line - s.firstLine + 1 };
        }
      }
      return { file: '<composed>', line };
    },
  };
}

/** The interface of a composition: every module's declarations; a name declared twice throws. */
function mergeInterfaces(key: string, modules: readonly WgslModule[]): ShaderInterface {
  const structs = new Map<string, StructLayout>();
  const overrides = new Map<string, OverrideLayout>();
  const bindings: BindingLayout[] = [];
  const computeEntryPoints: string[] = [];
  const owner = new Map<string, string>();
  const claim = (kind: string, name: string, path: string) => {
    const previous = owner.get(`${kind} ${name}`);
    if (previous !== undefined) {
      throw new Error(`${key}: ${kind} "${name}" is declared in both ${previous} and ${path}`);
    }
    owner.set(`${kind} ${name}`, path);
  };
  for (const module of modules) {
    for (const [name, struct] of Object.entries(module.structs)) {
      claim('struct', name, module.path);
      structs.set(name, struct);
    }
    for (const o of module.overrides) {
      claim('override', o.name, module.path);
      overrides.set(o.name, o);
    }
    for (const b of module.bindings) {
      claim('binding', b.name, module.path);
      bindings.push(b);
    }
    computeEntryPoints.push(...module.computeEntryPoints);
  }
  return {
    structs,
    bindings,
    overrides,
    computeEntryPoints,
    struct(name: string): StructLayout {
      const s = structs.get(name);
      if (!s)
        throw new Error(
          `${key}: no host-writable struct "${name}" (have: ${[...structs.keys()].join(', ')})`,
        );
      return s;
    },
  };
}
