/**
 * A two-layer classifier (ReLU hidden layer, softmax output) trained by
 * full-batch gradient descent: the network of the last exercise, packaged
 * for reuse once its forward and backward passes have been written by hand.
 *
 * @module
 */
import type { NDArray } from "../../lib/core/ndarray.ts";
import { toArray, zeros } from "../../lib/core/creation.ts";
import { divide, multiply, subtract } from "../../lib/core/elementwise.ts";
import { sum } from "../../lib/core/reduce.ts";
import { crossEntropy, relu, reluDerivative, softmax } from "./layers.ts";
import { globalRandomState, RandomState } from "../../lib/random/random_state.ts";
import { checkFiniteNumber, describe } from "../../lib/core/_util.ts";
import { formatShape, sameShape } from "../../lib/core/_shape.ts";

/** The gradients of the loss with respect to each parameter. */
export interface Gradients {
  /** ∂loss/∂W1, shape (inputs, hidden). */
  dW1: NDArray;
  /** ∂loss/∂b1, shape (1, hidden). */
  db1: NDArray;
  /** ∂loss/∂W2, shape (hidden, outputs). */
  dW2: NDArray;
  /** ∂loss/∂b2, shape (1, outputs). */
  db2: NDArray;
}

/**
 * `X·W1 + b1 → ReLU → ·W2 + b2 → softmax`, with cross-entropy loss.
 * The weights are standard normal draws times `initStd` (from the global
 * stream, as `np.random.randn`, unless a `RandomState` is given), the
 * biases zeros: the same draws, in the same order, as the exercise's class.
 *
 * @example
 * ```ts
 * import { makeMoons, oneHot } from "../../lib/course/datasets.ts";
 * import { TwoLayerNet } from "./two_layer_net.ts";
 * import { RandomState } from "../../lib/random/random_state.ts";
 * const [X, y] = makeMoons({ nSamples: 100, noise: 0.1, randomState: 0 });
 * const net = new TwoLayerNet(2, 10, 2, 0.1, new RandomState(42));
 * for (let step = 0; step < 100; step++) net.trainStep(X, oneHot(y, 2), 0.5);
 * ```
 */
export class TwoLayerNet {
  /** First-layer weights, shape (inputs, hidden). */
  W1: NDArray;
  /** First-layer biases, shape (1, hidden). */
  b1: NDArray;
  /** Second-layer weights, shape (hidden, outputs). */
  W2: NDArray;
  /** Second-layer biases, shape (1, outputs). */
  b2: NDArray;
  #cache: { X: NDArray; z1: NDArray; a1: NDArray; a2: NDArray } | undefined;

  /** Draws the weights; see the class description. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    initStd = 0.01,
    randomState: RandomState = globalRandomState(),
  ) {
    const sizes = { inputSize, hiddenSize, outputSize };
    for (const [name, size] of Object.entries(sizes)) {
      if (!Number.isInteger(size) || size < 1) {
        throw new RangeError(
          `TwoLayerNet: ${name} must be a positive integer, got ${describe(size)}`,
        );
      }
    }
    checkFiniteNumber(initStd, "initStd", "TwoLayerNet");
    if (!(randomState instanceof RandomState)) {
      throw new TypeError(
        `TwoLayerNet: randomState must be a RandomState, got ${describe(randomState)}`,
      );
    }
    this.W1 = multiply(randomState.randn(inputSize, hiddenSize), initStd);
    this.b1 = zeros([1, hiddenSize]);
    this.W2 = multiply(randomState.randn(hiddenSize, outputSize), initStd);
    this.b2 = zeros([1, outputSize]);
  }

  /** Class probabilities for each row of `X`; remembers what `backward` needs. */
  forward(X: NDArray): NDArray {
    X = toArray(X, "TwoLayerNet.forward");
    const z1 = X.matmul(this.W1).add(this.b1);
    const a1 = relu(z1);
    const a2 = softmax(a1.matmul(this.W2).add(this.b2));
    this.#cache = { X, z1, a1, a2 };
    return a2;
  }

  /** Gradients of the mean cross-entropy for the last `forward` batch. */
  backward(oneHotTargets: NDArray): Gradients {
    if (this.#cache === undefined) {
      throw new Error("TwoLayerNet.backward: call forward first");
    }
    const { X, z1, a1, a2 } = this.#cache;
    oneHotTargets = toArray(oneHotTargets, "TwoLayerNet.backward");
    if (!sameShape(oneHotTargets.shape, a2.shape)) {
      throw new RangeError(
        `TwoLayerNet.backward: targets of shape ${formatShape(oneHotTargets.shape)} do not ` +
          `match the last forward output ${formatShape(a2.shape)}`,
      );
    }
    const m = oneHotTargets.shape[0];
    // Softmax and cross-entropy together have the gradient a2 − y at z2.
    const dz2 = subtract(a2, oneHotTargets);
    const dW2 = divide(a1.T.matmul(dz2), m);
    const db2 = divide(sum(dz2, { axis: 0, keepdims: true }), m);
    const dz1 = dz2.matmul(this.W2.T).multiply(reluDerivative(z1));
    const dW1 = divide(X.T.matmul(dz1), m);
    const db1 = divide(sum(dz1, { axis: 0, keepdims: true }), m);
    return { dW1, db1, dW2, db2 };
  }

  /** The mean cross-entropy of predictions against one-hot targets. */
  loss(probabilities: NDArray, oneHotTargets: NDArray): number {
    return crossEntropy(probabilities, oneHotTargets);
  }

  /** One step of gradient descent on a batch; returns the loss before the step. */
  trainStep(X: NDArray, oneHotTargets: NDArray, learningRate = 0.01): number {
    checkFiniteNumber(learningRate, "learningRate", "TwoLayerNet.trainStep");
    const loss = this.loss(this.forward(X), oneHotTargets);
    const gradients = this.backward(oneHotTargets);
    this.W1.subtractInPlace(multiply(learningRate, gradients.dW1));
    this.b1.subtractInPlace(multiply(learningRate, gradients.db1));
    this.W2.subtractInPlace(multiply(learningRate, gradients.dW2));
    this.b2.subtractInPlace(multiply(learningRate, gradients.db2));
    return loss;
  }

  /** The predicted class of each row of `X`. */
  predict(X: NDArray): NDArray {
    return this.forward(X).argmax({ axis: 1 });
  }
}
