/**
 * Neural networks from scratch: a NumPy-faithful ndarray library for Deno.
 *
 * Import it the way the exercises import NumPy:
 *
 * ```ts
 * import * as np from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./ndarray.ts";
export * as random from "./random.ts";
export * as plot from "./plot.ts";
export { arrayRepr, arrayToHtml, arrayToString } from "./print.ts";
export { format, print, type PrintOptions, printWith, repr, str } from "./python.ts";
