import type { ResolvedOdeConfig } from './config.ts';
import type { OdeResult } from './result.ts';
export async function integrateOdeGpu(_d: GPUDevice, _c: ResolvedOdeConfig, _p: Float64Array): Promise<OdeResult> {
  throw new Error('todo');
}
