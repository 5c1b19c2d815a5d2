import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('adamscope CLI', () => {
  it('info prints the adapter and whether it is software', () => {
    const out = execFileSync(process.execPath, ['bin/adamscope.js', 'info'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toMatch(/^backend +webgpu/m);
    expect(out).toMatch(/^kind +(software|hardware)/m);
    expect(out).toMatch(/maxStorageBufferBindingSize +\d+/);
  });

  it('info --backend cpu needs no GPU', () => {
    const result = cli(['info', '--backend', 'cpu']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^backend +cpu/m);
  });

  it.each([
    [['info', '--backend', 'gpu'], /^invalid --backend = gpu: allowed webgpu or cpu$/],
    [['info', '--nope'], /^adamscope info: unknown option --nope; allowed: /],
    [['nope'], /^adamscope: unknown command "nope"; allowed: /],
    [['info', '--backend'], /^adamscope info: .*--backend/],
  ])('%j exits 2 with one line naming the problem', (args, message) => {
    const result = cli(args);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});

describe('adamscope bench', () => {
  it('labels its table with the adapter (smoke test, not a timing)', () => {
    const result = cli(['bench', 'random', '--quick']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /adamscope bench random — adapter: .+\((software|hardware) adapter/,
    );
    expect(result.stdout).toMatch(/philox bits, n=65536 +webgpu +[\d.]+ \w?draws\/s/);
  });

  it('refuses an unknown benchmark', () => {
    const result = cli(['bench', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown benchmark "nope"; allowed: .*random/);
  });
});
