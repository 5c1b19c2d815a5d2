import { checkBackend, CpuBackend, type Backend } from '../backend/index.ts';
import { resolveOdeConfig, type OdeConfig } from './config.ts';
import { projectState } from './constraint.ts';
import { integrateOdeCpu, type OdeRunOptions } from './cpuBackend.ts';
import { resolveInitialPoints } from './initialPoints.ts';
import type { OdeResult } from './result.ts';

/**
 * Integrates a limit ODE of docs/math.md section 3 for one or many initial conditions and records
 * F, V, ‖m‖, ‖v - S(x)‖ and the distance to the critical set at the output times.
 *
 * @example
 * const result = await integrateOde(
 *   { problem, ode: 'adam', a: 10, b: 1, epsilon: 1e-8, x0: [0, 0], finalTime: 5, method: 'dopri5' },
 *   new CpuBackend(), // or a GpuSession
 * );
 * console.log(result.records.V, result.stepCounts.accepted);
 */
export async function integrateOde(
  config: OdeConfig,
  backend: Backend = new CpuBackend(),
  options: OdeRunOptions = {},
): Promise<OdeResult> {
  checkBackend(backend);
  const resolved = resolveOdeConfig(config);
  const d = resolved.problem.dimension;
  const points = resolveInitialPoints(config, d);
  const bounds = resolved.problem.bounds;
  // Box-constrained problems start from the projection of x0, as the discrete algorithm does.
  if (bounds)
    for (let n = 0; n < points.length / d; n++) projectState(points.subarray(n * d), bounds, d);
  if (backend.kind === 'cpu') return integrateOdeCpu(resolved, points, options);
  // Loaded on first use: pages that integrate on the cpu backend only (one 2-D path) do not
  // download the GPU solver and its WGSL.
  const { integrateOdeGpu } = await import('./gpuBackend.ts');
  return integrateOdeGpu(backend, resolved, points, options);
}
