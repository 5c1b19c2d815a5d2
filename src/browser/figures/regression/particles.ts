/**
 * The particle layer of the plane: on WebGPU a render pipeline draws the ensemble's
 * `positions` buffer directly (ParticleRenderer, shaders/render/particles.wgsl, no readback);
 * on the cpu backend the points (read once per frame) are drawn on a Canvas 2D. A cloud may
 * also be a snapshot of an earlier step (the time scrubber).
 */
import type { Frame } from '../../../plot/axes.ts';
import { ParticleRenderer } from '../../particleRenderer.ts';
import type { Cloud } from './simulation.ts';

/** Particle colour (Okabe–Ito blue), straight RGBA; alpha shows the density of the cloud. */
export const PARTICLE_RGBA: readonly [number, number, number, number] = [0, 0.447, 0.698, 0.35];
export const PARTICLE_CSS = 'rgba(0, 114, 178, 0.6)';

export interface ParticleLayer {
  /** Sizes the canvas to width × height CSS pixels. */
  resize(width: number, height: number): void;
  /** Draws `cloud` inside `frame`. */
  draw(cloud: Cloud, frame: Frame): void;
  readonly kind: 'webgpu' | 'canvas2d';
}

/**
 * A layer on `canvas` that sizes it (device pixels for the CSS size) and passes the CSS size
 * to `draw`.
 */
function sizedLayer(
  canvas: HTMLCanvasElement,
  kind: ParticleLayer['kind'],
  draw: (cloud: Cloud, frame: Frame, width: number, height: number) => void,
): ParticleLayer {
  let width = 0;
  let height = 0;
  return {
    kind,
    resize(w, h) {
      [width, height] = [w, h];
      const ratio = globalThis.devicePixelRatio || 1;
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    },
    draw: (cloud, frame) => draw(cloud, frame, width, height),
  };
}

/** Point diameter in CSS pixels: smaller for larger clouds. */
function pointSize(count: number): number {
  return count > 20000 ? 2.5 : count > 3000 ? 3.5 : 5;
}

/** Above this many particles the cloud is drawn as 1-pixel points (one vertex each). */
export const POINT_CLOUD_FROM = 16384;
/** The same on a software adapter, where the quads' render pass dominates a frame. */
export const POINT_CLOUD_FROM_SOFTWARE = 2048;

/**
 * WebGPU: the ensemble's state buffer is the vertex buffer of the render pass; a cloud of
 * more than `POINT_CLOUD_FROM` particles is drawn as 1-pixel points (a quad per particle costs
 * whole frames on a software adapter).
 */
export function gpuParticleLayer(
  canvas: HTMLCanvasElement,
  device: GPUDevice,
  count: number,
  software = false,
): ParticleLayer {
  const context = canvas.getContext('webgpu');
  if (!context) throw new Error('regression: this canvas has no WebGPU context');
  const format = navigator.gpu.getPreferredCanvasFormat();
  context.configure({ device, format, alphaMode: 'premultiplied' });
  const renderer = sharedRenderer(
    device,
    format,
    count > (software ? POINT_CLOUD_FROM_SOFTWARE : POINT_CLOUD_FROM),
  );
  return sizedLayer(canvas, 'webgpu', (cloud, frame, width, height) => {
    if (cloud.kind !== 'gpu') throw new Error('regression: not a GPU cloud');
    renderer.draw(context.getCurrentTexture().createView(), cloud.buffer, cloud.count, {
      xDomain: frame.x.domain,
      yDomain: frame.y.domain,
      frame,
      canvasWidth: width,
      canvasHeight: height,
      pointSize: pointSize(cloud.count),
      color: PARTICLE_RGBA,
    });
  });
}

/**
 * Renderers made once per device, canvas format and kind (points or quads) and kept: a new run
 * (an input, a drag of x0, a re-mount) draws its first frame without compiling a render
 * pipeline again (a compilation queued behind the GPU work of the run it replaces, on a
 * software adapter). Figures on one device may share one: `draw` writes its view and submits
 * at once, in queue order.
 */
const renderers = new WeakMap<GPUDevice, Map<string, ParticleRenderer>>();

function sharedRenderer(device: GPUDevice, format: GPUTextureFormat, points: boolean) {
  let byKey = renderers.get(device);
  if (!byKey) renderers.set(device, (byKey = new Map()));
  const key = `${format}|${points ? 'points' : 'quads'}`;
  let renderer = byKey.get(key);
  if (!renderer)
    byKey.set(key, (renderer = ParticleRenderer.create(device, format, 1, { points })));
  return renderer;
}

/** cpu backend: discs on a 2D canvas, one per (small) trajectory. */
export function canvasParticleLayer(canvas: HTMLCanvasElement): ParticleLayer {
  return sizedLayer(canvas, 'canvas2d', (cloud, frame, width, height) => {
    if (cloud.kind !== 'cpu') throw new Error('regression: not a cpu cloud');
    const context = canvas.getContext('2d');
    if (!context) return;
    const ratio = globalThis.devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.save();
    context.beginPath();
    context.rect(frame.left, frame.top, frame.width, frame.height);
    context.clip();
    context.fillStyle = PARTICLE_CSS;
    const radius = pointSize(cloud.count) / 2;
    for (let i = 0; i < cloud.xy.length / 2; i++) {
      const x = frame.x(cloud.xy[2 * i] ?? NaN);
      const y = frame.y(cloud.xy[2 * i + 1] ?? NaN);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      context.beginPath();
      context.arc(x, y, radius, 0, 2 * Math.PI);
      context.fill();
    }
    context.restore();
  });
}
