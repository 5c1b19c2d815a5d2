import { shaderSource } from './shaderSources.ts';

/**
 * A WGSL program assembled from an explicit, ordered list of module files. Modules are
 * concatenated as they are (no templating): interchangeable modules (problems, optimizers,
 * integrators) share function signatures, and specialisation goes through `override`
 * constants. The module list is the pipeline cache key.
 */
export interface ComposedShader {
  /** The module paths, in order, e.g. `['lib/philox.wgsl', 'kernels/fill_uniform.wgsl']`. */
  readonly modules: readonly string[];
  /** The concatenated WGSL text. */
  readonly code: string;
  /** Cache key (the module list). */
  readonly key: string;
  /** Maps a 1-based line of `code` to the file and line it came from. */
  locate(line: number): { file: string; line: number };
}

interface Segment {
  file: string;
  firstLine: number; // 1-based line of `code` where this file starts
  lineCount: number;
}

/** Concatenates the listed WGSL modules, remembering where each line came from. */
export function composeShader(modules: readonly string[]): ComposedShader {
  if (modules.length === 0) throw new Error('composeShader: the module list is empty');
  const segments: Segment[] = [];
  const parts: string[] = [];
  let nextLine = 1;
  for (const file of modules) {
    const text = shaderSource(file).replace(/\s+$/, '') + '\n';
    const lineCount = text.split('\n').length - 1;
    segments.push({ file, firstLine: nextLine, lineCount });
    parts.push(text);
    nextLine += lineCount;
  }
  return {
    modules: [...modules],
    code: parts.join(''),
    key: modules.join('+'),
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
