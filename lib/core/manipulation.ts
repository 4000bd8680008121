/**
 * Changing the shape of arrays and joining them: `reshape`, `ravel`,
 * `transpose`, `expandDims`, `squeeze`, `concatenate`, `vstack`, `hstack`,
 * `append`. Every result is a new contiguous array.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { Shape } from "./ndarray.ts";
import { type ArrayInput, toArray } from "./creation.ts";
import { promoteTypes } from "./dtype.ts";
import { describe, normalizeAxis } from "./_util.ts";
import { contiguousStrides, formatShape, gatherStrided, shapeSize } from "./_shape.ts";

/**
 * Resolves a requested shape for `size` elements, filling in one `-1`.
 * Throws NumPy's message when the sizes do not agree.
 */
export function resolveShape(size: number, requested: Shape, operation = "reshape"): number[] {
  if (!Array.isArray(requested)) {
    throw new TypeError(
      `${operation}: the new shape must be an integer or a list of integers, got ${
        describe(requested)
      }`,
    );
  }
  const shape = [...requested];
  let unknown = -1;
  let known = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const length = shape[axis];
    if (length === -1) {
      if (unknown !== -1) {
        throw new RangeError(`${operation}: can only specify one unknown dimension`);
      }
      unknown = axis;
    } else if (!Number.isInteger(length) || length < 0) {
      throw new RangeError(
        `${operation}: invalid length ${describe(length)} in shape ${
          formatShape(shape.map(describe))
        }`,
      );
    } else {
      known *= length;
    }
  }
  if (unknown !== -1 && known !== 0 && size % known === 0) {
    shape[unknown] = size / known;
    return shape;
  }
  if (unknown === -1 && known === size) return shape;
  throw new RangeError(
    `${operation}: cannot reshape array of size ${size} into shape ${formatShape(requested)}`,
  );
}

/**
 * The same elements in a new shape (`np.reshape`); one length may be -1 to
 * be inferred. Returns a copy (arrays here never share storage).
 *
 * @example
 * ```ts
 * import { arange, reshape } from "../mod.ts";
 * reshape(arange(6), [2, 3]); // [[0, 1, 2], [3, 4, 5]]
 * reshape(arange(6), [-1, 1]); // a column of 6
 * ```
 */
export function reshape(a: ArrayInput, shape: number | Shape): NDArray {
  const source = toArray(a, "reshape");
  const requested = typeof shape === "number" ? [shape] : shape;
  return new NDArray(
    source.data.slice(),
    resolveShape(source.size, requested),
    source.dtype,
  );
}

/**
 * The elements as a 1-D array in row-major order (`np.ravel`, `flatten`).
 *
 * @example
 * ```ts
 * import { array, ravel } from "../mod.ts";
 * ravel(array([[1, 2], [3, 4]])); // [1, 2, 3, 4]
 * ```
 */
export function ravel(a: ArrayInput): NDArray {
  const source = toArray(a, "ravel");
  return new NDArray(source.data.slice(), [source.size], source.dtype);
}

/**
 * Permutes the axes (`np.transpose`): reversed by default, so a matrix's
 * rows become columns. Returns a contiguous copy.
 *
 * @example
 * ```ts
 * import { array, transpose } from "../mod.ts";
 * transpose(array([[1, 2, 3]])); // [[1], [2], [3]]
 * ```
 */
export function transpose(a: ArrayInput, axes?: readonly number[]): NDArray {
  const source = toArray(a, "transpose");
  const ndim = source.ndim;
  if (axes !== undefined && !Array.isArray(axes)) {
    throw new TypeError(
      `transpose: axes must be a list of integers such as [1, 0], got ${describe(axes)}`,
    );
  }
  const order = axes === undefined
    ? source.shape.map((_, axis) => ndim - 1 - axis)
    : axes.map((axis) => normalizeAxis(axis, ndim, "transpose"));
  if (order.length !== ndim || new Set(order).size !== ndim) {
    throw new RangeError(
      `transpose: axes [${axes?.join(", ")}] don't match array of dimension ${ndim}`,
    );
  }
  const shape = order.map((axis) => source.shape[axis]);
  const out = new Float64Array(source.size);
  const from = source.data;
  if (ndim === 2 && order[0] === 1) {
    const rows = source.shape[0];
    const columns = source.shape[1];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) out[j * rows + i] = from[i * columns + j];
    }
    return new NDArray(out, shape, source.dtype);
  }
  // The source read in the result's order: its strides, permuted.
  const sourceStrides = contiguousStrides(source.shape);
  const strides = order.map((axis) => sourceStrides[axis]);
  gatherStrided(from, shape, strides, out);
  return new NDArray(out, shape, source.dtype);
}

/**
 * Inserts a length-1 axis at `axis` (`np.expand_dims`).
 *
 * @example
 * ```ts
 * import { array, expandDims } from "../mod.ts";
 * expandDims(array([1, 2]), 0).shape; // [1, 2]
 * ```
 */
export function expandDims(a: ArrayInput, axis: number): NDArray {
  const source = toArray(a, "expandDims");
  const position = normalizeAxis(axis, source.ndim + 1, "expandDims");
  const shape = [...source.shape];
  shape.splice(position, 0, 1);
  return new NDArray(source.data.slice(), shape, source.dtype);
}

/**
 * Removes length-1 axes (`np.squeeze`): all of them, or just `axis`.
 *
 * @example
 * ```ts
 * import { array, squeeze } from "../mod.ts";
 * squeeze(array([[1], [2]])).shape; // [2]
 * ```
 */
export function squeeze(a: ArrayInput, axis?: number): NDArray {
  const source = toArray(a, "squeeze");
  let shape: number[];
  if (axis === undefined) {
    shape = source.shape.filter((length) => length !== 1);
  } else {
    const position = normalizeAxis(axis, source.ndim, "squeeze");
    if (source.shape[position] !== 1) {
      throw new RangeError(
        "squeeze: cannot select an axis to squeeze out which has size not equal to one",
      );
    }
    shape = source.shape.filter((_, index) => index !== position);
  }
  return new NDArray(source.data.slice(), shape, source.dtype);
}

/**
 * Joins arrays along an existing axis (`np.concatenate`, default axis 0).
 * All other axes must have equal lengths.
 *
 * @example
 * ```ts
 * import { array, concatenate } from "../mod.ts";
 * concatenate([array([[1, 2]]), array([[3, 4]])]); // [[1, 2], [3, 4]]
 * concatenate([array([[1], [2]]), array([[3], [4]])], 1); // [[1, 3], [2, 4]]
 * ```
 */
export function concatenate(arrays: readonly ArrayInput[], axis = 0): NDArray {
  return join(listOfArrays(arrays, "concatenate"), axis, "concatenate");
}

/** The arrays to join, converted; refuses `f(a, b)` where `f([a, b])` is meant. */
function listOfArrays(arrays: readonly ArrayInput[], operation: string): NDArray[] {
  if (!Array.isArray(arrays)) {
    throw new TypeError(
      `${operation}: the arrays to join must be given as one list, as in ${operation}([a, b]), ` +
        `got ${describe(arrays)}`,
    );
  }
  return arrays.map((input) => toArray(input, operation));
}

/** {@link concatenate}, with errors naming the function the caller used. */
function join(sources: readonly NDArray[], axis: number, operation: string): NDArray {
  if (sources.length === 0) {
    throw new RangeError(`${operation}: need at least one array to concatenate`);
  }
  const first = sources[0];
  if (first.ndim === 0) {
    throw new RangeError(`${operation}: zero-dimensional arrays cannot be concatenated`);
  }
  const position = normalizeAxis(axis, first.ndim, operation);
  let dtype = first.dtype;
  let total = 0;
  sources.forEach((source, index) => {
    if (source.ndim !== first.ndim) {
      throw new RangeError(
        `${operation}: all the input arrays must have same number of dimensions, but the array ` +
          `at index 0 has ${first.ndim} dimension(s) and the array at index ${index} has ` +
          `${source.ndim} dimension(s)`,
      );
    }
    for (let other = 0; other < first.ndim; other++) {
      if (other !== position && source.shape[other] !== first.shape[other]) {
        throw new RangeError(
          `${operation}: all the input array dimensions except for the concatenation axis must ` +
            `match exactly, but along dimension ${other}, the array at index 0 has size ` +
            `${first.shape[other]} and the array at index ${index} has size ${source.shape[other]}`,
        );
      }
    }
    total += source.shape[position];
    dtype = promoteTypes(dtype, source.dtype);
  });
  const shape = [...first.shape];
  shape[position] = total;
  const outer = shapeSize(first.shape.slice(0, position));
  const inner = shapeSize(first.shape.slice(position + 1));
  const out = new Float64Array(shapeSize(shape));
  const outBlock = total * inner;
  let start = 0;
  for (const source of sources) {
    const block = source.shape[position] * inner;
    for (let o = 0; o < outer; o++) {
      out.set(source.data.subarray(o * block, (o + 1) * block), o * outBlock + start);
    }
    start += block;
  }
  return new NDArray(out, shape, dtype);
}

/**
 * Stacks arrays as rows (`np.vstack`): 1-D arrays become rows of a matrix.
 *
 * @example
 * ```ts
 * import { array, vstack } from "../mod.ts";
 * vstack([array([1, 2]), array([3, 4])]); // [[1, 2], [3, 4]]
 * ```
 */
export function vstack(arrays: readonly ArrayInput[]): NDArray {
  const rows = listOfArrays(arrays, "vstack").map((source) => {
    if (source.ndim >= 2) return source;
    return new NDArray(source.data, [1, source.size], source.dtype);
  });
  return join(rows, 0, "vstack");
}

/**
 * Stacks arrays side by side (`np.hstack`): 1-D arrays are joined end to
 * end, others along their second axis.
 *
 * @example
 * ```ts
 * import { array, hstack } from "../mod.ts";
 * hstack([array([1, 2]), array([3])]); // [1, 2, 3]
 * hstack([array([[1], [2]]), array([[3], [4]])]); // [[1, 3], [2, 4]]
 * ```
 */
export function hstack(arrays: readonly ArrayInput[]): NDArray {
  const sources = listOfArrays(arrays, "hstack").map((source) => {
    return source.ndim === 0 ? new NDArray(source.data, [1], source.dtype) : source;
  });
  return join(sources, sources.length > 0 && sources[0].ndim === 1 ? 0 : 1, "hstack");
}

/**
 * Appends values to an array (`np.append`). Without an axis both are
 * flattened first and the result is 1-D; with one it is {@link concatenate}.
 *
 * @example
 * ```ts
 * import { append, array } from "../mod.ts";
 * append(array([[1, 2], [3, 4]]), [5]); // [1, 2, 3, 4, 5]
 * ```
 */
export function append(a: ArrayInput, values: ArrayInput, axis?: number): NDArray {
  const sources = [toArray(a, "append"), toArray(values, "append")];
  if (axis !== undefined) return join(sources, axis, "append");
  return join(sources.map(ravel), 0, "append");
}
