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
import { toArray } from "./creation.ts";
import { checkShape, describe } from "./_util.ts";
import { contiguousStrides, formatShape, gatherStrided, sameShape, shapeSize } from "./_shape.ts";

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
  if (typeof operation !== "string" || !Array.isArray(shapes) || !shapes.every(Array.isArray)) {
    // NumPy's broadcast_shapes(a, b) takes the shapes one by one; here they come as one list.
    throw new TypeError(
      `broadcastShapes: expects one list of shapes, such as broadcastShapes([[4, 2], [1, 2]]), ` +
        `got ${describe(shapes)}${
          typeof operation === "string" ? "" : ` and ${describe(operation)}`
        }`,
    );
  }
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
  const strides = contiguousStrides(shape);
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) strides[axis] = 0;
  }
  while (strides.length < target.length) strides.unshift(0);
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
  if (!sameShape(merged, shape)) {
    throw new RangeError(
      `broadcastTo: cannot broadcast an array of shape ${formatShape(a.shape)} to shape ${
        formatShape(shape)
      }`,
    );
  }
  const out = new Float64Array(shapeSize(shape));
  const strides = broadcastStrides(a.shape, shape);
  gatherStrided(a.data, shape, strides, out);
  return new NDArray(out, shape, a.dtype);
}
