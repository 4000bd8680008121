/**
 * Element types and NumPy 2's promotion rules between them.
 *
 * Three dtypes exist, ordered `bool < int64 < float64`. Combining two arrays
 * gives the larger dtype. A plain JS number next to an array acts like a
 * Python scalar does in NumPy 2 ("weak" promotion, NEP 50): it only decides
 * the *kind*. An integer-valued number behaves like a Python `int`, any other
 * number like a Python `float`, and a JS boolean like a Python `bool`. So
 * `int64 array + 2` stays int64, `int64 array + 0.5` becomes float64, and
 * `float64 array + 2` stays float64.
 *
 * @module
 */
import type { DType, NDArray } from "./ndarray.ts";

/**
 * The float64 dtype name, for `np.zeros(3, np.float64)` or `a.astype(np.float64)`.
 *
 * @example
 * ```ts
 * import { array, float64 } from "../mod.ts";
 * array([1, 2], "int64").astype(float64); // array([1., 2.])
 * ```
 */
export const float64 = "float64" as const;
/**
 * The int64 dtype name, for `np.array([1, 2], np.int64)`.
 *
 * @example
 * ```ts
 * import { array, int64 } from "../mod.ts";
 * array([1, 2], int64).dtype; // "int64"
 * ```
 */
export const int64 = "int64" as const;
/**
 * The bool dtype name, for `a.astype(np.bool)`.
 *
 * @example
 * ```ts
 * import { array, bool } from "../mod.ts";
 * array([0, 2]).astype(bool); // array([False,  True])
 * ```
 */
export const bool = "bool" as const;

const RANK: Record<DType, number> = { bool: 0, int64: 1, float64: 2 };
const BY_RANK: DType[] = ["bool", "int64", "float64"];

/** Whether a string names one of the supported dtypes. */
export function isDType(value: unknown): value is DType {
  return value === "float64" || value === "int64" || value === "bool";
}

/** The dtype a JS scalar stands for: integers as int64, other numbers as float64. */
export function scalarKind(value: number | boolean): DType {
  if (typeof value === "boolean") return "bool";
  return Number.isInteger(value) ? "int64" : "float64";
}

/**
 * The larger of two dtypes in the order bool < int64 < float64.
 *
 * @example
 * ```ts
 * import { promoteTypes } from "../mod.ts";
 * promoteTypes("bool", "int64"); // "int64"
 * promoteTypes("int64", "float64"); // "float64"
 * ```
 */
export function promoteTypes(first: DType, second: DType): DType {
  return RANK[first] >= RANK[second] ? first : second;
}

/**
 * The dtype NumPy 2 gives the result of combining these operands.
 * Arrays contribute their dtype; JS numbers and booleans are weak scalars
 * that only raise the kind when no array already has it.
 *
 * @example
 * ```ts
 * import { array, resultType } from "../mod.ts";
 * resultType(array([1, 2], "int64"), 3); // "int64"
 * resultType(array([1, 2], "int64"), 0.5); // "float64"
 * resultType(array([true]), 1); // "int64"
 * ```
 */
export function resultType(...operands: (NDArray | DType | number | boolean)[]): DType {
  let strongest: DType | undefined;
  let weakest: DType | undefined;
  for (const operand of operands) {
    if (typeof operand === "number" || typeof operand === "boolean") {
      const kind = scalarKind(operand);
      weakest = weakest === undefined ? kind : promoteTypes(weakest, kind);
    } else {
      const dtype = typeof operand === "string" ? operand : operand.dtype;
      strongest = strongest === undefined ? dtype : promoteTypes(strongest, dtype);
    }
  }
  if (strongest === undefined) return weakest ?? "float64";
  if (weakest === undefined) return strongest;
  // A weak scalar of a higher kind lifts the result to that kind's default.
  return RANK[weakest] > RANK[strongest] ? BY_RANK[RANK[weakest]] : strongest;
}

/**
 * Whether values of dtype `from` may be stored into an array of dtype `to`
 * under NumPy's `same_kind` rule (what in-place operators use): any move up
 * the order bool < int64 < float64 is allowed, a move down is not.
 *
 * @example
 * ```ts
 * import { canCast } from "../mod.ts";
 * canCast("int64", "float64"); // true
 * canCast("float64", "int64"); // false
 * ```
 */
export function canCast(from: DType, to: DType): boolean {
  return RANK[from] <= RANK[to];
}

/**
 * Converts one value to how `dtype` stores it: int64 truncates toward zero
 * (like NumPy's float-to-int cast), bool maps nonzero to 1. NaN and infinity
 * cannot become int64 and throw instead of turning into garbage.
 *
 * @example
 * ```ts
 * import { castValue } from "./dtype.ts";
 * castValue(2.7, "int64"); // 2
 * castValue(-0.5, "bool"); // 1
 * ```
 */
export function castValue(value: number, dtype: DType, operation = "cast"): number {
  if (dtype === "float64") return value;
  if (dtype === "bool") return value !== 0 ? 1 : 0;
  if (!Number.isFinite(value)) {
    throw new RangeError(`${operation}: cannot convert float ${value} to int64`);
  }
  // `+ 0` turns the -0 that truncating -0.5 gives into the integer 0.
  return Math.trunc(value) + 0;
}
