/**
 * Bundle sizes, gzipped, as a consumer's bundler (Rollup through Vite, minified) would produce
 * them: each entry point with all its exports (what importing it loads, lazily loaded chunks
 * excepted), the embed script alone, and each figure of the
 * embed (the embed script plus every chunk that showing that figure loads). Budgets live in
 * `bundle-budgets.json`; `npm run build` prints the table and test/cpu/bundleSize.test.ts fails
 * when a size exceeds its budget by more than 10 %.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SizeRow {
  /** `entry adamscope`, `embed script`, `figure regression`, ... */
  name: string;
  /** Minified bytes. */
  raw: number;
  /** Gzipped bytes (level 9). */
  gzip: number;
}

const NODE_EXTERNALS = [/^node:/, 'webgpu'];

async function bundle(
  input: string,
  external: (string | RegExp)[] = [],
): Promise<Rollup.OutputChunk[]> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      lib: { entry: join(root, input), formats: ['es'], fileName: 'bundle' },
      // Vite's ES library builds leave minification off unless the output asks for it.
      rollupOptions: { external, output: { minify: true } },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((o) =>
    'output' in o ? o.output.filter((c): c is Rollup.OutputChunk => c.type === 'chunk') : [],
  );
}

const gzip = (code: string) => gzipSync(code, { level: 9 }).length;

function measure(name: string, chunks: Rollup.OutputChunk[]): SizeRow {
  return {
    name,
    raw: chunks.reduce((s, c) => s + Buffer.byteLength(c.code), 0),
    gzip: chunks.reduce((s, c) => s + gzip(c.code), 0),
  };
}

/** The chunks loaded with `start`: itself and its static imports, recursively. */
function closure(start: Rollup.OutputChunk, byName: Map<string, Rollup.OutputChunk>) {
  const seen = new Set<Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(start);
  return seen;
}

/** The figures of the embed: one module per figure under src/browser/figures/. */
export function figureNames(): string[] {
  const dir = join(root, 'src/browser/figures');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.figure.ts'))
      .map((f) => f.replace(/\.figure\.ts$/, ''))
      .sort();
  } catch {
    return [];
  }
}

/** Measures every entry, the embed script and each figure. */
export async function bundleSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  // An entry's row is what importing it loads: its chunk and their static imports. Chunks
  // behind dynamic imports (each figure, the cpu engine, the dense kernels) load on use and
  // are counted in the rows of the figures that use them.
  const entryRow = (name: string, chunks: Rollup.OutputChunk[]) => {
    const byFile = new Map(chunks.map((c) => [c.fileName, c]));
    const start = chunks.find((c) => c.isEntry);
    if (!start) throw new Error(`bundle-size: ${name} has no entry chunk`);
    return measure(name, [...closure(start, byFile)]);
  };
  rows.push(entryRow('entry adamscope', await bundle('src/index.ts')));
  rows.push(entryRow('entry adamscope/browser', await bundle('src/browser/index.ts')));
  rows.push(entryRow('entry adamscope/node', await bundle('src/node/index.ts', NODE_EXTERNALS)));
  const embed = await bundle('src/browser/embed.ts');
  const byName = new Map(embed.map((c) => [c.fileName, c]));
  const entry = embed.find((c) => c.isEntry);
  if (!entry) throw new Error('bundle-size: the embed build has no entry chunk');
  const base = closure(entry, byName);
  rows.push(measure('embed script', [...base]));
  for (const figure of figureNames()) {
    const chunk = embed.find((c) => c.facadeModuleId?.endsWith(`/figures/${figure}.figure.ts`));
    if (!chunk) throw new Error(`bundle-size: no chunk for figure ${figure}`);
    rows.push(measure(`figure ${figure}`, [...new Set([...base, ...closure(chunk, byName)])]));
  }
  return rows;
}

export function formatSizes(rows: SizeRow[], budgets: Record<string, number> = {}): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  const lines = rows.map((r) => {
    const budget = budgets[r.name];
    const note = budget === undefined ? '' : ` (budget ${kb(budget)})`;
    return `  ${r.name.padEnd(28)} ${kb(r.raw).padStart(10)} min ${kb(r.gzip).padStart(9)} gzip${note}`;
  });
  return ['bundle sizes (minified; gzip -9):', ...lines].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { default: budgets } = await import('../bundle-budgets.json', { with: { type: 'json' } });
  console.log(formatSizes(await bundleSizes(), budgets as Record<string, number>));
}
