/**
 * Element-wise arithmetic and comparisons between two operands, with NumPy
 * broadcasting and NumPy 2's dtype promotion (see {@link resultType}).
 *
 * Each function takes NDArrays, nested JS arrays or JS numbers. Given two
 * JS numbers it returns a JS number (or a boolean for comparisons), the way
 * NumPy returns a scalar for scalar inputs; otherwise a new NDArray.
 * The `...InPlace` variants write into their first argument, like Python's
 * `W -= lr * dW`.
 *
 * @module
 */
import { checkFloatingPoint } from "./warnings.ts";
import { NDArray } from "./ndarray.ts";
import type { DType, Shape } from "./ndarray.ts";
import { type ArrayInput, toOperand } from "./creation.ts";
import { canCast, resultType } from "./dtype.ts";
import { broadcastShapes, broadcastStrides } from "./broadcast.ts";
import { describe } from "./_util.ts";
import { advanceIndex, carryOffset, formatShape, sameShape, shapeSize } from "./_shape.ts";

/** The element kernels, as codes that {@link combine} switches on once per call. */
// Plain numeric constants (not an enum object) so the engine folds them into the switch.
const KERNEL_ADD = 0;
const KERNEL_LOGICAL_OR = 1;
const KERNEL_SUBTRACT = 2;
const KERNEL_MULTIPLY = 3;
const KERNEL_DIVIDE = 4;
const KERNEL_POWER = 5;
const KERNEL_INTEGER_POWER = 6;
const KERNEL_MAXIMUM = 7;
const KERNEL_MINIMUM = 8;
const KERNEL_GREATER = 9;
const KERNEL_GREATER_EQUAL = 10;
const KERNEL_LESS = 11;
const KERNEL_LESS_EQUAL = 12;
const KERNEL_EQUAL = 13;
const KERNEL_NOT_EQUAL = 14;
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
}

function sameDType(promoted: DType): DType {
  return promoted;
}

const ADD: BinaryOperation = {
  name: "add",
  ufunc: "add",
  resultDType: sameDType,
  kernel: (result) => (result === "bool" ? KERNEL_LOGICAL_OR : KERNEL_ADD),
};
const SUBTRACT: BinaryOperation = {
  name: "subtract",
  ufunc: "subtract",
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
  resultDType: sameDType,
  kernel: () => KERNEL_MULTIPLY,
};
const DIVIDE: BinaryOperation = {
  name: "divide",
  ufunc: "divide",
  resultDType: () => "float64",
  kernel: () => KERNEL_DIVIDE,
};
const POWER: BinaryOperation = {
  name: "power",
  ufunc: "power",
  resultDType: (promoted) => (promoted === "bool" ? "int64" : promoted),
  kernel: (result) => (result === "float64" ? KERNEL_POWER : KERNEL_INTEGER_POWER),
};
const MAXIMUM: BinaryOperation = {
  name: "maximum",
  ufunc: "maximum",
  resultDType: sameDType,
  kernel: () => KERNEL_MAXIMUM,
};
const MINIMUM: BinaryOperation = {
  name: "minimum",
  ufunc: "minimum",
  resultDType: sameDType,
  kernel: () => KERNEL_MINIMUM,
};

function comparison(name: string, kernel: Kernel): BinaryOperation {
  return { name, ufunc: name, resultDType: () => "bool", kernel: () => kernel };
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
 * and returns whether a float result came out nan or ±inf (only the
 * arithmetic kernels look; the others return false), which is all the
 * warning check needs to know before it reads anything again.
 *
 * The kernel is chosen once per call, and each operation is a small
 * function of its own: the engine compiles each to a tight loop, where one
 * loop with a choice per element, or one function holding every loop,
 * runs several times slower.
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
  switch (kernel) {
    case KERNEL_ADD:
      return addLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_SUBTRACT:
      return subtractLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_MULTIPLY:
      return multiplyLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_DIVIDE:
      return divideLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_POWER:
      return powerLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_INTEGER_POWER:
      return integerPowerLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_LOGICAL_OR:
      return logicalOrLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_MAXIMUM:
      return maximumLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_MINIMUM:
      return minimumLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_GREATER:
      return greaterLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_GREATER_EQUAL:
      return greaterEqualLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_LESS:
      return lessLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_LESS_EQUAL:
      return lessEqualLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    case KERNEL_EQUAL:
      return equalLoop(out, at, left, l, leftStep, right, r, rightStep, count);
    default:
      return notEqualLoop(out, at, left, l, leftStep, right, r, rightStep, count);
  }
}

/** `x + y`; whether a result is nan or ±inf. */
function addLoop(
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
  // A nonzero `v - v` is how a nan or an infinity shows.
  let nonFinite = false;
  const end = at + count;
  if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
    for (let o = at; o < end; o++) {
      const value = left[o] + right[o];
      out[o] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  }
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const value = left[l] + right[r];
    out[o] = value;
    if (value - value !== 0) nonFinite = true;
  }
  return nonFinite;
}

/** `x - y`; whether a result is nan or ±inf. */
function subtractLoop(
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
  // A nonzero `v - v` is how a nan or an infinity shows.
  let nonFinite = false;
  const end = at + count;
  if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
    for (let o = at; o < end; o++) {
      const value = left[o] - right[o];
      out[o] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  }
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const value = left[l] - right[r];
    out[o] = value;
    if (value - value !== 0) nonFinite = true;
  }
  return nonFinite;
}

/** `x * y`; whether a result is nan or ±inf. */
function multiplyLoop(
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
  // A nonzero `v - v` is how a nan or an infinity shows.
  let nonFinite = false;
  const end = at + count;
  if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
    for (let o = at; o < end; o++) {
      const value = left[o] * right[o];
      out[o] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  }
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const value = left[l] * right[r];
    out[o] = value;
    if (value - value !== 0) nonFinite = true;
  }
  return nonFinite;
}

/** `x / y`; whether a result is nan or ±inf. */
function divideLoop(
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
  // A nonzero `v - v` is how a nan or an infinity shows.
  let nonFinite = false;
  const end = at + count;
  if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
    for (let o = at; o < end; o++) {
      const value = left[o] / right[o];
      out[o] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  }
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const value = left[l] / right[r];
    out[o] = value;
    if (value - value !== 0) nonFinite = true;
  }
  return nonFinite;
}

/**
 * `x ** y` for floats. Squaring is the exactly rounded x * x, which is also
 * what NumPy computes for arrays; other exponents use the general power.
 */
function powerLoop(
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
  let nonFinite = false;
  const end = at + count;
  for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
    const x = left[l];
    const y = right[r];
    const value = y === 2 ? x * x : y === 1 ? x : y === 0.5 ? Math.sqrt(x) : x ** y;
    out[o] = value;
    if (value - value !== 0) nonFinite = true;
  }
  return nonFinite;
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

/** `x || y` for bools (adding two bool arrays). */
function logicalOrLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x !== 0 || y !== 0 ? 1 : 0;
  }
  return false;
}

// NumPy's maximum and minimum propagate NaN, and between equal values (such
// as 0 and -0) return the second operand, like the x86 max/min instructions
// it uses.

/** The larger of `x` and `y`; NaN wins. */
function maximumLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x !== x ? x : x > y ? x : y;
  }
  return false;
}

/** The smaller of `x` and `y`; NaN wins. */
function minimumLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x !== x ? x : x < y ? x : y;
  }
  return false;
}

/** `x > y`. */
function greaterLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x > y ? 1 : 0;
  }
  return false;
}

/** `x >= y`. */
function greaterEqualLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x >= y ? 1 : 0;
  }
  return false;
}

/** `x < y`. */
function lessLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x < y ? 1 : 0;
  }
  return false;
}

/** `x <= y`. */
function lessEqualLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x <= y ? 1 : 0;
  }
  return false;
}

/** `x == y`. */
function equalLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x === y ? 1 : 0;
  }
  return false;
}

/** `x != y`. */
function notEqualLoop(
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
    const x = left[l];
    const y = right[r];
    out[o] = x !== y ? 1 : 0;
  }
  return false;
}

const SCALAR_SHAPE: Shape = [];

// Storage for scalar operands and a scalar result, reused: every call is
// done with them before it returns, and a fresh typed array, however small,
// costs about 0.6 us to make, more than the arithmetic of a small array.
const LEFT_SCALAR = new Float64Array(1);
const RIGHT_SCALAR = new Float64Array(1);
const SCALAR_RESULT = new Float64Array(1);

function scalarStorage(storage: Float64Array, value: number | boolean): Float64Array {
  storage[0] = Number(value);
  return storage;
}

function storageOf(operand: NDArray | number | boolean): [Float64Array, Shape] {
  if (operand instanceof NDArray) return [operand.data, operand.shape];
  return [scalarStorage(RIGHT_SCALAR, operand), SCALAR_SHAPE];
}

// Rows shorter than this are run as one flat pass over spread-out operands
// (below), for results of up to SPREAD_CAPACITY elements. A call per row
// costs about as much as 15 elements.
const SHORT_ROW = 16;
const SPREAD_CAPACITY = 4096;
const LEFT_SPREAD = new Float64Array(SPREAD_CAPACITY);
const RIGHT_SPREAD = new Float64Array(SPREAD_CAPACITY);

/** `rows` rows of `inner` elements of `from` (row and element steps given), laid out one after another in `into`. */
function spread(
  into: Float64Array,
  from: Float64Array,
  rows: number,
  rowStep: number,
  inner: number,
  innerStep: number,
): Float64Array {
  for (let row = 0, o = 0, start = 0; row < rows; row++, start += rowStep) {
    for (let j = 0, f = start; j < inner; j++, o++, f += innerStep) into[o] = from[f];
  }
  return into;
}

/**
 * Runs `kernel` over the broadcast of two operands into `out` (which has
 * the broadcast shape), and returns whether a float result came out nan or
 * ±inf. Same-shape and scalar operands take one flat pass. Otherwise
 * adjacent axes that both operands walk alike are merged first, so that
 * `(1000,1000) + (1000,)` becomes 1000 rows of one row each and a column
 * against a row becomes two axes; two axes run row by row, and more step
 * the outer ones with the odometer, once per row. No element allocates.
 */
function runBinary(
  kernel: Kernel,
  left: Float64Array,
  leftShape: Shape,
  right: Float64Array,
  rightShape: Shape,
  out: Float64Array,
  shape: Shape,
): boolean {
  const size = out.length;
  if (size === 0) return false;
  const leftFlat = left.length === size ? 1 : left.length === 1 ? 0 : -1;
  const rightFlat = right.length === size ? 1 : right.length === 1 ? 0 : -1;
  if (leftFlat >= 0 && rightFlat >= 0) {
    return combine(kernel, out, 0, left, 0, leftFlat, right, 0, rightFlat, size);
  }
  const leftStrides = broadcastStrides(leftShape, shape);
  const rightStrides = broadcastStrides(rightShape, shape);
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
  const inner = lengths[ndim - 1];
  const leftInner = leftSteps[ndim - 1];
  const rightInner = rightSteps[ndim - 1];
  if (ndim === 1) return combine(kernel, out, 0, left, 0, leftInner, right, 0, rightInner, inner);
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
      const leftSpread = leftRow === inner && leftInner === 1
        ? left
        : spread(LEFT_SPREAD, left, rows, leftRow, inner, leftInner);
      const rightSpread = rightRow === inner && rightInner === 1
        ? right
        : spread(RIGHT_SPREAD, right, rows, rightRow, inner, rightInner);
      return combine(kernel, out, 0, leftSpread, 0, 1, rightSpread, 0, 1, size);
    }
    for (let row = 0, start = 0, l = 0, r = 0; row < rows; row++) {
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
  let leftOffset = 0;
  let rightOffset = 0;
  for (let start = 0;; start += inner) {
    if (
      combine(
        kernel,
        out,
        start,
        left,
        leftOffset,
        leftInner,
        right,
        rightOffset,
        rightInner,
        inner,
      )
    ) {
      nonFinite = true;
    }
    const axis = advanceIndex(index, lengths, outer);
    if (axis < 0) return nonFinite;
    leftOffset += carryOffset(leftSteps, lengths, axis, outer);
    rightOffset += carryOffset(rightSteps, lengths, axis, outer);
  }
}

function applyBinary(
  operation: BinaryOperation,
  first: ArrayInput,
  second: ArrayInput,
): NDArray | number {
  const left = toOperand(first, operation.name);
  const right = toOperand(second, operation.name);
  const promoted = resultType(left, right);
  const dtype = operation.resultDType(promoted);
  const kernel = operation.kernel(dtype);
  const leftIsArray = left instanceof NDArray;
  const rightIsArray = right instanceof NDArray;
  const leftData = leftIsArray ? left.data : scalarStorage(LEFT_SCALAR, left);
  const rightData = rightIsArray ? right.data : scalarStorage(RIGHT_SCALAR, right);
  if (!leftIsArray && !rightIsArray) {
    const out = SCALAR_RESULT;
    const nonFinite = combine(kernel, out, 0, leftData, 0, 0, rightData, 0, 0, 1);
    if (nonFinite && dtype === "float64") warnAbout(operation, leftData, rightData, out);
    return out[0];
  }
  const leftShape = leftIsArray ? left.shape : SCALAR_SHAPE;
  const rightShape = rightIsArray ? right.shape : SCALAR_SHAPE;
  const shape = !rightIsArray || (leftIsArray && sameShape(leftShape, rightShape))
    ? leftShape
    : !leftIsArray
    ? rightShape
    : broadcastShapes([leftShape, rightShape], operation.name);
  // Every element is written below, so the fresh (zeroed) storage is never read.
  const out = new Float64Array(shapeSize(shape));
  const nonFinite = runBinary(kernel, leftData, leftShape, rightData, rightShape, out, shape);
  if (nonFinite && dtype === "float64") warnAbout(operation, leftData, rightData, out);
  // The constructor copies the shape, so the result never shares an operand's.
  return new NDArray(out, shape, dtype);
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

function applyComparison(
  operation: BinaryOperation,
  first: ArrayInput,
  second: ArrayInput,
): NDArray | boolean {
  const result = applyBinary(operation, first, second);
  return typeof result === "number" ? result === 1 : result;
}

/**
 * Writes `target (op) other` into `target`, broadcasting `other` to
 * `target`'s shape. Like NumPy's in-place operators it refuses results
 * that `target`'s dtype cannot hold under the same_kind rule.
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
  const [data, shape] = storageOf(operand);
  const merged = broadcastShapes([target.shape, shape], operation.name);
  if (!sameShape(merged, target.shape)) {
    throw new RangeError(
      `${operation.name}: non-broadcastable output operand with shape ${
        formatShape(target.shape)
      } doesn't match the broadcast shape ${formatShape(merged)}`,
    );
  }
  const kernel = operation.kernel(dtype);
  runBinary(kernel, target.data, target.shape, data, shape, target.data, target.shape);
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
/** Element-wise `a + b` with broadcasting. */
export function add(a: ArrayInput, b: ArrayInput): NDArray;
export function add(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise `a - b` with broadcasting. */
export function subtract(a: ArrayInput, b: ArrayInput): NDArray;
export function subtract(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise `a * b` with broadcasting. */
export function multiply(a: ArrayInput, b: ArrayInput): NDArray;
export function multiply(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise `a / b` with broadcasting. */
export function divide(a: ArrayInput, b: ArrayInput): NDArray;
export function divide(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise `a ** b` with broadcasting. */
export function power(a: ArrayInput, b: ArrayInput): NDArray;
export function power(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise larger value with broadcasting. */
export function maximum(a: ArrayInput, b: ArrayInput): NDArray;
export function maximum(a: ArrayInput, b: ArrayInput): NDArray | number {
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
/** Element-wise smaller value with broadcasting. */
export function minimum(a: ArrayInput, b: ArrayInput): NDArray;
export function minimum(a: ArrayInput, b: ArrayInput): NDArray | number {
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
export function greater(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a > b` with broadcasting. */
export function greater(a: ArrayInput, b: ArrayInput): NDArray;
export function greater(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
export function greaterEqual(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a >= b` with broadcasting. */
export function greaterEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function greaterEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
export function less(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a < b` with broadcasting. */
export function less(a: ArrayInput, b: ArrayInput): NDArray;
export function less(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
export function lessEqual(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a <= b` with broadcasting. */
export function lessEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function lessEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
export function equal(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a == b` with broadcasting. */
export function equal(a: ArrayInput, b: ArrayInput): NDArray;
export function equal(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
export function notEqual(a: number | boolean, b: number | boolean): boolean;
/** Element-wise `a != b` with broadcasting. */
export function notEqual(a: ArrayInput, b: ArrayInput): NDArray;
export function notEqual(a: ArrayInput, b: ArrayInput): NDArray | boolean {
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
  applyInPlace(DIVIDE, target, other);
}
