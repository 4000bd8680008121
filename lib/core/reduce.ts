/**
 * Reductions along an axis: `sum`, `mean`, `max`, `min`, `argmax`,
 * `argmin`, `std`, `var`.
 *
 * Without an axis (and without `keepdims`) they return a JS number (a
 * boolean for the max or min of a bool array, a bigint for an int64 sum past
 * 2**53); with one they return an NDArray. Float sums add in exactly NumPy's
 * order, so results agree with NumPy to the last bit: along the last
 * (contiguous) axis and over a whole array NumPy uses pairwise summation,
 * along an earlier axis it accumulates one row after another, and over a
 * view (a transpose, a reversed or stepped slice) it follows memory as its
 * iterator does (see _iterator.ts). int64 sums are exact and wrap around.
 *
 * @module
 */
import type { DType, NDArray } from "./ndarray.ts";
import { array, type ArrayInput, toArray } from "./creation.ts";
import {
  checkArgumentCount,
  checkExtraArguments,
  checkOptions,
  describe,
  normalizeAxis,
} from "./_util.ts";
import { iterationOrder, orderedStrides } from "./_shape.ts";
import {
  arrays,
  copyInOrder,
  doublesOf,
  integersOf,
  isWide,
  MAX_SAFE,
  wrap,
  wrapIntegers,
} from "./_storage.ts";
import { pairwiseSum, sumInNumpyOrder } from "./_iterator.ts";
import { whenIdle } from "./_idle.ts";
import { ravel } from "./manipulation.ts";
import { warnOnce, warnRuntimeOnce } from "./warnings.ts";

/**
 * Keyword options of the reductions (Python's `axis=` and `keepdims=`).
 *
 * @example
 * ```ts
 * import { array, type ReduceOptions, sum } from "../mod.ts";
 * const columns: ReduceOptions = { axis: 0, keepdims: true };
 * sum(array([[1, 2], [3, 4]]), columns); // array([[4., 6.]])
 * ```
 */
export interface ReduceOptions {
  /** The axis to reduce (negative counts from the end); all axes when absent. */
  axis?: number | null;
  /** Keep the reduced axis as length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
}

/**
 * Options of {@link std} and {@link variance}: a reduction plus NumPy's `ddof`.
 *
 * @example
 * ```ts
 * import { array, std, type VarianceOptions } from "../mod.ts";
 * const sample: VarianceOptions = { ddof: 1 };
 * std(array([1, 2, 3, 4]), sample); // 1.2909944487358056
 * ```
 */
export interface VarianceOptions extends ReduceOptions {
  /** Delta degrees of freedom: the divisor is `count - ddof` (default 0). */
  ddof?: number;
}

/**
 * Options that make a reduction return an NDArray.
 *
 * @example
 * ```ts
 * import { array, type ArrayReduceOptions, mean } from "../mod.ts";
 * const rows: ArrayReduceOptions = { axis: 1 };
 * mean(array([[1, 3], [2, 4]]), rows); // an NDArray: array([2., 3.])
 * ```
 */
export type ArrayReduceOptions =
  | { axis: number; keepdims?: boolean }
  | { axis?: null; keepdims: true };

/**
 * Options that make a reduction return a JS number.
 *
 * @example
 * ```ts
 * import { array, mean, type ScalarReduceOptions } from "../mod.ts";
 * const whole: ScalarReduceOptions = {};
 * mean(array([[1, 3], [2, 4]]), whole); // a number: 2.5
 * ```
 */
export type ScalarReduceOptions = { axis?: null; keepdims?: false };

/** The geometry of reducing one axis: `outer` blocks of `length` rows of `inner` values. */
interface Layout {
  axis: number | null;
  outer: number;
  length: number;
  inner: number;
  shape: number[];
}

const REDUCE_OPTIONS = ["axis", "keepdims"];
const VARIANCE_OPTIONS = ["axis", "keepdims", "ddof"];

/**
 * The options as an object: a number is the axis (`a.sum(0)`) and `null`
 * means all axes, as Python's positional `axis=None`. Unknown keys, such as
 * `keepDims` for `keepdims`, are refused rather than ignored.
 */
function readOptions(
  options: number | VarianceOptions | null | undefined,
  operation: string,
  known: readonly string[] = REDUCE_OPTIONS,
): VarianceOptions {
  if (options === undefined || options === null) return {};
  if (typeof options === "number") return { axis: options };
  checkOptions(options, known, operation);
  const { keepdims } = options;
  if (keepdims !== undefined && typeof keepdims !== "boolean") {
    throw new TypeError(`${operation}: keepdims must be true or false, got ${describe(keepdims)}`);
  }
  return options;
}

// Plain loops over the shape: an array's shape is frozen, and the engine's
// slice, map and filter take a slow path for frozen arrays.
function layoutOf(a: NDArray, axisOption: number | null | undefined, operation: string): Layout {
  const dims = a.shape;
  const ndim = dims.length;
  const shape = new Array<number>(ndim);
  if (axisOption === undefined || axisOption === null) {
    for (let axis = 0; axis < ndim; axis++) shape[axis] = 1;
    return { axis: null, outer: 1, length: a.size, inner: 1, shape };
  }
  const axis = normalizeAxis(axisOption, ndim, operation);
  let outer = 1;
  let inner = 1;
  for (let other = 0; other < ndim; other++) {
    shape[other] = other === axis ? 1 : dims[other];
    if (other < axis) outer *= dims[other];
    else if (other > axis) inner *= dims[other];
  }
  return { axis, outer, length: dims[axis], inner, shape };
}

/** Whether a reduction gives a number (NumPy: a scalar) rather than an array. */
function scalarResult(layout: Layout, keepdims: boolean | undefined): boolean {
  return layout.axis === null && !keepdims;
}

/**
 * Divides every value by `count`. Dividing by zero (a mean of nothing, or
 * `ddof` that leaves no degrees of freedom) gives NumPy's inf or nan with
 * NumPy's warning, named "scalar divide" when the result is a number.
 */
function divideBy(values: Float64Array, count: number, scalar: boolean): void {
  if (count !== 0) {
    for (let i = 0; i < values.length; i++) values[i] = values[i] / count;
    return;
  }
  const operation = scalar ? "scalar divide" : "divide";
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value - value === 0) warnOnce(operation, value === 0 ? "invalid value" : "divide by zero");
    values[i] = value / 0;
  }
}

/**
 * Wraps reduced values as the caller asked: a number (a bigint for an
 * int64 value past 2**53, a boolean for bool), or an array with or without
 * the axis, laid out by `strides` (over all axes) when they are given.
 */
function finish(
  values: Float64Array | BigInt64Array,
  layout: Layout,
  keepdims: boolean | undefined,
  dtype: DType,
  strides?: readonly number[],
): NDArray | number | bigint | boolean {
  if (!keepdims && layout.axis === null) {
    const value = values[0];
    if (dtype === "bool") return value !== 0;
    return typeof value === "bigint" && value >= -9007199254740991n && value <= 9007199254740991n
      ? Number(value)
      : value;
  }
  const kept = keepdims ? layout.shape : layout.shape.filter((_, axis) => axis !== layout.axis);
  const keptStrides = strides === undefined
    ? undefined
    : keepdims
    ? strides
    : strides.filter((_, axis) => axis !== layout.axis);
  if (values instanceof BigInt64Array) return wrapIntegers(values, kept);
  return arrays.result({ f64: values, i64: null }, kept, dtype, keptStrides, true);
}

// The strides NumPy lays the last float sums out with (undefined for C order).
let sumStrides: number[] | undefined;

/**
 * Float sums of the array along the layout's axis (or over all of it), in
 * NumPy's order for the array's layout; the strides NumPy lays the result
 * out with are left in {@link sumStrides}. `cast` says int64 or bool
 * values are converted to float64 on the way, as a mean of them does.
 */
function floatSums(source: NDArray, layout: Layout, cast: boolean): Float64Array {
  const { storage, offset, strides, contiguous } = arrays.layout(source);
  sumStrides = undefined;
  if (contiguous && !cast && storage.f64 !== null) return sumValues(source, layout);
  const data = storage.f64 ?? Float64Array.from(storage.i64!, Number);
  const reduced = [...source.shape].map((_, axis) => layout.axis === null || axis === layout.axis);
  const [values, resultStrides] = sumInNumpyOrder(
    data,
    offset,
    source.shape,
    strides,
    reduced,
    cast,
  );
  sumStrides = resultStrides;
  return values;
}

/**
 * Integer sums (of int64 or bool values) along the layout's axis, exact:
 * in doubles while every partial sum stays a safe integer, otherwise in
 * 64 bits, wrapping around at 2**63 as NumPy's int64 sum does.
 */
function integerSums(source: NDArray, layout: Layout): Float64Array | BigInt64Array {
  const { outer, length, inner } = layout;
  // Bools (0 and 1) sum exactly in doubles in any order: NumPy's, then.
  if (source.dtype === "bool") return floatSums(source, layout, false);
  if (!isWide(source) && inner === 1) {
    const data = doublesOf(source);
    const out = new Float64Array(outer);
    let safe = true;
    for (let block = 0, at = 0; block < outer && safe; block++) {
      let total = 0;
      for (const end = at + length; at < end; at++) {
        total += data[at];
        if (total > MAX_SAFE || total < -MAX_SAFE) safe = false;
      }
      out[block] = total;
    }
    if (safe) return out;
  } else if (!isWide(source)) {
    const data = doublesOf(source);
    const out = new Float64Array(outer * inner);
    let safe = true;
    for (let block = 0; block < outer && safe; block++) {
      const target = block * inner;
      for (let row = 0; row < length && safe; row++) {
        const from = (block * length + row) * inner;
        for (let j = 0; j < inner; j++) {
          const total = out[target + j] + data[from + j];
          out[target + j] = total;
          if (total > MAX_SAFE || total < -MAX_SAFE) safe = false;
        }
      }
    }
    if (safe) return out;
  }
  const data = integersOf(source);
  const out = new BigInt64Array(outer * inner);
  for (let block = 0; block < outer; block++) {
    for (let row = 0; row < length; row++) {
      const from = (block * length + row) * inner;
      for (let j = 0; j < inner; j++) {
        out[block * inner + j] = BigInt.asIntN(64, out[block * inner + j] + data[from + j]);
      }
    }
  }
  return out;
}

function sumValues(a: NDArray, layout: Layout): Float64Array {
  const { outer, length, inner } = layout;
  const out = new Float64Array(outer * inner);
  const data = a.data;
  if (inner === 1) {
    // NumPy starts from the identity 0, so a sum of -0.0 values is +0.0.
    for (let block = 0; block < outer; block++) {
      out[block] = 0 + pairwiseSum(data, block * length, length, 1);
    }
    return out;
  }
  // Row after row, as NumPy adds: out[j] = ((0 + r0[j]) + r1[j]) + ...
  // Eight rows go into each pass over `out`, added in the same order, so the
  // running totals are loaded and stored an eighth as often.
  for (let block = 0; block < outer; block++) {
    const target = block * inner;
    const end = target + inner;
    let row = 0;
    for (; row + 8 <= length; row += 8) {
      const s0 = (block * length + row) * inner - target;
      const s1 = s0 + inner;
      const s2 = s1 + inner;
      const s3 = s2 + inner;
      const s4 = s3 + inner;
      const s5 = s4 + inner;
      const s6 = s5 + inner;
      const s7 = s6 + inner;
      for (let o = target; o < end; o++) {
        out[o] = (((((((out[o] + data[s0 + o]) + data[s1 + o]) + data[s2 + o]) + data[s3 + o]) +
          data[s4 + o]) + data[s5 + o]) + data[s6 + o]) + data[s7 + o];
      }
    }
    for (; row < length; row++) {
      const s = (block * length + row) * inner - target;
      for (let o = target; o < end; o++) out[o] += data[s + o];
    }
  }
  return out;
}

/**
 * Sum of elements (`np.sum`), over all of them or along one axis. Integer and
 * bool arrays sum to int64. Adds in NumPy's order, so float results agree
 * bit for bit.
 *
 * @example
 * ```ts
 * import { array, sum } from "../mod.ts";
 * const a = array([[1, 2], [3, 4]]);
 * sum(a); // 10
 * sum(a, { axis: 0 }); // [4, 6]
 * sum(a, { axis: 1, keepdims: true }); // [[3], [7]]
 * ```
 */
export function sum(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Sum along an axis, or with `keepdims`, as an array. */
export function sum(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Sum with options only known at run time. */
export function sum(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function sum(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "sum");
  const source = toArray(a, "sum");
  const { axis, keepdims } = readOptions(options, "sum");
  const layout = layoutOf(source, axis, "sum");
  if (source.dtype !== "float64") {
    return finish(integerSums(source, layout), layout, keepdims, "int64") as NDArray | number;
  }
  const values = floatSums(source, layout, false);
  const strides = sumStrides;
  return finish(values, layout, keepdims, "float64", strides) as NDArray | number;
}

/**
 * Arithmetic mean (`np.mean`): the float64 sum divided by the count, as NumPy
 * computes it.
 *
 * @example
 * ```ts
 * import { array, mean } from "../mod.ts";
 * mean(array([1, 2, 3, 4])); // 2.5
 * mean(array([[1, 2], [3, 4]]), { axis: 0, keepdims: true }); // [[2, 3]]
 * ```
 */
export function mean(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Mean along an axis, or with `keepdims`, as an array. */
export function mean(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Mean with options only known at run time. */
export function mean(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function mean(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "mean");
  const source = toArray(a, "mean");
  const { axis, keepdims } = readOptions(options, "mean");
  const layout = layoutOf(source, axis, "mean");
  const values = floatSums(source, layout, source.dtype !== "float64");
  const strides = sumStrides;
  if (layout.length === 0) warnRuntimeOnce("Mean of empty slice");
  divideBy(values, layout.length, scalarResult(layout, keepdims));
  return finish(values, layout, keepdims, "float64", strides) as NDArray | number;
}

/**
 * Variance (`np.var`), computed as NumPy does: the mean of squared
 * deviations from the mean, divided by `count - ddof`.
 *
 * @example
 * ```ts
 * import { array, variance } from "../mod.ts";
 * variance(array([1, 2, 3, 4])); // 1.25
 * ```
 */
export function variance(a: ArrayInput, options?: ScalarReduceOptions & { ddof?: number }): number;
/** Variance along an axis, or with `keepdims`, as an array. */
export function variance(
  a: ArrayInput,
  options: number | (ArrayReduceOptions & { ddof?: number }),
): NDArray;
/** Variance with options only known at run time. */
export function variance(a: ArrayInput, options?: number | VarianceOptions): NDArray | number;
export function variance(
  a: ArrayInput,
  options?: number | VarianceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "var");
  return varianceOf(a, options, "var");
}

/** {@link variance}, with errors naming the function the caller used. */
function varianceOf(
  a: ArrayInput,
  options: number | VarianceOptions | undefined,
  operation: string,
): NDArray | number {
  const source = toArray(a, operation);
  const settings = readOptions(options, operation, VARIANCE_OPTIONS);
  const ddof = settings.ddof ?? 0;
  if (typeof ddof !== "number" || !Number.isFinite(ddof)) {
    throw new TypeError(`${operation}: ddof must be a finite number, got ${describe(ddof)}`);
  }
  const layout = layoutOf(source, settings.axis, operation);
  if (ddof >= layout.length) warnRuntimeOnce("Degrees of freedom <= 0 for slice");
  // As NumPy computes it: the mean (kept as an axis of length 1), the
  // squared deviations from it, laid out as NumPy's subtraction lays them
  // out, and their sum.
  const means = floatSums(source, layout, source.dtype !== "float64");
  const meanStrides = sumStrides;
  // NumPy divides the kept-dimension sums, an array, so this is "divide".
  divideBy(means, layout.length, false);
  const squares = squaredDeviations(source, layout, means, meanStrides);
  const values = floatSums(squares, layout, false);
  const strides = sumStrides;
  const divisor = Math.max(layout.length - ddof, 0);
  divideBy(values, divisor, scalarResult(layout, settings.keepdims));
  return finish(values, layout, settings.keepdims, "float64", strides) as NDArray | number;
}

/**
 * `(x - mean)**2` for every element, as a float64 array: in C order for a
 * contiguous array, otherwise in the order NumPy's ufunc lays its result
 * out (the array's own order), which decides the order of the sum after.
 */
function squaredDeviations(
  source: NDArray,
  layout: Layout,
  means: Float64Array,
  meanStrides: readonly number[] | undefined,
): NDArray {
  const { outer, length, inner } = layout;
  const { storage, offset, strides, contiguous } = arrays.layout(source);
  if (contiguous && storage.f64 !== null && meanStrides === undefined) {
    const data = source.data;
    const squares = new Float64Array(source.size);
    for (let block = 0; block < outer; block++) {
      for (let row = 0; row < length; row++) {
        const base = (block * length + row) * inner;
        for (let j = 0; j < inner; j++) {
          const deviation = data[base + j] - means[block * inner + j];
          squares[base + j] = deviation * deviation;
        }
      }
    }
    return wrap(squares, source.shape, "float64");
  }
  const shape = source.shape;
  const values = storage.f64 ?? Float64Array.from(storage.i64!, Number);
  const meanAt = meanStrides ?? keptStrides(shape, layout);
  const meanRead = shape.map((
    _,
    axis,
  ) => (layout.axis === null || axis === layout.axis ? 0 : meanAt[axis]));
  const order = iterationOrder(shape, [strides, meanRead]);
  const squares = new Float64Array(source.size);
  const index = new Array<number>(shape.length).fill(0);
  let at = offset;
  let mean = 0;
  for (let i = 0; i < squares.length; i++) {
    const deviation = values[at] - means[mean];
    squares[i] = deviation * deviation;
    for (let d = shape.length - 1; d >= 0; d--) {
      const axis = order[d];
      if (++index[axis] < shape[axis]) {
        at += strides[axis];
        mean += meanRead[axis];
        break;
      }
      index[axis] = 0;
      at -= strides[axis] * (shape[axis] - 1);
      mean -= meanRead[axis] * (shape[axis] - 1);
    }
  }
  return arrays.make({ f64: squares, i64: null }, shape, "float64", orderedStrides(shape, order));
}

/** C-order strides of the reduced result, over all axes (0 on reduced ones). */
function keptStrides(shape: readonly number[], layout: Layout): number[] {
  const strides = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1, stride = 1; axis >= 0; axis--) {
    if (layout.axis === null || axis === layout.axis) continue;
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * Standard deviation (`np.std`): the square root of {@link variance}.
 *
 * @example
 * ```ts
 * import { array, std } from "../mod.ts";
 * std(array([1, 2, 3, 4])); // 1.118033988749895
 * ```
 */
export function std(a: ArrayInput, options?: ScalarReduceOptions & { ddof?: number }): number;
/** Standard deviation along an axis, or with `keepdims`, as an array. */
export function std(
  a: ArrayInput,
  options: number | (ArrayReduceOptions & { ddof?: number }),
): NDArray;
/** Standard deviation with options only known at run time. */
export function std(a: ArrayInput, options?: number | VarianceOptions): NDArray | number;
export function std(
  a: ArrayInput,
  options?: number | VarianceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "std");
  const squared = varianceOf(a, options, "std");
  if (typeof squared === "number") return Math.sqrt(squared);
  // A new array of the variances, each replaced by its square root.
  const values = arrays.layout(squared).storage.f64!;
  for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(values[i]);
  return squared;
}

// How a candidate replaces the best so far. Between equal values NumPy's
// max keeps the later one (which only shows for 0 and -0), so ">=" rather
// than ">"; argmax keeps the first.
const LATER_IF_NOT_SMALLER = 0; // max
const LATER_IF_NOT_LARGER = 1; // min
const STRICTLY_LARGER = 2; // argmax
const STRICTLY_SMALLER = 3; // argmin
type Better = number;

/**
 * The position (0 to `length - 1`) of the winner among `length` values of
 * `data` from `start`, `stride` apart. NaN always wins and then stays, as in
 * NumPy. The rule is chosen once per line, each with a loop of its own.
 */
function winner(
  data: Float64Array,
  start: number,
  length: number,
  stride: number,
  better: Better,
): number {
  let best = data[start];
  let bestIndex = 0;
  let at = start + stride;
  switch (better) {
    case LATER_IF_NOT_SMALLER:
      for (let row = 1; row < length && best === best; row++, at += stride) {
        const candidate = data[at];
        if (candidate !== candidate || candidate >= best) {
          best = candidate;
          bestIndex = row;
        }
      }
      return bestIndex;
    case LATER_IF_NOT_LARGER:
      for (let row = 1; row < length && best === best; row++, at += stride) {
        const candidate = data[at];
        if (candidate !== candidate || candidate <= best) {
          best = candidate;
          bestIndex = row;
        }
      }
      return bestIndex;
    case STRICTLY_LARGER:
      for (let row = 1; row < length && best === best; row++, at += stride) {
        const candidate = data[at];
        if (candidate !== candidate || candidate > best) {
          best = candidate;
          bestIndex = row;
        }
      }
      return bestIndex;
    default:
      for (let row = 1; row < length && best === best; row++, at += stride) {
        const candidate = data[at];
        if (candidate !== candidate || candidate < best) {
          best = candidate;
          bestIndex = row;
        }
      }
      return bestIndex;
  }
}

/**
 * Walks each reduced line and keeps the winning value or position: int64
 * values past 2**53 compared as 64-bit integers, everything else as doubles.
 */
function extreme(
  a: NDArray,
  layout: Layout,
  better: Better,
  wantIndex: boolean,
  operation: string,
): Float64Array | BigInt64Array {
  const { outer, length, inner } = layout;
  if (length === 0) {
    throw new RangeError(
      wantIndex
        ? `${operation}: attempt to get ${operation} of an empty sequence`
        : `${operation}: zero-size array to reduction operation ${operation} which has no identity`,
    );
  }
  if (isWide(a)) return integerExtreme(integersOf(a), layout, better, wantIndex);
  const out = new Float64Array(outer * inner);
  const data = a.data;
  for (let block = 0; block < outer; block++) {
    for (let j = 0; j < inner; j++) {
      const start = block * length * inner + j;
      const index = winner(data, start, length, inner, better);
      out[block * inner + j] = wantIndex ? index : data[start + index * inner];
    }
  }
  return out;
}

/** {@link extreme} over exact 64-bit values (positions come back as doubles). */
function integerExtreme(
  data: BigInt64Array,
  layout: Layout,
  better: Better,
  wantIndex: boolean,
): Float64Array | BigInt64Array {
  const { outer, length, inner } = layout;
  const values = new BigInt64Array(outer * inner);
  const positions = new Float64Array(outer * inner);
  for (let block = 0; block < outer; block++) {
    for (let j = 0; j < inner; j++) {
      const start = block * length * inner + j;
      let best = data[start];
      let bestIndex = 0;
      for (let row = 1; row < length; row++) {
        const candidate = data[start + row * inner];
        const wins = better === LATER_IF_NOT_SMALLER
          ? candidate >= best
          : better === LATER_IF_NOT_LARGER
          ? candidate <= best
          : better === STRICTLY_LARGER
          ? candidate > best
          : candidate < best;
        if (wins) {
          best = candidate;
          bestIndex = row;
        }
      }
      values[block * inner + j] = best;
      positions[block * inner + j] = bestIndex;
    }
  }
  return wantIndex ? positions : values;
}

/**
 * Largest element (`np.max`); NaN if any element is NaN. The largest of a
 * bool array is a boolean, as NumPy's is `np.True_` or `np.False_`.
 *
 * @example
 * ```ts
 * import { array, max } from "../mod.ts";
 * max(array([[1, 5], [3, 2]])); // 5
 * max(array([[1, 5], [3, 2]]), { axis: 1, keepdims: true }); // [[5], [3]]
 * ```
 */
export function max(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Largest element along an axis, or with `keepdims`, as an array. */
export function max(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Largest element with options only known at run time. */
export function max(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function max(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "max");
  const source = toArray(a, "max");
  const { axis, keepdims } = readOptions(options, "max");
  const layout = layoutOf(source, axis, "max");
  const values = extreme(source, layout, LATER_IF_NOT_SMALLER, false, "maximum");
  return finish(values, layout, keepdims, source.dtype) as NDArray | number;
}

/**
 * Smallest element (`np.min`); NaN if any element is NaN. The smallest of a
 * bool array is a boolean.
 *
 * @example
 * ```ts
 * import { array, min } from "../mod.ts";
 * min(array([[1, 5], [3, 2]]), 0); // [1, 2]
 * ```
 */
export function min(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Smallest element along an axis, or with `keepdims`, as an array. */
export function min(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Smallest element with options only known at run time. */
export function min(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function min(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "min");
  const source = toArray(a, "min");
  const { axis, keepdims } = readOptions(options, "min");
  const layout = layoutOf(source, axis, "min");
  const values = extreme(source, layout, LATER_IF_NOT_LARGER, false, "minimum");
  return finish(values, layout, keepdims, source.dtype) as NDArray | number;
}

/**
 * Index of the first largest element (`np.argmax`): into the flattened
 * array without an axis, along the axis (as int64) with one.
 *
 * @example
 * ```ts
 * import { argmax, array } from "../mod.ts";
 * argmax(array([[0.1, 0.9], [0.8, 0.2]]), { axis: 1 }); // [1, 0]
 * ```
 */
export function argmax(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Index of the largest element along an axis, as an int64 array. */
export function argmax(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Index of the largest element with options only known at run time. */
export function argmax(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function argmax(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "argmax");
  const source = toArray(a, "argmax");
  const { axis, keepdims } = readOptions(options, "argmax");
  const layout = layoutOf(source, axis, "argmax");
  const values = extreme(source, layout, STRICTLY_LARGER, true, "argmax");
  return finish(values, layout, keepdims, "int64") as NDArray | number;
}

/**
 * Index of the first smallest element (`np.argmin`).
 *
 * @example
 * ```ts
 * import { argmin, array } from "../mod.ts";
 * argmin(array([3, 1, 2, 1])); // 1
 * ```
 */
export function argmin(a: ArrayInput, options?: ScalarReduceOptions): number;
/** Index of the smallest element along an axis, as an int64 array. */
export function argmin(a: ArrayInput, options: number | ArrayReduceOptions): NDArray;
/** Index of the smallest element with options only known at run time. */
export function argmin(a: ArrayInput, options?: number | ReduceOptions): NDArray | number;
export function argmin(
  a: ArrayInput,
  options?: number | ReduceOptions,
  ...extra: unknown[]
): NDArray | number {
  checkExtraArguments(extra, "argmin");
  const source = toArray(a, "argmin");
  const { axis, keepdims } = readOptions(options, "argmin");
  const layout = layoutOf(source, axis, "argmin");
  const values = extreme(source, layout, STRICTLY_SMALLER, true, "argmin");
  return finish(values, layout, keepdims, "int64") as NDArray | number;
}

/**
 * Cumulative sum (`np.cumsum`): of the flattened elements (row by row)
 * without an axis, along `axis` with one. Each sum adds the next element
 * to the one before, from the first element, as NumPy accumulates. Integer
 * and bool arrays sum to int64, wrapping around at 2**63 as NumPy's do.
 *
 * @example
 * ```ts
 * import { array, cumsum } from "../mod.ts";
 * cumsum(array([1, 2, 3])); // [1, 3, 6]
 * cumsum(array([[1, 2], [3, 4]]), 0); // [[1, 2], [4, 6]]
 * ```
 */
export function cumsum(a: ArrayInput, axis?: number | null): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "cumsum");
  const source = toArray(a, "cumsum");
  const sums = cumulativeSums(source, axis);
  if (axis === undefined || axis === null) return sums;
  // NumPy lays the result out as its iterator visits the input (a
  // transpose's sums stay column-major), which later sums over it follow.
  const order = iterationOrder(source.shape, [arrays.layout(source).strides]);
  if (order.every((each, i) => each === i)) return sums;
  const [storage, strides] = copyInOrder(sums, order);
  return arrays.make(storage, sums.shape, sums.dtype, strides);
}

/** The cumulative sums of {@link cumsum}, in C order. */
function cumulativeSums(source: NDArray, axis: number | null | undefined): NDArray {
  if (axis === undefined || axis === null) {
    source = ravel(source);
    axis = 0;
  }
  const layout = layoutOf(source, axis, "cumsum");
  const { outer, length, inner } = layout;
  const size = source.size;
  if (source.dtype === "float64") {
    const data = doublesOf(source);
    const out = new Float64Array(size);
    for (let block = 0; block < outer; block++) {
      for (let row = 0; row < length; row++) {
        const at = (block * length + row) * inner;
        for (let j = 0; j < inner; j++) {
          out[at + j] = row === 0 ? data[at + j] : out[at + j - inner] + data[at + j];
        }
      }
    }
    return wrap(out, source.shape, "float64");
  }
  if (!isWide(source)) {
    const data = doublesOf(source);
    const out = new Float64Array(size);
    let safe = true;
    for (let block = 0; block < outer && safe; block++) {
      for (let row = 0; row < length && safe; row++) {
        const at = (block * length + row) * inner;
        for (let j = 0; j < inner; j++) {
          const total = row === 0 ? data[at + j] : out[at + j - inner] + data[at + j];
          out[at + j] = total;
          if (total > MAX_SAFE || total < -MAX_SAFE) safe = false;
        }
      }
    }
    if (safe) return wrap(out, source.shape, "int64");
  }
  const data = integersOf(source);
  const out = new BigInt64Array(size);
  for (let block = 0; block < outer; block++) {
    for (let row = 0; row < length; row++) {
      const at = (block * length + row) * inner;
      for (let j = 0; j < inner; j++) {
        out[at + j] = row === 0
          ? data[at + j]
          : BigInt.asIntN(64, out[at + j - inner] + data[at + j]);
      }
    }
  }
  return wrapIntegers(out, source.shape);
}

// As for the element-wise operations: compiled before a cell's first call.
whenIdle(() => {
  const a = array([[1, 2], [3, 4], [5, 6]]);
  for (const reduce of [sum, mean, max, min, argmax]) {
    reduce(a);
    reduce(a, { axis: 0 });
    reduce(a, { axis: 1, keepdims: true });
  }
});
