/**
 * What the library's WebAssembly modules (_matmul.ts, _exp.ts) share: their
 * bytes from the base64 text the build writes, and the check that the
 * module's relaxed multiply-add is fused on this processor.
 *
 * Not part of the public API.
 *
 * @module
 */

/** The bytes encoded by `base64`. */
export function bytesFromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Whether `madd(a, b, c)` rounds a * b + c once, as a fused multiply-add
 * does. WebAssembly's `relaxed_madd` is fused only where the processor has
 * the instruction. The classic case: (1 + 2^-30)(1 - 2^-30) - 1 is -2^-60
 * fused, and 0 when the product is rounded first.
 */
export function isFused(madd: (a: number, b: number, c: number) => number): boolean {
  return madd(1 + 2 ** -30, 1 - 2 ** -30, -1) === -(2 ** -60);
}
