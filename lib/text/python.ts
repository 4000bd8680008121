/**
 * Python's text for values: `str`, `repr`, `format` and `print`, so that
 * notebook output matches the exercises' character for character.
 *
 * Every JavaScript number stands for a Python float (the library computes in
 * float64), so `str(5)` is `"5.0"`; a `bigint` stands for a Python int.
 *
 * @module
 */
import {
  exponentText,
  floatRepr,
  roundToFraction,
  roundToSignificant,
  signText,
  splitAtPoint,
} from "./float_digits.ts";
import { arrayRepr, arrayToString, type ArrayView, PRINT_VIEW } from "./print.ts";
import { checkArgumentCount } from "./arguments.ts";
import { writeToCell } from "../jupyter/output.ts";

/**
 * Python's `str(value)`: a number prints as a float (`5.0`, `1e-05`, `nan`),
 * a bigint as an int, a string as itself, an array as NumPy prints it,
 * `true` as `True`, `null` and `undefined` as `None`, and JavaScript arrays
 * and plain objects as Python lists and dicts.
 *
 * @example
 * ```ts
 * import { str } from "./python.ts";
 * str(5); // "5.0"
 * str(1e-5); // "1e-05"
 * str(0.1 + 0.2); // "0.30000000000000004"
 * str([1, "a", null]); // "[1.0, 'a', None]"
 * ```
 */
export function str(value: unknown): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "str");
  if (typeof value === "string") return value;
  if (isNDArray(value)) return arrayToString(value);
  return repr(value);
}

/**
 * Python's `repr(value)`: like {@linkcode str}, but strings are quoted and
 * arrays show as `array([...])`.
 *
 * @example
 * ```ts
 * import { repr } from "./python.ts";
 * repr("it's"); // `"it's"`
 * repr({ loss: 0.5 }); // "{'loss': 0.5}"
 * ```
 */
export function repr(value: unknown): string {
  if (arguments.length > 1) checkArgumentCount(arguments, 1, "repr");
  return reprOf(value, new Set());
}

function reprOf(value: unknown, open: Set<unknown>): string {
  switch (typeof value) {
    case "number":
      return floatRepr(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "True" : "False";
    case "string":
      return stringRepr(value);
    case "undefined":
      return "None";
  }
  if (value === null) return "None";
  if (isNDArray(value)) return arrayRepr(value);
  const container = Array.isArray(value)
    ? "list"
    : value instanceof Map || isPlainObject(value)
    ? "dict"
    : value instanceof Set
    ? "set"
    : undefined;
  if (container === undefined) return String(value);
  // A container inside itself prints as Python marks recursion.
  if (open.has(value)) return container === "list" ? "[...]" : "{...}";
  open.add(value);
  try {
    const inner = (item: unknown) => reprOf(item, open);
    if (container === "list") return `[${(value as unknown[]).map(inner).join(", ")}]`;
    if (container === "set") {
      const items = [...(value as Set<unknown>)];
      return items.length === 0 ? "set()" : `{${items.map(inner).join(", ")}}`;
    }
    const entries = value instanceof Map ? [...value] : Object.entries(value as object);
    return `{${entries.map(([k, v]) => `${inner(k)}: ${inner(v)}`).join(", ")}}`;
  } finally {
    open.delete(value);
  }
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Recognises an array (the library's NDArray) by its fields, reading its
 * elements only when it has no {@link PRINT_VIEW} of them.
 */
function isNDArray(value: unknown): value is ArrayView {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<ArrayView> & { [PRINT_VIEW]?: unknown };
  if (!Array.isArray(candidate.shape) || typeof candidate.dtype !== "string") return false;
  return typeof candidate[PRINT_VIEW] === "function" || candidate.data instanceof Float64Array;
}

/** Python quotes with `'` unless the text holds `'` and no `"`, and escapes what does not print. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = "";
  for (const char of text) {
    if (char === "\\" || char === quote) body += "\\" + char;
    else if (char === "\n") body += "\\n";
    else if (char === "\r") body += "\\r";
    else if (char === "\t") body += "\\t";
    else if (char !== " " && NOT_PRINTABLE.test(char)) {
      body += escapeCodePoint(char.codePointAt(0)!);
    } else body += char;
  }
  return quote + body + quote;
}

const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function escapeCodePoint(code: number): string {
  const hex = code.toString(16);
  if (code < 0x100) return "\\x" + hex.padStart(2, "0");
  if (code < 0x10000) return "\\u" + hex.padStart(4, "0");
  return "\\U" + hex.padStart(8, "0");
}

// ---------------------------------------------------------------------------
// print

/**
 * Python's `print(*values)`: the values' {@linkcode str} joined by spaces,
 * written as one line.
 *
 * @example
 * ```ts
 * import { print } from "./python.ts";
 * print("loss:", 1.5625); // loss: 1.5625
 * print(`Epoch ${20} | Loss: ${0.5}`); // Epoch 20 | Loss: 0.5
 * ```
 */
export function print(...values: unknown[]): void {
  writeLine(values.map((value) => str(value)).join(" ") + "\n");
}

/**
 * The keyword arguments of Python's `print` that {@linkcode printWith} takes.
 *
 * @example
 * ```ts
 * import { type PrintOptions, printWith } from "./python.ts";
 * const options: PrintOptions = { sep: " | ", end: "\n\n" };
 * printWith(options, "epoch", 10); // epoch | 10.0, then a blank line
 * ```
 */
export interface PrintOptions {
  /** What goes between values; `" "` unless given. */
  sep?: string;
  /** What follows the last value; `"\n"` unless given. */
  end?: string;
}

/**
 * Python's `print(*values, sep=..., end=...)`.
 *
 * Like {@linkcode print}, it writes to the notebook cell inside Deno's
 * Jupyter kernel and to standard output elsewhere.
 *
 * @example
 * ```ts
 * import { printWith } from "./python.ts";
 * printWith({ sep: ", " }, 1, 2, 3); // 1.0, 2.0, 3.0
 * printWith({ end: "" }, "no newline");
 * ```
 */
export function printWith(options: PrintOptions, ...values: unknown[]): void {
  writeLine(values.map((value) => str(value)).join(options.sep ?? " ") + (options.end ?? "\n"));
}

/**
 * Writes printed text: to the current cell inside Deno's Jupyter kernel
 * (returning only once the kernel has sent it, so that it cannot land under
 * a later cell), else through the console, whose line buffering keeps it in
 * order with the program's own `console.log`.
 */
function writeLine(text: string): void {
  if (writeToCell("stdout", text)) return;
  if (text.endsWith("\n")) console.log(text.slice(0, -1));
  else Deno.stdout.writeSync(new TextEncoder().encode(text));
}

// ---------------------------------------------------------------------------
// format

/** A parsed format specification: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`. */
interface FormatSpec {
  text: string;
  fill: string;
  /** The alignment given, or "". */
  align: string;
  /** A leading 0 without a fill: pad numbers with zeros after the sign. */
  zeroPad: boolean;
  sign: string;
  coerceZero: boolean;
  alternate: boolean;
  width: number;
  grouping: string;
  precision: number | undefined;
  type: string;
}

const SPEC_PATTERN =
  /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

const FLOAT_TYPES = "eEfFgG%";
const INTEGER_TYPES = "bdoxX";

/**
 * Python's `format(value, spec)` (the `{value:spec}` of f-strings) for
 * numbers, bigints and strings.
 *
 * Numbers are floats: fixed (`f`), scientific (`e`), general (`g`), percent
 * (`%`) or none, all rounded from the exact binary value with ties to even.
 * Integer types (`d`, `b`, `o`, `x`, `X`) take bigints and integer-valued
 * numbers. Fill, alignment, sign, `z`, `#`, zero padding, width, `,` and `_`
 * grouping and precision behave as in Python. Throws for a spec Python would
 * reject, and for `c` and `n`.
 *
 * @example
 * ```ts
 * import { format } from "./python.ts";
 * format(0.69575, ".4f"); // "0.6958"
 * format(0.125, ".2f"); // "0.12"
 * format(1.01e-8, ".2e"); // "1.01e-08"
 * format(0.9619, ".2%"); // "96.19%"
 * format(7, "03d"); // "007"
 * format("small", "<10"); // "small     "
 * ```
 */
export function format(value: number | bigint | string, spec: string): string {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "format");
  const parsed = parseSpec(spec);
  if (typeof value === "string") return formatString(value, parsed);
  if (typeof value === "bigint") {
    return FLOAT_TYPES.includes(parsed.type) && parsed.type !== ""
      ? formatFloat(Number(value), parsed)
      : formatInteger(value, parsed);
  }
  if (typeof value === "number") {
    if (INTEGER_TYPES.includes(parsed.type) && parsed.type !== "") {
      if (!Number.isInteger(value)) {
        throw new RangeError(
          `format: spec '${spec}' needs an integer, got ${floatRepr(value)}`,
        );
      }
      return formatInteger(BigInt(value), parsed);
    }
    return formatFloat(value, parsed);
  }
  throw new TypeError(
    `format: expected a number, bigint or string, got ${typeof value} (spec '${spec}')`,
  );
}

function parseSpec(text: string): FormatSpec {
  const match = SPEC_PATTERN.exec(text);
  if (match === null) throw new RangeError(`format: invalid format spec '${text}'`);
  const [, fill, align, sign, z, alternate, zero, width, grouping, precision, type] = match;
  // A fill given first makes a following 0 part of the width.
  const zeroPad = zero !== undefined && fill === undefined;
  return {
    text,
    fill: fill ?? (zeroPad ? "0" : " "),
    align: align ?? "",
    zeroPad,
    sign: sign ?? "",
    coerceZero: z !== undefined,
    alternate: alternate !== undefined,
    width: width === undefined ? 0 : Number(width),
    grouping: grouping ?? "",
    precision: precision === undefined ? undefined : Number(precision),
    type: type ?? "",
  };
}

/** Numbers align right (after the sign when zero-padded), strings left, unless told. */
function alignmentOf(spec: FormatSpec, numeric: boolean): string {
  if (spec.align !== "") return spec.align;
  if (!numeric) return "<";
  return spec.zeroPad ? "=" : ">";
}

function formatString(value: string, spec: FormatSpec): string {
  const fail = (why: string) => {
    throw new RangeError(`format: spec '${spec.text}' does not apply to a string: ${why}`);
  };
  if (spec.type !== "" && spec.type !== "s") fail(`unknown format code '${spec.type}'`);
  if (spec.sign !== "") fail("sign not allowed");
  if (spec.coerceZero) fail("'z' not allowed");
  if (spec.alternate) fail("alternate form (#) not allowed");
  if (spec.grouping !== "") fail(`cannot specify '${spec.grouping}'`);
  const align = alignmentOf(spec, false);
  if (align === "=") fail("'=' alignment not allowed");
  const chars = [...value];
  const shown = spec.precision === undefined ? chars : chars.slice(0, spec.precision);
  return pad("", shown.join(""), shown.length, spec, align);
}

function formatInteger(value: bigint, spec: FormatSpec): string {
  const type = spec.type || "d";
  const fail = (why: string) => {
    throw new RangeError(`format: spec '${spec.text}' does not apply to an integer: ${why}`);
  };
  if (!INTEGER_TYPES.includes(type)) fail(`unknown format code '${type}'`);
  if (spec.precision !== undefined) fail("precision not allowed");
  if (spec.coerceZero) fail("'z' not allowed");
  if (spec.grouping === "," && type !== "d") fail(`cannot specify ',' with '${type}'`);
  const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[type]!;
  let digits = (value < 0n ? -value : value).toString(radix);
  if (type === "X") digits = digits.toUpperCase();
  const prefix = spec.alternate && type !== "d" ? "0" + type : "";
  const sign = signPrefix(value < 0n, spec);
  const groupSize = type === "d" ? 3 : 4;
  return padNumber(sign + prefix, digits, "", groupSize, spec);
}

function formatFloat(value: number, spec: FormatSpec): string {
  let type = spec.type;
  let precision = spec.precision;
  // No type: repr without a precision, else 'g' that keeps a ".0".
  const keepPointZero = type === "";
  if (type === "") type = precision === undefined ? "r" : "g";
  if (!("r" + FLOAT_TYPES).includes(type)) {
    throw new RangeError(
      `format: spec '${spec.text}' does not apply to a float: unknown format code '${type}'`,
    );
  }
  const percent = type === "%";
  if (percent) {
    // Python scales in floating point before rounding.
    value *= 100;
    type = "f";
  }
  precision ??= 6;
  const upper = type === "F" || type === "E" || type === "G";
  const magnitude = Math.abs(value);
  let body: string;
  if (Number.isNaN(value)) body = "nan";
  else if (!Number.isFinite(value)) body = "inf";
  else if (type === "r") {
    body = floatRepr(magnitude);
    // The alternate form always shows a point, also before an exponent.
    if (spec.alternate && !body.includes(".")) body = body.replace("e", ".e");
  } else if (type === "f" || type === "F") body = fixedText(magnitude, precision, spec.alternate);
  else if (type === "e" || type === "E") {
    body = scientificText(magnitude, precision, spec.alternate);
  } else body = generalText(magnitude, precision, spec.alternate, keepPointZero);
  if (upper) body = body.toUpperCase();
  let negative = signText(value) === "-";
  if (spec.coerceZero && !/[1-9]/.test(body.split(/[eE]/)[0])) negative = false;
  const split = /^\d*/.exec(body)![0].length;
  const rest = body.slice(split) + (percent ? "%" : "");
  return padNumber(signPrefix(negative, spec), body.slice(0, split), rest, 3, spec);
}

function signPrefix(negative: boolean, spec: FormatSpec): string {
  if (negative) return "-";
  return spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
}

/** Python's 'f': exactly `precision` fraction digits. */
function fixedText(magnitude: number, precision: number, alternate: boolean): string {
  const { whole, fraction } = splitAtPoint(roundToFraction(magnitude, precision));
  const point = precision > 0 || alternate ? "." : "";
  return whole + point + fraction.padEnd(precision, "0");
}

/** Python's 'e': one digit, `precision` fraction digits, a two-digit or longer exponent. */
function scientificText(magnitude: number, precision: number, alternate: boolean): string {
  const { digits, exponent } = roundToSignificant(magnitude, precision + 1);
  const point = precision > 0 || alternate ? "." : "";
  return digits[0] + point + digits.slice(1).padEnd(precision, "0") + exponentText(exponent);
}

/**
 * Python's 'g': `precision` significant digits, scientific when the exponent
 * is below -4 or reaches the precision, trailing zeros dropped unless `#`.
 * Without a type, the switch comes one exponent earlier and an integral
 * result keeps ".0".
 */
function generalText(
  magnitude: number,
  precision: number,
  alternate: boolean,
  keepPointZero: boolean,
): string {
  const significant = Math.max(precision, 1);
  const decimal = roundToSignificant(magnitude, significant);
  const digits = alternate ? decimal.digits.padEnd(significant, "0") : decimal.digits;
  const exponent = decimal.exponent;
  const limit = keepPointZero ? significant - 1 : significant;
  if (exponent < -4 || exponent >= limit) {
    const tail = digits.slice(1);
    const point = tail !== "" || alternate ? "." : "";
    return digits[0] + point + tail + exponentText(exponent);
  }
  const { whole, fraction } = splitAtPoint({ digits, exponent });
  if (fraction !== "" || alternate) return `${whole}.${fraction}`;
  return keepPointZero ? `${whole}.0` : whole;
}

/**
 * Lays out sign, integer digits and the rest (point, fraction, exponent,
 * percent) in the width, grouping the integer digits.
 */
function padNumber(
  sign: string,
  digits: string,
  rest: string,
  groupSize: number,
  spec: FormatSpec,
): string {
  const align = alignmentOf(spec, true);
  let grouped = group(digits, spec.grouping, groupSize, 0);
  if (align === "=" && spec.fill === "0" && spec.grouping !== "" && digits !== "") {
    // Zero padding is grouped like the digits it extends.
    grouped = group(digits, spec.grouping, groupSize, spec.width - sign.length - rest.length);
  }
  const body = grouped + rest;
  return pad(sign, body, body.length, spec, align);
}

/** Inserts a separator every `size` digits, zero-extending to at least `minWidth` characters. */
function group(digits: string, separator: string, size: number, minWidth: number): string {
  if (separator === "") return digits;
  let count = digits.length;
  while (count + Math.floor((count - 1) / size) < minWidth) count++;
  const padded = digits.padStart(count, "0");
  const groups: string[] = [];
  for (let end = padded.length; end > 0; end -= size) {
    groups.unshift(padded.slice(Math.max(0, end - size), end));
  }
  return groups.join(separator);
}

function pad(sign: string, body: string, bodyLength: number, spec: FormatSpec, align: string) {
  const missing = spec.width - sign.length - bodyLength;
  if (missing <= 0) return sign + body;
  const fill = (count: number) => spec.fill.repeat(count);
  switch (align) {
    case "<":
      return sign + body + fill(missing);
    case "^": {
      const left = Math.floor(missing / 2);
      return fill(left) + sign + body + fill(missing - left);
    }
    case "=":
      return sign + fill(missing) + body;
    default:
      return fill(missing) + sign + body;
  }
}
