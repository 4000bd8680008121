/**
 * Making arrays: from nested JS arrays, filled with a constant, identity
 * matrices and evenly spaced ranges.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { DType, Shape } from "./ndarray.ts";
import { castValue, doubleToInt64, scalarKind, scalarToInt64 } from "./dtype.ts";
import {
  allocate,
  checkArgumentCount,
  checkDimensionCount,
  checkDType,
  checkOptions,
  checkShape,
  describe,
} from "./_util.ts";
import { formatShape, sameShape, shapeSize, unravelIndex } from "./_shape.ts";
import {
  arrays,
  copyElements,
  doublesOf,
  Int64Builder,
  integersOf,
  isWide,
  MAX_SAFE,
  type Storage,
  wrap,
} from "./_storage.ts";
import { warnOnce } from "./warnings.ts";

/**
 * A number, a boolean, a bigint, or arbitrarily nested arrays of them
 * (Python's nested lists). A bigint stands for a Python int of any size.
 *
 * @example
 * ```ts
 * import { array, type NestedArray } from "../mod.ts";
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * array(rows).shape; // [2, 2]
 * ```
 */
export type NestedArray = number | boolean | bigint | readonly NestedArray[];

/**
 * Nested arrays whose innermost items may also be NDArrays (stacked as sub-arrays).
 *
 * @example
 * ```ts
 * import { array, type NestedInput } from "../mod.ts";
 * const stacked: NestedInput = [array([1, 2]), array([3, 4])];
 * array(stacked).shape; // [2, 2]
 * ```
 */
export type NestedInput = number | boolean | bigint | NDArray | readonly NestedInput[];

/**
 * Anything an array can be made from: an NDArray, nested arrays, a scalar or a typed array.
 *
 * @example
 * ```ts
 * import { type ArrayInput, asarray } from "../mod.ts";
 * const inputs: ArrayInput[] = [2.5, [1, 2], new Float64Array([1, 2])];
 * inputs.map((input) => asarray(input).shape); // [[], [2], [2]]
 * ```
 */
export type ArrayInput = NestedInput | Float64Array | Int32Array | Float32Array | BigInt64Array;

function isTypedArray(
  value: unknown,
): value is Float64Array | Int32Array | Float32Array | BigInt64Array {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Walks the first element at each depth to find the shape nested arrays claim. */
function detectShape(nested: NestedInput): number[] {
  const shape: number[] = [];
  let level: NestedInput = nested;
  while (Array.isArray(level)) {
    shape.push(level.length);
    checkDimensionCount(shape.length, "array");
    if (level.length === 0) break;
    level = level[0];
  }
  if (level instanceof NDArray) shape.push(...level.shape);
  checkDimensionCount(shape.length, "array");
  return shape;
}

const RANK: Record<DType, number> = { bool: 0, int64: 1, float64: 2 };

/**
 * Creates an array from nested JS arrays (like `np.array`), or copies an
 * existing NDArray. Without a dtype the result is float64, bool when every
 * element is a boolean, or int64 when the elements are bigints (Python
 * ints) and booleans. Nested arrays must be rectangular; their innermost
 * items may be NDArrays of equal shapes, which are stacked (and then lend
 * their dtype). Python scalars become int64 as NumPy stores them:
 * truncated toward zero, and refused when NaN, infinite or past int64's
 * range (`array([2 ** 63], "int64")`).
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * const X = array([[2.0, 3.0], [1.0, 1.0]]); // shape [2, 2], float64
 * const y = array([1, 0], "int64");
 * const mask = array([true, false]); // bool
 * const stacked = array([y, y]); // shape [2, 2], int64
 * const big = array([2n ** 62n + 1n]); // int64, exact
 * ```
 */
export function array(input: ArrayInput, dtype?: DType): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "array");
  if (dtype !== undefined) checkDType(dtype, "array");
  if (input instanceof NDArray) return convert(input, dtype ?? input.dtype, true);
  if (isTypedArray(input)) {
    const source = input instanceof BigInt64Array
      ? new NDArray(input.slice(), [input.length], "int64")
      : wrap(Float64Array.from(input), [input.length], "float64");
    return convert(source, dtype ?? source.dtype, false);
  }
  if (
    typeof input !== "number" && typeof input !== "boolean" && typeof input !== "bigint" &&
    !Array.isArray(input)
  ) {
    throw new TypeError(
      `array: expected a number, a boolean, nested arrays of them or an NDArray, got ${
        describe(input)
      }`,
    );
  }
  const nested = input as NestedInput;
  const shape = detectShape(nested);
  const data = new Float64Array(shapeSize(shape));
  // Exact values of bigints past 2**53 (data holds their nearest doubles).
  let exact: Map<number, bigint> | undefined;
  let position = 0;
  // Plain numbers count as float64, bigints as int64 and booleans as bool;
  // NDArray items bring their own dtype. The result takes the largest.
  let inferred: DType | undefined;
  const infer = (kind: DType) => {
    if (inferred === undefined || RANK[kind] > RANK[inferred]) inferred = kind;
  };
  const fill = (level: NestedInput, depth: number): void => {
    if (level instanceof NDArray) {
      const expected = shape.slice(depth);
      if (!sameShape(level.shape, expected)) {
        throw new TypeError(
          `array: nested arrays are not rectangular: at depth ${depth} expected shape ${
            formatShape(expected)
          } but found an array of shape ${formatShape(level.shape)}`,
        );
      }
      data.set(doublesOf(level), position);
      if (isWide(level)) {
        const values = integersOf(level);
        exact ??= new Map();
        for (let i = 0; i < values.length; i++) exact.set(position + i, values[i]);
      }
      position += level.size;
      infer(level.dtype);
      return;
    }
    if (depth === shape.length) {
      if (Array.isArray(level)) {
        throw new TypeError(
          `array: nested arrays are not rectangular: at depth ${depth} found a list ` +
            `where a number was expected (the detected shape was ${
              formatShape(shape)
            } + inhomogeneous part)`,
        );
      }
      if (typeof level === "boolean") {
        data[position++] = level ? 1 : 0;
        infer("bool");
      } else if (typeof level === "number") {
        data[position++] = level;
        infer("float64");
      } else if (typeof level === "bigint") {
        data[position] = Number(level);
        if (level > 9007199254740991n || level < -9007199254740991n) {
          exact ??= new Map();
          exact.set(position, level);
        }
        position++;
        infer("int64");
      } else {
        const where = shape.length === 0
          ? ""
          : ` at index [${unravelIndex(position, shape).join(", ")}]`;
        throw new TypeError(
          `array: cannot make an array element from ${describe(level)}${where}; ` +
            "elements must be numbers, booleans or bigints",
        );
      }
      return;
    }
    if (!Array.isArray(level) || level.length !== shape[depth]) {
      const found = Array.isArray(level) ? `length ${level.length}` : "a number";
      throw new TypeError(
        `array: nested arrays are not rectangular: at depth ${depth} expected length ` +
          `${shape[depth]} but found ${found} (the detected shape was ${
            formatShape(shape.slice(0, depth))
          } + inhomogeneous part)`,
      );
    }
    for (const item of level as readonly NestedInput[]) fill(item, depth + 1);
  };
  fill(nested, 0);
  const target = dtype ?? inferred ?? "float64";
  if (target === "float64") return wrap(data, shape, target);
  if (target === "bool") {
    for (let i = 0; i < data.length; i++) data[i] = data[i] !== 0 ? 1 : 0;
    return wrap(data, shape, target);
  }
  const values = new Int64Builder(data.length);
  for (let i = 0; i < data.length; i++) {
    values.set(i, scalarToInt64(exact?.get(i) ?? data[i], "array"));
  }
  return arrays.make(values.storage(), shape, "int64");
}

/**
 * A copy of `a` converted to `dtype` as NumPy's `astype` converts
 * (`copy()` when the dtype is the same), laid out in `a`'s own order with
 * `keepOrder` (NumPy's order "K"), in C order otherwise. Float to int64 is
 * the processor's cast: truncation toward zero, and -2**63 for NaN, ±inf
 * and values past the range, with NumPy's warning.
 */
function convert(a: NDArray, dtype: DType, keepOrder: boolean): NDArray {
  const [storage, strides] = copyElements(a, keepOrder);
  if (dtype === a.dtype) return arrays.result(storage, a.shape, dtype, strides, false);
  let converted: Storage;
  if (dtype === "float64") {
    converted = storage.f64 !== null ? storage : { f64: doublesOfWide(storage.i64!), i64: null };
  } else if (dtype === "bool") {
    const out = new Float64Array(a.size);
    if (storage.f64 !== null) {
      const from = storage.f64;
      for (let i = 0; i < out.length; i++) out[i] = from[i] !== 0 ? 1 : 0;
    } else {
      const from = storage.i64!;
      for (let i = 0; i < out.length; i++) out[i] = from[i] !== 0n ? 1 : 0;
    }
    converted = { f64: out, i64: null };
  } else if (a.dtype !== "float64") {
    converted = storage;
  } else {
    const from = storage.f64!;
    const values = new Int64Builder(from.length);
    let invalid = false;
    const flag = () => {
      invalid = true;
    };
    for (let i = 0; i < from.length; i++) values.set(i, doubleToInt64(from[i], flag));
    if (invalid) warnOnce("cast", "invalid value");
    converted = values.storage();
  }
  return arrays.result(converted, a.shape, dtype, strides, false);
}

function doublesOfWide(values: BigInt64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return out;
}

/**
 * A copy of `a` converted to `dtype` (NumPy's `a.astype(dtype)`), laid out
 * in `a`'s own order as NumPy's default order "K" does. To int64, floats
 * are cast as NumPy casts them: truncated toward zero, and NaN, ±inf and
 * values past ±2**63 become -2**63 with NumPy's warning `invalid value
 * encountered in cast`.
 *
 * @example
 * ```ts
 * import { array, astype } from "../mod.ts";
 * astype(array([1.7, -1.7]), "int64"); // array([ 1, -1])
 * ```
 */
export function astype(a: ArrayInput, dtype: DType): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "astype");
  checkDType(dtype, "astype");
  return convert(toArray(a, "astype"), dtype, true);
}

/**
 * Returns `input` itself when it already is an NDArray of the wanted dtype,
 * otherwise converts it like {@link array} (NumPy's `np.asarray`).
 *
 * @example
 * ```ts
 * import { asarray, zeros } from "../mod.ts";
 * const a = zeros(3);
 * console.log(asarray(a) === a); // true
 * ```
 */
export function asarray(input: ArrayInput, dtype?: DType): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "asarray");
  return toArray(input, "asarray", dtype);
}

/**
 * {@link asarray} for the library's own functions: a conversion error
 * names `operation` (`sum: nested arrays are not rectangular ...`) where
 * {@link array} would name itself. Every operation that accepts array-like
 * input converts it here.
 */
export function toArray(input: ArrayInput, operation: string, dtype?: DType): NDArray {
  if (input instanceof NDArray && (dtype === undefined || dtype === input.dtype)) return input;
  try {
    return array(input, dtype);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("array: ")) {
      const message = `${operation}: ${error.message.slice("array: ".length)}`;
      throw error instanceof RangeError ? new RangeError(message) : new TypeError(message);
    }
    throw error;
  }
}

/**
 * An operand of an element-wise operation: JS numbers, bigints and
 * booleans stay as they are, NumPy 2's weak scalars, and anything else
 * goes through {@link toArray}.
 */
export function toOperand(
  value: ArrayInput,
  operation: string,
): NDArray | number | boolean | bigint {
  if (
    value instanceof NDArray || typeof value === "number" || typeof value === "boolean" ||
    typeof value === "bigint"
  ) {
    return value;
  }
  return toArray(value, operation);
}

/**
 * An array of the given shape filled with `value` (`np.full`). The dtype
 * defaults to float64 (a JS number cannot tell `7` from `7.0`), int64 for a
 * bigint, or bool for a boolean value. Into int64 a bigint must fit its
 * range; a number is cast as NumPy casts a float into int64 (truncated;
 * NaN, ±inf and values past ±2**63 become -2**63, with NumPy's warning).
 *
 * @example
 * ```ts
 * import { full } from "../mod.ts";
 * full([2, 2], 7); // [[7, 7], [7, 7]]
 * full(2, 2n ** 62n); // array([4611686018427387904, 4611686018427387904])
 * ```
 */
export function full(
  shape: number | Shape,
  value: number | boolean | bigint,
  dtype?: DType,
): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "full");
  return filledArray(shape, value, dtype, "full");
}

/** {@link full} with errors naming the function the caller used. */
function filledArray(
  shape: number | Shape,
  value: number | boolean | bigint,
  dtype: DType | undefined,
  operation: string,
): NDArray {
  if (dtype !== undefined) checkDType(dtype, operation);
  const dims = checkShape(shape, operation);
  if (typeof value !== "number" && typeof value !== "boolean" && typeof value !== "bigint") {
    throw new TypeError(
      `${operation}: the fill value must be a number, a boolean or a bigint, got ${
        describe(value)
      }`,
    );
  }
  const target = dtype ?? (typeof value === "number" ? "float64" : scalarKind(value));
  let stored: number | bigint;
  if (
    target === "int64" && typeof value === "number" &&
    !(Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63)
  ) {
    // A float (a number no int64 holds is one) is cast as an array is, as
    // NumPy's full copies it in: NaN, ±inf and values past the range become
    // -2**63, with NumPy's warning.
    stored = doubleToInt64(value, () => warnOnce("cast", "invalid value"));
  } else {
    stored = castValue(typeof value === "boolean" ? Number(value) : value, target, operation);
  }
  const data = allocate(dims, operation, target);
  if (typeof stored === "bigint") {
    return arrays.make(
      { f64: null, i64: new BigInt64Array(data.length).fill(stored) },
      dims,
      target,
    );
  }
  // Fresh storage holds +0 already; -0 (a distinct float) is written.
  if (!Object.is(stored, 0)) data.fill(stored);
  return wrap(data, dims, target);
}

/**
 * An array of zeros (`np.zeros`): `zeros(4)`, `zeros([1, 2])`, `zeros(3, "int64")`.
 *
 * @example
 * ```ts
 * import { zeros } from "../mod.ts";
 * const b1 = zeros([1, 2]); // [[0, 0]]
 * ```
 */
export function zeros(shape: number | Shape, dtype: DType = "float64"): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "zeros");
  return filledArray(shape, 0, dtype, "zeros");
}

/**
 * An array of ones (`np.ones`).
 *
 * @example
 * ```ts
 * import { ones } from "../mod.ts";
 * ones(3); // [1, 1, 1]
 * ```
 */
export function ones(shape: number | Shape, dtype: DType = "float64"): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "ones");
  return filledArray(shape, 1, dtype, "ones");
}

/**
 * Zeros with the shape and dtype of `a` (`np.zeros_like`).
 *
 * @example
 * ```ts
 * import { array, zerosLike } from "../mod.ts";
 * zerosLike(array([[1, 2], [3, 4]])); // [[0, 0], [0, 0]]
 * ```
 */
export function zerosLike(a: NDArray, dtype?: DType): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "zerosLike");
  const source = toArray(a, "zerosLike");
  return filledArray(source.shape, 0, dtype ?? source.dtype, "zerosLike");
}

/**
 * Ones with the shape and dtype of `a` (`np.ones_like`).
 *
 * @example
 * ```ts
 * import { array, onesLike } from "../mod.ts";
 * onesLike(array([1, 2, 3])); // [1, 1, 1]
 * ```
 */
export function onesLike(a: NDArray, dtype?: DType): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "onesLike");
  const source = toArray(a, "onesLike");
  return filledArray(source.shape, 1, dtype ?? source.dtype, "onesLike");
}

/**
 * `value` repeated in the shape of `a` (`np.full_like`), with `a`'s dtype.
 *
 * @example
 * ```ts
 * import { array, fullLike } from "../mod.ts";
 * fullLike(array([1, 2]), 0.5); // [0.5, 0.5]
 * ```
 */
export function fullLike(a: NDArray, value: number | boolean | bigint, dtype?: DType): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "fullLike");
  const source = toArray(a, "fullLike");
  return filledArray(source.shape, value, dtype ?? source.dtype, "fullLike");
}

/**
 * Keyword options of {@link eye}, spelled as NumPy's keywords.
 *
 * @example
 * ```ts
 * import { eye, type EyeOptions } from "../mod.ts";
 * const above: EyeOptions = { k: 1 };
 * eye(3, above); // ones just above the diagonal
 * eye(2, { M: 3 }); // 2 rows, 3 columns
 * ```
 */
export interface EyeOptions {
  /** Number of columns (default: the number of rows), NumPy's `M`. */
  M?: number;
  /** The same as `M`, in lower case. */
  m?: number;
  /** Which diagonal holds the ones: 0 the main one, positive above, negative below. */
  k?: number;
  /** Element type (default float64). */
  dtype?: DType;
}

/**
 * A 2-D array with ones on a diagonal and zeros elsewhere (`np.eye`):
 * `eye(N)`, `eye(N, M)` or `eye(N, { M, k, dtype })`.
 * `eye(n).take(labels)` one-hot encodes integer labels.
 *
 * @example
 * ```ts
 * import { array, eye } from "../mod.ts";
 * eye(2); // [[1, 0], [0, 1]]
 * eye(2).take(array([1, 0, 1], "int64")); // one-hot rows
 * ```
 */
export function eye(n: number, options: number | null | EyeOptions = {}): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "eye");
  if (typeof options === "number" || options === null) options = { M: options ?? undefined };
  checkOptions(options, ["M", "m", "k", "dtype"], "eye");
  if (options.M !== undefined && options.m !== undefined) {
    throw new TypeError("eye: got both M and m (they name the same option, the column count)");
  }
  const { k = 0, dtype = "float64" } = options;
  const m = options.M ?? options.m ?? n;
  checkDType(dtype, "eye");
  const shape = checkShape([n, m], "eye");
  if (!Number.isInteger(k)) {
    throw new TypeError(`eye: the diagonal k must be an integer, got ${describe(k)}`);
  }
  const data = allocate(shape, "eye", dtype);
  for (let row = 0; row < n; row++) {
    const column = row + k;
    if (column >= 0 && column < m) data[row * m + column] = 1;
  }
  return wrap(data, shape, dtype);
}

/** `ceil(a / b)` for bigints of either sign. */
function ceilDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && (a > 0n) === (b > 0n) ? quotient + 1n : quotient;
}

/**
 * Evenly spaced values in `[start, stop)` (`np.arange`): `arange(stop)` or
 * `arange(start, stop, step)`. The result is int64 when every argument is an
 * integer (a bigint, or an integer-valued number: a Python int, counted
 * exactly), float64 otherwise, as in NumPy. As NumPy does, the first two
 * values are converted to the dtype and the rest continue their
 * difference: `arange(0.5, 3, 0.5, "int64")` is `[0, 1, 2, 3, 4]`.
 *
 * @example
 * ```ts
 * import { arange } from "../mod.ts";
 * arange(4); // [0, 1, 2, 3] (int64)
 * arange(0, 1, 0.25); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(
  startOrStop: number | bigint,
  stop?: number | bigint,
  step: number | bigint = 1,
  dtype?: DType,
): NDArray {
  if (arguments.length > 4) checkArgumentCount(arguments, 4, "arange");
  const start = stop === undefined ? 0 : startOrStop;
  const end = stop === undefined ? startOrStop : stop;
  for (const [name, value] of [["start", start], ["stop", end], ["step", step]] as const) {
    if (typeof value !== "number" && typeof value !== "bigint") {
      throw new TypeError(`arange: ${name} must be a number, got ${describe(value)}`);
    }
  }
  if (step === 0 || step === 0n) {
    throw new RangeError("arange: step must not be zero (division by zero)");
  }
  const isInteger = (value: number | bigint) =>
    typeof value === "bigint" || Number.isInteger(value);
  const integers = isInteger(start) && isInteger(end) && isInteger(step);
  const target = dtype ?? (integers ? "int64" : "float64");
  checkDType(target, "arange");
  const shown = `start = ${start}, stop = ${end}, step = ${step}`;
  let steps: number;
  if (integers) {
    steps = Number(ceilDivide(BigInt(end) - BigInt(start), BigInt(step)));
  } else {
    steps = Math.ceil((Number(end) - Number(start)) / Number(step));
    if (steps !== steps) throw new RangeError(`arange: cannot compute length (${shown})`);
    if (steps === Infinity) {
      throw new RangeError(`arange: Maximum allowed size exceeded (${shown})`);
    }
  }
  const length = Math.max(0, steps);
  const data = allocate([length], "arange", target);
  if (target !== "int64") {
    const first = Number(start);
    // NumPy fills from the first two values, so its increment is
    // (start + step) - start, which can differ from step in the last bit.
    const second = integers ? Number(BigInt(start) + BigInt(step)) : first + Number(step);
    const delta = second - first;
    if (length > 0) data[0] = first;
    if (length > 1) data[1] = second;
    for (let i = 2; i < length; i++) data[i] = first + i * delta;
    if (target === "bool") {
      for (let i = 0; i < length; i++) data[i] = data[i] !== 0 ? 1 : 0;
    }
    return wrap(data, [length], target);
  }
  // int64: the first two values as NumPy stores them (a float truncated),
  // then each one more difference along, wrapping around as int64 does.
  const toInteger = (value: number | bigint) => BigInt(scalarToInt64(value, "arange"));
  const first = toInteger(start);
  const second = integers
    ? BigInt.asIntN(64, BigInt(start) + BigInt(step))
    : toInteger(Number(start) + Number(step));
  const delta = BigInt.asIntN(64, second - first);
  const reach = Number(first < 0n ? -first : first) +
    Number(delta < 0n ? -delta : delta) * Math.max(length - 1, 0);
  if (reach <= MAX_SAFE) {
    const from = Number(first);
    const by = Number(delta);
    for (let i = 0; i < length; i++) data[i] = from + i * by;
    return wrap(data, [length], "int64");
  }
  const values = new Int64Builder(length);
  for (let i = 0; i < length; i++) {
    values.set(i, BigInt.asIntN(64, first + BigInt(i) * delta));
  }
  return arrays.make(values.storage(), [length], "int64");
}

/**
 * `num` evenly spaced float64 values from `start` to `stop` inclusive
 * (`np.linspace`), computed exactly as NumPy does: `i * step + start` with
 * `step = (stop - start) / (num - 1)`, and the last value set to `stop`.
 *
 * @example
 * ```ts
 * import { linspace } from "../mod.ts";
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  options: { endpoint?: boolean } = {},
): NDArray {
  if (arguments.length > 4) checkArgumentCount(arguments, 4, "linspace");
  checkOptions(options, ["endpoint"], "linspace");
  const endpoint = options.endpoint ?? true;
  if (typeof endpoint !== "boolean") {
    throw new TypeError(`linspace: endpoint must be true or false, got ${describe(endpoint)}`);
  }
  for (const [name, value] of [["start", start], ["stop", stop]] as const) {
    if (typeof value !== "number") {
      throw new TypeError(`linspace: ${name} must be a number, got ${describe(value)}`);
    }
  }
  if (!Number.isInteger(num)) {
    throw new TypeError(`linspace: Number of samples must be an integer, got ${describe(num)}`);
  }
  if (num < 0) {
    throw new RangeError(`linspace: Number of samples, ${num}, must be non-negative.`);
  }
  const divisions = endpoint ? num - 1 : num;
  const delta = stop - start;
  const data = allocate([num], "linspace");
  if (divisions > 0) {
    const step = delta / divisions;
    if (step === 0) {
      // The step underflowed: scale the fraction instead, as NumPy does.
      for (let i = 0; i < num; i++) data[i] = (i / divisions) * delta + start;
    } else {
      for (let i = 0; i < num; i++) data[i] = i * step + start;
    }
  } else {
    for (let i = 0; i < num; i++) data[i] = i * delta + start;
  }
  if (endpoint && num > 1) data[num - 1] = stop;
  return wrap(data, [num], "float64");
}
