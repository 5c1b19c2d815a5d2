import type { RandomGenerator } from '../random/generator.ts';
import type { ExperimentContext } from './types.ts';

/**
 * The `rng` field of an experiment's ensemble config: the generator the caller chose
 * (`adamscope experiment … --rng philox|threefry`), or nothing (the default, Philox). Only the
 * ensembles' draws change; the ODE engine's random initial clouds stay on Philox.
 */
export function rngOf(context: ExperimentContext): { rng?: RandomGenerator } {
  return context.rng === undefined ? {} : { rng: context.rng };
}
