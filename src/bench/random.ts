import type { GpuSession } from '../gpu/session.ts';
import { RandomFill } from '../kernels/randomFill.ts';
import { randomBits, seedKey } from '../random/distributions.ts';
import type { RandomGenerator } from '../random/generator.ts';
import type { BenchRow } from './report.ts';
import { timeIt } from './report.ts';

/**
 * Generator throughput (Philox4x32-10 or Threefry4x32-20): GPU fill (including one readback of the result, so this is a
 * lower bound of the in-kernel rate) against the float64 CPU twin.
 */
export async function benchRandom(
  session: GpuSession | undefined,
  sizes: number[],
  progress: (fraction: number) => void = () => {},
  rng: RandomGenerator = 'philox',
): Promise<BenchRow[]> {
  const key = seedKey('bench', rng);
  const rows: BenchRow[] = [];
  for (const count of sizes) {
    if (session) {
      const fill = await RandomFill.create(session, 'bits', rng);
      const seconds = await timeIt(async () => {
        await fill.draw({ key, distribution: 'bits', count });
      });
      rows.push({
        workload: `${rng} bits, n=${count}`,
        backend: 'webgpu',
        unit: 'draws/s',
        rate: count / seconds,
        seconds,
      });
    }
    const cpuCount = Math.min(count, 1 << 20);
    const seconds = await timeIt(async () => {
      for (let b = 0; b < cpuCount / 4; b++) randomBits(key, 0, 0, b, 7);
    });
    rows.push({
      workload: `${rng} bits, n=${cpuCount}`,
      backend: 'cpu',
      unit: 'draws/s',
      rate: cpuCount / seconds,
      seconds,
    });
    progress((sizes.indexOf(count) + 1) / sizes.length);
  }
  return rows;
}
