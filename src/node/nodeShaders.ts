import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `shaders/` folder. */
export const SHADER_DIR = fileURLToPath(new URL('../../shaders/', import.meta.url));

/** Reads every `.wgsl` file under `shaders/`, keyed by its path relative to it. */
export function readShaderFolder(dir = SHADER_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.wgsl')) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}
