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
import type { DType, Shape } from "./ndarray.ts";
import { array, type ArrayInput, astype, toArray, toOperand } from "./creation.ts";
import { maximum, minimum } from "./elementwise.ts";
import { broadcastShapes, broadcastStrides } from "./broadcast.ts";
import { resultType, scalarToInt64 } from "./dtype.ts";
import { checkArgumentCount } from "./_util.ts";
import { forEachRow, lastStride, orderedStrides, resultOrder, shapeSize } from "./_shape.ts";
import {
  arrays,
  copyInOrder,
  doublesOf,
  integersOf,
  isWide,
  MAX_SAFE,
  wrapIntegers,
} from "./_storage.ts";
import { expInto } from "./_exp.ts";
import { constantAlongLoop } from "./_iterator.ts";
import { whenIdle } from "./_idle.ts";
import { makeUnaryLoop, NAN, NAN_OR_INFINITY, type UnaryLoop } from "./_loops.ts";

// The unary kernels, a line each: the value for x (a loop of its own, made
// by makeUnaryLoop), watched where a finite input can give nan or ±inf, for
// the warnings' check. A kernel's code is its loop's index in LOOPS.
const LOOPS: UnaryLoop[] = [];
const kernel = (loop: UnaryLoop): UnaryKernel => LOOPS.push(loop) - 1;
const KERNEL_EXP = kernel(expInto);
const KERNEL_LOG = kernel(makeUnaryLoop("Math.log(x)", NAN_OR_INFINITY));
// sqrt makes no infinity from a finite input.
const KERNEL_SQRT = kernel(makeUnaryLoop("Math.sqrt(x)", NAN));
const KERNEL_COS = kernel(makeUnaryLoop("Math.cos(x)"));
const KERNEL_SIN = kernel(makeUnaryLoop("Math.sin(x)"));
const KERNEL_TANH = kernel(makeUnaryLoop("Math.tanh(x)"));
const KERNEL_ABS = kernel(makeUnaryLoop("Math.abs(x)"));
const KERNEL_SQUARE = kernel(makeUnaryLoop("x * x", NAN_OR_INFINITY));
// NumPy gives +0 for both zeros and keeps NaN.
const KERNEL_SIGN = kernel(makeUnaryLoop("x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x"));
const KERNEL_NEGATIVE = kernel(makeUnaryLoop("-x"));
/** One of the kernel codes above. */
type UnaryKernel = number;

/**
 * Writes `f(source[start + i])` into `out[i]` for the `out.length` elements
 * and returns whether a watched result came out nan or ±inf, which is all
 * the warning check needs to know before it looks further.
 */
function applyKernel(
  kernel: UnaryKernel,
  source: Float64Array,
  start: number,
  out: Float64Array,
): boolean {
  const count = out.length;
  const from = start === 0 && source.length === count
    ? source
    : source.subarray(start, start + count);
  return LOOPS[kernel](from, out);
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

// The functions whose int64 results may need more than doubles: negative
// and abs of -2**63, and squares past 2**53.
const INTEGER_KERNELS = new Set([KERNEL_ABS, KERNEL_SQUARE, KERNEL_SIGN, KERNEL_NEGATIVE]);

function applyUnary(
  name: string,
  input: ArrayInput,
  kernel: UnaryKernel,
  rule: DTypeRule,
): NDArray | number | bigint {
  if (typeof input === "number" || typeof input === "boolean" || typeof input === "bigint") {
    const kind = typeof input === "boolean"
      ? "bool"
      : typeof input === "bigint" || Number.isInteger(input)
      ? "int64"
      : "float64";
    const dtype = rule(kind, name);
    const value = SCALAR_INPUT;
    const out = SCALAR_RESULT;
    value[0] = Number(input);
    if (applyKernel(kernel, value, 0, out)) warnAbout(name, kernel, value, out);
    if (
      dtype === "int64" && INTEGER_KERNELS.has(kernel) &&
      (Math.abs(value[0]) > MAX_SAFE || Math.abs(out[0]) > MAX_SAFE)
    ) {
      // A Python int past 2**53, or a square past it: exactly, wrapping around.
      const exact = exactUnary(kernel, BigInt(scalarToInt64(input as number | bigint, name)));
      return exact >= -9007199254740991n && exact <= 9007199254740991n ? Number(exact) : exact;
    }
    return out[0];
  }
  const source = toArray(input, name);
  const dtype = rule(source.dtype, name);
  const exact = dtype === "int64" && INTEGER_KERNELS.has(kernel);
  if (exact && isWide(source)) return unaryIntegers(kernel, source);
  // A strided input is read in its own order into a contiguous copy first,
  // and the result keeps that order, as NumPy's does.
  const { storage, offset, contiguous } = arrays.layout(source);
  let from: Float64Array;
  let start = 0;
  let strides: number[] | undefined;
  if (storage.f64 !== null && contiguous) {
    from = storage.f64;
    start = offset;
  } else if (storage.f64 !== null) {
    const own = { shape: source.shape, strides: arrays.layout(source).strides };
    const order = resultOrder(source.shape, [own], (operand) => [...operand.strides]);
    const [copied, copiedStrides] = copyInOrder(source, order);
    from = copied.f64!;
    strides = copiedStrides;
  } else {
    from = doublesOf(source);
  }
  const out = new Float64Array(source.size);
  if (applyKernel(kernel, from, start, out)) {
    warnAbout(name, kernel, from.subarray(start, start + out.length), out);
  }
  if (exact && kernel === KERNEL_SQUARE && anyUnsafe(out)) return unaryIntegers(kernel, source);
  return arrays.result({ f64: out, i64: null }, source.shape, dtype, strides, false);
}

function anyUnsafe(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (values[i] > MAX_SAFE || values[i] < -MAX_SAFE) return true;
  }
  return false;
}

/** One int64 value through an integer function, wrapping around as NumPy's does. */
function exactUnary(kernel: UnaryKernel, x: bigint): bigint {
  switch (kernel) {
    case KERNEL_ABS:
      return BigInt.asIntN(64, x < 0n ? -x : x);
    case KERNEL_SQUARE:
      return BigInt.asIntN(64, x * x);
    case KERNEL_SIGN:
      return x > 0n ? 1n : x < 0n ? -1n : 0n;
    default:
      return BigInt.asIntN(64, -x);
  }
}

/** An integer function of an int64 array, exactly (for values past 2**53). */
function unaryIntegers(kernel: UnaryKernel, source: NDArray): NDArray {
  const values = integersOf(source);
  for (let i = 0; i < values.length; i++) values[i] = exactUnary(kernel, values[i]);
  return wrapIntegers(values, source.shape);
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
export function exp(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "exp");
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
export function log(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "log");
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
export function sqrt(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "sqrt");
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
export function cos(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "cos");
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
export function sin(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "sin");
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
export function tanh(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "tanh");
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
export function abs(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "abs");
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
export function square(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "square");
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
export function sign(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "sign");
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
export function negative(x: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "negative");
  return applyUnary("negative", x, KERNEL_NEGATIVE, noBoolNegative);
}

/**
 * Limits values to `[min, max]` (`np.clip`); either bound may be `null` for
 * none (both `null` gives a copy, as in NumPy 2). The bounds may be arrays
 * that broadcast against `x`. With one bound it is `maximum(x, min)` or
 * `minimum(x, max)`; with both, NumPy's clip: a value equal to a bound
 * that is the same along the whole loop (a scalar, say) is kept as it is
 * (so -0.0 stays -0.0), a NaN anywhere gives NaN, and where min > max
 * every value becomes max.
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
): NDArray | number | bigint | boolean {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "clip");
  // Arrays are converted once, and checked to broadcast together, so that
  // errors name clip and all of its operands' shapes, as NumPy's do.
  const shapeOf = (value: NDArray | number | boolean | bigint) =>
    value instanceof NDArray ? value.shape : [];
  const values = toOperand(x, "clip");
  const lower = min === null || min === undefined ? null : toOperand(min, "clip");
  const upper = max === null || max === undefined ? null : toOperand(max, "clip");
  const shapes = [values, lower, upper].filter((value) => value !== null).map(shapeOf);
  if (shapes.some((shape) => shape.length > 0)) broadcastShapes(shapes, "clip");
  if (lower === null && upper === null) {
    return values instanceof NDArray ? astype(values, values.dtype) : values;
  }
  if (lower === null) return minimum(values, upper!);
  if (upper === null) return maximum(values, lower);
  return clipBoth(values, lower, upper);
}

/** An operand of {@link clipBoth} as doubles: its data, offset, shape and strides. */
type ClipOperand = [Float64Array, number, Shape, readonly number[], boolean];

function clipOperand(value: NDArray | number): ClipOperand {
  if (typeof value === "number") return [Float64Array.of(value), 0, [], [], true];
  const { storage, offset, strides, contiguous } = arrays.layout(value);
  if (storage.f64 !== null) return [storage.f64, offset, value.shape, strides, contiguous];
  const data = doublesOf(value);
  return [data, 0, value.shape, broadcastStrides(value.shape, value.shape), true];
}

/** NumPy's clip ufunc, both bounds given. */
function clipBoth(
  x: NDArray | number | boolean | bigint,
  lower: NDArray | number | boolean | bigint,
  upper: NDArray | number | boolean | bigint,
): NDArray | number | bigint {
  const dtype = resultType(x, lower, upper);
  const operands = [x, lower, upper];
  if (
    dtype === "int64" &&
    operands.some((value) =>
      value instanceof NDArray
        ? isWide(value)
        : typeof value !== "boolean" && Math.abs(Number(value)) > MAX_SAFE
    )
  ) {
    return clipIntegers(x, lower, upper);
  }
  const [a, b, c] = operands.map((value) =>
    clipOperand(value instanceof NDArray ? value : Number(value))
  );
  const scalar = operands.every((value) => !(value instanceof NDArray));
  const shape = broadcastShapes([a[2], b[2], c[2]], "clip");
  let strides = [a, b, c].map((operand) => broadcastStrides(operand[2], shape, operand[3]));
  let iterated: Shape = shape;
  let resultStrides: number[] | undefined;
  if (shape.length > 1 && !(a[4] && b[4] && c[4])) {
    const broadcast = strides;
    const operands = [a, b, c].map((operand) => ({ shape: operand[2], strides: operand[3] }));
    const order = resultOrder(shape, operands, (operand) => broadcast[operands.indexOf(operand)]);
    if (order !== undefined) {
      iterated = order.map((axis) => shape[axis]);
      strides = strides.map((each) => order.map((axis) => each[axis]));
      resultStrides = orderedStrides(shape, order);
    }
  }
  const own = [a, b, c].map((operand) => ({ shape: operand[2], strides: operand[3] }));
  const broadcastOwn = [a, b, c].map((operand) => broadcastStrides(operand[2], shape, operand[3]));
  const constant = constantAlongLoop(shape, own, broadcastOwn);
  const constantBounds = constant[1] && constant[2];
  const out = new Float64Array(shapeSize(shape));
  const [xStep, lowStep, highStep] = strides.map(lastStride);
  forEachRow(iterated, strides, (start, offsets, length) => {
    clipRow(
      constantBounds,
      out,
      start,
      length,
      a[0],
      offsets[0],
      xStep,
      b[0],
      offsets[1],
      lowStep,
      c[0],
      offsets[2],
      highStep,
    );
  }, [a[1], b[1], c[1]]);
  if (scalar) return out[0];
  return arrays.make({ f64: out, i64: null }, shape, dtype, resultStrides);
}

/**
 * One run of the clip loop. Bounds that stay the same along NumPy's loop
 * (`constant`: scalars, say) take its fast path: a value equal to a bound
 * stays (-0.0 is kept), a NaN bound gives NaN. Other bounds take NumPy's
 * general loop, `min(max(x, lo), hi)`, where a tie takes the bound and NaN
 * propagates.
 */
function clipRow(
  constant: boolean,
  out: Float64Array,
  at: number,
  count: number,
  x: Float64Array,
  i: number,
  xStep: number,
  low: Float64Array,
  j: number,
  lowStep: number,
  high: Float64Array,
  k: number,
  highStep: number,
): void {
  const end = at + count;
  if (constant) {
    const lo = low[j];
    const hi = high[k];
    if (lo !== lo || hi !== hi) {
      out.fill(NaN, at, end);
      return;
    }
    for (let o = at; o < end; o++, i += xStep) {
      const value = x[i];
      const raised = lo > value ? lo : value;
      out[o] = hi < raised ? hi : raised;
    }
    return;
  }
  for (let o = at; o < end; o++, i += xStep, j += lowStep, k += highStep) {
    const value = x[i];
    const raised = value !== value ? value : value > low[j] ? value : low[j];
    out[o] = raised !== raised ? raised : raised < high[k] ? raised : high[k];
  }
}

/** {@link clipBoth} for int64 values past 2**53, exactly. */
function clipIntegers(
  x: NDArray | number | boolean | bigint,
  lower: NDArray | number | boolean | bigint,
  upper: NDArray | number | boolean | bigint,
): NDArray | number | bigint {
  const exact = (value: NDArray | number | boolean | bigint): [BigInt64Array, Shape] =>
    value instanceof NDArray ? [integersOf(value), value.shape] : [
      BigInt64Array.of(
        BigInt(scalarToInt64(typeof value === "boolean" ? Number(value) : value, "clip")),
      ),
      [],
    ];
  const parts = [x, lower, upper].map(exact);
  const shape = broadcastShapes(parts.map((part) => part[1]), "clip");
  const strides = parts.map((part) => broadcastStrides(part[1], shape));
  const steps = strides.map(lastStride);
  const out = new BigInt64Array(shapeSize(shape));
  const [values, lows, highs] = parts.map((part) => part[0]);
  forEachRow(shape, strides, (start, offsets, length) => {
    let [i, j, k] = offsets;
    for (let o = start; o < start + length; o++, i += steps[0], j += steps[1], k += steps[2]) {
      const raised = lows[j] > values[i] ? lows[j] : values[i];
      out[o] = highs[k] < raised ? highs[k] : raised;
    }
  });
  if ([x, lower, upper].every((value) => !(value instanceof NDArray))) {
    const value = out[0];
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  }
  return wrapIntegers(out, shape);
}

// As for the element-wise operations: compiled before a cell's first call.
whenIdle(() => {
  const a = array([[0.5, 1], [2, 3]]);
  for (const f of [exp, log, sqrt, tanh, abs, square, negative]) f(a);
});
