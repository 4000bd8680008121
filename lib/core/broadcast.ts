/**
 * NumPy broadcasting: how arrays of different shapes line up element by
 * element. Shapes are compared from the last axis backwards; two lengths fit
 * when they are equal or one of them is 1 (a missing axis counts as 1), and
 * the result takes the larger length.
 *
 * @module
 */
import { NDArray } from "./ndarray.ts";
import type { Shape } from "./ndarray.ts";
import { checkShape, formatShape, shapeSize, toArray } from "./_util.ts";

/**
 * The shape that broadcasting `shapes` together produces. Throws NumPy's
 * message, prefixed with `operation`, when they do not fit.
 *
 * @example
 * ```ts
 * import { broadcastShapes } from "../mod.ts";
 * broadcastShapes([[4, 2], [1, 2]]); // [4, 2]
 * broadcastShapes([[3], [2, 1]]); // [2, 3]
 * ```
 */
export function broadcastShapes(shapes: readonly Shape[], operation = "broadcast"): number[] {
  let ndim = 0;
  for (const shape of shapes) ndim = Math.max(ndim, shape.length);
  const result = new Array<number>(ndim).fill(1);
  for (const shape of shapes) {
    const offset = ndim - shape.length;
    for (let axis = 0; axis < shape.length; axis++) {
      const length = shape[axis];
      const current = result[offset + axis];
      if (length === current || length === 1) continue;
      if (current === 1) {
        result[offset + axis] = length;
        continue;
      }
      throw new RangeError(
        `${operation}: operands could not be broadcast together with shapes ${
          shapes.map(formatShape).join(" ")
        }`,
      );
    }
  }
  return result;
}

/**
 * Element strides that read an array of `shape` as if it had `target` shape:
 * axes that broadcast (length 1, or missing in front) get stride 0.
 * `shape` must already be known to broadcast to `target`.
 */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const strides = new Array<number>(target.length).fill(0);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const targetAxis = axis + target.length - shape.length;
    strides[targetAxis] = shape[axis] === 1 ? 0 : stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * A contiguous copy of `a` repeated to fill `shape` (`np.broadcast_to`, but
 * copying, since every array here owns contiguous storage).
 *
 * @example
 * ```ts
 * import { array, broadcastTo } from "../mod.ts";
 * broadcastTo(array([1, 2]), [2, 2]); // [[1, 2], [1, 2]]
 * ```
 */
export function broadcastTo(a: NDArray, shape: Shape): NDArray {
  a = toArray(a, "broadcastTo");
  shape = checkShape(shape, "broadcastTo");
  const merged = broadcastShapes([a.shape, shape], "broadcastTo");
  if (merged.length !== shape.length || merged.some((length, axis) => length !== shape[axis])) {
    throw new RangeError(
      `broadcastTo: cannot broadcast an array of shape ${formatShape(a.shape)} to shape ${
        formatShape(shape)
      }`,
    );
  }
  const out = new Float64Array(shapeSize(shape));
  const strides = broadcastStrides(a.shape, shape);
  forEachBroadcast(shape, [strides], (outIndex, offsets) => {
    out[outIndex] = a.data[offsets[0]];
  });
  return new NDArray(out, shape, a.dtype);
}

/**
 * Visits every position of `shape` in row-major order, passing the flat
 * output index and, for each operand, its flat input offset under the given
 * (possibly zero) strides. The offsets array is reused between calls.
 * Meant for the general case; hot paths use dedicated loops.
 */
export function forEachBroadcast(
  shape: Shape,
  operandStrides: readonly (readonly number[])[],
  visit: (outIndex: number, offsets: Int32Array | Float64Array) => void,
): void {
  const size = shapeSize(shape);
  if (size === 0) return;
  const ndim = shape.length;
  const count = operandStrides.length;
  const offsets = new Float64Array(count);
  const counter = new Int32Array(ndim);
  for (let outIndex = 0; outIndex < size; outIndex++) {
    visit(outIndex, offsets);
    // Advance the odometer: bump the last axis, carrying into earlier ones.
    for (let axis = ndim - 1; axis >= 0; axis--) {
      counter[axis]++;
      for (let k = 0; k < count; k++) offsets[k] += operandStrides[k][axis];
      if (counter[axis] < shape[axis]) break;
      for (let k = 0; k < count; k++) offsets[k] -= operandStrides[k][axis] * shape[axis];
      counter[axis] = 0;
    }
  }
}
