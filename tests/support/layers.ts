/**
 * Activations, their derivatives, softmax and losses: the pieces the
 * exercises' networks are built from, written as the exercises write them.
 *
 * @module
 */
import type { NDArray } from "../../lib/core/ndarray.ts";
import { add, divide, greater, maximum, multiply, subtract } from "../../lib/core/elementwise.ts";
import { clip, exp, log, negative } from "../../lib/core/ufuncs.ts";
import { max, mean, sum } from "../../lib/core/reduce.ts";
import { arange, toArray } from "../../lib/core/creation.ts";
import { checkFiniteNumber } from "../../lib/core/_util.ts";
import { formatShape, sameShape } from "../../lib/core/_shape.ts";

/**
 * ReLU, `max(0, z)`, element-wise.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { relu } from "./layers.ts";
 * console.log(String(relu(array([-1, 2])))); // [0. 2.]
 * ```
 */
export function relu(z: NDArray): NDArray {
  return maximum(0, z);
}

/**
 * The derivative of ReLU: 1 where `z > 0`, else 0 (float64).
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { reluDerivative } from "./layers.ts";
 * console.log(String(reluDerivative(array([-1, 2])))); // [0. 1.]
 * ```
 */
export function reluDerivative(z: NDArray): NDArray {
  return greater(toArray(z, "reluDerivative"), 0).astype("float64");
}

/**
 * The logistic sigmoid `1 / (1 + exp(−z))`, with `z` clipped to ±500 so
 * that `exp` cannot overflow.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { sigmoid } from "./layers.ts";
 * console.log(String(sigmoid(array([0])))); // [0.5]
 * ```
 */
export function sigmoid(z: NDArray): NDArray {
  return divide(1, add(1, exp(negative(clip(z, -500, 500)))));
}

/**
 * The derivative of the sigmoid, `s(z) · (1 − s(z))`.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { sigmoidDerivative } from "./layers.ts";
 * console.log(String(sigmoidDerivative(array([0])))); // [0.25]
 * ```
 */
export function sigmoidDerivative(z: NDArray): NDArray {
  const s = sigmoid(z);
  return multiply(s, subtract(1, s));
}

/**
 * Softmax over the last axis of a 2-D batch, shifted by each row's maximum
 * so that `exp` cannot overflow.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { softmax } from "./layers.ts";
 * console.log(String(softmax(array([[0, 0]])))); // [[0.5 0.5]]
 * ```
 */
export function softmax(z: NDArray): NDArray {
  z = toArray(z, "softmax");
  if (z.ndim !== 2) {
    throw new RangeError(
      `softmax: expected a 2-D batch (rows, classes), got shape ${formatShape(z.shape)}`,
    );
  }
  const shifted = exp(subtract(z, max(z, { axis: 1, keepdims: true })));
  return divide(shifted, sum(shifted, { axis: 1, keepdims: true }));
}

/**
 * Mean cross-entropy of predicted class probabilities against one-hot
 * targets: the mean of `−log(p[true class] + 1e-8)` over the rows.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { crossEntropy } from "./layers.ts";
 * const loss = crossEntropy(array([[0.9, 0.1]]), array([[1, 0]])); // ≈ 0.105
 * ```
 */
export function crossEntropy(probabilities: NDArray, oneHotTargets: NDArray): number {
  probabilities = toArray(probabilities, "crossEntropy");
  oneHotTargets = toArray(oneHotTargets, "crossEntropy");
  if (!sameShape(probabilities.shape, oneHotTargets.shape) || probabilities.ndim !== 2) {
    throw new RangeError(
      `crossEntropy: probabilities ${formatShape(probabilities.shape)} and targets ${
        formatShape(oneHotTargets.shape)
      } must be the same 2-D shape`,
    );
  }
  const rows = probabilities.shape[0];
  const picked = probabilities.pick(arange(rows), oneHotTargets.argmax({ axis: 1 }));
  return mean(negative(log(add(picked, 1e-8))));
}

/**
 * Mean binary cross-entropy (log loss) of probabilities `p` against 0/1
 * labels `y`, with `eps` keeping `log` away from zero.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { binaryCrossEntropy } from "./layers.ts";
 * const loss = binaryCrossEntropy(array([0.5]), array([1])); // ≈ log 2
 * ```
 */
export function binaryCrossEntropy(p: NDArray, y: NDArray, eps = 1e-8): number {
  p = toArray(p, "binaryCrossEntropy");
  y = toArray(y, "binaryCrossEntropy");
  checkSameShape(p, y, "binaryCrossEntropy", "probabilities", "labels");
  if (checkFiniteNumber(eps, "eps", "binaryCrossEntropy") < 0) {
    throw new RangeError(`binaryCrossEntropy: eps must not be negative, got ${eps}`);
  }
  return -mean(
    add(multiply(y, log(add(p, eps))), multiply(subtract(1, y), log(add(subtract(1, p), eps)))),
  );
}

/**
 * Mean squared error, `mean((prediction − target)²)`.
 *
 * @example
 * ```ts
 * import { array } from "../../lib/core/creation.ts";
 * import { meanSquaredError } from "./layers.ts";
 * console.log(meanSquaredError(array([2.25]), array([1]))); // 1.5625
 * ```
 */
export function meanSquaredError(prediction: NDArray, target: NDArray): number {
  prediction = toArray(prediction, "meanSquaredError");
  target = toArray(target, "meanSquaredError");
  checkSameShape(prediction, target, "meanSquaredError", "prediction", "target");
  return mean(subtract(prediction, target).power(2));
}

/**
 * A loss compares each prediction with its own target, so the two shapes
 * must agree: broadcasting a column `(m,1)` against a row `(m,)` would
 * quietly compare every prediction with every target.
 */
function checkSameShape(
  first: NDArray,
  second: NDArray,
  operation: string,
  firstName: string,
  secondName: string,
): void {
  if (sameShape(first.shape, second.shape)) return;
  throw new RangeError(
    `${operation}: ${firstName} ${formatShape(first.shape)} and ${secondName} ${
      formatShape(second.shape)
    } must have the same shape`,
  );
}
