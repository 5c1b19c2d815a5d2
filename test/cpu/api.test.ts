import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReport, API_ENTRIES } from '../../scripts/api-report.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { VERSION } from '../../src/version.ts';

/**
 * The public API of each entry point is checked in (api/<entry>.api.txt). A change to an
 * exported name or type fails here until the file is updated with `npm run api:update`, so
 * every API change is visible in review.
 */
describe('public API', () => {
  const report = apiReport();

  it.each(Object.keys(API_ENTRIES))('%s matches its checked-in api/<entry>.api.txt', (entry) => {
    const checkedIn = readFileSync(
      join(import.meta.dirname, '../../api', `${entry}.api.txt`),
      'utf8',
    );
    expect(report[entry], 'run `npm run api:update` and review the diff').toBe(checkedIn);
  });

  it('the exports map names every entry and the embed script', () => {
    expect(Object.keys(packageJson.exports).sort()).toEqual(
      ['.', './browser', './embed', './node', './package.json'].sort(),
    );
  });

  it('VERSION equals package.json version', () => {
    expect(VERSION).toBe(packageJson.version);
  });
});
