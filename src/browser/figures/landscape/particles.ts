/**
 * The particle layer of a landscape panel. WebGPU: the shared ParticleRenderer
 * (src/browser/particleRenderer.ts) draws the ensemble's `positions` buffer as the vertex
 * buffer of a render pass, every frame, with no readback. cpu backend: the points of the
 * latest asynchronous readback are drawn on a Canvas 2D (the cpu ensemble is small).
 */
import { GpuEnsemble } from '../../../ensemble/gpuEnsemble.ts';
import type { Frame } from '../../../plot/axes.ts';
import { ParticleRenderer } from '../../particleRenderer.ts';
import type { LandscapePanel } from './simulation.ts';

export interface LandscapeParticles {
  readonly kind: 'webgpu' | 'canvas2d';
  resize(width: number, height: number): void;
  draw(panel: LandscapePanel, frame: Frame): void;
  destroy(): void;
}

/** Point diameter in CSS pixels: smaller for larger clouds. */
export function pointSize(count: number): number {
  return count > 30000 ? 2 : count > 3000 ? 3 : 4.5;
}

function sized(canvas: HTMLCanvasElement) {
  const size = { width: 0, height: 0 };
  const resize = (width: number, height: number) => {
    size.width = width;
    size.height = height;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  };
  return { size, resize };
}

export function gpuParticles(
  canvas: HTMLCanvasElement,
  device: GPUDevice,
  color: readonly [number, number, number, number],
): LandscapeParticles {
  const context = canvas.getContext('webgpu');
  if (!context) throw new Error('landscape: this canvas has no WebGPU context');
  const format = navigator.gpu.getPreferredCanvasFormat();
  context.configure({ device, format, alphaMode: 'premultiplied' });
  const renderer = ParticleRenderer.create(device, format);
  const { size, resize } = sized(canvas);
  return {
    kind: 'webgpu',
    resize,
    draw(panel, frame) {
      const { ensemble } = panel;
      if (!(ensemble instanceof GpuEnsemble)) throw new Error('landscape: not a GPU ensemble');
      if (size.width < 1) return;
      const count = ensemble.resolved.trajectories;
      renderer.draw(context.getCurrentTexture().createView(), ensemble.positions, count, {
        xDomain: frame.x.domain,
        yDomain: frame.y.domain,
        frame,
        canvasWidth: size.width,
        canvasHeight: size.height,
        pointSize: pointSize(count),
        color,
      });
    },
    destroy: () => renderer.destroy(),
  };
}

export function canvasParticles(canvas: HTMLCanvasElement, css: string): LandscapeParticles {
  const { size, resize } = sized(canvas);
  return {
    kind: 'canvas2d',
    resize,
    draw(panel, frame) {
      const context = canvas.getContext('2d');
      const snapshot = panel.latest;
      if (!context) return;
      const ratio = globalThis.devicePixelRatio || 1;
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, size.width, size.height);
      if (!snapshot) return;
      context.save();
      context.beginPath();
      context.rect(frame.left, frame.top, frame.width, frame.height);
      context.clip();
      context.fillStyle = css;
      const radius = pointSize(snapshot.count) / 2;
      for (let i = 0; i < snapshot.count; i++) {
        const x = frame.x(snapshot.values[i * snapshot.stride] ?? NaN);
        const y = frame.y(snapshot.values[i * snapshot.stride + 1] ?? NaN);
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        context.beginPath();
        context.arc(x, y, radius, 0, 2 * Math.PI);
        context.fill();
      }
      context.restore();
    },
    destroy: () => undefined,
  };
}
