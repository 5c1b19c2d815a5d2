import { ParameterError } from '../errors.ts';
import { philox4x32, type Counter, type Key } from './philox.ts';
import { threefry4x32 } from './threefry.ts';

/**
 * The counter-based generators: Philox4x32-10 (shaders/lib/philox.wgsl, src/random/philox.ts)
 * and Threefry4x32-20 (shaders/lib/threefry.wgsl, src/random/threefry.ts). Both map
 * (counter: four u32, key: two u32) to four u32; the draws of a run are addressed identically
 * (src/random/distributions.ts), only the hash differs.
 */
export const RANDOM_GENERATORS = ['philox', 'threefry'] as const;
export type RandomGenerator = (typeof RANDOM_GENERATORS)[number];

/** The generator of runs that do not name one. */
export const DEFAULT_GENERATOR: RandomGenerator = 'philox';

/** Checks a generator name; anything else throws a ParameterError naming `parameter`. */
export function requireGenerator(parameter: string, value: unknown): RandomGenerator {
  if (typeof value === 'string' && (RANDOM_GENERATORS as readonly string[]).includes(value))
    return value as RandomGenerator;
  throw new ParameterError(parameter, value, `one of ${RANDOM_GENERATORS.join('|')}`);
}

/** The generator a key draws with (`key.generator`, else Philox). */
export function generatorOf(key: Key): RandomGenerator {
  return key.generator ?? DEFAULT_GENERATOR;
}

/** `key`'s two words, tagged with `generator`: every draw function then uses that generator. */
export function withGenerator(key: Key, generator: RandomGenerator): Key {
  const tagged: [number, number] & { generator?: RandomGenerator } = [key[0], key[1]];
  if (generator !== DEFAULT_GENERATOR) tagged.generator = generator;
  return tagged;
}

/** One generator call: four u32 from (counter, key) with the key's generator, into `out`. */
export function counterHash(
  counter: Counter,
  key: Key,
  out: Uint32Array = new Uint32Array(4),
): Uint32Array {
  return key.generator === 'threefry'
    ? threefry4x32(counter, key, out)
    : philox4x32(counter, key, out);
}
