/**
 * The checks of notebook 02, a tiny two-layer network: its building blocks.
 *
 * @module
 */

import type { NDArray } from "../../core/ndarray.ts";
import {
  arrayOf,
  asFunction,
  callPure,
  checkRelu,
  checkReluSlope,
  checkSigmoid,
  close,
  type ExerciseSpec,
  expectNumber,
} from "./_harness.ts";

export const EXERCISES_02: ExerciseSpec[] = [
  { id: "02.relu", task: "return max(0, z) entry by entry", needs: [], run: checkRelu("relu") },
  {
    id: "02.relu_derivative",
    task: "return 1 where z > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_derivative"),
  },
  {
    id: "02.sigmoid",
    task: "return 1 / (1 + e^(−z)) entry by entry",
    needs: [],
    run: checkSigmoid("sigmoid"),
  },
  {
    id: "02.compute_loss",
    task:
      "return the mean log loss of probabilities p against labels y, with eps = 1e-8 inside each log",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "compute_loss");
      const eps = 1e-8;
      // the mean log loss; `positive`/`negative` weigh the terms of the 1s and of the 0s
      const reference = (p: NDArray, y: NDArray, e = eps, positive = 1, negative = 1) => {
        let s = 0;
        for (let i = 0; i < p.size; i++) {
          const t = y.data[i];
          s -= positive * t * Math.log(p.data[i] + e) +
            negative * (1 - t) * Math.log(1 - p.data[i] + e);
        }
        return s / p.size;
      };
      const cases: [string, NDArray, NDArray][] = [
        [
          "4 examples",
          arrayOf([0.9, 0.2, 0.6, 0.35], [4, 1]),
          arrayOf([1, 0, 1, 0], [4, 1], "int64"),
        ],
        [
          "confident and right (p = 1 and 0)",
          arrayOf([1, 0], [2, 1]),
          arrayOf([1, 0], [2, 1], "int64"),
        ],
        [
          "confident and wrong (p = 0 for a 1)",
          arrayOf([0, 0.5], [2, 1]),
          arrayOf([1, 0], [2, 1], "int64"),
        ],
      ];
      const tolerance = { rtol: 1e-9, atol: 1e-9 };
      for (const [name, p, y] of cases) {
        const label = `compute_loss(p, y), ${name}`;
        const got = callPure(label, f, [p, y], ["p", "y"]);
        const expected = reference(p, y);
        expectNumber(
          got,
          expected,
          label,
          "For each example: −[y·log(p + eps) + (1 − y)·log(1 − p + eps)], then the mean.",
          tolerance,
          (v) =>
            !Number.isFinite(v)
              ? "A log of 0 is −∞: add eps inside each log, log(p + eps)."
              : close(v, -expected, tolerance)
              ? "The sign is flipped: a loss is never negative."
              : close(v, expected * p.size, tolerance)
              ? "That is the sum; take the mean over the examples."
              : close(v, reference(p, y, 0), tolerance)
              ? "eps is missing: put it inside each log, log(p + eps) and log(1 − p + eps)."
              : close(v, reference(p, y, eps, 1, 0), tolerance)
              ? "The (1 − y)·log(1 − p + eps) term is missing: it is the loss of the examples labelled 0."
              : undefined,
        );
      }
      return "the mean log loss as a number, finite for p = 0 and p = 1 (eps inside the logs), p and y left unchanged";
    },
  },
];
