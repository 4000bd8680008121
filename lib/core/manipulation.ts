/**
 * Changing the shape of arrays and joining them: `reshape`, `ravel`,
 * `flatten`, `transpose`, `expandDims`, `squeeze`, `diagonal`, `copy`,
 * `concatenate`, `vstack`, `hstack`, `append`, and `sharesMemory`.
 *
 * As in NumPy, `transpose`, `expandDims`, `squeeze` and `diagonal` are
 * always views of their input (sharing its memory, so that writing through
 * them changes it), `reshape` and `ravel` are views whenever the input's
 * layout allows and copies otherwise, and `flatten`, `copy` and the joins
 * make new arrays.
 *
 * @module
 */
import type { NDArray, Shape } from "./ndarray.ts";
import { type ArrayInput, toArray } from "./creation.ts";
import { promoteTypes } from "./dtype.ts";
import { checkArgumentCount, checkDimensionCount, describe, normalizeAxis } from "./_util.ts";
import { formatShape, joinedOrder, shapeSize } from "./_shape.ts";
import {
  arrays,
  copyElements,
  copyInOrder,
  doublesOf,
  elementAddresses,
  integersOf,
  isWide,
  mayShareMemory,
} from "./_storage.ts";

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
  checkDimensionCount(shape.length, operation);
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
 * Strides that read the elements of an array of `shape` and `strides` in
 * C order as an array of `newShape`, without copying: NumPy's no-copy
 * reshape, which merges and splits axes where the strides allow. Undefined
 * when they do not (a transpose reshaped to 1-D, for one).
 */
function stridesWithoutCopy(
  shape: readonly number[],
  strides: readonly number[],
  newShape: readonly number[],
): number[] | undefined {
  // Axes of length 1 take no part.
  const oldDims: number[] = [];
  const oldStrides: number[] = [];
  shape.forEach((length, axis) => {
    if (length !== 1) {
      oldDims.push(length);
      oldStrides.push(strides[axis]);
    }
  });
  const newStrides = new Array<number>(newShape.length).fill(0);
  let oi = 0;
  let oj = 1;
  let ni = 0;
  let nj = 1;
  while (ni < newShape.length && oi < oldDims.length) {
    let np = newShape[ni];
    let op = oldDims[oi];
    while (np !== op) {
      if (np < op) np *= newShape[nj++];
      else op *= oldDims[oj++];
    }
    // The old axes oi..oj-1 must lie one inside another to become one run.
    for (let ok = oi; ok < oj - 1; ok++) {
      if (oldStrides[ok] !== oldDims[ok + 1] * oldStrides[ok + 1]) return undefined;
    }
    newStrides[nj - 1] = oldStrides[oj - 1];
    for (let nk = nj - 1; nk > ni; nk--) newStrides[nk - 1] = newStrides[nk] * newShape[nk];
    ni = nj++;
    oi = oj++;
  }
  const last = ni >= 1 ? newStrides[ni - 1] : 1;
  for (let nk = ni; nk < newShape.length; nk++) newStrides[nk] = last;
  return newStrides;
}

/**
 * The shape and strides that `a.shape = requested` gives `a` in place, as
 * NumPy's shape assignment: a reshape without a copy, or NumPy's error when
 * the sizes differ or the layout allows no view.
 */
export function shapeInPlace(a: NDArray, requested: number | Shape): [number[], number[]] {
  const shape = resolveShape(
    a.size,
    typeof requested === "number" ? [requested] : requested,
    "shape",
  );
  const { strides, contiguous } = arrays.layout(a);
  if (contiguous) return [shape, contiguousStridesOf(shape)];
  const viewStrides = a.size === 0 ? undefined : stridesWithoutCopy(a.shape, strides, shape);
  if (viewStrides === undefined) {
    throw new TypeError(
      "shape: Incompatible shape for in-place modification. Use `.reshape()` to make a copy " +
        "with the desired shape.",
    );
  }
  return [shape, viewStrides];
}

/** A view of `source` through other shape, strides and offset, sharing its memory. */
function viewOf(
  source: NDArray,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  writeable?: boolean,
): NDArray {
  const layout = arrays.layout(source);
  return arrays.make(
    layout.storage,
    shape,
    source.dtype,
    strides,
    offset,
    layout.owner ?? source,
    layout.writeable && (writeable ?? true),
  );
}

/** A new array holding a copy of `source`'s elements, in C order or (`keepOrder`) in its own. */
function copyOf(source: NDArray, keepOrder: boolean): NDArray {
  const [storage, strides] = copyElements(source, keepOrder);
  return arrays.make(storage, source.shape, source.dtype, strides);
}

/** {@link reshape} with errors naming the function the caller used. */
function reshaped(source: NDArray, requested: Shape, operation: string): NDArray {
  const shape = resolveShape(source.size, requested, operation);
  const { offset, strides, contiguous } = arrays.layout(source);
  if (contiguous) {
    return viewOf(source, shape, contiguousStridesOf(shape), offset);
  }
  const viewStrides = source.size === 0
    ? undefined
    : stridesWithoutCopy(source.shape, strides, shape);
  if (viewStrides !== undefined) return viewOf(source, shape, viewStrides, offset);
  // As NumPy does, a view of a C-order copy (whose base is that copy).
  return viewOf(copyOf(source, false), shape, contiguousStridesOf(shape), 0);
}

function contiguousStridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let axis = shape.length - 1, stride = 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * The same elements in a new shape (`np.reshape`); one length may be -1 to
 * be inferred. A view of `a` whenever its layout allows it (always for a
 * contiguous array), as in NumPy, so that writing into the result writes
 * into `a`; a copy otherwise (a transpose reshaped to 1-D, for one).
 *
 * @example
 * ```ts
 * import { arange, reshape } from "../mod.ts";
 * reshape(arange(6), [2, 3]); // [[0, 1, 2], [3, 4, 5]]
 * reshape(arange(6), [-1, 1]); // a column of 6
 * ```
 */
export function reshape(a: ArrayInput, shape: number | Shape): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "reshape");
  const source = toArray(a, "reshape");
  const requested = typeof shape === "number" ? [shape] : shape;
  return reshaped(source, requested, "reshape");
}

/**
 * The elements as a 1-D array in row-major order (`np.ravel`): a view of a
 * contiguous array, a copy of any other, as in NumPy.
 *
 * @example
 * ```ts
 * import { array, ravel } from "../mod.ts";
 * ravel(array([[1, 2], [3, 4]])); // [1, 2, 3, 4]
 * ```
 */
export function ravel(a: ArrayInput): NDArray {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "ravel");
  const source = toArray(a, "ravel");
  const { offset, contiguous } = arrays.layout(source);
  if (contiguous) return viewOf(source, [source.size], [1], offset);
  const copied = copyOf(source, false);
  return arrays.make(arrays.layout(copied).storage, [source.size], source.dtype);
}

/**
 * The elements as a new 1-D array in row-major order (NumPy's
 * `a.flatten()`): always a copy.
 *
 * @example
 * ```ts
 * import { array, flatten } from "../mod.ts";
 * flatten(array([[1, 2], [3, 4]])); // [1, 2, 3, 4]
 * ```
 */
export function flatten(a: ArrayInput): NDArray {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "flatten");
  const source = toArray(a, "flatten");
  const copied = copyOf(source, false);
  return arrays.make(arrays.layout(copied).storage, [source.size], source.dtype);
}

/**
 * An independent copy of `a` (`np.copy`), laid out in `a`'s own order as
 * NumPy's `np.copy` does (`a.copy()`, the method, always gives C order).
 *
 * @example
 * ```ts
 * import { array, copy } from "../mod.ts";
 * const a = array([1, 2]);
 * const b = copy(a);
 * b.set(0, 9); // a is still [1, 2]
 * ```
 */
export function copy(a: ArrayInput): NDArray {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "copy");
  return copyOf(toArray(a, "copy"), true);
}

/** The C-order copy behind `a.copy()`. */
export function copyInCOrder(a: NDArray): NDArray {
  return copyOf(a, false);
}

/**
 * Permutes the axes (`np.transpose`): reversed by default, so a matrix's
 * rows become columns. A view of `a`: nothing is copied, and writing
 * through it writes into `a`.
 *
 * @example
 * ```ts
 * import { array, transpose } from "../mod.ts";
 * transpose(array([[1, 2, 3]])); // [[1], [2], [3]]
 * ```
 */
export function transpose(a: ArrayInput, axes?: readonly number[]): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "transpose");
  const source = toArray(a, "transpose");
  const ndim = source.ndim;
  if (axes !== undefined && axes !== null && !Array.isArray(axes)) {
    throw new TypeError(
      `transpose: axes must be a list of integers such as [1, 0], got ${describe(axes)}`,
    );
  }
  const order = axes === undefined || axes === null
    ? Array.from({ length: ndim }, (_, axis) => ndim - 1 - axis)
    : axes.map((axis) => normalizeAxis(axis, ndim, "transpose"));
  if (order.length !== ndim || new Set(order).size !== ndim) {
    throw new RangeError(
      `transpose: axes [${axes?.join(", ")}] don't match array of dimension ${ndim}`,
    );
  }
  const { offset, strides } = arrays.layout(source);
  return viewOf(
    source,
    order.map((axis) => source.shape[axis]),
    order.map((axis) => strides[axis]),
    offset,
  );
}

/**
 * Inserts a length-1 axis at `axis` (`np.expand_dims`): a view of `a`.
 *
 * @example
 * ```ts
 * import { array, expandDims } from "../mod.ts";
 * expandDims(array([1, 2]), 0).shape; // [1, 2]
 * ```
 */
export function expandDims(a: ArrayInput, axis: number): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "expandDims");
  const source = toArray(a, "expandDims");
  const position = normalizeAxis(axis, source.ndim + 1, "expandDims");
  checkDimensionCount(source.ndim + 1, "expandDims");
  const shape = [...source.shape];
  shape.splice(position, 0, 1);
  // NumPy's expand_dims is a reshape, which always finds a view here.
  return reshaped(source, shape, "expandDims");
}

/**
 * Removes length-1 axes (`np.squeeze`): all of them, or just `axis`. A
 * view of `a`.
 *
 * @example
 * ```ts
 * import { array, squeeze } from "../mod.ts";
 * squeeze(array([[1], [2]])).shape; // [2]
 * ```
 */
export function squeeze(a: ArrayInput, axis?: number): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "squeeze");
  const source = toArray(a, "squeeze");
  let kept: number[];
  if (axis === undefined || axis === null) {
    kept = source.shape.flatMap((length, index) => (length === 1 ? [] : [index]));
  } else {
    const position = normalizeAxis(axis, source.ndim, "squeeze");
    if (source.shape[position] !== 1) {
      throw new RangeError(
        "squeeze: cannot select an axis to squeeze out which has size not equal to one",
      );
    }
    kept = source.shape.flatMap((_, index) => (index === position ? [] : [index]));
  }
  const { offset, strides } = arrays.layout(source);
  return viewOf(
    source,
    kept.map((index) => source.shape[index]),
    kept.map((index) => strides[index]),
    offset,
  );
}

/**
 * The diagonal `offset` above the main one (below for a negative offset),
 * taken in the planes of axes `axis1` and `axis2` (`np.diagonal`): the
 * diagonal becomes the last axis of the result. A read-only view of `a`,
 * as in NumPy.
 *
 * @example
 * ```ts
 * import { arange, diagonal } from "../mod.ts";
 * const a = arange(9).reshape(3, 3);
 * diagonal(a); // array([0, 4, 8])
 * diagonal(a, 1); // array([1, 5])
 * ```
 */
export function diagonal(a: ArrayInput, offset = 0, axis1 = 0, axis2 = 1): NDArray {
  if (arguments.length > 4) checkArgumentCount(arguments, 4, "diagonal");
  const source = toArray(a, "diagonal");
  if (source.ndim < 2) {
    throw new RangeError("diagonal: diag requires an array of at least two dimensions");
  }
  if (!Number.isInteger(offset)) {
    throw new TypeError(`diagonal: offset must be an integer, got ${describe(offset)}`);
  }
  const first = normalizeAxis(axis1, source.ndim, "diagonal");
  const second = normalizeAxis(axis2, source.ndim, "diagonal");
  if (first === second) {
    throw new RangeError("diagonal: axis1 and axis2 cannot be the same");
  }
  const layout = arrays.layout(source);
  const rows = source.shape[first];
  const columns = source.shape[second];
  let start = layout.offset;
  let length: number;
  if (offset >= 0) {
    length = Math.max(0, Math.min(rows, columns - offset));
    if (length > 0) start += offset * layout.strides[second];
  } else {
    length = Math.max(0, Math.min(rows + offset, columns));
    if (length > 0) start -= offset * layout.strides[first];
  }
  const shape: number[] = [];
  const strides: number[] = [];
  source.shape.forEach((size, axis) => {
    if (axis !== first && axis !== second) {
      shape.push(size);
      strides.push(layout.strides[axis]);
    }
  });
  shape.push(length);
  strides.push(layout.strides[first] + layout.strides[second]);
  return viewOf(source, shape, strides, start, false);
}

/**
 * Whether `a` and `b` share any element in memory (`np.shares_memory`): a
 * view and its original do (unless they pick disjoint elements), two
 * separate arrays never do.
 *
 * @example
 * ```ts
 * import { arange, sharesMemory } from "../mod.ts";
 * const a = arange(6);
 * sharesMemory(a, a.reshape(2, 3)); // true
 * sharesMemory(a.slice(0, 3), a.slice(3)); // false
 * sharesMemory(a, a.copy()); // false
 * ```
 */
export function sharesMemory(a: ArrayInput, b: ArrayInput): boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "sharesMemory");
  const first = toArray(a, "sharesMemory");
  const second = toArray(b, "sharesMemory");
  if (!mayShareMemory(first, second)) return false;
  const [smaller, larger] = first.size <= second.size ? [first, second] : [second, first];
  const addresses = elementAddresses(smaller);
  for (const address of elementAddresses(larger)) {
    if (addresses.has(address)) return true;
  }
  return false;
}

/**
 * Joins arrays along an existing axis (`np.concatenate`, default axis 0).
 * All other axes must have equal lengths. With axis `null` the arrays are
 * flattened first and joined end to end, as NumPy's `axis=None` does.
 *
 * @example
 * ```ts
 * import { array, concatenate } from "../mod.ts";
 * concatenate([array([[1, 2]]), array([[3, 4]])]); // [[1, 2], [3, 4]]
 * concatenate([array([[1], [2]]), array([[3], [4]])], 1); // [[1, 3], [2, 4]]
 * concatenate([array([[1, 2]]), array([3])], null); // [1, 2, 3]
 * ```
 */
export function concatenate(arrays: readonly ArrayInput[], axis: number | null = 0): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "concatenate");
  const sources = listOfArrays(arrays, "concatenate");
  if (axis === null) return join(sources.map((source) => ravel(source)), 0, "concatenate");
  return join(sources, axis, "concatenate");
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
  const outer = shapeSize([...first.shape].slice(0, position));
  const inner = shapeSize([...first.shape].slice(position + 1));
  // int64 values past 2**53 are joined as 64-bit integers; into float64
  // (or among safe values) everything goes as doubles.
  const wide = dtype === "int64" && sources.some(isWide);
  const size = shapeSize(shape);
  // Only copied, so both kinds go through the same loop.
  const out = (wide ? new BigInt64Array(size) : new Float64Array(size)) as Float64Array;
  const outBlock = total * inner;
  let start = 0;
  for (const source of sources) {
    const values = (wide ? integersOf(source) : doublesOf(source)) as Float64Array;
    const block = source.shape[position] * inner;
    for (let o = 0; o < outer; o++) {
      out.set(values.subarray(o * block, (o + 1) * block), o * outBlock + start);
    }
    start += block;
  }
  const joined = arrays.make(
    wide ? { f64: null, i64: out as unknown as BigInt64Array } : { f64: out, i64: null },
    shape,
    dtype,
  );
  // NumPy lays the result out as the inputs lie (joined transposes stay
  // column-major), which later sums over it follow.
  const order = joinedOrder(
    sources.map((source) => ({ shape: source.shape, strides: arrays.layout(source).strides })),
    shape.length,
  );
  if (order === undefined) return joined;
  const [storage, strides] = copyInOrder(joined, order);
  return arrays.make(storage, shape, dtype, strides);
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
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "vstack");
  const rows = listOfArrays(arrays, "vstack").map((source) => {
    if (source.ndim >= 2) return source;
    return reshaped(source, [1, source.size], "vstack");
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
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "hstack");
  const sources = listOfArrays(arrays, "hstack").map((source) => {
    return source.ndim === 0 ? reshaped(source, [1], "hstack") : source;
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
export function append(a: ArrayInput, values: ArrayInput, axis?: number | null): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "append");
  const sources = [toArray(a, "append"), toArray(values, "append")];
  if (axis !== undefined && axis !== null) return join(sources, axis, "append");
  return join(sources.map((source) => ravel(source)), 0, "append");
}
