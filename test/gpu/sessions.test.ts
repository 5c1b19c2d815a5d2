import { afterAll, describe, expect, it } from 'vitest';
import { runEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import type { KernelSpec } from '../../src/gpu/kernel.ts';
import { GpuSession } from '../../src/gpu/session.ts';
import { RANDOM_FILL_MODULES } from '../../src/kernels/randomFill.ts';
import { nodeGpu } from '../../src/node/dawn.ts';

/**
 * Two GpuSessions in one process: each opens its own device and keeps its own caches
 * (pipelines, reducers), so nothing built on one device is handed to the other, and ending
 * one session leaves the other running.
 */
const CONFIG: EnsembleConfig = {
  problem: { name: 'regression2d' },
  optimizer: { name: 'adam', gamma: 0.01 },
  trajectories: 64,
  seed: 'two-sessions',
  x0: [2, -1],
  initialSpread: 0.5,
  recordEvery: 5,
  track: [0, 63],
};
const STEPS = 20;

const SPEC: KernelSpec = {
  label: 'SessionsTest.fill',
  modules: RANDOM_FILL_MODULES,
  constants: { DISTRIBUTION: 1, WORKGROUP_SIZE: 64 },
};

const opened: GpuSession[] = [];
async function openSession(): Promise<GpuSession> {
  const { gpu } = await nodeGpu();
  const session = await GpuSession.open(gpu);
  opened.push(session);
  return session;
}
afterAll(() => opened.forEach((s) => s.destroy()));

describe('two GpuSessions side by side', () => {
  it('run the same ensemble concurrently with bit-identical results, on separate devices and caches; destroying one leaves the other working', async () => {
    const [a, b] = await Promise.all([openSession(), openSession()]);
    const [deviceA, deviceB] = await Promise.all([a.device(), b.device()]);
    expect(deviceA).not.toBe(deviceB);

    const [runA, runB] = await Promise.all([
      runEnsemble(CONFIG, STEPS, a),
      runEnsemble(CONFIG, STEPS, b),
    ]);
    expect(runA.backend).toBe('webgpu');
    expect(runA.records.map((r) => r[0]?.step)).toEqual([0, 5, 10, 15, 20]);
    expect(runA.records[0]?.[0]?.count).toBe(64);
    expect(runB.records).toEqual(runA.records);
    expect(runB.final).toEqual(runA.final);
    expect(runB.paths).toEqual(runA.paths);

    // One pipeline per (session, spec): the same object within a session, built on that
    // session's device; a different one in the other session.
    const [kernelA, kernelA2, kernelB] = await Promise.all([
      a.kernel(SPEC),
      a.kernel(SPEC),
      b.kernel(SPEC),
    ]);
    expect(kernelA2).toBe(kernelA);
    expect(await a.kernel(SPEC)).toBe(kernelA);
    expect(kernelB).not.toBe(kernelA);
    expect(kernelA.device).toBe(deviceA);
    expect(kernelB.device).toBe(deviceB);

    a.destroy();
    expect(a.isDestroyed).toBe(true);
    expect(b.isDestroyed).toBe(false);
    await expect(a.device()).rejects.toThrow(/destroy/);
    await expect(a.kernel(SPEC)).rejects.toThrow(/destroy/);
    await expect(runEnsemble(CONFIG, STEPS, a)).rejects.toThrow(/destroy/);

    // The other session still runs, and still gives the same numbers.
    const again = await runEnsemble(CONFIG, STEPS, b);
    expect(again.records).toEqual(runA.records);
    expect(again.final).toEqual(runA.final);
    expect(await b.kernel(SPEC)).toBe(kernelB);
  });
});
