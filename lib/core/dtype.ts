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
import { checkArgumentCount } from "../text/arguments.ts";

/** Throws NumPy's "data type not understood" for anything but a supported dtype name. */
function checkName(dtype: unknown, operation: string): DType {
  if (isDType(dtype)) return dtype;
  const shown = typeof dtype === "string" ? JSON.stringify(dtype) : String(dtype);
  throw new TypeError(
    `${operation}: data type ${shown} not understood (use "float64", "int64" or "bool")`,
  );
}

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

/**
 * The dtype a JS scalar stands for: integer-valued numbers and bigints as
 * int64 (Python ints), other numbers as float64, booleans as bool.
 */
export function scalarKind(value: number | boolean | bigint): DType {
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int64";
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
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "promoteTypes");
  const a = checkName(first, "promoteTypes");
  const b = checkName(second, "promoteTypes");
  return RANK[a] >= RANK[b] ? a : b;
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
export function resultType(...operands: (NDArray | DType | number | boolean | bigint)[]): DType {
  let strongest: DType | undefined;
  let weakest: DType | undefined;
  for (const operand of operands) {
    if (
      typeof operand === "number" || typeof operand === "boolean" || typeof operand === "bigint"
    ) {
      const kind = scalarKind(operand);
      weakest = weakest === undefined ? kind : larger(weakest, kind);
    } else {
      const dtype = typeof operand === "string"
        ? checkName(operand, "resultType")
        : typeof operand === "object" && operand !== null && isDType(operand.dtype)
        ? operand.dtype
        : checkName(operand, "resultType");
      strongest = strongest === undefined ? dtype : larger(strongest, dtype);
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
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "canCast");
  return RANK[checkName(from, "canCast")] <= RANK[checkName(to, "canCast")];
}

/** The larger of two known dtypes. */
function larger(first: DType, second: DType): DType {
  return RANK[first] >= RANK[second] ? first : second;
}

/** 2**63, the first value past int64's range. */
const TWO_63 = 9223372036854775808;
const MIN_INT64 = -9223372036854775808n;

/**
 * A Python scalar stored into an int64 array, as NumPy stores it
 * (`np.array([2.7], "int64")`, `a[0] = 2.7`): truncated toward zero, and
 * refused with NumPy's error when it is NaN, infinite or past int64's
 * range. A number when the value is a safe integer, else a bigint.
 *
 * @example
 * ```ts
 * import { scalarToInt64 } from "./dtype.ts";
 * scalarToInt64(2.7, "array"); // 2
 * scalarToInt64(2 ** 62, "array"); // 4611686018427387904n
 * ```
 */
export function scalarToInt64(value: number | bigint, operation: string): number | bigint {
  if (typeof value === "bigint") {
    if (value < MIN_INT64 || value >= -MIN_INT64) {
      throw new RangeError(
        `${operation}: Python int too large to convert to C long (${value} is outside ` +
          "int64's range [-2**63, 2**63 - 1])",
      );
    }
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  }
  if (value !== value) throw new RangeError(`${operation}: cannot convert float NaN to integer`);
  if (value === Infinity || value === -Infinity) {
    throw new RangeError(`${operation}: cannot convert float infinity to integer`);
  }
  // `+ 0` turns the -0 that truncating -0.5 gives into the integer 0.
  const whole = Math.trunc(value) + 0;
  if (whole >= TWO_63 || whole < -TWO_63) {
    throw new RangeError(
      `${operation}: Python int too large to convert to C long (${
        BigInt(whole)
      } is outside int64's range [-2**63, 2**63 - 1])`,
    );
  }
  return Number.isSafeInteger(whole) ? whole : BigInt(whole);
}

/**
 * A float64 element cast to int64 as NumPy casts arrays (`astype`), which
 * is the processor's conversion: truncation toward zero, and -2**63 for
 * NaN, ±inf and anything past int64's range (NumPy then warns "invalid
 * value encountered in cast"; `invalid` reports it). A number when the
 * value is a safe integer, else a bigint.
 *
 * @example
 * ```ts
 * import { doubleToInt64 } from "./dtype.ts";
 * doubleToInt64(-2.7); // -2
 * doubleToInt64(1e20); // -9223372036854775808n
 * ```
 */
export function doubleToInt64(value: number, invalid?: () => void): number | bigint {
  if (!(value >= -TWO_63 && value < TWO_63)) {
    // NaN, ±inf and doubles past the range: the x86 "integer indefinite".
    invalid?.();
    return MIN_INT64;
  }
  const whole = Math.trunc(value) + 0;
  return Number.isSafeInteger(whole) ? whole : BigInt(whole);
}

/**
 * Converts one value to how `dtype` stores it when a Python scalar is
 * stored (see {@link scalarToInt64}): int64 truncates toward zero and
 * refuses NaN, infinities and values past its range; bool maps nonzero to
 * 1. A bigint comes back for an int64 value past ±2**53.
 *
 * @example
 * ```ts
 * import { castValue } from "./dtype.ts";
 * castValue(2.7, "int64"); // 2
 * castValue(-0.5, "bool"); // 1
 * ```
 */
export function castValue(
  value: number | bigint,
  dtype: DType,
  operation = "cast",
): number | bigint {
  if (dtype === "int64") return scalarToInt64(value, operation);
  const number = Number(value);
  if (dtype === "bool") return number !== 0 ? 1 : 0;
  return number;
}
