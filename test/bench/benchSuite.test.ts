import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  markdownTable,
  validateResult,
  type BenchResult,
  type BenchRow,
} from '../../bench/lib/core.ts';
import { smokePlan } from '../../bench/lib/suite.ts';
import { PlainAdam, adamWorkload, sfc32 } from '../../bench/lib/workloads.ts';
import { newResult, runNode, writeResult } from '../../bench/run.ts';

/**
 * Smoke run of the benchmark suite's Node half (npm run bench) at tiny sizes: the output
 * format, the peers' agreement with adamscope, and the files. Never asserts a speed.
 */
describe('benchmark suite (Node, smoke)', () => {
  const out = mkdtempSync(join(tmpdir(), 'adamscope-bench-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('sfc32 + Box–Muller of the plain peer gives standard normals (mean, variance)', () => {
    const next = sfc32(7);
    let ones = 0;
    for (let i = 0; i < 32000; i++) ones += next() >>> 31;
    // 32,000 fair bits: mean 16,000, sd ≈ 89; 5 sd.
    expect(Math.abs(ones - 16000)).toBeLessThan(450);
    // Zero-gradient-noise check of the plain loop: with σ→0 and λ = 1 the first ADAM step
    // moves every coordinate by γ (m̂/sqrt(v̂) = 1).
    const w = adamWorkload({
      dimension: 4,
      trajectories: 2,
      sigma: 1e-30,
      lambdaMin: 1,
      lambdaMax: 1,
    });
    const adam = new PlainAdam(w);
    adam.advance(1);
    for (const x of adam.x) expect(x).toBeCloseTo(1 - w.gamma, 6);
  });

  it('runs the tiny plan, the peers agree, and the JSON and Markdown files are written', async () => {
    const plan = smokePlan();
    const lines: string[] = [];
    const streamed: BenchRow[] = [];
    const node = await runNode(
      plan,
      (line) => lines.push(line),
      (row) => streamed.push(row),
    );
    // Every row reaches the driver as soon as it is measured (saved as it comes).
    expect(streamed).toEqual(node.rows);
    const result: BenchResult = newResult(plan);
    expect(validateResult({ ...result, rows: node.rows })).toEqual([]);
    expect(markdownTable({ ...result, rows: node.rows })).toMatch(/Incomplete run/);
    result.adapters.node = node.adapter;
    result.rows.push(...node.rows);
    result.complete = true;
    expect(validateResult(result)).toEqual([]);
    expect(lines.filter((l) => l.includes('failed'))).toEqual([]);

    const workloads = new Set(result.rows.map((r) => r.workload));
    for (const w of ['peer-adam', 'adam-diag', 'reduce', 'random']) expect(workloads).toContain(w);
    const peers = result.rows.filter((r) => r.workload === 'peer-adam' && r.ratio !== undefined);
    expect(peers.map((r) => r.implementation.split(' ')[0]).sort()).toEqual([
      'adamscope',
      'plain-ts',
    ]);
    for (const peer of peers) {
      expect(peer.check, peer.implementation).toBeDefined();
      expect(peer.check?.ok, `${peer.implementation}: ${JSON.stringify(peer.check)}`).toBe(true);
      expect(peer.ratio).toBeGreaterThan(0);
    }
    for (const row of result.rows.filter((r) => r.implementation === 'adamscope webgpu'))
      if (node.adapter.software) expect(row.adapter.label).toContain('not GPU performance');
    // Where the adapter has timestamp-query, the engine rows carry the GPU-timestamp rate too.
    const engineRows = result.rows.filter(
      (r) => r.implementation === 'adamscope webgpu' && r.unit === 'coord-updates/s',
    );
    for (const row of engineRows) {
      if (!node.adapter.timestampQuery) expect(row.gpu).toBeUndefined();
      else if (row.gpu) expect(row.gpu.median).toBeGreaterThan(0);
    }
    if (node.adapter.timestampQuery) expect(engineRows.some((r) => r.gpu)).toBe(true);

    const table = markdownTable(result);
    const tableLines = table.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBe(result.rows.length + 2);
    expect(tableLines[1]).toMatch(/^\|(---\|)+$/);
    // Every line has the header's number of cells (escaped pipes inside cells do not count).
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const columns = cells(tableLines[0] ?? '');
    expect(columns).toBe(12);
    for (const line of tableLines) expect(cells(line), line).toBe(columns);

    const [json, md] = await writeResult(out, result);
    expect(json).toMatch(/\.json$/);
    expect(md).toMatch(/\.md$/);
    const written: unknown = JSON.parse(readFileSync(json ?? '', 'utf8'));
    expect(validateResult(written)).toEqual([]);
    expect(readFileSync(md ?? '', 'utf8')).toBe(table);
  });

  it('SIGINT during `npm run bench` writes the rows measured so far (complete: false), then ends by the signal', async () => {
    const dir = mkdtempSync(join(out, 'interrupted-'));
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--quick',
        '--only',
        'random,reduce',
        '--env',
        'node',
        '--out',
        dir,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<string>((done) =>
      child.on('exit', (code, signal) => done(signal ?? `code ${code}`)),
    );
    // The first measured row (its log line), then SIGINT while the next ones run.
    const until = Date.now() + 120_000;
    while (!/node: \S+ adamscope webgpu: /.test(stderr) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    // Ended by the re-raised signal (a shell reports status 130).
    expect(await exit, stderr).toBe('SIGINT');
    const json = readdirSync(dir).find((f) => f.endsWith('.json'));
    expect(json, stderr).toBeDefined();
    const written = JSON.parse(readFileSync(join(dir, json ?? ''), 'utf8')) as BenchResult;
    expect(written.complete).toBe(false);
    expect(written.rows.length).toBeGreaterThan(0);
    expect(validateResult(written)).toEqual([]);
    expect(existsSync(join(dir, (json ?? '').replace(/\.json$/, '.md')))).toBe(true);
    expect(readdirSync(dir).filter((f) => !/\.(json|md)$/.test(f))).toEqual([]);
  }, 180_000);
});
