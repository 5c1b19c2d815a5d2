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
  // Sized so that the small run has the power of its test (at T = 5 not every optimizer has
  // escaped, at 1000 steps the RMS plateaus are not reached): about 2–4 s on the cpu backend.
  saddle: { trajectories: 128, T: 10, probeEvery: 10 },
  'decreasing-step': { trajectories: 64, steps: 10000, probes: 10 },
  // A 2-16-1 network on 64 moons: a 17 × 17 grid (one dispatch), two ODE paths and 8
  // training runs (100 steps); network-ode: 32 runs against 32 ODE paths (the median's
  // sampling bound widens as 1/√N: the verdict says so).
  landscape: { samples: 64, resolution: 17, runs: 2, trainingRuns: 8, T: 5 },
  'network-ode': { samples: 64, trajectories: 32, T: 1, records: 10 },
};
const FALLBACK = { trajectories: 64 };

/** The keys of a zod object schema (empty when the schema is not an object). */
function schemaKeys(experiment: Experiment): Set<string> {
  const schema = experiment.schema as unknown as { shape?: Record<string, unknown> };
  return new Set(Object.keys(schema.shape ?? {}));
}

/**
 * Parameters of a small run of `experiment`: its defaults with the small overrides, then
 * `overrides` (values from the URL). When the experiment's schema refuses them, the small set
 * alone is used (then the defaults) and `refused` says so, for a notice: never silently.
 */
export function smallParams(
  experiment: Experiment,
  overrides: Record<string, unknown> = {},
): { params: unknown; refused?: string } {
  const keys = schemaKeys(experiment);
  const small = SMALL[experiment.name] ?? FALLBACK;
  const pick = (wanted: Record<string, unknown>) =>
    experiment.schema.safeParse(
      Object.fromEntries(Object.entries(wanted).filter(([key]) => keys.has(key))),
    );
  const parsed = pick({ ...small, ...overrides });
  if (parsed.success) return { params: parsed.data };
  const fallback = pick(small);
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.join('.') || 'parameters'}: ${issue.message}` : '';
  return {
    params: fallback.success ? fallback.data : experiment.schema.parse({}),
    refused: `${experiment.name} refused ${JSON.stringify(overrides)} (${where}); using ${fallback.success ? 'its small size' : 'its defaults'}`,
  };
}
