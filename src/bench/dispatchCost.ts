import type { KernelContract } from '../gpu/contract.ts';
import { createStorageBuffer, createUniformBuffer, readBuffer } from '../gpu/buffers.ts';
import { writeStruct } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import { trivialDispatch } from '../generated/wgsl/bench/index.ts';

/**
 * The fixed cost of a dispatch on this adapter: `dispatches` dispatches of a trivial kernel
 * (shaders/bench/trivial_dispatch.wgsl: one workgroup of 64 threads, each adding 1 to a
 * float), in one compute pass per `perSubmit` dispatches and one submit each, timed from the
 * first encode to onSubmittedWorkDone. Used by the suite's `dispatch-cost` workload to explain
 * the TensorFlow.js WebGPU gap (TensorFlow.js runs several kernels per ADAM step where the
 * engine runs one dispatch per K steps). Not used by the engine.
 */
export interface DispatchCostOptions {
  /** Dispatches timed (≥ 1). */
  dispatches: number;
  /** Dispatches per compute pass and submit (default: all of them in one). */
  perSubmit?: number;
}

export interface DispatchCostResult {
  seconds: number;
  /** Wall seconds per dispatch. */
  secondsPerDispatch: number;
}

const WORKGROUP_SIZE = 64;

export const TRIVIAL_DISPATCH_CONTRACT: KernelContract = {
  name: 'Bench.trivialDispatch',
  modules: [trivialDispatch],
  structs: { TrivialParams: ['count'] },
  bindings: ['trivialParams', 'trivialData'],
  overrides: ['WORKGROUP_SIZE'],
};

/** Times `dispatches` trivial dispatches (after one untimed batch that builds the pipeline). */
export async function timeDispatches(
  session: GpuSession,
  options: DispatchCostOptions,
): Promise<DispatchCostResult> {
  const { dispatches } = options;
  const perSubmit = Math.max(1, Math.min(options.perSubmit ?? dispatches, dispatches));
  const kernel = await session.kernel({
    label: 'Bench.trivialDispatch',
    modules: [trivialDispatch],
    constants: { WORKGROUP_SIZE },
  });
  const { device } = kernel;
  const data = createStorageBuffer(device, 'Bench.trivialDispatch.data', WORKGROUP_SIZE * 4);
  const params = createUniformBuffer(
    device,
    'Bench.trivialDispatch.params',
    writeStruct(kernel.layout.struct('TrivialParams'), { count: WORKGROUP_SIZE }),
  );
  const group = kernel.bind({ trivialParams: params, trivialData: data });
  const run = (count: number) => {
    for (let done = 0; done < count; done += perSubmit) {
      const encoder = device.createCommandEncoder({ label: 'Bench.trivialDispatch.encoder' });
      const pass = session.beginComputePass(encoder, { label: 'Bench.trivialDispatch.pass' });
      for (let i = done; i < Math.min(count, done + perSubmit); i++)
        kernel.dispatch(pass, [group], 1);
      pass.end();
      device.queue.submit([encoder.finish()]);
    }
  };
  try {
    run(Math.min(dispatches, 16));
    await device.queue.onSubmittedWorkDone();
    const start = performance.now();
    run(dispatches);
    await device.queue.onSubmittedWorkDone();
    const seconds = (performance.now() - start) / 1000;
    await readBuffer(device, data, 4); // the dispatches ran (and the buffer is used)
    return { seconds, secondsPerDispatch: seconds / dispatches };
  } finally {
    data.destroy();
    params.destroy();
  }
}
