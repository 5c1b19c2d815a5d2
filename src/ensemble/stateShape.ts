import { ParameterError } from '../errors.ts';
import type { EnsembleState } from './types.ts';

/**
 * Checks that `state` fits an ensemble: backend, N, d, element type and the length of every
 * block (`perTrajectory` values of x, m, v, aux; `biasPerTrajectory` bias weights).
 */
export function checkStateShape(
  state: EnsembleState,
  backend: 'webgpu' | 'cpu',
  trajectories: number,
  dimension: number,
  type: Float32ArrayConstructor | Float64ArrayConstructor,
  perTrajectory: number,
  biasPerTrajectory: number,
): void {
  const refuse = (field: string, value: unknown, allowed: string): never => {
    throw new ParameterError(`state.${field}`, value, allowed);
  };
  if (state.backend !== backend)
    refuse(
      'backend',
      state.backend,
      `${backend} (a checkpoint continues on the backend that wrote it)`,
    );
  if (state.trajectories !== trajectories)
    refuse('trajectories', state.trajectories, `${trajectories}`);
  if (state.dimension !== dimension) refuse('dimension', state.dimension, `${dimension}`);
  if (!Number.isInteger(state.step) || state.step < 0) refuse('step', state.step, 'an integer ≥ 0');
  for (const name of ['x', 'm', 'v', 'aux'] as const) {
    const block = state[name];
    if (!(block instanceof type)) refuse(name, block?.constructor?.name, type.name);
    if (block.length !== trajectories * perTrajectory)
      refuse(`${name}.length`, block.length, `${trajectories * perTrajectory}`);
  }
  if (state.bias.length !== trajectories * biasPerTrajectory)
    refuse('bias.length', state.bias.length, `${trajectories * biasPerTrajectory}`);
  if (state.diverged.length !== trajectories)
    refuse('diverged.length', state.diverged.length, `${trajectories}`);
}
