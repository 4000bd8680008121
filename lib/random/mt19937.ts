/**
 * The 32-bit Mersenne Twister (MT19937) exactly as NumPy's legacy
 * `RandomState` runs it: same seeding routines, same tempering, same way of
 * turning two 32-bit words into a 53-bit double.
 *
 * @module
 */

/** How many 32-bit words of state the generator keeps. */
export const MT19937_STATE_WORDS = 624;

const N = MT19937_STATE_WORDS;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * A Mersenne Twister whose output matches NumPy's `MT19937` bit for bit.
 *
 * @example
 * ```ts
 * import { MT19937 } from "./mt19937.ts";
 * const mt = new MT19937();
 * mt.seed(0);
 * console.log(mt.nextUint32()); // 2357136044, as NumPy's RandomState(0)
 * ```
 */
export class MT19937 {
  /** The 624 state words. */
  readonly key: Uint32Array = new Uint32Array(N);
  /** The index of the next state word to temper; 624 means "regenerate first". */
  pos: number = N;

  /**
   * Seeds from one 32-bit integer with the reference `init_genrand`, which is
   * what NumPy's `RandomState(seed)` does for an integer seed.
   *
   * @example
   * ```ts
   * import { MT19937 } from "./mt19937.ts";
   * const mt = new MT19937();
   * mt.seed(42);
   * ```
   */
  seed(seed: number): void {
    const key = this.key;
    let s = seed >>> 0;
    for (let i = 0; i < N; i++) {
      key[i] = s;
      // Math.imul keeps the 32-bit wrap-around the C code relies on.
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = N;
  }

  /**
   * Seeds from a sequence of 32-bit words with the reference
   * `init_by_array`, which is what NumPy does for an array seed.
   *
   * @example
   * ```ts
   * import { MT19937 } from "./mt19937.ts";
   * const mt = new MT19937();
   * mt.seedByArray([1, 2, 3]);
   * ```
   */
  seedByArray(words: ArrayLike<number>): void {
    const key = this.key;
    const length = words.length;
    this.seed(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, length); k > 0; k--) {
      const prev = key[i - 1];
      key[i] = ((key[i] ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1664525)) + (words[j] >>> 0) +
        j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        key[0] = key[N - 1];
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = key[i - 1];
      key[i] = ((key[i] ^ Math.imul((prev ^ (prev >>> 30)) >>> 0, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        key[0] = key[N - 1];
        i = 1;
      }
    }
    // The reference sets the top bit so the state can never be all zeros.
    key[0] = 0x80000000;
    this.pos = N;
  }

  /** Refills all 624 state words (the "twist"). */
  #generate(): void {
    const key = this.key;
    let i = 0;
    let y: number;
    for (; i < N - M; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.pos = 0;
  }

  /**
   * The next 32-bit output, as an unsigned integer in [0, 2**32).
   *
   * @example
   * ```ts
   * import { MT19937 } from "./mt19937.ts";
   * const mt = new MT19937();
   * mt.seed(1);
   * const word = mt.nextUint32();
   * ```
   */
  nextUint32(): number {
    if (this.pos === N) this.#generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * The next double in [0, 1) with 53 random bits, built from two outputs the
   * way NumPy does: 27 high bits from the first, 26 from the second.
   *
   * @example
   * ```ts
   * import { MT19937 } from "./mt19937.ts";
   * const mt = new MT19937();
   * mt.seed(0);
   * console.log(mt.nextDouble()); // 0.5488135039273248
   * ```
   */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
