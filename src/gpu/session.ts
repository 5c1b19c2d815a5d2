import { composeShader, compositionKey, type ComposedShader } from './compose.ts';
import { GpuRuntime, type AdapterReport, type LimitRequest } from './device.ts';
import { compileModule, ComputeKernel, type KernelSpec } from './kernel.ts';

/** Options of `GpuSession.open`. */
export interface GpuSessionOptions {
  /** Device limits the work needs (missing ones: the adapter's maximum for compute limits). */
  limits?: LimitRequest;
  /** Lines the user must see (a software adapter, a fallback), kept on the session. */
  notices?: readonly string[];
}

/** What `GpuSession.passTimer` holds (src/gpu/timing.ts): the timestamp writes of a pass. */
export interface PassTimer {
  timestampWrites(label: string): GPUComputePassTimestampWrites | undefined;
}

type DeviceCache<T> = WeakMap<GPUDevice, Map<string, Promise<T>>>;

function cached<T>(
  cache: DeviceCache<T>,
  device: GPUDevice,
  key: string,
  create: () => Promise<T>,
): Promise<T> {
  let perDevice = cache.get(device);
  if (!perDevice) cache.set(device, (perDevice = new Map()));
  let entry = perDevice.get(key);
  if (!entry) {
    entry = create();
    perDevice.set(key, entry);
    const map = perDevice;
    entry.catch(() => map.delete(key));
  }
  return entry;
}

/**
 * The WebGPU backend: one adapter and device (replaced after a loss), and every cache that
 * depends on them — composed shaders, compiled modules, pipelines, and engine resources such
 * as reducers. Every engine takes a session (or a `CpuBackend`) as its one backend argument;
 * nothing is kept in module-level state, so two sessions on two devices work side by side.
 * `destroy()` ends it: the device is destroyed and further use throws.
 *
 * @example
 * const session = await GpuSession.open(navigator.gpu);
 * const run = await runEnsemble(config, 1000, session);
 * session.destroy();
 */
export class GpuSession {
  readonly kind = 'webgpu' as const;
  private readonly composed = new Map<string, ComposedShader>();
  private readonly modules: DeviceCache<GPUShaderModule> = new WeakMap();
  private readonly pipelines: DeviceCache<ComputeKernel> = new WeakMap();
  private readonly resources: DeviceCache<unknown> = new WeakMap();
  private destroyed = false;
  /**
   * While set, every compute pass an engine opens (`beginComputePass`) gets its timestamp
   * writes from it: `startTiming` of src/gpu/timing.ts sets it (GPU pass timing for benchmarks).
   */
  passTimer: PassTimer | undefined;

  constructor(
    readonly runtime: GpuRuntime,
    readonly notices: readonly string[] = [],
  ) {}

  /** Opens the adapter of `gpu` (`navigator.gpu`, or Dawn's in Node) and a device. */
  static async open(gpu: GPU, options: GpuSessionOptions = {}): Promise<GpuSession> {
    const runtime = await GpuRuntime.open(gpu, options.limits ?? {});
    return new GpuSession(runtime, options.notices ?? []);
  }

  /** The adapter this session runs on (name, software or hardware, limits). */
  get adapter(): AdapterReport {
    return this.runtime.report;
  }

  /** True once `destroy()` was called. */
  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The live device; after a loss, throws `DeviceLostError` once, then opens a fresh one. */
  async device(): Promise<GPUDevice> {
    if (this.destroyed) throw new Error('GpuSession: used after destroy()');
    return this.runtime.device();
  }

  /** The composition of `modules` (text, line map, layouts), made once per session. */
  compose(modules: KernelSpec['modules']): ComposedShader {
    const key = compositionKey(modules);
    let shader = this.composed.get(key);
    if (!shader) {
      shader = composeShader(modules);
      this.composed.set(key, shader);
    }
    return shader;
  }

  /**
   * The compute pipeline of `spec`, built once per (device, label, modules, constants):
   * creating one is the slow part on software adapters (machine-code generation), so engines
   * that build the same kernel per call (recorders, reducers, ODE solves) share it.
   */
  async kernel(spec: KernelSpec): Promise<ComputeKernel> {
    const device = await this.device();
    const shader = this.compose(spec.modules);
    const constants = JSON.stringify(Object.entries(spec.constants ?? {}).sort());
    return cached(this.pipelines, device, `${spec.label}|${shader.key}|${constants}`, async () => {
      const module = await cached(this.modules, device, shader.key, () =>
        compileModule(device, spec.label, shader),
      );
      return ComputeKernel.build(device, spec, shader, module);
    });
  }

  /**
   * A resource shared by the engines of this session on the current device (a reducer, a
   * random-fill kernel), made by `create` on first use. `key` names it.
   */
  async shared<T>(key: string, create: (session: GpuSession) => Promise<T>): Promise<T> {
    const device = await this.device();
    return cached(this.resources, device, key, () => create(this)) as Promise<T>;
  }

  /**
   * Begins a compute pass on `encoder`; while `passTimer` is set, the pass gets timestamp
   * writes. Every engine opens its passes here, so that a benchmark can time them.
   */
  beginComputePass(
    encoder: GPUCommandEncoder,
    descriptor: GPUComputePassDescriptor = {},
  ): GPUComputePassEncoder {
    const timestampWrites = this.passTimer?.timestampWrites(descriptor.label ?? 'compute pass');
    return encoder.beginComputePass(
      timestampWrites ? { ...descriptor, timestampWrites } : descriptor,
    );
  }

  /** Destroys the device and drops every cache; the session cannot be used afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.passTimer = undefined;
    this.composed.clear();
    this.runtime.destroy();
  }
}
