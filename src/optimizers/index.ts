import { ParameterError } from '../errors.ts';
import type { WgslModule } from '../gpu/layout.ts';
import * as wgsl from '../generated/wgsl/optimizers/index.ts';
import { adagradUpdate } from './adagrad.ts';
import { adamUpdate } from './adam.ts';
import { amsgradUpdate } from './amsgrad.ts';
import { heavyBallUpdate } from './heavyBall.ts';
import { resolveHyper } from './hyper.ts';
import { nesterovUpdate } from './nesterov.ts';
import { rmspropUpdate } from './rmsprop.ts';
import { sgdUpdate } from './sgd.ts';
import type { OptimizerDescriptor, OptimizerName, OptimizerSpec, OptimizerState } from './types.ts';

export type * from './types.ts';
export {
  effectiveHyper,
  OPTIMIZER_FIELDS,
  resolveHyper,
  stepSize,
  type EffectiveHyper,
} from './hyper.ts';

type Update = OptimizerDescriptor['update'];

/** Module file and float64 update of each optimizer. */
const TABLE: Record<OptimizerName, { module: WgslModule; update: Update }> = {
  adam: { module: wgsl.adam, update: adamUpdate },
  'adam-nodebias': { module: wgsl.adam, update: adamUpdate },
  'adam-decreasing': { module: wgsl.adam, update: adamUpdate },
  sgd: { module: wgsl.sgd, update: sgdUpdate },
  'sgd-decreasing': { module: wgsl.sgd, update: sgdUpdate },
  'heavy-ball': { module: wgsl.heavyBall, update: heavyBallUpdate },
  nesterov: { module: wgsl.nesterov, update: nesterovUpdate },
  adagrad: { module: wgsl.adagrad, update: adagradUpdate },
  rmsprop: { module: wgsl.rmsprop, update: rmspropUpdate },
  amsgrad: { module: wgsl.amsgrad, update: amsgradUpdate },
};

export const OPTIMIZER_NAMES = Object.keys(TABLE) as OptimizerName[];

/** z_0 = (x_0, 0, 0), bias weights r_0 = r̄_0 = 0. */
export function initialState(x0: Float64Array): OptimizerState {
  const zeros = () => new Float64Array(x0.length);
  return { x: Float64Array.from(x0), m: zeros(), v: zeros(), aux: zeros(), bias: [0, 0] };
}

/**
 * Validates `spec` and returns the optimizer (module, hyperparameters, pure init/update).
 *
 * @example
 * const sgd = createOptimizer({ name: 'sgd-decreasing', gamma: 0.1 }); // γ_n = 0.1/sqrt(n)
 */
export function createOptimizer(spec: OptimizerSpec): OptimizerDescriptor {
  const entry = TABLE[spec.name];
  if (!entry) throw new ParameterError('optimizer.name', spec.name, OPTIMIZER_NAMES.join(' | '));
  const { hyper, warnings } = resolveHyper(spec);
  return {
    name: spec.name,
    module: entry.module,
    hyper,
    warnings,
    init: initialState,
    update: entry.update,
  };
}
