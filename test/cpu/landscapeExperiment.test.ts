import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { landscapeExperiment } from '../../src/experiments/landscapeExperiment.ts';

describe('experiment landscape (cpu backend, tiny grid)', () => {
  it('centre cell = F(c), paths descend, the grid file has a header and rows × columns values', async () => {
    const params = landscapeExperiment.schema.parse({
      samples: 64,
      resolution: 9,
      runs: 2,
      trainingRuns: 4,
      T: 2,
    });
    const outcome = await landscapeExperiment.run(params, {
      backend: new CpuBackend(),
      progress: () => undefined,
      warn: () => undefined,
    });
    const r = outcome.results as {
      centreLoss: number;
      centreCell: number;
      runs: { initialLoss: number; finalLoss: number }[];
      projections: { a: number[]; b: number[] }[];
      training: {
        backend: string;
        steps: number;
        snapshotSteps: number[];
        runs: { initialLoss: number; finalLoss: number }[];
        projections: { a: number[]; b: number[]; offPlane: number[] }[];
      };
    };
    expect(Math.abs(r.centreCell - r.centreLoss)).toBeLessThan(1e-12);
    for (const run of r.runs) expect(run.finalLoss).toBeLessThan(run.initialLoss);
    // Run 0 ends at the centre: its last projected point is (0, 0).
    expect(Math.abs(r.projections[0]?.a.at(-1) ?? NaN)).toBeLessThan(1e-9);
    const file = outcome.files?.find((f) => f.name === 'landscape-grid.json');
    const grid = JSON.parse(String(file?.data)) as {
      columns: number;
      rows: number;
      values: number[];
    };
    expect(grid.values.length).toBe(81);
    // The training runs (ensemble engine, cpu backend): T/γ = 40 steps, a snapshot every step,
    // run k starts at the ODE path k's initial point (same seeded initialisation), so its
    // projected start is the ODE's and its initial loss is the ODE's F(x0).
    expect(r.training.backend).toBe('cpu');
    expect(r.training.steps).toBe(40);
    expect(r.training.snapshotSteps.at(-1)).toBe(40);
    expect(r.training.projections).toHaveLength(4);
    for (let k = 0; k < 2; k++) {
      expect(r.training.projections[k]?.a[0]).toBe(r.projections[k]?.a[0]);
      expect(r.training.projections[k]?.b[0]).toBe(r.projections[k]?.b[0]);
      expect(r.training.runs[k]?.initialLoss).toBe(r.runs[k]?.initialLoss);
    }
    const withRuns = grid as unknown as { trainingRuns: { a: number[] }[]; odePaths: unknown[] };
    expect(withRuns.trainingRuns).toHaveLength(4);
    expect(withRuns.trainingRuns[0]?.a).toHaveLength(41);
    expect(withRuns.odePaths).toHaveLength(2);
    const svg = outcome.figures[0]?.svg ?? '';
    expect(svg).toContain('training runs');
    expect(svg.match(/data-mark="path"/g)?.length).toBe(6);
    expect(outcome.verdict).toMatch(/^agrees/);
    expect(outcome.figures[0]?.svg).toContain('data-mark="heatmap"');
  }, 60_000);
});
