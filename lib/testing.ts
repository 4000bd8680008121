/**
 * Numeric comparisons for tests and notebooks, in the spirit of
 * `numpy.testing.assert_allclose`.
 *
 * @module
 */
import type { NDArray } from "./ndarray.ts";

/**
 * Throws unless `actual` and `expected` agree element-wise within
 * `|actual - expected| <= atol + rtol * |expected|`.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "./testing.ts";
 * assertAllClose(0.1 + 0.2, 0.3);
 * ```
 */
export function assertAllClose(
  actual: NDArray | number | number[],
  expected: NDArray | number | number[],
  options: { rtol?: number; atol?: number } = {},
): void {
  // Placeholder: replaced by the full implementation.
  void actual;
  void expected;
  void options;
}
