// Shapes: how error messages write them, how many elements they hold, their
// row-major strides, equality, flat positions as multi-indices, the odometer
// that steps a multi-index through a shape in C order, and the order in
// which NumPy's iterator visits strided operands. Not part of the public
// API. Imports nothing, so every module can use it.

/** The most axes an array may have, as in NumPy. */
export const MAX_DIMS = 64;

/** Formats a shape the way NumPy writes it in error messages: `(2,3)`, `(4,)`, `()`. */
export function formatShape(shape: readonly (number | string)[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

/** The number of elements an array of this shape holds. */
export function shapeSize(shape: readonly number[]): number {
  // Indexed, not for-of: arrays' shapes are frozen, which for-of walks slowly.
  let size = 1;
  for (let axis = 0; axis < shape.length; axis++) size *= shape[axis];
  return size;
}

/** Whether two shapes have the same lengths on the same axes. */
export function sameShape(first: readonly number[], second: readonly number[]): boolean {
  if (first.length !== second.length) return false;
  for (let axis = 0; axis < first.length; axis++) {
    if (first[axis] !== second[axis]) return false;
  }
  return true;
}

/** Row-major strides, counted in elements (not bytes). */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** The multi-index of row-major position `flat` in an array of `shape` (`np.unravel_index`). */
export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/**
 * One step of the odometer over the first `axes` axes of `shape`: bumps the
 * last of them, carrying into earlier ones, the way C order visits
 * positions. Returns the axis that moved on (every later one among the
 * first `axes` has wrapped back to 0), or -1 once the last position has
 * been passed (the index is then all zeros again).
 *
 * Loops that handle the last axis themselves step the outer axes with
 * `axes = ndim - 1`, once per row rather than once per element, and move
 * each flat offset by {@link carryOffset}.
 */
export function advanceIndex(
  index: Int32Array | number[],
  shape: readonly number[],
  axes: number = shape.length,
): number {
  for (let axis = axes - 1; axis >= 0; axis--) {
    if (++index[axis] < shape[axis]) return axis;
    index[axis] = 0;
  }
  return -1;
}

/**
 * How far a flat offset moves, under `strides`, when {@link advanceIndex}
 * over the first `axes` axes has returned `axis`: one step along that axis,
 * less the way back along every later one of them, which wrapped to 0.
 * Amortised over a whole walk this is one subtraction a step.
 */
export function carryOffset(
  strides: readonly number[],
  shape: readonly number[],
  axis: number,
  axes: number = shape.length,
): number {
  let jump = strides[axis];
  for (let wrapped = axis + 1; wrapped < axes; wrapped++) {
    jump -= strides[wrapped] * (shape[wrapped] - 1);
  }
  return jump;
}

/**
 * Visits every row (run along the last axis) of `shape` in C order: the
 * flat output index where the row starts, each operand's flat offset there
 * under its strides (zero on broadcast axes, permuted for a transpose), and
 * the row's length; the caller steps along the row by each operand's last
 * stride. Offsets start at `starts` (each operand's offset of its first
 * element; 0 when absent). A 0-d shape is one row of one element. The offsets array is
 * reused between calls. One call per row, not per element, so the caller's
 * own loop does the elements.
 */
export function forEachRow(
  shape: readonly number[],
  operandStrides: readonly (readonly number[])[],
  visit: (outStart: number, offsets: readonly number[], length: number) => void,
  starts?: readonly number[],
): void {
  if (shapeSize(shape) === 0) return;
  const count = operandStrides.length;
  // Plain arrays: a typed array, however small, costs about 0.6 us to make.
  const offsets = starts === undefined ? new Array<number>(count).fill(0) : [...starts];
  const outer = Math.max(shape.length - 1, 0);
  const length = shape.length === 0 ? 1 : shape[outer];
  const index = new Array<number>(outer).fill(0);
  for (let outStart = 0;; outStart += length) {
    visit(outStart, offsets, length);
    const axis = advanceIndex(index, shape, outer);
    if (axis < 0) return;
    for (let k = 0; k < count; k++) {
      offsets[k] += carryOffset(operandStrides[k], shape, axis, outer);
    }
  }
}

/** The step along the last axis under `strides` (0 for a 0-d shape, which has one element). */
export function lastStride(strides: readonly number[]): number {
  return strides.length === 0 ? 0 : strides[strides.length - 1];
}

/**
 * Fills `out` (contiguous, of `shape`, from `outStart`) with the elements
 * of `from` read under `strides` from `offset`: a transpose with permuted
 * strides, a broadcast with zero strides on the repeated axes, a slice with
 * its steps. Copies elements only, so it serves a BigInt64Array as well
 * (passed as its own kind on both sides).
 */
export function gatherStrided(
  from: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  out: Float64Array,
  outStart = 0,
): void {
  const step = lastStride(strides);
  forEachRow(shape, [strides], (start, offsets, length) => {
    const at = outStart + start;
    for (let o = at, end = at + length, f = offsets[0]; o < end; o++, f += step) {
      out[o] = from[f];
    }
  }, [offset]);
}

/**
 * Writes the contiguous elements of `from` (from `fromStart`) into `into`
 * under `strides` from `offset`, in C order: the inverse of
 * {@link gatherStrided}, for writing through a view.
 */
export function scatterStrided(
  from: Float64Array,
  fromStart: number,
  into: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
): void {
  const step = lastStride(strides);
  forEachRow(shape, [strides], (start, offsets, length) => {
    const at = fromStart + start;
    for (let f = at, end = at + length, t = offsets[0]; f < end; f++, t += step) {
      into[t] = from[f];
    }
  }, [offset]);
}

/**
 * Whether `strides` lay `shape` out in C order without gaps (what NumPy
 * calls C-contiguous): each axis steps over the whole of the axes after it.
 * Axes of length 1 may have any stride, and an empty shape is contiguous.
 */
export function isCContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const length = shape[axis];
    if (length === 0) return true;
    if (length !== 1 && strides[axis] !== expected) return false;
    expected *= length;
  }
  return true;
}

/** Whether `strides` lay `shape` out in Fortran order (first axis fastest) without gaps. */
export function isFContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const length = shape[axis];
    if (length === 0) return true;
    if (length !== 1 && strides[axis] !== expected) return false;
    expected *= length;
  }
  return true;
}

/**
 * The order in which NumPy's iterator visits operands of `shape` with
 * these strides, as axes from the outermost to the innermost: a stable
 * insertion sort, from C order, by the size of the strides, where an axis
 * moves inward past another only if every operand that steps along both
 * agrees it has the smaller stride (C order wins a disagreement). Zero
 * strides, and axes of length 1, take no part. New arrays (`a.T + 1`)
 * are laid out in this order, and it decides the order in which a sum
 * adds.
 */
export function iterationOrder(
  shape: readonly number[],
  operandStrides: readonly (readonly number[])[],
): number[] {
  const ndim = shape.length;
  // Innermost first, as NumPy keeps its axes.
  const order: number[] = [];
  for (let axis = ndim - 1; axis >= 0; axis--) order.push(axis);
  const strideOf = (strides: readonly number[], axis: number) =>
    shape[axis] === 1 ? 0 : strides[axis];
  for (let i0 = 1; i0 < ndim; i0++) {
    const moving = order[i0];
    let position = i0;
    for (let i1 = i0 - 1; i1 >= 0; i1--) {
      const placed = order[i1];
      let ambiguous = true;
      let swap = false;
      for (const strides of operandStrides) {
        const s0 = strideOf(strides, moving);
        const s1 = strideOf(strides, placed);
        if (s0 !== 0 && s1 !== 0) {
          if (Math.abs(s1) <= Math.abs(s0)) swap = false;
          else if (ambiguous) swap = true;
          ambiguous = false;
        }
      }
      if (ambiguous) continue;
      if (!swap) break;
      position = i1;
    }
    if (position !== i0) {
      order.splice(i0, 1);
      order.splice(position, 0, moving);
    }
  }
  return order.reverse();
}

/**
 * How NumPy lays out the result of a ufunc on these operands, as an order
 * of axes (outermost first) for {@link orderedStrides}, or undefined for C
 * order. When every operand (0-d ones aside) has the result's shape and is
 * C- or F-contiguous (or 1-D), NumPy's trivial loop allocates in C order, or
 * in F order if an operand is only F-contiguous; otherwise its iterator
 * orders the axes as {@link iterationOrder} does.
 */
export function resultOrder(
  shape: readonly number[],
  operands: readonly { shape: readonly number[]; strides: readonly number[] }[],
  broadcast: (operand: { shape: readonly number[]; strides: readonly number[] }) => number[],
): number[] | undefined {
  const trivial = trivialLoopLayout(shape, operands);
  if (trivial === "F") return shape.map((_, axis) => shape.length - 1 - axis);
  if (trivial === "C") return undefined;
  const order = iterationOrder(shape, operands.map(broadcast));
  return order.every((axis, i) => axis === i) ? undefined : order;
}

/**
 * "C" or "F" when NumPy's trivial loop takes these operands (each, 0-d ones
 * aside, of the result's shape and C- or F-contiguous or 1-D), in the
 * layout it allocates; undefined when its iterator does.
 */
export function trivialLoopLayout(
  shape: readonly number[],
  operands: readonly { shape: readonly number[]; strides: readonly number[] }[],
): "C" | "F" | undefined {
  let fortran = false;
  let c = false;
  for (const operand of operands) {
    if (operand.shape.length === 0) continue;
    if (!sameShape(operand.shape, shape)) return undefined;
    if (operand.shape.length === 1) continue;
    const isC = isCContiguous(operand.shape, operand.strides);
    const isF = isFContiguous(operand.shape, operand.strides);
    if (isC && isF) continue;
    if (isC && !fortran) c = true;
    else if (isF && !c) fortran = true;
    else return undefined;
  }
  return fortran ? "F" : "C";
}

/**
 * The order NumPy's `concatenate` lays its result out in, from the layouts
 * of the arrays joined (its `PyArray_CreateMultiSortedStridePerm`): a
 * stable insertion sort from C order by the size of the strides, largest
 * outermost, where only axes longer than 1 in an array count and C order
 * wins a disagreement. Undefined for C order.
 */
export function joinedOrder(
  arrays: readonly { shape: readonly number[]; strides: readonly number[] }[],
  ndim: number,
): number[] | undefined {
  const order = Array.from({ length: ndim }, (_, axis) => axis);
  for (let i0 = 1; i0 < ndim; i0++) {
    const moving = order[i0];
    let position = i0;
    for (let i1 = i0 - 1; i1 >= 0; i1--) {
      const placed = order[i1];
      let ambiguous = true;
      let swap = false;
      for (const { shape, strides } of arrays) {
        if (shape[moving] !== 1 && shape[placed] !== 1) {
          if (Math.abs(strides[moving]) <= Math.abs(strides[placed])) swap = false;
          else if (ambiguous) swap = true;
          ambiguous = false;
        }
      }
      if (ambiguous) continue;
      if (!swap) break;
      position = i1;
    }
    if (position !== i0) {
      order.splice(i0, 1);
      order.splice(position, 0, moving);
    }
  }
  return order.every((axis, i) => axis === i) ? undefined : order;
}

/**
 * The order NumPy gives a copy that keeps an array's layout (order "K" of
 * `copy`, `astype`, `array`): C order for a C-contiguous array, F order for
 * an F-contiguous one, otherwise the axes sorted by the size of their
 * strides, largest outermost, ties in C order. Undefined for C order.
 */
export function keptOrder(
  shape: readonly number[],
  strides: readonly number[],
): number[] | undefined {
  if (shape.length <= 1 || isCContiguous(shape, strides)) return undefined;
  if (isFContiguous(shape, strides)) return shape.map((_, axis) => shape.length - 1 - axis);
  const order = shape.map((_, axis) => axis);
  order.sort((a, b) => Math.abs(strides[b]) - Math.abs(strides[a]) || a - b);
  return order.every((axis, i) => axis === i) ? undefined : order;
}

/**
 * Strides for a new array of `shape` laid out contiguously in `order`
 * (outermost axis first), as NumPy lays out the result of an element-wise
 * operation: C order when `order` is the identity.
 */
export function orderedStrides(shape: readonly number[], order: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(0);
  let stride = 1;
  for (let i = order.length - 1; i >= 0; i--) {
    const axis = order[i];
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}
