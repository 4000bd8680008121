/**
 * Arrays as NumPy prints them: `str(a)`, `repr(a)`, and an HTML table for
 * notebooks, with NumPy's default print options (precision 8, threshold 1000,
 * edge items 3, line width 75).
 *
 * @module
 */
import {
  type DecimalDigits,
  exponentText,
  floatRepr,
  roundToFraction,
  roundToSignificant,
  shortestDigits,
  signText,
  splitAtPoint,
} from "./float_digits.ts";
import { checkArgumentCount } from "./arguments.ts";

/**
 * An array as the printing code reads it: row-major `data`, its `shape`
 * and `dtype`. The library's `NDArray` is one; the text layer reads arrays
 * through this shape alone, so it depends on nothing of the array's code.
 * An object with a method under {@link PRINT_VIEW} is printed from the view
 * that method returns (an NDArray whose elements are not one after another
 * in memory copies them out once that way).
 *
 * @example
 * ```ts
 * import { type ArrayView, arrayToString } from "./print.ts";
 * const view: ArrayView = { data: new Float64Array([1, 2.5]), shape: [2], dtype: "float64", size: 2 };
 * arrayToString(view); // "[1.  2.5]"
 * ```
 */
export interface ArrayView {
  /** The elements in row-major order, every dtype stored as doubles. */
  readonly data: Float64Array;
  /** The length of each axis. */
  readonly shape: readonly number[];
  /** How the elements print: as floats, integers, or `True`/`False`. */
  readonly dtype: "float64" | "int64" | "bool";
  /** The number of elements, the product of the shape. */
  readonly size: number;
  /**
   * int64 elements as exact 64-bit integers, in row-major order, for values
   * past ±2**53 that no double holds; when given, `data` is not read.
   */
  readonly exact?: BigInt64Array;
}

/**
 * The key of the method an array may have to give the {@link ArrayView} it
 * prints from, when that differs from the array itself.
 *
 * @example
 * ```ts
 * import { arrayToString, PRINT_VIEW } from "./print.ts";
 * const big = {
 *   [PRINT_VIEW]: () => ({ data: new Float64Array(0), exact: BigInt64Array.of(2n ** 62n), shape: [1], dtype: "int64" as const, size: 1 }),
 *   data: new Float64Array(1), shape: [1], dtype: "int64" as const, size: 1,
 * };
 * arrayToString(big); // "[4611686018427387904]"
 * ```
 */
export const PRINT_VIEW: unique symbol = Symbol.for("nn-from-scratch.printView");

/** The view `a` prints from: its own, or the one its {@link PRINT_VIEW} method gives. */
function printed(a: ArrayView): ArrayView {
  const method = (a as { [PRINT_VIEW]?: () => ArrayView })[PRINT_VIEW];
  return typeof method === "function" ? method.call(a) : a;
}

/** Reads element `i` (row-major) of a view as a number, or as a bigint for exact int64 values. */
type Element = (i: number) => number | bigint;

function elementReader(a: ArrayView): Element {
  const { exact, data } = a;
  return exact !== undefined ? (i) => exact[i] : (i) => data[i];
}

/** Digits after the point (positional) or after the first digit (scientific). */
const PRECISION = 8;
/** Arrays with more elements than this print only their corners. */
const THRESHOLD = 1000;
/** How many leading and trailing items a summarised axis keeps. */
const EDGE_ITEMS = 3;
/** The width lines wrap at. */
const LINE_WIDTH = 75;

/**
 * The array as NumPy's `str(a)` (and `print(a)`) shows it.
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * import { arrayToString } from "./print.ts";
 * arrayToString(array([1, 2.5])); // "[1.  2.5]"
 * ```
 */
export function arrayToString(a: ArrayView): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "arrayToString");
  a = printed(a);
  if (a.shape.length === 0) return scalarToString(elementReader(a)(0), a.dtype);
  if (a.size === 0) return "[]";
  return formatNested(a, " ", "", LINE_WIDTH);
}

/**
 * The array as NumPy's `repr(a)` shows it: `array([1., 2.])`, with the shape
 * and dtype appended where the values alone would not tell them.
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * import { arrayRepr } from "./print.ts";
 * arrayRepr(array([true, false])); // "array([ True, False])"
 * arrayRepr(array([])); // "array([], dtype=float64)"
 * ```
 */
export function arrayRepr(a: ArrayView): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "arrayRepr");
  a = printed(a);
  const prefix = "array(";
  // The closing parenthesis must fit on the last line too.
  const body = a.size === 0 ? "[]" : formatNested(a, ", ", prefix, LINE_WIDTH - 1);
  const extras: string[] = [];
  const emptyButNotFlat = a.size === 0 && !(a.shape.length === 1 && a.shape[0] === 0);
  if (emptyButNotFlat || a.size > THRESHOLD) extras.push(`shape=${shapeToString(a.shape)}`);
  if (a.size === 0) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return `${prefix}${body})`;
  const head = `${prefix}${body},`;
  const tail = `${extras.join(", ")})`;
  const lastLineLength = head.length - (head.lastIndexOf("\n") + 1);
  const spacer = lastLineLength + tail.length + 1 > LINE_WIDTH
    ? "\n" + " ".repeat(prefix.length)
    : " ";
  return head + spacer + tail;
}

/**
 * The name notebooks use for NumPy's `repr(a)`: the same as {@linkcode arrayRepr}.
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * import { repr } from "./print.ts";
 * repr(array([1, 2], "int64")); // "array([1, 2])"
 * ```
 */
export function repr(a: ArrayView): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "repr");
  return arrayRepr(a);
}

/**
 * A compact HTML rendering for notebooks: a table of the values as `str`
 * shows them for 0-d, 1-D and 2-D arrays of at most 1000 elements, the text
 * of `str` otherwise; the shape and dtype go in a caption.
 *
 * @example
 * ```ts
 * import { array } from "../mod.ts";
 * import { arrayToHtml } from "./print.ts";
 * const html = arrayToHtml(array([1, 2]));
 * html.includes("<td>1.</td><td>2.</td>"); // true
 * ```
 */
export function arrayToHtml(a: ArrayView): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "arrayToHtml");
  a = printed(a);
  const caption = `<caption>${escapeHtml(`shape ${shapeToString(a.shape)}, ${a.dtype}`)}</caption>`;
  const style = "font-family: monospace; text-align: right; border-collapse: collapse";
  if (a.shape.length > 2 || a.size === 0 || a.size > THRESHOLD) {
    return `<table class="ndarray" style="${style}">${caption}` +
      `<tbody><tr><td style="text-align: left"><pre>${escapeHtml(arrayToString(a))}</pre>` +
      `</td></tr></tbody></table>`;
  }
  const element = elementReader(a);
  const values = Array.from({ length: a.size }, (_, i) => element(i));
  const format = elementFormatter(values, a.dtype, a.shape.length === 0);
  const columns = a.shape.length === 0 ? 1 : a.shape[a.shape.length - 1];
  const rows: string[] = [];
  for (let start = 0; start < a.size; start += columns) {
    const cells: string[] = [];
    for (let i = start; i < start + columns; i++) {
      cells.push(`<td>${escapeHtml(format(values[i]).trim())}</td>`);
    }
    rows.push(`<tr>${cells.join("")}</tr>`);
  }
  return `<table class="ndarray" style="${style}">${caption}<tbody>${
    rows.join("")
  }</tbody></table>`;
}

/** A 0-d array's str is its scalar's str, at full precision. */
function scalarToString(value: number | bigint, dtype: ArrayView["dtype"]): string {
  switch (dtype) {
    case "bool":
      return value ? "True" : "False";
    case "int64":
      return integerToString(value);
    case "float64":
      return floatRepr(Number(value));
  }
}

/**
 * A shape as Python prints NumPy's `a.shape`, a tuple: `()`, `(3,)`,
 * `(2, 3)`. (A JS array of lengths would print as a list, `[3]`.)
 *
 * @example
 * ```ts
 * import { array, print, shapeToString } from "../mod.ts";
 * print("shape:", shapeToString(array([1, 2, 3]).shape)); // shape: (3,)
 * shapeToString([2, 3]); // "(2, 3)"
 * ```
 */
export function shapeToString(shape: readonly number[]): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "shapeToString");
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

function integerToString(value: number | bigint): string {
  return typeof value === "bigint" || Number.isSafeInteger(value)
    ? String(value)
    : BigInt(value).toString();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// ---------------------------------------------------------------------------
// Nesting, wrapping and summarising.

/**
 * Brackets, separators and line breaks around the formatted elements.
 *
 * Each nested level indents its continuation lines one more space and gives
 * up one column to its closing bracket; rows wrap before an element (plus
 * its separator or bracket) would pass the width.
 */
function formatNested(a: ArrayView, separator: string, prefix: string, lineWidth: number): string {
  const { shape } = a;
  const data = elementReader(a);
  const ndim = shape.length;
  const summarise = a.size > THRESHOLD;
  const strides: number[] = new Array(ndim);
  for (let axis = ndim - 1, stride = 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  // The element widths come from the elements shown, as in NumPy.
  const shown = summarise
    ? cornerValues(data, shape, strides)
    : Array.from({ length: a.size }, (_, i) => data(i));
  const format = elementFormatter(shown, a.dtype, ndim === 0);
  const rowSeparator = separator.trimEnd();

  const visit = (axis: number, offset: number, indent: string, width: number): string => {
    if (axis === ndim) return format(data(offset));
    const indices = shownIndices(shape[axis], summarise);
    const inner = (i: number) =>
      visit(axis + 1, offset + i * strides[axis], indent + " ", width - 1);
    let text: string;
    if (axis === ndim - 1) {
      const wrapAt = width - Math.max(rowSeparator.length, 1);
      const lines: string[] = [];
      let line = indent;
      indices.forEach((i, n) => {
        const word = i < 0 ? "..." : inner(i);
        // A line holding only its indent stays: breaking it would not help.
        if (line.length + word.length > wrapAt && line.length > indent.length) {
          lines.push(line.trimEnd());
          line = indent;
        }
        line += word;
        if (n < indices.length - 1) line += separator;
      });
      lines.push(line);
      text = lines.join("\n");
    } else {
      const between = rowSeparator + "\n".repeat(ndim - axis - 1);
      text = indices.map((i) => indent + (i < 0 ? "..." : inner(i))).join(between);
    }
    return "[" + text.slice(indent.length) + "]";
  };

  return visit(0, 0, " " + " ".repeat(prefix.length), lineWidth);
}

/** The indices an axis shows, with -1 where a summary puts "...". */
function shownIndices(length: number, summarise: boolean): number[] {
  const indices: number[] = [];
  const skipped = summarise && length > 2 * EDGE_ITEMS;
  for (let i = 0; i < length; i++) {
    if (skipped && i === EDGE_ITEMS) {
      indices.push(-1);
      i = length - EDGE_ITEMS;
    }
    indices.push(i);
  }
  return indices;
}

/** The values a summarised print shows: the first and last items of every long axis. */
function cornerValues(
  data: Element,
  shape: readonly number[],
  strides: number[],
): (number | bigint)[] {
  const values: (number | bigint)[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === shape.length) {
      values.push(data(offset));
      return;
    }
    for (const i of shownIndices(shape[axis], true)) {
      if (i >= 0) walk(axis + 1, offset + i * strides[axis]);
    }
  };
  walk(0, 0);
  return values;
}

// ---------------------------------------------------------------------------
// Elements.

type Formatter = (value: number | bigint) => string;

/** One formatter for all the elements, so that they line up. */
function elementFormatter(
  values: ArrayLike<number | bigint>,
  dtype: ArrayView["dtype"],
  zeroDimensional: boolean,
): Formatter {
  switch (dtype) {
    case "bool": {
      // " True" is as wide as "False", except alone in a 0-d array.
      const trueText = zeroDimensional ? "True" : " True";
      return (value) => value ? trueText : "False";
    }
    case "int64":
      return integerFormatter(values);
    case "float64": {
      const format = floatFormatter(values as ArrayLike<number>);
      return (value) => format(Number(value));
    }
  }
}

function integerFormatter(values: ArrayLike<number | bigint>): Formatter {
  let width = 0;
  for (let i = 0; i < values.length; i++) {
    width = Math.max(width, integerToString(values[i]).length);
  }
  return (value) => integerToString(value).padStart(width);
}

/** A float split where NumPy lines floats up: sign and integer part, fraction, exponent. */
interface FloatParts {
  whole: string;
  fraction: string;
  exponent: number;
}

/**
 * NumPy's float layout for one array: scientific notation when the largest
 * magnitude reaches 1e8, the smallest non-zero one is below 1e-4, or they
 * are more than a factor 1000 apart; otherwise positional. Positional
 * elements keep their own digits and are padded to the widest integer and
 * fraction parts; scientific ones all show as many digits as the longest.
 */
function floatFormatter(values: ArrayLike<number>): (value: number) => string {
  let maxAbs = 0;
  let minAbs = Infinity;
  let finiteCount = 0;
  let hasNegativeInfinity = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isFinite(value)) {
      finiteCount++;
      const magnitude = Math.abs(value);
      if (magnitude !== 0) {
        maxAbs = Math.max(maxAbs, magnitude);
        minAbs = Math.min(minAbs, magnitude);
      }
    } else if (value === -Infinity) {
      hasNegativeInfinity = true;
    }
  }
  const scientific = minAbs !== Infinity &&
    (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
  const parts = scientific ? scientificParts : positionalParts;

  let padLeft = 0;
  let padRight = 0;
  let exponentDigits = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const { whole, fraction, exponent } = parts(values[i]);
    padLeft = Math.max(padLeft, whole.length);
    padRight = Math.max(padRight, fraction.length);
    exponentDigits = Math.max(exponentDigits, String(Math.abs(exponent)).length, 2);
  }
  // Scientific elements all show padRight fraction digits.
  const fractionDigits = padRight;
  if (scientific) padRight = exponentDigits + 2 + fractionDigits;
  if (finiteCount < values.length) {
    // nan and inf are right-aligned in the full width, which must hold them.
    const room = padRight + 1;
    padLeft = Math.max(padLeft, 3 - room, 3 + (hasNegativeInfinity ? 1 : 0) - room);
  }
  const fullWidth = padLeft + padRight + 1;

  return (value) => {
    if (!Number.isFinite(value)) {
      const text = Number.isNaN(value) ? "nan" : value < 0 ? "-inf" : "inf";
      return text.padStart(fullWidth);
    }
    let { whole, fraction, exponent } = parts(value);
    if (
      scientific && fraction.length < fractionDigits && value !== 0 && Math.abs(value) < MIN_NORMAL
    ) {
      // NumPy fills the digits past the shortest ones from the exact value:
      // zeros for a normal double, not for a subnormal (5e-324 is 4.94...e-324).
      ({ whole, fraction, exponent } = significantParts(value, fractionDigits + 1));
    }
    if (scientific) {
      const digits = `${whole.padStart(padLeft)}.${fraction.padEnd(fractionDigits, "0")}`;
      return digits + exponentText(exponent, exponentDigits);
    }
    return `${whole.padStart(padLeft)}.${fraction.padEnd(padRight)}`;
  };
}

/** Positional digits: the shortest unique ones, cut at PRECISION fraction digits. */
function positionalParts(value: number): FloatParts {
  let decimal = shortestDigits(value);
  if (decimal.digits.length - 1 - decimal.exponent > PRECISION) {
    decimal = roundToFraction(value, PRECISION);
  }
  const { whole, fraction } = splitAtPoint(decimal);
  return { whole: signText(value) + whole, fraction, exponent: 0 };
}

/** Scientific digits: the shortest unique ones, cut at PRECISION digits after the first. */
function scientificParts(value: number): FloatParts {
  const decimal: DecimalDigits = shortestDigits(value);
  if (decimal.digits.length - 1 > PRECISION) return significantParts(value, PRECISION + 1);
  const { digits, exponent } = decimal;
  return { whole: signText(value) + digits[0], fraction: digits.slice(1), exponent };
}

/** Scientific digits of the exact value, rounded to `count` significant digits. */
function significantParts(value: number, count: number): FloatParts {
  const { digits, exponent } = roundToSignificant(value, count);
  return { whole: signText(value) + digits[0], fraction: digits.slice(1), exponent };
}

/** The smallest positive normal double; below it, doubles lose precision. */
const MIN_NORMAL = 2.2250738585072014e-308;
