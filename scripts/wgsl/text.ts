/**
 * Replaces WGSL comments (line comments and nested block comments) with spaces, keeping every
 * line break, so line numbers in compiler messages stay those of the source file (columns too,
 * except after a block comment inside a line). Trailing spaces are dropped.
 */
export function blankComments(source: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const next = source[i + 1];
    if (depth === 0 && c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
      continue;
    }
    if (c === '/' && next === '*') {
      depth++;
      i++;
      continue;
    }
    if (depth > 0 && c === '*' && next === '/') {
      depth--;
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === '\n') out += '\n';
      continue;
    }
    out += c;
  }
  return out
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** `quadratic_dense_ode` -> `quadraticDenseOde` (the export name of a generated module). */
export function exportName(base: string): string {
  return base.replace(/[_-](\w)/g, (_, c: string) => c.toUpperCase());
}
