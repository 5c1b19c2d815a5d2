/**
 * Generator-bound throughput: RandomFill of 2^24 raw words and 2^24 normals with each generator,
 * interleaved, 5 repeats, medians of the wall rate and of the rate per CPU-second (readback
 * included). docs/numerics.md, "Random generators: Threefry4x32-20". On SwiftShader these are
 * CPU numbers, not GPU performance. Usage: npx tsx scripts/rng-fill-bench.ts
 */
import { RandomFill } from '../src/kernels/randomFill.ts';
import { seedKey } from '../src/random/distributions.ts';
import { openGpuSession } from '../src/node/index.ts';
const session = await openGpuSession();
const fills = {
  philox: await RandomFill.create(session, 'bits', 'philox'),
  threefry: await RandomFill.create(session, 'bits', 'threefry'),
};
const normals = {
  philox: await RandomFill.create(session, 'normal', 'philox'),
  threefry: await RandomFill.create(session, 'normal', 'threefry'),
};
const res: Record<string, number[]> = {};
for (let r = 0; r < 5; r++)
  for (const rng of (r % 2 ? ['philox', 'threefry'] : ['threefry', 'philox']) as (
    'philox' | 'threefry'
  )[]) {
    for (const [kind, f] of [
      ['bits', fills[rng]],
      ['normal', normals[rng]],
    ] as const) {
      const key = seedKey('fill', rng);
      await f.draw({ key, distribution: kind, count: 4096 });
      const c0 = process.cpuUsage();
      const t = performance.now();
      await f.draw({ key, distribution: kind, count: 1 << 24 });
      const wall = (performance.now() - t) / 1000;
      const u = process.cpuUsage(c0);
      const cpu = (u.user + u.system) / 1e6;
      (res[`${rng} ${kind} wall`] ??= []).push((1 << 24) / wall / 1e6);
      (res[`${rng} ${kind} cpu`] ??= []).push((1 << 24) / cpu / 1e6);
    }
  }
for (const [k, v] of Object.entries(res))
  console.log(
    k.padEnd(22),
    [...v].sort((a, b) => a - b)[2]?.toFixed(1),
    'M/s  runs',
    v.map((x) => x.toFixed(1)).join(', '),
  );
process.exit(0);
