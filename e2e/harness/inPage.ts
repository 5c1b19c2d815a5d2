/**
 * Checks run inside a browser page (imported by e2e specs through the Vite dev server):
 * WebGPU results of the library against its float64 CPU twins, in a real browser.
 */
import {
  GpuReducer,
  RandomFill,
  randomBits,
  seedKey,
  summarize,
  uploadStorage,
  type GpuSession,
  type Key,
} from 'adamscope';
import { cpuRandomFill, openBrowserBackend } from 'adamscope/browser';
// The reduction error bounds are those of the Dawn tests (one source of truth, docs/numerics.md).
import { magnitudes, summaryComparisons, violations } from '../../test/gpu/reduceTestHelpers.ts';

async function openSession(): Promise<{ session: GpuSession; adapter: string }> {
  const backend = await openBrowserBackend({ explicit: true });
  if (backend.kind !== 'webgpu') throw new Error('in-page checks need WebGPU');
  return { session: backend, adapter: backend.adapter.label };
}

const hex = (values: ArrayLike<number>) =>
  Array.from(values, (x) => x.toString(16).padStart(8, '0')).join(' ');

/** Result of comparing one GPU stream with the CPU, for one (trajectory, step, stream). */
export interface StreamComparison {
  at: string;
  count: number;
  mismatches: number;
  /** First differing draw: `index: gpu vs cpu` (hex). */
  firstMismatch: string | undefined;
}

async function compareStream(
  fill: RandomFill,
  key: Key,
  count: number,
  [trajectory, step, stream]: readonly [number, number, number],
): Promise<StreamComparison> {
  const gpu = await fill.draw({ key, distribution: 'bits', count, trajectory, step, stream });
  let mismatches = 0;
  let firstMismatch: string | undefined;
  for (let block = 0; block < count / 4; block++) {
    const cpu = randomBits(key, trajectory, step, block, stream);
    for (let lane = 0; lane < 4; lane++) {
      const i = 4 * block + lane;
      if (gpu[i] === cpu[lane]) continue;
      mismatches++;
      firstMismatch ??= `${i}: ${hex([gpu[i] ?? 0])} vs ${hex([cpu[lane] ?? 0])}`;
    }
  }
  return {
    at: `trajectory ${trajectory}, step ${step}, stream ${stream}`,
    count,
    mismatches,
    firstMismatch,
  };
}

/**
 * The Random123 known answer (counter 0, key 0) and bit identity of `count` GPU draws per
 * stream position with the CPU twin.
 */
export async function philoxCheck(count: number) {
  const { session, adapter } = await openSession();
  const fill = await RandomFill.create(session, 'bits');
  const knownAnswer = hex(
    await fill.draw({ key: [0, 0], distribution: 'bits', count: 4, stream: 0 }),
  );
  const key = seedKey('e2e bit identity');
  const positions = [
    [0, 0, 7],
    [123456, 98765, 0],
    [0xffffffff, 1, 1],
  ] as const;
  const streams: StreamComparison[] = [];
  for (const position of positions) streams.push(await compareStream(fill, key, count, position));
  // Uniforms are exact in f32 and f64 alike: the CPU twin used by the fallback must agree.
  const uniformFill = await RandomFill.create(session, 'uniform');
  const request = { key, distribution: 'uniform', count: 4096, step: 3 } as const;
  const gpuUniforms = await uniformFill.draw(request);
  const cpuUniforms = cpuRandomFill(request);
  const uniformMismatches = cpuUniforms.filter((u, i) => u !== gpuUniforms[i]).length;
  return { adapter, knownAnswer, streams, uniformMismatches };
}

/**
 * GpuReducer.summarize on GPU-drawn uniform and normal values against the float64 twin
 * `summarize`, with the error bounds of the Dawn tests. Returns the violated bounds.
 */
export async function reductionCheck(count: number) {
  const { session, adapter } = await openSession();
  const device = await session.device();
  const reducer = await GpuReducer.create(session);
  const options = { quantiles: [0, 0.05, 0.5, 0.95, 1], threshold: 0.5 };
  const cases: { distribution: string; mean: number; violations: string[] }[] = [];
  for (const distribution of ['uniform', 'normal'] as const) {
    const fill = await RandomFill.create(session, distribution);
    const values = await fill.draw({ key: seedKey(`e2e ${distribution}`), distribution, count });
    const input = uploadStorage(device, `e2e.${distribution}`, values as Float32Array<ArrayBuffer>);
    const gpu = await reducer.summarize(input, count, options);
    input.destroy();
    const reference = summarize(values, options);
    const { sumAbs, maxAbs } = magnitudes(values, 0, count);
    cases.push({
      distribution,
      mean: gpu.mean,
      violations: violations(summaryComparisons(gpu, reference, sumAbs, maxAbs)),
    });
  }
  reducer.destroy();
  return { adapter, cases };
}
