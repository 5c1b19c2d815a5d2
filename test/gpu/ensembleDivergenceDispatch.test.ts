import { describe, expect, it } from 'vitest';
import { CpuEnsemble, GpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import type { TrajectoryState } from '../../src/ensemble/types.ts';
import { testSession } from '../gpuTestRuntime.ts';

// Finiteness is tested once per dispatch (shaders/kernels/ensemble_step.wgsl): the K steps
// run unchecked and a tile that ends non-finite replays the dispatch with a test per step.
// SGD on the quartic (gradient x³) started just outside the 2-cycle |x| = sqrt(2/γ): the
// oscillation grows, then super-exponentially, so that the groups with γ > 0.02 diverge at
// steps 7–11 (float32), inside the second dispatch of advance(5) + advance(27) with K = 16
// (dispatches end at steps 5, 21, 32). The group with γ = 0.001 converges.
const CONFIG: EnsembleConfig = {
  problem: { name: 'quartic', dimension: 2, sigma: 0.01 },
  optimizer: { name: 'sgd', gamma: 0.01 },
  hyperGrid: [{ gamma: 0.001 }, { gamma: 0.0201 }, { gamma: 0.0204 }, { gamma: 0.0215 }],
  trajectories: 32,
  seed: 'diverge-mid-dispatch',
  x0: 10,
  initialSpread: 0.001,
  stepsPerDispatch: 16,
};
const PIECES = [5, 27];
const DISPATCH_ENDS = new Set([5, 21, 32]);

async function states(
  ensemble: GpuEnsemble | CpuEnsemble,
  count: number,
): Promise<TrajectoryState[]> {
  const out: TrajectoryState[] = [];
  for (let t = 0; t < count; t++) out.push(await ensemble.readTrajectory(t));
  return out;
}

describe('divergence within a dispatch (finiteness tested once per dispatch)', () => {
  it('flags the same trajectories at the same steps with the same last finite state as a test per step', async () => {
    const session = await testSession();
    const fused = await GpuEnsemble.create(session, CONFIG);
    const perStep = await GpuEnsemble.create(session, { ...CONFIG, stepsPerDispatch: 1 });
    const cpu = CpuEnsemble.create(CONFIG);
    for (const steps of PIECES) {
      await fused.advance(steps);
      await perStep.advance(steps);
      await cpu.advance(steps);
    }
    const n = CONFIG.trajectories;
    const [a, b, c] = [await states(fused, n), await states(perStep, n), await states(cpu, n)];
    // K = 16 (replayed) and K = 1 (one step per dispatch) run the same f32 arithmetic: bit for bit.
    expect(a).toEqual(b);
    // divergedSteps reads all the flags in one read back: the same as readTrajectory's, in order.
    expect(await fused.divergedSteps()).toEqual(a.map((s) => s.divergedAtStep));
    expect(await fused.divergedSteps(5)).toEqual(a.slice(0, 5).map((s) => s.divergedAtStep));
    expect(await cpu.divergedSteps()).toEqual(c.map((s) => s.divergedAtStep));
    const steps = a.flatMap((s) => (s.divergedAtStep === undefined ? [] : [s.divergedAtStep]));
    // The stable group never diverges; in the others, divergence falls inside a dispatch (not
    // on its last step), which the replay must locate.
    expect(a.slice(0, n / 4).every((s) => s.divergedAtStep === undefined)).toBe(true);
    expect(steps.length).toBe((3 * n) / 4);
    expect(steps.filter((k) => !DISPATCH_ENDS.has(k)).length).toBeGreaterThan(n / 2);
    for (const s of a) expect(s.state.x.every(Number.isFinite)).toBe(true);
    // The float64 twin flags the same trajectories (f32 overflows at 3.4e38, float64 at
    // 1.8e308: in the super-exponential phase that is a few steps later, never earlier).
    for (let t = 0; t < n; t++) {
      expect(c[t]?.divergedAtStep === undefined, `trajectory ${t}`).toBe(
        a[t]?.divergedAtStep === undefined,
      );
      if (a[t]?.divergedAtStep !== undefined) {
        expect(c[t]?.divergedAtStep ?? NaN).toBeGreaterThanOrEqual(a[t]?.divergedAtStep ?? NaN);
      }
    }
    // Records: the same counts and statistics over the surviving trajectories.
    const [rf, rp, rc] = [await fused.record(), await perStep.record(), await cpu.record()];
    expect(rf).toEqual(rp);
    rf.forEach((r, g) => {
      expect(r.diverged).toBe(rc[g]?.diverged);
      expect(r.count).toBe(rc[g]?.count);
    });
    fused.destroy();
    perStep.destroy();
  });
});
