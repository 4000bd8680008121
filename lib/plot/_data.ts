/**
 * The numbers a figure is given, read into plain arrays: the types figures
 * accept and the functions that read them, shared by every kind of figure.
 *
 * Not part of the public API; the types are re-exported by `figure.ts`.
 *
 * @module
 */

/**
 * An n-dimensional array seen through its storage, as the library's
 * `NDArray` is: row-major `data` and, for grids, a `shape`.
 *
 * @example
 * ```ts
 * import type { ArrayData } from "./_data.ts";
 * const a: ArrayData = { data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] };
 * ```
 */
export interface ArrayData {
  /** The elements in row-major order. */
  readonly data: ArrayLike<number>;
  /** The length of each axis. */
  readonly shape?: readonly number[];
}

/**
 * Numbers to plot: a plain array, a typed array, or an {@link ArrayData}
 * such as an `NDArray` (its elements in order, whatever its shape).
 *
 * @example
 * ```ts
 * import type { Values } from "./_data.ts";
 * const y: Values = new Float64Array([3, 2, 1]);
 * ```
 */
export type Values = ArrayLike<number> | ArrayData;

/**
 * A 2-D grid of numbers, one row per y coordinate: nested arrays, or a 2-D
 * {@link ArrayData} such as an `NDArray` of shape `[rows, columns]`.
 *
 * @example
 * ```ts
 * import type { Grid } from "./_data.ts";
 * const z: Grid = [[0, 1], [1, 1]];
 * ```
 */
export type Grid = ArrayLike<ArrayLike<number>> | ArrayData;

/** Whether `value` is {@link Values} (an array of numbers or an {@link ArrayData}). */
export function isValues(value: unknown): value is Values {
  if (value === null || typeof value !== "object") return false;
  if ("data" in value) return true;
  return typeof (value as ArrayLike<number>).length === "number";
}

/** The elements of `values` in order, as plain numbers. */
export function toNumbers(values: Values): number[] {
  const source = "data" in values ? values.data : values;
  return Array.from(source, Number);
}

/** The shape of `values`: an {@link ArrayData}'s own, else one axis. */
export function shapeOf(values: Values | Grid): number[] {
  if ("data" in values) return [...(values.shape ?? [values.data.length])];
  const first = (values as ArrayLike<unknown>)[0];
  if (first !== null && typeof first === "object") {
    return [values.length, (first as ArrayLike<number>).length];
  }
  return [values.length];
}

/** The rows of a 2-D grid; `what` names the grid in the error for another shape. */
export function toRows(z: Grid, what = "a grid"): number[][] {
  if ("data" in z) {
    const shape = z.shape ?? [];
    if (shape.length !== 2) throw new Error(`${what} must be 2-D, got shape (${shape})`);
    const [rows, columns] = shape;
    return Array.from(
      { length: rows },
      (_, r) => Array.from({ length: columns }, (_, c) => Number(z.data[r * columns + c])),
    );
  }
  return Array.from(z, (row) => Array.from(row, Number));
}

/** A copy of `record` without its undefined entries, so JSON stays minimal. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as T;
}
