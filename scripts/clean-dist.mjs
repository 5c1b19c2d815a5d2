// Removes the compiled library from dist/ (keeps dist/demos, the gallery build), so that a
// module deleted from src/ does not linger in the package.
import { readdirSync, rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
let entries = [];
try {
  entries = readdirSync(dist);
} catch {
  // no dist yet
}
for (const name of entries) {
  if (name !== 'demos') rmSync(new URL(name, dist), { recursive: true, force: true });
}
