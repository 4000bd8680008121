/**
 * The n-dimensional array at the heart of the library: a window on storage
 * it may share, located by shape, strides and offset as in NumPy, so that
 * slices, transposes and the other views write through to the original.
 * int64 is exact to 2**63 (held as doubles while every value is safe, as
 * 64-bit integers beyond) and wraps around as NumPy's does. The methods
 * mirror NumPy's: `a.sum({ axis: 0 })` is `a.sum(axis=0)`, `a.matmul(b)` is
 * `a @ b`, `a.subtractInPlace(b)` is `a -= b`.
 *
 * The operation modules import `NDArray` back: the one import circle the
 * library allows, safe because neither side uses the other at load time
 * (`tests/architecture_test.ts` loads every module first to keep it so).
 *
 * @module
 */
import {
  arrayRepr,
  arrayToHtml,
  arrayToString,
  type ArrayView,
  PRINT_VIEW,
} from "../text/print.ts";
import { type ArrayInput, astype, type NestedArray, type NestedInput } from "./creation.ts";
import {
  checkArgumentCount,
  checkDimensionCount,
  checkDType,
  checkExtraArguments,
  describe,
} from "./_util.ts";
import {
  contiguousStrides,
  formatShape,
  gatherStrided,
  isCContiguous,
  isFContiguous,
  sameShape,
  shapeSize,
} from "./_shape.ts";
import { arrays, doublesOf, integersOf, type Layout, MAX_SAFE, type Storage } from "./_storage.ts";
import {
  add,
  addInPlace,
  divide,
  divideInPlace,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  maximum,
  minimum,
  multiply,
  multiplyInPlace,
  notEqual,
  power,
  subtract,
  subtractInPlace,
} from "./elementwise.ts";
import { abs, clip, cos, exp, log, negative, sign, sin, sqrt, square, tanh } from "./ufuncs.ts";
import {
  argmax,
  argmin,
  type ArrayReduceOptions,
  cumsum,
  max,
  mean,
  min,
  type ReduceOptions,
  type ScalarReduceOptions,
  std,
  sum,
  variance,
  type VarianceOptions,
} from "./reduce.ts";
import { dot, matmul } from "./linalg.ts";
import {
  copyInCOrder,
  diagonal,
  flatten,
  ravel,
  reshape,
  shapeInPlace,
  squeeze,
  transpose,
} from "./manipulation.ts";
import {
  get,
  type IndexInput,
  item,
  ndindex,
  pick,
  rows,
  set,
  slice,
  take,
  tolist,
} from "./indexing.ts";

/**
 * The element types the library supports, named as NumPy names them.
 *
 * @example
 * ```ts
 * import { type DType, zeros } from "../mod.ts";
 * const dtype: DType = "int64";
 * zeros([2], dtype); // array([0, 0])
 * ```
 */
export type DType = "float64" | "int64" | "bool";

/**
 * An array's shape: one length per axis.
 *
 * @example
 * ```ts
 * import { type Shape, zeros } from "../mod.ts";
 * const shape: Shape = [2, 3];
 * zeros(shape).shape; // [2, 3]
 * ```
 */
export type Shape = readonly number[];

/**
 * What NumPy's `a.flags` tells about an array's memory (`c_contiguous`,
 * `f_contiguous`, `owndata`, `writeable`), as `a.flags` gives it here.
 *
 * @example
 * ```ts
 * import { type ArrayFlags, broadcastTo, zeros } from "../mod.ts";
 * const flags: ArrayFlags = broadcastTo(zeros(3), [2, 3]).flags;
 * flags.writeable; // false: a broadcast is read-only
 * ```
 */
export interface ArrayFlags {
  /** The elements lie one after another in C (row-major) order. */
  readonly cContiguous: boolean;
  /** The elements lie one after another in Fortran (column-major) order. */
  readonly fContiguous: boolean;
  /** The array owns its memory (it is no view of another array). */
  readonly ownData: boolean;
  /** Writing through the array is allowed. */
  readonly writeable: boolean;
}

// Handed from the internal factory to the constructor (no object made for it).
let pendingLayout: Layout | null = null;
let pendingShape: readonly number[] = [];
let pendingDType: DType = "float64";
const NO_DATA = new Float64Array(0);
const TWO_63 = 2 ** 63;
const NO_SHAPE: Shape = Object.freeze([]);

// The C-order strides of the last shape a new array was given: results
// often come one after another in one shape (the same frozen array, handed
// on from operand to result), and strides are never changed once made.
let stridesShape: readonly number[] = [];
let stridesOfShape: readonly number[] = [];

// The last few shapes given to new arrays, frozen: a shape made afresh
// (a broadcast, a product, a reduction) is most often one of them, and
// sharing it skips freezing a new one, which costs about as much as a
// small array's arithmetic.
const RECENT_SHAPES: (readonly number[])[] = [NO_SHAPE, NO_SHAPE, NO_SHAPE, NO_SHAPE];
let recentNext = 0;

/** `shape` frozen (in place), or an equal frozen one given out recently. */
function recentShape(shape: readonly number[]): readonly number[] {
  for (let i = 0; i < RECENT_SHAPES.length; i++) {
    if (sameShape(RECENT_SHAPES[i], shape)) return RECENT_SHAPES[i];
  }
  Object.freeze(shape);
  RECENT_SHAPES[recentNext] = shape;
  recentNext = (recentNext + 1) % RECENT_SHAPES.length;
  return shape;
}

/** The layout of a new array that owns `storage`, contiguous. */
function ownLayout(storage: Storage, shape: readonly number[]): Layout {
  if (shape !== stridesShape) {
    stridesOfShape = contiguousStrides(shape);
    stridesShape = shape;
  }
  return {
    storage,
    offset: 0,
    strides: stridesOfShape,
    contiguous: true,
    writeable: true,
    owner: null,
  };
}

/**
 * An n-dimensional array of float64, int64 or bool values: a view of a
 * storage through a shape, strides and an offset (see the module
 * documentation for which operations give views).
 *
 * @example
 * ```ts
 * import { NDArray } from "./ndarray.ts";
 * const a = new NDArray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * console.log(a.size); // 4
 * console.log(a.T.tolist()); // [[1, 3], [2, 4]]
 * a.T.set([0, 1], 9); // writes through the view: a is [[1, 2], [9, 4]]
 * ```
 */
export class NDArray {
  #layout!: Layout;
  #shape!: readonly number[];
  #size!: number;
  #dtype!: DType;
  // The subarray `data` last gave for a contiguous view (valid while the
  // storage holds doubles: only widening replaces them, by 64-bit integers).
  #data: Float64Array | null = null;

  static {
    arrays.layout = (a) => a.#layout;
    arrays.make = (storage, shape, dtype, strides, offset = 0, owner = null, writeable = true) => {
      checkDimensionCount(shape.length, "NDArray");
      // Another array's shape is frozen already, and can be shared.
      const frozenShape = Object.isFrozen(shape) ? shape : Object.freeze([...shape]);
      pendingLayout = strides === undefined && offset === 0 && owner === null && writeable
        ? ownLayout(storage, frozenShape)
        : {
          storage,
          offset,
          strides: [...(strides ?? contiguousStrides(shape))],
          contiguous: strides === undefined || isCContiguous(shape, strides),
          writeable,
          owner,
        };
      pendingShape = frozenShape;
      pendingDType = dtype;
      return new NDArray(NO_DATA, NO_SHAPE);
    };
    // Copying a shape and asking whether it is frozen cost more than a
    // small array's arithmetic; operations that know where their result's
    // shape comes from skip both.
    arrays.result = (storage, shape, dtype, strides, fresh) => {
      if (fresh) {
        checkDimensionCount(shape.length, "NDArray");
        shape = recentShape(shape);
      }
      pendingLayout = strides === undefined ? ownLayout(storage, shape) : {
        storage,
        offset: 0,
        strides,
        contiguous: isCContiguous(shape, strides),
        writeable: true,
        owner: null,
      };
      pendingShape = shape;
      pendingDType = dtype;
      return new NDArray(NO_DATA, NO_SHAPE);
    };
  }

  /**
   * Wraps `data` (not copied) as a new array of the given shape and dtype,
   * which owns it. A BigInt64Array holds int64 values of any size; int64
   * values in a Float64Array must be integers in int64's range, and are
   * copied into 64-bit integers when one is past ±2**53. Throws when the
   * shape does not account for exactly `data.length` elements.
   */
  constructor(data: Float64Array | BigInt64Array, shape: Shape, dtype: DType = "float64") {
    if (pendingLayout !== null) {
      this.#layout = pendingLayout;
      this.#shape = pendingShape;
      this.#size = shapeSize(pendingShape);
      this.#dtype = pendingDType;
      pendingLayout = null;
      return;
    }
    if (arguments.length > 3) checkArgumentCount(arguments, 3, "NDArray");
    const wide = data instanceof BigInt64Array;
    if (!(data instanceof Float64Array) && !wide) {
      throw new TypeError(`NDArray: data must be a Float64Array, got ${describe(data)}`);
    }
    if (!Array.isArray(shape)) {
      throw new TypeError(`NDArray: shape must be an array of lengths, got ${describe(shape)}`);
    }
    checkDType(dtype, "NDArray");
    for (const length of shape) {
      if (!Number.isInteger(length) || length < 0) {
        throw new Error(`NDArray: invalid shape ${formatShape(shape.map(describe))}`);
      }
    }
    checkDimensionCount(shape.length, "NDArray");
    if (shapeSize(shape) !== data.length) {
      throw new Error(
        `NDArray: cannot hold ${data.length} elements in shape ${formatShape(shape)}`,
      );
    }
    if (wide && dtype !== "int64") {
      throw new TypeError(`NDArray: a BigInt64Array holds int64 values, not ${dtype}`);
    }
    let storage: Storage = wide
      ? { f64: null, i64: data as BigInt64Array }
      : { f64: data as Float64Array, i64: null };
    if (!wide && dtype === "int64") {
      let safe = true;
      for (let i = 0; i < data.length; i++) {
        const value = data[i] as number;
        if (!Number.isInteger(value) || value < -TWO_63 || value >= TWO_63) {
          throw new RangeError(
            `NDArray: int64 data must hold integers within [-2**63, 2**63), got ${value} ` +
              `at index ${i}`,
          );
        }
        if (Math.abs(value) > MAX_SAFE) safe = false;
      }
      // Past 2**53 the values are kept as 64-bit integers (a copy).
      if (!safe) storage = { f64: null, i64: BigInt64Array.from(data as Float64Array, BigInt) };
    }
    const shapeCopy = Object.freeze([...shape]);
    this.#layout = ownLayout(storage, shapeCopy);
    this.#shape = shapeCopy;
    this.#size = data.length;
    this.#dtype = dtype;
  }

  /**
   * The elements in row-major order. For an array whose elements lie one
   * after another in C order (any array made fresh, and contiguous views
   * such as row slices) this is its own memory: writing into it changes
   * the array and the arrays that share it. For other views (a transpose,
   * a slice with a step) it is a new copy, and writing into it changes
   * nothing else. An int64 array holding a value past ±2**53 throws: a
   * Float64Array cannot hold it exactly (`tolist()` gives bigints).
   */
  get data(): Float64Array {
    const { storage, offset, contiguous, strides } = this.#layout;
    const f64 = storage.f64;
    if (f64 === null) {
      throw new RangeError(
        "data: this int64 array holds values past ±2**53, which a Float64Array cannot " +
          'hold exactly; tolist() gives them as bigints, astype("float64") as the nearest doubles',
      );
    }
    if (contiguous) {
      if (offset === 0 && this.#size === f64.length) return f64;
      return this.#data ??= f64.subarray(offset, offset + this.#size);
    }
    const out = new Float64Array(this.#size);
    gatherStrided(f64, offset, this.#shape, strides, out);
    return out;
  }

  set data(_: Float64Array) {
    throw new TypeError(
      "data: attribute 'data' of NDArray objects is not writable (write into the elements " +
        "with set(), or make a new NDArray)",
    );
  }

  /**
   * The length of each axis, as a frozen list. Assigning a new shape
   * reshapes the array in place, as NumPy's `a.shape = (2, 3)` does: only
   * when no copy is needed (always for a contiguous array), else NumPy's
   * error; `reshape` gives a new view or copy instead.
   */
  get shape(): Shape {
    return this.#shape;
  }

  set shape(requested: Shape) {
    const [shape, strides] = shapeInPlace(this, requested);
    const layout = this.#layout;
    this.#shape = Object.freeze(shape);
    this.#layout = {
      ...layout,
      strides,
      contiguous: isCContiguous(shape, strides),
    };
  }

  /** The element type (`astype` converts to another). */
  get dtype(): DType {
    return this.#dtype;
  }

  set dtype(_: DType) {
    throw new TypeError(
      "dtype: cannot be assigned (NumPy would reinterpret the bytes as another type); " +
        "use astype() to convert the values",
    );
  }

  /** The number of elements. */
  get size(): number {
    return this.#size;
  }

  /** The number of axes. */
  get ndim(): number {
    return this.#shape.length;
  }

  /**
   * The bytes to step in memory along each axis, as NumPy's `a.strides`
   * (8 bytes an element, 1 for bool); 0 along a broadcast axis, negative
   * along a reversed one.
   */
  get strides(): readonly number[] {
    const itemsize = this.#dtype === "bool" ? 1 : 8;
    return this.#layout.strides.map((stride) => stride * itemsize);
  }

  /**
   * The array whose memory this one views (NumPy's `a.base`), or null when
   * this array owns its memory.
   */
  get base(): NDArray | null {
    return this.#layout.owner;
  }

  /** Contiguity, ownership and writeability, as NumPy's `a.flags`. */
  get flags(): ArrayFlags {
    const { contiguous, strides, owner, writeable } = this.#layout;
    return Object.freeze({
      cContiguous: contiguous,
      fContiguous: isFContiguous(this.#shape, strides),
      ownData: owner === null,
      writeable,
    });
  }

  // ---- printing -------------------------------------------------------

  /**
   * The elements as the printing functions read them: this array itself
   * when its `data` is its own memory, otherwise its elements copied out
   * once (int64 values past 2**53 as exact integers).
   */
  [PRINT_VIEW](): ArrayView {
    const { storage, contiguous } = this.#layout;
    if (storage.f64 !== null && contiguous) return this;
    const common = { shape: this.#shape, dtype: this.#dtype, size: this.#size };
    if (storage.f64 !== null) return { ...common, data: this.data };
    return { ...common, data: NO_DATA, exact: integersOf(this) };
  }

  /** The array as NumPy's `str(a)` prints it. */
  toString(): string {
    return arrayToString(this);
  }

  /** What `console.log` shows: the same text as `print(a)` in Python. */
  [Symbol.for("Deno.customInspect")](): string {
    return arrayToString(this);
  }

  /**
   * A notebook cell's display of the array: NumPy's repr, and an HTML table.
   * A 0-d array shows as its value alone: it is what NumPy returns as a
   * scalar (`vector @ vector`, `0.5 * (y_hat - y)**2`), and a scalar shows
   * as its value.
   */
  [Symbol.for("Jupyter.display")](): Record<string, string> {
    if (this.ndim === 0) return { "text/plain": arrayToString(this) };
    return { "text/plain": arrayRepr(this), "text/html": arrayToHtml(this) };
  }

  /**
   * Lets a size-1 array take part in JS arithmetic and comparisons like a
   * number (Python's `float(a)`); in string contexts it gives `toString()`.
   * Arrays with more elements refuse to become a number, as NumPy refuses.
   */
  [Symbol.toPrimitive](hint: string): number | string {
    if (hint === "string") return this.toString();
    if (this.size === 1) return doublesOf(this)[0];
    if (hint === "default") return this.toString();
    throw new TypeError(
      `only size-1 arrays can be converted to numbers, this one has shape ${
        formatShape(this.shape)
      }`,
    );
  }

  // ---- conversion and shape -------------------------------------------

  /**
   * A copy converted to `dtype` (`a.astype(float)` is `a.astype("float64")`),
   * cast as NumPy casts: to int64 truncates toward zero, and NaN, ±inf and
   * floats past ±2**63 become -2**63 with NumPy's warning; to bool maps
   * nonzero to true.
   */
  astype(dtype: DType): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "astype");
    return astype(this, dtype);
  }

  /** An independent copy in C order (NumPy's `a.copy()`). */
  copy(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "copy");
    return copyInCOrder(this);
  }

  /**
   * The same elements in a new shape; one length may be -1:
   * `a.reshape(1, -1)`, `a.reshape([2, 3])`, `a.reshape(-1)`. A view of
   * this array when its layout allows (always for a contiguous one), as in
   * NumPy; a copy otherwise.
   */
  reshape(...shape: (number | Shape)[]): NDArray {
    const dims = shape.length === 1 && typeof shape[0] !== "number"
      ? shape[0]
      : (shape as number[]);
    return reshape(this, dims);
  }

  /**
   * The elements as a 1-D array, row by row: a view of a contiguous array,
   * a copy of any other.
   */
  ravel(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "ravel");
    return ravel(this);
  }

  /** The elements as a new 1-D array, row by row (always a copy, as NumPy's `flatten`). */
  flatten(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "flatten");
    return flatten(this);
  }

  /** The transpose (axes reversed), a view of this array. */
  get T(): NDArray {
    return transpose(this);
  }

  /**
   * The axes permuted, reversed by default: `a.transpose([1, 0])`, or as in
   * NumPy, `a.transpose(1, 0)`. A view of this array.
   */
  transpose(axes?: readonly number[] | number, ...more: number[]): NDArray {
    if (typeof axes !== "number" && more.length > 0) {
      checkArgumentCount(arguments, 1, "transpose");
    }
    return transpose(this, typeof axes === "number" ? [axes, ...more] : axes);
  }

  /** The array without its length-1 axes (or just `axis`), a view of this array. */
  squeeze(axis?: number): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "squeeze");
    return squeeze(this, axis);
  }

  /**
   * The diagonal `offset` above the main one (below for a negative offset)
   * of the 2-D planes of axes `axis1` and `axis2` (NumPy's
   * `a.diagonal()`): a read-only view, as in NumPy.
   */
  diagonal(offset = 0, axis1 = 0, axis2 = 1): NDArray {
    if (arguments.length > 3) checkArgumentCount(arguments, 3, "diagonal");
    return diagonal(this, offset, axis1, axis2);
  }

  /**
   * The single element of a size-1 array, or the element at an index, as a
   * number (an int64 value past ±2**53 throws: `tolist()` gives it exactly).
   */
  item(...index: number[]): number {
    return item(this, ...index);
  }

  /**
   * The array as nested JS arrays of numbers (booleans for bool arrays;
   * bigints for int64 values past ±2**53, which no number holds exactly).
   */
  tolist(): NestedArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "tolist");
    return tolist(this);
  }

  // ---- indexing --------------------------------------------------------

  /**
   * The element at a full multi-index, `a[i, j]`, as `a.get(i, j)` or
   * `a.get([i, j])`; negative indices count from the end.
   */
  get(...index: number[] | [readonly number[]]): number {
    return get(this, ...index);
  }

  /**
   * `a[index] = value`: sets one element, or fills the sub-array a shorter
   * index selects; through a view, the original changes.
   */
  set(
    index: readonly number[] | number,
    value: number | boolean | bigint | NDArray | NestedInput,
  ): void {
    if (arguments.length > 2) checkArgumentCount(arguments, 2, "set");
    set(this, index, value);
  }

  /**
   * Rows `start:stop` (and `:step`, which may be negative) along the first
   * axis, `X[start:stop:step]`: a view of this array.
   */
  slice(start?: number | null, stop?: number | null, step?: number | null): NDArray {
    if (arguments.length > 3) checkArgumentCount(arguments, 3, "slice");
    return slice(this, start, stop, step);
  }

  /** Entries at the given positions along `axis` (default 0), `X[indices]` (a copy). */
  take(indices: IndexInput, axis = 0): NDArray {
    if (arguments.length > 2) checkArgumentCount(arguments, 2, "take");
    return take(this, indices, axis);
  }

  /** `A[rows, columns]` for a 2-D array: one element per pair of indices (a copy). */
  pick(rowIndices: IndexInput, columnIndices: IndexInput): NDArray {
    if (arguments.length > 2) checkArgumentCount(arguments, 2, "pick");
    return pick(this, rowIndices, columnIndices);
  }

  /** Every multi-index of this array in row-major order (`np.nditer` with `multi_index`). */
  multiIndices(): Generator<number[]> {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "multiIndices");
    return ndindex(this.shape);
  }

  /**
   * Iterates along the first axis: numbers for a 1-D array, views of the
   * rows otherwise (writing into a row changes this array, as in NumPy).
   */
  *[Symbol.iterator](): Iterator<number | NDArray> {
    if (this.ndim === 1) {
      for (let i = 0; i < this.#size; i++) yield get(this, i);
    } else {
      yield* rows(this);
    }
  }

  /**
   * Pairs of position and item along the first axis, like Python's
   * `enumerate(a)`: `for (const [i, value] of a.flatten().entries())`.
   */
  *entries(): Generator<[number, number | NDArray]> {
    let index = 0;
    for (const item of this) yield [index++, item];
  }

  // ---- element-wise arithmetic ---------------------------------------

  /** `a + other`, broadcasting. */
  add(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "add");
    return add(this, other);
  }

  /** `a - other`, broadcasting. */
  subtract(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "subtract");
    return subtract(this, other);
  }

  /** `a * other`, broadcasting. */
  multiply(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "multiply");
    return multiply(this, other);
  }

  /** `a / other` (true division, float64), broadcasting. */
  divide(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "divide");
    return divide(this, other);
  }

  /** `a ** other`, broadcasting. */
  power(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "power");
    return power(this, other);
  }

  /** Element-wise larger of `a` and `other`. */
  maximum(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "maximum");
    return maximum(this, other);
  }

  /** Element-wise smaller of `a` and `other`. */
  minimum(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "minimum");
    return minimum(this, other);
  }

  /** `a > other` as a bool array. */
  greater(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "greater");
    return greater(this, other);
  }

  /** `a >= other` as a bool array. */
  greaterEqual(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "greaterEqual");
    return greaterEqual(this, other);
  }

  /** `a < other` as a bool array. */
  less(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "less");
    return less(this, other);
  }

  /** `a <= other` as a bool array. */
  lessEqual(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "lessEqual");
    return lessEqual(this, other);
  }

  /** `a == other` as a bool array. */
  equal(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "equal");
    return equal(this, other);
  }

  /** `a != other` as a bool array. */
  notEqual(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "notEqual");
    return notEqual(this, other);
  }

  /** `a += other` in place; returns nothing, as `+=` does. */
  addInPlace(other: ArrayInput): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "addInPlace");
    addInPlace(this, other);
  }

  /** `a -= other` in place (`W -= lr * dW`); returns nothing, as `-=` does. */
  subtractInPlace(other: ArrayInput): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "subtractInPlace");
    subtractInPlace(this, other);
  }

  /** `a *= other` in place; returns nothing, as `*=` does. */
  multiplyInPlace(other: ArrayInput): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "multiplyInPlace");
    multiplyInPlace(this, other);
  }

  /** `a /= other` in place; returns nothing, as `/=` does. */
  divideInPlace(other: ArrayInput): void {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "divideInPlace");
    divideInPlace(this, other);
  }

  // ---- element-wise functions -------------------------------------------

  /** `-a`. */
  negative(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "negative");
    return negative(this);
  }

  /** e to the power of each element. */
  exp(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "exp");
    return exp(this);
  }

  /** Natural logarithm of each element. */
  log(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "log");
    return log(this);
  }

  /** Square root of each element. */
  sqrt(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "sqrt");
    return sqrt(this);
  }

  /** Absolute value of each element. */
  abs(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "abs");
    return abs(this);
  }

  /** Cosine of each element. */
  cos(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "cos");
    return cos(this);
  }

  /** Sine of each element. */
  sin(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "sin");
    return sin(this);
  }

  /** Hyperbolic tangent of each element. */
  tanh(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "tanh");
    return tanh(this);
  }

  /** Each element squared. */
  square(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "square");
    return square(this);
  }

  /** The sign (-1, 0, 1) of each element. */
  sign(): NDArray {
    if (arguments.length > 0) checkArgumentCount(arguments, 0, "sign");
    return sign(this);
  }

  /** Each element limited to `[min, max]` (`null` for no bound). */
  clip(min: ArrayInput | null, max: ArrayInput | null): NDArray {
    if (arguments.length > 2) checkArgumentCount(arguments, 2, "clip");
    return clip(this, min, max);
  }

  // ---- reductions --------------------------------------------------------

  /** Sum of all elements as a number. */
  sum(options?: ScalarReduceOptions): number;
  /** Sum along an axis (`a.sum(0)`, `a.sum({ axis: 0, keepdims: true })`). */
  sum(options: number | ArrayReduceOptions): NDArray;
  /** Sum with options only known at run time. */
  sum(options?: number | ReduceOptions): NDArray | number;
  sum(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "sum");
    return sum(this, options);
  }

  /** Cumulative sum of the flattened elements (`a.cumsum()`), or along `axis`. */
  cumsum(axis?: number | null): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "cumsum");
    return cumsum(this, axis);
  }

  /** Mean of all elements as a number. */
  mean(options?: ScalarReduceOptions): number;
  /** Mean along an axis. */
  mean(options: number | ArrayReduceOptions): NDArray;
  /** Mean with options only known at run time. */
  mean(options?: number | ReduceOptions): NDArray | number;
  mean(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "mean");
    return mean(this, options);
  }

  /** Largest element as a number. */
  max(options?: ScalarReduceOptions): number;
  /** Largest element along an axis. */
  max(options: number | ArrayReduceOptions): NDArray;
  /** Largest element with options only known at run time. */
  max(options?: number | ReduceOptions): NDArray | number;
  max(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "max");
    return max(this, options);
  }

  /** Smallest element as a number. */
  min(options?: ScalarReduceOptions): number;
  /** Smallest element along an axis. */
  min(options: number | ArrayReduceOptions): NDArray;
  /** Smallest element with options only known at run time. */
  min(options?: number | ReduceOptions): NDArray | number;
  min(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "min");
    return min(this, options);
  }

  /** Flat index of the first largest element. */
  argmax(options?: ScalarReduceOptions): number;
  /** Indices of the largest elements along an axis (`a.argmax({ axis: 1 })`). */
  argmax(options: number | ArrayReduceOptions): NDArray;
  /** Index of the largest element with options only known at run time. */
  argmax(options?: number | ReduceOptions): NDArray | number;
  argmax(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "argmax");
    return argmax(this, options);
  }

  /** Flat index of the first smallest element. */
  argmin(options?: ScalarReduceOptions): number;
  /** Indices of the smallest elements along an axis. */
  argmin(options: number | ArrayReduceOptions): NDArray;
  /** Index of the smallest element with options only known at run time. */
  argmin(options?: number | ReduceOptions): NDArray | number;
  argmin(options?: number | ReduceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "argmin");
    return argmin(this, options);
  }

  /** Standard deviation of all elements. */
  std(options?: ScalarReduceOptions & { ddof?: number }): number;
  /** Standard deviation along an axis. */
  std(options: number | (ArrayReduceOptions & { ddof?: number })): NDArray;
  /** Standard deviation with options only known at run time. */
  std(options?: number | VarianceOptions): NDArray | number;
  std(options?: number | VarianceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "std");
    return std(this, options);
  }

  /** Variance of all elements. */
  var(options?: ScalarReduceOptions & { ddof?: number }): number;
  /** Variance along an axis. */
  var(options: number | (ArrayReduceOptions & { ddof?: number })): NDArray;
  /** Variance with options only known at run time. */
  var(options?: number | VarianceOptions): NDArray | number;
  var(options?: number | VarianceOptions, ...extra: unknown[]): NDArray | number {
    checkExtraArguments(extra, "var");
    return variance(this, options);
  }

  // ---- linear algebra ----------------------------------------------------

  /** The matrix product `a @ other`. */
  matmul(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "matmul");
    return matmul(this, other);
  }

  /** The dot product `a.dot(other)`. */
  dot(other: ArrayInput): NDArray {
    if (arguments.length > 1) checkArgumentCount(arguments, 1, "dot");
    return dot(this, other);
  }
}
