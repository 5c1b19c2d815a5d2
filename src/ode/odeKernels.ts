import type { ComputeKernel } from '../gpu/kernel.ts';
import type { WgslModule } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import * as integrators from '../generated/wgsl/integrators/index.ts';
import * as kernels from '../generated/wgsl/kernels/index.ts';
import * as lib from '../generated/wgsl/lib/index.ts';
import * as odes from '../generated/wgsl/ode/index.ts';
import type { OdeMethod } from './config.ts';
import type { OdeProblem } from './problem.ts';
import type { OdeKind } from './systems.ts';
import { provideNetworkUploader } from './networkOde.ts';

/** The WGSL module of each ODE (shaders/ode/), all with the same three functions. */
export const ODE_MODULES: Record<OdeKind, WgslModule> = {
  adam: odes.adam,
  'adam-autonomous': odes.adamAutonomous,
  'heavy-ball': odes.heavyBall,
  'heavy-ball-adam': odes.heavyBallAdam,
  'heavy-ball-frozen': odes.heavyBallFrozen,
  'gradient-flow': odes.gradientFlow,
};

export const ODE_WORKGROUP_SIZE = 64;

/**
 * The module list of an ODE kernel: problem (with its libraries), math, ODE record and state,
 * the ODE, the integrator and the kernel (`kernels/ode_fixed_step.wgsl` or
 * `kernels/ode_adaptive.wgsl`); coupled problems: `lib/ode_dense.wgsl` and
 * `kernels/ode_dense_fixed_step.wgsl` (Euler and RK4 by `RK_STAGES`) or `ode_dense_adaptive.wgsl`;
 * network problems: `lib/ode_network.wgsl` and `kernels/ode_network_fixed_step.wgsl` (workgroup
 * per trajectory, Euler and RK4 only).
 */
export function odeKernelModules(
  problemModules: readonly WgslModule[],
  ode: OdeKind,
  method: OdeMethod,
  coupling: 'tiled' | 'dense' | 'network' = 'tiled',
): WgslModule[] {
  if (coupling === 'network') {
    if (!networkOdeModules)
      throw new Error(
        'odeKernelModules: the network ODE kernels are not loaded (await loadCoupledOdeModules())',
      );
    return [
      ...problemModules,
      networkOdeModules.problem,
      lib.math,
      lib.odeRecord,
      lib.odeState,
      networkOdeModules.library,
      ODE_MODULES[ode],
      networkOdeModules.kernel,
    ];
  }
  if (coupling === 'dense') {
    if (!denseOdeProblem)
      throw new Error(
        'odeKernelModules: the dense ODE module is not loaded (await loadCoupledOdeModules())',
      );
    return [
      ...problemModules,
      denseOdeProblem,
      lib.math,
      lib.odeRecord,
      lib.odeState,
      lib.odeDense,
      ODE_MODULES[ode],
      ...(method === 'dopri5'
        ? [integrators.dopri5, kernels.odeDenseAdaptive]
        : [kernels.odeDenseFixedStep]),
    ];
  }
  return [
    ...problemModules,
    lib.math,
    lib.odeRecord,
    lib.odeState,
    lib.odeHalfRates,
    ODE_MODULES[ode],
    integrators[method],
    method === 'dopri5' ? kernels.odeAdaptive : kernels.odeFixedStep,
  ];
}

let denseOdeProblem: WgslModule | undefined;
let networkOdeModules: { problem: WgslModule; library: WgslModule; kernel: WgslModule } | undefined;

/**
 * Loads the WGSL of a coupled ODE path on first use: problems/quadratic_dense_ode (dense), or
 * problems/network_ode, lib/ode_network and kernels/ode_network_fixed_step (network). Pages that
 * never integrate these ODEs do not carry them.
 */
export async function loadCoupledOdeModules(
  coupling: 'tiled' | 'dense' | 'network',
): Promise<void> {
  if (coupling === 'dense' && !denseOdeProblem)
    denseOdeProblem = (await import('../generated/wgsl/problems/quadratic_dense_ode.ts')).default;
  if (coupling !== 'network' || networkOdeModules) return;
  const [problem, library, kernel, upload] = await Promise.all([
    import('../generated/wgsl/problems/network_ode.ts'),
    import('../generated/wgsl/lib/ode_network.ts'),
    import('../generated/wgsl/kernels/ode_network_fixed_step.ts'),
    import('../problems/network/gpuUpload.ts'),
  ]);
  provideNetworkUploader(upload.uploadNetworkProblem);
  networkOdeModules = {
    problem: problem.default,
    library: library.default,
    kernel: kernel.default,
  };
}

/** `work` slots per trajectory of the dense kernels (SLOT_COUNT in lib/ode_dense.wgsl). */
export const DENSE_WORK_SLOTS = 10;

/** Builds the solve kernel for one (problem, ODE, method, tile count). */
export async function createOdeKernel(
  session: GpuSession,
  problem: OdeProblem,
  ode: OdeKind,
  method: OdeMethod,
  tileCount: number,
): Promise<ComputeKernel> {
  if (!problem.gpu) throw new Error(`Ode: problem ${problem.name} has no WGSL module`);
  const coupling = problem.gpu.coupling ?? 'tiled';
  await loadCoupledOdeModules(coupling);
  const rkStages =
    coupling !== 'tiled' && method !== 'dopri5' ? { RK_STAGES: method === 'euler' ? 1 : 4 } : {};
  // The network kernel's workgroup size is fixed (64 lanes per trajectory).
  const size = coupling === 'network' ? {} : { WORKGROUP_SIZE: ODE_WORKGROUP_SIZE };
  return session.kernel({
    label: `Ode.${method}.${ode}.${problem.name}`,
    modules: odeKernelModules(problem.gpu.modules, ode, method, coupling),
    constants: { TILE_COUNT: tileCount, ...size, ...rkStages },
  });
}
