/**
 * The checks of notebook 05, neural networks from scratch: the softmax classifier.
 *
 * @module
 */

import { sameShape } from "../../core/internals.ts";
import { NDArray } from "../../core/ndarray.ts";
import { RandomState } from "../../random/random_state.ts";
import { shapeToString } from "../../text/print.ts";
import { numericalGradient } from "../gradient_check.ts";
import {
  arrayOf,
  asFunction,
  attempt,
  callPure,
  checkReluSlope,
  cloneParams,
  close,
  copyOf,
  describe,
  ELEMENTWISE_INPUT,
  EXACT,
  type ExerciseSpec,
  expectArray,
  expectFloat64,
  expectNumber,
  expectPermutations,
  expectUnchanged,
  fail,
  firstDifference,
  GRADIENT,
  logistic,
  mapArray,
  plus,
  product,
  randomArray,
  relu,
  reluSlope,
  sameState,
  sameValues,
  sumOf,
  transposed,
} from "./_harness.ts";

/** Whether the row holding `x`'s largest entry came out right in `got` (a softmax of `x`). */
function topRowRight(x: NDArray, got: NDArray, expected: NDArray): boolean {
  const k = x.shape[1];
  let top = 0;
  for (let i = 1; i < x.size; i++) if (x.data[i] > x.data[top]) top = i;
  const row = Math.floor(top / k);
  for (let j = row * k; j < row * k + k; j++) {
    if (!close(got.data[j], expected.data[j], EXACT)) return false;
  }
  return true;
}

/** Rows of probabilities: e^(x - row max) over their row's sum. */
function softmaxRows(x: NDArray): NDArray {
  const [n, k] = x.shape;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let j = 0; j < k; j++) top = Math.max(top, x.data[i * k + j]);
    let total = 0;
    for (let j = 0; j < k; j++) total += out[i * k + j] = Math.exp(x.data[i * k + j] - top);
    for (let j = 0; j < k; j++) out[i * k + j] /= total;
  }
  return new NDArray(out, [n, k]);
}

/** Mean of -log(probability of the true class), one-hot labels Y. */
function crossEntropy(P: NDArray, Y: NDArray, eps = 0): number {
  const [n, k] = P.shape;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) if (Y.data[i * k + j] === 1) s -= Math.log(P.data[i * k + j] + eps);
  }
  return s / n;
}

type Net05 = Record<string, unknown> & {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
  cache: Record<string, NDArray>;
};

function case05(seed: number, n = 6, inputs = 2, hidden = 5, classes = 3) {
  const rs = new RandomState(seed);
  const weights = {
    W1: randomArray(rs, [inputs, hidden], 0.8),
    b1: randomArray(rs, [1, hidden], 0.1),
    W2: randomArray(rs, [hidden, classes], 0.8),
    b2: randomArray(rs, [1, classes], 0.1),
  };
  const X = randomArray(rs, [n, inputs]);
  const Y = new NDArray(new Float64Array(n * classes), [n, classes]);
  for (let i = 0; i < n; i++) Y.data[i * classes + ((i * 7 + seed) % classes)] = 1;
  return { weights, X, Y };
}

/**
 * The forward pass of a network with `layers` layers of weights W1, b1, …:
 * ReLU between layers, softmax at the end; every z and a kept by name.
 */
function forwardLayers(X: NDArray, w: Record<string, NDArray>, layers: number) {
  const cache: Record<string, NDArray> = { X };
  let a = X;
  for (let layer = 1; layer <= layers; layer++) {
    const z = plus(product(a, w[`W${layer}`]), w[`b${layer}`]);
    a = layer < layers ? mapArray(z, relu) : softmaxRows(z);
    cache[`z${layer}`] = z;
    cache[`a${layer}`] = a;
  }
  return cache;
}

function forward05(X: NDArray, w: { W1: NDArray; b1: NDArray; W2: NDArray; b2: NDArray }) {
  return forwardLayers(X, w, 2) as Record<"X" | "z1" | "a1" | "z2" | "a2", NDArray>;
}

/** A network object of the learner's class, made without its constructor (which would draw random numbers). */
function instanceOfNet(
  answer: unknown,
  weights: Record<string, NDArray>,
  className = "TwoLayerNet",
): Net05 {
  if (typeof answer !== "function" || typeof answer.prototype !== "object") {
    fail(`expected the class ${className}, got ${describe(answer)}`);
  }
  const net = Object.create(answer.prototype) as Net05;
  Object.assign(net, cloneParams(weights), { cache: {} });
  return net;
}

/** Each of `keys` in the learner's `this.cache` must equal the reference's. */
function expectCache(net: Net05, ref: Record<string, NDArray>, keys: string[], label: string) {
  for (const key of keys) {
    expectArray(
      net.cache?.[key],
      ref[key],
      `this.cache.${key} after ${label}`,
      "backward reads the forward pass's values from this.cache.",
    );
  }
}

/** `a` times `factor`, entry by entry. */
function scaled(a: NDArray, factor: number): NDArray {
  return mapArray(a, (v) => v * factor);
}

/**
 * The analytic gradients of the mean cross-entropy of the `layers`-layer
 * network of {@link forwardLayers}, worked out entry by entry; `gated(h)`
 * says whether the blame is gated by relu'(z_h) at hidden layer h.
 */
function backpropLayers(
  c: { weights: Record<string, NDArray>; X: NDArray; Y: NDArray },
  layers: number,
  gated: (hidden: number) => boolean = () => true,
): Record<string, NDArray> {
  const cache = forwardLayers(c.X, c.weights, layers);
  const m = c.X.shape[0];
  const top = cache[`a${layers}`];
  let dz = new NDArray(top.data.map((v, i) => v - c.Y.data[i]), [...top.shape]);
  const grads: Record<string, NDArray> = {};
  for (let layer = layers; layer >= 1; layer--) {
    const input = layer === 1 ? c.X : cache[`a${layer - 1}`];
    grads[`dW${layer}`] = scaled(product(transposed(input), dz), 1 / m);
    const [n, k] = dz.shape;
    const db = new NDArray(new Float64Array(k), [1, k]);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) db.data[j] += dz.data[i * k + j] / m;
    grads[`db${layer}`] = db;
    if (layer > 1) {
      const blame = product(dz, transposed(c.weights[`W${layer}`]));
      const z = cache[`z${layer - 1}`];
      dz = gated(layer - 1)
        ? new NDArray(blame.data.map((v, i) => v * reluSlope(z.data[i])), [...blame.shape])
        : blame;
    }
  }
  return grads;
}

/**
 * Each gradient in `keys` (dW1, db1, …) of the learner's result must match
 * central differences of the mean cross-entropy of the `layers`-layer
 * network at the case's weights; the usual slips are named: m times too
 * large, rows and columns swapped, a bias gradient without keepdims, the
 * sign flipped, a ReLU gate left out.
 */
function expectGradients(
  grads: Record<string, unknown>,
  c: { weights: Record<string, NDArray>; X: NDArray; Y: NDArray },
  layers: number,
  keys: string[],
  hints: Record<string, string>,
  label: string,
) {
  const m = c.X.shape[0];
  const ungated = Array.from(
    { length: layers },
    (_, h) => backpropLayers(c, layers, (g) => g !== h),
  );
  for (const key of keys) {
    const name = key.slice(1);
    const numeric = numericalGradient(
      (w) =>
        crossEntropy(forwardLayers(c.X, { ...c.weights, [name]: w }, layers)[`a${layers}`], c.Y),
      copyOf(c.weights[name]),
    );
    expectArray(
      grads[key],
      numeric,
      `${key} of ${label}`,
      hints[key],
      GRADIENT,
      (g) => {
        if (!sameShape(g.shape, numeric.shape)) {
          if (
            g.shape.length === 2 && g.shape[0] === numeric.shape[1] &&
            g.shape[1] === numeric.shape[0]
          ) {
            return `Rows and columns are swapped: ${key} has ${name}'s shape ${
              shapeToString(numeric.shape)
            }.`;
          }
          if (g.size === numeric.size) {
            return `Sum over the examples with keepdims: true, so that ${key} keeps ${name}'s shape ${
              shapeToString(numeric.shape)
            }.`;
          }
          return undefined;
        }
        if (sameValues(g, scaled(numeric, m))) {
          return `${m} times too large: the loss is a mean over the ${m} examples, so divide by m.`;
        }
        if (sameValues(g, scaled(numeric, -1))) {
          return `The sign is flipped: the output's blame is dz${layers} = a${layers} − y_true.`;
        }
        for (let h = 1; h < layers; h++) {
          if (sameValues(g, ungated[h][key])) {
            return `The ReLU gate is missing: dz${h} is the blame from the layer above gated by relu'(z${h}), 0 where a unit was off.`;
          }
        }
        return undefined;
      },
    );
  }
}

function method05(net: Net05, name: string): (...args: never[]) => unknown {
  const m = net[name];
  if (typeof m !== "function") {
    fail(`${net.constructor?.name || "the class"} has no method ${name}`);
  }
  return (m as (...args: never[]) => unknown).bind(net);
}

type Weights3 = Record<"W1" | "b1" | "W2" | "b2" | "W3" | "b3", NDArray>;

/** A 2-5-4-classes network with n examples; labels as in case05. */
function case3(seed: number, n: number, classes: number) {
  const rs = new RandomState(seed);
  const weights: Weights3 = {
    W1: randomArray(rs, [2, 5], 0.9),
    b1: randomArray(rs, [1, 5], 0.2),
    W2: randomArray(rs, [5, 4], 0.7),
    b2: randomArray(rs, [1, 4], 0.2),
    W3: randomArray(rs, [4, classes], 0.7),
    b3: randomArray(rs, [1, classes], 0.1),
  };
  const X = randomArray(rs, [n, 2]);
  const Y = new NDArray(new Float64Array(n * classes), [n, classes]);
  for (let i = 0; i < n; i++) Y.data[i * classes + ((i * 5 + seed) % classes)] = 1;
  return { weights, X, Y };
}

function forward3(X: NDArray, w: Weights3) {
  return forwardLayers(X, w, 3) as Record<"X" | "z1" | "a1" | "z2" | "a2" | "z3" | "a3", NDArray>;
}

export const EXERCISES_05: ExerciseSpec[] = [
  {
    id: "05.relu_grad",
    task: "return 1 where x > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_grad"),
  },
  {
    id: "05.softmax",
    task:
      "return each row's probabilities: e^x over the row's sum of e^x, after subtracting the row's max",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "softmax");
      const cases: [string, NDArray][] = [
        ["a (4, 3) batch", randomArray(new RandomState(120), [4, 3], 2)],
        [
          "large scores [[1000, 1001], [-1000, -1002]]",
          arrayOf([1000, 1001, -1000, -1002], [2, 2]),
        ],
        ["a tie [[0, 0]]", arrayOf([0, 0], [1, 2])],
      ];
      for (const [name, x] of cases) {
        const label = `softmax(x) for ${name}`;
        const got = callPure(label, f, [x], ["x"]);
        const expected = softmaxRows(x);
        expectArray(
          got,
          expected,
          label,
          "Each row: e^(x − row max), divided by that row's sum.",
          EXACT,
          (g) => {
            if (!sameShape(g.shape, expected.shape)) return undefined;
            if (g.data.some((v) => !Number.isFinite(v))) {
              return topRowRight(x, g, expected)
                ? "A row far below the largest score came out 0 / 0: subtract each row's own max (axis 1, keepdims), not the whole array's."
                : "e^1000 overflows: subtract each row's max before exp (it leaves the result unchanged).";
            }
            const [n, k] = g.shape;
            for (let r = 0; r < n; r++) {
              let rowSum = 0;
              for (let j = 0; j < k; j++) rowSum += g.data[r * k + j];
              if (!close(rowSum, 1, EXACT)) {
                return "Each row must add up to 1: normalise by each row's sum (axis 1, keepdims), not over the whole array or a column.";
              }
            }
            return undefined;
          },
        );
      }
      return "rows of probabilities that add up to 1, stable for scores of ±1000 in rows far apart, x left unchanged";
    },
  },
  {
    id: "05.forward",
    task:
      "compute z1, a1, z2, a2 with this network's weights, keep { X, z1, a1, z2, a2 } in this.cache, return a2",
    needs: ["05.softmax"],
    run(answer) {
      for (const seed of [130, 131]) {
        const c = case05(seed, seed === 130 ? 6 : 1, 2, seed === 130 ? 5 : 4, seed === 130 ? 2 : 3);
        const net = instanceOfNet(answer, c.weights);
        const label = `net.forward(X) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.weights.W1.shape)
        }, W2 ${shapeToString(c.weights.W2.shape)}`;
        const got = callPure(label, method05(net, "forward"), [c.X], ["X"]);
        const ref = forward05(c.X, c.weights);
        const { W1, W2, b2 } = c.weights;
        expectArray(
          got,
          ref.a2,
          label,
          "a2 = softmax(a1 · W2 + b2), with a1 = relu(X · W1 + b1).",
          EXACT,
          (g) =>
            sameValues(g, softmaxRows(plus(product(ref.z1, W2), b2)), EXACT)
              ? "The ReLU is missing: a1 = relu(z1), and the second layer takes a1."
              : sameValues(g, softmaxRows(product(mapArray(product(c.X, W1), relu), W2)), EXACT)
              ? "The biases are missing: z1 = X · W1 + b1 and z2 = a1 · W2 + b2."
              : sameValues(g, mapArray(ref.z2, logistic), EXACT)
              ? "That is a sigmoid of z2: the output is softmax(z2), rows that add up to 1."
              : undefined,
        );
        expectCache(net, ref, ["z1", "a1", "z2", "a2"], label);
      }
      return "returns the softmax output and caches X, z1, a1, z2, a2, for 6 examples and for 1, X left unchanged";
    },
  },
  {
    id: "05.backward",
    task:
      "return { dW1, db1, dW2, db2 }, averaged over the m examples (softmax with cross-entropy gives dz2 = a2 − y_true)",
    needs: ["05.relu_grad"],
    run(answer) {
      for (const seed of [140, 141]) {
        const c = case05(seed, seed === 140 ? 6 : 3, 2, 5, seed === 140 ? 2 : 3);
        const net = instanceOfNet(answer, c.weights);
        net.cache = forward05(c.X, c.weights);
        const m = c.X.shape[0];
        const label = `net.backward(y_true) for ${m} examples and ${c.Y.shape[1]} classes`;
        const got = attempt(label, () => method05(net, "backward")(copyOf(c.Y) as never));
        if (!(got instanceof Object)) {
          fail(`${label} should return { dW1, db1, dW2, db2 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        expectGradients(
          grads,
          c,
          2,
          ["dW2", "db2", "dW1", "db1"],
          {
            dW2:
              "dW2 = a1ᵀ · dz2 / m, where dz2 = a2 − y_true is the softmax-with-cross-entropy gradient at z2.",
            db2: "db2: dz2 summed over the examples (axis 0, keepdims) and divided by m.",
            dW1: "dW1 = Xᵀ · dz1 / m, where dz1 = (dz2 · W2ᵀ) gated by relu'(z1).",
            db1: "db1: dz1 summed over the examples (axis 0, keepdims) and divided by m.",
          },
          label,
        );
      }
      return "dW1, db1, dW2, db2 match central differences of the mean cross-entropy, for 2 and 3 classes";
    },
  },
  {
    id: "05.compute_loss",
    task: "return the mean over the examples of −log(probability of the true class + 1e-8)",
    needs: [],
    run(answer) {
      for (const seed of [150, 151]) {
        const c = case05(seed, seed === 150 ? 6 : 4, 2, 4, 3);
        const P = forward05(c.X, c.weights).a2;
        const net = instanceOfNet(answer, c.weights);
        const m = c.X.shape[0];
        const label = `net.compute_loss(y_pred, y_true) for ${m} examples, 3 classes`;
        const got = callPure(label, method05(net, "compute_loss"), [P, c.Y], ["y_pred", "y_true"]);
        const expected = crossEntropy(P, c.Y, 1e-8);
        expectNumber(
          got,
          expected,
          label,
          "Pick each row's probability of its true class, take −log(p + 1e-8), then the mean.",
          EXACT,
          (v) =>
            close(v, -expected, EXACT)
              ? "The sign is flipped: −log of a probability is positive."
              : close(v, expected * m, EXACT)
              ? "That is the sum; take the mean over the examples."
              : close(v, expected / 3, EXACT)
              ? "Divided by m·classes: the mean is over the m examples, one −log p per row."
              : undefined,
        );
      }
      const P = arrayOf([0, 1, 0.5, 0.5], [2, 2]);
      const Y = arrayOf([1, 0, 0, 1], [2, 2]);
      const net = instanceOfNet(answer, case05(152).weights);
      const got = attempt(
        "net.compute_loss for a probability of exactly 0",
        () => method05(net, "compute_loss")(P as never, Y as never),
      );
      expectNumber(
        got,
        crossEntropy(P, Y, 1e-8),
        "the loss when the true class has probability 0",
        "Add 1e-8 inside the log so that it stays finite.",
      );
      return "the mean cross-entropy as a number, finite when the true class has probability 0, the inputs left unchanged";
    },
  },
  {
    id: "05.train_step",
    task: "subtract lr × each gradient from its parameter, in place",
    needs: [],
    run(answer) {
      const c = case05(160);
      const net = instanceOfNet(answer, c.weights);
      const objects = { W1: net.W1, b1: net.b1, W2: net.W2, b2: net.b2 };
      const rs = new RandomState(161);
      const grads = {
        dW1: randomArray(rs, [2, 5]),
        db1: randomArray(rs, [1, 5]),
        dW2: randomArray(rs, [5, 3]),
        db2: randomArray(rs, [1, 3]),
      };
      // the check's own forward, loss and backward: only the update is being checked
      Object.assign(net, {
        forward: (X: NDArray) => forward05(X, c.weights).a2,
        compute_loss: () => 0.625,
        backward: () => grads,
      });
      const label = "net.train_step(X, y, 0.5)";
      const got = attempt(
        label,
        () => method05(net, "train_step")(copyOf(c.X) as never, copyOf(c.Y) as never, 0.5 as never),
      );
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        if (net[name] !== objects[name]) {
          fail(`this.${name} was replaced by a new array: update it in place (subtractInPlace).`);
        }
        const g = grads[`d${name}`];
        const step = (rate: number) =>
          new NDArray(c.weights[name].data.map((v, i) => v - rate * g.data[i]), [...g.shape]);
        expectArray(
          net[name],
          step(0.5),
          `this.${name} after ${label}`,
          sameValues(net[name], c.weights[name], EXACT)
            ? `this.${name} did not change.`
            : sameValues(net[name], step(-0.5), EXACT)
            ? "That step goes along the gradient: subtract lr × each gradient."
            : sameValues(net[name], step(1), EXACT)
            ? "The parameter moved by its whole gradient: multiply it by lr first."
            : "Each parameter moves by lr times its gradient, against it.",
        );
      }
      expectNumber(
        got,
        0.625,
        `the value ${label} returns`,
        "train_step returns the loss of the forward pass.",
      );
      return "the four parameters step against their gradients by lr, in place, and the loss is returned";
    },
  },
  {
    id: "05.tanh_grad",
    task: "return the slope of tanh at x, entry by entry: 1 − tanh(x)²",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "tanh_grad");
      const rs = new RandomState(170);
      for (const z of [ELEMENTWISE_INPUT, randomArray(rs, [3, 4], 2)]) {
        const label = `tanh_grad(x) for x of shape ${shapeToString(z.shape)}`;
        const got = callPure(label, f, [z], ["x"]);
        const numeric = mapArray(z, (v) => (Math.tanh(v + 1e-6) - Math.tanh(v - 1e-6)) / 2e-6);
        expectArray(got, numeric, label, "", GRADIENT, (g) => {
          if (sameValues(g, mapArray(z, Math.tanh), EXACT)) {
            return "That is tanh itself; its slope is 1 − tanh(x)².";
          }
          if (sameValues(g, mapArray(z, (v) => 1 - v * v), GRADIENT)) {
            return "Square tanh(x), not x: the slope is 1 − tanh(x)².";
          }
          if (sameValues(g, mapArray(z, (v) => 1 - Math.tanh(v)), GRADIENT)) {
            return "tanh(x) is not squared: the slope is 1 − tanh(x)².";
          }
          return "The slope of tanh is 1 − tanh(x)²: 1 at 0, near 0 far from 0.";
        });
      }
      return "1 at 0, near 0 for large |x|, agreeing with central differences, x left unchanged";
    },
  },
  {
    id: "05.leaky_relu_grad",
    task: "return 1 where x > 0 and alpha elsewhere (alpha defaults to 0.01), as float64 numbers",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "leaky_relu_grad");
      const rs = new RandomState(171);
      const leak = (alpha: number) => (v: number) => (v > 0 ? 1 : alpha);
      for (
        const [z, alpha] of [[ELEMENTWISE_INPUT, undefined], [
          randomArray(rs, [2, 5]),
          0.2,
        ]] as const
      ) {
        const label = `leaky_relu_grad(x${
          alpha === undefined ? "" : `, ${alpha}`
        }) for x of shape ${shapeToString(z.shape)}`;
        const got = callPure(label, f, [z, alpha], ["x", "alpha"]);
        const expected = mapArray(z, leak(alpha ?? 0.01));
        expectArray(got, expected, label, "", EXACT, (g) => {
          if (!sameShape(g.shape, z.shape)) return undefined;
          if (sameValues(g, mapArray(z, reluSlope), EXACT)) {
            return "That is ReLU's slope: below 0 the leaky ReLU's slope is alpha, not 0.";
          }
          if (alpha !== undefined && sameValues(g, mapArray(z, leak(0.01)), EXACT)) {
            return `alpha is ${alpha} here: use the alpha passed in, not a fixed 0.01.`;
          }
          if (sameValues(g, mapArray(z, (v) => (v > 0 ? v : (alpha ?? 0.01) * v)), EXACT)) {
            return "That is the leaky ReLU itself; its slope is 1 above 0 and alpha elsewhere.";
          }
          const at = firstDifference(g, expected, EXACT);
          if (at >= 0 && z.data[at] === 0) {
            return "At exactly 0 take the slope as alpha: use x > 0.";
          }
          return "The leaky ReLU is x above 0 and alpha·x below: slope 1 above 0, alpha elsewhere.";
        });
        expectFloat64(got as NDArray, label);
      }
      return "slope 1 above 0 and alpha at 0 and below, with alpha 0.01 by default and 0.2 given, as float64 numbers, x left unchanged";
    },
  },
  {
    id: "05.mini_batches",
    task:
      "yield [X_batch, y_batch] pairs of batch_size rows (the last one may be shorter), in an order drawn by rs.permutation each epoch, each X row with its own y row",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "mini_batches");
      // rows that say which example they are: X[i] = [i + 0.25, 100 − i], y[i, j] = 1000 + 10·i + j
      const dataset = (n: number) => {
        const X = new NDArray(new Float64Array(n * 2), [n, 2]);
        const y = new NDArray(new Float64Array(n * 3), [n, 3]);
        for (let i = 0; i < n; i++) {
          X.data[2 * i] = i + 0.25;
          X.data[2 * i + 1] = 100 - i;
          for (let j = 0; j < 3; j++) y.data[3 * i + j] = 1000 + 10 * i + j;
        }
        return { X, y };
      };
      const cases: [number, number][] = [[23, 5], [16, 8], [23, 32], [7, 1]];
      for (const [n, size] of cases) {
        const { X, y } = dataset(n);
        const Xg = copyOf(X);
        const yg = copyOf(y);
        const rs = new RandomState(180 + n + size);
        const label = `mini_batches(X, y, ${size}, rs) for ${n} examples`;
        const orders: number[][] = [];
        const used: boolean[] = [];
        for (const epoch of [1, 2]) {
          const what = `${label}, epoch ${epoch}`;
          const state = rs.getState();
          const batches = attempt(what, () => {
            const out = f(Xg as never, yg as never, size as never, rs as never);
            if (out === null || typeof out !== "object" || !(Symbol.iterator in out)) {
              fail(`${what} should yield [X_batch, y_batch] pairs, got ${describe(out)}`);
            }
            return [...(out as Iterable<unknown>)];
          });
          used.push(!sameState(state, rs.getState()));
          const expectedSizes: number[] = [];
          for (let start = 0; start < n; start += size) {
            expectedSizes.push(Math.min(size, n - start));
          }
          const sizes = batches.map((b) =>
            Array.isArray(b) && b[0] instanceof NDArray ? b[0].shape[0] : NaN
          );
          batches.forEach((b, k) => {
            if (
              !Array.isArray(b) || b.length !== 2 || !(b[0] instanceof NDArray) ||
              !(b[1] instanceof NDArray)
            ) {
              fail(`${what}: batch ${k} should be a pair [X_batch, y_batch], got ${describe(b)}`);
            }
            if (b[0].shape.length !== 2 || b[0].shape[1] !== 2) {
              fail(
                `${what}: X_batch ${k} has shape ${
                  shapeToString(b[0].shape)
                }, expected (rows, 2). Take whole rows of X (axis 0).`,
              );
            }
            if (!sameShape(b[1].shape, [b[0].shape[0], 3])) {
              fail(
                `${what}: y_batch ${k} has shape ${shapeToString(b[1].shape)} next to X_batch ${
                  shapeToString(b[0].shape)
                }: take the same rows of y as of X.`,
              );
            }
          });
          if (sizes.join() !== expectedSizes.join()) {
            const hint = sizes.length < expectedSizes.length
              ? `The last ${n % size} examples are missing: keep the short batch at the end.`
              : `Batches of ${size} rows, and one shorter batch with whatever is left.`;
            fail(
              `${what} gave batches of ${sizes.join(", ") || "nothing"} rows, expected ${
                expectedSizes.join(", ")
              }. ${hint}`,
            );
          }
          const order: number[] = [];
          for (const [Xb, yb] of batches as [NDArray, NDArray][]) {
            for (let r = 0; r < Xb.shape[0]; r++) {
              const i = Math.round(Xb.data[2 * r] - 0.25);
              if (
                !(i >= 0 && i < n) || Xb.data[2 * r] !== i + 0.25 || Xb.data[2 * r + 1] !== 100 - i
              ) {
                fail(
                  `${what}: row ${order.length} of the batches is not a row of X. Take whole rows of X.`,
                );
              }
              for (let j = 0; j < 3; j++) {
                if (yb.data[3 * r + j] !== 1000 + 10 * i + j) {
                  fail(
                    `${what}: X row ${i} came with a y row that is not its own: shuffle X and y with the same order.`,
                  );
                }
              }
              order.push(i);
            }
          }
          const seen = new Array(n).fill(0);
          for (const i of order) seen[i]++;
          const twice = seen.findIndex((c) => c > 1);
          if (twice >= 0) {
            fail(
              `${what}: example ${twice} came ${
                seen[twice]
              } times in one epoch. Draw one permutation of 0…n−1 per epoch and cut it into batches, instead of drawing rows with replacement.`,
            );
          }
          if (!sameValues(Xg, X, EXACT) || !sameValues(yg, y, EXACT)) {
            fail(
              `${what} changed X or y: leave them as they are and take shuffled copies of rows.`,
            );
          }
          orders.push(order);
        }
        expectPermutations(orders, used, 180 + n + size, label);
      }
      return "every example exactly once per epoch, with its own label, in batches of the given size and a shorter last one, in the order rs.permutation draws, a new one each epoch; X and y left unchanged";
    },
  },
  {
    id: "05.l2_loss_and_grads",
    task:
      "return { loss, grads }: the network's cross-entropy plus (lam / 2)·(ΣW1² + ΣW2²), and backward's gradients with lam·W added to dW1 and dW2 (biases not penalised)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "l2_loss_and_grads");
      for (const [seed, lam, classes] of [[190, 0.1, 2], [191, 0.7, 3], [192, 0, 2]] as const) {
        const c = case05(seed, 6, 2, 4, classes);
        // biases well away from 0, so that penalising them shows
        for (const key of ["b1", "b2"] as const) {
          c.weights[key] = mapArray(c.weights[key], (v) => v + (v >= 0 ? 0.5 : -0.5));
        }
        type W = typeof c.weights;
        const dataLoss = (w: W) => crossEntropy(forward05(c.X, w).a2, c.Y, 1e-8);
        const squares = (w: W) =>
          sumOf(mapArray(w.W1, (v) => v * v)) + sumOf(mapArray(w.W2, (v) => v * v));
        const total = (w: W) => dataLoss(w) + (lam / 2) * squares(w);
        const numeric = (loss: (w: W) => number, name: keyof W) =>
          numericalGradient((v) => loss({ ...c.weights, [name]: v }), copyOf(c.weights[name]));
        // the check's own network: forward, loss and backward (by central differences) are not being checked
        const net = {
          ...cloneParams(c.weights),
          cache: {} as Record<string, NDArray>,
          forward(X: NDArray) {
            this.cache = forward05(X, this);
            return this.cache.a2;
          },
          compute_loss: (P: NDArray, Y: NDArray) => crossEntropy(P, Y, 1e-8),
          backward: () => ({
            dW1: numeric(dataLoss, "W1"),
            db1: numeric(dataLoss, "b1"),
            dW2: numeric(dataLoss, "W2"),
            db2: numeric(dataLoss, "b2"),
          }),
        };
        const label = `l2_loss_and_grads(net, X, y_true, ${lam}) for ${classes} classes`;
        const got = callPure(label, f, [net, c.X, c.Y, lam], ["net", "X", "y_true", "lam"]);
        for (const name of ["W1", "b1", "W2", "b2"] as const) {
          expectUnchanged(net[name], c.weights[name], label, `net.${name}`);
        }
        if (got === null || typeof got !== "object" || !("loss" in got) || !("grads" in got)) {
          fail(`${label} should return { loss, grads }, got ${describe(got)}`);
        }
        const { loss, grads } = got as { loss: unknown; grads: Record<string, unknown> };
        const expected = total(c.weights);
        let hint = "The loss is the cross-entropy plus (lam / 2)·(ΣW1² + ΣW2²).";
        if (typeof loss === "number" || loss instanceof NDArray) {
          const value = typeof loss === "number" ? loss : loss.data[0];
          const biases = sumOf(mapArray(c.weights.b1, (v) => v * v)) +
            sumOf(mapArray(c.weights.b2, (v) => v * v));
          if (close(value, expected + (lam / 2) * biases, EXACT)) {
            hint = "The biases are penalised too: the penalty is on W1 and W2 only.";
          } else if (close(value, dataLoss(c.weights) + lam * squares(c.weights), EXACT)) {
            hint = "The penalty is twice too large: (lam / 2)·Σw², whose slope is lam·w.";
          } else if (close(value, dataLoss(c.weights), EXACT)) {
            hint = "That is the cross-entropy alone: add (lam / 2)·(ΣW1² + ΣW2²).";
          }
        }
        expectNumber(loss, expected, `the loss of ${label}`, hint);
        if (grads === null || typeof grads !== "object") {
          fail(`grads of ${label} should be { dW1, db1, dW2, db2 }, got ${describe(grads)}`);
        }
        for (const key of ["dW1", "db1", "dW2", "db2"] as const) {
          const name = key.slice(1) as keyof W;
          const reference = numeric(total, name);
          const isBias = name === "b1" || name === "b2";
          expectArray(
            grads[key],
            reference,
            `${key} of ${label}`,
            isBias
              ? `The penalty leaves the biases alone: ${key} is backward's ${key} unchanged.`
              : `${key} is backward's ${key} plus lam·${name}.`,
            GRADIENT,
            (g) => {
              if (isBias && lam > 0) {
                const penalised = plus(reference, mapArray(c.weights[name], (v) => lam * v));
                if (sameValues(g, penalised)) {
                  return `lam·${name} was added to ${key}: biases are not penalised, so ${key} stays as backward gives it.`;
                }
              }
              if (!isBias && lam > 0) {
                const twice = new NDArray(
                  reference.data.map((v, i) => v + lam * c.weights[name].data[i]),
                  [...reference.shape],
                );
                if (sameValues(g, twice)) {
                  return `2·lam·${name} was added: the slope of (lam / 2)·Σw² is lam·w.`;
                }
                const bare = numeric(dataLoss, name);
                if (sameValues(g, bare)) {
                  return `That is backward's ${key} alone: add lam·${name}, the slope of the penalty.`;
                }
              }
              return undefined;
            },
          );
        }
      }
      return "the loss with (lam / 2)·(ΣW1² + ΣW2²) and all four gradients agree with central differences, biases not penalised, the network's weights left unchanged";
    },
  },
  {
    id: "05.three_layer_forward",
    task:
      "compute z1, a1 = relu(z1), z2, a2 = relu(z2), z3, a3 = softmax(z3) with this network's weights, keep { X, z1, a1, z2, a2, z3, a3 } in this.cache, return a3",
    needs: ["05.softmax"],
    run(answer) {
      for (const [seed, n, classes] of [[200, 6, 2], [201, 1, 3]] as const) {
        const c = case3(seed, n, classes);
        const net = instanceOfNet(answer, c.weights, "ThreeLayerNet");
        const label = `net.forward(X) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.weights.W1.shape)
        }, W2 ${shapeToString(c.weights.W2.shape)}, W3 ${shapeToString(c.weights.W3.shape)}`;
        const got = callPure(label, method05(net, "forward"), [c.X], ["X"]);
        const ref = forward3(c.X, c.weights);
        const { W3, b3 } = c.weights;
        expectArray(
          got,
          ref.a3,
          label,
          "a3 = softmax(a2 · W3 + b3), with a2 = relu(a1 · W2 + b2) and a1 = relu(X · W1 + b1).",
          EXACT,
          (g) =>
            sameValues(g, softmaxRows(plus(product(ref.z2, W3), b3)), EXACT)
              ? "The second ReLU is missing: a2 = relu(z2), and the third layer takes a2."
              : sameValues(g, mapArray(ref.z3, relu), EXACT)
              ? "The output is softmax(z3), not a ReLU: rows of probabilities."
              : undefined,
        );
        expectCache(net, ref, ["z1", "a1", "z2", "a2", "z3", "a3"], label);
      }
      return "returns the softmax output of three layers and caches X, z1, a1, z2, a2, z3, a3, for 6 examples and for 1, X left unchanged";
    },
  },
  {
    id: "05.three_layer_backward",
    task:
      "return { dW1, db1, dW2, db2, dW3, db3 }, averaged over the m examples: dz3 = a3 − y_true, then back through W3, relu'(z2), W2, relu'(z1)",
    needs: ["05.relu_grad"],
    run(answer) {
      for (const [seed, n, classes] of [[210, 6, 2], [211, 3, 3]] as const) {
        const c = case3(seed, n, classes);
        const net = instanceOfNet(answer, c.weights, "ThreeLayerNet");
        net.cache = forward3(c.X, c.weights);
        const label = `net.backward(y_true) for ${n} examples and ${classes} classes`;
        const got = attempt(label, () => method05(net, "backward")(copyOf(c.Y) as never));
        if (got === null || typeof got !== "object") {
          fail(`${label} should return { dW1, db1, dW2, db2, dW3, db3 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        const hints: Record<string, string> = {
          dW3: "dW3 = a2ᵀ · dz3 / m, with dz3 = a3 − y_true.",
          db3: "db3: dz3 summed over the examples (axis 0, keepdims) and divided by m.",
          dW2: "dW2 = a1ᵀ · dz2 / m, where dz2 = (dz3 · W3ᵀ) gated by relu'(z2).",
          db2: "db2: dz2 summed over the examples (axis 0, keepdims) and divided by m.",
          dW1: "dW1 = Xᵀ · dz1 / m, where dz1 = (dz2 · W2ᵀ) gated by relu'(z1).",
          db1: "db1: dz1 summed over the examples (axis 0, keepdims) and divided by m.",
        };
        expectGradients(
          grads,
          c,
          3,
          ["dW3", "db3", "dW2", "db2", "dW1", "db1"],
          hints,
          label,
        );
      }
      return "all six gradients match central differences of the mean cross-entropy, for 2 and 3 classes";
    },
  },
];
