import { describe, expect, it } from 'vitest';
import { CpuEnsemble, runEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { ParameterError } from '../../src/errors.ts';
import { CpuBackend } from '../../src/backend/index.ts';

const BASE: EnsembleConfig = {
  problem: { name: 'quadratic-dense', dimension: 6, condition: 10, sigma: 0.1 },
  optimizer: { name: 'adam', gamma: 0.01 },
  hyperGrid: [{ gamma: 0.01 }, { gamma: 0.03 }],
  trajectories: 16,
  seed: 3,
  x0: 1,
  initialSpread: 0.2,
  recordEvery: 50,
  track: [1, 9],
};

describe('cpu backend', () => {
  it('runs quadratic-dense, records every recordEvery steps, per group', async () => {
    const run = await runEnsemble(BASE, 200, new CpuBackend());
    expect(run.records.map((r) => r[0]?.step)).toEqual([0, 50, 100, 150, 200]);
    expect(run.records[4]?.[1]?.t).toBeCloseTo(200 * 0.03, 12);
    const first = run.records[0]?.[0]?.F.mean ?? NaN;
    const last = run.records[4]?.[0]?.F.mean ?? NaN;
    expect(last).toBeLessThan(first);
    expect(run.paths.map((p) => p.trajectory)).toEqual([1, 9]);
    expect(run.paths[0]?.steps).toEqual([0, 50, 100, 150, 200]);
    expect(run.final).toHaveLength(2);
    expect(run.final[0]?.xMean).toHaveLength(6);
  });

  it('replayTrajectory reproduces the ensemble state bit for bit', async () => {
    const ensemble = CpuEnsemble.create(BASE);
    await ensemble.advance(30);
    await ensemble.advance(45);
    for (const t of [0, 7, 15]) {
      const replay = ensemble.replayTrajectory(t, 75, 25);
      expect(replay.steps).toEqual([0, 25, 50, 75]);
      expect(Array.from(replay.final.state.x)).toEqual(
        Array.from((await ensemble.readTrajectory(t)).state.x),
      );
    }
  });

  it.each<[Partial<EnsembleConfig>, string, string]>([
    [{ trajectories: 0 }, 'trajectories', 'an integer in [1, 2147483648]'],
    [{ trajectories: 15 }, 'trajectories', 'a multiple of hyperGrid.length = 2'],
    [
      { x0: [1, 2] },
      'x0.length',
      'the dimension 6 (x0: one number for every coordinate, or 6 numbers)',
    ],
    [{ x0: [1, 2, 3, 4, 5, NaN] }, 'x0[5]', 'a finite number'],
    [{ initialSpread: -1 }, 'initialSpread', '[0, ∞)'],
    [{ stepsPerDispatch: 0 }, 'stepsPerDispatch', 'an integer in [1, 1048576]'],
    [{ track: [16] }, 'track[0]', 'an integer in [0, 15]'],
    [{ hyperGrid: [{ gamma: 0.1 }, { gamma: -1 }] }, 'gamma', '(0, ∞)'],
    [
      { problem: { name: 'quadratic-dense', dimension: 5000 } },
      'dimension',
      'an integer in [1, 2048]',
    ],
  ])('rejects %o naming %s', (change, parameter, allowed) => {
    let error: unknown;
    try {
      CpuEnsemble.create({ ...BASE, ...change });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(parameter);
    expect((error as ParameterError).allowed).toBe(allowed);
  });
});
