/**
 * Linear algebra: `matmul`, `dot`, `outer` and `linalg.norm`.
 *
 * Each entry of a product is summed in index order from +0.0, with a fused
 * multiply-add where NumPy's BLAS uses one (matrix @ matrix and @ vector)
 * and two roundings where it does not (vector @ matrix), so the bits are
 * NumPy's. Large products run in WebAssembly (`_matmul.ts`), past half a
 * million multiply-adds on two threads, with the same order and roundings;
 * operands are read where they lie (a transpose is never copied first).
 * int64 products are exact and wrap around at 2**63.
 *
 * @module
 */
import type { NDArray } from "./ndarray.ts";
import { array, type ArrayInput, toArray } from "./creation.ts";
import { promoteTypes } from "./dtype.ts";
import { multiply } from "./elementwise.ts";
import { reshape } from "./manipulation.ts";
import { checkArgumentCount } from "./_util.ts";
import { formatShape } from "./_shape.ts";
import { arrays, doublesOf, integersOf, isWide, MAX_SAFE, wrap, wrapIntegers } from "./_storage.ts";
import { fusedMultiplyAdd } from "./_fma.ts";
import { whenIdle } from "./_idle.ts";
import {
  type Matrix,
  multiplyMatricesInOrder,
  multiplyMatricesWasm,
  outerWasm,
  rowMajor,
} from "./_matmul.ts";

// Below these many multiply-adds (n * k * m) the loop below is faster than
// copying operands into WebAssembly and the result out (measured with
// tools/bench/small_products.ts): the software fused multiply-add costs
// several nanoseconds, the plain multiply and add under one.
const WASM_FUSED_FROM = 32;
const WASM_SEPARATE_FROM = 400;
const WASM_OUTER_FROM = 1024;

/**
 * `out[i, j] = sum over p of a[i, p] * b[p, j]` for a (n x k) and b (k x m),
 * read where they lie (a transpose is not copied first: the WebAssembly
 * product copies its operands in anyway, and reads them under their strides).
 */
function multiplyMatrices(
  a: Matrix,
  b: Matrix,
  n: number,
  k: number,
  m: number,
  fused: boolean,
): Float64Array {
  const work = n * k * m;
  if (work >= (fused ? WASM_FUSED_FROM : WASM_SEPARATE_FROM)) {
    const out = multiplyMatricesWasm(a, b, n, k, m, fused);
    if (out !== undefined) return out;
  }
  return multiplyMatricesInOrder(rowMajor(a, n, k), rowMajor(b, k, m), n, k, m, fused);
}

/**
 * An operand of a product as an n x k matrix read in place: a 1-D array as
 * one row (`asRow`) or one column.
 */
function matrixOf(a: NDArray, asRow: boolean): Matrix {
  const { storage, offset, strides, contiguous } = arrays.layout(a);
  if (storage.f64 === null) return doublesOf(a);
  if (contiguous && offset === 0 && storage.f64.length === a.size) return storage.f64;
  if (a.ndim === 2) {
    return { data: storage.f64, offset, rowStride: strides[0], columnStride: strides[1] };
  }
  return asRow
    ? { data: storage.f64, offset, rowStride: 0, columnStride: strides[0] }
    : { data: storage.f64, offset, rowStride: strides[0], columnStride: 0 };
}

/** The largest absolute value of an array whose values are doubles. */
function largestMagnitude(a: NDArray): number {
  const values = doublesOf(a);
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  return largest;
}

/**
 * An int64 product exactly, wrapping around at 2**63 as NumPy's integer
 * matmul does: in doubles when no partial sum can pass 2**53, else in 64
 * bits.
 */
function integerProduct(
  left: NDArray,
  right: NDArray,
  n: number,
  k: number,
  m: number,
): Float64Array | BigInt64Array {
  if (
    !isWide(left) && !isWide(right) &&
    largestMagnitude(left) * largestMagnitude(right) * k <= MAX_SAFE
  ) {
    return multiplyMatricesInOrder(doublesOf(left), doublesOf(right), n, k, m, false);
  }
  const a = integersOf(left);
  const b = integersOf(right);
  const out = new BigInt64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let total = 0n;
      for (let p = 0; p < k; p++) total += a[i * k + p] * b[p * m + j];
      out[i * m + j] = BigInt.asIntN(64, total);
    }
  }
  return out;
}

/**
 * Matrix product (`np.matmul`, Python's `@`) of 1-D and 2-D arrays. A 1-D
 * first operand acts as a row vector and a 1-D second operand as a column
 * vector, and the added axis is removed again, so vector @ vector is a 0-d
 * array (use `.item()` for the number).
 *
 * @example
 * ```ts
 * import { array, matmul } from "../mod.ts";
 * const X = array([[1, 2], [3, 4]]);
 * matmul(X, array([[1], [0]])); // [[1], [3]]
 * matmul(array([1, 1]), X); // [4, 6]
 * matmul(array([1, 2]), array([3, 4])).item(); // 11
 * ```
 */
export function matmul(a: ArrayInput, b: ArrayInput): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "matmul");
  return matrixProduct(toArray(a, "matmul"), toArray(b, "matmul"), "matmul");
}

function matrixProduct(left: NDArray, right: NDArray, operation: string): NDArray {
  if (left.ndim === 0 || right.ndim === 0) {
    throw new RangeError(
      `${operation}: Input operand ${
        left.ndim === 0 ? 0 : 1
      } does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)`,
    );
  }
  if (left.ndim > 2 || right.ndim > 2) {
    throw new RangeError(
      `${operation}: only 1-D and 2-D operands are supported, got shapes ${
        formatShape(left.shape)
      } and ${formatShape(right.shape)}`,
    );
  }
  const n = left.ndim === 2 ? left.shape[0] : 1;
  const k = left.shape[left.ndim - 1];
  const kRight = right.shape[0];
  const m = right.ndim === 2 ? right.shape[1] : 1;
  if (k !== kRight) {
    throw new RangeError(
      `${operation}: Input operand 1 has a mismatch in its core dimension 0, with gufunc ` +
        `signature (n?,k),(k,m?)->(n?,m?) (size ${kRight} is different from ${k}); ` +
        `shapes ${formatShape(left.shape)} and ${formatShape(right.shape)}`,
    );
  }
  const shape: number[] = [];
  if (left.ndim === 2) shape.push(n);
  if (right.ndim === 2) shape.push(m);
  const dtype = promoteTypes(left.dtype, right.dtype);
  if (dtype === "int64") {
    const values = integerProduct(left, right, n, k, m);
    return values instanceof BigInt64Array
      ? wrapIntegers(values, shape)
      : wrap(values, shape, "int64");
  }
  // vector @ matrix is the one product BLAS does without fused multiply-adds.
  const fused = !(left.ndim === 1 && right.ndim === 2);
  let data = multiplyMatrices(matrixOf(left, true), matrixOf(right, false), n, k, m, fused);
  if (dtype === "bool") data = data.map((value) => (value !== 0 ? 1 : 0));
  return arrays.result({ f64: data, i64: null }, shape, dtype, undefined, true);
}

/**
 * Dot product (`np.dot`): for 1-D and 2-D arrays the same as {@link matmul};
 * with a scalar operand, element-wise multiplication. Returns a JS number for
 * two JS numbers.
 *
 * @example
 * ```ts
 * import { array, dot } from "../mod.ts";
 * const W1 = array([[1, 0, 2], [0, 1, 0]]);
 * dot(W1, array([1, 2, 3])); // [7, 2]
 * dot(array([1, 2]), 3); // [3, 6]
 * ```
 */
export function dot(a: number, b: number): number;
/** Dot product of arrays. */
export function dot(a: ArrayInput, b: ArrayInput): NDArray;
export function dot(a: ArrayInput, b: ArrayInput): NDArray | number {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "dot");
  const isScalar = (value: ArrayInput) => typeof value === "number" || typeof value === "boolean";
  if (isScalar(a) || isScalar(b)) {
    // Converted here so that a bad operand's error names dot.
    return multiply(
      isScalar(a) ? a : toArray(a, "dot"),
      isScalar(b) ? b : toArray(b, "dot"),
    ) as NDArray | number;
  }
  const left = toArray(a, "dot");
  const right = toArray(b, "dot");
  if (left.ndim === 0 || right.ndim === 0) return multiply(left, right);
  return matrixProduct(left, right, "dot");
}

/**
 * Outer product (`np.outer`): `out[i, j] = a[i] * b[j]`, both flattened first.
 *
 * @example
 * ```ts
 * import { array, outer } from "../mod.ts";
 * outer(array([1, 2]), array([3, 4, 5])); // [[3, 4, 5], [6, 8, 10]]
 * ```
 */
export function outer(a: ArrayInput, b: ArrayInput): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "outer");
  const left = toArray(a, "outer");
  const right = toArray(b, "outer");
  const n = left.size;
  const m = right.size;
  const dtype = promoteTypes(left.dtype, right.dtype);
  if (dtype === "int64") {
    // NumPy's outer is the product of a column and a row, which wraps for int64.
    return multiply(reshape(left, [n, 1]), reshape(right, [1, m]));
  }
  const x = doublesOf(left);
  const y = doublesOf(right);
  let out = n * m >= WASM_OUTER_FROM ? outerWasm(x, y) : undefined;
  if (out === undefined) {
    out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const value = x[i];
      for (let j = 0; j < m; j++) out[i * m + j] = value * y[j];
    }
  }
  return wrap(out, [n, m], dtype);
}

/**
 * The default norm (`np.linalg.norm(x)`): the square root of the sum of
 * squares of all elements (2-norm of a vector, Frobenius norm of a matrix),
 * computed like NumPy as `sqrt(dot(x.ravel(), x.ravel()))`, with the dot
 * product accumulated like {@link matmul}'s.
 *
 * @example
 * ```ts
 * import { array, norm } from "../mod.ts";
 * norm(array([3, 4])); // 5
 * ```
 */
export function norm(x: ArrayInput): number {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "norm");
  const source = toArray(x, "norm");
  const data = doublesOf(source);
  if (data.length === 0) return 0;
  let total = data[0] * data[0];
  for (let i = 1; i < data.length; i++) total = fusedMultiplyAdd(data[i], data[i], total);
  return Math.sqrt(total);
}

/**
 * The `np.linalg` namespace, so that `np.linalg.norm(x)` reads as in NumPy.
 *
 * @example
 * ```ts
 * import { array, linalg } from "../mod.ts";
 * linalg.norm(array([[1, 2], [2, 4]])); // 5
 * ```
 */
export const linalg: { norm: typeof norm } = { norm };

// As for the element-wise operations: compiled before a cell's first call.
whenIdle(() => {
  const a = array([[1, 2], [3, 4], [5, 6]]);
  matmul(a, array([[1, 2], [3, 4]]));
  matmul(a.T, a);
  dot(array([1, 2]), array([3, 4]));
});
