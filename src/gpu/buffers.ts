/** Buffer helpers: every buffer gets a label, sizes are checked against the device limits. */

/**
 * Bytes below maxBufferSize that a buffer may use. Implementations pad a buffer's allocation
 * (Dawn on SwiftShader refuses 2^30 - 4 bytes with maxBufferSize = 2^30 and accepts 2^30 - 256),
 * so a buffer of exactly maxBufferSize would be out of memory.
 */
export const BUFFER_HEADROOM = 256;

/** The largest buffer that can be created on `limits` (maxBufferSize - BUFFER_HEADROOM). */
export function usableBufferSize(limits: { maxBufferSize: number }): number {
  return limits.maxBufferSize - BUFFER_HEADROOM;
}

/** Creates a storage buffer (also usable as a vertex buffer, so render passes can draw from GPU state). */
export function createStorageBuffer(
  device: GPUDevice,
  label: string,
  byteLength: number,
  extraUsage = 0,
): GPUBuffer {
  const size = Math.max(16, Math.ceil(byteLength / 16) * 16);
  if (size > usableBufferSize(device.limits)) {
    throw new Error(
      `${label}: needs ${byteLength} bytes, more than this device's maxBufferSize = ${device.limits.maxBufferSize} less ${BUFFER_HEADROOM} bytes of headroom`,
    );
  }
  return device.createBuffer({
    label,
    size,
    usage:
      GPUBufferUsage.STORAGE |
      GPUBufferUsage.COPY_SRC |
      GPUBufferUsage.COPY_DST |
      GPUBufferUsage.VERTEX |
      extraUsage,
  });
}

/** Creates a uniform buffer holding `data`. */
export function createUniformBuffer(
  device: GPUDevice,
  label: string,
  data: ArrayBuffer,
): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: Math.max(16, Math.ceil(data.byteLength / 16) * 16),
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, data);
  return buffer;
}

/** Creates a storage buffer filled with `data`. */
export function uploadStorage(
  device: GPUDevice,
  label: string,
  data: ArrayBufferView<ArrayBuffer>,
): GPUBuffer {
  const buffer = createStorageBuffer(device, label, data.byteLength);
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Copies `byteLength` bytes of `source` (from `offset`) back to the CPU. */
export async function readBuffer(
  device: GPUDevice,
  source: GPUBuffer,
  byteLength = source.size,
  offset = 0,
): Promise<ArrayBuffer> {
  const size = Math.ceil(byteLength / 4) * 4;
  const staging = device.createBuffer({
    label: `${source.label}.readback`,
    size,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder({ label: `${source.label}.readbackEncoder` });
  encoder.copyBufferToBuffer(source, offset, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, byteLength);
  staging.unmap();
  staging.destroy();
  return copy;
}
