import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { createEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { recordPositionSnapshots } from '../../src/ensemble/positionSnapshots.ts';
import { landscapeTrainingRuns } from '../../src/experiments/landscapeRuns.ts';
import {
  filterNormalizedDirection,
  projectOntoPlane,
} from '../../src/experiments/landscapeGrid.ts';
import { landscapeParams } from '../../src/experiments/landscapeExperiment.ts';
import { networkProblemOf } from '../../src/experiments/networkCommon.ts';
import { loadNetworkProblems } from '../../src/problems/index.ts';
import { seedKey } from '../../src/random/distributions.ts';

await loadNetworkProblems();

const CONFIG = {
  problem: { name: 'mlp', dataset: { name: 'moons', samples: 64 }, hidden: [8], batch: 4 },
  optimizer: { name: 'adam', gamma: 0.02 },
  trajectories: 3,
  seed: 5,
  x0: 0,
} as unknown as EnsembleConfig;

describe('training-run snapshots (cpu backend)', () => {
  it('keeps x every k steps; the blocks give the run advanced in one go', async () => {
    const backend = new CpuBackend();
    const chunked = await createEnsemble(CONFIG, backend);
    const snaps = await recordPositionSnapshots(chunked, 2, 10, 4);
    expect(snaps.steps).toEqual([0, 4, 8, 10]);
    expect(snaps.x).toHaveLength(2);
    const whole = await createEnsemble(CONFIG, backend);
    const start = await whole.readTrajectory(1);
    expect(snaps.x[1]?.[0]).toEqual(start.state.x);
    await whole.advance(10);
    expect(snaps.x[1]?.[3]).toEqual((await whole.readTrajectory(1)).state.x);
    expect(snaps.divergedAtStep).toEqual([undefined, undefined]);
    await expect(recordPositionSnapshots(whole, 4, 1, 1)).rejects.toThrow(/runs/);
  });

  it('projects each run from the projected initial point (same seeded initialisation)', async () => {
    const p = landscapeParams({ samples: 64, hidden: [8], trainingRuns: 3, T: 0.5, seed: 7 });
    const problem = networkProblemOf(p);
    const key = seedKey(p.seed);
    const centre = problem.initialWeights(key, 0);
    const u = filterNormalizedDirection(problem, centre, key, 0);
    const v = filterNormalizedDirection(problem, centre, key, 1);
    const r = await landscapeTrainingRuns(p, problem, new CpuBackend(), { centre, u, v });
    expect(r?.steps).toBe(10);
    for (let k = 0; k < 3; k++) {
      const start = projectOntoPlane([problem.initialWeights(key, k)], centre, u, v);
      expect(r?.projected[k]?.a[0]).toBe(start.a[0]);
      expect(r?.projected[k]?.b[0]).toBe(start.b[0]);
      expect(r?.projected[k]?.a).toHaveLength(11);
    }
    // Run 0 starts at the centre: (0, 0), on the plane.
    expect(r?.projected[0]?.a[0]).toBe(0);
    expect(r?.runs[0]?.startOffPlane).toBe(0);
    expect(
      await landscapeTrainingRuns({ ...p, trainingRuns: 0 }, problem, new CpuBackend(), {
        centre,
        u,
        v,
      }),
    ).toBeUndefined();
  });
});
