// Argument checks and the error text they share. Not part of the public API.
import { NDArray } from "./ndarray.ts";
import type { DType, Shape } from "./ndarray.ts";
import { isDType } from "./dtype.ts";
import { formatShape, MAX_DIMS, shapeSize } from "./_shape.ts";
import { shapeToString } from "../text/print.ts";

export { checkArgumentCount } from "../text/arguments.ts";

/**
 * A value as an error message should show it: strings quoted (so that `"3"`
 * cannot pass for `3`), `undefined` and `null` by name, arrays by their
 * items and NDArrays by their shape.
 */
export function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  if (value instanceof NDArray) return `array of shape ${formatShape(value.shape)}`;
  if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value)) {
    try {
      const text = JSON.stringify(value);
      if (text !== undefined) return text;
    } catch {
      // A cyclic object: fall through to its plain name.
    }
  }
  return String(value);
}

/**
 * Turns a possibly negative axis into its position, throwing NumPy's
 * AxisError text (prefixed with the operation) when it does not exist.
 */
export function normalizeAxis(axis: number, ndim: number, operation: string): number {
  if (!Number.isInteger(axis)) {
    throw new TypeError(`${operation}: axis must be an integer, got ${describe(axis)}`);
  }
  if (axis < -ndim || axis >= ndim) {
    throw new RangeError(
      `${operation}: axis ${axis} is out of bounds for array of dimension ${ndim}`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Turns a possibly negative index into its position along an axis, throwing
 * NumPy's IndexError text when it falls outside.
 */
export function normalizeIndex(
  index: number,
  length: number,
  axis: number,
  operation: string,
): number {
  if (!Number.isInteger(index)) {
    throw new TypeError(`${operation}: indices must be integers, got ${describe(index)}`);
  }
  if (index < -length || index >= length) {
    throw new RangeError(
      `${operation}: index ${index} is out of bounds for axis ${axis} with size ${length}`,
    );
  }
  return index < 0 ? index + length : index;
}

/** Throws NumPy's "data type not understood" unless `dtype` names a supported dtype. */
export function checkDType(dtype: unknown, operation: string): asserts dtype is DType {
  if (!isDType(dtype)) {
    throw new TypeError(
      `${operation}: data type ${describe(dtype)} not understood ` +
        `(use "float64", "int64" or "bool")`,
    );
  }
}

/**
 * A shape given as one length or a list of lengths, checked: every length
 * must be a non-negative integer.
 */
export function checkShape(shape: unknown, operation: string): number[] {
  if (typeof shape === "number") shape = [shape];
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `${operation}: shape must be an integer or a list of integers, got ${describe(shape)}`,
    );
  }
  for (const length of shape) {
    if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(
        `${operation}: negative or non-integer dimensions are not allowed, got shape ${
          formatShape(shape.map(describe))
        }`,
      );
    }
  }
  checkDimensionCount(shape.length, operation);
  return [...shape];
}

/** Throws NumPy's error for an array of more than 64 axes. */
export function checkDimensionCount(ndim: number, operation: string): void {
  if (ndim > MAX_DIMS) {
    throw new RangeError(
      `${operation}: maximum supported dimension for an ndarray is currently ${MAX_DIMS}, ` +
        `found ${ndim}`,
    );
  }
}

const BYTE_UNITS = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/**
 * Fresh zeroed storage for an array of `shape`. When it cannot be had,
 * throws NumPy's MemoryError text (`Unable to allocate 7.28 TiB for an array
 * with shape (1000000, 1000000) and data type float64`) rather than the
 * engine's bare "Invalid typed array length".
 */
export function allocate(shape: Shape, operation: string, dtype: DType = "float64"): Float64Array {
  const size = shapeSize(shape);
  try {
    return new Float64Array(size);
  } catch {
    const bytes = size * 8;
    const unit = Math.min(Math.floor(Math.log2(bytes) / 10), BYTE_UNITS.length - 1);
    const amount = Number((bytes / 2 ** (10 * unit)).toPrecision(3));
    throw new RangeError(
      `${operation}: Unable to allocate ${amount} ${BYTE_UNITS[unit]} for an array with shape ` +
        `${shapeToString(shape)} and data type ${dtype}`,
    );
  }
}

/**
 * Refuses keyword options a function does not know (`{ keepDims: true }`
 * for `{ keepdims: true }`, `{ test_size: 0.3 }` for `{ testSize: 0.3 }`),
 * which would otherwise be ignored without a word. `options` must be a
 * plain object (or absent). With `strict` false, only names that look like
 * a known option spelled another way (case, underscores) are refused, and
 * other extra fields pass.
 */
export function checkOptions(
  options: unknown,
  known: readonly string[],
  operation: string,
  strict = true,
): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${operation}: options must be an object such as { ${known[0]}: ... }, got ${
        describe(options)
      }`,
    );
  }
  const spelling = (name: string) => name.toLowerCase().replaceAll("_", "");
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const meant = known.find((option) => spelling(option) === spelling(name));
    if (meant === undefined && !strict) continue;
    throw new TypeError(
      `${operation}: got an unexpected option '${name}' (${
        meant === undefined
          ? `it takes ${known.map((option) => `'${option}'`).join(", ")}`
          : `did you mean '${meant}'?`
      })`,
    );
  }
}

/**
 * Refuses arguments past the options object (`a.sum(0, true)` for
 * `a.sum({ axis: 0, keepdims: true })`), which JavaScript would otherwise
 * drop without a word, leaving a result of the wrong shape.
 */
export function checkExtraArguments(extra: readonly unknown[], operation: string): void {
  if (extra.length === 0) return;
  throw new TypeError(
    `${operation}: takes one options argument, got ${describe(extra[0])} after it ` +
      `(write ${operation}({ axis: 0, keepdims: true }) rather than ${operation}(0, true))`,
  );
}

/**
 * Throws NumPy's error for writing into a read-only array (a broadcast or
 * a diagonal), in NumPy's words for the way it was written: "assignment
 * destination is read-only" for `set`, "output array is read-only" for
 * the in-place operators, "array is read-only" for `shuffle`.
 */
export function throwReadOnly(operation: string, words: string): never {
  throw new TypeError(`${operation}: ${words} is read-only`);
}

/** `value` when it is a finite number; otherwise throws naming `name` and the value. */
export function checkFiniteNumber(value: unknown, name: string, operation: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`${operation}: ${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}
