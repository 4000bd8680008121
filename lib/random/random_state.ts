/**
 * NumPy's legacy random streams (`numpy.random.RandomState` and the
 * module-level `np.random.*` functions), reproduced draw for draw.
 *
 * Seeded the same way, a `RandomState` here yields the very numbers NumPy's
 * does: the same doubles, the same integers, the same permutations. The one
 * known exception is the Gaussian stream: NumPy takes `log` from the C
 * library, this module from JavaScript's `Math.log`, and for a tiny share of
 * inputs the two round the last bit differently.
 *
 * @example
 * ```ts
 * import * as np from "../mod.ts";
 * np.random.seed(42);
 * const w = np.random.randn(2, 2); // the same four numbers as NumPy's
 * const rs = new np.random.RandomState(0);
 * console.log(rs.rand()); // 0.5488135039273248
 * ```
 *
 * @module
 */
import { NDArray } from "../core/ndarray.ts";
import { MT19937, MT19937_STATE_WORDS } from "./mt19937.ts";
import { toArray } from "../core/creation.ts";
import {
  allocate,
  arrays,
  checkArgumentCount,
  describe,
  formatShape,
  shapeSize,
  throwReadOnly,
} from "../core/internals.ts";
import { assign } from "../core/indexing.ts";

/**
 * An output size: a length for a 1-D result, or a whole shape.
 *
 * @example
 * ```ts
 * import { RandomState, type Size } from "./random_state.ts";
 * const size = [2, 3] satisfies Size;
 * new RandomState(0).randomSample({ size }).shape; // [2, 3]
 * ```
 */
export type Size = number | readonly number[];

/**
 * What a generator can be seeded with: an integer in [0, 2**32), a 1-D list
 * of such integers, or nothing (fresh entropy from the operating system).
 *
 * @example
 * ```ts
 * import { RandomState, type Seed } from "./random_state.ts";
 * const seeds: Seed[] = [42, [1, 2, 3], 2n ** 31n];
 * seeds.map((seed) => new RandomState(seed).randint(10));
 * ```
 */
export type Seed = number | bigint | readonly (number | bigint)[] | NDArray | null | undefined;

/**
 * A snapshot of a generator, as NumPy's legacy `get_state()` describes it.
 *
 * @example
 * ```ts
 * import { RandomState, type RandomStateSnapshot } from "./random_state.ts";
 * const rs = new RandomState(7);
 * const saved: RandomStateSnapshot = rs.getState();
 * const first = rs.randn();
 * rs.setState(saved);
 * rs.randn() === first; // true
 * ```
 */
export interface RandomStateSnapshot {
  /** Always `"MT19937"`. */
  bitGenerator: "MT19937";
  /** The 624 words of Mersenne Twister state. */
  key: Uint32Array;
  /** The position of the next word to use, in [0, 624]. */
  pos: number;
  /** Whether a second Gaussian from the last polar-method pair is waiting. */
  hasGauss: boolean;
  /** That waiting Gaussian (0 when there is none). */
  cachedGaussian: number;
}

/**
 * Keyword arguments of {@linkcode RandomState.randomSample} and friends.
 *
 * @example
 * ```ts
 * import { RandomState, type SizeOptions } from "./random_state.ts";
 * const options = { size: 3 } satisfies SizeOptions;
 * new RandomState(1).randomSample(options); // three draws from [0, 1)
 * ```
 */
export interface SizeOptions {
  /** The output shape; leave it out for a single number. */
  size?: Size | null;
}

/**
 * Keyword arguments of {@linkcode RandomState.uniform}.
 *
 * @example
 * ```ts
 * import { RandomState, type UniformOptions } from "./random_state.ts";
 * const options = { low: -1, high: 1, size: [2, 2] } satisfies UniformOptions;
 * new RandomState(1).uniform(options); // a 2x2 array in [-1, 1)
 * ```
 */
export interface UniformOptions extends SizeOptions {
  /** The lower bound (included). Defaults to 0. */
  low?: number;
  /** The upper bound (excluded). Defaults to 1. */
  high?: number;
}

/**
 * Keyword arguments of {@linkcode RandomState.normal}.
 *
 * @example
 * ```ts
 * import { type NormalOptions, RandomState } from "./random_state.ts";
 * const noise = { loc: 0, scale: 0.2, size: [4, 2] } satisfies NormalOptions;
 * new RandomState(42).normal(noise); // what np.random.RandomState(42).normal(0, 0.2, (4, 2)) gives
 * ```
 */
export interface NormalOptions extends SizeOptions {
  /** The mean. Defaults to 0. */
  loc?: number;
  /** The standard deviation, at least 0. Defaults to 1. */
  scale?: number;
}

/**
 * Keyword arguments of {@linkcode RandomState.randint}.
 *
 * @example
 * ```ts
 * import { type RandintOptions, RandomState } from "./random_state.ts";
 * const dice = { high: 7, size: 5 } satisfies RandintOptions;
 * new RandomState(3).randint(1, dice); // five throws of a die
 * ```
 */
export interface RandintOptions extends SizeOptions {
  /** The lowest value (included), or, without `high`, the bound (excluded). */
  low?: number;
  /** The bound (excluded). */
  high?: number | null;
}

const SEED_RANGE_MESSAGE = "Seed must be between 0 and 2**32 - 1";
const TWO_POW_32 = 4294967296;

/**
 * A legacy NumPy random generator: the Mersenne Twister plus the cached
 * second Gaussian of the polar method.
 *
 * @example
 * ```ts
 * import { RandomState } from "./random_state.ts";
 * const rs = new RandomState(42);
 * const weights = rs.randn(4, 3); // NumPy's RandomState(42).randn(4, 3)
 * const coin = rs.randint(2); // 0 or 1
 * ```
 */
export class RandomState {
  #mt = new MT19937();
  #hasGauss = false;
  #gauss = 0;

  /**
   * Creates a generator seeded as `numpy.random.RandomState(seed)` is.
   * Without a seed, the state comes from the operating system's entropy.
   */
  constructor(seed?: Seed) {
    this.seed(seed);
  }

  /**
   * Reseeds the generator, as NumPy's legacy seeding does: an integer seed
   * goes through the reference `init_genrand`, a list of integers through
   * `init_by_array`. Also forgets any cached Gaussian.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState();
   * rs.seed(7);
   * const a = rs.rand();
   * rs.seed(7);
   * console.log(rs.rand() === a); // true
   * ```
   */
  seed(seed?: Seed): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "seed");
    if (seed === undefined || seed === null) {
      seedFromEntropy(this.#mt);
    } else if (typeof seed === "number" || typeof seed === "bigint") {
      this.#mt.seed(checkSeedWord(seed, seed));
    } else {
      const words = seedWords(seed);
      this.#mt.seedByArray(words);
    }
    this.#hasGauss = false;
    this.#gauss = 0;
  }

  /**
   * A copy of the generator's state, to restore later with
   * {@linkcode RandomState.setState}.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(1);
   * const saved = rs.getState();
   * const first = rs.randn();
   * rs.setState(saved);
   * console.log(rs.randn() === first); // true
   * ```
   */
  getState(): RandomStateSnapshot {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "getState");
    return {
      bitGenerator: "MT19937",
      key: this.#mt.key.slice(),
      pos: this.#mt.pos,
      hasGauss: this.#hasGauss,
      cachedGaussian: this.#gauss,
    };
  }

  /**
   * Restores a state taken with {@linkcode RandomState.getState}.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const a = new RandomState(3);
   * const b = new RandomState(4);
   * b.setState(a.getState());
   * console.log(a.rand() === b.rand()); // true
   * ```
   */
  setState(state: RandomStateSnapshot): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "setState");
    if (typeof state !== "object" || state === null) {
      throw new TypeError(
        `setState: state must be an object from getState(), got ${describe(state)}`,
      );
    }
    if (state.bitGenerator !== "MT19937") {
      throw new TypeError(
        `setState: state must be for the MT19937 bit generator, got ${String(state.bitGenerator)}`,
      );
    }
    if (state.key?.length !== MT19937_STATE_WORDS) {
      throw new RangeError(
        `setState: key must hold ${MT19937_STATE_WORDS} words, got ${
          state.key?.length ?? describe(state.key)
        }`,
      );
    }
    if (!Number.isInteger(state.pos) || state.pos < 0 || state.pos > MT19937_STATE_WORDS) {
      throw new RangeError(
        `setState: pos must be an integer in [0, ${MT19937_STATE_WORDS}], got ${state.pos}`,
      );
    }
    this.#mt.key.set(state.key);
    this.#mt.pos = state.pos;
    this.#hasGauss = Boolean(state.hasGauss);
    this.#gauss = state.hasGauss ? state.cachedGaussian : 0;
  }

  /**
   * Uniform doubles in [0, 1), as `RandomState.random_sample(size)`.
   * Without a size, one number.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * console.log(rs.randomSample()); // 0.5488135039273248
   * console.log(rs.randomSample([2, 3]).shape); // [2, 3]
   * ```
   */
  randomSample(size?: null): number;
  /** Uniform doubles in [0, 1) of the given shape. */
  randomSample(size: Size | SizeOptions & { size: Size }): NDArray;
  /** Uniform doubles in [0, 1), the size given as a keyword. */
  randomSample(options: SizeOptions): number | NDArray;
  randomSample(...args: unknown[]): number | NDArray {
    const [size] = bindArguments("random_sample", ["size"], args);
    return this.#doubles("random_sample", size);
  }

  /**
   * Uniform doubles in [0, 1), as `RandomState.random(size)`, the same
   * stream as {@linkcode RandomState.randomSample}.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * console.log(rs.random()); // 0.5488135039273248
   * ```
   */
  random(size?: null): number;
  /** Uniform doubles in [0, 1) of the given shape. */
  random(size: Size | SizeOptions & { size: Size }): NDArray;
  /** Uniform doubles in [0, 1), the size given as a keyword. */
  random(options: SizeOptions): number | NDArray;
  random(...args: unknown[]): number | NDArray {
    const [size] = bindArguments("random", ["size"], args);
    return this.#doubles("random", size);
  }

  /**
   * Uniform doubles in [0, 1) of shape `(d0, d1, ...)`, as
   * `RandomState.rand(d0, d1, ...)`. No dimensions: one number.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * console.log(rs.rand(3).data.length); // 3
   * ```
   */
  rand(): number;
  /** Uniform doubles in [0, 1) of shape `(d0, d1, ...)`. */
  rand(...dims: [number, ...number[]]): NDArray;
  rand(...dims: number[]): number | NDArray {
    return this.#doubles("rand", dims.length === 0 ? null : checkDims("rand", dims));
  }

  /**
   * Standard normal samples of shape `(d0, d1, ...)`, as
   * `RandomState.randn(d0, d1, ...)`. No dimensions: one number.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(42);
   * console.log(rs.randn()); // 0.4967141530112327
   * ```
   */
  randn(): number;
  /** Standard normal samples of shape `(d0, d1, ...)`. */
  randn(...dims: [number, ...number[]]): NDArray;
  randn(...dims: number[]): number | NDArray {
    return this.#gaussians("randn", dims.length === 0 ? null : checkDims("randn", dims), 0, 1);
  }

  /**
   * Standard normal samples, as `RandomState.standard_normal(size)`.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(42);
   * console.log(rs.standardNormal([2]).data[0]); // 0.4967141530112327
   * ```
   */
  standardNormal(size?: null): number;
  /** Standard normal samples of the given shape. */
  standardNormal(size: Size | SizeOptions & { size: Size }): NDArray;
  /** Standard normal samples, the size given as a keyword. */
  standardNormal(options: SizeOptions): number | NDArray;
  standardNormal(...args: unknown[]): number | NDArray {
    const [size] = bindArguments("standard_normal", ["size"], args);
    return this.#gaussians("standard_normal", size, 0, 1);
  }

  /**
   * Uniform samples in [low, high), as `RandomState.uniform(low, high, size)`:
   * `low + (high - low) * u` with `u` from {@linkcode RandomState.randomSample}.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * const x = rs.uniform(-1, 1, [2, 2]);
   * const y = rs.uniform({ low: 5, high: 10 }); // a number
   * ```
   */
  uniform(low?: number, high?: number, size?: null): number;
  /** Uniform samples in [low, high) of the given shape. */
  uniform(low: number | undefined, high: number | undefined, size: Size): NDArray;
  /** Uniform samples, the shape given as a keyword. */
  uniform(options: UniformOptions & { size: Size }): NDArray;
  /** One uniform sample, the bounds given as keywords. */
  uniform(options: UniformOptions & { size?: null }): number;
  /** Uniform samples, `low` positional and the rest as keywords. */
  uniform(low: number, options: Omit<UniformOptions, "low"> & { size: Size }): NDArray;
  /** One uniform sample, `low` positional and the rest as keywords. */
  uniform(low: number, options: Omit<UniformOptions, "low" | "size"> & { size?: null }): number;
  /** Uniform samples, `low` and `high` positional and the size as a keyword. */
  uniform(low: number, high: number, options: { size: Size }): NDArray;
  /** One uniform sample, `low` and `high` positional and no size. */
  uniform(low: number, high: number, options: { size?: null }): number;
  uniform(...args: unknown[]): number | NDArray {
    const [low = 0, high = 1, size] = bindArguments("uniform", ["low", "high", "size"], args);
    const lower = checkFinite("uniform", "low", low);
    const range = checkFinite("uniform", "high", high) - lower;
    if (!Number.isFinite(range)) {
      throw new RangeError(`uniform: Range exceeds valid bounds (high - low = ${range})`);
    }
    const shape = checkSize("uniform", size);
    const mt = this.#mt;
    if (shape === null) return lower + range * mt.nextDouble();
    const data = allocate(shape, "uniform");
    for (let i = 0; i < data.length; i++) data[i] = lower + range * mt.nextDouble();
    return new NDArray(data, shape, "float64");
  }

  /**
   * Normal samples, as `RandomState.normal(loc, scale, size)`:
   * `loc + scale * g` with `g` a standard normal.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(42);
   * const noise = rs.normal({ scale: 0.2, size: [300, 2] });
   * const one = rs.normal(10, 2); // a number
   * ```
   */
  normal(loc?: number, scale?: number, size?: null): number;
  /** Normal samples of the given shape. */
  normal(loc: number | undefined, scale: number | undefined, size: Size): NDArray;
  /** Normal samples, the shape given as a keyword. */
  normal(options: NormalOptions & { size: Size }): NDArray;
  /** One normal sample, the parameters given as keywords. */
  normal(options: NormalOptions & { size?: null }): number;
  /** Normal samples, `loc` positional and the rest as keywords. */
  normal(loc: number, options: Omit<NormalOptions, "loc"> & { size: Size }): NDArray;
  /** One normal sample, `loc` positional and the rest as keywords. */
  normal(loc: number, options: Omit<NormalOptions, "loc" | "size"> & { size?: null }): number;
  /** Normal samples, `loc` and `scale` positional and the size as a keyword. */
  normal(loc: number, scale: number, options: { size: Size }): NDArray;
  /** One normal sample, `loc` and `scale` positional and the size as a keyword. */
  normal(loc: number, scale: number, options: { size?: null }): number;
  normal(...args: unknown[]): number | NDArray {
    const [loc = 0, scale = 1, size] = bindArguments("normal", ["loc", "scale", "size"], args);
    const mean = checkNumber("normal", "loc", loc);
    const spread = checkNumber("normal", "scale", scale);
    // NumPy tests the sign bit, so -0.0 is refused too; a NaN passes, and
    // the samples are NaN (still drawn, so the stream moves on as NumPy's).
    if (spread < 0 || Object.is(spread, -0)) {
      throw new RangeError(`normal: scale < 0 (scale = ${Object.is(spread, -0) ? "-0" : spread})`);
    }
    return this.#gaussians("normal", size, mean, spread);
  }

  /**
   * Random integers in [low, high), as `RandomState.randint(low, high, size)`
   * with the default int64 dtype; with one bound, in [0, low). Drawn with
   * NumPy's masked rejection sampling, so the values match NumPy's.
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * console.log(rs.randint(10)); // 5
   * const dice = rs.randint(1, 7, 5); // int64 array of five throws
   * const bits = rs.randint(2, { size: [2, 2] });
   * ```
   */
  randint(low: number, high?: number | null, size?: null): number;
  /** Random integers of the given shape. */
  randint(low: number, high: number | null | undefined, size: Size): NDArray;
  /** Random integers, the shape given as a keyword. */
  randint(options: RandintOptions & { size: Size }): NDArray;
  /** One random integer, the bounds given as keywords. */
  randint(options: RandintOptions & { size?: null }): number;
  /** Random integers, `low` positional and the rest as keywords. */
  randint(low: number, options: Omit<RandintOptions, "low"> & { size: Size }): NDArray;
  /** One random integer, `low` positional and the rest as keywords. */
  randint(low: number, options: Omit<RandintOptions, "low" | "size"> & { size?: null }): number;
  /** Random integers, `low` and `high` positional and the size as a keyword. */
  randint(low: number, high: number | null, options: { size: Size }): NDArray;
  /** One random integer, `low` and `high` positional and the size as a keyword. */
  randint(low: number, high: number | null, options: { size?: null }): number;
  randint(...args: unknown[]): number | NDArray {
    const [lowArg, highArg, size] = bindArguments("randint", ["low", "high", "size"], args);
    if (lowArg === undefined) {
      throw new TypeError("randint() missing 1 required positional argument: 'low'");
    }
    let low = checkInteger("randint", "low", lowArg);
    const shape = checkSize("randint", size);
    if (highArg !== undefined && highArg !== null) checkInteger("randint", "high", highArg);
    // NumPy hands back an empty array for an empty size before it checks the bounds.
    if (shape !== null && shapeSize(shape) === 0) {
      return arrays.make({ f64: new Float64Array(0), i64: null }, shape, "int64");
    }
    let high: number;
    if (highArg === undefined || highArg === null) {
      high = low;
      low = 0;
      if (high <= 0) throw new RangeError(`randint: high <= 0 (high = ${high})`);
    } else {
      high = checkInteger("randint", "high", highArg);
      if (low >= high) throw new RangeError(`randint: low >= high (low = ${low}, high = ${high})`);
    }
    const range = high - low - 1;
    if (!Number.isSafeInteger(range)) {
      throw new RangeError(
        `randint: the range [${low}, ${high}) spans more than 2**53 values, ` +
          "which float64 storage cannot hold exactly",
      );
    }
    if (shape === null) return low + this.#bounded(range);
    const data = allocate(shape, "randint", "int64");
    for (let i = 0; i < data.length; i++) data[i] = low + this.#bounded(range);
    return new NDArray(data, shape, "int64");
  }

  /**
   * A shuffled copy, as `RandomState.permutation(x)`: for an integer `n`,
   * a random ordering of `0..n-1` (int64); for an array, its rows in random
   * order (the array itself is left alone).
   *
   * @example
   * ```ts
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(42);
   * const order = rs.permutation(10); // int64, each of 0..9 once
   * ```
   */
  permutation(x: number | NDArray | readonly number[]): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "permutation");
    if (typeof x !== "number" && !(x instanceof NDArray) && !Array.isArray(x)) {
      throw new TypeError(`permutation: x must be an integer or an array, got ${describe(x)}`);
    }
    if (typeof x === "number") {
      if (!Number.isInteger(x)) {
        throw new TypeError(`permutation: x must be an integer or an array, got ${describe(x)}`);
      }
      const data = new Float64Array(Math.max(0, x));
      for (let i = 0; i < data.length; i++) data[i] = i;
      this.#shuffleRows(data, data.length, 1);
      return new NDArray(data, [data.length], "int64");
    }
    const array = x instanceof NDArray ? x : arrayFromList("permutation", x);
    if (array.shape.length < 1) {
      throw new RangeError("permutation: x must be an integer or at least 1-dimensional");
    }
    const copy = array.copy();
    const values = storageOf(copy);
    if (array.shape.length === 1) {
      this.#shuffleRows(values, array.shape[0], 1);
      return copy;
    }
    const source = storageOf(array.copy());
    // NumPy shuffles an index array here, so rows of zero length still
    // consume draws; shuffling that index array keeps the streams aligned.
    const rows = array.shape[0];
    const order = new Float64Array(rows);
    for (let i = 0; i < rows; i++) order[i] = i;
    this.#shuffleRows(order, rows, 1);
    const rowSize = rows === 0 ? 0 : array.size / rows;
    for (let i = 0; i < rows; i++) {
      const from = order[i] * rowSize;
      values.set(source.subarray(from, from + rowSize), i * rowSize);
    }
    return copy;
  }

  /**
   * Shuffles in place along the first axis, as `RandomState.shuffle(x)`:
   * the elements of a 1-D array, the rows of a 2-D one. Plain JavaScript
   * arrays are shuffled in place too, with the same draws.
   *
   * @example
   * ```ts
   * import { NDArray } from "../core/ndarray.ts";
   * import { RandomState } from "./random_state.ts";
   * const rs = new RandomState(0);
   * const rows = new NDArray(new Float64Array([1, 2, 3, 4, 5, 6]), [3, 2]);
   * rs.shuffle(rows); // the three rows, reordered
   * ```
   */
  shuffle(x: NDArray | unknown[]): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "shuffle");
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i > 0; i--) {
        const j = this.#bounded(i);
        const held = x[i];
        x[i] = x[j];
        x[j] = held;
      }
      return;
    }
    if (!(x instanceof NDArray)) {
      throw new TypeError(`shuffle: x must be an NDArray or an array, got ${describe(x)}`);
    }
    if (x.shape.length < 1) {
      throw new TypeError("shuffle: len() of unsized object (x is 0-dimensional)");
    }
    const { writeable, contiguous } = arrays.layout(x);
    if (!writeable) throwReadOnly("shuffle", "array");
    // NumPy returns before drawing anything when the array holds no elements.
    if (x.size === 0) return;
    if (contiguous) {
      this.#shuffleRows(storageOf(x), x.shape[0], x.size / x.shape[0]);
      return;
    }
    // A view whose elements are apart: shuffled in a copy, written back through it.
    const rows = x.copy();
    this.#shuffleRows(storageOf(rows), x.shape[0], x.size / x.shape[0]);
    assign(x, rows, "shuffle", "array");
  }

  /**
   * Fisher–Yates from the end, with NumPy's `random_interval` draws. The
   * elements are only moved, so 64-bit storage goes through as well.
   */
  #shuffleRows(data: Float64Array, rows: number, rowSize: number): void {
    if (rowSize === 1) {
      for (let i = rows - 1; i > 0; i--) {
        const j = this.#bounded(i);
        const held = data[i];
        data[i] = data[j];
        data[j] = held;
      }
      return;
    }
    const buffer = new (data.constructor as Float64ArrayConstructor)(rowSize);
    for (let i = rows - 1; i > 0; i--) {
      const j = this.#bounded(i);
      if (i === j) continue;
      const a = i * rowSize;
      const b = j * rowSize;
      buffer.set(data.subarray(b, b + rowSize));
      data.copyWithin(b, a, a + rowSize);
      data.set(buffer, a);
    }
  }

  /**
   * A uniform integer in [0, max] by masked rejection, as NumPy's
   * `random_interval` and legacy `randint` draw it: one 32-bit word per try
   * when `max` fits in 32 bits, else a 64-bit value built high word first.
   */
  #bounded(max: number): number {
    if (max === 0) return 0;
    const mt = this.#mt;
    if (max < TWO_POW_32) {
      const mask = smallestMask32(max);
      let value: number;
      do {
        value = (mt.nextUint32() & mask) >>> 0;
      } while (value > max);
      return value;
    }
    const highMask = smallestMask32(Math.floor(max / TWO_POW_32));
    let value: number;
    do {
      const high = (mt.nextUint32() & highMask) >>> 0;
      value = high * TWO_POW_32 + mt.nextUint32();
    } while (value > max);
    return value;
  }

  #doubles(operation: string, size: unknown): number | NDArray {
    const shape = checkSize(operation, size);
    const mt = this.#mt;
    if (shape === null) return mt.nextDouble();
    const data = allocate(shape, operation);
    for (let i = 0; i < data.length; i++) data[i] = mt.nextDouble();
    return new NDArray(data, shape, "float64");
  }

  #gaussians(operation: string, size: unknown, loc: number, scale: number): number | NDArray {
    const shape = checkSize(operation, size);
    if (shape === null) return loc + scale * this.#gauss1();
    const data = allocate(shape, operation);
    for (let i = 0; i < data.length; i++) data[i] = loc + scale * this.#gauss1();
    return new NDArray(data, shape, "float64");
  }

  /**
   * One standard normal by the legacy polar (Marsaglia) method: each accepted
   * pair yields two values, the second kept for the next call.
   */
  #gauss1(): number {
    if (this.#hasGauss) {
      this.#hasGauss = false;
      const cached = this.#gauss;
      this.#gauss = 0;
      return cached;
    }
    const mt = this.#mt;
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * mt.nextDouble() - 1.0;
      x2 = 2.0 * mt.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // Same operation order as NumPy's C code, so the rounding agrees too.
    const f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    this.#gauss = f * x1;
    this.#hasGauss = true;
    return f * x2;
  }
}

/**
 * The elements of a contiguous array in its own storage (a BigInt64Array for
 * int64 values past 2**53, typed as doubles: the callers only move them).
 */
function storageOf(a: NDArray): Float64Array {
  const { storage, offset } = arrays.layout(a);
  const memory = (storage.f64 ?? storage.i64) as Float64Array;
  return memory.subarray(offset, offset + a.size);
}

/** The smallest 2**k - 1 that is at least `value` (value < 2**32). */
function smallestMask32(value: number): number {
  let mask = value >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function checkSeedWord(value: unknown, seed: unknown): number {
  if (typeof value === "bigint") {
    if (value < 0n || value >= 4294967296n) {
      throw new RangeError(`seed: ${SEED_RANGE_MESSAGE}, got ${describe(seed)}`);
    }
    return Number(value);
  }
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(
      `seed: ${SEED_RANGE_MESSAGE} and an integer, got ${describe(seed)}`,
    );
  }
  if (value < 0 || value >= TWO_POW_32) {
    throw new RangeError(`seed: ${SEED_RANGE_MESSAGE}, got ${describe(seed)}`);
  }
  return value;
}

function seedWords(seed: Exclude<Seed, number | bigint | null | undefined>): Uint32Array {
  let values: ArrayLike<unknown>;
  if (seed instanceof NDArray) {
    if (seed.shape.length === 0) {
      return Uint32Array.of(checkSeedWord(seed.data[0], seed.data[0]));
    }
    if (seed.shape.length !== 1) {
      throw new RangeError(`seed: Seed array must be 1-d, got shape ${formatShape(seed.shape)}`);
    }
    values = seed.data;
  } else if (Array.isArray(seed)) {
    values = seed;
  } else {
    throw new TypeError(`seed: ${SEED_RANGE_MESSAGE} and an integer, got ${describe(seed)}`);
  }
  if (values.length === 0) throw new RangeError("seed: Seed must be non-empty");
  const words = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) words[i] = checkSeedWord(values[i], seed);
  return words;
}

function seedFromEntropy(mt: MT19937): void {
  const words = new Uint32Array(MT19937_STATE_WORDS);
  crypto.getRandomValues(words);
  mt.key.set(words);
  // As NumPy does for an unseeded generator: a set top bit rules out the
  // all-zero state.
  mt.key[0] = 0x80000000;
  mt.pos = MT19937_STATE_WORDS;
}

function isKeywordObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Binds Python-style arguments: positional values first, then, optionally,
 * one plain object of keyword arguments as the last argument.
 */
function bindArguments(
  operation: string,
  names: readonly string[],
  args: readonly unknown[],
): unknown[] {
  let positional = args;
  let keywords: Record<string, unknown> = {};
  if (args.length > 0 && isKeywordObject(args[args.length - 1])) {
    positional = args.slice(0, -1);
    keywords = args[args.length - 1] as Record<string, unknown>;
  }
  if (positional.length > names.length) {
    throw new TypeError(
      `${operation}() takes at most ${names.length} positional arguments ` +
        `(${positional.length} given)`,
    );
  }
  const bound = [...positional];
  for (const [name, value] of Object.entries(keywords)) {
    const index = names.indexOf(name);
    if (index < 0) {
      throw new TypeError(
        `${operation}() got an unexpected keyword argument '${name}' ` +
          `(it takes ${names.map((n) => `'${n}'`).join(", ")})`,
      );
    }
    if (index < positional.length) {
      throw new TypeError(`${operation}() got multiple values for argument '${name}'`);
    }
    bound[index] = value;
  }
  return bound;
}

function checkNumber(operation: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${operation}: ${name} must be a number, got ${describe(value)}`);
  }
  return value;
}

function checkFinite(operation: string, name: string, value: unknown): number {
  const number = checkNumber(operation, name, value);
  if (!Number.isFinite(number)) {
    throw new RangeError(`${operation}: Range exceeds valid bounds (${name} = ${number})`);
  }
  return number;
}

function checkInteger(operation: string, name: string, value: unknown): number {
  const number = checkNumber(operation, name, value);
  if (!Number.isInteger(number)) {
    throw new TypeError(`${operation}: ${name} must be an integer, got ${number}`);
  }
  if (Math.abs(number) > 2 ** 53) {
    throw new RangeError(
      `${operation}: ${name} = ${number} is beyond ±2**53, ` +
        "where float64 storage stops holding every integer",
    );
  }
  return number;
}

function checkDims(operation: string, dims: readonly unknown[]): number[] {
  return dims.map((dim) => {
    if (typeof dim !== "number" || !Number.isInteger(dim)) {
      throw new TypeError(
        `${operation}: dimensions must be integers, got ${formatShape(dims.map(describe))}`,
      );
    }
    if (dim < 0) {
      throw new RangeError(
        `${operation}: negative dimensions are not allowed, got ${formatShape(dims.map(describe))}`,
      );
    }
    return dim;
  });
}

function checkSize(operation: string, size: unknown): number[] | null {
  if (size === undefined || size === null) return null;
  if (typeof size === "number") return checkDims(operation, [size]);
  if (Array.isArray(size)) return checkDims(operation, size);
  throw new TypeError(
    `${operation}: size must be an integer or a shape array, got ${describe(size)}`,
  );
}

/** A flat list of numbers as an array: int64 when every one is an integer, as in NumPy. */
function arrayFromList(operation: string, values: readonly unknown[]): NDArray {
  values.forEach((value, i) => {
    if (typeof value !== "number") {
      throw new TypeError(
        `${operation}: expected a flat list of numbers, got ${describe(value)} at index ${i}`,
      );
    }
  });
  const numbers = values as readonly number[];
  return toArray(numbers, operation, numbers.every(Number.isInteger) ? "int64" : "float64");
}

/** The generator behind the module-level functions, as NumPy's `np.random._rand`. */
const globalState = new RandomState();

/**
 * The generator behind the module-level functions (`np.random.seed`,
 * `np.random.randn`, ...): what NumPy and scikit-learn use when a function
 * is given no random state of its own.
 *
 * @example
 * ```ts
 * import { globalRandomState, seed } from "./random_state.ts";
 * seed(42);
 * const first = globalRandomState().rand(); // the same draw as np.random.rand()
 * ```
 */
export function globalRandomState(): RandomState {
  return globalState;
}

/**
 * Reseeds the generator behind the module-level functions, as
 * `np.random.seed(seed)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * random.seed(42);
 * console.log(random.randn()); // 0.4967141530112327
 * ```
 */
export const seed: RandomState["seed"] = globalState.seed.bind(globalState);

/**
 * The module-level generator's state, as `np.random.get_state()`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const saved = random.getState();
 * const a = random.rand();
 * random.setState(saved);
 * console.log(random.rand() === a); // true
 * ```
 */
export const getState: RandomState["getState"] = globalState.getState.bind(globalState);

/**
 * Restores the module-level generator's state, as `np.random.set_state(state)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * random.setState(new random.RandomState(5).getState());
 * ```
 */
export const setState: RandomState["setState"] = globalState.setState.bind(globalState);

/**
 * Uniform doubles in [0, 1) from the module-level generator, as
 * `np.random.random_sample(size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * random.seed(0);
 * console.log(random.randomSample()); // 0.5488135039273248
 * ```
 */
export const randomSample: RandomState["randomSample"] = globalState.randomSample.bind(
  globalState,
);

/**
 * Uniform doubles in [0, 1) from the module-level generator, as
 * `np.random.random(size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const u = random.random([2, 2]);
 * ```
 */
export const random: RandomState["random"] = globalState.random.bind(globalState);

/**
 * Uniform doubles in [0, 1) of shape `(d0, d1, ...)` from the module-level
 * generator, as `np.random.rand(d0, d1, ...)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const u = random.rand(3, 2);
 * ```
 */
export const rand: RandomState["rand"] = globalState.rand.bind(globalState);

/**
 * Standard normal samples of shape `(d0, d1, ...)` from the module-level
 * generator, as `np.random.randn(d0, d1, ...)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * random.seed(42);
 * const w = random.randn(2, 2); // NumPy's np.random.randn(2, 2) after seed(42)
 * ```
 */
export const randn: RandomState["randn"] = globalState.randn.bind(globalState);

/**
 * Standard normal samples from the module-level generator, as
 * `np.random.standard_normal(size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const g = random.standardNormal(4);
 * ```
 */
export const standardNormal: RandomState["standardNormal"] = globalState.standardNormal.bind(
  globalState,
);

/**
 * Uniform samples in [low, high) from the module-level generator, as
 * `np.random.uniform(low, high, size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const x = random.uniform(-1, 1, 5);
 * ```
 */
export const uniform: RandomState["uniform"] = globalState.uniform.bind(globalState);

/**
 * Normal samples from the module-level generator, as
 * `np.random.normal(loc, scale, size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const noise = random.normal({ scale: 0.1, size: [3, 2] });
 * ```
 */
export const normal: RandomState["normal"] = globalState.normal.bind(globalState);

/**
 * Random integers in [low, high) from the module-level generator, as
 * `np.random.randint(low, high, size)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const labels = random.randint(0, 3, 10);
 * ```
 */
export const randint: RandomState["randint"] = globalState.randint.bind(globalState);

/**
 * A shuffled copy from the module-level generator, as
 * `np.random.permutation(x)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const order = random.permutation(5);
 * ```
 */
export const permutation: RandomState["permutation"] = globalState.permutation.bind(
  globalState,
);

/**
 * Shuffles in place along the first axis with the module-level generator, as
 * `np.random.shuffle(x)`.
 *
 * @example
 * ```ts
 * import * as random from "./random_state.ts";
 * const items = [1, 2, 3, 4];
 * random.shuffle(items);
 * ```
 */
export const shuffle: RandomState["shuffle"] = globalState.shuffle.bind(globalState);
