/**
 * The element-wise loops, each made from one line of a table: its value
 * for x and y. Each becomes a function of its own, made once, so that the
 * engine compiles each to a tight loop of its own (one loop choosing its
 * operation per element runs several times slower).
 *
 * @module
 */

/**
 * out[at + i] = value(left[l + i·leftStep], right[r + i·rightStep]) for i
 * below count; returns whether a watched result came out nan or ±inf.
 */
export type Loop = (
  out: Float64Array,
  at: number,
  left: Float64Array,
  l: number,
  leftStep: number,
  right: Float64Array,
  r: number,
  rightStep: number,
  count: number,
) => boolean;

/** out[i] = value(from[i]) for i below out.length; whether a watched result came out nan or ±inf. */
export type UnaryLoop = (from: Float64Array, out: Float64Array) => boolean;

/** The watch for a result that is nan or ±inf: a nonzero `v - v`. */
export const NAN_OR_INFINITY = "v - v !== 0";
/** The watch for a result that is nan. */
export const NAN = "v !== v";

function store(watch: string | undefined): string {
  return watch === undefined ? "out[o] = v;" : `out[o] = v; if (${watch}) nonFinite = true;`;
}

/**
 * The loop computing `value`, an expression in `x` and `y`; with `watch`, a
 * condition on the result `v`, it says whether any result met it.
 *
 * @example
 * ```ts
 * import { makeLoop, NAN_OR_INFINITY } from "./_loops.ts";
 * const add = makeLoop("x + y", NAN_OR_INFINITY);
 * const out = new Float64Array(2);
 * add(out, 0, new Float64Array([1, 2]), 0, 1, new Float64Array([10]), 0, 0, 2); // out: 11, 12
 * ```
 */
export function makeLoop(value: string, watch?: string): Loop {
  const body = `"use strict";
let nonFinite = false;
const end = at + count;
if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
  for (let o = at; o < end; o++) { const x = left[o]; const y = right[o]; const v = ${value}; ${
    store(watch)
  } }
  return nonFinite;
}
for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
  const x = left[l]; const y = right[r]; const v = ${value}; ${store(watch)}
}
return nonFinite;`;
  return new Function(
    "out",
    "at",
    "left",
    "l",
    "leftStep",
    "right",
    "r",
    "rightStep",
    "count",
    body,
  ) as Loop;
}

/**
 * The loop computing `value`, an expression in `x`, over a whole array;
 * with `watch`, it says whether any result met it.
 *
 * @example
 * ```ts
 * import { makeUnaryLoop } from "./_loops.ts";
 * const negative = makeUnaryLoop("-x");
 * const out = new Float64Array(2);
 * negative(new Float64Array([1, -2]), out); // out: -1, 2
 * ```
 */
export function makeUnaryLoop(value: string, watch?: string): UnaryLoop {
  const body = `"use strict";
let nonFinite = false;
const count = out.length;
for (let o = 0; o < count; o++) { const x = from[o]; const v = ${value}; ${store(watch)} }
return nonFinite;`;
  return new Function("from", "out", body) as UnaryLoop;
}
