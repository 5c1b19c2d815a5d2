/** The ODE engine: the limit ODEs of docs/math.md section 3 for one point, a list or a cloud. */
export { integrateOde } from './integrateOde.ts';
export type { OdeCloud, OdeConfig, OdeMethod, ResolvedOdeConfig } from './config.ts';
export type { OdeRecords, OdeResult } from './result.ts';
export { estimateOdeMemory, formatOdeWarnings } from './result.ts';
export type { OdeRunOptions } from './cpuBackend.ts';
export type { OdeProblem, OdeProblemGpu } from './problem.ts';
export { toOdeProblem } from './problemAdapter.ts';
export { ODE_KINDS, type OdeKind } from './systems.ts';
export {
  ODE_QUANTILES,
  ODE_SCALAR_FIELDS,
  summarizeOde,
  type OdeScalarField,
  type OdeStatistics,
  type OdeStats,
} from './summarizeOde.ts';
export type { SolveStatus } from './integrators/dopri5.ts';
