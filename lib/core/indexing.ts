/**
 * Reading and writing parts of arrays: single elements (`get`, `set`,
 * `item`), row ranges (`slice`, Python's `X[5:10]` and `X[::-1]`), rows by
 * index (`take`, `X[indices]`), paired fancy indexing (`pick`,
 * `A[rows, columns]`), the rows themselves (`rows`), and visiting every
 * index (`ndindex`). As in NumPy, `slice` and `rows` give views, which
 * share the array's memory, and `take` and `pick` copies; `set` writes
 * through views.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { Shape } from "./ndarray.ts";
import { astype, type NestedArray, type NestedInput, toArray } from "./creation.ts";
import { castValue } from "./dtype.ts";
import { broadcastShapes, broadcastStrides } from "./broadcast.ts";
import {
  checkArgumentCount,
  checkShape,
  describe,
  normalizeAxis,
  normalizeIndex,
  throwReadOnly,
} from "./_util.ts";
import {
  advanceIndex,
  carryOffset,
  forEachRow,
  formatShape,
  gatherStrided,
  lastStride,
  shapeSize,
  unravelIndex,
} from "./_shape.ts";
import { arrays, doublesOf, elementAt, mayShareMemory, type Storage, widen } from "./_storage.ts";

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

/** The storage index of a full multi-index, checking each position like NumPy. */
function storageIndex(a: NDArray, index: readonly number[], operation: string): number {
  if (index.length !== a.ndim) {
    throw new RangeError(
      `${operation}: expected ${a.ndim} ${a.ndim === 1 ? "index" : "indices"} for an array of ` +
        `shape ${formatShape(a.shape)}, got ${index.length}`,
    );
  }
  const { offset, strides } = arrays.layout(a);
  let at = offset;
  for (let axis = 0; axis < index.length; axis++) {
    at += normalizeIndex(index[axis], a.shape[axis], axis, operation) * strides[axis];
  }
  return at;
}

/**
 * An element as a JS number: a 64-bit int64 value past ±2**53 throws, as
 * no number holds it exactly.
 */
function asNumber(value: number | bigint, operation: string): number {
  if (typeof value === "number") return value;
  if (value >= -9007199254740991n && value <= 9007199254740991n) return Number(value);
  throw new RangeError(
    `${operation}: the int64 value ${value} is past ±2**53, where a JS number cannot hold ` +
      "it exactly; tolist() gives it as a bigint",
  );
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
  const at = storageIndex(source, position, "get");
  return asNumber(elementAt(arrays.layout(source).storage, at), "get");
}

/**
 * Assigns `value` at an index (Python's `a[ix] = value`), converted to the
 * array's dtype. A shorter index (or a single number on an n-D array) fills
 * the whole sub-array it selects, as NumPy does; the value may then also be
 * an array that broadcasts to that sub-array (a 0-d array works like a
 * number). Through a view, the original changes; a read-only array (a
 * broadcast, a diagonal) refuses, as in NumPy.
 *
 * @example
 * ```ts
 * import { set, zeros } from "../mod.ts";
 * const W = zeros([2, 2]);
 * set(W, [0, 1], 5); // W is [[0, 5], [0, 0]]
 * set(W, 1, 7); // W is [[0, 5], [7, 7]]
 * set(W.T, [0, 1], 3); // through the transpose: W is [[0, 5], [3, 7]]
 * ```
 */
export function set(
  a: NDArray,
  index: readonly number[] | number,
  value: number | boolean | bigint | NDArray | NestedInput,
): void {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "set");
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
  const { offset, strides, owner, writeable } = arrays.layout(a);
  let at = offset;
  for (let axis = 0; axis < position.length; axis++) {
    at += normalizeIndex(position[axis], a.shape[axis], axis, "set") * strides[axis];
  }
  if (!writeable) throwReadOnly("set", "assignment destination");
  const storage = arrays.layout(a).storage;
  if (
    position.length === a.ndim && typeof value === "number" && storage.f64 !== null &&
    a.dtype !== "int64"
  ) {
    // One element of doubles (the gradient check's nudges): written directly.
    storage.f64[at] = a.dtype === "bool" ? (value !== 0 ? 1 : 0) : value;
    return;
  }
  const target = position.length === 0 ? a : arrays.make(
    arrays.layout(a).storage,
    [...a.shape].slice(position.length),
    a.dtype,
    strides.slice(position.length),
    at,
    owner ?? a,
  );
  assign(target, value, "set");
}

/**
 * Writes `value` into every element of `target` (a view or an array), as
 * NumPy's `target[...] = value`: a number is stored as a Python scalar is
 * (truncated into int64, refused when it cannot be), an array is
 * broadcast to `target`'s shape and cast as NumPy casts arrays. Reads the
 * value in full before writing, so it may overlap `target`. `words` names
 * what is read-only in the error, as NumPy words it for the operation.
 */
export function assign(
  target: NDArray,
  value: number | boolean | bigint | NDArray | NestedInput,
  operation: string,
  words = "assignment destination",
): void {
  const layout = arrays.layout(target);
  if (!layout.writeable) throwReadOnly(operation, words);
  const { storage, offset, strides } = layout;
  const shape = target.shape;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    const stored = castValue(
      typeof value === "boolean" ? Number(value) : value,
      target.dtype,
      operation,
    );
    fillStrided(storage, offset, shape, strides, stored);
    return;
  }
  if (!(value instanceof NDArray) && !Array.isArray(value)) {
    throw new TypeError(
      `${operation}: cannot assign ${describe(value)} to an element of a ${target.dtype} array; ` +
        "expected a number, a boolean or an array",
    );
  }
  // Nested lists are assigned as the array they describe, as in NumPy.
  let source = toArray(value as NestedInput, operation);
  // An array value is broadcast over the target, as NumPy assigns it.
  const offsetAxes = shape.length - source.ndim;
  const fits = offsetAxes >= 0 &&
    [...source.shape].every((n, axis) => n === 1 || n === shape[offsetAxes + axis]);
  if (!fits) {
    throw new RangeError(
      `${operation}: could not broadcast input array from shape ${
        formatShape(source.shape)
      } into shape ${formatShape(shape)}`,
    );
  }
  if (source.dtype !== target.dtype || mayShareMemory(source, target)) {
    source = astype(source, target.dtype);
  }
  const from = arrays.layout(source);
  const fromStrides = broadcastStrides(source.shape, shape, from.strides);
  let values: Float64Array | BigInt64Array;
  let into: Float64Array | BigInt64Array;
  if (from.storage.f64 !== null && storage.f64 !== null) {
    values = from.storage.f64;
    into = storage.f64;
  } else {
    // 64-bit integers on either side: both sides become 64-bit.
    into = widen(storage);
    values = from.storage.i64 ?? BigInt64Array.from(from.storage.f64!, (v) => BigInt(v));
  }
  const copy = values as Float64Array;
  const write = into as Float64Array;
  const targetStep = lastStride(strides);
  const sourceStep = lastStride(fromStrides);
  forEachRow(shape, [strides, fromStrides], (_start, offsets, length) => {
    for (
      let i = 0, t = offsets[0], f = offsets[1];
      i < length;
      i++, t += targetStep, f += sourceStep
    ) {
      write[t] = copy[f];
    }
  }, [offset, from.offset]);
}

/** Writes one value into every element a layout reaches (64-bit storage for a bigint). */
function fillStrided(
  storage: Storage,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  value: number | bigint,
): void {
  let into: Float64Array | BigInt64Array;
  let stored: number | bigint = value;
  if (storage.f64 !== null && typeof value === "number") {
    into = storage.f64;
  } else {
    into = widen(storage);
    stored = BigInt(value);
  }
  const write = into as Float64Array;
  const step = lastStride(strides);
  forEachRow(shape, [strides], (_start, offsets, length) => {
    for (let i = 0, t = offsets[0]; i < length; i++, t += step) write[t] = stored as number;
  }, [offset]);
}

/**
 * The single element of a size-1 array as a JS number (NumPy's `.item()`),
 * or the element at a flat (row-major) index, or at a full multi-index. An
 * int64 value past ±2**53 throws (`tolist()` gives it exactly).
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
  const { storage, offset } = arrays.layout(a);
  if (index.length === 0) {
    if (a.size !== 1) {
      throw new RangeError(
        `item: can only convert an array of size 1 to a Python scalar, got shape ${
          formatShape(a.shape)
        }`,
      );
    }
    return asNumber(elementAt(storage, offset), "item");
  }
  if (index.length === 1 && a.ndim !== 1) {
    const flat = normalizeIndex(index[0], a.size, 0, "item");
    return asNumber(
      elementAt(storage, storageIndex(a, unravelIndex(flat, a.shape), "item")),
      "item",
    );
  }
  return asNumber(elementAt(storage, storageIndex(a, index, "item")), "item");
}

/**
 * The array as nested JS arrays (NumPy's `.tolist()`): numbers, booleans
 * for a bool array, and for int64 values past ±2**53 bigints (Python's
 * ints are exact; a JS number would not be). A 0-d array gives its single
 * value.
 *
 * @example
 * ```ts
 * import { array, tolist } from "../mod.ts";
 * tolist(array([[1, 2], [3, 4]])); // [[1, 2], [3, 4]]
 * ```
 */
export function tolist(a: NDArray): NestedArray {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "tolist");
  a = toArray(a, "tolist");
  const { storage, offset, strides } = arrays.layout(a);
  const convert = a.dtype === "bool"
    ? (value: number | bigint) => value !== 0
    : (value: number | bigint) =>
      typeof value === "bigint" && value >= -9007199254740991n && value <= 9007199254740991n
        ? Number(value)
        : value;
  const build = (axis: number, at: number): NestedArray => {
    if (axis === a.ndim) return convert(elementAt(storage, at));
    const length = a.shape[axis];
    const out: NestedArray[] = new Array(length);
    for (let i = 0; i < length; i++) out[i] = build(axis + 1, at + i * strides[axis]);
    return out;
  };
  return build(0, offset);
}

/**
 * Rows `start` up to (not including) `stop` along the first axis, by
 * `step`, like Python's `X[start:stop:step]`: a view of `X`, so writing
 * into it writes into `X`, as in NumPy. Bounds may be negative and are
 * clipped to the array, as in Python; a negative step walks backwards
 * (`slice(X, null, null, -1)` is `X[::-1]`).
 *
 * @example
 * ```ts
 * import { arange, slice } from "../mod.ts";
 * const X = arange(10);
 * slice(X, 0, 3); // [0, 1, 2]      (X[:3])
 * slice(X, -2); // [8, 9]            (X[-2:])
 * slice(X, null, null, -1); // [9, 8, ..., 0] (X[::-1])
 * ```
 */
export function slice(
  a: NDArray,
  start?: number | null,
  stop?: number | null,
  step: number | null = 1,
): NDArray {
  if (arguments.length > 4) checkArgumentCount(arguments, 4, "slice");
  a = toArray(a, "slice");
  if (a.ndim === 0) throw new RangeError("slice: cannot slice a 0-d array");
  if (step === null) step = 1;
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
  const { storage, offset, strides, owner, writeable } = arrays.layout(a);
  return arrays.make(
    storage,
    [count, ...[...a.shape].slice(1)],
    a.dtype,
    [strides[0] * step, ...strides.slice(1)],
    count === 0 ? offset : offset + first * strides[0],
    owner ?? a,
    writeable,
  );
}

/**
 * Index input as int64 positions in row-major order with their shape,
 * refusing float or bool arrays like NumPy.
 */
function toIndices(indices: IndexInput, operation: string): [Float64Array, Shape] {
  if (typeof indices === "number") return [Float64Array.of(indices), []];
  if (indices instanceof NDArray) {
    if (indices.dtype !== "int64") {
      throw new TypeError(
        `${operation}: arrays used as indices must be of integer type, got ${indices.dtype} ` +
          `(convert with .astype("int64"))`,
      );
    }
    // Indices past 2**53 are out of bounds anyway; their nearest doubles say so.
    return [doublesOf(indices), indices.shape];
  }
  const list = toArray(indices as readonly number[], operation);
  const values = doublesOf(list);
  for (const value of values) {
    if (!Number.isInteger(value)) {
      throw new TypeError(`${operation}: indices must be integers, got ${value}`);
    }
  }
  return [values, list.shape];
}

/**
 * Selects entries along an axis by position (NumPy's `np.take`, and what
 * Python's `X[indices]` does along axis 0), into a new array. The result
 * has the indices' shape in place of that axis. `eye(n).take(labels)`
 * one-hot encodes.
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
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "take");
  a = toArray(a, "take");
  const position = normalizeAxis(axis, a.ndim, "take");
  const [index, indexShape] = toIndices(indices, "take");
  const length = a.shape[position];
  const outerShape = [...a.shape].slice(0, position);
  const innerShape = [...a.shape].slice(position + 1);
  const outer = shapeSize(outerShape);
  const inner = shapeSize(innerShape);
  const count = index.length;
  const rowsTaken = new Array<number>(count);
  for (let t = 0; t < count; t++) rowsTaken[t] = normalizeIndex(index[t], length, position, "take");
  const { storage, offset, strides, contiguous } = arrays.layout(a);
  const wide = storage.i64 !== null;
  // Elements are only copied, so 64-bit storage goes through the same loops.
  const from = (storage.f64 ?? storage.i64) as Float64Array;
  const out =
    (wide
      ? new BigInt64Array(outer * count * inner)
      : new Float64Array(outer * count * inner)) as Float64Array;
  if (contiguous) {
    for (let t = 0; t < count; t++) {
      for (let o = 0; o < outer; o++) {
        const start = offset + (o * length + rowsTaken[t]) * inner;
        out.set(from.subarray(start, start + inner), (o * count + t) * inner);
      }
    }
  } else {
    const outerStrides = strides.slice(0, position);
    const innerStrides = strides.slice(position + 1);
    const outerIndex = new Array<number>(position).fill(0);
    for (let o = 0, base = offset; o < outer; o++) {
      for (let t = 0; t < count; t++) {
        const start = base + rowsTaken[t] * strides[position];
        gatherStrided(from, start, innerShape, innerStrides, out, (o * count + t) * inner);
      }
      const moved = advanceIndex(outerIndex, outerShape);
      if (moved >= 0) base += carryOffset(outerStrides, outerShape, moved);
    }
  }
  const shape = [...outerShape, ...indexShape, ...innerShape];
  return arrays.make(
    wide ? { f64: null, i64: out as unknown as BigInt64Array } : { f64: out, i64: null },
    shape,
    a.dtype,
  );
}

/**
 * Paired fancy indexing on a 2-D array, Python's `A[rows, columns]`: the
 * t-th result is `A[rows[t], columns[t]]` (the two index lists broadcast),
 * in a new array. `pick(probabilities, arange(m), labels)` picks each
 * row's probability of its true class.
 *
 * @example
 * ```ts
 * import { arange, array, pick } from "../mod.ts";
 * const p = array([[0.9, 0.1], [0.3, 0.7]]);
 * pick(p, arange(2), array([0, 1], "int64")); // [0.9, 0.7]
 * ```
 */
export function pick(a: NDArray, rows: IndexInput, columns: IndexInput): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "pick");
  a = toArray(a, "pick");
  if (a.ndim !== 2) {
    throw new RangeError(
      `pick: expects a 2-D array (A[rows, columns]), got shape ${formatShape(a.shape)}`,
    );
  }
  const [rowData, rowShape] = toIndices(rows, "pick");
  const [columnData, columnShape] = toIndices(columns, "pick");
  const shape = broadcastShapes([rowShape, columnShape], "pick");
  const rowStrides = broadcastStrides(rowShape, shape);
  const columnStrides = broadcastStrides(columnShape, shape);
  const [height, width] = a.shape;
  const { storage, offset, strides } = arrays.layout(a);
  const wide = storage.i64 !== null;
  const size = shapeSize(shape);
  // Elements are only copied, so 64-bit storage goes through the same loop.
  const out = (wide ? new BigInt64Array(size) : new Float64Array(size)) as Float64Array;
  const from = (storage.f64 ?? storage.i64) as Float64Array;
  const rowStep = lastStride(rowStrides);
  const columnStep = lastStride(columnStrides);
  const place = { offset, rowStride: strides[0], columnStride: strides[1], height, width };
  forEachRow(shape, [rowStrides, columnStrides], (start, offsets, length) => {
    pickRow(
      from,
      place,
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
  return arrays.make(
    wide ? { f64: null, i64: out as unknown as BigInt64Array } : { f64: out, i64: null },
    shape,
    a.dtype,
  );
}

/** Where a 2-D array's elements are: its offset, strides and lengths. */
interface Plane {
  offset: number;
  rowStride: number;
  columnStride: number;
  height: number;
  width: number;
}

/** One row of {@link pick}: `out[t] = A[rows[r], columns[c]]`, r and c stepping. */
function pickRow(
  from: Float64Array,
  plane: Plane,
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
  const { offset, rowStride, columnStride, height, width } = plane;
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
    out[t] = from[offset + row * rowStride + column * columnStride];
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
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "ndindex");
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
 * The sub-arrays along the first axis, as views (what `for row in a`
 * visits in Python: writing into a row changes `a`); a 1-D array gives 0-d
 * views, while iterating the array itself gives plain numbers.
 *
 * @example
 * ```ts
 * import { array, rows } from "../mod.ts";
 * const a = array([[1, 2], [3, 4]]);
 * for (const row of rows(a)) row.multiplyInPlace(10); // a is [[10, 20], [30, 40]]
 * ```
 */
export function rows(a: NDArray): Generator<NDArray> {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "rows");
  // Checked here, when called, rather than at the first step of the loop.
  return rowsOf(toArray(a, "rows"));
}

function* rowsOf(a: NDArray): Generator<NDArray> {
  if (a.ndim === 0) throw new TypeError("rows: iteration over a 0-d array");
  const { storage, offset, strides, owner, writeable } = arrays.layout(a);
  const shape = [...a.shape].slice(1);
  const rowStrides = strides.slice(1);
  for (let row = 0; row < a.shape[0]; row++) {
    yield arrays.make(
      storage,
      shape,
      a.dtype,
      rowStrides,
      offset + row * strides[0],
      owner ?? a,
      writeable,
    );
  }
}
