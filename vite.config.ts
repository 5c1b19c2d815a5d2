import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const demosDir = resolve(import.meta.dirname, 'demos');

/** Every `demos/*.html` is a page of the gallery (multi-page build). */
const pages = Object.fromEntries(
  readdirSync(demosDir)
    .filter((name) => name.endsWith('.html'))
    .map((name) => [name.replace(/\.html$/, ''), resolve(demosDir, name)]),
);

export default defineConfig({
  root: demosDir,
  base: './',
  publicDir: false,
  server: { port: 5173, strictPort: false, fs: { allow: [import.meta.dirname] } },
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
