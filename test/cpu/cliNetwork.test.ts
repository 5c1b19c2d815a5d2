import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/harness.ts';

/**
 * `--problem mlp|logistic` with bad data (issue 11 item 7): exit 2, one line naming the file,
 * row, column or flag, the value and the rule, no backend opened and nothing written.
 */
const root = mkdtempSync(join(tmpdir(), 'adamscope-network-'));
const file = (name: string, text: string) => {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
};

const CASES: [string, string[], RegExp][] = [
  [
    'ragged rows',
    ['--dataset', file('ragged.csv', '1,2,0\n3,4,1\n5,1\n')],
    /ragged\.csv: row 3 has 2 columns: allowed 3/,
  ],
  [
    'non-finite value',
    ['--dataset', file('nan.csv', '1,2,0\n3,nan,1\n')],
    /nan\.csv: row 2, column 2 = "nan": allowed a finite number/,
  ],
  [
    'label out of range',
    ['--dataset', file('label.csv', '1,2,0\n3,4,-2\n')],
    /label\.csv: row 2, column 3 \(label\) = "-2": allowed an integer label/,
  ],
  [
    'non-integer label',
    ['--dataset', file('frac.csv', '1,2,0\n3,4,0.5\n')],
    /frac\.csv: row 2, column 3 \(label\) = "0.5"/,
  ],
  ['empty file', ['--dataset', file('empty.csv', '')], /empty\.csv: the file has no data rows/],
  [
    'missing file',
    ['--dataset', join(root, 'missing.csv')],
    /--dataset = ".*missing\.csv": allowed .*a readable CSV file/,
  ],
  [
    'n beyond the limit',
    ['--samples', '2000000'],
    /--samples = 2000000: allowed an integer in \[2, 1048576\]/,
  ],
  [
    'network beyond the GPU library',
    ['--hidden', '1000,100'],
    /--hidden = "?1000,100"?: allowed hidden \+ output units ≤ 1024/,
  ],
  [
    'too many layers',
    ['--hidden', new Array(16).fill('2').join(',')],
    /--hidden = 2(,2){15}: allowed .*\(1 to 15\)/,
  ],
  ['bad init', ['--init', 'xavier'], /--init = "xavier": allowed one of glorot\|he/],
];

describe('adamscope run --problem mlp: bad data', () => {
  it.each(CASES)('%s', async (_, flags, message) => {
    const out = join(root, `out-${Math.random().toString(36).slice(2)}`);
    const r = await runCli(
      [
        'run',
        '--problem',
        'mlp',
        '--backend',
        'cpu',
        '--trajectories',
        '2',
        '--steps',
        '2',
        '--out',
        out,
        ...flags,
      ],
      { openBackend: () => Promise.reject(new Error('BACKEND OPENED')) },
    );
    expect(r.status).toBe(2);
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]).toMatch(message);
    expect(r.backendOpened).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('ode --problem logistic refuses a ragged file too', async () => {
    const r = await runCli(
      [
        'ode',
        '--problem',
        'logistic',
        '--backend',
        'cpu',
        '--T',
        '0.1',
        '--dataset',
        join(root, 'ragged.csv'),
      ],
      { openBackend: () => Promise.reject(new Error('BACKEND OPENED')) },
    );
    expect(r.status).toBe(2);
    expect(r.errors[0]).toMatch(/ragged\.csv: row 3 has 2 columns/);
  });
});
