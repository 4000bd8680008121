/**
 * The n-dimensional array at the heart of the library.
 *
 * Storage is one contiguous `Float64Array` in row-major (C) order, whatever
 * the dtype: int64 and bool values are stored as exact doubles. The dtype
 * decides how values print, how arithmetic promotes, and what `astype` does.
 *
 * @module
 */

/** The element types the library supports, named as NumPy names them. */
export type DType = "float64" | "int64" | "bool";

/** An array's shape: one length per axis. */
export type Shape = readonly number[];

/**
 * A contiguous row-major array of float64, int64 or bool values.
 *
 * @example
 * ```ts
 * import { NDArray } from "./ndarray.ts";
 * const a = new NDArray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * console.log(a.size); // 4
 * ```
 */
export class NDArray {
  /** The elements in row-major order. */
  data: Float64Array;
  /** The length of each axis. */
  readonly shape: number[];
  /** The element type. */
  readonly dtype: DType;

  /**
   * Wraps `data` (not copied) as an array of the given shape and dtype.
   * Throws when the shape does not account for exactly `data.length` elements.
   */
  constructor(data: Float64Array, shape: Shape, dtype: DType = "float64") {
    let size = 1;
    for (const length of shape) {
      if (!Number.isInteger(length) || length < 0) {
        throw new Error(`NDArray: invalid shape (${shape.join(", ")})`);
      }
      size *= length;
    }
    if (size !== data.length) {
      throw new Error(
        `NDArray: cannot hold ${data.length} elements in shape (${shape.join(", ")})`,
      );
    }
    this.data = data;
    this.shape = [...shape];
    this.dtype = dtype;
  }

  /** The number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** The number of axes. */
  get ndim(): number {
    return this.shape.length;
  }
}
