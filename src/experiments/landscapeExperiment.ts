import { z } from 'zod';
import { MAX_RESOLUTION, NETWORK_FLAGS, networkFields } from './networkFields.ts';
import { seedField } from './odeCommon.ts';
import type { Experiment } from './types.ts';

/**
 * The loss-landscape figure (Li et al. 2018) of a real network: F on a grid of the plane
 * c + a u + b v through the end point c of an ADAM-ODE training path, along two
 * filter-normalised random directions (src/experiments/landscapeGrid.ts), computed on the GPU
 * in one dispatch, with the ODE paths and the ADAM training runs from the same seeded initialisations projected
 * onto the plane.
 */
const schema = z
  .object({
    ...networkFields,
    /** Grid points per axis (odd: (0, 0), the centre, is a cell). */
    resolution: z.number().int().min(2).max(MAX_RESOLUTION).default(257),
    /** The grid covers a, b ∈ [-span, span] (in units of the filter-normalised directions). */
    span: z.number().positive().default(1),
    /** ADAM-ODE paths (from seeded initialisations 0 .. runs-1); the first one's end is the centre. */
    runs: z.number().int().min(1).max(64).default(3),
    /**
     * ADAM training runs (the ensemble engine, GPU or cpu backend) from the same seeded
     * initialisations 0 .. trainingRuns-1, for round(T/γ) steps with the problem's mini-batch;
     * their weights every ⌈steps/100⌉ steps are projected onto the plane (0: none).
     */
    trainingRuns: z.number().int().min(0).max(256).default(16),
    gamma: z.number().positive().default(0.05),
    alpha: z.number().min(0).lt(1).default(0.9),
    beta: z.number().min(0).lt(1).default(0.999),
    /**
     * ε of ADAM. 1e-3: with ε = 1e-8, coordinates whose S(x0) is ~0 make the first RK4 steps
     * unstable at dt = 0.02 (m̂/√v̂ near 0/0); ε = 1e-3 gives the same path at dt = 0.005.
     */
    epsilon: z.number().positive().default(1e-3),
    T: z.number().positive().default(20),
    /** RK4 step of the ODE paths (float64 twin; 0.1 is unstable near t = 0 on moons at these a, b). */
    dt: z.number().positive().default(0.02),
    seed: seedField,
  })
  .strict();

type Params = z.infer<typeof schema>;
/** The parameters of the landscape (the experiment's schema, defaults filled in). */
export type LandscapeParams = Params;

/** Parses landscape parameters (CLI flags' camelCase names), filling in the defaults. */
export function landscapeParams(values: Record<string, unknown>): LandscapeParams {
  return schema.parse(values);
}

export const landscapeExperiment: Experiment<typeof schema> = {
  name: 'landscape',
  title: 'Loss landscape of a network with ADAM training runs and ADAM-ODE paths',
  claim: 'Li et al. 2018 (filter-normalised slice)',
  summary:
    'The training loss F of a small network on a grid of the plane c + a·u + b·v, where c is the end of the debiased ADAM ODE (Eq. 3.3) integrated from a seeded initialisation, and u, v are Gaussian directions with filter normalisation (each neuron row rescaled to the norm of the same row of c; biases not perturbed), computed on the GPU in one dispatch (a workgroup per grid cell, F an exact mean over the train split). The ADAM training runs (the ensemble engine, mini-batch B, n = T/γ steps, weights kept every ⌈n/100⌉ steps on the device) and the ODE paths from the same seeded initialisations are projected onto the plane by least squares; their distance from the plane is reported, since a 2-D slice shows only part of a path in dimension d.',
  schema,
  flags: {
    ...NETWORK_FLAGS,
    resolution: 'number',
    span: 'number',
    runs: 'number',
    'training-runs': 'number',
    gamma: 'number',
    alpha: 'number',
    beta: 'number',
    epsilon: 'number',
    T: 'number',
    dt: 'number',
  },
  // The grid kernel, the network twin and the heat map load with the run (src/experiments/landscape.ts).
  async run(p: Params, context) {
    const { runLandscapeExperiment } = await import('./landscape.ts');
    return runLandscapeExperiment(p, context);
  },
};
