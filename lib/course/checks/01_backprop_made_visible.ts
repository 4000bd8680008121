/**
 * The checks of notebook 01, backprop made visible: the pass as functions, for a batch.
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
  checkRelu,
  close,
  copyOf,
  describe,
  EXACT,
  type ExerciseSpec,
  expectArray,
  expectNumber,
  fail,
  GRADIENT,
  mapArray,
  outerOf,
  plus,
  product,
  randomArray,
  relu,
  reluSlope,
  sameValues,
  sumOf,
  transposed,
} from "./_harness.ts";

/** Standard normal draws pushed at least `margin` away from 0 (no ReLU kink near them). */
function awayFromZero(rs: RandomState, shape: number[], margin = 0.1): NDArray {
  const out = randomArray(rs, shape);
  for (let i = 0; i < out.data.length; i++) {
    const v = out.data[i];
    out.data[i] = v >= 0 ? v + margin : v - margin;
  }
  return out;
}

/** z1 = X·W1 + b1, a1 = relu(z1), y = a1·W2 + b2, for a batch X (n, inputs). */
function denseForward(X: NDArray, W1: NDArray, b1: NDArray, W2: NDArray, b2: NDArray) {
  const z1 = plus(product(X, W1), b1);
  const a1 = mapArray(z1, relu);
  const out = plus(product(a1, W2), b2);
  return { z1, a1, out };
}

function meanSquare(yPred: NDArray, yTrue: NDArray): number {
  let s = 0;
  for (let i = 0; i < yPred.size; i++) s += (yPred.data[i] - yTrue.data[i]) ** 2;
  return s / yPred.size;
}

function case01(seed: number, n: number, inputs: number, hidden: number) {
  const rs = new RandomState(seed);
  const X = randomArray(rs, [n, inputs]);
  const W1 = randomArray(rs, [inputs, hidden]);
  const b1 = randomArray(rs, [hidden], 0.1);
  const W2 = randomArray(rs, [hidden, 1]);
  const b2 = randomArray(rs, [1], 0.1);
  return { X, W1, b1, W2, b2, y: randomArray(rs, [n, 1]) };
}

export const EXERCISES_01: ExerciseSpec[] = [
  {
    id: "01.relu",
    task: "return max(0, z) for every entry of z",
    needs: [],
    run: checkRelu("relu"),
  },
  {
    id: "01.forward",
    task:
      "return [z1, a1, y_pred] for the batch X: z1 = X·W1 + b1, a1 = relu(z1), y_pred = a1·W2 + b2",
    needs: ["01.relu"],
    run(answer) {
      const f = asFunction(answer, "forward");
      for (const [seed, n, inputs, hidden] of [[10, 1, 2, 2], [11, 5, 2, 3], [12, 4, 3, 6]]) {
        const c = case01(seed, n, inputs, hidden);
        const label = `forward(X, W1, b1, W2, b2) with X ${shapeToString(c.X.shape)}, W1 ${
          shapeToString(c.W1.shape)
        }`;
        const got = callPure(
          label,
          f,
          [c.X, c.W1, c.b1, c.W2, c.b2],
          ["X", "W1", "b1", "W2", "b2"],
        );
        if (!Array.isArray(got) || got.length !== 3) {
          fail(`${label} should return [z1, a1, y_pred], got ${describe(got)}`);
        }
        const ref = denseForward(c.X, c.W1, c.b1, c.W2, c.b2);
        expectArray(
          got[0],
          ref.z1,
          `z1 of ${label}`,
          "z1 is X times W1 (matrix product), plus b1 on every row.",
          EXACT,
          (g) =>
            sameValues(g, product(c.X, c.W1), EXACT)
              ? "b1 is missing: z1 = X·W1 + b1."
              : sameValues(g, ref.a1, EXACT)
              ? "That is a1: z1 is the value before the ReLU (did relu change z1 in place?)."
              : undefined,
        );
        expectArray(got[1], ref.a1, `a1 of ${label}`, "a1 is relu of z1.");
        expectArray(
          got[2],
          ref.out,
          `y_pred of ${label}`,
          "y_pred is a1 times W2, plus b2; the output has no activation.",
          EXACT,
          (g) =>
            sameValues(g, mapArray(ref.out, relu), EXACT)
              ? "The output has no activation: y_pred = a1·W2 + b2, negative values included."
              : sameValues(g, product(ref.a1, c.W2), EXACT)
              ? "b2 is missing: y_pred = a1·W2 + b2."
              : undefined,
        );
      }
      return "z1, a1 and y_pred right for batches of 1, 5 and 4 examples and other layer sizes, the inputs left unchanged";
    },
  },
  {
    id: "01.mean_squared_error",
    task: "return the mean of (y_pred − y_true)² over all entries, as a number",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "mean_squared_error");
      // the batch first: there the usual slips all give different numbers
      for (const [seed, n] of [[21, 6], [20, 1]]) {
        const rs = new RandomState(seed);
        const yPred = randomArray(rs, [n, 1]);
        const yTrue = randomArray(rs, [n, 1]);
        const label = `mean_squared_error(y_pred, y_true) for ${n} example${n > 1 ? "s" : ""}`;
        const got = callPure(label, f, [yPred, yTrue], ["y_pred", "y_true"]);
        const expected = meanSquare(yPred, yTrue);
        const meanDifference = sumOf(yPred.subtract(yTrue)) / n;
        expectNumber(
          got,
          expected,
          label,
          "Square each difference, then take the mean.",
          EXACT,
          (v) =>
            n > 1 && close(v, expected * n, EXACT)
              ? `That is the sum; the loss is the mean, over the ${n} examples.`
              : close(v, expected / 2, EXACT)
              ? "That is half the mean: this loss has no factor 1/2."
              : close(v, Math.sqrt(expected), EXACT)
              ? "That is the square root of the mean (RMSE): the loss is the mean itself."
              : close(v, meanDifference, EXACT)
              ? "The differences are not squared: square each one, then take the mean."
              : undefined,
        );
      }
      return "the mean squared error as a number, for one example and for a batch, the inputs left unchanged";
    },
  },
  {
    id: "01.output_blame",
    task: "return dLoss/dy_pred for the mean squared error, one entry per entry of y_pred",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "output_blame");
      for (const [seed, n] of [[30, 1], [31, 4]]) {
        const rs = new RandomState(seed);
        const yPred = randomArray(rs, [n, 1]);
        const yTrue = randomArray(rs, [n, 1]);
        const numeric = numericalGradient((p) => meanSquare(p, yTrue), copyOf(yPred));
        const label = `output_blame(y_pred, y_true) for ${n} example${n > 1 ? "s" : ""}`;
        const got = callPure(label, f, [yPred, yTrue], ["y_pred", "y_true"]);
        expectArray(
          got,
          numeric,
          label,
          "Differentiate the loss with respect to each prediction.",
          GRADIENT,
          (g) =>
            n > 1 && sameValues(g, mapArray(numeric, (v) => v * n))
              ? `Your blame is ${n} times too large: the loss is a mean over the ${n} examples, so each one's share is divided by ${n}.`
              : sameValues(g, mapArray(numeric, (v) => -v))
              ? "The sign is flipped: the loss grows when y_pred moves away from y_true."
              : sameValues(g, mapArray(numeric, (v) => v / 2))
              ? "Half as large as it should be: the derivative of (y_pred − y_true)² brings down a 2."
              : undefined,
        );
      }
      return "matches central differences of the loss, for one example and for a batch (the 1/n of the mean included), the inputs left unchanged";
    },
  },
  {
    id: "01.hidden_blame",
    task: "return dLoss/da1: the output blame d_out sent back through W2",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "hidden_blame");
      for (const [seed, n, hidden] of [[40, 1, 2], [41, 5, 3]]) {
        const rs = new RandomState(seed);
        const dOut = randomArray(rs, [n, 1]);
        const W2 = randomArray(rs, [hidden, 1]);
        const a1 = randomArray(rs, [n, hidden]);
        // the loss as a function of a1, whose gradient at the output is d_out
        const numeric = numericalGradient((a) => sumOf(product(a, W2).multiply(dOut)), copyOf(a1));
        const label = `hidden_blame(d_out, W2) with d_out ${shapeToString(dOut.shape)}, W2 ${
          shapeToString(W2.shape)
        }`;
        const got = callPure(label, f, [dOut, W2], ["d_out", "W2"]);
        expectArray(
          got,
          numeric,
          label,
          "Each hidden unit receives the output blame times the weight that joins it to the output; the result has a1's shape (n, hidden).",
          GRADIENT,
          (g) =>
            sameShape(g.shape, [hidden, n]) && hidden !== n
              ? "Rows and columns are swapped: one row per example and one column per hidden unit, (n, hidden)."
              : n > 1 && sameValues(g, mapArray(numeric, (v) => v / n))
              ? `Divided by ${n}: d_out already carries the mean's 1/n, so send it back through W2 as it is.`
              : sameValues(g, mapArray(numeric, (v) => -v))
              ? "The sign is flipped: the blame goes back through W2 unchanged in sign."
              : undefined,
        );
      }
      return "matches central differences, one row per example, one column per hidden unit, the inputs left unchanged";
    },
  },
  {
    id: "01.relu_gate",
    task: "return d_a1 where the unit was active (z1 > 0) and 0 elsewhere",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "relu_gate");
      const rs = new RandomState(50);
      const z1 = awayFromZero(rs, [4, 3]);
      const dA = randomArray(rs, [4, 3]);
      const numeric = numericalGradient((z) => sumOf(mapArray(z, relu).multiply(dA)), copyOf(z1));
      const label = "relu_gate(d_a1, z1) for shape (4, 3)";
      const got = callPure(label, f, [dA, z1], ["d_a1", "z1"]);
      expectArray(
        got,
        numeric,
        label,
        "A unit with z1 > 0 passes its blame on unchanged; any other unit passes on none.",
        GRADIENT,
        (g) =>
          sameValues(g, mapArray(z1, reluSlope))
            ? "That is only the gate (0s and 1s): multiply it by the blame d_a1."
            : sameValues(g, mapArray(dA, relu))
            ? "The gate looks at z1 (was the unit active?), not at the sign of the blame."
            : undefined,
      );
      const edge = arrayOf([0, 0.5], [1, 2]);
      const edgeBlame = arrayOf([2, 2], [1, 2]);
      const edgeLabel = "relu_gate(d_a1, z1) at z1 = [[0, 0.5]]";
      expectArray(
        callPure(edgeLabel, f, [edgeBlame, edge], ["d_a1", "z1"]),
        arrayOf([0, 2], [1, 2]),
        edgeLabel,
        "At exactly 0 a unit counts as off here (z1 > 0, not >=).",
      );
      return "passes blame only through active units (none at z1 = 0), matching central differences, the inputs left unchanged";
    },
  },
  {
    id: "01.weight_blame",
    task:
      "return dLoss/dW for a layer computing inputs·W, given the blame at its outputs (sum over the examples)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "weight_blame");
      for (const [seed, n, inputs, units] of [[60, 1, 2, 2], [61, 5, 3, 2], [62, 4, 2, 1]]) {
        const rs = new RandomState(seed);
        const inputsArray = randomArray(rs, [n, inputs]);
        const blame = randomArray(rs, [n, units]);
        const W = randomArray(rs, [inputs, units]);
        const numeric = numericalGradient(
          (w) => sumOf(product(inputsArray, w).multiply(blame)),
          copyOf(W),
        );
        const label = `weight_blame(inputs, blame) with inputs ${
          shapeToString(inputsArray.shape)
        }, blame ${shapeToString(blame.shape)}`;
        const got = callPure(label, f, [inputsArray, blame], ["inputs", "blame"]);
        const firstOnly = outerOf(
          arrayOf(Array.from(inputsArray.data.slice(0, inputs)), [inputs]),
          arrayOf(Array.from(blame.data.slice(0, units)), [units]),
        );
        expectArray(
          got,
          numeric,
          label,
          "Weight [i, j] joins input i to unit j: its blame is input i times unit j's blame, added up over the examples.",
          GRADIENT,
          (g) =>
            g.shape.length === 2 && g.shape[0] === units && g.shape[1] === inputs &&
              units !== inputs
              ? "Rows and columns are swapped: row i belongs to input i, column j to unit j (W's own shape)."
              : g.shape.length === 2 && sameValues(g, transposed(numeric))
              ? "Rows and columns are swapped: row i belongs to input i, column j to unit j."
              : n > 1 && sameValues(g, mapArray(numeric, (v) => v / n))
              ? `Divided by ${n}: the blame already carries the mean's 1/n, so add the examples' shares up.`
              : n > 1 && sameValues(g, firstOnly)
              ? "That is the first example's share alone: add up the shares of all the examples."
              : undefined,
        );
      }
      return "matches central differences, W's shape, summed over the examples, the inputs left unchanged";
    },
  },
  {
    id: "01.update",
    task: "subtract lr × grad from param, in place (return nothing)",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "update");
      const rs = new RandomState(70);
      const param = randomArray(rs, [2, 3]);
      const grad = randomArray(rs, [2, 3]);
      const before = copyOf(param);
      const gradBefore = copyOf(grad);
      attempt("update(param, grad, 0.1)", () => f(param as never, grad as never, 0.1 as never));
      const step = (rate: number) =>
        new NDArray(before.data.map((v, i) => v - rate * gradBefore.data[i]), [2, 3]);
      expectArray(
        grad,
        gradBefore,
        "grad after the update",
        "The update must leave grad as it was: compute lr × grad as a new array.",
      );
      expectArray(
        param,
        step(0.1),
        "param after update(param, grad, 0.1)",
        sameValues(param, before, EXACT)
          ? "param did not change: change the array itself (subtractInPlace), do not make a new one."
          : sameValues(param, step(-0.1), EXACT)
          ? "That step goes along the gradient: subtract lr × grad."
          : sameValues(param, step(1), EXACT)
          ? "param moved by the whole gradient: multiply it by lr first."
          : "A step goes against the gradient: param minus lr times grad.",
      );
      return "param takes one step of size lr against grad, in place; grad untouched";
    },
  },
];
