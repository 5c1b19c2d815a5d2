import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout rule of docs/architecture.md: a folder of src/ imports only folders of a lower
 * layer (and files of its own folder), so there are no cycles between folders; and no module
 * imports itself back through a chain of imports.
 */
const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  'version.ts': 0,
  // Ambient declarations of untyped dependencies (d3-array); imports nothing.
  types: 0,
  gpu: 1,
  random: 1,
  stats: 1,
  plot: 1,
  generated: 2,
  backend: 2,
  problems: 3,
  kernels: 3,
  optimizers: 4,
  ensemble: 5,
  ode: 5,
  experiments: 6,
  bench: 6,
  node: 7,
  browser: 7,
  cli: 8,
  'index.ts': 9,
};

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(SRC, join(e.parentPath, e.name)).split('\\').join('/'));
}

/**
 * Relative imports of a file (`import`/`export ... from`, and `import()`); with `runtimeOnly`,
 * type-only imports (erased by the compiler) are left out.
 */
function importsOf(file: string, runtimeOnly = false): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const statements =
    /(?:^|\n)\s*(import|export)(\s+type)?\b[^;]*?from\s*'(\.[^']+)'|import\(\s*'(\.[^']+)'/g;
  const found: string[] = [];
  for (const m of text.matchAll(statements)) {
    if (runtimeOnly && m[2]) continue;
    const spec = m[3] ?? m[4];
    if (spec)
      found.push(
        normalize(join(dirname(file), spec))
          .split('\\')
          .join('/'),
      );
  }
  return found;
}

const unitOf = (file: string) => file.split('/')[0] ?? file;

describe('source layering', () => {
  const files = sourceFiles();

  it('knows the layer of every folder of src/', () => {
    const unknown = [...new Set(files.map(unitOf))].filter((u) => LAYERS[u] === undefined);
    expect(unknown).toEqual([]);
  });

  it('imports only go to lower layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = unitOf(file);
      for (const target of importsOf(file)) {
        const to = unitOf(target);
        if (to === from) continue;
        if ((LAYERS[to] ?? Infinity) >= (LAYERS[from] ?? -Infinity))
          violations.push(`${file} -> ${target} (layer ${LAYERS[from]} -> ${LAYERS[to]})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no run-time import cycle between modules', () => {
    const graph = new Map(
      files.map((f) => [f, importsOf(f, true).filter((t) => files.includes(t))]),
    );
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
