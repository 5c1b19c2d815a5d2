/**
 * Registry of WGSL source files, keyed by their path under `shaders/` (for example
 * `lib/philox.wgsl`). The environment fills it once: Node reads the folder from disk
 * (`src/node/nodeShaders.ts`), the browser bundles it with `import.meta.glob`
 * (`src/browser/browserShaders.ts`). Everything else asks this module by path.
 */
let sources: ReadonlyMap<string, string> | undefined;

/** Installs the WGSL sources of this environment. Called by the Node and browser entry points. */
export function registerShaderSources(files: Record<string, string>): void {
  sources = new Map(Object.entries(files));
}

/** True once an entry point has registered the shader sources. */
export function hasShaderSources(): boolean {
  return sources !== undefined;
}

/** The text of one WGSL file, e.g. `shaderSource('lib/philox.wgsl')`. */
export function shaderSource(path: string): string {
  if (!sources) {
    throw new Error(
      'adamscope: no WGSL sources registered; import "adamscope/node" or the browser entry first',
    );
  }
  const text = sources.get(path);
  if (text === undefined) {
    const known = [...sources.keys()].sort().join(', ');
    throw new Error(`adamscope: unknown WGSL file "${path}" (known: ${known})`);
  }
  return text;
}

/** All registered WGSL paths, sorted. */
export function shaderPaths(): string[] {
  return sources ? [...sources.keys()].sort() : [];
}
