import { describe, expect, it } from 'vitest';
import { ComputeKernel } from '../../src/gpu/kernel.ts';
import { createStorageBuffer, readBuffer, uploadStorage } from '../../src/gpu/buffers.ts';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import type { OdeConfig } from '../../src/ode/config.ts';
import type { OdeResult } from '../../src/ode/result.ts';
import { createProblem, type ProblemSpec } from '../../src/problems/index.ts';
import { testDevice } from '../gpuTestRuntime.ts';

const webgpu = async () => ({ kind: 'webgpu' as const, device: await testDevice() });

/** Largest |gpu - cpu| / (1 + |cpu|) over the scalar records and x. */
function maxRelativeDifference(gpu: OdeResult, cpu: OdeResult): { error: number; where: string } {
  let worst = { error: 0, where: '' };
  for (const field of ['F', 'V', 'dist', 'x'] as const) {
    const g = gpu.records[field];
    const c = cpu.records[field];
    c?.forEach((cv, i) => {
      const e = Math.abs((g?.[i] ?? Number.NaN) - cv) / (1 + Math.abs(cv));
      if (!(e <= worst.error)) worst = { error: e, where: `${field}[${i}] gpu ${g?.[i]} cpu ${cv}` };
    });
  }
  return worst;
}

describe('expMinusOne in WGSL', () => {
  it('matches Math.expm1 within 4 ulp (f32) on [-30, 30]', async () => {
    const device = await testDevice();
    const kernel = await ComputeKernel.create(device, { label: 'OdeTest.expMinusOne', modules: ['lib/math.wgsl', 'kernels/ode_math_probe.wgsl'] });
    const xs = Float32Array.from({ length: 1024 }, (_, i) => {
      const u = (i - 512) / 512;
      return Math.fround(i % 3 === 0 ? 30 * u : i % 3 === 1 ? u * 1e-3 : u * 0.5);
    });
    const input = uploadStorage(device, 'OdeTest.input', xs);
    const output = createStorageBuffer(device, 'OdeTest.output', xs.byteLength);
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    kernel.dispatch(pass, [kernel.bind({ input, output })], 1024 / 64);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const got = new Float32Array(await readBuffer(device, output, xs.byteLength));
    xs.forEach((x, i) => {
      const exact = Math.expm1(x);
      const ulp = Math.abs(exact) * 2 ** -23;
      // Series branch (|x| < 1/4): ~2 ulp of rounding; exp branch: WGSL's exp allows 3 + 2|x| ulp
      // of e^x, relative to |e^x - 1| ≥ 0.22 that is at most ~4.5x larger below x = 0.
      const bound = Math.abs(x) < 0.25 ? 4 * ulp : (3 + 2 * Math.abs(x)) * Math.max(Math.exp(x), 1) * 2 ** -23 * 1.5 + 4 * ulp;
      expect(Math.abs((got[i] ?? 0) - exact), `x = ${x}`).toBeLessThanOrEqual(bound);
    });
  });
});

describe('ODE engine on the GPU against the float64 twin', () => {
  it('smoke: gradient flow, rk4 and dopri5, quadratic-diag d = 2', async () => {
    const problem = createProblem({ name: 'quadratic-diag', dimension: 2, lambdaMin: 1, lambdaMax: 4, xStar: 1 });
    for (const method of ['rk4', 'dopri5'] as const) {
      const config: OdeConfig = { problem, ode: 'gradient-flow', x0: [3, -1], finalTime: 2, method, dt: 0.01, rtol: 1e-5, atol: 1e-7, outputTimes: [0, 0.5, 1, 2] };
      const cpu = await integrateOde(config, 'cpu');
      const gpu = await integrateOde(config, await webgpu());
      console.log(method, [...gpu.records.dist], [...cpu.records.dist], gpu.stepCounts, gpu.status);
      expect(maxRelativeDifference(gpu, cpu).error).toBeLessThan(1e-4);
    }
  });
});

export type { ProblemSpec };
