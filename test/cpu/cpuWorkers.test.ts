import { describe, expect, it } from 'vitest';
import { CpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { ParameterError } from '../../src/errors.ts';

/**
 * The cpu backend on worker threads (src/ensemble/cpuWorkers.ts): the same state, bit for bit,
 * as on the calling thread (trajectories are independent, draws are counter-based).
 */

const BASE: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: 10, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.5 },
  optimizer: { name: 'adam', gamma: 0.01 },
  hyperGrid: [{ gamma: 0.01 }, { gamma: 0.05 }, { gamma: 3 }],
  trajectories: 96,
  seed: 21,
  x0: 1,
  initialSpread: 0.3,
};

async function finalState(config: EnsembleConfig, chunks: number[]) {
  const ensemble = CpuEnsemble.create(config);
  const workers = await ensemble.workers();
  for (const steps of chunks) await ensemble.advance(steps);
  const state = await ensemble.exportState();
  const records = await ensemble.record();
  ensemble.destroy();
  return { workers, state, records };
}

describe('cpu backend worker threads', () => {
  it.each<[string, EnsembleConfig]>([
    ['adam on quadratic-diag, three γ groups (one large)', BASE],
    [
      'amsgrad on reddi',
      {
        ...BASE,
        problem: { name: 'reddi' },
        optimizer: { name: 'amsgrad', gamma: 0.05 },
        x0: 0.5,
      },
    ],
  ])('%s: 3 workers give the single-thread state bit for bit', async (_name, config) => {
    const one = await finalState({ ...config, workers: 1 }, [40, 1, 59]);
    const three = await finalState({ ...config, workers: 3 }, [40, 1, 59]);
    expect(one.workers).toBe(1);
    expect(three.workers).toBe(3);
    for (const field of ['x', 'm', 'v', 'aux', 'bias'] as const) {
      const a = one.state[field];
      const b = three.state[field];
      expect(
        Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
        ),
        field,
      ).toBe(true);
    }
    expect(Array.from(three.state.diverged)).toEqual(Array.from(one.state.diverged));
    expect(three.records).toEqual(one.records);
  });

  it('auto: small ensembles stay on the calling thread', async () => {
    const ensemble = CpuEnsemble.create(BASE);
    expect(await ensemble.workers()).toBe(1);
  });

  it.each([0, 1.5, -2, 65, 'many', Number.NaN])('refuses workers = %s', (workers) => {
    expect(() => CpuEnsemble.create({ ...BASE, workers } as unknown as EnsembleConfig)).toThrow(
      ParameterError,
    );
    try {
      CpuEnsemble.create({ ...BASE, workers } as unknown as EnsembleConfig);
    } catch (error) {
      expect((error as ParameterError).message).toMatch(/workers/);
    }
  });
});
