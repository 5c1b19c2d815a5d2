/**
 * The plan of a run (which workloads, what sizes) and the part of the suite that runs in
 * both environments. Browser-only workloads (TensorFlow.js, the frame loop) come in through
 * `extras`. Imports only the public package surface.
 */
import { CpuBackend, type GpuSession } from 'adamscope';
import { agreement, meanVar, type BenchRow, type Environment } from './core.ts';
import {
  GENERATORS,
  adamEngine,
  adamWorkload,
  comparePeers,
  dispatchCost,
  engineVsMinimal,
  odeEnsemble,
  plainAdam,
  randomDraws,
  reductions,
  weakConvergence,
  type AdamOutcome,
  type AdamWorkload,
  type GeneratorName,
} from './workloads.ts';

/** Workload ids, in run order. */
export const WORKLOADS = [
  'peers',
  'adam-diag',
  'engine-vs-minimal',
  'adam-dense',
  'weak-convergence',
  'ode',
  'reduce',
  'random',
  'frame-loop',
  'dispatch-cost',
] as const;
export type WorkloadId = (typeof WORKLOADS)[number];

export interface Plan {
  quick: boolean;
  workloads: WorkloadId[];
  /** The peer comparison (same workload and step count for every implementation). */
  peer: AdamWorkload;
  /** Which peers run (browser-only ones are skipped in Node). */
  peers: string[];
  /** ADAM on quadratic-diag: per d, the N sweep (stops at the first N that does not fit). */
  diag: {
    dimension: number;
    trajectories: number[];
    steps: number;
    repeats: number;
    warmSteps?: number;
  }[];
  /** The engine against the minimal kernel, per generator (quadratic-diag, d a multiple of 4). */
  minimal: { dimension: number; trajectories: number; steps: number; repeats: number };
  /** ADAM on quadratic-dense. */
  dense: { dimension: number; trajectories: number; steps: number; repeats: number }[];
  /** The weak-convergence experiment's parameters ({}: its default sweep). */
  weak: Record<string, unknown>;
  weakRepeats: number;
  ode: {
    methods: ('rk4' | 'dopri5')[];
    dimensions: number[];
    trajectories: number;
    finalTime: number;
    repeats: number;
  };
  reduce: { counts: number[]; repeats: number };
  random: { generators: GeneratorName[]; counts: number[]; repeats: number };
  /**
   * Workloads of the Chromium half when not all (quick runs: the browser-only ones, the peers
   * and adam-diag at d = 100; the rest runs in Node only).
   */
  browserWorkloads?: WorkloadId[];
  /** Trivial dispatches timed by the `dispatch-cost` workload. */
  dispatches: number;
  /** Frame loop of the particle renderer (browser only). */
  frames: {
    particles: number[];
    frames: number;
    stepsPerFrame: number;
    /**
     * The regression figure's own frame loop (mountFigure: adaptive steps per frame,
     * asynchronous statistics), frames/s over `seconds` at each size, and the input latency
     * (a new γ: re-mount to its first frame).
     */
    figure?: { particles: number[]; seconds: number };
  };
}

/** The plan for a full run or a `--quick` one. */
export function makePlan(quick: boolean): Plan {
  return quick
    ? {
        quick,
        workloads: [...WORKLOADS],
        peer: adamWorkload({
          dimension: 100,
          trajectories: 1024,
          steps: 8,
          repeats: 3,
          warmSteps: 2,
        }),
        peers: ['plain-ts', 'cpu', 'cpu-workers', 'tfjs-webgpu', 'tfjs-wasm'],
        diag: [
          { dimension: 100, trajectories: [1024, 16384], steps: 8, repeats: 3, warmSteps: 1 },
          { dimension: 10000, trajectories: [1024], steps: 1, repeats: 3, warmSteps: 1 },
        ],
        minimal: { dimension: 100, trajectories: 4096, steps: 64, repeats: 3 },
        // d = 1024 only in full runs: its pipeline alone takes ~20 s to compile on SwiftShader.
        dense: [{ dimension: 256, trajectories: 64, steps: 2, repeats: 3 }],
        weak: { trajectories: 256, gammas: [0.1, 0.05, 0.02], T: 1 },
        weakRepeats: 1,
        ode: {
          methods: ['rk4', 'dopri5'],
          dimensions: [2, 100],
          trajectories: 256,
          finalTime: 0.1,
          repeats: 3,
        },
        reduce: { counts: [1 << 18], repeats: 3 },
        random: { generators: [...GENERATORS], counts: [1 << 20], repeats: 5 },
        // 65,536 and 262,144 particles in full runs only: ~3 s per frame on SwiftShader.
        frames: {
          particles: [4096],
          frames: 10,
          stepsPerFrame: 1,
          figure: { particles: [4096, 65536, 262144], seconds: 5 },
        },
        dispatches: 512,
        browserWorkloads: [
          'peers',
          'adam-diag',
          'frame-loop',
          'dispatch-cost',
          'engine-vs-minimal',
        ],
      }
    : {
        quick,
        workloads: [...WORKLOADS],
        peer: adamWorkload({
          dimension: 100,
          trajectories: 16384,
          steps: 16,
          repeats: 5,
          warmSteps: 4,
        }),
        peers: ['plain-ts', 'cpu', 'cpu-workers', 'tfjs-webgpu', 'tfjs-wasm'],
        diag: [
          {
            dimension: 100,
            trajectories: [1024, 4096, 16384, 65536, 262144, 1048576],
            steps: 64,
            repeats: 5,
          },
          { dimension: 10000, trajectories: [1024, 4096, 16384, 65536], steps: 4, repeats: 3 },
        ],
        minimal: { dimension: 100, trajectories: 16384, steps: 256, repeats: 5 },
        dense: [
          { dimension: 256, trajectories: 256, steps: 8, repeats: 3 },
          { dimension: 1024, trajectories: 64, steps: 2, repeats: 3 },
        ],
        weak: {},
        weakRepeats: 1,
        ode: {
          methods: ['rk4', 'dopri5'],
          dimensions: [2, 100],
          trajectories: 16384,
          finalTime: 0.5,
          repeats: 3,
        },
        reduce: { counts: [1 << 20, 1 << 24], repeats: 7 },
        random: { generators: [...GENERATORS], counts: [1 << 20, 1 << 24], repeats: 7 },
        frames: {
          particles: [4096, 65536, 262144],
          frames: 30,
          stepsPerFrame: 1,
          figure: { particles: [4096, 65536, 262144], seconds: 10 },
        },
        dispatches: 2048,
      };
}

/** A tiny plan for the smoke tests: every workload, smallest sizes; times nothing meaningful. */
export function smokePlan(): Plan {
  return {
    quick: true,
    workloads: ['peers', 'adam-diag', 'reduce', 'random'],
    peer: adamWorkload({ dimension: 100, trajectories: 256, steps: 4, repeats: 2, warmSteps: 1 }),
    peers: ['plain-ts', 'cpu', 'tfjs-wasm', 'tfjs-webgpu'],
    diag: [{ dimension: 100, trajectories: [256], steps: 2, repeats: 2 }],
    minimal: { dimension: 8, trajectories: 64, steps: 64, repeats: 1 },
    dense: [{ dimension: 256, trajectories: 4, steps: 1, repeats: 2 }],
    weak: { trajectories: 16, gammas: [0.1, 0.05], T: 0.5 },
    weakRepeats: 1,
    ode: { methods: ['rk4'], dimensions: [2], trajectories: 16, finalTime: 0.05, repeats: 2 },
    reduce: { counts: [1 << 14], repeats: 2 },
    random: { generators: [...GENERATORS], counts: [1 << 14], repeats: 2 },
    frames: { particles: [4096], frames: 3, stepsPerFrame: 1 },
    dispatches: 32,
  };
}

/**
 * FLOPs per coordinate-update of quadratic-dense beyond ADAM: the gradient sample is
 * a·(⟨a, x − x*⟩ − w) with a = Lξ, so a row of L·ξ (d multiply-adds, 2d flops, as the kernel
 * executes it over the full row) dominates; ⟨a, e⟩ and the scaling add ~3.
 */
const denseFlops = (d: number) => 2 * d + 3;

/** Browser-only peers: each runs the peer workload and returns its outcome. */
export type PeerRunner = (w: AdamWorkload) => Promise<AdamOutcome>;

export interface SuiteExtras {
  /** Extra peers by name (tfjs-webgpu, tfjs-wasm in the page). */
  peers?: Record<string, PeerRunner>;
  /** Extra workloads by id (frame-loop in the page). */
  workloads?: Partial<Record<WorkloadId, () => Promise<BenchRow[]>>>;
  progress?: (line: string) => void;
  /** Called with each row as soon as it is measured (the driver saves rows as they come). */
  onRow?: (row: BenchRow) => void;
  /** Logical cores (the `cpu-workers` peer uses min(8, cores) workers; none below 2). */
  cores?: number;
}

const agreementOf = (a: Float64Array, b: Float64Array) =>
  a.length && b.length ? agreement(meanVar(a), meanVar(b)) : undefined;

/** Runs the plan's workloads on `session` (and the cpu backend for the peers); returns rows. */
export async function runSuite(
  session: GpuSession,
  environment: Environment,
  plan: Plan,
  extras: SuiteExtras = {},
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const push = (...measured: BenchRow[]) => {
    rows.push(...measured);
    for (const row of measured) extras.onRow?.(row);
  };
  const log = extras.progress ?? (() => {});
  const cores = extras.cores ?? 1;
  const has = (id: WorkloadId) => plan.workloads.includes(id);
  const tryRow = async (label: string, work: () => Promise<BenchRow | BenchRow[]>) => {
    log(`${environment}: ${label}`);
    try {
      const out = await work();
      push(...(Array.isArray(out) ? out : [out]));
      return true;
    } catch (error) {
      log(`${environment}: ${label} failed: ${String(error)}`);
      return false;
    }
  };

  if (has('peers')) {
    const w = plan.peer;
    log(`${environment}: peers, adamscope webgpu`);
    const reference = await adamEngine(session, environment, w, { workload: 'peer-adam' });
    const referenceRow = reference.row;
    const outcomes: AdamOutcome[] = [];
    const runners: Record<string, PeerRunner> = {
      'plain-ts': (x) => plainAdam(environment, x),
      // The cpu backend on one thread (the target "≥ 0.8× the plain loop on one core"), and
      // on one worker per core (at most 8; Node worker threads, Web Workers in Chromium).
      cpu: (x) =>
        adamEngine(new CpuBackend(), environment, { ...x, workers: 1 }, { workload: 'peer-adam' }),
      ...(cores >= 2
        ? {
            'cpu-workers': (x: AdamWorkload) =>
              adamEngine(
                new CpuBackend(),
                environment,
                { ...x, workers: Math.min(8, cores) },
                { workload: 'peer-adam' },
              ),
          }
        : {}),
      ...extras.peers,
    };
    for (const name of plan.peers) {
      const runner = runners[name];
      if (!runner) continue;
      log(`${environment}: peers, ${name}`);
      try {
        outcomes.push(await runner(w));
      } catch (error) {
        log(`${environment}: peer ${name} failed: ${String(error)}`);
      }
    }
    comparePeers(reference, outcomes, agreementOf);
    push(referenceRow, ...outcomes.map((o) => o.row));
  }

  if (has('adam-diag'))
    for (const s of plan.diag)
      for (const n of s.trajectories) {
        const ok = await tryRow(`adam-diag d=${s.dimension} N=${n}`, async () => {
          const w = adamWorkload({
            dimension: s.dimension,
            trajectories: n,
            steps: s.steps,
            repeats: s.repeats,
          });
          return (
            await adamEngine(session, environment, w, { workload: 'adam-diag', finalF: false })
          ).row;
        });
        if (!ok) break; // the largest N that fits was the previous one
      }

  if (has('engine-vs-minimal'))
    for (const generator of GENERATORS)
      await tryRow(`engine-vs-minimal ${generator}`, () =>
        engineVsMinimal(
          session,
          environment,
          adamWorkload({
            dimension: plan.minimal.dimension,
            trajectories: plan.minimal.trajectories,
            steps: plan.minimal.steps,
            repeats: plan.minimal.repeats,
          }),
          generator,
        ),
      );

  if (has('adam-dense'))
    for (const s of plan.dense)
      await tryRow(`adam-dense d=${s.dimension} N=${s.trajectories}`, async () => {
        const w = adamWorkload({
          dimension: s.dimension,
          trajectories: s.trajectories,
          steps: s.steps,
          repeats: s.repeats,
          warmSteps: 1,
        });
        const problem = {
          name: 'quadratic-dense',
          dimension: s.dimension,
          condition: 100,
          sigma: 1,
        } as const;
        return (
          await adamEngine(session, environment, w, {
            workload: 'adam-dense',
            problem,
            finalF: false,
            flopsPerUpdate: denseFlops(s.dimension),
          })
        ).row;
      });

  if (has('weak-convergence'))
    await tryRow('weak-convergence', () =>
      weakConvergence(session, environment, plan.weak, plan.weakRepeats),
    );

  if (has('ode')) {
    const o = plan.ode;
    for (const d of o.dimensions) {
      const byMethod: Partial<Record<string, BenchRow>> = {};
      for (const method of o.methods)
        await tryRow(`ode ${method} d=${d}`, async () => {
          const row = await odeEnsemble(
            session,
            environment,
            method,
            d,
            o.trajectories,
            o.finalTime,
            o.repeats,
          );
          byMethod[method] = row;
          return row;
        });
      const rk4 = byMethod['rk4'];
      const dopri = byMethod['dopri5'];
      // A Dormand–Prince attempt evaluates 6 stages (7 with the FSAL stage, reused): its cost
      // in RK4 stage evaluations is 4 × (RK4 steps/s ÷ DP attempts/s).
      if (rk4 && dopri)
        dopri.secondary = {
          unit: 'RK4-stage-equivalents/attempt',
          median: (4 * rk4.median) / dopri.median,
        };
    }
  }

  if (has('reduce'))
    for (const n of plan.reduce.counts)
      await tryRow(`reduce n=${n}`, () => reductions(session, environment, n, plan.reduce.repeats));

  if (has('random'))
    for (const generator of plan.random.generators)
      for (const n of plan.random.counts)
        await tryRow(`random ${generator} n=${n}`, () =>
          randomDraws(session, environment, generator, n, plan.random.repeats),
        );

  if (has('dispatch-cost'))
    for (const perSubmit of [plan.dispatches, 1])
      await tryRow(`dispatch-cost perSubmit=${perSubmit}`, async () => [
        await dispatchCost(session, environment, plan.dispatches, perSubmit),
      ]);

  for (const id of WORKLOADS) {
    const extra = extras.workloads?.[id];
    if (extra && has(id)) await tryRow(id, extra);
  }
  return rows;
}
