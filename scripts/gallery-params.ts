/**
 * The parameter table of docs/gallery.md, from the figure catalog (src/browser/figures/catalog.ts):
 * `npm run docs:params` rewrites the table between `<!-- parameters:begin -->` and
 * `<!-- parameters:end -->`; test/cpu/figureParams.test.ts checks that it is the catalog's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  COMMON_PARAMETERS,
  FIGURE_INFO,
  FIGURE_NAMES,
  PAGE_PARAMETERS,
} from '../src/browser/figures/catalog.ts';
import type { ParameterRule, Schema } from '../src/browser/figures/schema.ts';

export const PARAMETERS_TABLE = /(<!-- parameters:begin -->)([\s\S]*?)(<!-- parameters:end -->)/;

/** The rows of the table: figure, parameter, default, allowed, what it sets. */
export function parameterRows(): string[][] {
  const row = (figure: string, name: string, rule: ParameterRule) => [
    figure,
    `\`${name}\``,
    rule.default === '' ? '(absent)' : `\`${rule.default}\``,
    rule.allowed,
    rule.description,
  ];
  const schemaOf = (name: (typeof FIGURE_NAMES)[number]): Schema => FIGURE_INFO[name].parameters;
  return [
    ...FIGURE_NAMES.flatMap((figure) =>
      Object.entries(schemaOf(figure)).map(([name, rule]) => row(`\`${figure}\``, name, rule)),
    ),
    ...Object.entries(COMMON_PARAMETERS).map(([name, rule]) => row('every figure', name, rule)),
    ...PAGE_PARAMETERS.map((name) => [
      'gallery pages',
      `\`${name}\``,
      '(absent)',
      'any value',
      'hides the page chrome (the iframe view)',
    ]),
  ];
}

/** The table as markdown (unaligned; prettier aligns it). */
export function parameterTable(): string {
  return [
    '| figure | parameter | default | allowed | what it sets |',
    '| --- | --- | --- | --- | --- |',
    ...parameterRows().map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'gallery.md');
  const text = readFileSync(path, 'utf8');
  if (!PARAMETERS_TABLE.test(text)) throw new Error(`${path}: no parameters:begin/end markers`);
  writeFileSync(path, text.replace(PARAMETERS_TABLE, `$1\n\n${parameterTable()}\n\n$3`));
  console.log(`${path}: parameter table rewritten (${parameterRows().length} rows)`);
}
