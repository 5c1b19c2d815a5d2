/**
 * Probe (not part of the suite): where the time of a Dormand–Prince attempt goes at d = 100
 * (the `ode` workload's problem: the debiased ADAM ODE on quadratic-diag, a Gaussian cloud).
 * Back to back in one process, interleaved round by round:
 *   - RK4 (fixed step, dt = T/20), the unit: RK4 steps/s;
 *   - DP as it is, at several T (more attempts per trajectory amortise the per-solve cost:
 *     the initial-step heuristic, the initial state, the progress readback per dispatch);
 *   - throwaway variants of kernels/ode_adaptive.wgsl (never used by the engine): without the
 *     attempt's zNew stored to and reloaded from storage (slot 1), without the error estimate,
 *     without the recomputed k1 (one evaluation fewer).
 * Reports attempts/s and RK4-stage-equivalents per attempt = 4 · RK4 rate / DP rate, wall and
 * from GPU timestamps of the solve passes.
 *
 *   npx tsx bench/probes/dopriSplit.ts [--n 256] [--rounds 3]
 */
import { readTiming, startTiming, stopTiming } from '../../src/gpu/timing.ts';
import { parseArgs } from 'node:util';
import { createProblem, integrateOde, type OdeConfig } from '../../src/index.ts';
import type { KernelSpec } from '../../src/gpu/kernel.ts';
import type { GpuSession } from '../../src/gpu/session.ts';
import { openGpuSession } from '../../src/node/index.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '256' },
    d: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.n);
const d = Number(values.d);
const rounds = Number(values.rounds);

/** A session whose ode_adaptive.wgsl is rewritten by `edit` (a throwaway variant). */
function variant(session: GpuSession, name: string, edit: (code: string) => string): GpuSession {
  const wrapped = Object.create(session) as GpuSession;
  wrapped.kernel = (spec: KernelSpec) => {
    const modules = spec.modules.map((m) => {
      if (!m.path.endsWith('ode_adaptive.wgsl')) return m;
      const code = edit(m.code);
      if (code === m.code) throw new Error(`variant ${name}: the edit changed nothing`);
      return { ...m, path: `${m.path}#${name}`, code };
    });
    return session.kernel({ ...spec, label: `${spec.label}.${name}`, modules });
  };
  return wrapped;
}

const EDITS: Record<string, (code: string) => string> = {
  // zNew stays in registers of nothing: the accepted step keeps z (no slot-1 store or load).
  'no slot-1 storage': (c) =>
    c
      .replace(
        '} else { state[pendingIndex(trajectory, tile)] = s.zNew; }',
        '} else { errSq += 1.0e-30 * s.zNew.x.x; }',
      )
      .replace(
        'var zNew = state[pendingIndex(trajectory, tile)];',
        'var zNew = loadTile(trajectory, tile);',
      ),
  // No embedded error estimate (err = 0: every attempt accepted).
  'no error estimate': (c) =>
    c.replace('errSq += dopri5ErrorSqTile(z, s, hTry);', 'errSq += 1.0e-30 * abs(s.k7.x.x);'),
  // k1 not recomputed (z used in its place): one field evaluation fewer per tile.
  'no k1 evaluation': (c) =>
    c.replace(
      'if (TILE_COUNT > 1u) { k1 = odeFieldTile(t, z, tile); }',
      'if (TILE_COUNT > 1u) { k1 = z; }',
    ),
};

const problem = createProblem({
  name: 'quadratic-diag',
  dimension: d,
  lambdaMin: 0.01,
  lambdaMax: 1,
});
const config = (method: 'rk4' | 'dopri5', T: number): OdeConfig => ({
  problem,
  ode: 'adam',
  a: 2,
  b: 1,
  epsilon: 1e-8,
  x0: new Array<number>(d).fill(1),
  cloud: { count: N, spread: 0.5, seed: 'bench' },
  finalTime: T,
  method,
  dt: T / 20,
  rtol: 1e-4,
  atol: 1e-6,
  outputTimes: [T],
  statistics: false,
  readRecords: false,
});

const session = await openGpuSession();
const timed = await startTiming(session);
interface Case {
  name: string;
  run: () => Promise<{ steps: number; wall: number; gpu: number }>;
}
const solve = (s: GpuSession, method: 'rk4' | 'dopri5', T: number) => async () => {
  await readTiming(session);
  const t0 = performance.now();
  const r = await integrateOde(config(method, T), s);
  const wall = (performance.now() - t0) / 1000;
  const gpu = (await readTiming(session)).reduce((sum, p) => sum + p.seconds, 0);
  let steps = 0;
  r.stepCounts.accepted.forEach((a, i) => (steps += a + (r.stepCounts.rejected[i] ?? 0)));
  return { steps, wall, gpu };
};
const cases: Case[] = [
  { name: 'rk4 T=0.1 (20 steps)', run: solve(session, 'rk4', 0.1) },
  { name: 'dopri5 T=0.1', run: solve(session, 'dopri5', 0.1) },
  { name: 'dopri5 T=1', run: solve(session, 'dopri5', 1) },
  { name: 'dopri5 T=10', run: solve(session, 'dopri5', 10) },
  ...Object.entries(EDITS).map(([name, edit]) => ({
    name: `dopri5 T=1 ${name}`,
    run: solve(variant(session, name.replace(/\W/g, ''), edit), 'dopri5', 1),
  })),
];
for (const c of cases) await c.run(); // pipelines, warm-up
const results = new Map<string, { rate: number[]; gpuRate: number[]; steps: number }>();
for (let r = 0; r < rounds; r++)
  for (const c of cases) {
    const { steps, wall, gpu } = await c.run();
    const entry = results.get(c.name) ?? { rate: [], gpuRate: [], steps };
    entry.rate.push(steps / wall);
    if (timed && gpu > 0) entry.gpuRate.push(steps / gpu);
    results.set(c.name, entry);
  }
stopTiming(session);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const rk4 = results.get(cases[0]?.name ?? '');
console.log(
  `N = ${N}, d = ${d}, ${rounds} rounds; per-attempt cost in RK4 stage-equivalents = 4 · RK4 rate / rate`,
);
for (const c of cases) {
  const e = results.get(c.name);
  if (!e || !rk4) continue;
  const wall = median(e.rate);
  const gpu = median(e.gpuRate);
  console.log(
    `${c.name.padEnd(36)} ${String(e.steps).padStart(7)} steps  wall ${(wall / 1e3).toFixed(1)} k/s (${((4 * median(rk4.rate)) / wall).toFixed(2)} stage-eq)` +
      (e.gpuRate.length
        ? `  GPU ${(gpu / 1e3).toFixed(1)} k/s (${((4 * median(rk4.gpuRate)) / gpu).toFixed(2)} stage-eq)`
        : ''),
  );
}
session.destroy();
