/**
 * The checks of notebook 03, a simple network from scratch: the ReLU network and its first-layer gradient.
 *
 * @module
 */

import { NDArray } from "../../core/ndarray.ts";
import { shapeToString } from "../../text/print.ts";
import { numericalGradient } from "../gradient_check.ts";
import {
  arrayOf,
  asFunction,
  attempt,
  callPure,
  checkRelu,
  checkReluSlope,
  close,
  copyOf,
  describe,
  EXACT,
  type ExerciseSpec,
  expectArray,
  expectNumber,
  expectUnchanged,
  fail,
  GRADIENT,
  mapArray,
  outerOf,
  product,
  relu,
  reluSlope,
  sameValues,
  sumOf,
  transposed,
} from "./_harness.ts";

const X03 = arrayOf([2, 3], [2], "int64");
const W1_03 = arrayOf([-0.78, 0.13, 0.85, 0.23], [2, 2]);
const W2_03 = arrayOf([1.8, 0.4], [2]);

/** Cases of notebook 03's network: the notebook's own, a dead hidden unit, a prediction below the target. */
function cases03(): { name: string; x: NDArray; y: number; w1: NDArray; w2: NDArray }[] {
  return [
    { name: "the notebook's x, w1, w2", x: X03, y: 1, w1: W1_03, w2: W2_03 },
    {
      name: "a dead second hidden unit",
      x: arrayOf([1.5, -0.5], [2]),
      y: 2,
      w1: arrayOf([0.6, -0.9, 0.2, 0.8], [2, 2]),
      w2: arrayOf([0.7, -1.3], [2]),
    },
    {
      name: "a prediction below the target",
      x: arrayOf([0.5, 1.0], [2]),
      y: 3,
      w1: arrayOf([0.4, 1.1, 0.9, -0.2], [2, 2]),
      w2: arrayOf([-0.6, 1.5], [2]),
    },
  ];
}

function hidden03(x: NDArray, w1: NDArray) {
  const h = product(x.astype("float64").reshape(1, 2), w1).reshape(2);
  return { h, a: mapArray(h, relu) };
}

function predict03(x: NDArray, w1: NDArray, w2: NDArray): number {
  const { a } = hidden03(x, w1);
  return a.data[0] * w2.data[0] + a.data[1] * w2.data[1];
}

/** What the original exercise's backward puts in the first-layer gradient. */
function originalW1Gradient(x: NDArray, y: number, w1: NDArray, w2: NDArray): NDArray {
  const { a } = hidden03(x, w1);
  const error = predict03(x, w1, w2) - y;
  const w2Partials = mapArray(a, (v) => error * v);
  return outerOf(mapArray(w2Partials, reluSlope), x);
}

/** Says what a wrong first-layer gradient looks like, when it is one of the known mistakes. */
function diagnoseW1(
  got: NDArray,
  c: ReturnType<typeof cases03>[number],
  numeric: NDArray,
): string | undefined {
  if (sameValues(got, originalW1Gradient(c.x, c.y, c.w1, c.w2), EXACT)) {
    return "This is the original exercise's formula, outer(d_activation(w2_partials), x): it puts the " +
      "second layer's gradient through relu' (only 0s and 1s are left, whatever the error) where the " +
      "hidden blame belongs, and has x on the wrong side. See the numerical check above.";
  }
  if (sameValues(got, transposed(numeric))) {
    return "Rows and columns are swapped: row i belongs to input x[i], column j to hidden unit j.";
  }
  const { a } = hidden03(c.x, c.w1);
  const error = predict03(c.x, c.w1, c.w2) - c.y;
  if (sameValues(got, outerOf(c.x.astype("float64"), mapArray(c.w2, (v) => error * v)))) {
    return "The ReLU gate is missing: a hidden unit with h ≤ 0 passes no blame back.";
  }
  if (sameValues(got, outerOf(c.x.astype("float64"), mapArray(a, (v) => error * v)))) {
    return "That uses the hidden activation where w2 belongs: the blame reaching hidden unit j goes through w2[j].";
  }
  return undefined;
}

export const EXERCISES_03: ExerciseSpec[] = [
  {
    id: "03.activation",
    task: "return z where z > 0 and 0 elsewhere (ReLU)",
    needs: [],
    run: checkRelu("activation"),
  },
  {
    id: "03.d_activation",
    task: "return ReLU's slope: 1 where z > 0, else 0",
    needs: [],
    run: checkReluSlope("d_activation", false),
  },
  {
    id: "03.L",
    task: "return half the squared error, (y_hat − y)² / 2, entry by entry",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "L");
      for (
        const [yHat, y] of [[arrayOf([2.162], []), 1], [arrayOf([0.5, 1, -2], [3]), 1]] as [
          NDArray,
          number,
        ][]
      ) {
        const label = `L(y_hat, ${y}) for y_hat of shape ${shapeToString(yHat.shape)}`;
        const got = callPure(label, f, [yHat, y], ["y_hat", "y"]);
        const expected = mapArray(yHat, (v) => 0.5 * (v - y) ** 2);
        const hint = "Half of (y_hat − y) squared.";
        const twice = "Twice too large: L = (y_hat − y)² / 2, with the half.";
        if (yHat.shape.length === 0) {
          expectNumber(
            got,
            expected.data[0],
            label,
            hint,
            EXACT,
            (v) => close(v, 2 * expected.data[0], EXACT) ? twice : undefined,
          );
        } else {
          expectArray(
            got,
            expected,
            label,
            typeof got === "number" || (got instanceof NDArray && got.size === 1)
              ? "Entry by entry: one loss per prediction, not their mean or sum."
              : hint,
            EXACT,
            (g) => sameValues(g, mapArray(expected, (v) => 2 * v), EXACT) ? twice : undefined,
          );
        }
      }
      return "half the squared error, for a single prediction and entry by entry, y_hat left unchanged";
    },
  },
  {
    id: "03.d_L",
    task: "return dL/dy_hat for L = (y_hat − y)² / 2",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "d_L");
      const yHat = arrayOf([2.162, -0.3, 1], [3]);
      const y = 1;
      const numeric = numericalGradient(
        (p) => sumOf(mapArray(p, (v) => 0.5 * (v - y) ** 2)),
        copyOf(yHat),
      );
      const label = "d_L(y_hat, 1) for y_hat = [2.162, -0.3, 1]";
      const got = callPure(label, f, [yHat, y], ["y_hat", "y"]);
      expectArray(
        got,
        numeric,
        label,
        "The half cancels the 2 of the square.",
        GRADIENT,
        (g) =>
          sameValues(g, mapArray(numeric, (v) => 2 * v))
            ? "Twice too large: the loss has a factor 1/2 that cancels the 2 of the square."
            : sameValues(g, mapArray(numeric, (v) => -v))
            ? "The sign is flipped: d_L = y_hat − y, positive when the prediction is too high."
            : sameValues(g, mapArray(yHat, (v) => 0.5 * (v - y) ** 2))
            ? "That is L itself; its derivative is y_hat − y."
            : undefined,
      );
      return "matches central differences of L, 0 where y_hat = y, y_hat left unchanged";
    },
  },
  {
    id: "03.forward",
    task: "return the prediction: x times w1, through the activation, times w2",
    needs: ["03.activation"],
    run(answer) {
      const f = asFunction(answer, "forward");
      for (const c of cases03()) {
        const label = `forward(x, w1, w2) for ${c.name}`;
        const got = callPure(label, f, [c.x, c.w1, c.w2], ["x", "w1", "w2"]);
        const expected = predict03(c.x, c.w1, c.w2);
        const h = hidden03(c.x, c.w1).h;
        const linear = h.data[0] * c.w2.data[0] + h.data[1] * c.w2.data[1];
        const wrongSide = mapArray(product(c.w1, c.x.astype("float64").reshape(2, 1)), relu);
        expectNumber(
          got,
          expected,
          label,
          "h = x · w1 (matrix product), a = activation(h), then a · w2; no biases.",
          EXACT,
          (v) =>
            close(v, linear, EXACT)
              ? "The activation is missing: a = activation(x · w1), then a · w2."
              : expected < 0 && close(v, 0, EXACT)
              ? "The output has no activation: the prediction is a · w2 as it is, negative or not."
              : close(v, wrongSide.data[0] * c.w2.data[0] + wrongSide.data[1] * c.w2.data[1], EXACT)
              ? "That is w1 · x: the product is x · w1, with x on the left."
              : undefined,
        );
      }
      return "the prediction as a number (or 0-d array), with an active and a dead hidden unit and a negative prediction, the inputs left unchanged";
    },
  },
  {
    id: "03.w1_gradient",
    task: "return dL/dW1 from the chain rule: a 2×2 array whose row i belongs to input x[i]",
    needs: ["03.forward", "03.d_L", "03.d_activation"],
    run(answer) {
      const f = asFunction(answer, "chain_rule_w1_gradient");
      for (const c of cases03()) {
        const numeric = numericalGradient(
          (w) => 0.5 * (predict03(c.x, w, c.w2) - c.y) ** 2,
          copyOf(c.w1),
        );
        const label = `chain_rule_w1_gradient(x, y, w1, w2) for ${c.name}`;
        const got = callPure(label, f, [c.x, c.y, c.w1, c.w2], ["x", "y", "w1", "w2"]);
        expectArray(
          got,
          numeric,
          label,
          "Hidden unit j's blame is (y_hat − y) · w2[j] · relu'(h[j]); weight [i, j] gets x[i] times it.",
          GRADIENT,
          (g) => diagnoseW1(g, c, numeric),
        );
      }
      return "dL/dW1 matches central differences, with a dead unit and with the prediction below the target, the inputs left unchanged";
    },
  },
  {
    id: "03.backward_corrected",
    task:
      "compute w1_partials from the chain rule (as in chain_rule_w1_gradient) before the update lines",
    needs: ["03.activation", "03.d_L", "03.d_activation"],
    run(answer) {
      const f = asFunction(answer, "backward_corrected");
      const eta = 0.01;
      for (const c of cases03()) {
        const w1 = copyOf(c.w1);
        const w2 = copyOf(c.w2);
        const x = copyOf(c.x);
        const yHat = arrayOf([predict03(c.x, c.w1, c.w2)], []);
        const label = `backward_corrected(x, y, y_hat, w1, w2, ${eta}) for ${c.name}`;
        const got = attempt(
          label,
          () =>
            f(
              x as never,
              c.y as never,
              yHat as never,
              w1 as never,
              w2 as never,
              eta as never,
            ),
        );
        expectUnchanged(x, c.x, label, "x");
        if (!Array.isArray(got) || got.length !== 2) {
          fail(`${label} should return [w1, w2], got ${describe(got)}`);
        }
        const g1 = numericalGradient(
          (w) => 0.5 * (predict03(c.x, w, c.w2) - c.y) ** 2,
          copyOf(c.w1),
        );
        const g2 = numericalGradient(
          (w) => 0.5 * (predict03(c.x, c.w1, w) - c.y) ** 2,
          copyOf(c.w2),
        );
        const stepped = (w: NDArray, g: NDArray) =>
          new NDArray(w.data.map((v, i) => v - eta * g.data[i]), [...w.shape]);
        expectArray(
          got[0],
          stepped(c.w1, g1),
          `w1 after ${label}`,
          "w1 moves by eta times the chain-rule gradient of the first layer.",
          GRADIENT,
          (g) => {
            const implied = new NDArray(g.data.map((v, i) => (c.w1.data[i] - v) / eta), [
              ...g.shape,
            ]);
            if (sameValues(implied, mapArray(g1, (v) => eta * v))) {
              return "eta is applied twice: w1_partials is the gradient alone, and the update line after it multiplies by eta.";
            }
            return diagnoseW1(implied, c, g1);
          },
        );
        expectArray(
          got[1],
          stepped(c.w2, g2),
          `w2 after ${label}`,
          "w2's step is the same as in the original backward.",
          GRADIENT,
        );
      }
      return "one step moves w1 and w2 against their true gradients (central differences agree), x left unchanged";
    },
  },
];
