/**
 * The browser half of the suite, loaded into a page of the gallery (Vite dev server) by
 * bench/run.ts and e2e/bench.spec.ts. Library code from the public entries only
 * (`adamscope`, `adamscope/browser`); peers from TensorFlow.js (devDependencies).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { GpuEnsemble, createEnsemble, type GpuSession } from 'adamscope';
import { ParticleRenderer, mountFigure, openBrowserBackend } from 'adamscope/browser';
import {
  fromReport,
  measure,
  median,
  rowAdapter,
  CPU_ROW_ADAPTER,
  type BenchRow,
  type RowAdapter,
} from './lib/core.ts';
import { runSuite, type Plan } from './lib/suite.ts';
import { TIMING_READBACK, lambdas, type AdamOutcome, type AdamWorkload } from './lib/workloads.ts';

/**
 * ADAM in TensorFlow.js: `tf.train.adam` on an (N, d) variable, gradient λ·x + σ·ξ with ξ
 * from `tf.randomNormal`, applied with `applyGradients` (no autodiff: the gradient is known).
 * Each repeat ends with a readback of one sum.
 */
async function tfjsAdam(
  backendName: 'webgpu' | 'wasm',
  w: AdamWorkload,
  adapter: RowAdapter,
): Promise<AdamOutcome> {
  if (!(await tf.setBackend(backendName)))
    throw new Error(`TensorFlow.js: no ${backendName} backend`);
  await tf.ready();
  const { trajectories: n, dimension: d } = w;
  const lambda = tf.tensor1d(Float32Array.from(lambdas(w)));
  const x = tf.variable(tf.fill([n, d], w.x0), true, `bench_x_${backendName}_${Date.now()}`);
  const optimizer = tf.train.adam(w.gamma, w.alpha, w.beta, w.epsilon);
  const step = () =>
    tf.tidy(() => {
      const noise = tf.randomNormal([n, d], 0, w.sigma, 'float32');
      const grad = tf.add(tf.mul(x, lambda), noise);
      optimizer.applyGradients([{ name: x.name, tensor: grad }]);
    });
  const advance = async (steps: number) => {
    for (let s = 0; s < steps; s++) step();
    const sum = tf.sum(x);
    await sum.data();
    sum.dispose();
  };
  try {
    const m = await measure(
      () => advance(w.warmSteps),
      () => advance(w.steps),
      n * d * w.steps,
      w.repeats,
    );
    const f = tf.tidy(() => tf.mul(tf.sum(tf.mul(tf.square(x), lambda), 1), 0.5));
    const finalF = Float64Array.from(await f.data());
    f.dispose();
    return {
      row: {
        workload: 'peer-adam',
        params: { problem: 'quadratic-diag', d, N: n, steps: w.steps },
        implementation: `tfjs-${backendName} (tf.train.adam, tf.randomNormal)`,
        environment: 'chromium',
        unit: 'coord-updates/s',
        median: m.median,
        min: m.min,
        max: m.max,
        repeats: m.repeats,
        setupSeconds: m.setupSeconds,
        timing: TIMING_READBACK,
        adapter: backendName === 'webgpu' ? adapter : { ...CPU_ROW_ADAPTER, architecture: 'wasm' },
        note: `TensorFlow.js ${tf.version_core}`,
      },
      finalF,
    };
  } finally {
    optimizer.dispose();
    x.dispose();
    lambda.dispose();
  }
}

/**
 * What TensorFlow.js WebGPU runs per ADAM step of the peer workload: its kernels, counted by
 * `tf.profile` over one step, and its wall time per step (steps ended by a readback) divided
 * by that count. With the `dispatch-cost` rows of adamscope (a trivial dispatch on the same
 * adapter) this explains the peer ratio by measurement.
 */
async function tfjsKernels(w: AdamWorkload, adapter: RowAdapter): Promise<BenchRow[]> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('TensorFlow.js: no webgpu backend');
  await tf.ready();
  const { trajectories: n, dimension: d } = w;
  const lambda = tf.tensor1d(Float32Array.from(lambdas(w)));
  const x = tf.variable(tf.fill([n, d], w.x0), true, `bench_kernels_${Date.now()}`);
  const optimizer = tf.train.adam(w.gamma, w.alpha, w.beta, w.epsilon);
  const step = () =>
    tf.tidy(() => {
      const noise = tf.randomNormal([n, d], 0, w.sigma, 'float32');
      const grad = tf.add(tf.mul(x, lambda), noise);
      optimizer.applyGradients([{ name: x.name, tensor: grad }]);
    });
  const sync = async () => {
    const sum = tf.sum(x);
    await sum.data();
    sum.dispose();
  };
  try {
    step(); // first step: shader compilation, optimizer slots
    await sync();
    const info = await tf.profile(() => {
      step();
      return x;
    });
    await sync();
    const byName = new Map<string, number>();
    for (const k of info.kernels) byName.set(k.name, (byName.get(k.name) ?? 0) + 1);
    const kernels = info.kernels.length;
    const steps = w.steps * w.repeats;
    const t0 = performance.now();
    for (let s = 0; s < steps; s++) step();
    await sync();
    const perStep = (performance.now() - t0) / 1000 / steps;
    const names = [...byName].map(([name, count]) => `${name}×${count}`).join(', ');
    // The split of a step (diagnosis only; the peer rows run the obvious version above):
    // the same step with one fixed noise tensor (no tf.randomNormal), and tf.randomNormal
    // alone (its CPU generation and upload, forced by one Sum kernel per draw).
    const fixedNoise = tf.randomNormal([n, d], 0, w.sigma, 'float32');
    const stepFixed = () =>
      tf.tidy(() => {
        const grad = tf.add(tf.mul(x, lambda), fixedNoise);
        optimizer.applyGradients([{ name: x.name, tensor: grad }]);
      });
    let drawn: tf.Tensor | undefined;
    const drawOnly = () => {
      drawn?.dispose();
      drawn = tf.tidy(() => tf.sum(tf.randomNormal([n, d], 0, w.sigma, 'float32')));
    };
    const perStepOf = async (f: () => void, sync2: () => Promise<void>) => {
      f();
      await sync2();
      const start = performance.now();
      for (let s = 0; s < steps; s++) f();
      await sync2();
      return (performance.now() - start) / 1000 / steps;
    };
    const fixedPerStep = await perStepOf(stepFixed, sync);
    const drawPerStep = await perStepOf(drawOnly, async () => {
      await drawn?.data();
    });
    drawn?.dispose();
    fixedNoise.dispose();
    const split = (implementation: string, seconds: number, note: string): BenchRow => ({
      workload: 'dispatch-cost',
      params: { kernel: 'tfjs ADAM step split', N: n, d, steps },
      implementation,
      environment: 'chromium',
      unit: 'ms per ADAM step',
      median: 1e3 * seconds,
      min: 1e3 * seconds,
      max: 1e3 * seconds,
      repeats: 1,
      setupSeconds: 0,
      timing: TIMING_READBACK,
      adapter,
      note: `TensorFlow.js ${tf.version_core}; ${note}; the full step: ${(1e3 * perStep).toFixed(2)} ms`,
    });
    return [
      split(
        'tfjs-webgpu step, fixed noise (no tf.randomNormal)',
        fixedPerStep,
        "the step's kernels with the same noise tensor every step; diagnosis only, not a peer",
      ),
      split(
        'tfjs-webgpu tf.randomNormal alone (+ one Sum)',
        drawPerStep,
        'CPU generation and upload of N·d normals; diagnosis only, not a peer',
      ),
      {
        workload: 'dispatch-cost',
        params: { kernel: 'tfjs ADAM step', N: n, d, steps },
        implementation: 'tfjs-webgpu (tf.train.adam, tf.randomNormal)',
        environment: 'chromium',
        unit: 'kernels per ADAM step',
        median: kernels,
        min: kernels,
        max: kernels,
        repeats: 1,
        secondary: {
          unit: 'µs per kernel (wall time per step ÷ kernels)',
          median: (1e6 * perStep) / kernels,
        },
        setupSeconds: 0,
        timing: TIMING_READBACK,
        adapter,
        note: `TensorFlow.js ${tf.version_core}; tf.profile of one step: ${names}; ${(1e3 * perStep).toFixed(2)} ms per step`,
      },
    ];
  } finally {
    optimizer.dispose();
    x.dispose();
    lambda.dispose();
  }
}

/** The next requestAnimationFrame timestamp; rejects when none comes within 20 s. */
const nextFrame = () =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('frame loop: no animation frame in 20 s')),
      20_000,
    );
    requestAnimationFrame((t) => {
      clearTimeout(timer);
      resolve(t);
    });
  });

/**
 * The gallery's frame loop: per frame, advance a regression2d ensemble of `count` particles
 * and draw it with ParticleRenderer into a WebGPU canvas; ms per frame from the
 * requestAnimationFrame timestamps (vsync-capped: ~16.7 ms is the floor).
 */
async function frameLoop(session: GpuSession, plan: Plan): Promise<BenchRow[]> {
  const device = await session.device();
  const canvas = document.createElement('canvas');
  const width = 800;
  const height = 600;
  canvas.width = width;
  canvas.height = height;
  canvas.style.cssText = `position:fixed;left:0;top:0;width:${width}px;height:${height}px`;
  document.body.append(canvas);
  const context = canvas.getContext('webgpu');
  if (!context) throw new Error('frame loop: no WebGPU canvas context');
  const format = navigator.gpu.getPreferredCanvasFormat();
  context.configure({ device, format, alphaMode: 'premultiplied' });
  const rows: BenchRow[] = [];
  try {
    for (const count of plan.frames.particles) {
      let renderer: ParticleRenderer | undefined;
      const ensemble = await createEnsemble(
        {
          problem: { name: 'regression2d' },
          optimizer: { name: 'adam', gamma: 0.01, a: 1, b: 1 },
          trajectories: count,
          seed: 'bench frames',
          x0: [-2, -3],
        },
        session,
      );
      if (!(ensemble instanceof GpuEnsemble)) throw new Error('frame loop: not a GPU ensemble');
      const frame = async () => {
        await ensemble.advance(plan.frames.stepsPerFrame);
        renderer?.draw(context.getCurrentTexture().createView(), ensemble.positions, count, {
          xDomain: [-4, 4],
          yDomain: [-4, 4],
          frame: { left: 40, top: 20, width: width - 60, height: height - 60 },
          canvasWidth: width,
          canvasHeight: height,
          pointSize: 2.5,
          color: [0.2, 0.4, 0.8, 0.6],
        });
      };
      try {
        console.log(`[bench] frame loop: ${count} particles`);
        const t0 = performance.now();
        renderer = ParticleRenderer.create(device, format);
        for (let f = 0; f < 3; f++) {
          await nextFrame();
          console.log(`[bench] frame loop: warm-up frame ${f}`);
          await frame();
        }
        await device.queue.onSubmittedWorkDone();
        const setupSeconds = (performance.now() - t0) / 1000;
        const stamps: number[] = [];
        for (let f = 0; f <= plan.frames.frames; f++) {
          stamps.push(await nextFrame());
          await frame();
        }
        const ms = stamps.slice(1).map((t, i) => t - (stamps[i] ?? t));
        rows.push({
          workload: 'frame-loop',
          params: {
            particles: count,
            stepsPerFrame: plan.frames.stepsPerFrame,
            frames: plan.frames.frames,
          },
          implementation: 'adamscope webgpu (GpuEnsemble + ParticleRenderer)',
          environment: 'chromium',
          unit: 'ms/frame',
          median: median(ms),
          min: Math.min(...ms),
          max: Math.max(...ms),
          repeats: ms.length,
          setupSeconds,
          timing: 'requestAnimationFrame timestamps (vsync-capped)',
          adapter: rowAdapter(session),
        });
      } finally {
        renderer?.destroy();
        ensemble.destroy();
      }
    }
  } finally {
    context.unconfigure();
    canvas.remove();
  }
  return rows;
}

/**
 * The regression figure's frame loop as the page runs it (`mountFigure`: adaptive steps per
 * frame, statistics read asynchronously): frames/s over `seconds` at each size, counted from
 * the figure's `frames` reports; then the input latency, an input's path through the page
 * (γ changed: the figure re-mounted with the running one cancelled) to the new figure's first
 * frame. A 960 px wide host, as on the page.
 */
async function figureFrameLoop(session: GpuSession, plan: Plan): Promise<BenchRow[]> {
  const figure = plan.frames.figure;
  if (!figure) return [];
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:0;top:0;width:960px;background:#fff';
  document.body.append(host);
  const rows: BenchRow[] = [];
  const adapter = rowAdapter(session);
  try {
    for (const count of figure.particles) {
      console.log(`[bench] regression figure: ${count} particles`);
      let frames = 0;
      let stepsPerFrame = '1';
      const onReport = (key: string, value: string) => {
        if (key === 'frames') frames = Number(value);
        if (key === 'stepsPerFrame') stepsPerFrame = value;
      };
      const params = { n: String(count), T: '1000', gamma: '0.01', seed: 'bench' };
      const t0 = performance.now();
      let mounted = await mountFigure(host, 'regression', params, {
        backend: session,
        onReport,
        reducedMotion: false,
      });
      const setupSeconds = (performance.now() - t0) / 1000;
      // Warm-up: the first frames compile the pipelines on first use (seconds on SwiftShader):
      // wait for the third frame (at most 60 s), then 1 s; then one window per second.
      for (let waited = 0; frames < 3 && waited < 60_000; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1000));
      const rates: number[] = [];
      for (let s = 0; s < figure.seconds; s++) {
        const [f0, w0] = [frames, performance.now()];
        await new Promise((r) => setTimeout(r, 1000));
        rates.push(((frames - f0) * 1000) / (performance.now() - w0));
      }
      rows.push({
        workload: 'frame-loop',
        params: { particles: count, figure: 'regression', seconds: figure.seconds },
        implementation: 'adamscope regression figure (mountFigure, adaptive steps per frame)',
        environment: 'chromium',
        unit: 'frames/s',
        median: median(rates),
        min: Math.min(...rates),
        max: Math.max(...rates),
        repeats: rates.length,
        setupSeconds,
        timing: 'frames drawn per 1 s window (figure reports), vsync-capped at 60',
        adapter,
        note: `steps per frame at the end: ${stepsPerFrame}`,
      });
      // Input latency: three inputs (a new γ each), from the input to the new first frame.
      const latencies: number[] = [];
      for (const gamma of ['0.011', '0.012', '0.013']) {
        const start = performance.now();
        mounted.destroy();
        mounted = await mountFigure(
          host,
          'regression',
          { ...params, gamma },
          {
            backend: session,
            onReport,
            reducedMotion: false,
          },
        );
        latencies.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 300));
      }
      mounted.destroy();
      rows.push({
        workload: 'frame-loop',
        params: { particles: count, figure: 'regression', measure: 'input latency' },
        implementation: 'adamscope regression figure (input: re-mount to the first frame)',
        environment: 'chromium',
        unit: 'ms',
        median: median(latencies),
        min: Math.min(...latencies),
        max: Math.max(...latencies),
        repeats: latencies.length,
        setupSeconds: 0,
        timing: 'wall, destroy to the first frame of the new figure',
        adapter,
      });
    }
  } finally {
    host.remove();
  }
  return rows;
}

/** What the page returns to the driver. */
export interface BrowserSuiteResult {
  adapter: RowAdapter & { features: string[]; timestampQuery: boolean };
  rows: BenchRow[];
  log: string[];
}

/** Runs the plan in this page on `navigator.gpu`, with the TensorFlow.js peers. */
export async function runBrowserSuite(plan: Plan): Promise<BrowserSuiteResult> {
  const backend = await openBrowserBackend({ explicit: true });
  if (backend.kind !== 'webgpu') throw new Error('the browser suite needs WebGPU');
  const session = backend;
  const adapter = fromReport(session.adapter);
  // The wasm binaries are served from node_modules by the dev server (no CDN).
  // (String arithmetic, not `new URL(…, import.meta.url)`, which Vite rewrites as an asset.)
  const root = import.meta.url.slice(0, import.meta.url.lastIndexOf('/bench/'));
  setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  const log: string[] = [];
  const rows = await runSuite(session, 'chromium', plan, {
    cores: navigator.hardwareConcurrency,
    peers: {
      'tfjs-webgpu': (w) => tfjsAdam('webgpu', w, adapter),
      'tfjs-wasm': (w) => tfjsAdam('wasm', w, adapter),
    },
    workloads: {
      'frame-loop': async () => [
        ...(await frameLoop(session, plan)),
        ...(await figureFrameLoop(session, plan)),
      ],
      'dispatch-cost': () => tfjsKernels(plan.peer, adapter),
    },
    progress: (line) => {
      log.push(line);
      console.log(`[bench] ${line}`);
    },
    // The driver exposes this (Playwright's exposeFunction) to save rows as they come.
    onRow: (row) => {
      const save = (globalThis as { adamscopeBenchRow?: (r: BenchRow) => void }).adamscopeBenchRow;
      save?.(row);
    },
  });
  const features = session.adapter.features;
  return {
    adapter: { ...adapter, features, timestampQuery: features.includes('timestamp-query') },
    rows,
    log,
  };
}
