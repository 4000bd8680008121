/**
 * NumPy's floating-point warnings: an operation that turns finite inputs
 * into `nan` or `±inf` still returns them, as NumPy does, but says so on
 * standard error (`RuntimeWarning: divide by zero encountered in log`), so
 * that a NaN never arrives unannounced. Like Python's default warning
 * filter, each message is shown once per session.
 *
 * @module
 */

import { writeToCell } from "../jupyter/output.ts";

const shown = new Set<string>();

/** What went wrong, in NumPy's words. */
export type FloatingPointProblem = "divide by zero" | "overflow" | "invalid value";

/**
 * Checks `output` for `nan`/`±inf` that finite `inputs` cannot explain and
 * warns once per operation and problem. `infinity` names what an infinite
 * result means for this operation: "divide by zero" for `log` and
 * `divide`, "overflow" for `exp`, `multiply` and the like.
 *
 * @example
 * ```ts
 * import { checkFloatingPoint } from "./warnings.ts";
 * const input = new Float64Array([0]);
 * const output = input.map(Math.log);
 * checkFloatingPoint("log", [input], output, "divide by zero"); // warns once
 * ```
 */
export function checkFloatingPoint(
  operation: string,
  inputs: readonly Float64Array[],
  output: Float64Array,
  infinity: Exclude<FloatingPointProblem, "invalid value">,
): void {
  let sawNaN = false;
  let sawInfinity = false;
  for (let i = 0; i < output.length; i++) {
    const value = output[i];
    if (value - value !== 0) {
      if (value !== value) sawNaN = true;
      else sawInfinity = true;
    }
  }
  if (!sawNaN && !sawInfinity) return;
  // Non-finite inputs propagate without a warning, in NumPy as here.
  for (const input of inputs) {
    for (let i = 0; i < input.length; i++) {
      if (input[i] - input[i] !== 0) return;
    }
  }
  if (sawInfinity) warnOnce(operation, infinity);
  if (sawNaN) warnOnce(operation, "invalid value");
}

/**
 * Writes `RuntimeWarning: <problem> encountered in <operation>` to standard
 * error, the first time only.
 *
 * @example
 * ```ts
 * import { warnOnce } from "./warnings.ts";
 * warnOnce("sqrt", "invalid value");
 * ```
 */
export function warnOnce(operation: string, problem: FloatingPointProblem): void {
  warnRuntimeOnce(`${problem} encountered in ${operation}`);
}

/**
 * Writes `RuntimeWarning: <text>` to standard error, the first time only:
 * for NumPy's warnings that are worded otherwise, such as
 * `Mean of empty slice`.
 *
 * @example
 * ```ts
 * import { warnRuntimeOnce } from "./warnings.ts";
 * warnRuntimeOnce("Mean of empty slice");
 * ```
 */
export function warnRuntimeOnce(text: string): void {
  const message = `RuntimeWarning: ${text}`;
  if (shown.has(message)) return;
  shown.add(message);
  // Inside the notebook kernel, on the cell's stderr before the cell ends.
  if (!writeToCell("stderr", message + "\n")) console.warn(message);
}
