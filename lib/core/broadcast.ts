/**
 * NumPy broadcasting: how arrays of different shapes line up element by
 * element. Shapes are compared from the last axis backwards; two lengths fit
 * when they are equal or one of them is 1 (a missing axis counts as 1), and
 * the result takes the larger length.
 *
 * @module
 */
import type { NDArray, Shape } from "./ndarray.ts";
import { toArray } from "./creation.ts";
import { checkArgumentCount, checkDimensionCount, checkShape, describe } from "./_util.ts";
import { contiguousStrides, formatShape, sameShape } from "./_shape.ts";
import { arrays } from "./_storage.ts";

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
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "broadcastShapes");
  let ndim = 0;
  for (const shape of shapes) ndim = Math.max(ndim, shape.length);
  checkDimensionCount(ndim, operation);
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
 * Element strides that read an array of `shape` (laid out by `strides`,
 * C order when absent) as if it had `target` shape: axes that broadcast
 * (length 1, or missing in front) get stride 0. `shape` must already be
 * known to broadcast to `target`.
 */
export function broadcastStrides(
  shape: Shape,
  target: Shape,
  strides: readonly number[] = contiguousStrides(shape),
): number[] {
  // Indexed loops: shapes are frozen, which spreading and unshift walk slowly.
  const missing = target.length - shape.length;
  const out = new Array<number>(target.length);
  for (let axis = 0; axis < missing; axis++) out[axis] = 0;
  for (let axis = 0; axis < shape.length; axis++) {
    out[missing + axis] = shape[axis] === 1 ? 0 : strides[axis];
  }
  return out;
}

/**
 * `a` seen as if repeated to fill `shape` (`np.broadcast_to`): a read-only
 * view with stride 0 along the repeated axes, so nothing is copied, and
 * writing into it throws, as in NumPy.
 *
 * @example
 * ```ts
 * import { array, broadcastTo } from "../mod.ts";
 * const rows = broadcastTo(array([1, 2]), [2, 2]); // [[1, 2], [1, 2]]
 * rows.flags.writeable; // false
 * ```
 */
export function broadcastTo(a: NDArray, shape: Shape): NDArray {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "broadcastTo");
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
  const { storage, offset, strides, owner } = arrays.layout(a);
  return arrays.make(
    storage,
    shape,
    a.dtype,
    broadcastStrides(a.shape, shape, strides),
    offset,
    owner ?? a,
    false,
  );
}
