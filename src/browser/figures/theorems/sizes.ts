/**
 * Small sizes for running theorem-lab experiments in a figure (seconds, not minutes): per
 * experiment, overrides of its schema defaults. Only fields the schema has are passed; an
 * experiment not listed runs with `trajectories` reduced when it has that field.
 */
import type { Experiment } from '../../../experiments/types.ts';

const SMALL: Record<string, Record<string, unknown>> = {
  lyapunov: { trajectories: 8, outputs: 51, ratios: [0.5, 4, 16] },
  rates: { trajectories: 4, outputs: 51, quarticT: 1000 },
  reddi: { trajectories: 128, gammas: [0.05], T: 20, timePoints: 11 },
  saddle: { trajectories: 128, T: 5, probeEvery: 10 },
  'decreasing-step': { trajectories: 64, steps: 1000, probes: 5 },
};
const FALLBACK = { trajectories: 64 };

/** The keys of a zod object schema (empty when the schema is not an object). */
function schemaKeys(experiment: Experiment): Set<string> {
  const schema = experiment.schema as unknown as { shape?: Record<string, unknown> };
  return new Set(Object.keys(schema.shape ?? {}));
}

/**
 * Parameters of a small run of `experiment`: its defaults with the small overrides, then
 * `overrides` (numbers from the URL). Falls back to the defaults if the small set is refused.
 */
export function smallParams(
  experiment: Experiment,
  overrides: Record<string, unknown> = {},
): unknown {
  const keys = schemaKeys(experiment);
  const wanted = { ...(SMALL[experiment.name] ?? FALLBACK), ...overrides };
  const input = Object.fromEntries(Object.entries(wanted).filter(([key]) => keys.has(key)));
  const parsed = experiment.schema.safeParse(input);
  return parsed.success ? parsed.data : experiment.schema.parse({});
}
