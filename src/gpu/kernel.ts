import type { ComposedShader } from './compose.ts';
import { ShaderCompilationError } from '../errors.ts';
import type { ShaderInterface, WgslModule } from './layout.ts';

/** A buffer, or a range of one, bound to a named WGSL binding. */
export type BufferResource = GPUBuffer | { buffer: GPUBuffer; offset?: number; size?: number };

/** How to build a compute kernel: the module list and the `override` constants. */
export interface KernelSpec {
  /** Label prefix of every GPU object of this kernel, e.g. `'Philox.fill'`. */
  label: string;
  /** Ordered WGSL modules; the last holds the single `@compute` entry point. */
  modules: readonly WgslModule[];
  /** Values for `override` constants, by name. Unknown names throw. */
  constants?: Record<string, number>;
}

/**
 * Maps a compiler message to its WGSL file and line. Some messages (pipeline creation,
 * validation scopes) carry the position only in their text, as `:LINE:COLUMN`.
 */
function locateMessage(shader: ComposedShader, text: string, lineNum: number, linePos: number) {
  let line = lineNum;
  let column = linePos;
  if (line <= 0) {
    const match = /:(\d+):(\d+)/.exec(text);
    if (match) {
      line = Number(match[1]);
      column = Number(match[2]);
    }
  }
  if (line <= 0) return { file: shader.modules.join('+'), line: 0, column: 0, text };
  return { ...shader.locate(line), column, text };
}

/** Compiles a composed shader; errors name the WGSL file and line. */
export async function compileModule(
  device: GPUDevice,
  label: string,
  shader: ComposedShader,
): Promise<GPUShaderModule> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: `${label}.module`, code: shader.code });
  const info = await module.getCompilationInfo();
  const scopeError = await device.popErrorScope();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0 || scopeError) {
    const messages = errors.map((m) => locateMessage(shader, m.message, m.lineNum, m.linePos));
    if (messages.length === 0 && scopeError) {
      messages.push(locateMessage(shader, scopeError.message, 0, 0));
    }
    throw new ShaderCompilationError(label, messages);
  }
  return module;
}

/**
 * One compute pipeline with an explicit bind-group layout derived from reflection (never
 * `layout: 'auto'`), so bind groups are checked by binding name.
 */
export class ComputeKernel {
  private constructor(
    readonly label: string,
    readonly device: GPUDevice,
    readonly layout: ShaderInterface,
    readonly pipeline: GPUComputePipeline,
    private readonly groupLayouts: GPUBindGroupLayout[],
  ) {}

  /**
   * Builds the pipeline of `shader` from its compiled `module` (see `GpuSession.kernel`,
   * which caches both per device).
   */
  static async build(
    device: GPUDevice,
    spec: KernelSpec,
    shader: ComposedShader,
    module: GPUShaderModule,
  ): Promise<ComputeKernel> {
    const { label } = spec;
    const layout = shader.layout;
    const entryPoint = layout.computeEntryPoints[0];
    if (layout.computeEntryPoints.length !== 1 || entryPoint === undefined) {
      throw new Error(
        `${label}: a kernel needs exactly one @compute entry point, found [${layout.computeEntryPoints.join(', ')}]`,
      );
    }
    const constants = spec.constants ?? {};
    for (const name of Object.keys(constants)) {
      if (!layout.overrides.has(name)) {
        throw new Error(`${label}: no override "${name}" in ${shader.key}`);
      }
    }
    const groupCount = Math.max(0, ...layout.bindings.map((b) => b.group + 1));
    const groupLayouts: GPUBindGroupLayout[] = [];
    for (let g = 0; g < groupCount; g++) {
      groupLayouts.push(
        device.createBindGroupLayout({
          label: `${label}.group${g}`,
          entries: layout.bindings
            .filter((b) => b.group === g)
            .map((b) => ({
              binding: b.binding,
              visibility: GPUShaderStage.COMPUTE,
              buffer: {
                type:
                  b.kind === 'uniform'
                    ? ('uniform' as const)
                    : b.access === 'read'
                      ? ('read-only-storage' as const)
                      : ('storage' as const),
              },
            })),
        }),
      );
    }
    device.pushErrorScope('validation');
    const pipeline = await device.createComputePipelineAsync({
      label: `${label}.pipeline`,
      layout: device.createPipelineLayout({
        label: `${label}.layout`,
        bindGroupLayouts: groupLayouts,
      }),
      compute: { module, entryPoint, constants },
    });
    const error = await device.popErrorScope();
    if (error) throw new Error(`${label}: pipeline creation failed: ${error.message}`);
    return new ComputeKernel(label, device, layout, pipeline, groupLayouts);
  }

  /** Bind group `group` from resources named as in the WGSL. Missing or unknown names throw. */
  bind(resources: Record<string, BufferResource>, group = 0): GPUBindGroup {
    const wanted = this.layout.bindings.filter((b) => b.group === group);
    for (const name of Object.keys(resources)) {
      if (!wanted.some((b) => b.name === name)) {
        throw new Error(`${this.label}: no binding "${name}" in group ${group}`);
      }
    }
    const layout = this.groupLayouts[group];
    if (!layout) throw new Error(`${this.label}: no bind group ${group}`);
    return this.device.createBindGroup({
      label: `${this.label}.bindGroup${group}`,
      layout,
      entries: wanted.map((b) => {
        const resource = resources[b.name];
        if (!resource) throw new Error(`${this.label}: binding "${b.name}" was not given`);
        return {
          binding: b.binding,
          resource: 'buffer' in resource ? resource : { buffer: resource },
        };
      }),
    });
  }

  /** Records one dispatch into `pass`. */
  dispatch(pass: GPUComputePassEncoder, groups: GPUBindGroup[], x: number, y = 1, z = 1): void {
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const [axis, n] of [
      ['x', x],
      ['y', y],
      ['z', z],
    ] as const) {
      if (!Number.isInteger(n) || n < 0 || n > max) {
        throw new Error(
          `${this.label}: workgroup count ${axis} = ${n} is outside [0, ${max}]; chunk the dispatch`,
        );
      }
    }
    pass.setPipeline(this.pipeline);
    groups.forEach((g, i) => pass.setBindGroup(i, g));
    pass.dispatchWorkgroups(x, y, z);
  }
}
