import { z } from 'zod';
import { NETWORK_FLAGS, networkFields } from './networkFields.ts';
import { seedField } from './odeCommon.ts';
import type { Experiment } from './types.ts';

/**
 * The network's ADAM ODE against an ensemble of training runs (issue 11, test 6e), as
 * autonomous-vs-debiased does for the quadratic: N ADAM runs with mini-batches of size B from
 * the ensemble engine's seeded initial weights (run k starts at initialWeights(key, k), the
 * engine's addressing, docs/network-training.md), and the debiased ADAM ODE (Eq. 3.3, with
 * S_B) from the SAME N initial points, integrated on the GPU all at once (a workgroup per
 * initial condition), with output times on the record grid t_j = n_j γ. At small γ each run
 * follows its own ODE path, so median_k F(x_n^k) ≈ median_k F(x^k(nγ)); the sampling error of
 * a median of N runs is about 1.2533 σ_j/√N (σ_j estimated by (q95 − q05)/3.29 of the runs at
 * record j), so the verdict checks sup_j |median_j − median_j^ODE| − 3·1.2533 σ_j/√N ≤
 * tolerance·F̄(x0) (the O(γ) bias of the discrete algorithm, default 2 %).
 *
 * NEEDS the ensemble engine's path for network problems (nn-train, issue 11 item 3); without
 * it the experiment fails with an error that says so.
 */
const schema = z
  .object({
    ...networkFields,
    samples: networkFields.samples.default(128),
    trajectories: z
      .number()
      .int()
      .min(2)
      .max(1 << 16)
      .default(256),
    gamma: z.number().positive().default(0.005),
    alpha: z.number().min(0).lt(1).default(0.9),
    beta: z.number().min(0).lt(1).default(0.999),
    epsilon: z.number().positive().default(1e-3),
    T: z.number().positive().default(2),
    records: z.number().int().min(2).max(1000).default(40),
    /** Allowed sup-distance beyond the sampling error, relative to F(x0). */
    tolerance: z.number().positive().default(0.02),
    seed: seedField,
  })
  .strict();

/** The parameters of network-ode (the schema, defaults filled in). */
export type NetworkOdeParams = z.infer<typeof schema>;

export const networkOdeExperiment: Experiment<typeof schema> = {
  name: 'network-ode',
  title: "A network's training runs follow its ADAM ODE",
  claim: 'Eq. 3.3 on a network (issue 11)',
  summary:
    'N ADAM training runs of a small network with mini-batches of size B from seeded initial weights, and the debiased ADAM ODE (Eq. 3.3) of the network with the exact ∇F and S_B over the train set from the same N initial points (integrated on the GPU, a workgroup per initial condition). At small γ the median training loss of the runs should follow the median of F(x(nγ)) over the ODE paths within the sampling error of a median of N runs.',
  schema,
  flags: {
    ...NETWORK_FLAGS,
    trajectories: 'number',
    gamma: 'number',
    alpha: 'number',
    beta: 'number',
    epsilon: 'number',
    T: 'number',
    records: 'number',
    tolerance: 'number',
  },
  // The ensembles, the ODE kernels and the network twin load with the run (networkOde.ts).
  async run(p, context) {
    const { runNetworkOdeExperiment } = await import('./networkOde.ts');
    return runNetworkOdeExperiment(p, context);
  },
};
