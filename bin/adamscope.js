#!/usr/bin/env node
// The `adamscope` command: runs the TypeScript CLI (src/cli/main.ts) through tsx, so the
// package needs no build step. Exits explicitly: a Dawn instance keeps Node's loop alive.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
