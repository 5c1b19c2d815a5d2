import { registerShaderSources } from '../gpu/shaderSources.ts';

/**
 * The WGSL files of `shaders/`, bundled by Vite as strings. Keys are normalised to paths
 * relative to `shaders/` (`lib/philox.wgsl`), the same keys as the Node entry reads from disk.
 */
const bundled = import.meta.glob<string>('../../shaders/**/*.wgsl', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Maps `../../shaders/lib/philox.wgsl` to `lib/philox.wgsl`. */
export function normaliseShaderKeys(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([key, text]) => [key.replace(/^(?:\.\.\/)*shaders\//, ''), text]),
  );
}

export const BROWSER_SHADERS = normaliseShaderKeys(bundled);

registerShaderSources(BROWSER_SHADERS);
