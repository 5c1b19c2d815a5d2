import { composeShader, compositionKey, type ComposedShader } from './compose.ts';
import { GpuRuntime, type AdapterReport, type LimitRequest } from './device.ts';
import { compileModule, ComputeKernel, type KernelSpec } from './kernel.ts';
import type { GpuTimingCollector, PassTiming } from './timing.ts';

/** Options of `GpuSession.open`. */
export interface GpuSessionOptions {
  /** Device limits the work needs (missing ones: the adapter's maximum for compute limits). */
  limits?: LimitRequest;
  /** Lines the user must see (a software adapter, a fallback), kept on the session. */
  notices?: readonly string[];
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
  private timer: { collector: GpuTimingCollector; generation: number } | undefined;

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
   * Starts timing every compute pass that the engines encode (`beginComputePass`) with GPU
   * timestamps; `readTiming()` returns the durations. False, and nothing is timed, when the
   * device has no `timestamp-query` feature. A device loss ends the timing.
   */
  async startTiming(): Promise<boolean> {
    const device = await this.device();
    if (!device.features.has('timestamp-query')) return false;
    const generation = this.runtime.deviceGeneration;
    if (this.timer?.generation !== generation) {
      this.timer?.collector.destroy();
      // Loaded on first use: the collector stays out of the entry chunk (bundle budget).
      const { GpuTimingCollector: Collector } = await import('./timing.ts');
      this.timer = { collector: new Collector(device), generation };
    }
    return true;
  }

  /** True while passes are timed (after `startTiming()` returned true). */
  get timing(): boolean {
    return this.timer !== undefined;
  }

  /**
   * The GPU time of each compute pass encoded since timing started or since the last read,
   * in encoding order (after the work submitted so far); empty when timing is off.
   */
  async readTiming(): Promise<PassTiming[]> {
    return this.timer ? this.timer.collector.read() : [];
  }

  /** Stops timing (the passes not read yet are dropped). */
  stopTiming(): void {
    this.timer?.collector.destroy();
    this.timer = undefined;
  }

  /**
   * Begins a compute pass on `encoder`; while timing is on, the pass gets timestamp writes.
   * Every engine opens its passes here, so that a benchmark can time them (no cost when off).
   */
  beginComputePass(
    encoder: GPUCommandEncoder,
    descriptor: GPUComputePassDescriptor = {},
  ): GPUComputePassEncoder {
    const timer = this.timer;
    if (!timer) return encoder.beginComputePass(descriptor);
    if (timer.generation !== this.runtime.deviceGeneration) {
      this.stopTiming(); // the device was replaced: its query sets belong to the lost one
      return encoder.beginComputePass(descriptor);
    }
    const timestampWrites = timer.collector.timestampWrites(descriptor.label ?? 'compute pass');
    return encoder.beginComputePass({ ...descriptor, timestampWrites });
  }

  /** Destroys the device and drops every cache; the session cannot be used afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopTiming();
    this.composed.clear();
    this.runtime.destroy();
  }
}
