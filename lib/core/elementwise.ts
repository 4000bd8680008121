/**
 * Element-wise arithmetic and comparisons between two operands, with NumPy
 * broadcasting and NumPy 2's dtype promotion (see {@link resultType}).
 *
 * Each function takes NDArrays (of any layout: views are read where they
 * lie), nested JS arrays, JS numbers or bigints. Given two scalars it
 * returns a JS number (a boolean for comparisons; a bigint for an int64
 * result past 2**53), the way NumPy returns a scalar for scalar inputs;
 * otherwise a new NDArray, laid out as NumPy lays out a ufunc's result.
 * The `...InPlace` variants write into their first argument, like Python's
 * `W -= lr * dW`; through a view, into the array it views. int64 results
 * are exact and wrap around at 2**63, as NumPy's.
 *
 * @module
 */
import { checkFloatingPoint } from "./warnings.ts";
import { NDArray } from "./ndarray.ts";
import type { DType, Shape } from "./ndarray.ts";
import { array, type ArrayInput, toOperand } from "./creation.ts";
import { canCast, resultType, scalarToInt64 } from "./dtype.ts";
import { broadcastShapes, broadcastStrides } from "./broadcast.ts";
import { assign } from "./indexing.ts";
import { constantAlongLoop } from "./_iterator.ts";
import { whenIdle } from "./_idle.ts";
import { type Loop, makeLoop, NAN_OR_INFINITY } from "./_loops.ts";
import { checkArgumentCount, describe, throwReadOnly } from "./_util.ts";
import {
  advanceIndex,
  carryOffset,
  contiguousStrides,
  forEachRow,
  formatShape,
  lastStride,
  orderedStrides,
  resultOrder,
  sameShape,
  shapeSize,
} from "./_shape.ts";
import {
  arrays,
  doublesOf,
  integersOf,
  isWide,
  MAX_SAFE,
  mayShareMemory,
  wrap,
  wrapIntegers,
} from "./_storage.ts";

// The element kernels, a line each: the value for x and y (a loop of its
// own, made by makeLoop), watched where a result may come out nan or ±inf
// for the warnings' check. A kernel's code is its loop's index in LOOPS.
const LOOPS: Loop[] = [];
const kernel = (loop: Loop): Kernel => LOOPS.push(loop) - 1;
const KERNEL_ADD = kernel(makeLoop("x + y", NAN_OR_INFINITY));
const KERNEL_LOGICAL_OR = kernel(makeLoop("x !== 0 || y !== 0 ? 1 : 0"));
const KERNEL_SUBTRACT = kernel(makeLoop("x - y", NAN_OR_INFINITY));
const KERNEL_MULTIPLY = kernel(makeLoop("x * y", NAN_OR_INFINITY));
const KERNEL_DIVIDE = kernel(makeLoop("x / y", NAN_OR_INFINITY));
const KERNEL_POWER = kernel(powerLoop(false));
const KERNEL_INTEGER_POWER = kernel(integerPowerLoop);
// NumPy's maximum and minimum propagate NaN, and between equal values (such
// as 0 and -0) return the second operand, like the x86 max/min instructions
// it uses.
const KERNEL_MAXIMUM = kernel(makeLoop("x !== x ? x : x > y ? x : y"));
const KERNEL_MINIMUM = kernel(makeLoop("x !== x ? x : x < y ? x : y"));
const KERNEL_GREATER = kernel(makeLoop("x > y ? 1 : 0"));
const KERNEL_GREATER_EQUAL = kernel(makeLoop("x >= y ? 1 : 0"));
const KERNEL_LESS = kernel(makeLoop("x < y ? 1 : 0"));
const KERNEL_LESS_EQUAL = kernel(makeLoop("x <= y ? 1 : 0"));
const KERNEL_EQUAL = kernel(makeLoop("x === y ? 1 : 0"));
const KERNEL_NOT_EQUAL = kernel(makeLoop("x !== y ? 1 : 0"));
// Power with an exponent that stays the same along NumPy's loop (see powerLoop).
const KERNEL_POWER_CONSTANT = kernel(powerLoop(true));
/** One of the kernel codes above. */
type Kernel = number;

/** What an element-wise operation does for a given result dtype. */
interface BinaryOperation {
  /** The name errors are prefixed with. */
  name: string;
  /** NumPy's ufunc name, for cast errors. */
  ufunc: string;
  /** The result dtype for the promoted operand dtype (throws when unsupported). */
  resultDType(promoted: DType): DType;
  /** The kernel computing one element for a result of this dtype. */
  kernel(result: DType): Kernel;
  /** Whether an int64 result computed in doubles may leave the safe range (and is then redone exactly). */
  checked: boolean;
}

function sameDType(promoted: DType): DType {
  return promoted;
}

const ADD: BinaryOperation = {
  name: "add",
  ufunc: "add",
  checked: true,
  resultDType: sameDType,
  kernel: (result) => (result === "bool" ? KERNEL_LOGICAL_OR : KERNEL_ADD),
};
const SUBTRACT: BinaryOperation = {
  name: "subtract",
  ufunc: "subtract",
  checked: true,
  resultDType: (promoted) => {
    if (promoted === "bool") {
      throw new TypeError(
        "subtract: numpy boolean subtract, the `-` operator, is not supported, use the " +
          "bitwise_xor, the `^` operator, or the logical_xor function instead.",
      );
    }
    return promoted;
  },
  kernel: () => KERNEL_SUBTRACT,
};
const MULTIPLY: BinaryOperation = {
  name: "multiply",
  ufunc: "multiply",
  checked: true,
  resultDType: sameDType,
  kernel: () => KERNEL_MULTIPLY,
};
const DIVIDE: BinaryOperation = {
  name: "divide",
  ufunc: "divide",
  checked: false,
  resultDType: () => "float64",
  kernel: () => KERNEL_DIVIDE,
};
const POWER: BinaryOperation = {
  name: "power",
  ufunc: "power",
  checked: true,
  resultDType: (promoted) => (promoted === "bool" ? "int64" : promoted),
  kernel: (result) => (result === "float64" ? KERNEL_POWER : KERNEL_INTEGER_POWER),
};
const MAXIMUM: BinaryOperation = {
  name: "maximum",
  ufunc: "maximum",
  checked: false,
  resultDType: sameDType,
  kernel: () => KERNEL_MAXIMUM,
};
const MINIMUM: BinaryOperation = {
  name: "minimum",
  ufunc: "minimum",
  checked: false,
  resultDType: sameDType,
  kernel: () => KERNEL_MINIMUM,
};

function comparison(name: string, kernel: Kernel): BinaryOperation {
  return { name, ufunc: name, resultDType: () => "bool", kernel: () => kernel, checked: false };
}
const GREATER = comparison("greater", KERNEL_GREATER);
const GREATER_EQUAL = comparison("greater_equal", KERNEL_GREATER_EQUAL);
const LESS = comparison("less", KERNEL_LESS);
const LESS_EQUAL = comparison("less_equal", KERNEL_LESS_EQUAL);
const EQUAL = comparison("equal", KERNEL_EQUAL);
const NOT_EQUAL = comparison("not_equal", KERNEL_NOT_EQUAL);

/**
 * Computes `count` results `out[at + i] = left[l] (op) right[r]`, where `l`
 * and `r` advance by `leftStep` and `rightStep` (1 to walk, 0 to repeat),
 * and returns whether a watched result came out nan or ±inf, which is all
 * the warning check needs to know before it reads anything again.
 */
function combine(
  kernel: Kernel,
  out: Float64Array,
  at: number,
  left: Float64Array,
  l: number,
  leftStep: number,
  right: Float64Array,
  r: number,
  rightStep: number,
  count: number,
): boolean {
  return LOOPS[kernel](out, at, left, l, leftStep, right, r, rightStep, count);
}

/**
 * `x ** y` for floats, as NumPy's loop computes it. An exponent that stays
 * the same along NumPy's loop (`constant`: a scalar, not an array that
 * merely repeats a value) of 2, 1 or 0.5 is the exactly rounded x * x, x,
 * or the square root, as in NumPy; any other is C's `pow`, which is
 * JavaScript's `**` but where that gives NaN for `1 ** NaN` and
 * `(-1) ** ±Infinity`: C (and NumPy) give 1.
 */
function powerLoop(constant: boolean): Loop {
  return (out, at, left, l, leftStep, right, r, rightStep, count) => {
    let nonFinite = false;
    const end = at + count;
    for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
      const x = left[l];
      const y = right[r];
      let value = constant && y === 2
        ? x * x
        : constant && y === 1
        ? x
        : constant && y === 0.5
        ? Math.sqrt(x)
        : x ** y;
      if (value !== value && (x === 1 || (x === -1 && (y === Infinity || y === -Infinity)))) {
        value = 1;
      }
      out[o] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  };
}

/** `x ** y` for integers, which refuse negative exponents as NumPy does. */
function integerPowerLoop(
  out: Float64Array,
  at: number,
  left: Float64Array,
  l: number,
  leftStep: number,
  right: Float64Array,
  r: number,
  rightStep: number,
  count: number,
): boolean {
  const end = at + count;
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const y = right[r];
    if (y < 0) {
      throw new RangeError("power: Integers to negative integer powers are not allowed.");
    }
    out[o] = left[l] ** y;
  }
  return false;
}

const SCALAR_SHAPE: Shape = Object.freeze([]);
const NO_STRIDES: readonly number[] = [];

// Storage for scalar operands and a scalar result, reused: every call is
// done with them before it returns, and a fresh typed array, however small,
// costs about 0.6 us to make, more than the arithmetic of a small array.
const LEFT_SCALAR = new Float64Array(1);
const RIGHT_SCALAR = new Float64Array(1);
const SCALAR_RESULT = new Float64Array(1);

/** An operand as the double kernels read it: where its elements are, and how they lie. */
interface Operand {
  data: Float64Array;
  offset: number;
  shape: Shape;
  strides: readonly number[];
  /** Laid out in C order, one element after another. */
  contiguous: boolean;
  size: number;
}

/**
 * A scalar or an array as an {@link Operand}, written into `into` (each
 * call's own, reused: operations run one at a time, and an object made per
 * operand would cost more than a small array's arithmetic); int64 values
 * past 2**53 as their nearest doubles.
 */
function operandOf(value: NDArray | number, scratch: Float64Array, into: Operand): Operand {
  if (typeof value === "number") {
    scratch[0] = value;
    into.data = scratch;
    into.offset = 0;
    into.shape = SCALAR_SHAPE;
    into.strides = NO_STRIDES;
    into.contiguous = true;
    into.size = 1;
    return into;
  }
  const { storage, offset, strides, contiguous } = arrays.layout(value);
  into.shape = value.shape;
  into.size = value.size;
  if (storage.f64 !== null) {
    into.data = storage.f64;
    into.offset = offset;
    into.strides = strides;
    into.contiguous = contiguous;
  } else {
    into.data = doublesOf(value);
    into.offset = 0;
    into.strides = contiguousStrides(value.shape);
    into.contiguous = true;
  }
  return into;
}

/** The operand objects of binary operations, reused (see {@link operandOf}). */
const LEFT_OPERAND: Operand = {
  data: LEFT_SCALAR,
  offset: 0,
  shape: SCALAR_SHAPE,
  strides: NO_STRIDES,
  contiguous: true,
  size: 1,
};
const RIGHT_OPERAND: Operand = { ...LEFT_OPERAND, data: RIGHT_SCALAR };

/** Whether an int64 operand holds a value that doubles cannot carry exactly. */
function beyondDoubles(value: NDArray | number | boolean | bigint): boolean {
  if (value instanceof NDArray) return isWide(value);
  if (typeof value === "bigint") return value > 9007199254740991n || value < -9007199254740991n;
  return typeof value === "number" && Number.isInteger(value) && Math.abs(value) > MAX_SAFE;
}

/** Whether any element lies past ±(2**53 - 1), where an int64 result in doubles may be inexact. */
function anyUnsafe(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value > MAX_SAFE || value < -MAX_SAFE) return true;
  }
  return false;
}

// Rows shorter than this are run as one flat pass over spread-out operands
// (below), for results of up to SPREAD_CAPACITY elements. A call per row
// costs about as much as 15 elements.
const SHORT_ROW = 16;
const SPREAD_CAPACITY = 4096;
const LEFT_SPREAD = new Float64Array(SPREAD_CAPACITY);
const RIGHT_SPREAD = new Float64Array(SPREAD_CAPACITY);

/**
 * `rows` rows of `inner` elements of `from`, from `start` (row and element
 * steps given), laid out one after another in `into`.
 */
function spread(
  into: Float64Array,
  from: Float64Array,
  start: number,
  rows: number,
  rowStep: number,
  inner: number,
  innerStep: number,
): Float64Array {
  for (let row = 0, o = 0; row < rows; row++, start += rowStep) {
    for (let j = 0, f = start; j < inner; j++, o++, f += innerStep) into[o] = from[f];
  }
  return into;
}

/**
 * Runs `kernel` over the broadcast of two operands into `out`, contiguous
 * from `outStart` in the order of `shape`, and returns whether a float
 * result came out nan or ±inf. Each operand is read from its offset under
 * its strides, already broadcast to `shape` (zero along repeated axes,
 * permuted for a transpose, negative along a reversed axis). Contiguous
 * and scalar operands take one flat pass. Otherwise adjacent axes that
 * both operands walk alike are merged first, so that
 * `(1000,1000) + (1000,)` becomes 1000 rows of one row each and a column
 * against a row becomes two axes; two axes run row by row, and more step
 * the outer ones with the odometer, once per row. No element allocates.
 * The kernels see only a start, a step and a count per operand, the inner
 * loop of NumPy's iterator, so a generated loop can take their place.
 */
function runBinary(
  kernel: Kernel,
  a: Operand,
  leftStrides: readonly number[],
  leftFlat: number,
  b: Operand,
  rightStrides: readonly number[],
  rightFlat: number,
  out: Float64Array,
  outStart: number,
  shape: Shape,
): boolean {
  // Read from the records here rather than passed one by one: the engine
  // compiles the short-row pass below measurably slower (some 5% of a
  // (210,10) + (1,10)) when the offsets come in as parameters.
  const left = a.data;
  const leftOffset = a.offset;
  const right = b.data;
  const rightOffset = b.offset;
  const size = shapeSize(shape);
  if (size === 0) return false;
  if (leftFlat >= 0 && rightFlat >= 0) {
    return combine(
      kernel,
      out,
      outStart,
      left,
      leftOffset,
      leftFlat,
      right,
      rightOffset,
      rightFlat,
      size,
    );
  }
  // Axis a (outer) and the next one b merge when, for both operands,
  // stride[a] = stride[b] * length[b]; axes of length 1 drop out.
  const lengths: number[] = [];
  const leftSteps: number[] = [];
  const rightSteps: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const length = shape[axis];
    if (length === 1) continue;
    const last = lengths.length - 1;
    const leftStride = leftStrides[axis];
    const rightStride = rightStrides[axis];
    if (
      last >= 0 && leftSteps[last] === leftStride * length &&
      rightSteps[last] === rightStride * length
    ) {
      lengths[last] *= length;
      leftSteps[last] = leftStride;
      rightSteps[last] = rightStride;
    } else {
      lengths.push(length);
      leftSteps.push(leftStride);
      rightSteps.push(rightStride);
    }
  }
  const ndim = lengths.length;
  if (ndim === 0) {
    return combine(kernel, out, outStart, left, leftOffset, 0, right, rightOffset, 0, 1);
  }
  const inner = lengths[ndim - 1];
  const leftInner = leftSteps[ndim - 1];
  const rightInner = rightSteps[ndim - 1];
  if (ndim === 1) {
    return combine(
      kernel,
      out,
      outStart,
      left,
      leftOffset,
      leftInner,
      right,
      rightOffset,
      rightInner,
      inner,
    );
  }
  let nonFinite = false;
  if (ndim === 2) {
    const rows = lengths[0];
    const leftRow = leftSteps[0];
    const rightRow = rightSteps[0];
    if (inner < SHORT_ROW && size <= SPREAD_CAPACITY) {
      // Many short rows, as in (210, 10) + (1, 10) or (210, 2) - (210, 1):
      // one call per row would cost more than its few elements, so each
      // operand that is not already laid out as the result is spread into
      // reused storage first, and the kernel runs once over everything.
      const leftInPlace = leftRow === inner && leftInner === 1;
      const rightInPlace = rightRow === inner && rightInner === 1;
      return combine(
        kernel,
        out,
        outStart,
        leftInPlace ? left : spread(LEFT_SPREAD, left, leftOffset, rows, leftRow, inner, leftInner),
        leftInPlace ? leftOffset : 0,
        1,
        rightInPlace
          ? right
          : spread(RIGHT_SPREAD, right, rightOffset, rows, rightRow, inner, rightInner),
        rightInPlace ? rightOffset : 0,
        1,
        size,
      );
    }
    for (
      let row = 0, start = outStart, l = leftOffset, r = rightOffset;
      row < rows;
      row++
    ) {
      if (combine(kernel, out, start, left, l, leftInner, right, r, rightInner, inner)) {
        nonFinite = true;
      }
      start += inner;
      l += leftRow;
      r += rightRow;
    }
    return nonFinite;
  }
  const outer = ndim - 1;
  const index = new Array<number>(outer).fill(0);
  let l = leftOffset;
  let r = rightOffset;
  for (let start = outStart;; start += inner) {
    if (combine(kernel, out, start, left, l, leftInner, right, r, rightInner, inner)) {
      nonFinite = true;
    }
    const axis = advanceIndex(index, lengths, outer);
    if (axis < 0) return nonFinite;
    l += carryOffset(leftSteps, lengths, axis, outer);
    r += carryOffset(rightSteps, lengths, axis, outer);
  }
}

/** 1 when an operand can be read as one run alongside the result, 0 when it repeats one value, -1 otherwise. */
function flatStep(operand: Operand, size: number): number {
  if (operand.size === 1) return 0;
  return operand.contiguous && operand.size === size ? 1 : -1;
}

// The strides {@link computeBinary} laid its result out with (undefined for C order).
let resultStrides: number[] | undefined;

/**
 * The result of a binary operation on two operands, computed on doubles
 * into `out`, laid out as NumPy lays out a ufunc's result: in C order,
 * unless the operands' own layout is another (a transpose's result is
 * again column-major), so that later sums add in NumPy's order; the
 * strides of that layout are left in {@link resultStrides}. Returns
 * whether a float result came out nan or ±inf.
 */
function computeBinary(
  kernel: Kernel,
  a: Operand,
  b: Operand,
  shape: Shape,
  out: Float64Array,
): boolean {
  const size = out.length;
  resultStrides = undefined;
  const leftFlat = flatStep(a, size);
  const rightFlat = flatStep(b, size);
  if (leftFlat >= 0 && rightFlat >= 0) {
    return combine(kernel, out, 0, a.data, a.offset, leftFlat, b.data, b.offset, rightFlat, size);
  }
  const leftStrides = a.shape === shape ? a.strides : broadcastStrides(a.shape, shape, a.strides);
  const rightStrides = b.shape === shape ? b.strides : broadcastStrides(b.shape, shape, b.strides);
  // Contiguous operands, broadcast or not, are visited in C order.
  if (!(a.contiguous && b.contiguous) && shape.length > 1) {
    const order = resultOrder(
      shape,
      [a, b],
      (operand) => [...(operand === a ? leftStrides : rightStrides)],
    );
    if (order !== undefined) {
      const nonFinite = runBinary(
        kernel,
        a,
        order.map((axis) => leftStrides[axis]),
        -1,
        b,
        order.map((axis) => rightStrides[axis]),
        -1,
        out,
        0,
        order.map((axis) => shape[axis]),
      );
      resultStrides = orderedStrides(shape, order);
      return nonFinite;
    }
  }
  return runBinary(
    kernel,
    a,
    leftStrides,
    leftFlat,
    b,
    rightStrides,
    rightFlat,
    out,
    0,
    shape,
  );
}

function applyBinary(
  operation: BinaryOperation,
  first: ArrayInput,
  second: ArrayInput,
): NDArray | number | bigint {
  let left = toOperand(first, operation.name);
  let right = toOperand(second, operation.name);
  const promoted = resultType(left, right);
  const dtype = operation.resultDType(promoted);
  // int64 values past 2**53 (in an array or a scalar) take the exact path.
  if (
    promoted === "int64" && dtype !== "float64" && (beyondDoubles(left) || beyondDoubles(right))
  ) {
    return exactBinary(operation, left, right, dtype);
  }
  if (typeof left !== "object") left = Number(left);
  if (typeof right !== "object") right = Number(right);
  let kernel = operation.kernel(dtype);
  // Sums, differences, products and powers of safe integers are exact in
  // doubles unless they leave the safe range; then they are redone exactly.
  const checked = dtype === "int64" && operation.checked;
  if (!(left instanceof NDArray) && !(right instanceof NDArray)) {
    const out = SCALAR_RESULT;
    LEFT_SCALAR[0] = left;
    RIGHT_SCALAR[0] = right;
    if (kernel === KERNEL_POWER) kernel = KERNEL_POWER_CONSTANT;
    const nonFinite = combine(kernel, out, 0, LEFT_SCALAR, 0, 0, RIGHT_SCALAR, 0, 0, 1);
    if (checked && anyUnsafe(out)) return exactBinary(operation, left, right, dtype);
    if (nonFinite && dtype === "float64") warnAbout(operation, LEFT_SCALAR, RIGHT_SCALAR, out);
    return out[0];
  }
  const a = operandOf(left, LEFT_SCALAR, LEFT_OPERAND);
  const b = operandOf(right, RIGHT_SCALAR, RIGHT_OPERAND);
  // The result's shape is an operand's, or a new one when they broadcast.
  const shared = b.shape.length === 0 || a.shape.length === 0 || sameShape(a.shape, b.shape);
  const shape = !shared
    ? broadcastShapes([a.shape, b.shape], operation.name)
    : b.shape.length === 0
    ? a.shape
    : b.shape;
  if (kernel === KERNEL_POWER && exponentConstant(a, b, shape)) kernel = KERNEL_POWER_CONSTANT;
  // Every element is written, so the fresh (zeroed) storage is never read.
  const out = new Float64Array(shapeSize(shape));
  const nonFinite = computeBinary(kernel, a, b, shape, out);
  const strides = resultStrides;
  if (checked && anyUnsafe(out)) return exactBinary(operation, left, right, dtype);
  if (nonFinite && dtype === "float64") {
    warnAbout(operation, inputDoubles(left, LEFT_SCALAR), inputDoubles(right, RIGHT_SCALAR), out);
  }
  return arrays.result({ f64: out, i64: null }, shape, dtype, strides, !shared);
}

/** Whether the exponent stays on one element along NumPy's loop (its power fast paths). */
function exponentConstant(base: Operand, exponent: Operand, shape: Shape): boolean {
  if (exponent.shape.length === 0) return true;
  const broadcast = [base, exponent].map((operand) =>
    broadcastStrides(operand.shape, shape, operand.strides)
  );
  return constantAlongLoop(shape, [base, exponent], broadcast)[1];
}

function inputDoubles(value: NDArray | number, scratch: Float64Array): Float64Array {
  return value instanceof NDArray ? doublesOf(value) : scratch;
}

// A finite operand pair whose float result is nan or inf gets NumPy's warning.
function warnAbout(
  operation: BinaryOperation,
  left: Float64Array,
  right: Float64Array,
  out: Float64Array,
): void {
  if (operation === MAXIMUM || operation === MINIMUM) return;
  const infinity = operation === DIVIDE ? "divide by zero" : "overflow";
  checkFloatingPoint(operation.ufunc, [left, right], out, infinity);
}

/** An int64 (or bool) operand as exact 64-bit values with its shape; refuses scalars past int64. */
function exactOperand(
  value: NDArray | number | boolean | bigint,
  operation: string,
): [BigInt64Array, Shape] {
  if (value instanceof NDArray) return [integersOf(value), value.shape];
  const scalar = typeof value === "boolean" ? Number(value) : value;
  return [BigInt64Array.of(BigInt(scalarToInt64(scalar, operation))), SCALAR_SHAPE];
}

/** `x ** y` wrapped to 64 bits, by repeated squaring (y >= 0). */
function wrappedPower(x: bigint, y: bigint): bigint {
  let result = 1n;
  let base = BigInt.asIntN(64, x);
  while (y > 0n) {
    if (y & 1n) result = BigInt.asIntN(64, result * base);
    base = BigInt.asIntN(64, base * base);
    y >>= 1n;
  }
  return result;
}

/**
 * The exact path for int64 operands: every value as a 64-bit integer, and
 * arithmetic that wraps around at 2**63 as NumPy's does. Returns a number
 * (or, past 2**53, a bigint, or a boolean from a comparison) for two
 * scalars, else a new array (kept as doubles when every value is safe).
 */
function exactBinary(
  operation: BinaryOperation,
  left: NDArray | number | boolean | bigint,
  right: NDArray | number | boolean | bigint,
  dtype: DType,
): NDArray | number | bigint {
  const [x, xShape] = exactOperand(left, operation.name);
  const [y, yShape] = exactOperand(right, operation.name);
  const shape = broadcastShapes([xShape, yShape], operation.name);
  const xStrides = broadcastStrides(xShape, shape);
  const yStrides = broadcastStrides(yShape, shape);
  const size = shapeSize(shape);
  const out = new BigInt64Array(size);
  const code = operation.kernel(dtype);
  const xStep = lastStride(xStrides);
  const yStep = lastStride(yStrides);
  forEachRow(shape, [xStrides, yStrides], (start, offsets, length) => {
    for (
      let o = start, i = offsets[0], j = offsets[1];
      o < start + length;
      o++, i += xStep, j += yStep
    ) {
      out[o] = exactKernel(code, x[i], y[j]);
    }
  });
  const scalar = !(left instanceof NDArray) && !(right instanceof NDArray);
  if (dtype === "bool") {
    if (scalar) return out[0];
    const flags = new Float64Array(size);
    for (let i = 0; i < size; i++) flags[i] = Number(out[i]);
    return wrap(flags, shape, "bool");
  }
  if (scalar) {
    const value = out[0];
    return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
  }
  return wrapIntegers(out, shape);
}

/** One element of {@link exactBinary}. */
function exactKernel(kernel: Kernel, x: bigint, y: bigint): bigint {
  switch (kernel) {
    case KERNEL_ADD:
      return BigInt.asIntN(64, x + y);
    case KERNEL_SUBTRACT:
      return BigInt.asIntN(64, x - y);
    case KERNEL_MULTIPLY:
      return BigInt.asIntN(64, x * y);
    case KERNEL_INTEGER_POWER:
      if (y < 0n) {
        throw new RangeError("power: Integers to negative integer powers are not allowed.");
      }
      return wrappedPower(x, y);
    case KERNEL_MAXIMUM:
      return x >= y ? x : y;
    case KERNEL_MINIMUM:
      return x <= y ? x : y;
    case KERNEL_GREATER:
      return x > y ? 1n : 0n;
    case KERNEL_GREATER_EQUAL:
      return x >= y ? 1n : 0n;
    case KERNEL_LESS:
      return x < y ? 1n : 0n;
    case KERNEL_LESS_EQUAL:
      return x <= y ? 1n : 0n;
    case KERNEL_EQUAL:
      return x === y ? 1n : 0n;
    default:
      return x !== y ? 1n : 0n;
  }
}

function applyComparison(
  operation: BinaryOperation,
  first: ArrayInput,
  second: ArrayInput,
): NDArray | boolean {
  const result = applyBinary(operation, first, second);
  return result instanceof NDArray ? result : result === 1 || result === 1n;
}

/**
 * Writes `target (op) other` into `target`, broadcasting `other` to
 * `target`'s shape. Like NumPy's in-place operators it refuses results
 * that `target`'s dtype cannot hold under the same_kind rule, and a
 * read-only target. A view takes the result through to the array it views.
 */
function applyInPlace(operation: BinaryOperation, target: NDArray, other: ArrayInput): void {
  if (!(target instanceof NDArray)) {
    throw new TypeError(
      `${operation.name}: the in-place target must be an NDArray, got ${describe(target)}`,
    );
  }
  const operand = toOperand(other, operation.name);
  const promoted = resultType(target, operand);
  const dtype = operation.resultDType(promoted);
  if (!canCast(dtype, target.dtype)) {
    throw new TypeError(
      `${operation.name}: Cannot cast ufunc '${operation.ufunc}' output from dtype('${dtype}') ` +
        `to dtype('${target.dtype}') with casting rule 'same_kind'`,
    );
  }
  const shape = operand instanceof NDArray ? operand.shape : SCALAR_SHAPE;
  if (shape.length !== 0 && !sameShape(shape, target.shape)) {
    const merged = broadcastShapes([target.shape, shape], operation.name);
    if (!sameShape(merged, target.shape)) {
      throw new RangeError(
        `${operation.name}: non-broadcastable output operand with shape ${
          formatShape(target.shape)
        } doesn't match the broadcast shape ${formatShape(merged)}`,
      );
    }
  }
  const layout = arrays.layout(target);
  if (!layout.writeable) throwReadOnly(operation.name, "output array");
  // A contiguous float or bool target is written in one pass, when what it
  // reads cannot be overwritten before it is read; anything else (int64,
  // whose result may need 64 bits, a strided view, an overlapping operand)
  // is computed apart and then assigned.
  const direct = target.dtype !== "int64" && layout.contiguous && layout.storage.f64 !== null &&
    (!(operand instanceof NDArray) || !mayShareMemory(operand, target) ||
      sameLayout(operand, target));
  if (!direct) {
    assign(
      target,
      applyBinary(operation, target, operand) as NDArray,
      operation.name,
      "output array",
    );
    return;
  }
  const kernel = operation.kernel(dtype);
  const data = layout.storage.f64!;
  const self = operandOf(target, LEFT_SCALAR, LEFT_OPERAND);
  const value = operandOf(
    typeof operand === "object" ? operand : Number(operand),
    RIGHT_SCALAR,
    RIGHT_OPERAND,
  );
  const size = target.size;
  runBinary(
    kernel,
    self,
    layout.strides,
    flatStep(self, size),
    value,
    value.shape === target.shape
      ? value.strides
      : broadcastStrides(value.shape, target.shape, value.strides),
    flatStep(value, size),
    data,
    layout.offset,
    target.shape,
  );
}

/** Whether two arrays read the same elements in the same order (so an in-place pass is safe). */
function sameLayout(a: NDArray, b: NDArray): boolean {
  const first = arrays.layout(a);
  const second = arrays.layout(b);
  return first.storage === second.storage && first.offset === second.offset &&
    sameShape(a.shape, b.shape) && sameShape(first.strides, second.strides);
}

/**
 * Element-wise `a + b` (`np.add`). Adding two bool arrays gives their logical or.
 *
 * @example
 * ```ts
 * import { add, array } from "../mod.ts";
 * add(array([[1, 2], [3, 4]]), array([10, 20])); // [[11, 22], [13, 24]]
 * add(2, 3); // 5
 * ```
 */
export function add(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function add(a: number | boolean | bigint, b: number | boolean | bigint): number | bigint;
/** Element-wise `a + b` with broadcasting. */
export function add(a: ArrayInput, b: ArrayInput): NDArray;
export function add(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "add");
  return applyBinary(ADD, a, b);
}

/**
 * Element-wise `a - b` (`np.subtract`). Not defined for two bool operands.
 *
 * @example
 * ```ts
 * import { array, subtract } from "../mod.ts";
 * subtract(1, array([0.25, 0.5])); // [0.75, 0.5]
 * ```
 */
export function subtract(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function subtract(
  a: number | boolean | bigint,
  b: number | boolean | bigint,
): number | bigint;
/** Element-wise `a - b` with broadcasting. */
export function subtract(a: ArrayInput, b: ArrayInput): NDArray;
export function subtract(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "subtract");
  return applyBinary(SUBTRACT, a, b);
}

/**
 * Element-wise `a * b` (`np.multiply`); for two bool operands, logical and.
 *
 * @example
 * ```ts
 * import { array, multiply } from "../mod.ts";
 * multiply(0.1, array([1, 2])); // [0.1, 0.2]
 * ```
 */
export function multiply(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function multiply(
  a: number | boolean | bigint,
  b: number | boolean | bigint,
): number | bigint;
/** Element-wise `a * b` with broadcasting. */
export function multiply(a: ArrayInput, b: ArrayInput): NDArray;
export function multiply(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "multiply");
  return applyBinary(MULTIPLY, a, b);
}

/**
 * Element-wise true division `a / b` (`np.divide`); always float64.
 *
 * @example
 * ```ts
 * import { array, divide } from "../mod.ts";
 * divide(array([1, 2], "int64"), 4); // [0.25, 0.5]
 * ```
 */
export function divide(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function divide(a: number | boolean | bigint, b: number | boolean | bigint): number | bigint;
/** Element-wise `a / b` with broadcasting. */
export function divide(a: ArrayInput, b: ArrayInput): NDArray;
export function divide(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "divide");
  return applyBinary(DIVIDE, a, b);
}

/**
 * Element-wise `a ** b` (`np.power`). Squaring is the exactly rounded
 * `a * a`, as in NumPy.
 *
 * @example
 * ```ts
 * import { array, power } from "../mod.ts";
 * power(array([1.5, -2]), 2); // [2.25, 4]
 * ```
 */
export function power(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function power(a: number | boolean | bigint, b: number | boolean | bigint): number | bigint;
/** Element-wise `a ** b` with broadcasting. */
export function power(a: ArrayInput, b: ArrayInput): NDArray;
export function power(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "power");
  return applyBinary(POWER, a, b);
}

/**
 * Element-wise larger value (`np.maximum`); NaN wins. `maximum(0, z)` is ReLU.
 *
 * @example
 * ```ts
 * import { array, maximum } from "../mod.ts";
 * maximum(0, array([-1.5, 2])); // [0, 2]
 * ```
 */
export function maximum(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function maximum(
  a: number | boolean | bigint,
  b: number | boolean | bigint,
): number | bigint;
/** Element-wise larger value with broadcasting. */
export function maximum(a: ArrayInput, b: ArrayInput): NDArray;
export function maximum(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "maximum");
  return applyBinary(MAXIMUM, a, b);
}

/**
 * Element-wise smaller value (`np.minimum`); NaN wins.
 *
 * @example
 * ```ts
 * import { array, minimum } from "../mod.ts";
 * minimum(array([1, 5]), 3); // [1, 3]
 * ```
 */
export function minimum(a: number | boolean, b: number | boolean): number;
/** With a bigint operand (a Python int of any size): a number, or a bigint past 2**53. */
export function minimum(
  a: number | boolean | bigint,
  b: number | boolean | bigint,
): number | bigint;
/** Element-wise smaller value with broadcasting. */
export function minimum(a: ArrayInput, b: ArrayInput): NDArray;
export function minimum(a: ArrayInput, b: ArrayInput): NDArray | number | bigint {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "minimum");
  return applyBinary(MINIMUM, a, b);
}

/**
 * Element-wise `a > b` (`np.greater`), as a bool array.
 *
 * @example
 * ```ts
 * import { array, greater } from "../mod.ts";
 * greater(array([-1, 0, 2]), 0); // [false, false, true]
 * ```
 */
export function greater(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a > b` with broadcasting. */
export function greater(a: ArrayInput, b: ArrayInput): NDArray;
export function greater(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "greater");
  return applyComparison(GREATER, a, b);
}

/**
 * Element-wise `a >= b` (`np.greater_equal`), as a bool array.
 *
 * @example
 * ```ts
 * import { array, greaterEqual } from "../mod.ts";
 * greaterEqual(array([-1, 0, 2]), 0); // [false, true, true]
 * ```
 */
export function greaterEqual(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a >= b` with broadcasting. */
export function greaterEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function greaterEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "greaterEqual");
  return applyComparison(GREATER_EQUAL, a, b);
}

/**
 * Element-wise `a < b` (`np.less`), as a bool array.
 *
 * @example
 * ```ts
 * import { array, less } from "../mod.ts";
 * less(array([-1, 0, 2]), 0); // [true, false, false]
 * ```
 */
export function less(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a < b` with broadcasting. */
export function less(a: ArrayInput, b: ArrayInput): NDArray;
export function less(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "less");
  return applyComparison(LESS, a, b);
}

/**
 * Element-wise `a <= b` (`np.less_equal`), as a bool array.
 *
 * @example
 * ```ts
 * import { array, lessEqual } from "../mod.ts";
 * lessEqual(array([-1, 0, 2]), 0); // [true, true, false]
 * ```
 */
export function lessEqual(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a <= b` with broadcasting. */
export function lessEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function lessEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "lessEqual");
  return applyComparison(LESS_EQUAL, a, b);
}

/**
 * Element-wise `a == b` (`np.equal`), as a bool array. NaN equals nothing.
 *
 * @example
 * ```ts
 * import { array, equal, mean } from "../mod.ts";
 * const accuracy = mean(equal(array([1, 0, 1]), array([1, 1, 1]))); // 0.666...
 * ```
 */
export function equal(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a == b` with broadcasting. */
export function equal(a: ArrayInput, b: ArrayInput): NDArray;
export function equal(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "equal");
  return applyComparison(EQUAL, a, b);
}

/**
 * Element-wise `a != b` (`np.not_equal`), as a bool array.
 *
 * @example
 * ```ts
 * import { array, notEqual } from "../mod.ts";
 * notEqual(array([1, 2]), 2); // [true, false]
 * ```
 */
export function notEqual(a: number | boolean | bigint, b: number | boolean | bigint): boolean;
/** Element-wise `a != b` with broadcasting. */
export function notEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function notEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "notEqual");
  return applyComparison(NOT_EQUAL, a, b);
}

/**
 * `target += other` in place (Python's `+=` on an array). Like Python's
 * augmented assignment it is a statement: it returns nothing, so a cell that
 * ends with it shows no value.
 *
 * @example
 * ```ts
 * import { addInPlace, zeros } from "../mod.ts";
 * const b = zeros([1, 2]);
 * addInPlace(b, 0.5); // b is now [[0.5, 0.5]]
 * ```
 */
export function addInPlace(target: NDArray, other: ArrayInput): void {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "addInPlace");
  applyInPlace(ADD, target, other);
}

/**
 * `target -= other` in place, e.g. the update `W -= lr * dW`; returns nothing.
 *
 * @example
 * ```ts
 * import { array, multiply, subtractInPlace } from "../mod.ts";
 * const W = array([[1, 2]]);
 * subtractInPlace(W, multiply(0.1, array([[10, 10]]))); // W is [[0, 1]]
 * ```
 */
export function subtractInPlace(target: NDArray, other: ArrayInput): void {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "subtractInPlace");
  applyInPlace(SUBTRACT, target, other);
}

/**
 * `target *= other` in place; returns nothing.
 *
 * @example
 * ```ts
 * import { array, multiplyInPlace } from "../mod.ts";
 * const a = array([1, 2]);
 * multiplyInPlace(a, 3); // a is [3, 6]
 * ```
 */
export function multiplyInPlace(target: NDArray, other: ArrayInput): void {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "multiplyInPlace");
  applyInPlace(MULTIPLY, target, other);
}

/**
 * `target /= other` in place; `target` must be float64; returns nothing.
 *
 * @example
 * ```ts
 * import { array, divideInPlace } from "../mod.ts";
 * const a = array([1, 2]);
 * divideInPlace(a, 4); // a is [0.25, 0.5]
 * ```
 */
export function divideInPlace(target: NDArray, other: ArrayInput): void {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "divideInPlace");
  applyInPlace(DIVIDE, target, other);
}

// The first idle moment runs each operation once on small arrays (flat, a
// broadcast row, a scalar, in place), so that the engine has compiled their
// paths before a cell's first call.
whenIdle(() => {
  const a = array([[1, 2], [3, 4], [5, 6]]);
  const row = array([[1, 2]]);
  for (
    const operation of [add, subtract, multiply, divide, maximum, minimum, greater, less, equal]
  ) {
    operation(a, row);
    operation(a, 2);
    operation(a, a);
  }
  a.copy().addInPlace(row);
  a.copy().multiplyInPlace(2);
});
