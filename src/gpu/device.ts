import { DeviceLostError, LimitError } from '../errors.ts';

/** What a user needs to know about the adapter a run used (printed by `adamscope info`). */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  description: string;
  device: string;
  /** True for CPU implementations (SwiftShader, WARP, lavapipe) and fallback adapters. */
  isSoftware: boolean;
  /** Human label, e.g. `google swiftshader (software adapter)`. */
  label: string;
  limits: {
    maxStorageBufferBindingSize: number;
    maxBufferSize: number;
    maxComputeWorkgroupsPerDimension: number;
    maxComputeInvocationsPerWorkgroup: number;
    maxComputeWorkgroupStorageSize: number;
    maxStorageBuffersPerShaderStage: number;
  };
  features: string[];
}

/** Limits a run asks for; missing ones get the adapter's maximum for the compute limits. */
export type LimitRequest = Partial<Record<keyof AdapterReport['limits'], number>>;

const COMPUTE_LIMITS: (keyof AdapterReport['limits'])[] = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
  'maxStorageBuffersPerShaderStage',
];

/** Builds the report of an adapter. */
export function describeAdapter(adapter: GPUAdapter): AdapterReport {
  const info = adapter.info;
  const isSoftware =
    Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter) ||
    /swiftshader|llvmpipe|lavapipe|warp|software/i.test(
      `${info.vendor} ${info.architecture} ${info.description} ${info.device}`,
    );
  const limits = Object.fromEntries(
    COMPUTE_LIMITS.map((k) => [k, Number(adapter.limits[k])]),
  ) as AdapterReport['limits'];
  const name =
    [info.vendor, info.architecture].filter(Boolean).join(' ') ||
    info.description ||
    'unknown adapter';
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    device: info.device,
    isSoftware,
    label: `${name} (${isSoftware ? 'software adapter: not GPU performance' : 'hardware adapter'})`,
    limits,
    features: [...adapter.features].map(String).sort(),
  };
}

/** Checks `request` against the adapter; throws a `LimitError` naming the first limit it cannot give. */
export function resolveLimits(adapter: GPUAdapter, request: LimitRequest): Record<string, number> {
  const resolved: Record<string, number> = {};
  for (const key of COMPUTE_LIMITS) {
    const available = Number(adapter.limits[key]);
    const wanted = request[key];
    if (wanted !== undefined && wanted > available) {
      throw new LimitError(
        `the adapter "${describeAdapter(adapter).label}" supports ${key} = ${available}, but this run needs ${wanted}`,
      );
    }
    resolved[key] = wanted ?? available;
  }
  return resolved;
}

/**
 * Owns one GPUDevice and replaces it after a loss. Uncaptured errors and device loss are
 * recorded; the next `device()` call throws a `DeviceLostError` saying what happened,
 * and the call after that gets a fresh device.
 */
export class GpuRuntime {
  private current: GPUDevice | undefined;
  private failure: string | undefined;
  private generation = 0;

  private constructor(
    private readonly gpu: GPU,
    readonly adapter: GPUAdapter,
    readonly report: AdapterReport,
    private readonly limits: Record<string, number>,
  ) {}

  /** Opens the adapter of `gpu` and a device with the limits a run needs. */
  static async open(gpu: GPU, request: LimitRequest = {}): Promise<GpuRuntime> {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter)
      throw new Error(
        'WebGPU: no adapter available (navigator.gpu.requestAdapter() returned null)',
      );
    const runtime = new GpuRuntime(
      gpu,
      adapter,
      describeAdapter(adapter),
      resolveLimits(adapter, request),
    );
    await runtime.device();
    return runtime;
  }

  /** Increments each time a fresh device replaces a lost one (GPU objects must be rebuilt). */
  get deviceGeneration(): number {
    return this.generation;
  }

  /** The live device; after a loss, reports it once and then opens a fresh one. */
  async device(): Promise<GPUDevice> {
    if (this.failure !== undefined) {
      const message = this.failure;
      this.failure = undefined;
      this.current = undefined;
      throw new DeviceLostError(message);
    }
    if (this.current) return this.current;
    let adapter = this.adapter;
    if (this.generation > 0) {
      const fresh = await this.gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!fresh)
        throw new DeviceLostError('WebGPU: no adapter available to replace the lost device');
      adapter = fresh;
    }
    const requiredFeatures = (['timestamp-query'] as GPUFeatureName[]).filter((f) =>
      adapter.features.has(f),
    );
    const device = await adapter.requestDevice({
      label: `adamscope.device#${this.generation}`,
      requiredLimits: this.limits,
      requiredFeatures,
    });
    this.generation++;
    device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      this.failure ??= `WebGPU uncaptured ${error.constructor.name}: ${error.message}`;
    });
    void device.lost.then((info) => {
      if (this.current !== device) return;
      if (info.reason !== 'destroyed')
        this.failure ??= `WebGPU device lost (${info.reason}): ${info.message}`;
      this.current = undefined;
    });
    this.current = device;
    return device;
  }

  /** Destroys the device; the runtime can still open a new one. */
  destroy(): void {
    const device = this.current;
    this.current = undefined;
    device?.destroy();
  }
}
