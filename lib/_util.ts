// Small helpers shared by the array modules. Not part of the public API.
import type { Shape } from "./ndarray.ts";

/** Formats a shape the way NumPy writes it in error messages: `(2,3)`, `(4,)`, `()`. */
export function formatShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`;
}

/** The number of elements an array of this shape holds. */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const length of shape) size *= length;
  return size;
}

/** Row-major strides, counted in elements (not bytes). */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * Turns a possibly negative axis into its position, throwing NumPy's
 * AxisError text (prefixed with the operation) when it does not exist.
 */
export function normalizeAxis(axis: number, ndim: number, operation: string): number {
  if (!Number.isInteger(axis)) {
    throw new TypeError(`${operation}: axis must be an integer, got ${axis}`);
  }
  if (axis < -ndim || axis >= ndim) {
    throw new RangeError(
      `${operation}: axis ${axis} is out of bounds for array of dimension ${ndim}`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Turns a possibly negative index into its position along an axis, throwing
 * NumPy's IndexError text when it falls outside.
 */
export function normalizeIndex(
  index: number,
  length: number,
  axis: number,
  operation: string,
): number {
  if (!Number.isInteger(index)) {
    throw new TypeError(`${operation}: indices must be integers, got ${index}`);
  }
  if (index < -length || index >= length) {
    throw new RangeError(
      `${operation}: index ${index} is out of bounds for axis ${axis} with size ${length}`,
    );
  }
  return index < 0 ? index + length : index;
}
