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

/** Whether a loop's results are watched for nan and ±inf (for the warnings). */
export const WATCHED = true;

/**
 * The loop computing `value`, an expression in `x` and `y`; with `watched`,
 * it also says whether a result came out nan or ±inf (a nonzero `v - v`).
 *
 * @example
 * ```ts
 * import { makeLoop, WATCHED } from "./_loops.ts";
 * const add = makeLoop("x + y", WATCHED);
 * const out = new Float64Array(2);
 * add(out, 0, new Float64Array([1, 2]), 0, 1, new Float64Array([10]), 0, 0, 2); // out: 11, 12
 * ```
 */
export function makeLoop(value: string, watched = false): Loop {
  const store = watched ? "out[o] = v; if (v - v !== 0) nonFinite = true;" : "out[o] = v;";
  const body = `"use strict";
let nonFinite = false;
const end = at + count;
if (leftStep === 1 && rightStep === 1 && l === at && r === at) {
  for (let o = at; o < end; o++) { const x = left[o]; const y = right[o]; const v = ${value}; ${store} }
  return nonFinite;
}
for (let o = at; o < end; o++, l += leftStep, r += rightStep) {
  const x = left[l]; const y = right[r]; const v = ${value}; ${store}
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
