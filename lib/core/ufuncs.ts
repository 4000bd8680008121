/**
 * Element-wise functions of one array: `exp`, `log`, `sqrt`, `abs`, the
 * trigonometric functions, `square`, `sign`, `negative` and `clip`.
 *
 * Each accepts an NDArray (or nested JS arrays) and returns a new NDArray,
 * or accepts a JS number and returns a JS number. `exp` and `log` are
 * correctly rounded (the test suite checks this against high-precision
 * references): `log` is the engine's `Math.log`, and `exp` of 32 or more
 * elements runs on WebAssembly SIMD (see _exp.ts), which settles almost
 * every element itself and leaves the rest to `Math.exp`.
 *
 * @module
 */
import { checkFloatingPoint } from "./warnings.ts";
import { NDArray } from "./ndarray.ts";
import type { DType } from "./ndarray.ts";
import { type ArrayInput, toArray, toOperand } from "./creation.ts";
import { maximum, minimum } from "./elementwise.ts";
import { broadcastShapes } from "./broadcast.ts";
import { expInto } from "./_exp.ts";

// Kernel codes for one `switch` inside the loop, which stays fast however
// many functions pass through it (a callback per element would not).
const KERNEL_EXP = 0;
const KERNEL_LOG = 1;
const KERNEL_SQRT = 2;
const KERNEL_COS = 3;
const KERNEL_SIN = 4;
const KERNEL_TANH = 5;
const KERNEL_ABS = 6;
const KERNEL_SQUARE = 7;
const KERNEL_SIGN = 8;
const KERNEL_NEGATIVE = 9;
/** One of the kernel codes above. */
type UnaryKernel = number;

/**
 * Writes `f(from[i])` into `out[i]`, with the kernel chosen once per call and
 * a loop of its own for each function, so that no element goes through the
 * choice. Returns whether any result came out nan or ±inf (for the functions
 * that can make them from finite inputs; the others return false), which is
 * all the warning check needs to know before it looks further.
 */
function applyKernel(kernel: UnaryKernel, from: Float64Array, out: Float64Array): boolean {
  const count = from.length;
  // A nonzero `v - v` is how a nan or an infinity shows; the branch is
  // almost never taken, so it costs next to nothing per element.
  let nonFinite = false;
  switch (kernel) {
    case KERNEL_EXP:
      return expInto(from, out);
    case KERNEL_LOG:
      for (let i = 0; i < count; i++) {
        const value = Math.log(from[i]);
        out[i] = value;
        if (value - value !== 0) nonFinite = true;
      }
      return nonFinite;
    case KERNEL_SQRT:
      for (let i = 0; i < count; i++) {
        const value = Math.sqrt(from[i]);
        out[i] = value;
        if (value !== value) nonFinite = true;
      }
      return nonFinite;
    case KERNEL_SQUARE:
      for (let i = 0; i < count; i++) {
        const x = from[i];
        const value = x * x;
        out[i] = value;
        if (value - value !== 0) nonFinite = true;
      }
      return nonFinite;
    case KERNEL_COS:
      for (let i = 0; i < count; i++) out[i] = Math.cos(from[i]);
      return false;
    case KERNEL_SIN:
      for (let i = 0; i < count; i++) out[i] = Math.sin(from[i]);
      return false;
    case KERNEL_TANH:
      for (let i = 0; i < count; i++) out[i] = Math.tanh(from[i]);
      return false;
    case KERNEL_ABS:
      for (let i = 0; i < count; i++) out[i] = Math.abs(from[i]);
      return false;
    case KERNEL_SIGN:
      for (let i = 0; i < count; i++) {
        const x = from[i];
        // NumPy gives +0 for both zeros and keeps NaN.
        out[i] = x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x;
      }
      return false;
    default:
      for (let i = 0; i < count; i++) out[i] = -from[i];
      return false;
  }
}

/** How a unary function picks its result dtype from its input's. */
type DTypeRule = (input: DType, name: string) => DType;

const toFloat: DTypeRule = () => "float64";
const keep: DTypeRule = (input) => input;
const boolAsInteger: DTypeRule = (input) => (input === "bool" ? "int64" : input);

// Storage for a scalar's input and result, reused: a fresh typed array,
// however small, costs about 0.6 us to make.
const SCALAR_INPUT = new Float64Array(1);
const SCALAR_RESULT = new Float64Array(1);

function applyUnary(
  name: string,
  input: ArrayInput,
  kernel: UnaryKernel,
  rule: DTypeRule,
): NDArray | number {
  if (typeof input === "number" || typeof input === "boolean") {
    rule(typeof input === "boolean" ? "bool" : "float64", name);
    const value = SCALAR_INPUT;
    const out = SCALAR_RESULT;
    value[0] = Number(input);
    if (applyKernel(kernel, value, out)) warnAbout(name, kernel, value, out);
    return out[0];
  }
  const source = toArray(input, name);
  const dtype = rule(source.dtype, name);
  const out = new Float64Array(source.size);
  if (applyKernel(kernel, source.data, out)) warnAbout(name, kernel, source.data, out);
  return new NDArray(out, source.shape, dtype);
}

// Only these functions can turn finite inputs into nan or inf; called once
// their loop has seen a nan or an infinity come out.
function warnAbout(
  name: string,
  kernel: UnaryKernel,
  input: Float64Array,
  out: Float64Array,
): void {
  if (kernel === KERNEL_LOG) checkFloatingPoint(name, [input], out, "divide by zero");
  // sqrt can only make nan from finite inputs, so "overflow" never shows for it.
  else if (kernel === KERNEL_EXP || kernel === KERNEL_SQUARE || kernel === KERNEL_SQRT) {
    checkFloatingPoint(name, [input], out, "overflow");
  }
}

/**
 * Element-wise e^x (`np.exp`), always float64.
 *
 * @example
 * ```ts
 * import { array, exp } from "../mod.ts";
 * exp(array([0, 1])); // [1, 2.718281828459045]
 * exp(0); // 1
 * ```
 */
export function exp(x: number | boolean): number;
/** Element-wise e^x of an array. */
export function exp(x: ArrayInput): NDArray;
export function exp(x: ArrayInput): NDArray | number {
  return applyUnary("exp", x, KERNEL_EXP, toFloat);
}

/**
 * Element-wise natural logarithm (`np.log`), always float64; log(0) is -Infinity.
 *
 * @example
 * ```ts
 * import { array, log } from "../mod.ts";
 * log(array([1, Math.E])); // [0, 1]
 * ```
 */
export function log(x: number | boolean): number;
/** Element-wise natural logarithm of an array. */
export function log(x: ArrayInput): NDArray;
export function log(x: ArrayInput): NDArray | number {
  return applyUnary("log", x, KERNEL_LOG, toFloat);
}

/**
 * Element-wise square root (`np.sqrt`), always float64.
 *
 * @example
 * ```ts
 * import { sqrt } from "../mod.ts";
 * sqrt(2.0 / 12); // 0.408248290463863
 * ```
 */
export function sqrt(x: number | boolean): number;
/** Element-wise square root of an array. */
export function sqrt(x: ArrayInput): NDArray;
export function sqrt(x: ArrayInput): NDArray | number {
  return applyUnary("sqrt", x, KERNEL_SQRT, toFloat);
}

/**
 * Element-wise cosine (`np.cos`), always float64.
 *
 * @example
 * ```ts
 * import { array, cos } from "../mod.ts";
 * cos(array([0])); // [1]
 * ```
 */
export function cos(x: number | boolean): number;
/** Element-wise cosine of an array. */
export function cos(x: ArrayInput): NDArray;
export function cos(x: ArrayInput): NDArray | number {
  return applyUnary("cos", x, KERNEL_COS, toFloat);
}

/**
 * Element-wise sine (`np.sin`), always float64.
 *
 * @example
 * ```ts
 * import { array, sin } from "../mod.ts";
 * sin(array([0])); // [0]
 * ```
 */
export function sin(x: number | boolean): number;
/** Element-wise sine of an array. */
export function sin(x: ArrayInput): NDArray;
export function sin(x: ArrayInput): NDArray | number {
  return applyUnary("sin", x, KERNEL_SIN, toFloat);
}

/**
 * Element-wise hyperbolic tangent (`np.tanh`), always float64.
 *
 * @example
 * ```ts
 * import { array, tanh } from "../mod.ts";
 * tanh(array([0, 100])); // [0, 1]
 * ```
 */
export function tanh(x: number | boolean): number;
/** Element-wise hyperbolic tangent of an array. */
export function tanh(x: ArrayInput): NDArray;
export function tanh(x: ArrayInput): NDArray | number {
  return applyUnary("tanh", x, KERNEL_TANH, toFloat);
}

/**
 * Element-wise absolute value (`np.abs`), keeping the dtype.
 *
 * @example
 * ```ts
 * import { abs, array } from "../mod.ts";
 * abs(array([-1.5, 2])); // [1.5, 2]
 * ```
 */
export function abs(x: number | boolean): number;
/** Element-wise absolute value of an array. */
export function abs(x: ArrayInput): NDArray;
export function abs(x: ArrayInput): NDArray | number {
  return applyUnary("absolute", x, KERNEL_ABS, keep);
}

/**
 * Element-wise `x * x` (`np.square`); bool input gives int64.
 *
 * @example
 * ```ts
 * import { array, square } from "../mod.ts";
 * square(array([-3, 0.5])); // [9, 0.25]
 * ```
 */
export function square(x: number | boolean): number;
/** Element-wise square of an array. */
export function square(x: ArrayInput): NDArray;
export function square(x: ArrayInput): NDArray | number {
  return applyUnary("square", x, KERNEL_SQUARE, boolAsInteger);
}

/**
 * Element-wise sign (`np.sign`): -1, 0 or 1 (NaN stays NaN; -0 gives 0).
 *
 * @example
 * ```ts
 * import { array, sign } from "../mod.ts";
 * sign(array([-2, 0, 3])); // [-1, 0, 1]
 * ```
 */
export function sign(x: number | boolean): number;
/** Element-wise sign of an array. */
export function sign(x: ArrayInput): NDArray;
export function sign(x: ArrayInput): NDArray | number {
  return applyUnary("sign", x, KERNEL_SIGN, boolAsInteger);
}

const noBoolNegative: DTypeRule = (input, name) => {
  if (input === "bool") {
    throw new TypeError(
      `${name}: The numpy boolean negative, the \`-\` operator, is not supported, ` +
        "use the `~` operator or the logical_not function instead.",
    );
  }
  return input;
};

/**
 * Element-wise `-x` (`np.negative`); not defined for bool arrays.
 *
 * @example
 * ```ts
 * import { array, negative } from "../mod.ts";
 * negative(array([1, -2])); // [-1, 2]
 * ```
 */
export function negative(x: number | boolean): number;
/** Element-wise `-x` of an array. */
export function negative(x: ArrayInput): NDArray;
export function negative(x: ArrayInput): NDArray | number {
  return applyUnary("negative", x, KERNEL_NEGATIVE, noBoolNegative);
}

/**
 * Limits values to `[min, max]` (`np.clip`); either bound may be `null` for
 * none. The bounds may be arrays that broadcast against `x`. Equivalent to
 * `minimum(maximum(x, min), max)`, and promotes dtypes the same way.
 *
 * @example
 * ```ts
 * import { array, clip } from "../mod.ts";
 * clip(array([-600, 0.5, 700]), -500, 500); // [-500, 0.5, 500]
 * ```
 */
export function clip(x: number, min: number | null, max: number | null): number;
/** Limits every element of an array to `[min, max]`. */
export function clip(x: ArrayInput, min: ArrayInput | null, max: ArrayInput | null): NDArray;
export function clip(
  x: ArrayInput,
  min: ArrayInput | null,
  max: ArrayInput | null,
): NDArray | number {
  if (min === null && max === null) {
    throw new TypeError("clip: One of max or min must be given");
  }
  // Arrays are converted once, and checked to broadcast together, so that
  // errors name clip and all of its operands' shapes, as NumPy's do.
  const shapeOf = (value: NDArray | number | boolean) =>
    value instanceof NDArray ? value.shape : [];
  const values = toOperand(x, "clip");
  const lower = min === null ? null : toOperand(min, "clip");
  const upper = max === null ? null : toOperand(max, "clip");
  const shapes = [values, lower, upper].filter((value) => value !== null).map(shapeOf);
  if (shapes.some((shape) => shape.length > 0)) broadcastShapes(shapes, "clip");
  let result: NDArray | number = values as NDArray | number;
  if (lower !== null) result = maximum(values, lower);
  if (upper !== null) result = minimum(result, upper);
  return result;
}
