import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURE_NAMES } from '../../src/browser/figures/catalog.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The README's gallery shows a thumbnail of every page (issue 9, "Done when"): one small PNG per
 * figure and the index in docs/thumbnails (written by `npm run thumbnails`, which also keeps
 * each under 60 kB), each linked from the README. What a thumbnail shows is checked by eye.
 */
describe('gallery thumbnails', () => {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  for (const name of ['index', ...FIGURE_NAMES]) {
    it(`${name}: a PNG under 60 kB, shown in the README`, () => {
      const png = readFileSync(resolve(ROOT, `docs/thumbnails/${name}.png`));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.length).toBeLessThanOrEqual(60 * 1024);
      expect(readme).toContain(`(docs/thumbnails/${name}.png)](demos/${name}.html)`);
    });
  }
});
