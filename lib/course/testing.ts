/**
 * Numeric comparisons for tests and notebooks, in the spirit of
 * `numpy.testing.assert_allclose`.
 *
 * @module
 */
import { type ArrayInput, toArray } from "../core/creation.ts";
import { closeValues } from "../core/logic.ts";
import {
  checkArgumentCount,
  checkOptions,
  describe,
  formatShape,
  sameShape,
  unravelIndex,
} from "../core/internals.ts";

/**
 * Tolerances of {@link assertAllClose}.
 *
 * @example
 * ```ts
 * import { type AllCloseOptions, array, assertAllClose } from "../mod.ts";
 * const tight: AllCloseOptions = { rtol: 1e-12, atol: 0 };
 * assertAllClose(array([0.1 + 0.2]), [0.3], tight);
 * ```
 */
export interface AllCloseOptions {
  /** Relative tolerance, scaled by `|expected|` (default 1e-7, as in NumPy's testing). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Whether NaN matches NaN (default true, as in NumPy's testing). */
  equalNan?: boolean;
  /** Text to put in front of the failure message. */
  message?: string;
}

/**
 * Throws unless `actual` and `expected` have the same shape and agree
 * element-wise within `|actual - expected| <= atol + rtol * |expected|`.
 * The failure message names both shapes, or the first mismatching index
 * with both values, how many elements mismatch, and the tolerance.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "./testing.ts";
 * assertAllClose(0.1 + 0.2, 0.3);
 * assertAllClose([[1, 2]], [[1, 2.0000001]], { rtol: 1e-6 });
 * ```
 */
export function assertAllClose(
  actual: ArrayInput,
  expected: ArrayInput,
  options: AllCloseOptions = {},
): void {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "assertAllClose");
  checkOptions(options, ["rtol", "atol", "equalNan", "message"], "assertAllClose");
  const { rtol = 1e-7, atol = 0, equalNan = true } = options;
  for (const [name, value] of [["rtol", rtol], ["atol", atol]] as const) {
    if (typeof value !== "number" || value !== value) {
      throw new TypeError(`assertAllClose: ${name} must be a number, got ${describe(value)}`);
    }
  }
  const prefix = options.message ? `${options.message}: ` : "";
  const left = toArray(actual, "assertAllClose");
  const right = toArray(expected, "assertAllClose");
  if (!sameShape(left.shape, right.shape)) {
    throw new Error(
      `${prefix}Not equal to tolerance rtol=${rtol}, atol=${atol}: shapes differ, actual ${
        formatShape(left.shape)
      } vs expected ${formatShape(right.shape)}`,
    );
  }
  let mismatches = 0;
  let first = -1;
  let largestAbsolute = 0;
  let largestRelative = 0;
  const actualValues = left.astype("float64").data;
  const expectedValues = right.astype("float64").data;
  for (let i = 0; i < left.size; i++) {
    const a = actualValues[i];
    const b = expectedValues[i];
    if (closeValues(a, b, rtol, atol, equalNan)) continue;
    mismatches++;
    if (first === -1) first = i;
    const absolute = Math.abs(a - b);
    if (absolute > largestAbsolute || absolute !== absolute) largestAbsolute = absolute;
    const relative = absolute / Math.abs(b);
    if (relative > largestRelative || relative !== relative) largestRelative = relative;
  }
  if (mismatches === 0) return;
  const where = left.ndim === 0 ? "" : ` at index [${unravelIndex(first, left.shape).join(", ")}]`;
  throw new Error(
    `${prefix}Not equal to tolerance rtol=${rtol}, atol=${atol}\n` +
      `Mismatched elements: ${mismatches} / ${left.size}; first${where}: ` +
      `actual ${actualValues[first]}, expected ${expectedValues[first]}\n` +
      `Max absolute difference: ${largestAbsolute}\nMax relative difference: ${largestRelative}`,
  );
}
