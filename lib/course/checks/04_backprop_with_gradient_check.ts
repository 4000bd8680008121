/**
 * The checks of notebook 04, backprop with a gradient check: a 3-4-1 classifier on one example.
 *
 * @module
 */

import { NDArray } from "../../core/ndarray.ts";
import { RandomState } from "../../random/random_state.ts";
import { str } from "../../text/python.ts";
import { numericalGradient } from "../gradient_check.ts";
import {
  arrayOf,
  asFunction,
  attempt,
  checkReluSlope,
  checkSigmoid,
  cloneParams,
  close,
  copyOf,
  describe,
  EXACT,
  type ExerciseSpec,
  expectArray,
  expectNumber,
  expectUnchanged,
  fail,
  firstDifference,
  GRADIENT,
  indexText,
  logistic,
  mapArray,
  outerOf,
  plus,
  product,
  randomArray,
  relu,
  reluSlope,
  sameValues,
  type Tolerance,
} from "./_harness.ts";

/** For a difference quotient against the same quotient worked out here (round-off over eps). */
const NUMERIC: Tolerance = { rtol: 1e-7, atol: 1e-10 };

/** The single-example 3-4-1 network of notebook 04 (W1 (4,3), b1 (4,), W2 (1,4), b2 (1,)). */
type SmallParams = {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
};

function smallForward(x: NDArray, p: SmallParams) {
  const column = new NDArray(Float64Array.from(x.data), [x.size, 1]);
  const z1 = plus(product(p.W1, column).reshape(-1), p.b1);
  const a1 = mapArray(z1, relu);
  const z2 = plus(product(p.W2, a1.reshape(a1.size, 1)).reshape(-1), p.b2);
  const a2 = mapArray(z2, logistic);
  return { x, z1, a1, z2, a2 };
}

function binaryCrossEntropy(a: number, y: number, clipAt = 0): number {
  const p = Math.min(Math.max(a, clipAt), 1 - clipAt);
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

function smallParams(rs: RandomState): SmallParams {
  return {
    W1: randomArray(rs, [4, 3]),
    b1: randomArray(rs, [4], 0.1),
    W2: randomArray(rs, [1, 4]),
    b2: randomArray(rs, [1], 0.1),
  };
}

function callForward04(
  f: (...args: never[]) => unknown,
  x: NDArray,
  p: SmallParams,
  y: number | undefined,
  label: string,
): unknown {
  const passedX = copyOf(x);
  const passed = cloneParams(p);
  const got = attempt(
    label,
    () =>
      y === undefined
        ? f(passedX as never, passed as never)
        : f(passedX as never, passed as never, y as never),
  );
  expectUnchanged(passedX, x, label, "x");
  for (const name of ["W1", "b1", "W2", "b2"] as const) {
    expectUnchanged(passed[name], p[name], label, `params.${name}`);
  }
  if (y !== undefined && (!Array.isArray(got) || got.length !== 2)) {
    fail(`${label} should return [cache, loss], got ${describe(got)}`);
  }
  return got;
}

/** The analytic gradients of notebook 04's network at one example, with or without the ReLU gate. */
function backward04(x: NDArray, y: number, p: SmallParams, gate = true) {
  const { a1, a2, z1 } = smallForward(x, p);
  const dz2 = a2.data[0] - y;
  const dz1 = arrayOf(
    Array.from({ length: 4 }, (_, j) => p.W2.data[j] * dz2 * (gate ? reluSlope(z1.data[j]) : 1)),
    [4],
  );
  return {
    dW1: outerOf(dz1, x),
    db1: dz1,
    dW2: mapArray(a1, (v) => v * dz2).reshape(1, 4),
    db2: arrayOf([dz2], [1]),
  };
}

export const EXERCISES_04: ExerciseSpec[] = [
  {
    id: "04.sigmoid",
    task: "return 1 / (1 + e^(−z)) entry by entry",
    needs: [],
    run: checkSigmoid("sigmoid"),
  },
  {
    id: "04.relu_derivative",
    task: "return 1 where z > 0, else 0 (as float64 numbers)",
    needs: [],
    run: checkReluSlope("relu_derivative"),
  },
  {
    id: "04.forward",
    task:
      "compute z1, a1, z2, a2 for the cache; with a label y, also the cross-entropy of a2 clipped into [1e-12, 1 − 1e-12]",
    needs: ["04.sigmoid"],
    run(answer) {
      const f = asFunction(answer, "forward");
      const rs = new RandomState(80);
      for (let k = 0; k < 2; k++) {
        const p = smallParams(rs);
        const x = randomArray(rs, [3]);
        const ref = smallForward(x, p);
        const label = `forward(x, params, 1), case ${k + 1}`;
        const [cache, loss] = callForward04(f, x, p, 1, label) as [
          Record<string, unknown>,
          unknown,
        ];
        const withoutB1 = product(p.W1, x.reshape(3, 1)).reshape(-1);
        for (const key of ["z1", "a1", "z2", "a2"] as const) {
          expectArray(
            cache?.[key],
            ref[key],
            `cache.${key} of ${label}`,
            {
              z1: "z1 = W1 · x + b1, shape (4,).",
              a1: "a1 = relu(z1).",
              z2: "z2 = W2 · a1 + b2, shape (1,).",
              a2: "a2 = sigmoid(z2), the probability of class 1.",
            }[key],
            EXACT,
            (g) =>
              key === "z1" && sameValues(g, withoutB1, EXACT)
                ? "b1 is missing: z1 = W1 · x + b1."
                : undefined,
          );
        }
        const expected = binaryCrossEntropy(ref.a2.data[0], 1, 1e-12);
        expectNumber(
          loss,
          expected,
          `the loss of ${label}`,
          "−[y·log(a2) + (1 − y)·log(1 − a2)], a2 clipped first.",
          EXACT,
          (v) =>
            close(v, -expected, EXACT)
              ? "The sign is flipped: the cross-entropy is −[y·log(a2) + (1 − y)·log(1 − a2)], never negative."
              : undefined,
        );
        const alone = callForward04(f, x, p, undefined, "forward(x, params) without y");
        if (Array.isArray(alone) || !(alone instanceof Object)) {
          fail(
            `forward(x, params) without a label should return the cache alone, got ${
              describe(alone)
            }`,
          );
        }
        expectArray(
          (alone as Record<string, unknown>).a2,
          ref.a2,
          "cache.a2 of forward(x, params)",
          "Without y, return the cache only.",
        );
      }
      // a saturated output: a2 rounds to exactly 1, and the label is 0
      const p = smallParams(new RandomState(81));
      p.W2 = arrayOf([0, 0, 0, 0], [1, 4]);
      p.b2 = arrayOf([60], [1]);
      const x = arrayOf([0.2, -0.4, 0.1], [3]);
      const [, loss] = callForward04(f, x, p, 0, "forward(x, params, 0) with z2 = 60") as [
        unknown,
        unknown,
      ];
      expectNumber(
        loss,
        binaryCrossEntropy(1, 0, 1e-12),
        "the loss when a2 = 1 and y = 0",
        "Clip a2 into [1e-12, 1 − 1e-12] before the logs, so that the loss stays finite.",
      );
      return "cache and loss (a number) right, the cache alone without a label, a finite loss when the sigmoid saturates, x and params left unchanged";
    },
  },
  {
    id: "04.backward",
    task:
      "return { dW1, db1, dW2, db2 } for the one example (for a sigmoid with cross-entropy, dL/dz2 = a2 − y)",
    needs: ["04.relu_derivative"],
    run(answer) {
      const f = asFunction(answer, "backward");
      const rs = new RandomState(90);
      for (const y of [1, 0]) {
        const p = smallParams(rs);
        const x = randomArray(rs, [3]);
        // no hidden pre-activation near the kink; unit 0 off and unit 1 on
        for (let i = 0; i < 4; i++) {
          const z = smallForward(x, p).z1.data[i];
          if (Math.abs(z) < 0.05) p.b1.data[i] += z >= 0 ? 0.1 : -0.1;
        }
        const z1 = smallForward(x, p).z1.data;
        if (z1[0] > 0) p.b1.data[0] -= z1[0] + 0.5;
        if (z1[1] < 0) p.b1.data[1] += 0.5 - z1[1];
        const cache = smallForward(x, p);
        const lossOf = (q: SmallParams) => binaryCrossEntropy(smallForward(x, q).a2.data[0], y);
        const label = `backward(x, ${y}, params, cache)`;
        const passedCache = cloneParams(cache as never) as Record<string, NDArray>;
        const passedParams = cloneParams(p);
        const got = attempt(
          label,
          () => f(copyOf(x) as never, y as never, passedParams as never, passedCache as never),
        );
        for (const [key, value] of Object.entries(passedCache)) {
          expectUnchanged(value, (cache as Record<string, NDArray>)[key], label, `cache.${key}`);
        }
        for (const name of ["W1", "b1", "W2", "b2"] as const) {
          expectUnchanged(passedParams[name], p[name], label, `params.${name}`);
        }
        if (!(got instanceof Object)) {
          fail(`${label} should return { dW1, db1, dW2, db2 }, got ${describe(got)}`);
        }
        const grads = got as Record<string, unknown>;
        const ungated = backward04(x, y, p, false);
        for (const key of ["dW2", "db2", "dW1", "db1"] as const) {
          const name = key.slice(1) as keyof SmallParams;
          const numeric = numericalGradient((w) => lossOf({ ...p, [name]: w }), copyOf(p[name]));
          expectArray(
            grads[key],
            numeric,
            `${key} of ${label}`,
            {
              dW2: "dW2 = dz2 times a1, as a (1, 4) row, with dz2 = a2 − y.",
              db2: "db2 = dz2, shape (1,).",
              dW1:
                "dW1[i, j] = dz1[i] · x[j], where dz1 = W2ᵀ·dz2 gated by relu'(z1); shape (4, 3).",
              db1: "db1 = dz1: the hidden blame after the ReLU gate, shape (4,).",
            }[key],
            GRADIENT,
            (g) =>
              key === "dW1" && g.shape.length === 2 && g.shape[0] === 3
                ? "Rows and columns are swapped: dW1 has W1's shape (4, 3)."
                : sameValues(g, mapArray(numeric, (v) => -v))
                ? "The sign is flipped: dL/dz2 = a2 − y, not y − a2."
                : (key === "dW1" || key === "db1") && sameValues(g, ungated[key])
                ? "The ReLU gate is missing: dz1 = (W2ᵀ · dz2) times relu'(z1), 0 for a unit that was off."
                : undefined,
          );
        }
      }
      return "dW1, db1, dW2, db2 match central differences of the loss, for y = 1 and y = 0, with a unit off; x, params and cache left unchanged";
    },
  },
  {
    id: "04.sgd_update",
    task: "subtract lr × each gradient from its parameter, in place",
    needs: [],
    run(answer) {
      const f = asFunction(answer, "sgd_update");
      const rs = new RandomState(100);
      const params = smallParams(rs);
      const before = cloneParams(params);
      const grads = {
        dW1: randomArray(rs, [4, 3]),
        db1: randomArray(rs, [4]),
        dW2: randomArray(rs, [1, 4]),
        db2: randomArray(rs, [1]),
      };
      const gradsBefore = cloneParams(grads);
      const objects = { ...params };
      attempt(
        "sgd_update(params, grads, 0.3)",
        () => f(params as never, grads as never, 0.3 as never),
      );
      for (const [key, value] of Object.entries(grads)) {
        expectUnchanged(
          value,
          gradsBefore[key as keyof typeof grads],
          "sgd_update(params, grads, 0.3)",
          `grads.${key}`,
        );
      }
      for (const name of ["W1", "b1", "W2", "b2"] as const) {
        if (params[name] !== objects[name]) {
          fail(`params.${name} was replaced by a new array: update it in place (subtractInPlace).`);
        }
        const g = grads[`d${name}`];
        const step = (rate: number) =>
          new NDArray(before[name].data.map((v, i) => v - rate * g.data[i]), [
            ...before[name].shape,
          ]);
        expectArray(
          params[name],
          step(0.3),
          `params.${name} after sgd_update(params, grads, 0.3)`,
          sameValues(params[name], before[name], EXACT)
            ? `params.${name} did not change.`
            : sameValues(params[name], step(-0.3), EXACT)
            ? "That step goes along the gradient: subtract lr × each gradient."
            : sameValues(params[name], step(1), EXACT)
            ? "The parameter moved by its whole gradient: multiply it by lr first."
            : "Each parameter moves by lr times its gradient, against it.",
        );
      }
      return "all four parameters step against their gradients, in place, by lr; the gradients untouched";
    },
  },
  {
    id: "04.numerical_gradient",
    task:
      "fill num_dW1 and num_dW2 by central differences: nudge each weight by ±eps, measure the loss, put the weight back",
    needs: ["04.forward"],
    run(answer) {
      const f = asFunction(answer, "numerical_gradient");
      const rs = new RandomState(110);
      const p = smallParams(rs);
      const x = randomArray(rs, [3]);
      const y = 1;
      // a large eps: a one-sided difference is then far from the central one
      const eps = 1e-3;
      const before = cloneParams(p);
      const lossOf = (q: SmallParams) =>
        binaryCrossEntropy(smallForward(x, q).a2.data[0], y, 1e-12);
      const label = `numerical_gradient(params, x, 1, ${eps})`;
      const got = attempt(
        label,
        () => f(p as never, copyOf(x) as never, y as never, eps as never),
      );
      if (!Array.isArray(got) || got.length !== 2) {
        fail(`${label} should return [num_dW1, num_dW2], got ${describe(got)}`);
      }
      for (const name of ["W1", "W2", "b1", "b2"] as const) {
        const changed = firstDifference(p[name], before[name], { rtol: 0, atol: 0 });
        if (changed >= 0) {
          fail(
            `params.${name} was not restored: ${indexText(changed, p[name].shape)} is ${
              str(p[name].data[changed])
            }, was ${str(before[name].data[changed])}. Put each weight back after its two nudges.`,
          );
        }
      }
      // differences of the loss with this eps: `plus` and `minus` nudge one weight each way
      const differences = (name: "W1" | "W2", plus: number, minus: number) => {
        const out = copyOf(before[name]);
        for (let i = 0; i < out.size; i++) {
          const at = (shift: number) => {
            const w = copyOf(before[name]);
            w.data[i] += shift * eps;
            return lossOf({ ...before, [name]: w });
          };
          out.data[i] = (at(plus) - at(-minus)) / ((plus + minus) * eps);
        }
        return out;
      };
      const hint = "(loss with w + eps − loss with w − eps) / (2·eps), one weight at a time.";
      const diagnose = (name: "W1" | "W2", central: NDArray) => (g: NDArray) =>
        sameValues(g, mapArray(central, (v) => 2 * v), NUMERIC)
          ? "Twice too large: divide by 2·eps, the distance between the two nudges."
          : sameValues(g, differences(name, 1, 0), NUMERIC) ||
              sameValues(g, differences(name, 0, 1), NUMERIC)
          ? "That is a one-sided difference, (loss(w + eps) − loss(w)) / eps: the task asks for central differences, (loss(w + eps) − loss(w − eps)) / (2·eps), whose error shrinks with eps² rather than eps."
          : undefined;
      const central1 = differences("W1", 1, 1);
      const central2 = differences("W2", 1, 1);
      expectArray(got[0], central1, `num_dW1 of ${label}`, hint, NUMERIC, diagnose("W1", central1));
      expectArray(got[1], central2, `num_dW2 of ${label}`, hint, NUMERIC, diagnose("W2", central2));
      return "central differences with the given eps (not one-sided) for every weight of W1 and W2, and every parameter put back exactly";
    },
  },
];
