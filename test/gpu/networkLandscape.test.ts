import { describe, expect, it } from 'vitest';
import {
  filterNormalizedDirection,
  gridCoordinate,
  landscapeGridGpu,
  landscapeValueCpu,
  projectOntoPlane,
} from '../../src/experiments/landscapeGrid.ts';
import { createNetworkProblem } from '../../src/problems/network/index.ts';
import { seedKey } from '../../src/random/distributions.ts';
import { testSession } from '../gpuTestRuntime.ts';

const problem = createNetworkProblem({
  name: 'mlp',
  dataset: { name: 'moons', samples: 40, dataSeed: 1 },
  hidden: [16],
});
const centre = problem.initialWeights(seedKey(3), 0);
const key = seedKey(9);
const u = filterNormalizedDirection(problem, centre, key, 0);
const v = filterNormalizedDirection(problem, centre, key, 1);

describe('the loss landscape on the GPU (one dispatch, workgroup per cell)', () => {
  // float32 against float64: the weights c + a u + b v round to ~1e-7 relative, the mean of
  // n = 32 losses through two layers accumulates ~(n + width) u ~ 1e-5 relative: bound 1e-4
  // relative (losses are O(1)).
  it('9 × 9 grid: the centre cell is F(c), cells equal the float64 twin', async () => {
    const spec = { resolution: 9, span: 1 };
    const grid = await landscapeGridGpu(await testSession(), problem, centre, u, v, spec);
    const F = problem.value(centre);
    expect(gridCoordinate(spec, 4)).toBe(0);
    expect(Math.abs((grid.values[4 * 9 + 4] ?? NaN) - F) / F).toBeLessThan(1e-4);
    for (const [row, column] of [
      [0, 0],
      [8, 8],
      [2, 7],
      [6, 1],
      [4, 0],
    ] as const) {
      const twin = landscapeValueCpu(
        problem,
        centre,
        u,
        v,
        gridCoordinate(spec, column),
        gridCoordinate(spec, row),
      );
      const gpu = grid.values[row * 9 + column] ?? NaN;
      expect(Math.abs(gpu - twin) / twin, `cell (${row}, ${column})`).toBeLessThan(1e-4);
    }
  }, 300_000);
});

describe('filter normalisation and the projection', () => {
  it('each neuron row of a direction has the norm of the centre row; biases are 0', () => {
    // layer 0: 16 rows of 2 weights at 0..31, biases 32..47; layer 1: 1 row of 16 at 48..63, bias 64.
    const rowNorm = (x: Float64Array, start: number, length: number) =>
      Math.hypot(...Array.from(x.subarray(start, start + length)));
    for (let i = 0; i < 16; i++)
      expect(rowNorm(u, 2 * i, 2)).toBeCloseTo(rowNorm(centre, 2 * i, 2), 12);
    expect(rowNorm(v, 48, 16)).toBeCloseTo(rowNorm(centre, 48, 16), 12);
    expect(Array.from(u.subarray(32, 48)).every((b) => b === 0)).toBe(true);
    expect(u[64]).toBe(0);
  });

  it('least squares recovers the coordinates of points of the plane (u, v not orthogonal)', () => {
    const points = [
      [0.3, -0.7],
      [-1.2, 0.4],
    ].map(([a = 0, b = 0]) => centre.map((c, k) => c + a * (u[k] ?? 0) + b * (v[k] ?? 0)));
    const off = centre.map((c, k) => c + 0.5 * (u[k] ?? 0) + (k === 64 ? 1 : 0));
    const p = projectOntoPlane([...points, off], centre, u, v);
    expect(p.a[0]).toBeCloseTo(0.3, 10);
    expect(p.b[0]).toBeCloseTo(-0.7, 10);
    expect(p.a[1]).toBeCloseTo(-1.2, 10);
    expect(p.b[1]).toBeCloseTo(0.4, 10);
    expect(p.offPlane[0]).toBeLessThan(1e-10);
    // The output bias is orthogonal to u and v (biases are 0 in both): a = 0.5, b = 0.
    expect(p.a[2]).toBeCloseTo(0.5, 10);
    expect(p.offPlane[2]).toBeGreaterThan(0.1);
  });
});
