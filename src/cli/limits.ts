import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Backend } from '../backend/index.ts';
import { LimitError, ParameterError } from '../errors.ts';
import type { MemoryEstimate } from '../ensemble/index.ts';
import { BUFFER_HEADROOM, usableBufferSize } from '../gpu/buffers.ts';

/**
 * Memory limits checked before a run allocates anything. The figures and the limits are named
 * in the refusal, and the largest size that fits is given, so a user can pick it (the tests
 * run at exactly that size).
 */

/** Share of Node's heap limit that the cpu backend's trajectories may use. */
export const HEAP_SHARE = 0.6;
/** Heap the program itself uses (modules, schemas, records), kept out of the share above. */
export const HEAP_BASELINE = 32 * 1024 * 1024;
/** Share of the machine's memory that host arrays (and a software adapter's buffers) may use. */
export const HOST_SHARE = 0.6;

/** 1536 -> `1.5 KiB`. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  return unit === 0 ? `${bytes} bytes` : `${shown} ${units[unit]}`;
}

/** The memory limits of this process and backend. */
export function memoryLimits(backend: Backend | 'cpu'): {
  heap: number;
  host: number;
  maxBuffer: number | undefined;
  /** Device memory, where the adapter is software (its buffers are host memory). */
  device: number | undefined;
} {
  const heap = HEAP_SHARE * (getHeapStatistics().heap_size_limit - HEAP_BASELINE);
  const host = HOST_SHARE * totalmem();
  if (backend === 'cpu' || backend.kind === 'cpu')
    return { heap, host, maxBuffer: undefined, device: undefined };
  const limits = backend.adapter.limits as Record<string, number> | undefined;
  const raw = limits?.['maxBufferSize'];
  const maxBuffer = raw === undefined ? undefined : usableBufferSize({ maxBufferSize: raw });
  return {
    heap,
    host,
    maxBuffer,
    device: backend.adapter.isSoftware ? host : undefined,
  };
}

/**
 * Refuses a run whose estimate exceeds a limit: a ParameterError naming `flag` (the size
 * flag, e.g. `--trajectories`), the text typed, the memory needed, the limit and the largest
 * size that fits.
 */
export function checkMemory(
  estimate: MemoryEstimate,
  limits: ReturnType<typeof memoryLimits>,
  size: { flag: string; value: number; typed?: string | undefined; what: string },
): void {
  const per = estimate.perTrajectory;
  const fixed = estimate.fixed ?? { host: 0, heap: 0, device: 0, largestBuffer: 0 };
  // [needed, limit, bytes per trajectory, bytes whatever N (a network's data set), name]
  const checks: [number, number, number, number, string][] = [
    [
      estimate.heapBytes,
      limits.heap,
      per.heap,
      fixed.heap,
      `${HEAP_SHARE * 100} % of Node's heap limit less ${HEAP_BASELINE / 2 ** 20} MiB for the program (raise it with NODE_OPTIONS=--max-old-space-size=MB)`,
    ],
    [
      estimate.hostBytes,
      limits.host,
      per.host,
      fixed.host,
      `${HOST_SHARE * 100} % of this machine's memory`,
    ],
  ];
  if (limits.maxBuffer !== undefined)
    checks.push([
      estimate.largestBufferBytes,
      limits.maxBuffer,
      per.largestBuffer,
      fixed.largestBuffer,
      `the adapter's maxBufferSize less ${BUFFER_HEADROOM} bytes of headroom (one GPU buffer holds a block of every trajectory)`,
    ]);
  if (limits.device !== undefined)
    checks.push([
      estimate.deviceBytes,
      limits.device,
      per.device,
      fixed.device,
      `${HOST_SHARE * 100} % of this machine's memory (a software adapter's GPU memory is host memory)`,
    ]);
  // The tightest limit decides, and the refusal names it.
  let tightest:
    { needed: number; limit: number; fits: number; name: string; fixed: number } | undefined;
  for (const [needed, limit, perUnit, fixedBytes, name] of checks) {
    if (fixedBytes > limit) {
      // The data set alone does not fit, whatever N: name it, not the trajectories.
      throw new ParameterError(
        '--dataset',
        `${formatBytes(fixedBytes)} of data`,
        `a data set that fits: it alone needs ${formatBytes(fixedBytes)} (${Math.ceil(fixedBytes)} bytes), more than ${formatBytes(limit)} (${Math.floor(limit)} bytes: ${name}); fewer samples or inputs`,
      );
    }
    if (perUnit === 0) continue;
    const fits = Math.floor((limit - fixedBytes) / perUnit);
    if (!tightest || fits < tightest.fits)
      tightest = { needed, limit, fits, name, fixed: fixedBytes };
  }
  if (!tightest || size.value <= tightest.fits) return;
  const { needed, limit, fits, name } = tightest;
  throw new ParameterError(
    size.flag,
    size.value,
    `at most ${fits} ${size.what} here: ${size.value} need ${formatBytes(needed)} (${Math.ceil(needed)} bytes), more than ${formatBytes(limit)} (${Math.floor(limit)} bytes: ${name})`,
    size.typed !== undefined ? { typed: size.typed } : {},
  );
}

/**
 * Runs `allocate` inside a WebGPU out-of-memory error scope: an allocation the device
 * refuses becomes a LimitError naming what was being allocated and the estimate, instead of
 * a stream of validation errors from every later use of the missing buffer.
 */
export async function withDeviceMemoryScope<T>(
  backend: Backend,
  what: string,
  allocate: () => Promise<T>,
): Promise<T> {
  if (backend.kind !== 'webgpu') return allocate();
  const device = await backend.device();
  // The validation scope takes the errors that follow from a buffer the device refused.
  device.pushErrorScope('validation');
  device.pushErrorScope('out-of-memory');
  let result: T | undefined;
  let failure: unknown;
  try {
    result = await allocate();
  } catch (error) {
    failure = error;
  }
  const outOfMemory = await device.popErrorScope();
  const invalid = await device.popErrorScope();
  if (outOfMemory)
    throw new LimitError(
      `out of GPU memory while allocating ${what}: ${outOfMemory.message.split('\n')[0]}`,
    );
  if (failure !== undefined) throw failure;
  if (invalid) throw new Error(`GPU validation error while allocating ${what}: ${invalid.message}`);
  return result as T;
}
