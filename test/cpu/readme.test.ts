import { describe, expect, it } from 'vitest';
import { readmeBlocks } from '../../e2e/harness/readmeBlocks.ts';

/**
 * Every code block of the README says how it is checked (`<!-- readme-test: KIND -->`). The
 * runnable kinds are executed against the packed package by e2e/pack.spec.ts, so the README
 * cannot drift from the package; `skip` needs a reason.
 */
describe('README code blocks', () => {
  const blocks = readmeBlocks();

  it('has runnable examples of each kind', () => {
    const kinds = new Set(blocks.map((b) => b.kind));
    for (const kind of ['node', 'browser', 'embed', 'cli'] as const) expect(kinds).toContain(kind);
  });

  it.each(blocks.map((b) => [b.line, b] as const))('block at line %i has a marker', (_, block) => {
    expect(block.kind, 'add <!-- readme-test: KIND --> before the block').toBeDefined();
    if (block.kind === 'skip') expect(block.reason.length).toBeGreaterThan(10);
  });

  it('node and browser examples import only the public entries', () => {
    for (const block of blocks.filter((b) => b.kind === 'node' || b.kind === 'browser')) {
      const specifiers = [...block.code.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const spec of specifiers)
        expect(spec).toMatch(/^(adamscope(\/node|\/browser)?|node:.*)$/);
    }
  });
});
