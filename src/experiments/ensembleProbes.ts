import { z } from 'zod';
import type { Backend } from '../backend/index.ts';
import type { EnsembleConfig } from '../ensemble/config.ts';
import { GpuEnsemble } from '../ensemble/gpuEnsemble.ts';
import type { EnsembleRecord } from '../ensemble/records.ts';
import { createEnsemble } from '../ensemble/run.ts';
import type { Ensemble } from '../ensemble/types.ts';
import { readBuffer } from '../gpu/buffers.ts';
import { wilsonInterval } from '../stats/wilson.ts';

/**
 * Probes of an ensemble that the engine's records do not give: every trajectory's position
 * (one readback of the `positions` buffer on the GPU, N·ceil(d/4)·16 bytes), from which the
 * experiments compute per-trajectory events (first passage times, which minimum was reached,
 * fluctuations around the nearest critical point). Used by the decreasing-step, reddi and
 * saddle experiments; it only uses the engine's public API.
 */

/** Positions of all trajectories: x[i·d + c] is coordinate c of trajectory i (float64 copy). */
export interface Positions {
  trajectories: number;
  dimension: number;
  x: Float64Array;
}

/** Reads x of every trajectory (GPU: the f32 `positions` buffer; CPU: the float64 states). */
export async function readPositions(ensemble: Ensemble): Promise<Positions> {
  const { trajectories, problem } = ensemble.resolved;
  const d = problem.dimension;
  const x = new Float64Array(trajectories * d);
  if (ensemble instanceof GpuEnsemble) {
    const tiles = Math.ceil(d / 4);
    const data = new Float32Array(
      await readBuffer(ensemble.device, ensemble.positions, trajectories * tiles * 16),
    );
    for (let i = 0; i < trajectories; i++)
      for (let c = 0; c < d; c++) x[i * d + c] = data[i * tiles * 4 + c] ?? NaN;
  } else {
    for (let i = 0; i < trajectories; i++) {
      const { state } = await ensemble.readTrajectory(i);
      x.set(state.x.subarray(0, d), i * d);
    }
  }
  return { trajectories, dimension: d, x };
}

/** What a probe callback sees: the step, the positions and (when asked) the engine's records. */
export interface ProbeContext {
  step: number;
  positions: Positions;
  records: EnsembleRecord[] | undefined;
}

/**
 * Runs `config` on `backend`, stopping at each of `probeSteps` (increasing, ≥ 0) to read every
 * position and call `onProbe`. With `withRecords`, also takes the engine's record there
 * (F, ‖∇F‖, dist statistics and the diverged count). Returns the diverged count at the end.
 */
export async function probeEnsemble(
  config: EnsembleConfig,
  backend: Backend,
  probeSteps: readonly number[],
  onProbe: (probe: ProbeContext) => void,
  options: { withRecords?: boolean; progress?: (fraction: number) => void } = {},
): Promise<{ diverged: number[]; warnings: string[] }> {
  const ensemble = await createEnsemble(config, backend);
  try {
    const last = probeSteps.at(-1) ?? 0;
    for (const step of probeSteps) {
      if (step < ensemble.step) throw new Error(`probeEnsemble: probe steps must increase`);
      await ensemble.advance(step - ensemble.step);
      const records = options.withRecords ? await ensemble.record() : undefined;
      onProbe({ step, positions: await readPositions(ensemble), records });
      options.progress?.(last > 0 ? step / last : 1);
    }
    const final = await ensemble.record();
    return { diverged: final.map((r) => r.diverged), warnings: ensemble.resolved.warnings };
  } finally {
    ensemble.destroy();
  }
}

/** A fraction with its 95 % Wilson interval. */
export interface Fraction {
  count: number;
  trials: number;
  fraction: number;
  low: number;
  high: number;
}

/** `count` out of `trials` with its Wilson interval (src/stats/wilson.ts). */
export function fraction(count: number, trials: number, confidence = 0.95): Fraction {
  const { low, high } = wilsonInterval(count, trials, confidence);
  return { count, trials, fraction: trials > 0 ? count / trials : NaN, low, high };
}

/** "0.973 [0.962, 0.981]" */
export function formatFraction(f: Fraction): string {
  return `${f.fraction.toFixed(3)} [${f.low.toFixed(3)}, ${f.high.toFixed(3)}]`;
}

/** Type-1 empirical quantile x_(ceil(p n)) of finite values (Infinity kept: censored data). */
export function empiricalQuantile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[k - 1] ?? NaN;
}

/** Steps 0 < s_1 < … ≤ last, about `count` of them, log-spaced from `first` (integers, unique). */
export function logSpacedSteps(first: number, last: number, count: number): number[] {
  const steps = new Set<number>();
  for (let j = 0; j < count; j++) {
    const s = Math.round(first * (last / first) ** (count > 1 ? j / (count - 1) : 1));
    steps.add(Math.min(last, Math.max(1, s)));
  }
  return [...steps].sort((a, b) => a - b);
}

/** Schema fields and CLI flags shared by the three experiments. */
export const commonFields = {
  trajectories: z
    .number()
    .int()
    .min(1)
    .max(1 << 22),
  seed: z.union([z.number(), z.string().min(1)]).default(1),
};

/** Rounds N up to a multiple of `groups` (hyperGrid groups must have equal sizes). */
export function roundUpTo(n: number, groups: number): number {
  return Math.ceil(n / groups) * groups;
}

/** A comma-separated list of names from `allowed` (a CLI string flag), parsed to an array. */
export function nameList<const T extends readonly [string, ...string[]]>(
  allowed: T,
  fallback: string,
) {
  const split = (s: string) => s.split(',').map((name) => name.trim());
  return z
    .string()
    .default(fallback)
    .refine((s) => split(s).every((name) => allowed.includes(name)), {
      message: `a comma list of ${allowed.join(' | ')}`,
    })
    .transform((s) => split(s) as T[number][]);
}

/**
 * The paper scaling needs a·γ ≤ 1 and b·γ ≤ 1 (α, β in [0, 1)) for every γ used: reported on
 * the field `a` or `b` with the largest γ in the message (γ lists often come from defaults).
 */
export function checkScaledWeights(
  ctx: z.RefinementCtx,
  p: { a: number; b: number },
  gammas: readonly number[],
): void {
  const gamma = Math.max(...gammas);
  for (const field of ['a', 'b'] as const) {
    if (p[field] * gamma > 1)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field}·γ must be ≤ 1 for every γ (${field} = ${p[field]}, largest γ = ${gamma})`,
      });
  }
}
