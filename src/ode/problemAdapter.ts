import { createStorageBuffer, createUniformBuffer, uploadStorage } from '../gpu/buffers.ts';
import type { ShaderInterface } from '../gpu/layout.ts';
import { writeStruct } from '../gpu/layout.ts';
import { philox, random } from '../generated/wgsl/lib/index.ts';
import { tile } from '../generated/wgsl/problems/index.ts';
import type { ProblemDescriptor } from '../problems/types.ts';
import { PROBLEM_BOUNDS } from './constraint.ts';
import type { NetworkProblem } from '../problems/network/index.ts';
import { networkOdeGpu } from './networkOde.ts';
import type { OdeProblem } from './problem.ts';

/** WGSL libraries every problem module of the tile contract needs, in order. */
export const PROBLEM_LIBRARIES = [philox, random, tile];

/** True for the catalogue's descriptors (src/problems), as opposed to a hand-made OdeProblem. */
export function isProblemDescriptor(p: OdeProblem | ProblemDescriptor): p is ProblemDescriptor {
  return 'gpuParams' in p && 'module' in p;
}

/** Bytes of one `DenseScratch` (six vec4<f32>) of problems/quadratic_dense_ode.wgsl. */
const DENSE_SCRATCH_BYTES = 6 * 16;

/**
 * The ODE view of a catalogue problem: float64 maps from the descriptor, and on the GPU its
 * tile module with `ProblemParams` written by reflection. quadratic-dense (coupled
 * coordinates, `kernelPath: 'dense'`) uses problems/quadratic_dense_ode.wgsl: Σ in a
 * read-only storage buffer and a per-trajectory cache of ∇F and S (`coupling: 'dense'`).
 */
export function odeProblemFromDescriptor(p: ProblemDescriptor): OdeProblem {
  const bounds = PROBLEM_BOUNDS[p.name];
  const asVector = (x: ArrayLike<number>) => (x instanceof Float64Array ? x : Float64Array.from(x));
  const base: OdeProblem = {
    name: p.name,
    dimension: p.dimension,
    value: (x) => p.value(asVector(x)),
    meanGradient: (x, out) => out.set(p.meanGradient(asVector(x))),
    secondMoment: (x, out) => out.set(p.secondMoment(asVector(x))),
    criticalDistanceSq: (x) => p.criticalDistanceSq(asVector(x)),
    ...(bounds ? { bounds } : {}),
  };
  const params = (device: GPUDevice, layout: ShaderInterface) =>
    createUniformBuffer(
      device,
      `Ode.problem.${p.name}`,
      writeStruct(layout.struct('ProblemParams'), p.gpuParams()),
    );
  if (p.kernelPath === 'network') return { ...base, gpu: networkOdeGpu(p as NetworkProblem) };
  if (p.kernelPath === 'tiled') {
    return {
      ...base,
      gpu: {
        modules: [...PROBLEM_LIBRARIES, p.module],
        bindings: (device, layout) => ({ problem: params(device, layout) }),
      },
    };
  }
  const covariance = (p as { covariance?: Float64Array }).covariance;
  if (p.name !== 'quadratic-dense' || !covariance) return base;
  const tiles = Math.ceil(p.dimension / 4);
  return {
    ...base,
    gpu: {
      // problems/quadratic_dense_ode.wgsl follows, loaded on use with the kernel (odeKernels.ts).
      modules: [...PROBLEM_LIBRARIES],
      coupling: 'dense',
      bindings: (device, layout, trajectoryCount) => ({
        problem: params(device, layout),
        denseCovariance: uploadStorage(
          device,
          'Ode.problem.denseCovariance',
          Float32Array.from(covariance),
        ),
        denseScratch: createStorageBuffer(
          device,
          'Ode.problem.denseScratch',
          trajectoryCount * tiles * DENSE_SCRATCH_BYTES,
        ),
      }),
    },
  };
}

/** Accepts either form. */
export function toOdeProblem(p: OdeProblem | ProblemDescriptor): OdeProblem {
  return isProblemDescriptor(p) ? odeProblemFromDescriptor(p) : p;
}
