/**
 * Comparing whole arrays: `isclose`, `allclose`, `arrayEqual`.
 *
 * @module
 */
import type { NDArray } from "./ndarray.ts";
import { type ArrayInput, toArray } from "./creation.ts";
import { broadcastShapes, broadcastStrides } from "./broadcast.ts";
import { checkArgumentCount, checkOptions, describe } from "./_util.ts";
import { forEachRow, lastStride, sameShape, shapeSize } from "./_shape.ts";
import { doublesOf, integersOf, isWide, wrap } from "./_storage.ts";

/**
 * Tolerances of {@link isclose} and {@link allclose} (NumPy's keyword arguments).
 *
 * @example
 * ```ts
 * import { allclose, type CloseOptions } from "../mod.ts";
 * const loose: CloseOptions = { rtol: 1e-3, atol: 0 };
 * allclose([1, 2], [1.0005, 2.001], loose); // true
 * ```
 */
export interface CloseOptions {
  /** Relative tolerance, scaled by `|b|` (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaN counts as equal to NaN (default false). */
  equalNan?: boolean;
}

/** The tolerances, checked: unknown options and non-numeric tolerances are refused. */
function readTolerances(options: CloseOptions, operation: string): Required<CloseOptions> {
  checkOptions(options, ["rtol", "atol", "equalNan"], operation);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  for (const [name, value] of [["rtol", rtol], ["atol", atol]] as const) {
    if (typeof value !== "number" || value !== value) {
      throw new TypeError(`${operation}: ${name} must be a number, got ${describe(value)}`);
    }
  }
  if (typeof equalNan !== "boolean") {
    throw new TypeError(`${operation}: equalNan must be true or false, got ${describe(equalNan)}`);
  }
  return { rtol, atol, equalNan };
}

/** NumPy's closeness test for one pair: `|a - b| <= atol + rtol * |b|`; equal infinities match. */
export function closeValues(
  actual: number,
  expected: number,
  rtol: number,
  atol: number,
  equalNan: boolean,
): boolean {
  if (actual === expected) return true;
  if (actual !== actual || expected !== expected) {
    return equalNan && actual !== actual && expected !== expected;
  }
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Element-wise closeness (`np.isclose`), as a bool array:
 * `|a - b| <= atol + rtol * |b|`. Not symmetric: `b` is the reference.
 *
 * @example
 * ```ts
 * import { array, isclose } from "../mod.ts";
 * isclose(array([1, 2]), array([1 + 1e-9, 2.1])); // [true, false]
 * ```
 */
export function isclose(a: ArrayInput, b: ArrayInput, options: CloseOptions = {}): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "isclose");
  return closeness(a, b, options, "isclose");
}

/** {@link isclose}, with errors naming the function the caller used. */
function closeness(
  a: ArrayInput,
  b: ArrayInput,
  options: CloseOptions,
  operation: string,
): NDArray {
  const { rtol, atol, equalNan } = readTolerances(options, operation);
  const left = toArray(a, operation);
  const right = toArray(b, operation);
  const shape = broadcastShapes([left.shape, right.shape], operation);
  const out = new Float64Array(shapeSize(shape));
  const leftStrides = broadcastStrides(left.shape, shape);
  const rightStrides = broadcastStrides(right.shape, shape);
  const leftStep = lastStride(leftStrides);
  const rightStep = lastStride(rightStrides);
  // As NumPy, int64 values are compared as floats.
  const leftData = doublesOf(left);
  const rightData = doublesOf(right);
  forEachRow(shape, [leftStrides, rightStrides], (start, offsets, length) => {
    let l = offsets[0];
    let r = offsets[1];
    for (let o = start, end = start + length; o < end; o++, l += leftStep, r += rightStep) {
      out[o] = closeValues(leftData[l], rightData[r], rtol, atol, equalNan) ? 1 : 0;
    }
  });
  return wrap(out, shape, "bool");
}

/**
 * Whether every element of `a` is close to the matching one of `b`
 * (`np.allclose`); shapes must broadcast.
 *
 * @example
 * ```ts
 * import { allclose, array } from "../mod.ts";
 * allclose(array([0.1 + 0.2]), [0.3]); // true
 * ```
 */
export function allclose(a: ArrayInput, b: ArrayInput, options: CloseOptions = {}): boolean {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "allclose");
  return closeness(a, b, options, "allclose").data.every((value) => value === 1);
}

/**
 * Whether two arrays have the same shape and equal elements (`np.array_equal`).
 *
 * @example
 * ```ts
 * import { array, arrayEqual } from "../mod.ts";
 * arrayEqual(array([1, 2]), [1, 2]); // true
 * arrayEqual(array([1, 2]), [[1, 2]]); // false
 * ```
 */
export function arrayEqual(a: ArrayInput, b: ArrayInput): boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "arrayEqual");
  const left = toArray(a, "arrayEqual");
  const right = toArray(b, "arrayEqual");
  if (!sameShape(left.shape, right.shape)) return false;
  if (
    (isWide(left) || isWide(right)) && left.dtype !== "float64" && right.dtype !== "float64"
  ) {
    // Two int64 arrays: every value exactly, as NumPy compares them.
    const x = integersOf(left);
    const y = integersOf(right);
    return x.every((value, index) => value === y[index]);
  }
  const x = doublesOf(left);
  const y = doublesOf(right);
  return x.every((value, index) => value === y[index]);
}
