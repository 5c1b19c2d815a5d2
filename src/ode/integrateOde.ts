import { resolveOdeConfig, type OdeConfig } from './config.ts';
import { integrateOdeCpu } from './cpuBackend.ts';
import { integrateOdeGpu } from './gpuBackend.ts';
import { resolveInitialPoints } from './initialPoints.ts';
import type { OdeResult } from './result.ts';

/** Where to integrate: the float64 CPU twin, or WebGPU on `device` (float32). */
export type OdeBackend = 'cpu' | { kind: 'webgpu'; device: GPUDevice };

/**
 * Integrates a limit ODE of MATH.md section 3 for one or many initial conditions and records
 * F, V, ‖m‖, ‖v - S(x)‖ and the distance to the critical set at the output times.
 *
 * @example
 * const result = await integrateOde(
 *   { problem, ode: 'adam', a: 10, b: 1, epsilon: 1e-8, x0: [0, 0], finalTime: 5, method: 'dopri5' },
 *   'cpu',
 * );
 * console.log(result.records.V, result.stepCounts.accepted);
 */
export async function integrateOde(
  config: OdeConfig,
  backend: OdeBackend = 'cpu',
): Promise<OdeResult> {
  const resolved = resolveOdeConfig(config);
  const points = resolveInitialPoints(config, resolved.problem.dimension);
  if (backend === 'cpu') return integrateOdeCpu(resolved, points);
  return integrateOdeGpu(backend.device, resolved, points);
}
