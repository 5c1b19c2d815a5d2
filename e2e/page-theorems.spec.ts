import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';
import { experimentOutput } from './harness/cliReport.ts';

/**
 * The theorem lab: the small run it shows is the CLI's experiment with the parameters the page
 * prints under it. Its tables, cell by cell, equal the tables of `adamscope experiment <name>
 * --config <those parameters>`'s report.md (both on the cpu backend: the same float64 code; the
 * two V8s' last-bit differences (harness/cliReport.ts, ENGINES_RTOL) are far below the
 * printed digits).
 */
test.setTimeout(180_000);

/** The rows of every Markdown table in `markdown`, cells split at unescaped bars. */
function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  let rows: string[][] | undefined;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('|')) {
      rows = undefined;
      continue;
    }
    const cells = line
      .replace(/^\||(?<!\\)\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) =>
        c
          .trim()
          .replace(/\\\|/g, '|')
          .replace(/\*\*|`/g, ''),
      );
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!rows) tables.push((rows = []));
    rows.push(cells);
  }
  return tables;
}

test('theorems: the tables of a small run equal `adamscope experiment` with its parameters', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/theorems.html?backend=cpu&experiment=reddi&trajectories=32');
  await ready(page);
  await expect(page.locator('#verdict')).not.toHaveText('running…', { timeout: 120_000 });
  const line = (await page.locator('#params').textContent()) ?? '';
  expect(line.startsWith('parameters: ')).toBe(true);
  const params = Object.fromEntries(
    line
      .slice('parameters: '.length)
      .split(' · ')
      .map((pair) => {
        const at = pair.indexOf(' = ');
        return [pair.slice(0, at), JSON.parse(pair.slice(at + 3)) as unknown];
      }),
  );
  expect(params['trajectories']).toBe(32);
  const config = join(mkdtempSync(join(tmpdir(), 'theorems-')), 'config.json');
  writeFileSync(config, JSON.stringify(params));
  const { markdown } = experimentOutput('reddi', ['--backend', 'cpu', '--config', config]);
  const shown = await page
    .locator('#report table')
    .evaluateAll((tables) =>
      tables.map((t) =>
        [...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => c.textContent ?? '')),
      ),
    );
  const expected = markdownTables(markdown);
  // Not vacuous: the tables hold the run's measured numbers (probabilities, means).
  expect(shown.flat(2).filter((cell) => /\d\.\d{3}/.test(cell)).length).toBeGreaterThan(3);
  expect(shown).toEqual(expected);
  expect(errors).toEqual([]);
});
