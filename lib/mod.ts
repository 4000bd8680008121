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
export * from "./dtype.ts";
export * from "./creation.ts";
export * from "./broadcast.ts";
export * from "./elementwise.ts";
export * from "./ufuncs.ts";
export * from "./reduce.ts";
export * from "./linalg.ts";
export * from "./manipulation.ts";
export * from "./indexing.ts";
export * from "./logic.ts";
export { type AllCloseOptions, assertAllClose } from "./testing.ts";
export * as random from "./random.ts";
export type {
  NormalOptions,
  RandintOptions,
  RandomState,
  RandomStateSnapshot,
  Seed,
  Size,
  SizeOptions,
  UniformOptions,
} from "./random.ts";
export * as plot from "./plot.ts";
export { arrayRepr, arrayToHtml, arrayToString } from "./print.ts";
export { format, print, type PrintOptions, printWith, repr, str } from "./python.ts";
export * from "./datasets.ts";
export * from "./layers.ts";
export * from "./gradient_check.ts";
export * from "./network.ts";
