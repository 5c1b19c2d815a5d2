/**
 * Prints the random battery (src/random/battery.ts) for both generators as a Markdown table
 * (docs/numerics.md, "Random generators: Threefry4x32-20"). Usage: npx tsx scripts/rng-battery.ts
 */
import { counterAvalanche, streamBattery, streamWords } from '../src/random/battery.ts';
import { seedKey } from '../src/random/distributions.ts';
import { RANDOM_GENERATORS } from '../src/random/generator.ts';

const rows: string[] = [];
for (const rng of RANDOM_GENERATORS) {
  const key = seedKey('battery', rng);
  const sets = [
    ['2^22 words along blocks', streamBattery(streamWords(key, 1 << 22, 'blocks'))],
    ['2^20 words along trajectories', streamBattery(streamWords(key, 1 << 20, 'trajectories'))],
    ['counters', [counterAvalanche(key, 1000)]],
  ] as const;
  for (const [stream, results] of sets)
    for (const r of results)
      rows.push(
        `| ${rng} | ${stream} | ${r.name} | ${Number(r.statistic.toPrecision(6))} | ${r.z.toFixed(2)} |`,
      );
}
console.log('| generator | stream | test | statistic | z |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
