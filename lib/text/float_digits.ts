/**
 * Decimal digits of doubles, exactly: the shortest digits that read back as
 * the same double, and correct rounding (half to even on exact ties) to a
 * number of fraction digits or of significant digits.
 *
 * Python's float formatting and NumPy's array printing both round the exact
 * binary value, and both break exact ties towards the even digit. JavaScript's
 * `toFixed` and `toExponential` round the exact value too but break ties away
 * from zero, so ties are settled here from the exact decimal expansion.
 *
 * @module
 */

/**
 * A non-negative decimal number `d₁.d₂d₃… × 10^exponent`.
 *
 * `digits` has no leading zeros and no trailing zeros; zero is `"0"` with
 * exponent 0.
 */
export interface DecimalDigits {
  /** The significant digits, first digit non-zero unless the value is zero. */
  digits: string;
  /** The power of ten of the first digit. */
  exponent: number;
}

const ZERO: DecimalDigits = { digits: "0", exponent: 0 };

/**
 * The shortest digits that read back as `Math.abs(x)`, the closest such
 * digits when several are equally short (what Python's `repr` and NumPy's
 * unique mode produce).
 *
 * @example
 * ```ts
 * import { shortestDigits } from "./float_digits.ts";
 * shortestDigits(0.1); // { digits: "1", exponent: -1 }
 * shortestDigits(-1250); // { digits: "125", exponent: 3 }
 * ```
 */
export function shortestDigits(x: number): DecimalDigits {
  assertFinite("shortestDigits", x);
  if (x === 0) return ZERO;
  // Without an argument, toExponential gives the shortest round-trip digits.
  const text = Math.abs(x).toExponential();
  const e = text.indexOf("e");
  const digits = text.slice(0, e).replace(".", "");
  return { digits, exponent: Number(text.slice(e + 1)) };
}

/**
 * Python's `repr` of a float (also its `str`, and NumPy's for a float64
 * scalar): the shortest round-trip digits, positional for decimal exponents
 * from -4 to 15 with at least one fraction digit, scientific otherwise.
 *
 * @example
 * ```ts
 * import { floatRepr } from "./float_digits.ts";
 * floatRepr(5); // "5.0"
 * floatRepr(1e-5); // "1e-05"
 * floatRepr(1e16); // "1e+16"
 * floatRepr(-0); // "-0.0"
 * ```
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x < 0 ? "-inf" : "inf";
  const sign = signText(x);
  const decimal = shortestDigits(x);
  const { digits, exponent } = decimal;
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}${exponentText(exponent)}`;
  }
  const { whole, fraction } = splitAtPoint(decimal);
  return `${sign}${whole}.${fraction || "0"}`;
}

/**
 * `"-"` for a negative number or negative zero, else `""`: the sign every
 * float layout here writes in front of the digits.
 *
 * @example
 * ```ts
 * import { signText } from "./float_digits.ts";
 * signText(-0); // "-"
 * signText(2); // ""
 * ```
 */
export function signText(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/**
 * Decimal digits split at the decimal point, every given digit kept:
 * `{ digits: "125", exponent: 0 }` is `1` and `25`; a negative exponent
 * gives a whole part of `0` and leading zeros in the fraction.
 *
 * @example
 * ```ts
 * import { splitAtPoint } from "./float_digits.ts";
 * splitAtPoint({ digits: "125", exponent: 0 }); // { whole: "1", fraction: "25" }
 * splitAtPoint({ digits: "5", exponent: -3 }); // { whole: "0", fraction: "005" }
 * splitAtPoint({ digits: "12", exponent: 3 }); // { whole: "1200", fraction: "" }
 * ```
 */
export function splitAtPoint({ digits, exponent }: DecimalDigits): {
  whole: string;
  fraction: string;
} {
  if (exponent < 0) return { whole: "0", fraction: "0".repeat(-exponent - 1) + digits };
  return {
    whole: digits.slice(0, exponent + 1).padEnd(exponent + 1, "0"),
    fraction: digits.slice(exponent + 1),
  };
}

/**
 * The exponent as Python and NumPy write it: `e`, its sign, and at least
 * `minDigits` digits (two unless given).
 *
 * @example
 * ```ts
 * import { exponentText } from "./float_digits.ts";
 * exponentText(-5); // "e-05"
 * exponentText(16); // "e+16"
 * exponentText(7, 3); // "e+007"
 * ```
 */
export function exponentText(exponent: number, minDigits = 2): string {
  return `e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(minDigits, "0")}`;
}

/**
 * `Math.abs(x)` rounded to `fractionDigits` digits after the decimal point,
 * exactly, half to even on exact ties.
 *
 * @example
 * ```ts
 * import { roundToFraction } from "./float_digits.ts";
 * roundToFraction(0.125, 2); // { digits: "12", exponent: -1 } (0.12)
 * roundToFraction(2.675, 2); // { digits: "267", exponent: 0 } (2.67)
 * ```
 */
export function roundToFraction(x: number, fractionDigits: number): DecimalDigits {
  assertFinite("roundToFraction", x);
  assertCount("roundToFraction", fractionDigits, 0);
  const magnitude = Math.abs(x);
  // toFixed rounds the exact value too, so it is right unless the value is a
  // tie, which shows as a final 5 one digit further (below 1e21 it is positional).
  if (
    magnitude < 1e21 && fractionDigits < 100 && !magnitude.toFixed(fractionDigits + 1).endsWith("5")
  ) {
    return parseDecimal(magnitude.toFixed(fractionDigits));
  }
  const exact = exactDigits(x);
  return roundDigits(exact, exact.exponent + 1 + fractionDigits);
}

/**
 * `Math.abs(x)` rounded to `significantDigits` significant digits, exactly,
 * half to even on exact ties.
 *
 * @example
 * ```ts
 * import { roundToSignificant } from "./float_digits.ts";
 * roundToSignificant(2.5e-17, 1); // { digits: "2", exponent: -17 }
 * roundToSignificant(999.5, 3); // { digits: "1", exponent: 3 }
 * ```
 */
export function roundToSignificant(x: number, significantDigits: number): DecimalDigits {
  assertFinite("roundToSignificant", x);
  assertCount("roundToSignificant", significantDigits, 1);
  const magnitude = Math.abs(x);
  // As in roundToFraction: toExponential is exact but for ties.
  if (significantDigits <= 100 && !/5e/.test(magnitude.toExponential(significantDigits))) {
    return parseDecimal(magnitude.toExponential(significantDigits - 1));
  }
  return roundDigits(exactDigits(x), significantDigits);
}

/**
 * The exact decimal expansion of `Math.abs(x)`: every double is an integer
 * times a power of two, hence a terminating decimal.
 *
 * @example
 * ```ts
 * import { exactDigits } from "./float_digits.ts";
 * exactDigits(0.1).digits.length; // 55
 * exactDigits(0.375); // { digits: "375", exponent: -1 }
 * ```
 */
export function exactDigits(x: number): DecimalDigits {
  assertFinite("exactDigits", x);
  if (x === 0) return ZERO;
  const { mantissa, exponent } = binaryParts(Math.abs(x));
  let integer: bigint;
  let fractionDigits: number;
  if (exponent >= 0) {
    integer = mantissa << BigInt(exponent);
    fractionDigits = 0;
  } else {
    // m / 2^k = m * 5^k / 10^k
    integer = mantissa * powerOfFive(-exponent);
    fractionDigits = -exponent;
  }
  const text = integer.toString();
  const digits = text.replace(/0+$/, "");
  return { digits, exponent: text.length - 1 - fractionDigits };
}

/** Reads the output of toFixed or toExponential for a non-negative number. */
function parseDecimal(text: string): DecimalDigits {
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const point = mantissa.indexOf(".");
  const wholeLength = point < 0 ? mantissa.length : point;
  const all = mantissa.replace(".", "");
  const leadingZeros = all.search(/[1-9]/);
  if (leadingZeros < 0) return ZERO;
  return {
    digits: all.slice(leadingZeros).replace(/0+$/, ""),
    exponent: wholeLength - 1 - leadingZeros + (e < 0 ? 0 : Number(text.slice(e + 1))),
  };
}

/**
 * A finite double as an exact integer times a power of two,
 * `mantissa * 2 ** exponent`, read from its bits: the mantissa carries the
 * sign (so -0 gives 0n) and the exponent is at least -1074.
 *
 * @example
 * ```ts
 * import { binaryParts } from "./float_digits.ts";
 * binaryParts(0.375); // { mantissa: 6755399441055744n, exponent: -54 }
 * binaryParts(-1); // { mantissa: -4503599627370496n, exponent: -52 }
 * ```
 */
export function binaryParts(x: number): { mantissa: bigint; exponent: number } {
  bitsView.setFloat64(0, x);
  const high = bitsView.getUint32(0);
  const low = bitsView.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  const magnitude = biased === 0 ? fraction : fraction | (1n << 52n);
  return {
    mantissa: high >>> 31 ? -magnitude : magnitude,
    exponent: biased === 0 ? -1074 : biased - 1075,
  };
}

const bitsView = new DataView(new ArrayBuffer(8));

const powersOfFive = new Map<number, bigint>();

function powerOfFive(k: number): bigint {
  let power = powersOfFive.get(k);
  if (power === undefined) {
    power = 5n ** BigInt(k);
    powersOfFive.set(k, power);
  }
  return power;
}

/** Keeps the first `keep` digits of an exact expansion, half to even. */
function roundDigits(exact: DecimalDigits, keep: number): DecimalDigits {
  const { digits, exponent } = exact;
  if (keep >= digits.length) return exact;
  if (keep < 0) return ZERO;
  const first = digits.charCodeAt(keep) - 48;
  const restNonZero = keep + 1 < digits.length; // digits has no trailing zeros
  const lastKeptOdd = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  const up = first > 5 || (first === 5 && (restNonZero || lastKeptOdd));
  let kept = digits.slice(0, keep);
  if (!up) {
    kept = kept.replace(/0+$/, "");
    return kept === "" ? ZERO : { digits: kept, exponent };
  }
  // Carry through trailing nines; an all-nines prefix becomes a power of ten.
  const lastNotNine = kept.search(/[0-8]9*$/);
  if (lastNotNine < 0) return { digits: "1", exponent: exponent + 1 };
  const bumped = String.fromCharCode(kept.charCodeAt(lastNotNine) + 1);
  return { digits: kept.slice(0, lastNotNine) + bumped, exponent };
}

function assertFinite(caller: string, x: number): void {
  if (!Number.isFinite(x)) {
    throw new RangeError(`${caller}: expected a finite number, got ${x}`);
  }
}

function assertCount(caller: string, count: number, minimum: number): void {
  if (!Number.isInteger(count) || count < minimum) {
    throw new RangeError(`${caller}: expected an integer >= ${minimum} digits, got ${count}`);
  }
}

/**
 * Reads the text Python's `float.hex()` writes (`0x1.8p+0`, `-0x0.0p+0`,
 * `inf`, `nan`) back as the exact double, like Python's `float.fromhex`.
 * Throws for text that is not a double exactly, rather than round it.
 *
 * @example
 * ```ts
 * import { fromHex } from "./float_digits.ts";
 * fromHex("0x1.8p+0"); // 1.5
 * fromHex("0x0.0000000000001p-1022"); // 5e-324
 * ```
 */
export function fromHex(text: string): number {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2].toLowerCase() === "nan") return NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  const match = /^([-+]?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?(?:p([-+]?\d+))?$/i.exec(text);
  if (match === null) throw new SyntaxError(`fromHex: not a hexadecimal float: '${text}'`);
  const [, sign, whole, fraction = "", power = "0"] = match;
  let mantissa = BigInt("0x" + whole + fraction);
  let exponent = Number(power) - 4 * fraction.length;
  // Trailing zero bits may carry the exponent up into range.
  while (mantissa !== 0n && (mantissa & 1n) === 0n && exponent < -1074) {
    mantissa >>= 1n;
    exponent++;
  }
  const magnitude = mantissa === 0n ? 0 : Number(mantissa) * 2 ** exponent;
  if (mantissa >= 1n << 53n || (mantissa !== 0n && exponent < -1074) || magnitude === Infinity) {
    throw new RangeError(`fromHex: '${text}' is not exactly a double`);
  }
  return sign === "-" ? -magnitude : magnitude;
}
