import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { landscapeExperiment } from '../../src/experiments/landscapeExperiment.ts';

describe('experiment landscape (cpu backend, tiny grid)', () => {
  it('centre cell = F(c), paths descend, the grid file has a header and rows × columns values', async () => {
    const params = landscapeExperiment.schema.parse({
      samples: 64,
      resolution: 9,
      runs: 2,
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
    expect(outcome.verdict).toMatch(/^agrees/);
    expect(outcome.figures[0]?.svg).toContain('data-mark="heatmap"');
  }, 60_000);
});
