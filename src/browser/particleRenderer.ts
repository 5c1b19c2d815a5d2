import { writeStruct } from '../gpu/layout.ts';
import { particles } from '../generated/wgsl/render/index.ts';

/** Where the plot frame lies on the canvas and how points look. */
export interface ParticleView {
  /** Data range shown on each axis (the plot frame). */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** The plot frame in CSS pixels of the canvas: left, top, width, height. */
  frame: { left: number; top: number; width: number; height: number };
  /** Canvas size in CSS pixels. */
  canvasWidth: number;
  canvasHeight: number;
  /** Diameter of a point in CSS pixels. */
  pointSize: number;
  /** Straight RGBA in [0, 1]. */
  color: readonly [number, number, number, number];
}

/**
 * Draws the particle cloud of an ensemble from its GPU state buffer (`GpuEnsemble.positions`,
 * vec4 tiles, trajectory-major, usage STORAGE | VERTEX) with a render pipeline: no readback.
 * One instance per trajectory, a soft disc per point, premultiplied alpha over a transparent
 * canvas that sits on top of a Canvas 2D figure (axes, level sets). See
 * `shaders/render/particles.wgsl`.
 *
 * @example
 * const renderer = ParticleRenderer.create(device, navigator.gpu.getPreferredCanvasFormat());
 * renderer.draw(context.getCurrentTexture().createView(), ensemble.positions, n, view);
 */
export class ParticleRenderer {
  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPURenderPipeline,
    private readonly bindGroupLayout: GPUBindGroupLayout,
    private readonly uniform: GPUBuffer,
    private readonly bindGroup: GPUBindGroup,
    /** 1-pixel points (one vertex per trajectory) instead of soft discs. */
    readonly points: boolean,
  ) {}

  /**
   * Compiles the pipeline for a canvas of `format` and an ensemble with `tileCount` vec4 tiles
   * per trajectory (the instance stride is 16·tileCount bytes, so instance i reads the first
   * tile of trajectory i). Explicit bind-group layout, labelled objects. With `points`, each
   * trajectory is one 1-pixel point (topology point-list, no quad): much cheaper for large
   * clouds and on software adapters, where a quad per instance costs a frame.
   */
  static create(
    device: GPUDevice,
    format: GPUTextureFormat,
    tileCount = 1,
    options: { points?: boolean } = {},
  ): ParticleRenderer {
    const points = options.points ?? false;
    const module = device.createShaderModule({
      label: 'ParticleRenderer.module',
      code: particles.code,
    });
    const bindGroupLayout = device.createBindGroupLayout({
      label: 'ParticleRenderer.bindGroupLayout',
      entries: [
        {
          binding: 0,
          visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT,
          buffer: { type: 'uniform' },
        },
      ],
    });
    const layout = device.createPipelineLayout({
      label: 'ParticleRenderer.pipelineLayout',
      bindGroupLayouts: [bindGroupLayout],
    });
    const pipeline = device.createRenderPipeline({
      label: 'ParticleRenderer.pipeline',
      layout,
      vertex: {
        module,
        entryPoint: points ? 'particlePointVertex' : 'particleVertex',
        buffers: [
          {
            arrayStride: 16 * tileCount,
            stepMode: points ? 'vertex' : 'instance',
            attributes: [{ shaderLocation: 0, offset: 0, format: 'float32x4' }],
          },
        ],
      },
      fragment: {
        module,
        entryPoint: points ? 'particlePointFragment' : 'particleFragment',
        targets: [
          {
            format,
            blend: {
              color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
              alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
            },
          },
        ],
      },
      primitive: { topology: points ? 'point-list' : 'triangle-list' },
    });
    const uniform = device.createBuffer({
      label: 'ParticleRenderer.view',
      size: particles.structs.ParticleView.size,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    const bindGroup = device.createBindGroup({
      label: 'ParticleRenderer.bindGroup',
      layout: bindGroupLayout,
      entries: [{ binding: 0, resource: { buffer: uniform } }],
    });
    return new ParticleRenderer(device, pipeline, bindGroupLayout, uniform, bindGroup, points);
  }

  /**
   * Clears `target` and draws `count` trajectories of `positions`: the point (x_1, x_2) of
   * each, inside the plot frame (scissored).
   */
  draw(target: GPUTextureView, positions: GPUBuffer, count: number, view: ParticleView): void {
    const { frame, canvasWidth: w, canvasHeight: h } = view;
    const [x0, x1] = view.xDomain;
    const [y0, y1] = view.yDomain;
    // Pixel of x: frame.left + (x - x0)/(x1 - x0)·frame.width, clip x = 2·pixel/w - 1; pixel
    // of y: frame.top + (y1 - y)/(y1 - y0)·frame.height, clip y = 1 - 2·pixel/h.
    const sx = (2 * frame.width) / (w * (x1 - x0));
    const ox = (2 * frame.left) / w - 1 - sx * x0;
    const sy = (2 * frame.height) / (h * (y1 - y0));
    const oy = 1 - (2 * frame.top) / h - sy * y1;
    const data = writeStruct(particles.structs.ParticleView, {
      scale: [sx, sy],
      offset: [ox, oy],
      halfSize: [view.pointSize / w, view.pointSize / h],
      color: [...view.color],
    });
    this.device.queue.writeBuffer(this.uniform, 0, data);
    const encoder = this.device.createCommandEncoder({ label: 'ParticleRenderer.encoder' });
    const pass = encoder.beginRenderPass({
      label: 'ParticleRenderer.pass',
      colorAttachments: [
        { view: target, loadOp: 'clear', storeOp: 'store', clearValue: { r: 0, g: 0, b: 0, a: 0 } },
      ],
    });
    const ratio = (globalThis.devicePixelRatio || 1) as number;
    pass.setScissorRect(
      Math.max(0, Math.floor(frame.left * ratio)),
      Math.max(0, Math.floor(frame.top * ratio)),
      Math.max(1, Math.floor(frame.width * ratio)),
      Math.max(1, Math.floor(frame.height * ratio)),
    );
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup);
    pass.setVertexBuffer(0, positions);
    if (this.points) pass.draw(count);
    else pass.draw(6, count);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** The bind-group layout (explicit, shared with nothing else today). */
  get layout(): GPUBindGroupLayout {
    return this.bindGroupLayout;
  }

  destroy(): void {
    this.uniform.destroy();
  }
}
