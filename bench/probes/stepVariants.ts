/**
 * Probe (not part of the suite): the engine's step kernel against the minimal kernel
 * (shaders/bench/minimal_adam.wgsl) and its feature switches, back to back in one process,
 * interleaved round by round so that a change of machine load hits every variant alike.
 *
 *   npx tsx bench/probes/stepVariants.ts [--n 2048] [--d 100] [--steps 128] [--rounds 5] [--rng philox]
 *
 * Variants: the engine as it runs (step kernel specialised by override constants, finiteness
 * tested once per dispatch), the engine with the finiteness test at every step (the kernel
 * before that change), the engine with the specialisation undone (OPTIMIZER_* = run-time reads: the kernel before it), the
 * engine with λ of quadratic-diag cached per tile (a variant tried and not adopted), and the
 * minimal kernel plain / + per-step finiteness check / + run-time
 * variant branch / + λ per step. Prints the median and range of coordinate-updates/s of each
 * and the ratios of the medians. docs/performance.md reports its output.
 */
import { readTiming, startTiming, stopTiming } from '../../src/gpu/timing.ts';
import { parseArgs } from 'node:util';
import { GpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { OPTIMIZER_RUNTIME } from '../../src/ensemble/gpuKernels.ts';
import { timeMinimalAdam, type MinimalAdamOptions } from '../../src/bench/minimalKernel.ts';
import type { GpuSession } from '../../src/gpu/session.ts';
import type { KernelSpec } from '../../src/gpu/kernel.ts';
import { openGpuSession } from '../../src/node/index.ts';
import type { RandomGenerator } from '../../src/random/generator.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '2048' },
    d: { type: 'string', default: '100' },
    steps: { type: 'string', default: '128' },
    rounds: { type: 'string', default: '5' },
    rng: { type: 'string', default: 'philox' },
    only: { type: 'string' },
  },
});
const N = Number(values.n);
const d = Number(values.d);
const steps = Number(values.steps);
const rounds = Number(values.rounds);
const rng = values.rng as RandomGenerator;

/** A session whose kernels get the optimizer flags as run-time reads (no specialisation). */
function unspecialised(session: GpuSession): GpuSession {
  const wrapped = Object.create(session) as GpuSession;
  wrapped.kernel = (spec: KernelSpec) => {
    const constants = { ...spec.constants };
    for (const name of Object.keys(constants))
      if (name.startsWith('OPTIMIZER_')) constants[name] = OPTIMIZER_RUNTIME;
    return session.kernel({ ...spec, label: `${spec.label}.runtime`, constants });
  };
  return wrapped;
}

/** A session whose `pathSuffix` module is rewritten by `edit` (a throwaway variant). */
function withModule(
  session: GpuSession,
  name: string,
  pathSuffix: string,
  edit: (code: string) => string,
): GpuSession {
  const wrapped = Object.create(session) as GpuSession;
  wrapped.kernel = (spec: KernelSpec) => {
    const modules = spec.modules.map((m) => {
      if (!m.path.endsWith(pathSuffix)) return m;
      const code = edit(m.code);
      if (code === m.code) throw new Error(`variant ${name}: the edit changed nothing`);
      return { ...m, path: `${m.path}#${name}`, code };
    });
    return session.kernel({ ...spec, label: `${spec.label}.${name}`, modules });
  };
  return wrapped;
}

/**
 * quadratic_diag.wgsl with λ cached per tile in a private variable (tried: the compiler does
 * not hoist λ = exp2(…) out of the step loop; measured slower, so not adopted).
 */
const lambdaCached = (code: string) =>
  code.replace(
    `fn quadraticDiagLambdaTile(tile: u32) -> vec4<f32> {
  let coordinate = vec4<f32>(vec4<u32>(tile * 4u) + vec4<u32>(0u, 1u, 2u, 3u));
  return exp2(vec4<f32>(problem.log2LambdaMin) + coordinate * problem.log2LambdaStep);
}`,
    `var<private> lambdaCache: vec4<f32>;
var<private> lambdaCacheTile: u32 = 0xffffffffu;
fn quadraticDiagLambdaTile(tile: u32) -> vec4<f32> {
  if (tile != lambdaCacheTile) {
    let coordinate = vec4<f32>(vec4<u32>(tile * 4u) + vec4<u32>(0u, 1u, 2u, 3u));
    lambdaCache = exp2(vec4<f32>(problem.log2LambdaMin) + coordinate * problem.log2LambdaStep);
    lambdaCacheTile = tile;
  }
  return lambdaCache;
}`,
  );

/**
 * ensemble_step.wgsl with the finiteness test at every step (the kernel before the test once
 * per dispatch): the fast loop's unchecked step replaced by the checked one.
 */
const finitePerStep = (code: string) =>
  code.replace(
    `    ensembleAdvanceTileUnchecked(&state, tile, params.key, params.randomOffset + trajectory, hyper, params.firstStep + k);`,
    `    if (!ensembleAdvanceTile(&state, tile, params.key, params.randomOffset + trajectory, hyper, params.firstStep + k)) {
      atomicMax(&diverged[trajectory], params.firstStep + k);
      break;
    }`,
  );

const config: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: d, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
  optimizer: { name: 'adam', preset: 'pytorch', gamma: 1e-3 },
  trajectories: N,
  seed: 'bench',
  x0: 1,
  rng,
  stepsPerDispatch: 64,
  recordEvery: 1 << 30,
};

async function engineRate(session: GpuSession, ensemble: GpuEnsemble): Promise<number> {
  void session;
  const start = performance.now();
  await ensemble.advance(steps);
  await ensemble.synchronize();
  return (N * d * steps) / ((performance.now() - start) / 1000);
}

const session = await openGpuSession();
const engines = {
  'engine (specialised)': await GpuEnsemble.create(session, config),
  'engine (run-time flags)': await GpuEnsemble.create(unspecialised(session), config),
  'engine (finiteness per step, before)': await GpuEnsemble.create(
    withModule(session, 'finitePerStep', 'kernels/ensemble_step.wgsl', finitePerStep),
    config,
  ),
  'engine (lambda cached, tried)': await GpuEnsemble.create(
    withModule(session, 'lambdaCached', 'quadratic_diag.wgsl', lambdaCached),
    config,
  ),
};
for (const e of Object.values(engines)) {
  await e.advance(64);
  await e.synchronize();
}
const minimal = (extra: Partial<MinimalAdamOptions>) => async () =>
  (
    await timeMinimalAdam(session, {
      trajectories: N,
      dimension: d,
      steps,
      rng,
      sigma: 0.1,
      gamma: 1e-3,
      ...extra,
    })
  ).coordUpdatesPerSecond;
const variants: Record<string, () => Promise<number>> = {
  'engine (specialised)': () => engineRate(session, engines['engine (specialised)']),
  'engine (run-time flags)': () => engineRate(session, engines['engine (run-time flags)']),
  'engine (finiteness per step, before)': () =>
    engineRate(session, engines['engine (finiteness per step, before)']),
  'engine (lambda cached, tried)': () =>
    engineRate(session, engines['engine (lambda cached, tried)']),
  minimal: minimal({}),
  'minimal + finiteness check': minimal({ checkFinite: true }),
  'minimal + run-time variant': minimal({ runtimeVariant: true }),
  'minimal + lambda per step': minimal({ lambdaPerStep: true }),
  'minimal + all three': minimal({ checkFinite: true, runtimeVariant: true, lambdaPerStep: true }),
};
const selected = values.only
  ? Object.keys(variants).filter((k) => values.only?.split(',').some((s) => k.includes(s)))
  : Object.keys(variants);
for (const name of selected) await variants[name]?.(); // pipelines, warm-up
const rates: Record<string, number[]> = Object.fromEntries(selected.map((k) => [k, []]));
const gpuRates: Record<string, number[]> = Object.fromEntries(selected.map((k) => [k, []]));
const timed = await startTiming(session);
for (let r = 0; r < rounds; r++)
  for (const name of selected) {
    await readTiming(session);
    rates[name]?.push(await (variants[name] ?? (async () => NaN))());
    // The timed pass is the last one (the minimal kernel's warm-up dispatch comes first).
    const seconds = (await readTiming(session)).at(-1)?.seconds ?? 0;
    if (timed && seconds > 0) gpuRates[name]?.push((N * d * steps) / seconds);
  }
stopTiming(session);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const base = median(rates.minimal ?? []);
const gpuBase = median(gpuRates.minimal ?? []);
console.log(
  `N = ${N}, d = ${d}, ${steps} steps per measurement, ${rounds} rounds, ${rng}, adapter ${session.adapter.description ?? ''}`,
);
for (const name of selected) {
  const xs = rates[name] ?? [];
  const m = median(xs);
  console.log(
    `${name.padEnd(28)} wall median ${(m / 1e6).toFixed(2)} M/s  range ${(Math.min(...xs) / 1e6).toFixed(2)}–${(Math.max(...xs) / 1e6).toFixed(2)}  / minimal ${(m / base).toFixed(3)}`,
  );
  const gs = gpuRates[name] ?? [];
  if (gs.length)
    console.log(
      `${''.padEnd(28)} GPU  median ${(median(gs) / 1e6).toFixed(2)} M/s  range ${(Math.min(...gs) / 1e6).toFixed(2)}–${(Math.max(...gs) / 1e6).toFixed(2)}  / minimal ${(median(gs) / gpuBase).toFixed(3)}`,
    );
}
for (const e of Object.values(engines)) e.destroy();
session.destroy();
