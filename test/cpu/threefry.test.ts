import { describe, expect, it } from 'vitest';
import { threefry4x32, threefry4x32Key4, type Key4 } from '../../src/random/threefry.ts';
import { counterHash, withGenerator } from '../../src/random/generator.ts';
import { randomBits, seedKey } from '../../src/random/distributions.ts';
import { philox4x32 } from '../../src/random/philox.ts';
import { THREEFRY_KEY2_KAT } from '../threefryKnownAnswers.ts';

const hex = (a: Uint32Array) => [...a].map((x) => x.toString(16).padStart(8, '0')).join(' ');

type Counter = [number, number, number, number];

// Random123 known-answer vectors for Threefry4x32-20 (tests/kat_vectors of
// github.com/DEShawResearch/random123, lines `threefry4x32 20 …`): counter, four-word key.
const KAT: { counter: Counter; key: Key4; expected: string }[] = [
  { counter: [0, 0, 0, 0], key: [0, 0, 0, 0], expected: '9c6ca96a e17eae66 fc10ecd4 5256a7d8' },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    expected: '2a881696 57012287 f6c7446e a16a6732',
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0, 0x082efa98, 0xec4e6c89],
    expected: '59cd1dbb b8879579 86b5d00c ac8b6d84',
  },
];

describe('Threefry4x32-20 (CPU twin)', () => {
  it.each(KAT)('matches the Random123 known answer $expected', ({ counter, key, expected }) => {
    expect(hex(threefry4x32Key4(counter, key))).toBe(expected);
  });

  it.each(THREEFRY_KEY2_KAT)(
    'extends a two-word key to (k0, k1, 0, 0): $expected',
    ({ counter, key, expected }) => {
      expect(hex(threefry4x32(counter, key))).toBe(expected);
    },
  );

  it('unrolled two-word version equals the general one with key (k0, k1, 0, 0)', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 2000; i++) {
      const counter: Counter = [next(), next(), next(), next()];
      const key: [number, number] = [next(), next()];
      if (i % 3 === 0) counter[i % 4] = 0xffffffff;
      expect(hex(threefry4x32(counter, key))).toBe(
        hex(threefry4x32Key4(counter, [key[0], key[1], 0, 0])),
      );
    }
  });

  it('is what a threefry-tagged key draws, at the documented counter', () => {
    const key = seedKey('tagged', 'threefry');
    expect(key.generator).toBe('threefry');
    const philoxKey = seedKey('tagged');
    expect([...philoxKey]).toEqual([...key]);
    expect(philoxKey.generator).toBeUndefined();
    expect(hex(randomBits(key, 3, 5, 7, 1))).toBe(hex(threefry4x32([7, 5, 3, 1], key)));
    expect(hex(randomBits(philoxKey, 3, 5, 7, 1))).toBe(hex(philox4x32([7, 5, 3, 1], key)));
    expect(hex(counterHash([1, 2, 3, 4], withGenerator(key, 'philox')))).toBe(
      hex(philox4x32([1, 2, 3, 4], key)),
    );
  });
});
