import { ComputeKernel } from '../gpu/kernel.ts';
import type { OdeMethod } from './config.ts';
import type { OdeProblem } from './problem.ts';
import type { OdeKind } from './systems.ts';

/** The WGSL module of each ODE (shaders/ode/), all with the same three functions. */
export const ODE_MODULES: Record<OdeKind, string> = {
  adam: 'ode/adam.wgsl',
  'adam-autonomous': 'ode/adam_autonomous.wgsl',
  'heavy-ball': 'ode/heavy_ball.wgsl',
  'heavy-ball-adam': 'ode/heavy_ball_adam.wgsl',
  'heavy-ball-frozen': 'ode/heavy_ball_frozen.wgsl',
  'gradient-flow': 'ode/gradient_flow.wgsl',
};

export const ODE_WORKGROUP_SIZE = 64;

/**
 * The module list of an ODE kernel: problem (with its libraries), math, ODE record and state,
 * the ODE, the integrator and the kernel (`kernels/ode_fixed_step.wgsl` or
 * `kernels/ode_adaptive.wgsl`); coupled problems: `lib/ode_dense.wgsl` and
 * `kernels/ode_dense_fixed_step.wgsl` (Euler and RK4 by `RK_STAGES`) or `ode_dense_adaptive.wgsl`.
 */
export function odeKernelModules(
  problemModules: readonly string[],
  ode: OdeKind,
  method: OdeMethod,
  coupling: 'tiled' | 'dense' = 'tiled',
): string[] {
  if (coupling === 'dense') {
    return [
      ...problemModules,
      'lib/math.wgsl',
      'lib/ode_record.wgsl',
      'lib/ode_state.wgsl',
      'lib/ode_dense.wgsl',
      ODE_MODULES[ode],
      ...(method === 'dopri5'
        ? ['integrators/dopri5.wgsl', 'kernels/ode_dense_adaptive.wgsl']
        : ['kernels/ode_dense_fixed_step.wgsl']),
    ];
  }
  return [
    ...problemModules,
    'lib/math.wgsl',
    'lib/ode_record.wgsl',
    'lib/ode_state.wgsl',
    'lib/ode_half_rates.wgsl',
    ODE_MODULES[ode],
    `integrators/${method}.wgsl`,
    method === 'dopri5' ? 'kernels/ode_adaptive.wgsl' : 'kernels/ode_fixed_step.wgsl',
  ];
}

/** `work` slots per trajectory of the dense kernels (SLOT_COUNT in lib/ode_dense.wgsl). */
export const DENSE_WORK_SLOTS = 10;

/** Builds the solve kernel for one (problem, ODE, method, tile count). */
export async function createOdeKernel(
  device: GPUDevice,
  problem: OdeProblem,
  ode: OdeKind,
  method: OdeMethod,
  tileCount: number,
): Promise<ComputeKernel> {
  if (!problem.gpu) throw new Error(`Ode: problem ${problem.name} has no WGSL module`);
  const coupling = problem.gpu.coupling ?? 'tiled';
  const rkStages =
    coupling === 'dense' && method !== 'dopri5' ? { RK_STAGES: method === 'euler' ? 1 : 4 } : {};
  return ComputeKernel.create(device, {
    label: `Ode.${method}.${ode}.${problem.name}`,
    modules: odeKernelModules(problem.gpu.modules, ode, method, coupling),
    constants: { TILE_COUNT: tileCount, WORKGROUP_SIZE: ODE_WORKGROUP_SIZE, ...rkStages },
  });
}
