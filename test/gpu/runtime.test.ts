import { describe, expect, it } from 'vitest';
import { nodeGpu } from '../../src/node/index.ts';
import { GpuRuntime } from '../../src/gpu/device.ts';
import { DeviceLostError, LimitError, ShaderCompilationError } from '../../src/errors.ts';
import { composeShader } from '../../src/gpu/compose.ts';
import { writeStruct, type WgslModule } from '../../src/gpu/layout.ts';
import { GpuSession } from '../../src/gpu/session.ts';
import { philox } from '../../src/generated/wgsl/lib/index.ts';
import { RANDOM_FILL_MODULES } from '../../src/kernels/randomFill.ts';

async function openTestRuntime(): Promise<GpuRuntime> {
  const { gpu } = await nodeGpu();
  return GpuRuntime.open(gpu);
}

describe('GPU runtime', () => {
  it('reports the adapter, marking SwiftShader as software', async () => {
    const runtime = await openTestRuntime();
    expect(runtime.report.label.length).toBeGreaterThan(0);
    if (/swiftshader/i.test(runtime.report.architecture))
      expect(runtime.report.isSoftware).toBe(true);
    expect(runtime.report.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
    runtime.destroy();
  });

  it('refuses a limit the adapter cannot give, naming it', async () => {
    const { gpu } = await nodeGpu();
    await expect(
      GpuRuntime.open(gpu, { maxComputeInvocationsPerWorkgroup: 1 << 30 }),
    ).rejects.toThrow(/maxComputeInvocationsPerWorkgroup = \d+, but this run needs 1073741824/);
    await expect(GpuRuntime.open(gpu, { maxBufferSize: 2 ** 60 })).rejects.toBeInstanceOf(
      LimitError,
    );
  });

  it('names the WGSL file and line of a compilation error', async () => {
    const { gpu } = await nodeGpu();
    const session = await GpuSession.open(gpu);
    const broken: WgslModule = {
      path: 'test/broken.wgsl',
      code: '// line 1\n@compute @workgroup_size(1)\nfn broken() {\n  let x: u32 = 1.5;\n}\n',
      structs: {},
      bindings: [],
      overrides: [],
      computeEntryPoints: ['broken'],
    };
    const error = await session
      .kernel({ label: 'Broken', modules: [philox, broken] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShaderCompilationError);
    expect((error as ShaderCompilationError).messages[0]).toMatchObject({
      file: 'test/broken.wgsl',
      line: 4,
    });
    expect(String(error)).toMatch(/test\/broken\.wgsl:4:/);
    session.destroy();
  });

  it('reports an uncaptured error once, then hands out a fresh device', async () => {
    const runtime = await openTestRuntime();
    const first = await runtime.device();
    // An invalid buffer (MAP_READ with STORAGE) raises an uncaptured validation error.
    first.createBuffer({
      label: 'Runtime.test.invalid',
      size: 16,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE,
    });
    await first.queue.onSubmittedWorkDone();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(runtime.device()).rejects.toBeInstanceOf(DeviceLostError);
    const second = await runtime.device();
    expect(second).not.toBe(first);
    expect(runtime.deviceGeneration).toBe(2);
    runtime.destroy();
  });

  it('replaces a destroyed device without an error', async () => {
    const runtime = await openTestRuntime();
    const first = await runtime.device();
    first.destroy();
    await first.lost;
    const second = await runtime.device();
    expect(second).not.toBe(first);
    runtime.destroy();
  });
});

describe('reflection', () => {
  const layout = composeShader(RANDOM_FILL_MODULES).layout.struct('RandomFillParams');
  it('rejects unknown and missing fields by name', () => {
    expect(() => writeStruct(layout, { key: [0, 0] })).toThrow(
      /RandomFillParams.trajectory is missing/,
    );
    const full = {
      key: [1, 2],
      trajectory: 3,
      stepIndex: 4,
      stream: 5,
      firstBlock: 6,
      blockCount: 7,
      p: 0.25,
    };
    expect(() => writeStruct(layout, { ...full, typo: 1 })).toThrow(
      /no host-writable field "typo"/,
    );
    expect(() => writeStruct(layout, { ...full, key: [1] })).toThrow(/key needs 2 value/);
    const view = new DataView(writeStruct(layout, full));
    expect(view.getUint32(12, true)).toBe(4);
    expect(view.getFloat32(28, true)).toBe(0.25);
  });
});
