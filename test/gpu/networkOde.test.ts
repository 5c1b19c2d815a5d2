import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import type { OdeConfig } from '../../src/ode/config.ts';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import type { OdeResult } from '../../src/ode/result.ts';
import { createNetworkProblem } from '../../src/problems/network/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

/** Largest |gpu - cpu| / (1 + |cpu|) over the scalar records. */
function worstDifference(gpu: OdeResult, cpu: OdeResult): { error: number; where: string } {
  let worst = { error: 0, where: '' };
  for (const field of ['F', 'V', 'mNorm', 'vGap', 'dist'] as const) {
    cpu.records[field].forEach((c, i) => {
      const g = gpu.records[field][i] ?? Number.NaN;
      const e = Math.abs(g - c) / (1 + Math.abs(c));
      if (!(e <= worst.error)) worst = { error: e, where: `${field}[${i}] gpu ${g} cpu ${c}` };
    });
  }
  return worst;
}

// moons 2-16-1 (d = 65) on 32 train samples, B = 4, two Glorot initialisations.
const problem = createNetworkProblem({
  name: 'mlp',
  dataset: { name: 'moons', samples: 40, dataSeed: 1 },
  hidden: [16],
  batch: 4,
});
const points = [0, 1].map((k) => Array.from(problem.initialWeights([7, 11], k)));

describe('the network ADAM ODE on the GPU (workgroup per trajectory, exact sums)', () => {
  // Same RK4 steps on both sides: float32 rounding only. One evaluation of ∇F sums n = 32
  // per-sample gradients through two layers (relative rounding ~ (n + width) u ~ 1e-5); over
  // 20 steps the error stays within a few of those; the t = 0 half rates are a float32 central
  // difference on the GPU (relative ~3e-5, first stage only, weight h/6). Bound 2e-4.
  it.each(['adam', 'adam-autonomous'] as const)(
    '%s, rk4: GPU against the float64 twin',
    async (ode) => {
      const base: OdeConfig = {
        problem,
        ode,
        a: 10,
        b: 1,
        epsilon: 1e-3,
        points,
        finalTime: 1,
        method: 'rk4',
        dt: 0.05,
        outputTimes: [0, 0.25, 0.5, 1],
      };
      const cpu = await integrateOde(base, new CpuBackend());
      const gpu = await integrateOde(base, await testSession());
      const worst = worstDifference(gpu, cpu);
      expect(worst.error, `${worst.error.toExponential(2)} at ${worst.where}`).toBeLessThan(2e-4);
      // The loss decreases along the ODE.
      expect(cpu.records.F[3] ?? NaN).toBeLessThan(cpu.records.F[0] ?? NaN);
    },
    300_000,
  );
});
