import { readdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { katexPlugin } from './scripts/vite-katex.ts';

const demosDir = resolve(import.meta.dirname, 'demos');

/** Every `demos/*.html` is a page of the gallery (multi-page build). */
const pages = Object.fromEntries(
  readdirSync(demosDir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => [name.replace(/\.html$/, ''), resolve(demosDir, name)]),
);

/** The package's entry points, resolved to their sources (the demos use only these). */
const entries = {
  'adamscope/browser': resolve(import.meta.dirname, 'src/browser/index.ts'),
  'adamscope/node': resolve(import.meta.dirname, 'src/node/index.ts'),
  adamscope: resolve(import.meta.dirname, 'src/index.ts'),
};

export default defineConfig({
  root: demosDir,
  // The browser tests give their dev server its own dependency cache (playwright.config.ts), so
  // that dev servers started side by side (or from worktrees sharing node_modules) do not
  // re-optimise each other's deps and fail a page's dynamic imports.
  ...(process.env['ADAMSCOPE_VITE_CACHE_DIR']
    ? { cacheDir: process.env['ADAMSCOPE_VITE_CACHE_DIR'] }
    : {}),
  // Formulas of the pages typeset with KaTeX at build time (and by the dev server).
  plugins: [katexPlugin()],
  resolve: {
    alias: Object.entries(entries).map(([find, replacement]) => ({
      find: new RegExp(`^${find}$`),
      replacement,
    })),
  },
  base: './',
  // The benchmark page's peers (bench/page.ts), pre-bundled at start so that the first
  // import does not make the dev server reload the page mid-run.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-webgpu',
      '@tensorflow/tfjs-backend-wasm',
      // The charts' tick and label code (src/plot), needed by every page.
      'd3-array',
      'd3-format',
    ],
  },
  publicDir: false,
  server: {
    port: 5173,
    strictPort: false,
    // KaTeX's fonts are served from its package, wherever node_modules really lies (a linked
    // node_modules resolves outside the project).
    fs: {
      allow: [
        import.meta.dirname,
        realpathSync(resolve(import.meta.dirname, 'node_modules/katex')),
      ],
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demos'),
    emptyOutDir: true,
    rollupOptions: { input: pages },
  },
  test: {
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
