/**
 * Making arrays: from nested JS arrays, filled with a constant, identity
 * matrices and evenly spaced ranges.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { DType, Shape } from "./ndarray.ts";
import { castValue, promoteTypes } from "./dtype.ts";
import { allocate, checkDType, checkOptions, checkShape, describe } from "./_util.ts";
import { formatShape, sameShape, shapeSize, unravelIndex } from "./_shape.ts";

/**
 * A number, a boolean, or arbitrarily nested arrays of them (Python's nested lists).
 *
 * @example
 * ```ts
 * import { array, type NestedArray } from "../mod.ts";
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * array(rows).shape; // [2, 2]
 * ```
 */
export type NestedArray = number | boolean | readonly NestedArray[];

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
export type NestedInput = number | boolean | NDArray | readonly NestedInput[];

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
export type ArrayInput = NestedInput | Float64Array | Int32Array | Float32Array;

function isTypedArray(value: unknown): value is Float64Array | Int32Array | Float32Array {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Walks the first element at each depth to find the shape nested arrays claim. */
function detectShape(nested: NestedInput): number[] {
  const shape: number[] = [];
  let level: NestedInput = nested;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  if (level instanceof NDArray) shape.push(...level.shape);
  return shape;
}

/**
 * Creates an array from nested JS arrays (like `np.array`), or copies an
 * existing NDArray. Without a dtype the result is float64, or bool when
 * every element is a boolean. Nested arrays must be rectangular; their
 * innermost items may be NDArrays of equal shapes, which are stacked (and
 * then lend their dtype).
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * const X = array([[2.0, 3.0], [1.0, 1.0]]); // shape [2, 2], float64
 * const y = array([1, 0], "int64");
 * const mask = array([true, false]); // bool
 * const stacked = array([y, y]); // shape [2, 2], int64
 * ```
 */
export function array(input: ArrayInput, dtype?: DType): NDArray {
  if (dtype !== undefined) checkDType(dtype, "array");
  if (input instanceof NDArray) {
    const target = dtype ?? input.dtype;
    return new NDArray(castData(input.data, target, "array"), input.shape, target);
  }
  if (isTypedArray(input)) {
    const target = dtype ?? "float64";
    return new NDArray(castData(Float64Array.from(input), target, "array"), [input.length], target);
  }
  if (
    typeof input !== "number" && typeof input !== "boolean" && !Array.isArray(input)
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
  let position = 0;
  // Plain numbers count as float64 and booleans as bool; NDArray items bring
  // their own dtype. The result takes the largest.
  let inferred: DType | undefined;
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
      data.set(level.data, position);
      position += level.size;
      inferred = inferred === undefined ? level.dtype : promoteTypes(inferred, level.dtype);
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
        inferred = inferred === undefined ? "bool" : inferred;
      } else if (typeof level === "number") {
        data[position++] = level;
        inferred = "float64";
      } else {
        const where = shape.length === 0
          ? ""
          : ` at index [${unravelIndex(position, shape).join(", ")}]`;
        throw new TypeError(
          `array: cannot make an array element from ${describe(level)}${where}; ` +
            "elements must be numbers or booleans",
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
  return new NDArray(castData(data, target, "array"), shape, target);
}

/** Returns `data` converted to how `dtype` stores values (in place when it is a fresh copy). */
function castData(data: Float64Array, dtype: DType, operation: string): Float64Array {
  const out = new Float64Array(data);
  if (dtype === "float64") return out;
  for (let i = 0; i < out.length; i++) out[i] = castValue(out[i], dtype, operation);
  return out;
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
 * An operand of an element-wise operation: JS numbers and booleans stay as
 * they are, NumPy 2's weak scalars, and anything else goes through
 * {@link toArray}.
 */
export function toOperand(value: ArrayInput, operation: string): NDArray | number | boolean {
  if (value instanceof NDArray || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  return toArray(value, operation);
}

/**
 * An array of the given shape filled with `value` (`np.full`). The dtype
 * defaults to float64 (a JS number cannot tell `7` from `7.0`), or bool for a
 * boolean value.
 *
 * @example
 * ```ts
 * import { full } from "../mod.ts";
 * full([2, 2], 7); // [[7, 7], [7, 7]]
 * ```
 */
export function full(shape: number | Shape, value: number | boolean, dtype?: DType): NDArray {
  return filledArray(shape, value, dtype, "full");
}

/** {@link full} with errors naming the function the caller used. */
function filledArray(
  shape: number | Shape,
  value: number | boolean,
  dtype: DType | undefined,
  operation: string,
): NDArray {
  if (dtype !== undefined) checkDType(dtype, operation);
  const dims = checkShape(shape, operation);
  if (typeof value !== "number" && typeof value !== "boolean") {
    throw new TypeError(
      `${operation}: the fill value must be a number or a boolean, got ${describe(value)}`,
    );
  }
  const target = dtype ?? (typeof value === "boolean" ? "bool" : "float64");
  const data = allocate(dims, operation, target);
  const stored = castValue(Number(value), target, operation);
  if (stored !== 0) data.fill(stored);
  return new NDArray(data, dims, target);
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
export function fullLike(a: NDArray, value: number | boolean, dtype?: DType): NDArray {
  const source = toArray(a, "fullLike");
  return filledArray(source.shape, value, dtype ?? source.dtype, "fullLike");
}

/**
 * Keyword options of {@link eye}.
 *
 * @example
 * ```ts
 * import { eye, type EyeOptions } from "../mod.ts";
 * const above: EyeOptions = { k: 1 };
 * eye(3, above); // ones just above the diagonal
 * ```
 */
export interface EyeOptions {
  /** Number of columns (default: the number of rows). */
  m?: number;
  /** Which diagonal holds the ones: 0 the main one, positive above, negative below. */
  k?: number;
  /** Element type (default float64). */
  dtype?: DType;
}

/**
 * A 2-D array with ones on a diagonal and zeros elsewhere (`np.eye`).
 * `eye(n).take(labels)` one-hot encodes integer labels.
 *
 * @example
 * ```ts
 * import { array, eye } from "../mod.ts";
 * eye(2); // [[1, 0], [0, 1]]
 * eye(2).take(array([1, 0, 1], "int64")); // one-hot rows
 * ```
 */
export function eye(n: number, options: number | EyeOptions = {}): NDArray {
  if (typeof options !== "number") checkOptions(options, ["m", "k", "dtype"], "eye");
  const { m = n, k = 0, dtype = "float64" } = typeof options === "number"
    ? { m: options }
    : options;
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
  return new NDArray(data, shape, dtype);
}

/**
 * Evenly spaced values in `[start, stop)` (`np.arange`): `arange(stop)` or
 * `arange(start, stop, step)`. The result is int64 when every argument is an
 * integer, float64 otherwise, as in NumPy.
 *
 * @example
 * ```ts
 * import { arange } from "../mod.ts";
 * arange(4); // [0, 1, 2, 3] (int64)
 * arange(0, 1, 0.25); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(
  startOrStop: number,
  stop?: number,
  step = 1,
  dtype?: DType,
): NDArray {
  const start = stop === undefined ? 0 : startOrStop;
  const end = stop === undefined ? startOrStop : stop;
  for (const [name, value] of [["start", start], ["stop", end], ["step", step]] as const) {
    if (typeof value !== "number") {
      throw new TypeError(`arange: ${name} must be a number, got ${describe(value)}`);
    }
  }
  if (step === 0) throw new RangeError("arange: step must not be zero (division by zero)");
  const integers = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const target = dtype ?? (integers ? "int64" : "float64");
  checkDType(target, "arange");
  const steps = Math.ceil((end - start) / step);
  if (steps !== steps) {
    throw new RangeError(
      `arange: cannot compute length (start = ${start}, stop = ${end}, step = ${step})`,
    );
  }
  if (steps === Infinity) {
    throw new RangeError(
      `arange: Maximum allowed size exceeded (start = ${start}, stop = ${end}, step = ${step})`,
    );
  }
  const length = Math.max(0, steps);
  const data = allocate([length], "arange", target);
  if (length > 0) data[0] = start;
  if (length > 1) {
    // NumPy fills from the first two values, so its increment is
    // (start + step) - start, which can differ from step in the last bit.
    const second = start + step;
    const delta = second - start;
    data[1] = second;
    for (let i = 2; i < length; i++) data[i] = start + i * delta;
  }
  return new NDArray(castData(data, target, "arange"), [length], target);
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
  return new NDArray(data, [num], "float64");
}
