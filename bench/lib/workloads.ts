/**
 * The workloads of the suite, platform-neutral: each takes a backend (a GpuSession from
 * `adamscope/node` or `adamscope/browser`, or the cpu backend) and returns rows. Imports
 * only the public package surface.
 */
import { readTiming, startTiming, stopTiming } from '../../src/gpu/timing.ts';
import {
  GpuReducer,
  RandomFill,
  createEnsemble,
  createProblem,
  integrateOde,
  seedKey,
  uploadStorage,
  findExperiment,
  type Backend,
  type Ensemble,
  type EnsembleConfig,
  type GpuSession,
  type OdeConfig,
  type OdeMethod,
  type ProblemSpec,
  type RandomGenerator,
  RANDOM_GENERATORS,
} from 'adamscope';
// The benchmark's reference kernel is a repository tool, not part of the package surface.
import { timeMinimalAdam } from '../../src/bench/minimalKernel.ts';
import { timeDispatches } from '../../src/bench/dispatchCost.ts';
import {
  measure,
  meanVar,
  rowAdapter,
  type BenchRow,
  type Environment,
  type GpuTimer,
} from './core.ts';

export const TIMING_GPU = 'wall, each repeat ends with onSubmittedWorkDone';
export const TIMING_READBACK = 'wall, each repeat ends with a readback';
export const TIMING_CPU = 'wall (synchronous JavaScript)';

/**
 * GPU time of the compute passes labelled `label` that a repeat encodes (timestamp-query, see
 * `GpuSession.startTiming`); undefined on the cpu backend. The caller stops the timing.
 */
export function passTimer(backend: Backend, label: string): GpuTimer | undefined {
  if (backend.kind !== 'webgpu') return undefined;
  return {
    async start() {
      const on = await startTiming(backend);
      await readTiming(backend); // drops passes encoded before (setup, warm-up)
      return on;
    },
    async read() {
      const passes = await readTiming(backend);
      return passes.filter((p) => p.label === label).reduce((sum, p) => sum + p.seconds, 0);
    },
  };
}

const implementationOf = (backend: Backend) =>
  backend.kind === 'webgpu' ? 'adamscope webgpu' : 'adamscope cpu';

/** The peer workload of issue 10: ADAM on quadratic-diag, λ log-spaced in [0.01, 1], σ = 1. */
export interface AdamWorkload {
  dimension: number;
  trajectories: number;
  /** Steps per timed repeat. */
  steps: number;
  repeats: number;
  /** Steps of the warm-up (with pipeline creation: the setup time). */
  warmSteps: number;
  lambdaMin: number;
  lambdaMax: number;
  sigma: number;
  gamma: number;
  alpha: number;
  beta: number;
  epsilon: number;
  x0: number;
  /** The counter-based generator of the engine's draws (default philox). */
  rng?: GeneratorName;
  /** The cpu backend's workers (EnsembleConfig.workers; default auto). */
  workers?: number;
}

export function adamWorkload(
  overrides: Partial<AdamWorkload> & Pick<AdamWorkload, 'dimension' | 'trajectories'>,
): AdamWorkload {
  return {
    steps: 16,
    repeats: 3,
    warmSteps: 2,
    lambdaMin: 0.01,
    lambdaMax: 1,
    sigma: 1,
    gamma: 1e-3,
    alpha: 0.9,
    beta: 0.999,
    epsilon: 1e-8,
    x0: 1,
    ...overrides,
  };
}

/** Total steps every implementation runs (warm-up + repeats): the same final state in law. */
export const totalSteps = (w: AdamWorkload) => w.warmSteps + w.repeats * w.steps;

/** λ_i = λmin·(λmax/λmin)^{i/(d−1)}, as the quadratic-diag problem defines them. */
export function lambdas(w: AdamWorkload): Float64Array {
  const d = w.dimension;
  const lo = Math.log2(w.lambdaMin);
  const step = d > 1 ? Math.log2(w.lambdaMax / w.lambdaMin) / (d - 1) : 0;
  return new Float64Array(d).map((_, i) => 2 ** (lo + i * step));
}

export function diagSpec(
  w: Pick<AdamWorkload, 'dimension' | 'lambdaMin' | 'lambdaMax' | 'sigma'>,
): ProblemSpec {
  return {
    name: 'quadratic-diag',
    dimension: w.dimension,
    lambdaMin: w.lambdaMin,
    lambdaMax: w.lambdaMax,
    sigma: w.sigma,
  };
}

function ensembleConfig(
  problem: ProblemSpec,
  w: AdamWorkload,
  stepsPerDispatch: number,
): EnsembleConfig {
  return {
    problem,
    optimizer: {
      name: 'adam',
      preset: 'pytorch',
      gamma: w.gamma,
      alpha: w.alpha,
      beta: w.beta,
      epsilon: w.epsilon,
    },
    trajectories: w.trajectories,
    seed: 'bench',
    x0: w.x0,
    ...(w.rng ? { rng: w.rng } : {}),
    ...(w.workers ? { workers: w.workers } : {}),
    stepsPerDispatch,
    recordEvery: 1 << 30,
  };
}

/**
 * Final F_i = ½ Σ_j λ_j x_ij² of every trajectory, from the exported state (no extra
 * pipeline: the GPU layout is float32, 4 lanes per tile, tiles of a trajectory contiguous).
 */
async function finalValues(ensemble: Ensemble, w: AdamWorkload): Promise<Float64Array> {
  const state = await ensemble.exportState();
  const d = w.dimension;
  const stride = state.backend === 'webgpu' ? 4 * Math.ceil(d / 4) : d;
  const lambda = lambdas(w);
  const out = new Float64Array(state.trajectories);
  for (let i = 0; i < state.trajectories; i++) {
    let f = 0;
    for (let j = 0; j < d; j++) f += 0.5 * (lambda[j] ?? 0) * (state.x[i * stride + j] ?? NaN) ** 2;
    out[i] = f;
  }
  return out;
}

/** Result of an ADAM workload: the row and the final F of every trajectory. */
export interface AdamOutcome {
  row: BenchRow;
  finalF: Float64Array;
}

/**
 * ADAM through the engine (`createEnsemble`, any backend) on `problem`: coordinate-updates/s
 * (N·d·steps per second); setup = ensemble creation (pipelines, buffers, initial draw) and the
 * warm-up steps.
 */
export async function adamEngine(
  backend: Backend,
  environment: Environment,
  w: AdamWorkload,
  options: {
    workload: string;
    problem?: ProblemSpec;
    stepsPerDispatch?: number;
    finalF?: boolean;
    flopsPerUpdate?: number;
  } = { workload: 'adam-diag' },
): Promise<AdamOutcome> {
  const problem = options.problem ?? diagSpec(w);
  const stepsPerDispatch = options.stepsPerDispatch ?? 64;
  let ensemble: Ensemble | undefined;
  try {
    const m = await measure(
      async () => {
        ensemble = await createEnsemble(ensembleConfig(problem, w, stepsPerDispatch), backend);
        await ensemble.advance(w.warmSteps);
        await ensemble.synchronize();
      },
      async () => {
        await ensemble?.advance(w.steps);
        await ensemble?.synchronize();
      },
      w.trajectories * w.dimension * w.steps,
      w.repeats,
      passTimer(backend, 'Ensemble.stepPass'),
    );
    if (backend.kind === 'webgpu') stopTiming(backend);
    const finalF =
      options.finalF === false || !ensemble ? new Float64Array(0) : await finalValues(ensemble, w);
    const row: BenchRow = {
      workload: options.workload,
      params: {
        problem: problem.name,
        d: w.dimension,
        N: w.trajectories,
        steps: w.steps,
        ...(backend.kind === 'webgpu' ? { stepsPerDispatch } : {}),
        ...(w.rng ? { generator: w.rng } : {}),
        ...(backend.kind === 'cpu' && w.workers ? { workers: w.workers } : {}),
      },
      implementation:
        backend.kind === 'cpu' && w.workers
          ? `adamscope cpu, ${w.workers === 1 ? 'one thread' : `${w.workers} workers`}`
          : implementationOf(backend),
      environment,
      unit: 'coord-updates/s',
      median: m.median,
      min: m.min,
      max: m.max,
      repeats: m.repeats,
      ...(m.gpu ? { gpu: m.gpu } : {}),
      ...(options.flopsPerUpdate
        ? { secondary: { unit: 'FLOP/s', median: m.median * options.flopsPerUpdate } }
        : {}),
      setupSeconds: m.setupSeconds,
      timing: backend.kind === 'webgpu' ? TIMING_GPU : TIMING_CPU,
      adapter: rowAdapter(backend),
    };
    return { row, finalF };
  } finally {
    ensemble?.destroy();
  }
}

/** sfc32 (Chris Doty-Humphrey's small fast counter generator): uniform 32-bit words. */
export function sfc32(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * The plain TypeScript peer: the obvious hand-written ADAM over Float32Array state (x, m, v
 * of N·d values), gradients λ·x + σ·ξ with ξ from sfc32 + Box–Muller, bias-corrected as
 * torch.optim.Adam (ε outside the root).
 */
export class PlainAdam {
  readonly x: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly lambda: Float32Array;
  private readonly random: () => number;
  private step = 0;
  private spare = 0;
  private hasSpare = false;

  constructor(
    private readonly w: AdamWorkload,
    seed = 1,
  ) {
    const size = w.trajectories * w.dimension;
    this.x = new Float32Array(size).fill(w.x0);
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.lambda = Float32Array.from(lambdas(w));
    this.random = sfc32(seed);
  }

  /** A standard normal (Box–Muller, two per pair of uniforms). */
  private normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = (this.random() + 1) / 4294967297; // (0, 1)
    const u2 = this.random() / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    this.hasSpare = true;
    return r * Math.cos(2 * Math.PI * u2);
  }

  advance(steps: number): void {
    const { x, m, v, lambda } = this;
    const { alpha, beta, gamma, epsilon, sigma, trajectories, dimension: d } = this.w;
    for (let s = 0; s < steps; s++) {
      this.step++;
      const c1 = 1 / (1 - alpha ** this.step);
      const c2 = 1 / (1 - beta ** this.step);
      for (let i = 0; i < trajectories; i++) {
        const base = i * d;
        for (let j = 0; j < d; j++) {
          const k = base + j;
          const xk = x[k] ?? 0;
          const g = (lambda[j] ?? 0) * xk + sigma * this.normal();
          const mk = alpha * (m[k] ?? 0) + (1 - alpha) * g;
          const vk = beta * (v[k] ?? 0) + (1 - beta) * g * g;
          m[k] = mk;
          v[k] = vk;
          x[k] = xk - (gamma * mk * c1) / (Math.sqrt(vk * c2) + epsilon);
        }
      }
    }
  }

  /** F_i = ½ Σ_j λ_j x_ij² of every trajectory. */
  values(): Float64Array {
    const { trajectories, dimension: d } = this.w;
    const out = new Float64Array(trajectories);
    for (let i = 0; i < trajectories; i++) {
      let f = 0;
      for (let j = 0; j < d; j++) f += 0.5 * (this.lambda[j] ?? 0) * (this.x[i * d + j] ?? 0) ** 2;
      out[i] = f;
    }
    return out;
  }
}

export async function plainAdam(environment: Environment, w: AdamWorkload): Promise<AdamOutcome> {
  let adam: PlainAdam | undefined;
  const m = await measure(
    async () => {
      adam = new PlainAdam(w);
      adam.advance(w.warmSteps);
    },
    async () => adam?.advance(w.steps),
    w.trajectories * w.dimension * w.steps,
    w.repeats,
  );
  return {
    row: {
      workload: 'peer-adam',
      params: { problem: 'quadratic-diag', d: w.dimension, N: w.trajectories, steps: w.steps },
      implementation: 'plain-ts (Float32Array, sfc32 + Box–Muller)',
      environment,
      unit: 'coord-updates/s',
      median: m.median,
      min: m.min,
      max: m.max,
      repeats: m.repeats,
      setupSeconds: m.setupSeconds,
      timing: TIMING_CPU,
      adapter: rowAdapter({ kind: 'cpu' } as Backend),
    },
    finalF: adam ? adam.values() : new Float64Array(0),
  };
}

/** Fills in the peer rows' ratios (adamscope rate / peer rate) and agreement checks. */
export function comparePeers(
  reference: AdamOutcome,
  peers: AdamOutcome[],
  agreementOf: (a: Float64Array, b: Float64Array) => BenchRow['check'],
): void {
  for (const peer of peers) {
    peer.row.ratio = reference.row.median / peer.row.median;
    const check = agreementOf(peer.finalF, reference.finalF);
    if (check) peer.row.check = check;
  }
  reference.row.note = 'the reference of the ratios and checks';
}

export { meanVar };

/** The random generators a run can select (`rng` of an ensemble, RandomFill's generator). */
export const GENERATORS = RANDOM_GENERATORS;
export type GeneratorName = RandomGenerator;

/** Random draws: values/s of RandomFill (normals), including one readback per draw. */
export async function randomDraws(
  session: GpuSession,
  environment: Environment,
  generator: GeneratorName,
  count: number,
  repeats: number,
): Promise<BenchRow> {
  let fill: RandomFill | undefined;
  const key = seedKey('bench', generator);
  const draw = async () => {
    await fill?.draw({ key, distribution: 'normal', count });
  };
  const m = await measure(
    async () => {
      fill = await RandomFill.create(session, 'normal', generator);
      await draw();
    },
    draw,
    count,
    repeats,
  );
  return {
    workload: 'random',
    params: { generator, distribution: 'normal', n: count },
    implementation: 'adamscope webgpu',
    environment,
    unit: 'values/s',
    ...pick(m),
    setupSeconds: m.setupSeconds,
    timing: TIMING_READBACK,
    adapter: rowAdapter(session),
    note: 'includes the readback of every value: a lower bound of the in-kernel rate',
  };
}

const pick = (m: { median: number; min: number; max: number; repeats: number }) => ({
  median: m.median,
  min: m.min,
  max: m.max,
  repeats: m.repeats,
});

/** GpuReducer.summarize of `count` float32 values already on the GPU: values/s and GB/s read. */
export async function reductions(
  session: GpuSession,
  environment: Environment,
  count: number,
  repeats: number,
): Promise<BenchRow> {
  const device = await session.device();
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = Math.sin(i * 0.618);
  const input = uploadStorage(device, 'bench.reduce', values);
  let reducer: GpuReducer | undefined;
  const options = { quantiles: [0.05, 0.5, 0.95], threshold: 0.5 };
  const run = async () => {
    await reducer?.summarize(input, count, options);
  };
  try {
    const m = await measure(
      async () => {
        reducer = await GpuReducer.create(session);
        await run();
      },
      run,
      count,
      repeats,
    );
    return {
      workload: 'reduce',
      params: { op: 'summarize (mean, var, min, max, 3 quantiles, threshold)', n: count },
      implementation: 'adamscope webgpu',
      environment,
      unit: 'values/s',
      ...pick(m),
      secondary: { unit: 'B/s read', median: m.median * 4 },
      setupSeconds: m.setupSeconds,
      timing: TIMING_READBACK,
      adapter: rowAdapter(session),
    };
  } finally {
    reducer?.destroy();
    input.destroy();
  }
}

/**
 * ODE ensembles (debiased ADAM ODE from a Gaussian cloud, one output time): trajectory-steps/s,
 * one step = one RK4 step or one Dormand–Prince attempt (accepted + rejected).
 */
export async function odeEnsemble(
  backend: Backend,
  environment: Environment,
  method: OdeMethod,
  dimension: number,
  count: number,
  finalTime: number,
  repeats: number,
): Promise<BenchRow> {
  const problem = createProblem(
    dimension === 2
      ? { name: 'regression2d' }
      : { name: 'quadratic-diag', dimension, lambdaMin: 0.01, lambdaMax: 1 },
  );
  const config = (n: number): OdeConfig => ({
    problem,
    ode: 'adam',
    a: 2,
    b: 1,
    epsilon: 1e-8,
    x0: new Array<number>(problem.dimension).fill(1),
    cloud: { count: n, spread: 0.5, seed: 'bench' },
    finalTime,
    method,
    dt: finalTime / 20,
    rtol: 1e-4,
    atol: 1e-6,
    outputTimes: [finalTime],
    statistics: false,
    readRecords: false,
  });
  let attempts = 0;
  let accepted = 0;
  const rates: number[] = [];
  const m = await measure(
    async () => {
      await integrateOde(config(Math.min(count, 4)), backend);
    },
    async () => {
      const t0 = performance.now();
      const r = await integrateOde(config(count), backend);
      let total = 0;
      let ok = 0;
      r.stepCounts.accepted.forEach((a, i) => {
        total += a + (r.stepCounts.rejected[i] ?? 0);
        ok += a;
      });
      attempts = total;
      accepted = ok;
      rates.push(total / ((performance.now() - t0) / 1000));
    },
    1,
    repeats,
  );
  const sorted = [...rates].sort((a, b) => a - b);
  return {
    workload: 'ode',
    params: { method, d: problem.dimension, N: count, T: finalTime },
    implementation: implementationOf(backend),
    environment,
    unit: 'trajectory-steps/s',
    median: sorted[sorted.length >> 1] ?? NaN,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    repeats: m.repeats,
    setupSeconds: m.setupSeconds,
    timing: backend.kind === 'webgpu' ? TIMING_READBACK : TIMING_CPU,
    adapter: rowAdapter(backend),
    note: `${attempts} attempts (${accepted} accepted) per solve; setup = a solve of 4 trajectories`,
  };
}

/** The weak-convergence experiment end to end (its own ODE reference, sweep and report). */
export async function weakConvergence(
  backend: Backend,
  environment: Environment,
  overrides: Record<string, unknown>,
  repeats: number,
): Promise<BenchRow> {
  const experiment = findExperiment('weak-convergence');
  if (!experiment) throw new Error('weak-convergence: no such experiment');
  const params = experiment.schema.parse(overrides) as {
    gammas: number[];
    trajectories: number;
    T: number;
  };
  const context = { backend, progress: () => {}, warn: () => {} };
  const m = await measure(
    async () => {
      // Warm-up: the same experiment at the smallest γ count and N (pipelines compiled).
      await experiment.run(
        experiment.schema.parse({
          ...overrides,
          trajectories: 64,
          gammas: params.gammas.slice(0, 2),
        }),
        context,
      );
    },
    async () => {
      await experiment.run(params, context);
    },
    1,
    repeats,
  );
  const seconds = 1 / m.median;
  return {
    workload: 'weak-convergence',
    params: {
      sweep: Object.keys(overrides).length ? 'reduced' : 'default',
      gammas: params.gammas.join(','),
      N: params.trajectories,
      T: params.T,
    },
    implementation: implementationOf(backend),
    environment,
    unit: 's per sweep',
    median: seconds,
    min: 1 / m.max,
    max: 1 / m.min,
    repeats: m.repeats,
    setupSeconds: m.setupSeconds,
    timing: TIMING_READBACK,
    adapter: rowAdapter(backend),
  };
}

/**
 * The engine against the minimal single-purpose kernel (shaders/bench/minimal_adam.wgsl: the
 * same ADAM, problem, generator, draws and steps per dispatch, without groups, masks,
 * projection or divergence flags), interleaved repeat by repeat (one engine repeat, then one
 * minimal repeat): the engine's row carries ratio = engine / minimal (issue 10's target: ≥ 0.9).
 */
export async function engineVsMinimal(
  session: GpuSession,
  environment: Environment,
  w: AdamWorkload,
  generator: GeneratorName,
): Promise<BenchRow[]> {
  const options = {
    trajectories: w.trajectories,
    dimension: w.dimension,
    steps: w.steps,
    rng: generator,
    lambdaMin: w.lambdaMin,
    lambdaMax: w.lambdaMax,
    sigma: w.sigma,
    gamma: w.gamma,
  };
  const setupStart = performance.now();
  await timeMinimalAdam(session, { ...options, steps: 64 }); // pipeline creation, warm-up
  const setupSeconds = (performance.now() - setupStart) / 1000;
  // Interleaved: one engine repeat, then one minimal repeat, round by round, so that a change
  // of machine load (other jobs) hits both alike.
  const engineRows: BenchRow[] = [];
  const rates: number[] = [];
  const gpuRates: number[] = [];
  for (let r = 0; r < w.repeats; r++) {
    const one = await adamEngine(
      session,
      environment,
      { ...w, rng: generator, repeats: 1 },
      { workload: 'engine-vs-minimal', finalF: false },
    );
    engineRows.push(one.row);
    const timed = await startTiming(session);
    await readTiming(session); // drops passes of earlier work
    rates.push((await timeMinimalAdam(session, options)).coordUpdatesPerSecond);
    // Its passes: the warm-up dispatch, then the timed steps (one pass).
    const seconds = (await readTiming(session)).at(-1)?.seconds ?? 0;
    if (timed && seconds > 0) gpuRates.push((w.trajectories * w.dimension * w.steps) / seconds);
    stopTiming(session);
  }
  const first = engineRows[0];
  if (!first) throw new Error('engine-vs-minimal: no repeats');
  const sortedOf = (xs: (number | undefined)[]) =>
    xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const engineRates = sortedOf(engineRows.map((row) => row.median));
  const engineGpu = sortedOf(engineRows.map((row) => row.gpu?.median));
  const { gpu: _firstGpu, ...firstRow } = first;
  void _firstGpu;
  const engine: { row: BenchRow } = {
    row: {
      ...firstRow,
      median: engineRates[Math.floor(engineRates.length / 2)] ?? NaN,
      min: engineRates[0] ?? NaN,
      max: engineRates.at(-1) ?? NaN,
      repeats: engineRates.length,
      ...(engineGpu.length === engineRates.length && engineGpu.length > 0
        ? {
            gpu: {
              median: engineGpu[Math.floor(engineGpu.length / 2)] ?? NaN,
              min: engineGpu[0] ?? NaN,
              max: engineGpu.at(-1) ?? NaN,
            },
          }
        : {}),
    },
  };
  rates.sort((a, b) => a - b);
  gpuRates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)] ?? NaN;
  const gpu =
    gpuRates.length === rates.length && gpuRates.length > 0
      ? {
          median: gpuRates[Math.floor(gpuRates.length / 2)] ?? NaN,
          min: gpuRates[0] ?? NaN,
          max: gpuRates.at(-1) ?? NaN,
        }
      : undefined;
  engine.row.ratio = engine.row.median / median;
  engine.row.note = 'ratio: engine / minimal kernel with the same generator, interleaved repeats';
  return [
    engine.row,
    {
      workload: 'engine-vs-minimal',
      params: { ...engine.row.params },
      implementation: 'minimal kernel webgpu',
      environment,
      unit: 'coord-updates/s',
      median,
      min: rates[0] ?? NaN,
      max: rates.at(-1) ?? NaN,
      repeats: rates.length,
      ...(gpu ? { gpu } : {}),
      setupSeconds,
      timing: TIMING_GPU,
      adapter: rowAdapter(session),
    },
  ];
}

/**
 * The fixed cost of one dispatch on this adapter: `dispatches` dispatches of a trivial kernel
 * (one workgroup, 64 floats), `perSubmit` per compute pass and submit, 5 repeats. Explains the
 * TensorFlow.js WebGPU gap with the kernel count per ADAM step of the page's `tfjs-kernels` row.
 */
export async function dispatchCost(
  session: GpuSession,
  environment: Environment,
  dispatches: number,
  perSubmit: number,
): Promise<BenchRow> {
  const setupStart = performance.now();
  await timeDispatches(session, { dispatches: Math.min(dispatches, 16), perSubmit });
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const rates: number[] = [];
  for (let r = 0; r < 5; r++)
    rates.push(1 / (await timeDispatches(session, { dispatches, perSubmit })).secondsPerDispatch);
  rates.sort((a, b) => a - b);
  const m = {
    median: rates[2] ?? NaN,
    min: rates[0] ?? NaN,
    max: rates[4] ?? NaN,
    repeats: rates.length,
    setupSeconds,
  };
  return {
    workload: 'dispatch-cost',
    params: { kernel: 'trivial (64 threads)', dispatches, perSubmit },
    implementation: 'adamscope webgpu',
    environment,
    unit: 'dispatches/s',
    median: m.median,
    min: m.min,
    max: m.max,
    repeats: m.repeats,
    secondary: { unit: 'µs per dispatch', median: 1e6 / m.median },
    setupSeconds: m.setupSeconds,
    timing: TIMING_GPU,
    adapter: rowAdapter(session),
    note:
      perSubmit === dispatches
        ? 'all dispatches in one compute pass and one submit'
        : `${perSubmit} dispatch(es) per compute pass and submit`,
  };
}
