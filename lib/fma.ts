/**
 * Fused multiply-add, `a · b + c` with a single rounding, in software.
 *
 * JavaScript has no FMA instruction, but the BLAS library NumPy calls for
 * matrix products accumulates with one, so the library's matrix products
 * use this to agree with NumPy's to the last bit.
 *
 * The product is split exactly into two doubles (Dekker), the sum with `c`
 * exactly into two more (Knuth's two-sum), and the small parts are added
 * with rounding to odd before the final rounding to nearest, which makes the
 * double rounding harmless (Boldo and Melquiond, "Emulation of FMA and
 * correctly rounded sums: proved algorithms using rounding to odd", 2008).
 *
 * @module
 */

const SPLITTER = 134217729; // 2^27 + 1: splits a double into two 26-bit halves
const bits = new Float64Array(1);
const bitsView = new BigInt64Array(bits.buffer);

/** x rounded to odd: x itself when exact (`error` 0), else the odd neighbour toward the true value. */
function roundToOdd(x: number, error: number): number {
  if (error === 0 || !Number.isFinite(x)) return x;
  bits[0] = x;
  if ((bitsView[0] & 1n) === 1n) return x;
  // An even last bit with a nonzero error: step one unit toward the error.
  const awayFromZero = (error > 0) === (x > 0) || x === 0;
  if (x === 0) {
    return error > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  }
  bitsView[0] += awayFromZero ? 1n : -1n;
  return bits[0];
}

/**
 * `a · b + c` rounded once, as the hardware instruction computes it.
 * Exact for every finite input whose product and sum neither overflow nor
 * fall into the subnormal range; outside that it falls back to `a * b + c`.
 *
 * @example
 * ```ts
 * import { fma } from "./fma.ts";
 * const a = 1 + 2 ** -30;
 * console.log(fma(a, a, -1) === 2 ** -29 + 2 ** -60); // true (a * a - 1 loses the 2^-60)
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const product = a * b;
  if (
    !Number.isFinite(product) || !Number.isFinite(c) || product === 0 ||
    Math.abs(product) < 2 ** -960 || Math.abs(a) > 2 ** 995 || Math.abs(b) > 2 ** 995
  ) {
    return product + c;
  }
  // The product's rounding error, exactly (Veltkamp split, Dekker product).
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  const productError = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
  if (productError === 0) return product + c;
  // product + c = sum + sumError exactly (two-sum).
  const sum = product + c;
  const bVirtual = sum - product;
  const sumError = (product - (sum - bVirtual)) + (c - bVirtual);
  // The small parts, rounded to odd.
  const small = sumError + productError;
  const smallVirtual = small - sumError;
  const smallError = (sumError - (small - smallVirtual)) + (productError - smallVirtual);
  return sum + roundToOdd(small, smallError);
}
