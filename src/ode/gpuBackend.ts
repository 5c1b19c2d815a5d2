import {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { ComputeKernel } from '../gpu/kernel.ts';
import type { GpuSession } from '../gpu/session.ts';
import { readStruct, writeStruct } from '../gpu/layout.ts';
import type { ResolvedOdeConfig } from './config.ts';
import type { OdeRunOptions } from './cpuBackend.ts';
import { UNBOUNDED_F32 } from './constraint.ts';
import type { SolveStatus } from './integrators/dopri5.ts';
import { substepCount } from './integrators/fixedStep.ts';
import { createOdeKernel, DENSE_WORK_SLOTS, ODE_WORKGROUP_SIZE } from './odeKernels.ts';
import { allocateRecords, RECORD_STATE_MAX_DIMENSION, type OdeResult } from './result.ts';
import { ACTIVE_BLOCKS } from './systems.ts';
import { OdeGpuStatistics } from './gpuStatistics.ts';
import type { OdeStatistics } from './summarizeOde.ts';

/** Dopri5 step attempts per dispatch, and fixed steps (× tiles) per dispatch: keeps each
 * dispatch short (GPU watchdogs) while amortising the launch. */
const ADAPTIVE_ATTEMPTS_PER_DISPATCH = 2000;
const FIXED_WORK_PER_DISPATCH = 20000;
/** Records read back by default up to this many (trajectories × output times). */
const RECORDS_READ_BY_DEFAULT = 1 << 20;
const STATUS: Record<number, SolveStatus> = {
  2: 'done',
  3: 'max-steps',
  4: 'step-underflow',
  5: 'non-finite',
};

interface Chunk {
  first: number;
  count: number;
}

/**
 * OdeTile slots per (trajectory, tile): the dense kernels' work slots; adaptive tile-separable
 * kernels at d > 4 keep z and the attempt's zNew (kernels/ode_adaptive.wgsl); otherwise z.
 */
function stateSlotsOf(dense: boolean, method: string, tiles: number): number {
  if (dense) return DENSE_WORK_SLOTS; // lib/ode_network.wgsl has the same SLOT_COUNT
  return method === 'dopri5' && tiles > 1 ? 2 : 1;
}

/** The webgpu backend (float32): chunks of trajectories, one thread per trajectory. */
export async function integrateOdeGpu(
  session: GpuSession,
  config: ResolvedOdeConfig,
  points: Float64Array,
  options: OdeRunOptions = {},
): Promise<OdeResult> {
  const device = await session.device();
  const { problem, ode, method, outputTimes } = config;
  if (!problem.gpu) {
    throw new ParameterError(
      'problem',
      problem.name,
      "a problem with a WGSL module for the webgpu backend (else use backend 'cpu')",
    );
  }
  const coupling = problem.gpu.coupling ?? 'tiled';
  if (coupling === 'network' && method === 'dopri5') {
    throw new ParameterError(
      'method',
      method,
      "'euler' | 'rk4' for a network problem on the webgpu backend (dopri5: backend 'cpu')",
    );
  }
  const stateSlots = stateSlotsOf(coupling !== 'tiled', method, Math.ceil(problem.dimension / 4));
  const d = problem.dimension;
  const tiles = Math.ceil(d / 4);
  const n = points.length / d;
  const kernel = await createOdeKernel(session, problem, ode, method, tiles);
  const k = outputTimes.length;
  const readBack = config.readRecords ?? n * k <= RECORDS_READ_BY_DEFAULT;
  const records = allocateRecords(readBack ? n : 0, k, d);
  const hasV = ode !== 'heavy-ball' && ode !== 'gradient-flow';
  const wantStatistics = config.statistics ?? n > 1;
  const stats = wantStatistics ? await OdeGpuStatistics.create(session, n, k, hasV) : undefined;
  const accepted = new Uint32Array(n);
  const rejected = new Uint32Array(n);
  const status: SolveStatus[] = new Array<SolveStatus>(n).fill('done');
  const perTrajectory = Math.max(
    stateSlots * tiles * kernel.layout.struct('OdeTile').size,
    outputTimes.length * kernel.layout.struct('OdeRecord').size,
  );
  const chunkSize = Math.max(
    1,
    Math.floor(device.limits.maxStorageBufferBindingSize / perTrajectory),
  );
  let statistics: OdeStatistics | undefined;
  try {
    for (let first = 0; first < n; first += chunkSize) {
      const chunk = { first, count: Math.min(chunkSize, n - first) };
      await solveChunk(device, kernel, config, points, chunk, {
        records,
        readBack,
        stats,
        accepted,
        rejected,
        status,
        options,
        total: n,
        session,
      });
    }
    statistics = await stats?.finish();
    // A fixed-step solve without read-back or statistics never waits for the GPU: resolve only
    // once its work is done, so that the result (and a timing of it) covers the solve.
    await device.queue.onSubmittedWorkDone();
  } finally {
    stats?.destroy();
  }
  return {
    backend: 'webgpu',
    times: outputTimes,
    trajectoryCount: n,
    dimension: d,
    records,
    recordsRead: readBack,
    ...(statistics ? { statistics } : {}),
    stepCounts: { accepted, rejected },
    status,
    initialPoints: points,
    config,
    warnings: config.warnings,
  };
}

interface Outputs {
  records: OdeResult['records'];
  /** Whether the records are read back (else only `stats` sees them). */
  readBack: boolean;
  stats: OdeGpuStatistics | undefined;
  accepted: Uint32Array;
  rejected: Uint32Array;
  status: SolveStatus[];
  options: OdeRunOptions;
  /** All trajectories of the run (progress is over all chunks). */
  total: number;
  /** The session (its `beginComputePass` times the passes when timing is on). */
  session: GpuSession;
}

/** Progress after a dispatch of a chunk: `done` of the chunk's work in [0, 1]. */
async function reportProgress(chunk: Chunk, done: number, out: Outputs): Promise<void> {
  // A dispatch boundary: wait for the GPU so that a signal is answered here.
  out.options.signal?.throwIfAborted();
  let accepted = 0;
  for (let i = 0; i < out.total; i++) accepted += out.accepted[i] ?? 0;
  out.options.onProgress?.((chunk.first + done * chunk.count) / out.total, accepted);
}

function paramsValues(config: ResolvedOdeConfig, count: number, window: [number, number]) {
  const c = config.coefficients;
  return {
    a: c.a,
    b: c.b,
    epsilon: c.epsilon,
    lambda: c.lambda,
    finalTime: config.finalTime,
    rtol: config.rtol,
    atol: config.atol,
    dtMin: config.dtMin,
    dtMax: config.dtMax,
    initialStep: config.dt ?? 0,
    errorComponents: ACTIVE_BLOCKS[config.ode] * config.problem.dimension,
    trajectoryCount: count,
    outputCount: config.outputTimes.length,
    firstOutput: window[0],
    endOutput: window[1],
    maxSteps: config.maxSteps,
    stepsPerDispatch: ADAPTIVE_ATTEMPTS_PER_DISPATCH,
    lowerBound: config.problem.bounds?.lower ?? -UNBOUNDED_F32,
    upperBound: config.problem.bounds?.upper ?? UNBOUNDED_F32,
  };
}

/** OdeTile per (trajectory, tile): x = x0, y = initial velocity, w = frozen v (-1: S(x0)). */
function initialTiles(
  kernel: ComputeKernel,
  config: ResolvedOdeConfig,
  points: Float64Array,
  chunk: Chunk,
): ArrayBuffer {
  const d = config.problem.dimension;
  const tiles = Math.ceil(d / 4);
  const layout = kernel.layout.struct('OdeTile');
  const view = new DataView(new ArrayBuffer(chunk.count * tiles * layout.size));
  const lane = (values: ArrayLike<number> | undefined, i: number, fallback: number) =>
    i < d ? (values?.[i] ?? fallback) : 0;
  for (let j = 0; j < chunk.count; j++) {
    const x0 = points.subarray((chunk.first + j) * d, (chunk.first + j + 1) * d);
    for (let tile = 0; tile < tiles; tile++) {
      const idx = [0, 1, 2, 3].map((l) => 4 * tile + l);
      writeStruct(
        layout,
        {
          x: idx.map((i) => lane(x0, i, 0)),
          y: idx.map((i) => lane(config.velocity, i, 0)),
          w: idx.map((i) => lane(config.frozenV, i, -1)),
        },
        view,
        (j * tiles + tile) * layout.size,
      );
    }
  }
  return view.buffer;
}

/** Output windows [first, end) whose fixed steps (× cost per step) fit one dispatch's budget. */
function fixedWindows(
  config: ResolvedOdeConfig,
  tiles: number,
): { windows: [number, number][]; counts: Uint32Array<ArrayBuffer> } {
  const times = config.outputTimes;
  const counts = Uint32Array.from(times, (t, k) =>
    substepCount(t - (k > 0 ? (times[k - 1] ?? 0) : 0), config.dt ?? 1),
  );
  const windows: [number, number][] = [];
  let start = 0;
  let work = 0;
  counts.forEach((c, k) => {
    if (k > start && (work + c) * tiles > FIXED_WORK_PER_DISPATCH) {
      windows.push([start, k]);
      start = k;
      work = 0;
    }
    work += c;
  });
  windows.push([start, times.length]);
  return { windows, counts };
}

function dispatch(
  session: GpuSession,
  device: GPUDevice,
  kernel: ComputeKernel,
  group0: GPUBindGroup,
  group1: GPUBindGroup,
  count: number,
  workgroupPerTrajectory = false,
): void {
  const encoder = device.createCommandEncoder({ label: `${kernel.label}.encoder` });
  const pass = session.beginComputePass(encoder, { label: `${kernel.label}.pass` });
  const [x, y] = workgroupGrid(
    count,
    workgroupPerTrajectory ? 1 : ODE_WORKGROUP_SIZE,
    device.limits.maxComputeWorkgroupsPerDimension,
  );
  kernel.dispatch(pass, [group0, group1], x, y);
  pass.end();
  device.queue.submit([encoder.finish()]);
}

async function solveChunk(
  device: GPUDevice,
  kernel: ComputeKernel,
  config: ResolvedOdeConfig,
  points: Float64Array,
  chunk: Chunk,
  out: Outputs,
): Promise<void> {
  const d = config.problem.dimension;
  const tiles = Math.ceil(d / 4);
  const k = config.outputTimes.length;
  const label = kernel.label;
  const paramsLayout = kernel.layout.struct('OdeParams');
  const recordLayout = kernel.layout.struct('OdeRecord');
  const adaptive = config.method === 'dopri5';
  const fixed = adaptive ? undefined : fixedWindows(config, config.problem.gpu?.stepCost ?? tiles);
  const params = createUniformBuffer(
    device,
    `${label}.params`,
    writeStruct(paramsLayout, paramsValues(config, chunk.count, [0, 0])),
  );
  const recordBuffer = createStorageBuffer(
    device,
    `${label}.records`,
    chunk.count * k * recordLayout.size,
  );
  const buffers: Record<string, GPUBuffer> = {
    odeParams: params,
    outputTimes: uploadStorage(
      device,
      `${label}.outputTimes`,
      Float32Array.from(config.outputTimes),
    ),
    initialState: uploadStorage(
      device,
      `${label}.initialState`,
      new Uint8Array(initialTiles(kernel, config, points, chunk)),
    ),
    records: recordBuffer,
  };
  // Tile-separable kernels keep z in `state`; the dense and network kernels z and the stages in
  // `work`.
  const coupling = config.problem.gpu?.coupling ?? 'tiled';
  const dense = coupling !== 'tiled';
  buffers[dense ? 'work' : 'state'] = createStorageBuffer(
    device,
    `${label}.${dense ? 'work' : 'state'}`,
    chunk.count *
      stateSlotsOf(dense, config.method, tiles) *
      tiles *
      kernel.layout.struct('OdeTile').size,
  );
  if (fixed) buffers.substepCounts = uploadStorage(device, `${label}.substepCounts`, fixed.counts);
  else
    buffers.progress = createStorageBuffer(
      device,
      `${label}.progress`,
      chunk.count * kernel.layout.struct('OdeProgress').size,
    );
  const problemBuffers = config.problem.gpu?.bindings(device, kernel.layout, chunk.count) ?? {};
  const group0 = kernel.bind(buffers, 0);
  const group1 = kernel.bind(problemBuffers, 1);
  let nextOutput: Uint32Array = new Uint32Array(chunk.count).fill(k);
  if (fixed) {
    for (const window of fixed.windows) {
      device.queue.writeBuffer(
        params,
        0,
        writeStruct(paramsLayout, paramsValues(config, chunk.count, window)),
      );
      dispatch(out.session, device, kernel, group0, group1, chunk.count, coupling === 'network');
      if (out.options.signal || out.options.onProgress) {
        await device.queue.onSubmittedWorkDone();
        await reportProgress(
          chunk,
          window[1] - window[0] > 0 ? window[1] / config.outputTimes.length : 1,
          out,
        );
      }
    }
    const steps = fixed.counts.reduce((s, c) => s + c, 0);
    out.accepted.fill(steps, chunk.first, chunk.first + chunk.count);
  } else {
    nextOutput = await runAdaptive(
      device,
      kernel,
      buffers.progress,
      group0,
      group1,
      config,
      chunk,
      out,
    );
  }
  out.stats?.collect(recordBuffer, chunk, nextOutput);
  if (out.readBack) await readRecords(device, kernel, recordBuffer, config, chunk, nextOutput, out);
  for (const buffer of [...Object.values(buffers), ...Object.values(problemBuffers)])
    buffer.destroy();
}

async function runAdaptive(
  device: GPUDevice,
  kernel: ComputeKernel,
  progress: GPUBuffer | undefined,
  group0: GPUBindGroup,
  group1: GPUBindGroup,
  config: ResolvedOdeConfig,
  chunk: Chunk,
  out: Outputs,
): Promise<Uint32Array> {
  if (!progress) throw new Error('Ode: no progress buffer');
  const layout = kernel.layout.struct('OdeProgress');
  const maxDispatches = Math.ceil(config.maxSteps / ADAPTIVE_ATTEMPTS_PER_DISPATCH) + 2;
  const nextOutput = new Uint32Array(chunk.count);
  for (let round = 0; round < maxDispatches; round++) {
    dispatch(out.session, device, kernel, group0, group1, chunk.count);
    const view = new DataView(await readBuffer(device, progress, chunk.count * layout.size));
    let running = 0;
    for (let j = 0; j < chunk.count; j++) {
      const p = readStruct(layout, view, j * layout.size);
      const code = p.status?.[0] ?? 0;
      if (code < 2) running++;
      out.accepted[chunk.first + j] = p.accepted?.[0] ?? 0;
      out.rejected[chunk.first + j] = p.rejected?.[0] ?? 0;
      out.status[chunk.first + j] = STATUS[code] ?? 'max-steps';
      nextOutput[j] = p.nextOutput?.[0] ?? 0;
    }
    if (running === 0) break;
    let reached = 0;
    for (let j = 0; j < chunk.count; j++) reached += nextOutput[j] ?? 0;
    await reportProgress(chunk, reached / (chunk.count * config.outputTimes.length), out);
  }
  return nextOutput;
}

/** Reads the records: sums of squares to norms; x, m, v for d ≤ 4; NaN past a failed solve. */
async function readRecords(
  device: GPUDevice,
  kernel: ComputeKernel,
  buffer: GPUBuffer,
  config: ResolvedOdeConfig,
  chunk: Chunk,
  nextOutput: Uint32Array,
  out: Outputs,
): Promise<void> {
  const d = config.problem.dimension;
  const k = config.outputTimes.length;
  const layout = kernel.layout.struct('OdeRecord');
  const view = new DataView(await readBuffer(device, buffer, chunk.count * k * layout.size));
  const hasV = config.ode !== 'heavy-ball' && config.ode !== 'gradient-flow';
  const r = out.records;
  for (let j = 0; j < chunk.count; j++) {
    for (let q = 0; q < (nextOutput[j] ?? 0); q++) {
      const rec = readStruct(layout, view, (j * k + q) * layout.size);
      const index = (chunk.first + j) * k + q;
      r.F[index] = rec.F?.[0] ?? Number.NaN;
      r.V[index] = rec.V?.[0] ?? Number.NaN;
      r.mNorm[index] = Math.sqrt(rec.mNormSq?.[0] ?? Number.NaN);
      r.vGap[index] = hasV ? Math.sqrt(rec.vGapSq?.[0] ?? Number.NaN) : Number.NaN;
      r.dist[index] = Math.sqrt(rec.distSq?.[0] ?? Number.NaN);
      if (d <= RECORD_STATE_MAX_DIMENSION) {
        r.x?.set((rec.x ?? []).slice(0, d), index * d);
        r.m?.set((rec.m ?? []).slice(0, d), index * d);
        r.v?.set((rec.v ?? []).slice(0, d), index * d);
      }
    }
  }
}
