/**
 * `seedrandom/seedrandom.js`: the package's default generator (ARC4) alone. The package's
 * index also attaches six other generators (alea, xor128, ...) that adamscope never uses; importing
 * the file directly keeps them out of every bundle. Same function, same draws.
 */
declare module 'seedrandom/seedrandom.js' {
  import seedrandom from 'seedrandom';
  export default seedrandom;
}
