/**
 * Reading and writing parts of arrays: single elements (`get`, `set`,
 * `item`), row ranges (`slice`, Python's `X[5:10]`), rows by index (`take`,
 * `X[indices]`), paired fancy indexing (`pick`, `A[rows, columns]`), and
 * visiting every index (`ndindex`).
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { Shape } from "./ndarray.ts";
import { type NestedArray, type NestedInput, toArray } from "./creation.ts";
import { castValue } from "./dtype.ts";
import { broadcastShapes, broadcastStrides, broadcastTo } from "./broadcast.ts";
import { checkShape, describe, normalizeAxis, normalizeIndex } from "./_util.ts";
import { advanceIndex, forEachRow, formatShape, lastStride, shapeSize } from "./_shape.ts";

/**
 * Integer positions: an int64 (or bool) NDArray, a JS array of integers, or one integer.
 *
 * @example
 * ```ts
 * import { arange, type IndexInput, take } from "../mod.ts";
 * const rows: IndexInput = [2, 0];
 * take(arange(5), rows); // array([2, 0])
 * ```
 */
export type IndexInput = NDArray | readonly number[] | number;

/** The flat offset of a full multi-index, checking each position like NumPy. */
function flatOffset(a: NDArray, index: readonly number[], operation: string): number {
  if (index.length !== a.ndim) {
    throw new RangeError(
      `${operation}: expected ${a.ndim} ${a.ndim === 1 ? "index" : "indices"} for an array of ` +
        `shape ${formatShape(a.shape)}, got ${index.length}`,
    );
  }
  let offset = 0;
  for (let axis = 0; axis < index.length; axis++) {
    const length = a.shape[axis];
    offset = offset * length + normalizeIndex(index[axis], length, axis, operation);
  }
  return offset;
}

/**
 * The element at a full multi-index (Python's `a[i, j]`), given as
 * separate numbers or as one list (`get(W, ix)`, like `W[ix]` with a
 * tuple); negative indices count from the end.
 *
 * @example
 * ```ts
 * import { array, get } from "../mod.ts";
 * const W = array([[1, 2], [3, 4]]);
 * get(W, 1, 0); // 3
 * get(W, -1, -1); // 4
 * ```
 */
export function get(a: NDArray, ...index: number[] | [readonly number[]]): number {
  const source = toArray(a, "get");
  const position = index.length === 1 && Array.isArray(index[0]) ? index[0] : index as number[];
  return source.data[flatOffset(source, position, "get")];
}

/**
 * Assigns `value` at an index (Python's `a[ix] = value`), converted to the
 * array's dtype. A shorter index (or a single number on an n-D array) fills
 * the whole sub-array it selects, as NumPy does; the value may then also be
 * an array that broadcasts to that sub-array (a 0-d array works like a number).
 *
 * @example
 * ```ts
 * import { set, zeros } from "../mod.ts";
 * const W = zeros([2, 2]);
 * set(W, [0, 1], 5); // W is [[0, 5], [0, 0]]
 * set(W, 1, 7); // W is [[0, 5], [7, 7]]
 * ```
 */
export function set(
  a: NDArray,
  index: readonly number[] | number,
  value: number | boolean | NDArray | NestedInput,
): void {
  if (!(a instanceof NDArray)) {
    throw new TypeError(`set: can only assign into an NDArray, got ${describe(a)}`);
  }
  if (typeof index !== "number" && !Array.isArray(index)) {
    throw new TypeError(
      `set: the index must be an integer or a list of integers, got ${describe(index)}`,
    );
  }
  const position = typeof index === "number" ? [index] : index;
  if (position.length > a.ndim) {
    throw new RangeError(
      `set: too many indices for array: array is ${a.ndim}-dimensional, but ${position.length} were indexed`,
    );
  }
  let offset = 0;
  for (let axis = 0; axis < position.length; axis++) {
    offset = offset * a.shape[axis] + normalizeIndex(position[axis], a.shape[axis], axis, "set");
  }
  const blockShape = a.shape.slice(position.length);
  const block = shapeSize(blockShape);
  if (typeof value === "number" || typeof value === "boolean") {
    a.data.fill(castValue(Number(value), a.dtype, "set"), offset * block, (offset + 1) * block);
    return;
  }
  if (!(value instanceof NDArray) && !Array.isArray(value)) {
    throw new TypeError(
      `set: cannot assign ${describe(value)} to an element of a ${a.dtype} array; ` +
        "expected a number, a boolean or an array",
    );
  }
  // Nested lists are assigned as the array they describe, as in NumPy.
  value = toArray(value, "set");
  // An array value is broadcast over the selected block, as NumPy assigns it.
  const offsetAxes = blockShape.length - value.ndim;
  const fits = offsetAxes >= 0 &&
    value.shape.every((n, axis) => n === 1 || n === blockShape[offsetAxes + axis]);
  if (!fits) {
    throw new RangeError(
      `set: could not broadcast input array from shape ${formatShape(value.shape)} into shape ${
        formatShape(blockShape)
      }`,
    );
  }
  const source = broadcastTo(value, blockShape).data;
  for (let i = 0; i < block; i++) a.data[offset * block + i] = castValue(source[i], a.dtype, "set");
}

/**
 * The single element of a size-1 array as a JS number (NumPy's `.item()`),
 * or the element at a flat index, or at a full multi-index.
 *
 * @example
 * ```ts
 * import { array, item } from "../mod.ts";
 * item(array([[0.25]])); // 0.25
 * item(array([[1, 2], [3, 4]]), 3); // 4
 * ```
 */
export function item(a: NDArray, ...index: number[]): number {
  a = toArray(a, "item");
  if (index.length === 0) {
    if (a.size !== 1) {
      throw new RangeError(
        `item: can only convert an array of size 1 to a Python scalar, got shape ${
          formatShape(a.shape)
        }`,
      );
    }
    return a.data[0];
  }
  if (index.length === 1 && a.ndim !== 1) {
    return a.data[normalizeIndex(index[0], a.size, 0, "item")];
  }
  return a.data[flatOffset(a, index, "item")];
}

/**
 * The array as nested JS arrays (NumPy's `.tolist()`): numbers, or booleans
 * for a bool array. A 0-d array gives its single value.
 *
 * @example
 * ```ts
 * import { array, tolist } from "../mod.ts";
 * tolist(array([[1, 2], [3, 4]])); // [[1, 2], [3, 4]]
 * ```
 */
export function tolist(a: NDArray): NestedArray {
  a = toArray(a, "tolist");
  const convert = a.dtype === "bool" ? (value: number) => value !== 0 : (value: number) => value;
  if (a.ndim === 0) return convert(a.data[0]);
  let position = 0;
  const build = (axis: number): NestedArray[] => {
    const length = a.shape[axis];
    const out: NestedArray[] = new Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = axis === a.ndim - 1 ? convert(a.data[position++]) : build(axis + 1);
    }
    return out;
  };
  return build(0);
}

/**
 * Rows `start` up to (not including) `stop` along the first axis, like
 * Python's `X[start:stop]` (and `X[start:stop:step]`). Bounds may be
 * negative and are clipped to the array, as in Python.
 *
 * @example
 * ```ts
 * import { arange, slice } from "../mod.ts";
 * const X = arange(10);
 * slice(X, 0, 3); // [0, 1, 2]      (X[:3])
 * slice(X, -2); // [8, 9]            (X[-2:])
 * ```
 */
export function slice(a: NDArray, start?: number | null, stop?: number | null, step = 1): NDArray {
  a = toArray(a, "slice");
  if (a.ndim === 0) throw new RangeError("slice: cannot slice a 0-d array");
  if (!Number.isInteger(step) || step === 0) {
    throw new RangeError(`slice: step must be a nonzero integer, got ${describe(step)}`);
  }
  const length = a.shape[0];
  const bound = (value: number | null | undefined, fallback: number, low: number, high: number) => {
    if (value === null || value === undefined) return fallback;
    if (!Number.isInteger(value)) {
      throw new TypeError(`slice: indices must be integers, got ${describe(value)}`);
    }
    const position = value < 0 ? value + length : value;
    return Math.min(Math.max(position, low), high);
  };
  const first = step > 0 ? bound(start, 0, 0, length) : bound(start, length - 1, -1, length - 1);
  const last = step > 0 ? bound(stop, length, 0, length) : bound(stop, -1, -1, length - 1);
  const count = Math.max(0, Math.ceil((last - first) / step));
  const block = shapeSize(a.shape.slice(1));
  if (step === 1) {
    return new NDArray(
      a.data.slice(first * block, (first + count) * block),
      [count, ...a.shape.slice(1)],
      a.dtype,
    );
  }
  const out = new Float64Array(count * block);
  for (let i = 0; i < count; i++) {
    const row = first + i * step;
    out.set(a.data.subarray(row * block, (row + 1) * block), i * block);
  }
  return new NDArray(out, [count, ...a.shape.slice(1)], a.dtype);
}

/** Converts index input to an int64 NDArray, refusing float or bool arrays like NumPy. */
function toIndexArray(indices: IndexInput, operation: string): NDArray {
  if (typeof indices === "number") return new NDArray(new Float64Array([indices]), [], "int64");
  if (indices instanceof NDArray) {
    if (indices.dtype !== "int64") {
      throw new TypeError(
        `${operation}: arrays used as indices must be of integer type, got ${indices.dtype} ` +
          `(convert with .astype("int64"))`,
      );
    }
    return indices;
  }
  const list = toArray(indices as readonly number[], operation);
  for (const value of list.data) {
    if (!Number.isInteger(value)) {
      throw new TypeError(`${operation}: indices must be integers, got ${value}`);
    }
  }
  return new NDArray(list.data, list.shape, "int64");
}

/**
 * Selects entries along an axis by position (NumPy's `np.take`, and what
 * Python's `X[indices]` does along axis 0). The result has the indices'
 * shape in place of that axis. `eye(n).take(labels)` one-hot encodes.
 *
 * @example
 * ```ts
 * import { array, eye, take } from "../mod.ts";
 * const X = array([[1, 2], [3, 4], [5, 6]]);
 * take(X, [2, 0]); // [[5, 6], [1, 2]]
 * take(eye(2), array([1, 0], "int64")); // [[0, 1], [1, 0]]
 * ```
 */
export function take(a: NDArray, indices: IndexInput, axis = 0): NDArray {
  a = toArray(a, "take");
  const position = normalizeAxis(axis, a.ndim, "take");
  const index = toIndexArray(indices, "take");
  const length = a.shape[position];
  const outer = shapeSize(a.shape.slice(0, position));
  const inner = shapeSize(a.shape.slice(position + 1));
  const count = index.size;
  const out = new Float64Array(outer * count * inner);
  for (let t = 0; t < count; t++) {
    const row = normalizeIndex(index.data[t], length, position, "take");
    for (let o = 0; o < outer; o++) {
      const from = (o * length + row) * inner;
      out.set(a.data.subarray(from, from + inner), (o * count + t) * inner);
    }
  }
  const shape = [...a.shape.slice(0, position), ...index.shape, ...a.shape.slice(position + 1)];
  return new NDArray(out, shape, a.dtype);
}

/**
 * Paired fancy indexing on a 2-D array, Python's `A[rows, columns]`: the
 * t-th result is `A[rows[t], columns[t]]` (the two index lists broadcast).
 * `pick(probabilities, arange(m), labels)` picks each row's probability of
 * its true class.
 *
 * @example
 * ```ts
 * import { arange, array, pick } from "../mod.ts";
 * const p = array([[0.9, 0.1], [0.3, 0.7]]);
 * pick(p, arange(2), array([0, 1], "int64")); // [0.9, 0.7]
 * ```
 */
export function pick(a: NDArray, rows: IndexInput, columns: IndexInput): NDArray {
  a = toArray(a, "pick");
  if (a.ndim !== 2) {
    throw new RangeError(
      `pick: expects a 2-D array (A[rows, columns]), got shape ${formatShape(a.shape)}`,
    );
  }
  const rowIndex = toIndexArray(rows, "pick");
  const columnIndex = toIndexArray(columns, "pick");
  const shape = broadcastShapes([rowIndex.shape, columnIndex.shape], "pick");
  const rowStrides = broadcastStrides(rowIndex.shape, shape);
  const columnStrides = broadcastStrides(columnIndex.shape, shape);
  const [height, width] = a.shape;
  const out = new Float64Array(shapeSize(shape));
  const from = a.data;
  const rowData = rowIndex.data;
  const columnData = columnIndex.data;
  const rowStep = lastStride(rowStrides);
  const columnStep = lastStride(columnStrides);
  forEachRow(shape, [rowStrides, columnStrides], (start, offsets, length) => {
    pickRow(
      from,
      height,
      width,
      rowData,
      offsets[0],
      rowStep,
      columnData,
      offsets[1],
      columnStep,
      out,
      start,
      length,
    );
  });
  return new NDArray(out, shape, a.dtype);
}

/** One row of {@link pick}: `out[t] = from[rows[r], columns[c]]`, r and c stepping. */
function pickRow(
  from: Float64Array,
  height: number,
  width: number,
  rows: Float64Array,
  r: number,
  rowStep: number,
  columns: Float64Array,
  c: number,
  columnStep: number,
  out: Float64Array,
  start: number,
  length: number,
): void {
  for (let t = start, end = start + length; t < end; t++, r += rowStep, c += columnStep) {
    // In-range non-negative integers, nearly always, skip the general check.
    let row = rows[r];
    if (!(row >= 0 && row < height && Math.floor(row) === row)) {
      row = normalizeIndex(row, height, 0, "pick");
    }
    let column = columns[c];
    if (!(column >= 0 && column < width && Math.floor(column) === column)) {
      column = normalizeIndex(column, width, 1, "pick");
    }
    out[t] = from[row * width + column];
  }
}

/**
 * Every multi-index of `shape` in row-major (C) order, each as a fresh
 * array (NumPy's `np.ndindex`, and the order `np.nditer` visits with
 * `flags=['multi_index']`).
 *
 * @example
 * ```ts
 * import { ndindex } from "../mod.ts";
 * [...ndindex([2, 2])]; // [[0, 0], [0, 1], [1, 0], [1, 1]]
 * ```
 */
export function ndindex(shape: number | Shape): Generator<number[]> {
  // Checked here, when called, rather than at the first step of the loop.
  return multiIndices(checkShape(shape, "ndindex"));
}

function* multiIndices(dims: readonly number[]): Generator<number[]> {
  if (shapeSize(dims) === 0) return;
  const index = new Int32Array(dims.length);
  do {
    yield Array.from(index);
  } while (advanceIndex(index, dims) >= 0);
}

/**
 * Copies of the sub-arrays along the first axis (what `for row in a` visits
 * in Python; a 1-D array gives 0-d arrays, while iterating the array itself
 * gives plain numbers).
 *
 * @example
 * ```ts
 * import { array, rows } from "../mod.ts";
 * for (const row of rows(array([[1, 2], [3, 4]]))) console.log(row.tolist());
 * ```
 */
export function rows(a: NDArray): Generator<NDArray> {
  // Checked here, when called, rather than at the first step of the loop.
  return rowsOf(toArray(a, "rows"));
}

function* rowsOf(a: NDArray): Generator<NDArray> {
  if (a.ndim === 0) throw new TypeError("rows: iteration over a 0-d array");
  const block = shapeSize(a.shape.slice(1));
  const shape = a.shape.slice(1);
  for (let row = 0; row < a.shape[0]; row++) {
    yield new NDArray(a.data.slice(row * block, (row + 1) * block), shape, a.dtype);
  }
}
