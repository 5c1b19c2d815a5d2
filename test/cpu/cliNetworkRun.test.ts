import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/harness.ts';

/** `adamscope run` on a network problem (cpu backend, in-process): report, JSON, CSV. */
const dir = mkdtempSync(join(tmpdir(), 'adamscope-network-run-'));
const small = [
  'run',
  '--problem',
  'mlp',
  '--dataset',
  'moons',
  '--samples',
  '100',
  '--hidden',
  '8',
  '--batch',
  '4',
  '--optimizer',
  'adam',
  '--steps',
  '40',
  '--record-every',
  '20',
  '--backend',
  'cpu',
];

interface Stats {
  q50: number;
}
interface NetworkRunJson {
  network: {
    widths: number[];
    dimension: number;
    batch: number;
    trainCount: number;
    testCount: number;
    chanceAccuracy: number;
    stepsTimed: number;
    sampleGradientsPerSecond: number;
  };
  records: { group: number; step: number; F: Stats; accuracy: Stats; count: number }[];
}

describe('adamscope run --problem mlp', () => {
  it('prints the training statistics and the throughput, and writes them (JSON, CSV)', async () => {
    const out = join(dir, 'run.json');
    const csv = join(dir, 'run.csv');
    const result = await runCli([
      ...small,
      '--gammas',
      '0.01,0.03',
      '--trajectories',
      '8',
      '--out',
      out,
      '--csv',
      csv,
    ]);
    expect(result.errors).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/test acc median/);
    expect(result.stdout).toMatch(
      /throughput: \S+ per-sample gradient evaluations\/s \(N × steps × B/,
    );
    const json = JSON.parse(readFileSync(out, 'utf8')) as NetworkRunJson;
    expect(json.network).toMatchObject({
      widths: [2, 8, 1],
      dimension: 33,
      batch: 4,
      trainCount: 80,
      testCount: 20,
      stepsTimed: 40,
    });
    expect(json.network.sampleGradientsPerSecond).toBeGreaterThan(0);
    // Records at steps 0, 20, 40 for each of the two γ groups, with the test accuracy.
    expect(json.records.map((r) => [r.group, r.step])).toEqual([
      [0, 0],
      [1, 0],
      [0, 20],
      [1, 20],
      [0, 40],
      [1, 40],
    ]);
    for (const r of json.records) {
      expect(r.count).toBe(4);
      expect(r.accuracy.q50).toBeGreaterThanOrEqual(0);
      expect(r.accuracy.q50).toBeLessThanOrEqual(1);
    }
    const header = readFileSync(csv, 'utf8').split('\n')[0] ?? '';
    expect(header).toMatch(/dist_q95,accuracy_mean,.*accuracy_q95,diverged,count$/);
  });

  it('refuses a cloud of initial points for a network (its weights come from --init)', async () => {
    const result = await runCli([...small, '--trajectories', '4', '--x0-spread', '0.1']);
    expect(result.status).toBe(2);
    expect(result.errors.join('\n')).toMatch(/x0-spread.*0\.1.*init scheme/);
  });
});
