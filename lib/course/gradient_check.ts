/**
 * Numerical gradients by central differences, and the relative error used
 * to compare them with gradients from backpropagation.
 *
 * @module
 */
import { NDArray } from "../core/ndarray.ts";
import { toArray, zerosLike } from "../core/creation.ts";
import { ndindex } from "../core/indexing.ts";
import {
  checkArgumentCount,
  checkFiniteNumber,
  describe,
  formatShape,
  sameShape,
} from "../core/internals.ts";

/**
 * The gradient of `loss` with respect to `parameter`, one element at a
 * time: `(loss(w + ε) − loss(w − ε)) / 2ε`. The parameter is nudged in
 * place (so `loss` may read it through a closure or a network's fields)
 * and restored exactly afterwards. The error is O(ε²) plus round-off of
 * about (machine epsilon × loss) / ε.
 *
 * @example
 * ```ts
 * import { array } from "../core/creation.ts";
 * import { numericalGradient } from "./gradient_check.ts";
 * const w = array([1, 2, 3]);
 * const gradient = numericalGradient((p) => p.power(2).sum(), w); // ≈ 2w
 * ```
 */
export function numericalGradient(
  loss: (parameter: NDArray) => number,
  parameter: NDArray,
  epsilon = 1e-5,
): NDArray {
  if (arguments.length > 3) checkArgumentCount(arguments, 3, "numericalGradient");
  if (typeof loss !== "function") {
    throw new TypeError(`numericalGradient: loss must be a function, got ${describe(loss)}`);
  }
  if (!(parameter instanceof NDArray)) {
    // The parameter is nudged in place, so a copy made here would not be seen by the loss.
    throw new TypeError(
      `numericalGradient: the parameter must be an NDArray, got ${describe(parameter)}`,
    );
  }
  if (checkFiniteNumber(epsilon, "epsilon", "numericalGradient") <= 0) {
    throw new RangeError(`numericalGradient: epsilon must be positive, got ${epsilon}`);
  }
  if (parameter.dtype !== "float64") {
    throw new TypeError(
      `numericalGradient: the parameter must be float64 to be nudged by ${epsilon}, got ${parameter.dtype}`,
    );
  }
  if (!parameter.flags.writeable) {
    throw new TypeError("numericalGradient: the parameter is read-only, so it cannot be nudged");
  }
  const gradient = zerosLike(parameter);
  const slopes = gradient.data;
  // A contiguous parameter is nudged in its memory; a view element by element
  // where it lies, so that the nudge reaches the array it views.
  const contiguous = parameter.flags.cContiguous;
  const values = contiguous ? parameter.data : undefined;
  const nudge = (i: number, index: number[], value: number) =>
    values ? (values[i] = value) : parameter.set(index, value);
  let i = 0;
  for (const index of ndindex(parameter.shape)) {
    const original = values ? values[i] : parameter.get(index);
    nudge(i, index, original + epsilon);
    const lossPlus = loss(parameter);
    nudge(i, index, original - epsilon);
    const lossMinus = loss(parameter);
    nudge(i, index, original);
    if (typeof lossPlus !== "number" || typeof lossMinus !== "number") {
      throw new TypeError("numericalGradient: the loss function must return a number");
    }
    slopes[i++] = (lossPlus - lossMinus) / (2 * epsilon);
  }
  return gradient;
}

/**
 * How far apart two gradients are, relative to their size:
 * `‖a − b‖ / (‖a‖ + ‖b‖)`, and 0 when both are zero. Below about 1e-7 the
 * two agree to round-off; above 1e-3 one of them is wrong.
 *
 * @example
 * ```ts
 * import { array } from "../core/creation.ts";
 * import { relativeError } from "./gradient_check.ts";
 * console.log(relativeError(array([1, 2]), array([1, 2.000001]))); // ≈ 2e-7
 * ```
 */
export function relativeError(a: NDArray, b: NDArray): number {
  if (arguments.length > 2) checkArgumentCount(arguments, 2, "relativeError");
  a = toArray(a, "relativeError");
  b = toArray(b, "relativeError");
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(
      `relativeError: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} differ`,
    );
  }
  let difference = 0;
  let normA = 0;
  let normB = 0;
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < a.size; i++) {
    difference += (x[i] - y[i]) ** 2;
    normA += x[i] ** 2;
    normB += y[i] ** 2;
  }
  const scale = Math.sqrt(normA) + Math.sqrt(normB);
  return scale === 0 ? 0 : Math.sqrt(difference) / scale;
}
