/** Known answers of Threefry4x32-20 under two-word keys, shared by the CPU twin and the WGSL tests. */

type Counter = [number, number, number, number];

// Two-word keys extended to (k0, k1, 0, 0), as the engine uses them: computed with the Random123
// reference (threefry4x32_R(20, ctr, {k0, k1, 0, 0}) of include/Random123/threefry.h).
export const THREEFRY_KEY2_KAT: { counter: Counter; key: [number, number]; expected: string }[] = [
  { counter: [0, 0, 0, 0], key: [0, 0], expected: '9c6ca96a e17eae66 fc10ecd4 5256a7d8' },
  {
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    expected: 'f8698473 521963d8 3ae7c5d3 65df8cc3',
  },
  {
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    expected: '9a4b48f4 0162d876 50dde9e6 9f4e003d',
  },
  {
    counter: [3, 5, 7, 1],
    key: [0xdeadbeef, 0x12345678],
    expected: 'b4290f68 8f925022 1d0a5bd3 e3622f30',
  },
];
