import type { Backend } from '../backend/index.ts';
import { RandomFill, type RandomFillRequest } from './randomFill.ts';
import { bernoulli4, normal4, randomBits, uniform4 } from '../random/distributions.ts';

/** Values of a fill: u32 bits, float32 from the GPU, float64 from the CPU twin. */
export type RandomValues = Uint32Array | Float32Array | Float64Array;

/**
 * CPU twin of `RandomFill.draw`: the same draws (same Philox counters), computed in float64
 * with src/random/distributions.ts. Bits are identical to the GPU's; uniforms too (exact in
 * f32); normals agree to float32 rounding of the GPU's transcendentals.
 */
export function cpuRandomFill(request: RandomFillRequest): RandomValues {
  const { key, distribution, count } = request;
  const trajectory = request.trajectory ?? 0;
  const step = request.step ?? 0;
  const stream = request.stream ?? 7;
  const firstBlock = request.firstBlock ?? 0;
  const out = distribution === 'bits' ? new Uint32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i += 4) {
    const block = firstBlock + i / 4;
    const four =
      distribution === 'bits'
        ? randomBits(key, trajectory, step, block, stream)
        : distribution === 'uniform'
          ? uniform4(key, trajectory, step, block, stream)
          : distribution === 'normal'
            ? normal4(key, trajectory, step, block, stream)
            : bernoulli4(key, trajectory, step, block, stream, request.p ?? 0.5);
    for (let lane = 0; lane < 4 && i + lane < count; lane++) out[i + lane] = four[lane] ?? 0;
  }
  return out;
}

/**
 * Draws random values on the opened backend: RandomFill on WebGPU, the CPU twin otherwise.
 *
 * @example
 * const backend = await openBrowserRuntime();
 * const normals = await drawRandomValues(backend, { key: seedKey(42), distribution: 'normal', count: 1 << 16 });
 */
export async function drawRandomValues(
  backend: Backend,
  request: RandomFillRequest,
): Promise<RandomValues> {
  if (backend.kind === 'cpu') return cpuRandomFill(request);
  // One RandomFill kernel per session, device and distribution (compiled once).
  const fill = await backend.shared(`RandomFill.${request.distribution}`, (session) =>
    RandomFill.create(session, request.distribution),
  );
  return fill.draw(request);
}
