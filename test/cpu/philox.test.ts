import { describe, expect, it } from 'vitest';
import { mulHi32, philox4x32 } from '../../src/random/philox.ts';

const hex = (a: Uint32Array) => [...a].map((x) => x.toString(16).padStart(8, '0')).join(' ');

// Random123 known-answer vectors for Philox4x32-10 (kat_vectors), as in docs/math.md section 8.
const KAT: {
  counter: [number, number, number, number];
  key: [number, number];
  expected: string;
}[] = [
  { counter: [0, 0, 0, 0], key: [0, 0], expected: '6627e8d5 e169c58d bc57ac4c 9b00dbd8' },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    expected: '408f276d 41c83b0e a20bc7c6 6d5451fd',
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    expected: 'd16cfe09 94fdcceb 5001e420 24126ea1',
  },
];

describe('Philox4x32-10 (CPU)', () => {
  it.each(KAT)('matches the Random123 known answer $expected', ({ counter, key, expected }) => {
    expect(hex(philox4x32(counter, key))).toBe(expected);
  });

  it('mulHi32 equals the BigInt high word', () => {
    const cases = [
      0, 1, 0xffff, 0x10000, 0xd2511f53, 0xcd9e8d57, 0xffffffff, 0x80000000, 0x12345678,
    ];
    for (const a of cases) {
      for (const b of cases) {
        expect(mulHi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
      }
    }
  });
});
