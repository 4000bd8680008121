// Fused multiply-add for JavaScript, which has no Math.fma: a * b + c with a
// single rounding. Matrix products use it because NumPy's BLAS accumulates
// each entry with the processor's fused multiply-add instruction, so plain
// `sum += a * b` (two roundings) would disagree with NumPy in the last bit.
// Not part of the public API.

import { binaryParts } from "../text/float_digits.ts";

const SPLITTER = 134217729; // 2^27 + 1, splits a double into two 26-bit halves.

// One scratch double viewed as two 32-bit words, to read and step its bits.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

// Beyond these magnitudes the error-free transformations below could
// overflow or lose bits to underflow; such inputs take the exact path.
const SMALLEST_SAFE_PRODUCT = 2 ** -900;
const LARGEST_SAFE_ADDEND = 2 ** 1020;

/**
 * `a * b + c` rounded once to the nearest double (ties to even), exactly as a
 * hardware FMA instruction computes it.
 *
 * The method is Boldo and Melquiond's: split the product into an exact sum
 * of two doubles, add `c` to the larger one exactly, add the two leftovers
 * rounding to odd, and round the final sum to nearest. Rounding to odd in
 * the middle step is what keeps the final rounding from happening twice.
 */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const product = a * b;
  // An exactly zero product, or NaN or infinity among the inputs: IEEE
  // arithmetic on the rounded product already gives the fused result...
  if (a === 0 || b === 0 || product !== product) return product + c;
  if (!Number.isFinite(c)) {
    // ...except an infinite addend with finite factors, whose exact product
    // is finite even where the rounded one overflows: the sum is the addend.
    return Number.isFinite(a) && Number.isFinite(b) ? c : product + c;
  }
  if (c === 0 && Number.isFinite(product)) return product;
  const absoluteProduct = product < 0 ? -product : product;
  const absoluteAddend = c < 0 ? -c : c;
  if (
    !(absoluteProduct >= SMALLEST_SAFE_PRODUCT && absoluteProduct <= LARGEST_SAFE_ADDEND &&
      absoluteAddend <= LARGEST_SAFE_ADDEND)
  ) {
    return exactFusedMultiplyAdd(a, b, c);
  }
  // a * b = product + productError exactly (Dekker's product).
  let split = SPLITTER * a;
  const aHigh = split - (split - a);
  const aLow = a - aHigh;
  split = SPLITTER * b;
  const bHigh = split - (split - b);
  const bLow = b - bHigh;
  const productError = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
  // product + c = sum + sumError exactly (Knuth's two-sum).
  const sum = product + c;
  const productPart = sum - c;
  const sumError = (product - productPart) + (c - (sum - productPart));
  // The leftovers, rounded to odd.
  let rest = sumError + productError;
  const restPart = rest - productError;
  const restError = (sumError - restPart) + (productError - (rest - restPart));
  if (restError !== 0) rest = roundedToOdd(rest, restError);
  const result = sum + rest;
  // A factor too large to split (the product itself being in range) turns
  // the split into NaN; only then does the exact path run.
  return result === result ? result : exactFusedMultiplyAdd(a, b, c);
}

/**
 * Turns `rest`, the nearest double to `rest + restError` (an inexact sum),
 * into the neighbour with an odd last bit: when rounding to nearest gave an
 * even one, it steps one unit toward the exact value. Kept out of line
 * because it is rarely needed and slows the common path when inlined.
 */
function roundedToOdd(rest: number, restError: number): number {
  scratch[0] = rest;
  if ((words[LOW] & 1) === 1) return rest;
  if ((restError > 0) === (rest > 0)) {
    // Away from zero: the magnitude's bit pattern grows by one.
    words[LOW] = words[LOW] + 1;
    if (words[LOW] === 0) words[1 - LOW] = words[1 - LOW] + 1;
  } else {
    if (words[LOW] === 0) words[1 - LOW] = words[1 - LOW] - 1;
    words[LOW] = words[LOW] - 1;
  }
  return scratch[0];
}

/** A finite double as an exact integer mantissa times a power of two. */
function decompose(value: number): [bigint, number] {
  const { mantissa, exponent } = binaryParts(value);
  return [mantissa, exponent];
}

/** `value * 2^exponent` without intermediate overflow or underflow. */
function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let remaining = exponent;
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}

/** The slow but always exact path, for inputs near the ends of the double range. */
function exactFusedMultiplyAdd(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  const [aMantissa, aExponent] = decompose(a);
  const [bMantissa, bExponent] = decompose(b);
  const [cMantissa, cExponent] = decompose(c);
  const productExponent = aExponent + bExponent;
  const exponent = Math.min(productExponent, cExponent);
  const total = ((aMantissa * bMantissa) << BigInt(productExponent - exponent)) +
    (cMantissa << BigInt(cExponent - exponent));
  if (total === 0n) return (a * b) + c; // An exact zero takes IEEE's sign rules.
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const bits = magnitude.toString(2).length;
  // Keep 53 significant bits, or fewer where the result is subnormal.
  const shift = Math.max(bits - 53, -1074 - exponent);
  let kept: bigint;
  if (shift <= 0) {
    kept = magnitude;
  } else {
    kept = magnitude >> BigInt(shift);
    const remainder = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (remainder > half || (remainder === half && (kept & 1n) === 1n)) kept += 1n;
  }
  const result = scaleByPowerOfTwo(Number(kept), exponent + Math.max(shift, 0));
  return negative ? -result : result;
}
