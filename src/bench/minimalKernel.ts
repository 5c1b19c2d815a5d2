import type { KernelContract } from '../gpu/contract.ts';
import { createStorageBuffer, createUniformBuffer, readBuffer } from '../gpu/buffers.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import { writeStruct } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import { minimalAdam } from '../generated/wgsl/bench/index.ts';
import { philox, random, threefry } from '../generated/wgsl/lib/index.ts';
import { seedKey } from '../random/distributions.ts';
import type { RandomGenerator } from '../random/generator.ts';

/**
 * The benchmark's reference kernel: shaders/bench/minimal_adam.wgsl, a minimal fused ADAM
 * (PyTorch preset) on quadratic-diag with the engine's generator and draws, K steps per
 * dispatch, one uniform per dispatch and one submit per `advance` — the engine's step kernel
 * without its generality (groups, masks, projection, divergence flags). Not used by the engine.
 */
export interface MinimalAdamOptions {
  /** N trajectories (≥ 1). */
  trajectories: number;
  /** d, a multiple of 4 (the kernel has no lane mask). */
  dimension: number;
  /** Steps timed (after one warm-up dispatch of `stepsPerDispatch` steps). */
  steps: number;
  /** K steps per dispatch (default 64, the engine's default). */
  stepsPerDispatch?: number;
  /** The generator (default 'philox'). */
  rng?: RandomGenerator;
  /** Seed (default 'bench', as src/bench/ensemble.ts). */
  seed?: number | string;
  /** Adds the engine's per-step finiteness check (override CHECK_FINITE; default false). */
  checkFinite?: boolean;
  /** Branches on the ADAM variant read from the uniform, as adam.wgsl (override RUNTIME_VARIANT). */
  runtimeVariant?: boolean;
  /** Recomputes λ = exp2(…) at every step, as quadratic_diag.wgsl (override LAMBDA_PER_STEP). */
  lambdaPerStep?: boolean;
  /** quadratic-diag and ADAM parameters (defaults: those of src/bench/ensemble.ts). */
  lambdaMin?: number;
  lambdaMax?: number;
  sigma?: number;
  gamma?: number;
}

export interface MinimalAdamResult {
  /** Wall seconds of the timed steps (submit to onSubmittedWorkDone). */
  seconds: number;
  /** N · d · steps / seconds. */
  coordUpdatesPerSecond: number;
  /** Final positions (N · d float32, trajectory-major), only when `readBack` was asked. */
  x?: Float32Array;
}

const WORKGROUP_SIZE = 64;

/** The module list of each generator (the generator module defines `counterHash`). */
export const MINIMAL_ADAM_MODULES = {
  philox: [philox, random, minimalAdam],
  threefry: [threefry, random, minimalAdam],
} as const;

/** What the runner uses of its WGSL (checked by test/contract). */
export const MINIMAL_ADAM_CONTRACTS: KernelContract[] = (['philox', 'threefry'] as const).map(
  (rng) => ({
    name: `Bench.minimalAdam.${rng}`,
    modules: MINIMAL_ADAM_MODULES[rng],
    structs: {
      MinimalAdamParams: [
        'key',
        'trajectoryCount',
        'tileCount',
        'firstStep',
        'stepCount',
        'gamma',
        'alpha',
        'beta',
        'epsilon',
        'sigma',
        'xStar',
        'log2LambdaMin',
        'log2LambdaStep',
        'bias',
        'epsilonForm',
        'debias',
      ],
    },
    bindings: ['params', 'positions', 'firstMoments', 'secondMoments'],
    overrides: ['WORKGROUP_SIZE', 'CHECK_FINITE', 'RUNTIME_VARIANT', 'LAMBDA_PER_STEP'],
  }),
);

/**
 * Runs the minimal kernel from x0 = 1, m = v = 0: one warm-up dispatch (steps 1 … K, not timed,
 * compiles the pipeline), then `steps` more steps timed. With `readBack`, also returns x
 * after 1 + … all K + steps steps (tests compare it with the engine).
 */
export async function timeMinimalAdam(
  session: GpuSession,
  options: MinimalAdamOptions,
  readBack = false,
): Promise<MinimalAdamResult> {
  const { trajectories, dimension, steps } = options;
  if (dimension % 4 !== 0 || dimension < 4)
    throw new Error(`timeMinimalAdam: dimension ${dimension} must be a positive multiple of 4`);
  const k = options.stepsPerDispatch ?? 64;
  const rng = options.rng ?? 'philox';
  const lambdaMin = options.lambdaMin ?? 0.01;
  const lambdaMax = options.lambdaMax ?? 1;
  const alpha = 0.9;
  const beta = 0.999;
  const kernel = await session.kernel({
    label: `Bench.minimalAdam.${rng}`,
    modules: MINIMAL_ADAM_MODULES[rng],
    constants: {
      WORKGROUP_SIZE,
      CHECK_FINITE: options.checkFinite ? 1 : 0,
      RUNTIME_VARIANT: options.runtimeVariant ? 1 : 0,
      LAMBDA_PER_STEP: options.lambdaPerStep ? 1 : 0,
    },
  });
  const { device } = kernel;
  const tileCount = dimension / 4;
  const threads = trajectories * tileCount;
  const bytes = threads * 16;
  const x = createStorageBuffer(device, 'Bench.minimalAdam.x', bytes);
  const m = createStorageBuffer(device, 'Bench.minimalAdam.m', bytes);
  const v = createStorageBuffer(device, 'Bench.minimalAdam.v', bytes);
  device.queue.writeBuffer(x, 0, new Float32Array(threads * 4).fill(1));
  const key = seedKey(options.seed ?? 'bench', rng);
  const [gx, gy] = workgroupGrid(
    threads,
    WORKGROUP_SIZE,
    device.limits.maxComputeWorkgroupsPerDimension,
  );
  // Bias weights (r, rbar) after n steps, in f64 then rounded (the kernel carries them in f32).
  const struct = kernel.layout.struct('MinimalAdamParams');
  let r = 0;
  let rbar = 0;
  const run = (firstStep: number, count: number) => {
    const encoder = device.createCommandEncoder({ label: 'Bench.minimalAdam.encoder' });
    const pass = session.beginComputePass(encoder, { label: 'Bench.minimalAdam.pass' });
    const uniforms: GPUBuffer[] = [];
    for (let done = 0; done < count; done += k) {
      const stepCount = Math.min(k, count - done);
      const params = createUniformBuffer(
        device,
        'Bench.minimalAdam.params',
        writeStruct(struct, {
          key,
          trajectoryCount: trajectories,
          tileCount,
          firstStep: firstStep + done,
          stepCount,
          gamma: options.gamma ?? 1e-3,
          alpha,
          beta,
          epsilon: 1e-8,
          sigma: options.sigma ?? 0.1,
          xStar: 0,
          log2LambdaMin: Math.log2(lambdaMin),
          log2LambdaStep: dimension > 1 ? Math.log2(lambdaMax / lambdaMin) / (dimension - 1) : 0,
          bias: [r, rbar],
          epsilonForm: 0,
          debias: 1,
        }),
      );
      uniforms.push(params);
      for (let s = 0; s < stepCount; s++) {
        r += (1 - alpha) * (1 - r);
        rbar += (1 - beta) * (1 - rbar);
      }
      kernel.dispatch(
        pass,
        [kernel.bind({ params, positions: x, firstMoments: m, secondMoments: v })],
        gx,
        gy,
      );
    }
    pass.end();
    device.queue.submit([encoder.finish()]);
    return uniforms;
  };
  try {
    for (const u of run(1, k)) u.destroy();
    await device.queue.onSubmittedWorkDone();
    const start = performance.now();
    const uniforms = run(1 + k, steps);
    await device.queue.onSubmittedWorkDone();
    const seconds = (performance.now() - start) / 1000;
    for (const u of uniforms) u.destroy();
    const result: MinimalAdamResult = {
      seconds,
      coordUpdatesPerSecond: (trajectories * dimension * steps) / seconds,
    };
    if (readBack) result.x = new Float32Array(await readBuffer(device, x, bytes));
    return result;
  } finally {
    x.destroy();
    m.destroy();
    v.destroy();
  }
}
