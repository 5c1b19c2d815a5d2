import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The embed script: a library build of src/browser/embed.ts (ES module) that defines
 * `<adamscope-figure>`. Each figure is a chunk of its own (dynamic imports in
 * src/browser/figures/registry.ts) loaded through a relative URL, so `dist/embed/` works
 * from any static host or CDN. `npm run build:embed`; part of `npm run build:lib`.
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/embed'),
    emptyOutDir: true,
    target: 'es2022',
    // No preload helper: chunks are fetched by plain dynamic imports relative to the script.
    modulePreload: false,
    copyPublicDir: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/browser/embed.ts'),
      formats: ['es'],
      fileName: () => 'adamscope-embed.js',
    },
    rolldownOptions: {
      // Served as is to readers' browsers: minified whitespace too (Vite's ES library builds
      // otherwise keep it for re-bundling).
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
