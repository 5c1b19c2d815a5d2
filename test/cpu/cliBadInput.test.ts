import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { badInputCorpus } from '../cli/badInputCorpus.ts';
import { runCli } from '../cli/harness.ts';

/**
 * The bad-input corpus (test/cli/badInputCorpus.ts): every case exits 2 with one line that
 * names the flag or field, shows the value (shortened when long) and says what is allowed,
 * before any backend is opened. Run in-process through `main(argv, io)`.
 */
const root = mkdtempSync(join(tmpdir(), 'adamscope-corpus-'));
const corpus = badInputCorpus(root);

describe(`bad input (${corpus.length} generated cases)`, () => {
  it('has cases for every command', () => {
    expect(corpus.length).toBeGreaterThan(1000);
    for (const command of ['run', 'ode', 'experiment', 'bench', 'merge', 'info'])
      expect(
        corpus.some((c) => c.argv[0] === command),
        command,
      ).toBe(true);
  });

  it('every case exits 2 with one line naming the flag or field, the value and the rule', async () => {
    const failures: string[] = [];
    for (const c of corpus) {
      const r = await runCli(c.argv, {
        openBackend: () => Promise.reject(new Error('BACKEND OPENED: the input was accepted')),
      });
      const line = r.errors[0] ?? '';
      const problems: string[] = [];
      if (r.status !== 2) problems.push(`status ${r.status}`);
      if (r.errors.length !== 1) problems.push(`${r.errors.length} lines`);
      if (r.backendOpened) problems.push('backend opened');
      if (!line.includes(c.names)) problems.push(`does not name ${c.names}`);
      if (c.value !== undefined) {
        const shown = c.value.length > 40 ? c.value.slice(0, 20) : c.value;
        if (!line.includes(shown) && !line.includes(JSON.stringify(shown).slice(1, -1)))
          problems.push(`does not show the value ${JSON.stringify(shown)}`);
      }
      if (
        !/allowed|not a place|is a (folder|file)|empty path|does not take an argument|argument missing|unknown|not a folder|refuse/i.test(
          line,
        )
      )
        problems.push('states no rule');
      if (line.length > 600) problems.push(`a line of ${line.length} characters`);
      if (problems.length)
        failures.push(`${c.name}: ${problems.join(', ')} — ${r.errors.join(' | ').slice(0, 300)}`);
    }
    expect(failures.slice(0, 60), `${failures.length} of ${corpus.length} cases fail`).toEqual([]);
  }, 600_000);
});
