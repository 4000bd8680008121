/**
 * The checks of notebook 06, handwritten digits.
 *
 * @module
 */

import { sameShape } from "../../core/internals.ts";
import { NDArray } from "../../core/ndarray.ts";
import { RandomState } from "../../random/random_state.ts";
import { shapeToString } from "../../text/print.ts";
import {
  arrayOf,
  asFunction,
  attempt,
  callPure,
  close,
  describe,
  EXACT,
  type ExerciseSpec,
  expectArray,
  expectNumber,
  expectNumbers,
  expectPermutations,
  fail,
  mapArray,
  num,
  randomArray,
  sameState,
  sameValues,
  transposed,
} from "./_harness.ts";

/** Integer labels as an int64 array. */
function labels06(values: readonly number[]): NDArray {
  return arrayOf(values, [values.length], "int64");
}

/** Row k of the identity for label k, built entry by entry. */
function oneHotRows(labels: readonly number[], classes: number): NDArray {
  const out = new Float64Array(labels.length * classes);
  labels.forEach((label, i) => out[i * classes + label] = 1);
  return new NDArray(out, [labels.length, classes]);
}

/** Rows that say which example they are: X[i] = [i + 0.5, −i], y[i] = one-hot of i mod 3. */
function numbered06(n: number): { X: NDArray; y: NDArray } {
  const X = new NDArray(new Float64Array(n * 2), [n, 2]);
  for (let i = 0; i < n; i++) {
    X.data[2 * i] = i + 0.5;
    X.data[2 * i + 1] = -i;
  }
  return { X, y: oneHotRows(Array.from({ length: n }, (_, i) => i % 3), 3) };
}

export const EXERCISES_06: ExerciseSpec[] = [
  {
    id: "06.one_hot",
    task:
      "return an array of shape (labels.size, n_classes) whose row i is row labels[i] of the identity matrix",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "one_hot");
      const cases: [number[], number][] = [[[3, 0, 9, 3, 7], 10], [[1, 0], 2], [[2], 5], [[
        0,
        0,
        0,
      ], 4]];
      for (const [values, classes] of cases) {
        const labels = labels06(values);
        const what = `one_hot([${values.join(", ")}], ${classes})`;
        const got = attempt(what, () => f(labels as never, classes as never));
        expectArray(
          got,
          oneHotRows(values, classes),
          what,
          "Row i is all zeros but a 1 in column labels[i]: one row per label, one column per class.",
          EXACT,
          (g) =>
            sameShape(g.shape, [classes, values.length])
              ? "One row per label and one column per class, not the other way round."
              : undefined,
        );
        expectNumbers(got as NDArray, what);
        if (labels.data.join() !== values.join()) {
          fail(`${what} changed the labels: leave them as they are.`);
        }
      }
      return "one row per label, a single 1 (a number) in the label's column, for 2 to 10 classes, the labels left unchanged";
    },
  },
  {
    id: "06.train_epoch",
    task:
      "take one net.train_step(X_batch, y_batch, lr) per batch of batch_size rows (the last one may be shorter), in an order drawn by rs.permutation, and return the mean of the losses it returns",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "train_epoch");
      for (const [n, size, lr] of [[23, 5, 0.3], [16, 8, 0.05], [7, 32, 1]] as const) {
        const { X, y } = numbered06(n);
        const rs = new RandomState(600 + n);
        const label = `train_epoch(net, X, y, ${size}, ${lr}, rs) for ${n} examples`;
        const orders: number[][] = [];
        const used: boolean[] = [];
        for (const epoch of [1, 2]) {
          const what = `${label}, epoch ${epoch}`;
          // A stand-in network that records its steps; each step's loss is the batch's first row number + 1.
          const steps: { rows: number[]; lr: unknown }[] = [];
          const net = {
            train_step(Xb: unknown, yb: unknown, rate: unknown): number {
              if (!(Xb instanceof NDArray) || !(yb instanceof NDArray)) {
                fail(
                  `${what}: train_step got ${describe(Xb)} and ${
                    describe(yb)
                  }, expected a batch of X and of y`,
                );
              }
              if (
                Xb.shape.length !== 2 || Xb.shape[1] !== 2 || !sameShape(yb.shape, [Xb.shape[0], 3])
              ) {
                fail(
                  `${what}: train_step got batches of shapes ${shapeToString(Xb.shape)} and ${
                    shapeToString(yb.shape)
                  }; take whole rows (axis 0) of X and the same rows of y.`,
                );
              }
              const rows: number[] = [];
              for (let r = 0; r < Xb.shape[0]; r++) {
                const i = Xb.data[2 * r] - 0.5;
                if (!(Number.isInteger(i) && i >= 0 && i < n) || Xb.data[2 * r + 1] !== -i) {
                  fail(
                    `${what}: a batch holds something that is not a row of X. Take whole rows of X.`,
                  );
                }
                for (let j = 0; j < 3; j++) {
                  if (yb.data[3 * r + j] !== (j === i % 3 ? 1 : 0)) {
                    fail(
                      `${what}: X row ${i} came with a y row that is not its own: take the same rows of both.`,
                    );
                  }
                }
                rows.push(i);
              }
              steps.push({ rows, lr: rate });
              return rows[0] + 1;
            },
          };
          const state = rs.getState();
          const got = attempt(
            what,
            () => f(net as never, X as never, y as never, size as never, lr as never, rs as never),
          );
          used.push(!sameState(state, rs.getState()));
          const expectedSizes: number[] = [];
          for (let start = 0; start < n; start += size) {
            expectedSizes.push(Math.min(size, n - start));
          }
          const sizes = steps.map((s) => s.rows.length);
          if (sizes.join() !== expectedSizes.join()) {
            fail(
              `${what} took steps on batches of ${sizes.join(", ") || "nothing"} rows, expected ${
                expectedSizes.join(", ")
              }. One step per batch of batch_size rows, and a shorter last one with what is left.`,
            );
          }
          const wrongRate = steps.find((s) => s.lr !== lr);
          if (wrongRate) {
            fail(`${what} passed ${describe(wrongRate.lr)} to train_step, not lr = ${lr}.`);
          }
          const order = steps.flatMap((s) => s.rows);
          if (new Set(order).size !== n) {
            fail(
              `${what}: some examples came twice in one epoch. Cut one permutation of 0…n−1 into batches.`,
            );
          }
          const losses = steps.map((s) => s.rows[0] + 1);
          const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
          expectNumber(
            got,
            mean,
            `${what}'s result`,
            "Return the mean of the losses train_step returned, one per batch (not their sum, nor the last one).",
          );
          orders.push(order);
        }
        expectPermutations(orders, used, 600 + n, label);
      }
      return "one step per batch, every example once per epoch with its own label, in the order rs.permutation draws (a new one each epoch), and the mean batch loss";
    },
  },
  {
    id: "06.accuracy",
    task:
      "return the share (between 0 and 1) of rows whose largest probability is in the column of their label",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "accuracy");
      const rs = new RandomState(660);
      for (const [n, classes] of [[8, 10], [5, 3], [12, 2]] as const) {
        const P = mapArray(randomArray(rs, [n, classes]), Math.exp);
        const values: number[] = [];
        let right = 0;
        for (let i = 0; i < n; i++) {
          let best = 0;
          for (let c = 1; c < classes; c++) {
            if (P.data[i * classes + c] > P.data[i * classes + best]) best = c;
          }
          // every other row labelled with its most probable class, the rest with another
          const label = i % 2 === 0 ? best : (best + 1 + (i % (classes - 1))) % classes;
          if (label === best) right++;
          values.push(label);
        }
        const labels = labels06(values);
        const what = `accuracy(probabilities of shape (${n}, ${classes}), labels)`;
        const got = callPure(what, f, [P, labels], ["probabilities", "labels"]);
        const expected = right / n;
        if (typeof got === "number" && close(got, expected * 100, EXACT) && expected !== 0) {
          fail(
            `${what} is ${num(got)}, expected ${
              num(expected)
            }: a share between 0 and 1, not a percentage.`,
          );
        }
        expectNumber(
          got,
          expected,
          what,
          "Take each row's most probable class (argmax along axis 1) and count how often it equals the label, divided by the number of rows.",
        );
      }
      return "the share (a number from 0 to 1) of rows whose most probable class is the label, for 2, 3 and 10 classes, the inputs left unchanged";
    },
  },
  {
    id: "06.confusion_matrix",
    task:
      "return an (n_classes, n_classes) array whose entry [t, p] counts the examples of true label t predicted as p",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "confusion_matrix");
      const cases: [number[], number[], number][] = [
        [[0, 1, 2, 2, 1, 0, 2], [0, 2, 2, 1, 1, 0, 0], 3],
        [[3, 3, 0, 1, 3], [3, 0, 0, 3, 3], 5],
        [[1, 1, 1, 0], [1, 1, 1, 0], 2],
      ];
      for (const [truth, predicted, classes] of cases) {
        const expected = new NDArray(
          new Float64Array(classes * classes),
          [classes, classes],
          "int64",
        );
        truth.forEach((t, i) => expected.data[t * classes + predicted[i]]++);
        const what = `confusion_matrix([${truth.join(", ")}], [${
          predicted.join(", ")
        }], ${classes})`;
        const got = callPure(
          what,
          f,
          [labels06(truth), labels06(predicted), classes],
          ["true_labels", "predicted", "n_classes"],
        );
        expectArray(
          got,
          expected,
          what,
          "Add 1 at [true label, predicted label] for every example, in an n_classes × n_classes array of zeros.",
          EXACT,
          (g) =>
            sameShape(g.shape, expected.shape) && sameValues(g, transposed(expected), EXACT)
              ? "Rows are the true labels, columns the predicted ones: this is the other way round."
              : sameShape(g.shape, expected.shape) &&
                  sameValues(g, mapArray(expected, (v) => (v > 0 ? 1 : 0)), EXACT)
              ? "Each entry only says whether a pair occurred: add 1 for every example, so that pairs that occur twice count 2."
              : undefined,
        );
        expectNumbers(got as NDArray, what);
      }
      return "counts (numbers) at [true, predicted], classes that never occur included, rows true and columns predicted, the inputs left unchanged";
    },
  },
];
