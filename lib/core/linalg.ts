/**
 * Linear algebra: matrix products (`matmul`, `dot`, `outer`) and the
 * vector/matrix norm (`linalg.norm`).
 *
 * Each entry of a product is summed in index order, starting from +0.0:
 * `0 + a[i,0]*b[0,j]`, then `+ a[i,1]*b[1,j]`, and so on. NumPy hands
 * these products to BLAS, whose kernels differ in one respect that shows in
 * the last bit: matrix @ matrix and matrix @ vector accumulate with fused
 * multiply-adds (one rounding for each product and addition together),
 * while vector @ matrix (a 1-D first operand, BLAS's `gemv` on the
 * transposed matrix) rounds the product and the sum separately. Following
 * the same split makes the exercises' full-precision results agree with
 * NumPy's. (For long inner dimensions BLAS splits the sum into several
 * vector partial sums, and results can differ from NumPy's in the last bit.)
 * Starting from +0.0 rather than from the first product gives NumPy's +0.0
 * where every product is -0.0.
 *
 * Products with more than a few dozen multiply-adds run in WebAssembly
 * (`_matmul.ts`) on the processor's own fused multiply-add, with the same
 * order and roundings, so the same bits; where that is unavailable, the
 * loop below computes them, with an exact software fused multiply-add.
 * Matrix @ matrix products of half a million multiply-adds and more are
 * shared with a second thread, which computes part of the result's rows or
 * columns; each entry is still summed by one thread, in the same order.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import { type ArrayInput, toArray } from "./creation.ts";
import { promoteTypes } from "./dtype.ts";
import { multiply } from "./elementwise.ts";
import { formatShape } from "./_shape.ts";
import { fusedMultiplyAdd } from "./_fma.ts";
import { multiplyMatricesInOrder, multiplyMatricesWasm, outerWasm } from "./_matmul.ts";

// Below these many multiply-adds (n * k * m) the loop below is faster than
// copying operands into WebAssembly and the result out (measured with
// tools/bench/small_products.ts): the software fused multiply-add costs
// several nanoseconds, the plain multiply and add under one.
const WASM_FUSED_FROM = 32;
const WASM_SEPARATE_FROM = 400;
const WASM_OUTER_FROM = 1024;

/** `out[i, j] = sum over p of a[i, p] * b[p, j]` for row-major a (n x k) and b (k x m). */
function multiplyMatrices(
  a: Float64Array,
  b: Float64Array,
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
  return multiplyMatricesInOrder(a, b, n, k, m, fused);
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
  // vector @ matrix is the one product BLAS does without fused multiply-adds.
  const fused = !(left.ndim === 1 && right.ndim === 2);
  let data = multiplyMatrices(left.data, right.data, n, k, m, fused);
  if (dtype === "bool") data = data.map((value) => (value !== 0 ? 1 : 0));
  return new NDArray(data, shape, dtype);
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
  const isScalar = (value: ArrayInput) => typeof value === "number" || typeof value === "boolean";
  if (isScalar(a) || isScalar(b)) {
    // Converted here so that a bad operand's error names dot.
    return multiply(isScalar(a) ? a : toArray(a, "dot"), isScalar(b) ? b : toArray(b, "dot"));
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
  const left = toArray(a, "outer");
  const right = toArray(b, "outer");
  const n = left.size;
  const m = right.size;
  let out = n * m >= WASM_OUTER_FROM ? outerWasm(left.data, right.data) : undefined;
  if (out === undefined) {
    out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const value = left.data[i];
      for (let j = 0; j < m; j++) out[i * m + j] = value * right.data[j];
    }
  }
  return new NDArray(out, [n, m], promoteTypes(left.dtype, right.dtype));
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
  const source = toArray(x, "norm");
  const data = source.data;
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
