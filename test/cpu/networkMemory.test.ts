import { describe, expect, it } from 'vitest';
import { checkMemory } from '../../src/cli/limits.ts';
import { estimateMemory } from '../../src/ensemble/config.ts';
import {
  checkNetworkStorageLimit,
  networkStorageShortfall,
  NETWORK_STEP_STORAGE_BUFFERS,
  networkMemoryOption,
} from '../../src/ensemble/networkEnsemble.ts';
import { createNetworkProblem } from '../../src/problems/network/index.ts';
import { ParameterError } from '../../src/errors.ts';

/*
 * estimateMemory counts a network problem's buffers (issue 11): the data set once (host:
 * float64 features + their float32 copy + u32 labels; webgpu: f32 features and labels of both
 * splits), and on webgpu a gradient scratch of 16 bytes per tile per trajectory; checkMemory
 * subtracts the fixed part before naming the largest N, and refuses a data set that alone
 * does not fit, naming --dataset.
 */
const size = { flag: '--trajectories', value: 10, what: 'trajectories' };

describe('estimateMemory with a network problem', () => {
  it('adds the data set once and the GPU gradient scratch per trajectory', () => {
    const problem = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'moons', samples: 500 },
      hidden: [16],
    });
    const option = networkMemoryOption(problem);
    expect(option.network).toEqual({ samples: 500, trainSamples: 400, inputs: 2 });
    const d = problem.dimension; // 65: 17 tiles
    const plain = estimateMemory(100, d, 'webgpu');
    const net = estimateMemory(100, d, 'webgpu', option);
    expect(net.fixed).toEqual({
      host: 500 * 2 * 12 + 500 * 4,
      heap: 0,
      device: 500 * 2 * 4 + 500 * 4 + 1024,
      largestBuffer: 400 * 2 * 4,
    });
    expect(net.deviceBytes - plain.deviceBytes).toBe(100 * 17 * 16 + 500 * 2 * 4 + 500 * 4 + 1024);
    const cpu = estimateMemory(100, d, 'cpu', option);
    expect(cpu.hostBytes - estimateMemory(100, d, 'cpu').hostBytes).toBe(500 * 2 * 12 + 500 * 4);
    // Not a network: no option, no fixed part.
    expect(estimateMemory(100, d, 'cpu').fixed).toBeUndefined();
  });

  it('checkMemory subtracts the data set before naming the largest N, and refuses a data set that cannot fit', () => {
    const network = { samples: 1000, trainSamples: 800, inputs: 100 };
    const estimate = estimateMemory(10, 1000, 'cpu', { network });
    const fixedHost = estimate.fixed?.host ?? 0;
    const perHost = estimate.perTrajectory.host;
    // Room for exactly 9 trajectories beside the data set: 10 are refused, naming 9.
    const limits = {
      heap: 1e12,
      host: fixedHost + 9.5 * perHost,
      maxBuffer: undefined,
      device: undefined,
    };
    expect(() => checkMemory(estimate, limits, size)).toThrow(/at most 9 trajectories/);
    expect(() => checkMemory(estimate, limits, { ...size, value: 9 })).not.toThrow();
    // A host smaller than the data set: refused whatever N, naming --dataset.
    const tiny = { ...limits, host: fixedHost / 2 };
    let error: unknown;
    try {
      checkMemory(estimate, tiny, { ...size, value: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect(String(error)).toMatch(/--dataset/);
    expect(String(error)).toMatch(/data set that fits: it alone needs/);
  });
});

describe('the network step kernel on a device with few storage buffers per stage', () => {
  it('is refused with a LimitError naming maxStorageBuffersPerShaderStage (not at pipeline creation)', () => {
    const problem = createNetworkProblem({ name: 'mlp', dataset: { name: 'moons', samples: 64 } });
    const device = (n: number) =>
      ({ limits: { maxStorageBuffersPerShaderStage: n } }) as unknown as GPUDevice;
    expect(() => checkNetworkStorageLimit(problem, device(8))).toThrow(
      /mlp on webgpu: the network step kernel binds 9 storage buffers per shader stage; this adapter allows maxStorageBuffersPerShaderStage = 8 \(use the cpu backend\)/,
    );
    // The same test decides the landscape's fallback of its training runs to the cpu backend.
    expect(networkStorageShortfall(device(8))).toMatch(/binds 9 .* = 8$/);
    expect(networkStorageShortfall(device(10))).toBeUndefined();
    // Chrome's SwiftShader adapter (10) runs it on the GPU.
    expect(() => checkNetworkStorageLimit(problem, device(10))).not.toThrow();
    expect(() =>
      checkNetworkStorageLimit(problem, device(NETWORK_STEP_STORAGE_BUFFERS)),
    ).not.toThrow();
  });
});
