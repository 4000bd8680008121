/**
 * The n-dimensional array at the heart of the library.
 *
 * Storage is one contiguous `Float64Array` in row-major (C) order, whatever
 * the dtype: int64 and bool values are stored as exact doubles. The dtype
 * decides how values print, how arithmetic promotes, and what `astype` does.
 * Every operation returns a new contiguous array (a transpose copies), except
 * the `...InPlace` methods and `set`, which write into the array itself.
 *
 * The methods mirror NumPy's: `a.sum({ axis: 0 })` is `a.sum(axis=0)`,
 * `a.matmul(b)` is `a @ b`, `a.subtractInPlace(b)` is `a -= b`.
 *
 * One import circle is allowed, and it is this one: the methods delegate to
 * the operation modules (creation, elementwise, ufuncs, reduce, linalg,
 * manipulation, indexing), which import `NDArray` back to build their
 * results. It works because neither side uses the other while its module is
 * being evaluated: the operation modules touch `NDArray` only inside their
 * functions, and this class only inside its methods. A module that called an
 * operation at its top level, or subclassed `NDArray` there, would meet an
 * uninitialised binding when loaded first. `tests/architecture_test.ts`
 * loads every module of the library first, on its own, to keep it so; and
 * every other import between folders points one way: jupyter ← text ←
 * core ← random ← course, and jupyter ← plot.
 *
 * @module
 */
import { arrayRepr, arrayToHtml, arrayToString } from "../text/print.ts";
import type { ArrayInput, NestedArray, NestedInput } from "./creation.ts";
import { castValue } from "./dtype.ts";
import { checkDType, checkExtraArguments, describe } from "./_util.ts";
import { formatShape, shapeSize } from "./_shape.ts";
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
import { ravel, reshape, squeeze, transpose } from "./manipulation.ts";
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
 * A contiguous row-major array of float64, int64 or bool values.
 *
 * @example
 * ```ts
 * import { NDArray } from "./ndarray.ts";
 * const a = new NDArray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * console.log(a.size); // 4
 * console.log(a.T.tolist()); // [[1, 3], [2, 4]]
 * ```
 */
export class NDArray {
  /** The elements in row-major order. */
  data: Float64Array;
  /** The length of each axis. */
  readonly shape: number[];
  /** The element type. */
  readonly dtype: DType;

  /**
   * Wraps `data` (not copied) as an array of the given shape and dtype.
   * Throws when the shape does not account for exactly `data.length` elements.
   */
  constructor(data: Float64Array, shape: Shape, dtype: DType = "float64") {
    if (!(data instanceof Float64Array)) {
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
    if (shapeSize(shape) !== data.length) {
      throw new Error(
        `NDArray: cannot hold ${data.length} elements in shape ${formatShape(shape)}`,
      );
    }
    this.data = data;
    this.shape = [...shape];
    this.dtype = dtype;
  }

  /** The number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** The number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  // ---- printing -------------------------------------------------------

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
    if (this.size === 1) return this.data[0];
    if (hint === "default") return this.toString();
    throw new TypeError(
      `only size-1 arrays can be converted to numbers, this one has shape ${
        formatShape(this.shape)
      }`,
    );
  }

  // ---- conversion and shape -------------------------------------------

  /**
   * A copy converted to `dtype` (`a.astype(float)` is `a.astype("float64")`):
   * to int64 truncates toward zero, to bool maps nonzero to true.
   */
  astype(dtype: DType): NDArray {
    checkDType(dtype, "astype");
    const out = new Float64Array(this.data);
    if (dtype !== "float64" && dtype !== this.dtype) {
      for (let i = 0; i < out.length; i++) out[i] = castValue(out[i], dtype, "astype");
    }
    return new NDArray(out, this.shape, dtype);
  }

  /** An independent copy. */
  copy(): NDArray {
    return new NDArray(this.data.slice(), this.shape, this.dtype);
  }

  /**
   * The same elements in a new shape; one length may be -1:
   * `a.reshape(1, -1)`, `a.reshape([2, 3])`, `a.reshape(-1)`.
   */
  reshape(...shape: (number | Shape)[]): NDArray {
    const dims = shape.length === 1 && typeof shape[0] !== "number"
      ? shape[0]
      : (shape as number[]);
    return reshape(this, dims);
  }

  /** The elements as a 1-D array, row by row. */
  ravel(): NDArray {
    return ravel(this);
  }

  /** The elements as a 1-D array (a copy, like NumPy's `flatten`). */
  flatten(): NDArray {
    return ravel(this);
  }

  /** The transpose (axes reversed), as a copy. */
  get T(): NDArray {
    return transpose(this);
  }

  /**
   * The axes permuted, reversed by default: `a.transpose([1, 0])`, or as in
   * NumPy, `a.transpose(1, 0)`.
   */
  transpose(axes?: readonly number[] | number, ...more: number[]): NDArray {
    return transpose(this, typeof axes === "number" ? [axes, ...more] : axes);
  }

  /** The array without its length-1 axes (or just `axis`). */
  squeeze(axis?: number): NDArray {
    return squeeze(this, axis);
  }

  /** The single element of a size-1 array, or the element at an index, as a number. */
  item(...index: number[]): number {
    return item(this, ...index);
  }

  /** The array as nested JS arrays of numbers (booleans for bool arrays). */
  tolist(): NestedArray {
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

  /** `a[index] = value`: sets one element, or fills the sub-array a shorter index selects. */
  set(index: readonly number[] | number, value: number | boolean | NDArray | NestedInput): void {
    set(this, index, value);
  }

  /** Rows `start:stop` (and `:step`) along the first axis, `X[start:stop]`. */
  slice(start?: number | null, stop?: number | null, step?: number): NDArray {
    return slice(this, start, stop, step);
  }

  /** Entries at the given positions along `axis` (default 0), `X[indices]`. */
  take(indices: IndexInput, axis = 0): NDArray {
    return take(this, indices, axis);
  }

  /** `A[rows, columns]` for a 2-D array: one element per pair of indices. */
  pick(rowIndices: IndexInput, columnIndices: IndexInput): NDArray {
    return pick(this, rowIndices, columnIndices);
  }

  /** Every multi-index of this array in row-major order (`np.nditer` with `multi_index`). */
  multiIndices(): Generator<number[]> {
    return ndindex(this.shape);
  }

  /** Iterates along the first axis: numbers for a 1-D array, row copies otherwise. */
  *[Symbol.iterator](): Iterator<number | NDArray> {
    if (this.ndim === 1) {
      yield* this.data;
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
    return add(this, other);
  }

  /** `a - other`, broadcasting. */
  subtract(other: ArrayInput): NDArray {
    return subtract(this, other);
  }

  /** `a * other`, broadcasting. */
  multiply(other: ArrayInput): NDArray {
    return multiply(this, other);
  }

  /** `a / other` (true division, float64), broadcasting. */
  divide(other: ArrayInput): NDArray {
    return divide(this, other);
  }

  /** `a ** other`, broadcasting. */
  power(other: ArrayInput): NDArray {
    return power(this, other);
  }

  /** Element-wise larger of `a` and `other`. */
  maximum(other: ArrayInput): NDArray {
    return maximum(this, other);
  }

  /** Element-wise smaller of `a` and `other`. */
  minimum(other: ArrayInput): NDArray {
    return minimum(this, other);
  }

  /** `a > other` as a bool array. */
  greater(other: ArrayInput): NDArray {
    return greater(this, other);
  }

  /** `a >= other` as a bool array. */
  greaterEqual(other: ArrayInput): NDArray {
    return greaterEqual(this, other);
  }

  /** `a < other` as a bool array. */
  less(other: ArrayInput): NDArray {
    return less(this, other);
  }

  /** `a <= other` as a bool array. */
  lessEqual(other: ArrayInput): NDArray {
    return lessEqual(this, other);
  }

  /** `a == other` as a bool array. */
  equal(other: ArrayInput): NDArray {
    return equal(this, other);
  }

  /** `a != other` as a bool array. */
  notEqual(other: ArrayInput): NDArray {
    return notEqual(this, other);
  }

  /** `a += other` in place; returns nothing, as `+=` does. */
  addInPlace(other: ArrayInput): void {
    addInPlace(this, other);
  }

  /** `a -= other` in place (`W -= lr * dW`); returns nothing, as `-=` does. */
  subtractInPlace(other: ArrayInput): void {
    subtractInPlace(this, other);
  }

  /** `a *= other` in place; returns nothing, as `*=` does. */
  multiplyInPlace(other: ArrayInput): void {
    multiplyInPlace(this, other);
  }

  /** `a /= other` in place; returns nothing, as `/=` does. */
  divideInPlace(other: ArrayInput): void {
    divideInPlace(this, other);
  }

  // ---- element-wise functions -------------------------------------------

  /** `-a`. */
  negative(): NDArray {
    return negative(this);
  }

  /** e to the power of each element. */
  exp(): NDArray {
    return exp(this);
  }

  /** Natural logarithm of each element. */
  log(): NDArray {
    return log(this);
  }

  /** Square root of each element. */
  sqrt(): NDArray {
    return sqrt(this);
  }

  /** Absolute value of each element. */
  abs(): NDArray {
    return abs(this);
  }

  /** Cosine of each element. */
  cos(): NDArray {
    return cos(this);
  }

  /** Sine of each element. */
  sin(): NDArray {
    return sin(this);
  }

  /** Hyperbolic tangent of each element. */
  tanh(): NDArray {
    return tanh(this);
  }

  /** Each element squared. */
  square(): NDArray {
    return square(this);
  }

  /** The sign (-1, 0, 1) of each element. */
  sign(): NDArray {
    return sign(this);
  }

  /** Each element limited to `[min, max]` (`null` for no bound). */
  clip(min: ArrayInput | null, max: ArrayInput | null): NDArray {
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
    return matmul(this, other);
  }

  /** The dot product `a.dot(other)`. */
  dot(other: ArrayInput): NDArray {
    return dot(this, other);
  }
}
