#!/usr/bin/env node
// The `adamscope` command: runs the compiled CLI (dist/cli/main.js, built by `npm run build:lib`,
// which `npm install` runs through `prepare`). Exits explicitly: a Dawn instance keeps Node's
// event loop alive.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'adamscope: dist/cli/main.js is missing; build the package first: npm run build:lib\n',
  );
  process.exit(1);
}
const { main: run } = await import(main.href);
process.exit(await run(process.argv.slice(2)));
