// A corpus of answers to every exercise of lib/course/checks/mod.ts, as learners
// write them: wrong ones, each with the mistake it makes and a fragment the
// ✗ line must hold to name it (batch mean forgotten, transposes swapped,
// >= for >, the input changed in place, the wrong shape or dtype, overflow
// at extreme inputs, one-sided differences, the wrong random generator,
// penalised biases, ...), and right ones written differently from the
// worked notebooks (other formulas, other library calls, a generator or an
// array). tests/mistakes_test.ts runs them all through the checks.

import * as np from "../../lib/mod.ts";
import type { NDArray } from "../../lib/mod.ts";

/** A wrong answer: the ✗ line must hold `says`. */
export interface Mistake {
  id: string;
  mistake: string;
  says: string;
  answer: unknown;
}

/** A right answer written another way: it must get ✓. */
export interface Alternative {
  id: string;
  how: string;
  answer: unknown;
}

export const MISTAKES: Mistake[] = [];
export const ALTERNATIVES: Alternative[] = [];

function wrong(ids: string | string[], mistake: string, says: string, answer: unknown): void {
  for (const id of [ids].flat()) MISTAKES.push({ id, mistake, says, answer });
}

function right(ids: string | string[], how: string, answer: unknown): void {
  for (const id of [ids].flat()) ALTERNATIVES.push({ id, how, answer });
}

type A = NDArray;
type RS = np.random.RandomState;

const relu = (z: A) => np.maximum(0, z);
const slope = (z: A) => z.greater(0).astype(np.float64);
const sigmoid = (z: A) => np.divide(1, np.add(1, np.exp(np.negative(z))));
const softmax = (x: A) => {
  const e = np.exp(x.subtract(np.max(x, { axis: 1, keepdims: true })));
  return e.divide(np.sum(e, { axis: 1, keepdims: true }));
};
const rowSums = (d: A) => np.sum(d, { axis: 0, keepdims: true });

// ---------- ReLU, its slope and the sigmoid (several notebooks) ----------

const RELU = ["01.relu", "02.relu", "03.activation"];
wrong(RELU, "works in place: changes z and returns it", "changed its input z", (z: A) => {
  z.multiplyInPlace(z.greater(0));
  return z;
});
wrong(RELU, "returns the slope (1 and 0) instead", "That is ReLU's slope", slope);
wrong(
  RELU,
  "a leaky ReLU: keeps a fraction of the negatives",
  "Every entry at or below 0 becomes 0",
  (z: A) => np.maximum(z, np.multiply(0.01, z)),
);
wrong(RELU, "the absolute value", "Every entry at or below 0 becomes 0", (z: A) => np.abs(z));
wrong(RELU, "the largest entry, a number", "should be an array", (z: A) => np.max(relu(z)));
right(RELU, "np.maximum(0, z)", relu);
right(RELU, "z times the mask z > 0", (z: A) => z.multiply(z.greater(0)));
right(RELU, "clipped below at 0", (z: A) => np.clip(z, 0, null));
right(RELU, "(z + |z|) / 2", (z: A) => np.add(z, np.abs(z)).divide(2));

const SLOPE_FLOAT = ["02.relu_derivative", "04.relu_derivative", "05.relu_grad"];
const SLOPE = [...SLOPE_FLOAT, "03.d_activation"];
wrong(
  SLOPE,
  ">= for >: slope 1 at 0",
  "not z >= 0",
  (z: A) => z.greaterEqual(0).astype(np.float64),
);
wrong(SLOPE, "the mask itself, a bool array", "bool array", (z: A) => z.greater(0));
wrong(SLOPE, "ReLU itself", "That is ReLU itself", relu);
wrong(SLOPE, "the sign of z: -1 below 0", "1 where z > 0 and 0 elsewhere", (z: A) => np.sign(z));
wrong(SLOPE, "overwrites z with the slope", "changed its input z", (z: A) => {
  const s = slope(z);
  z.multiplyInPlace(0);
  z.addInPlace(s);
  return z;
});
wrong(
  SLOPE_FLOAT,
  "int64 where float64 is asked",
  "int64 array",
  (z: A) => z.greater(0).astype(np.int64),
);
right(SLOPE, "(z > 0) as float64", slope);
right(SLOPE, "the sign of relu(z)", (z: A) => np.sign(relu(z)));
right(SLOPE, "max(0, sign(z))", (z: A) => np.maximum(0, np.sign(z)));
right(
  "03.d_activation",
  "(z > 0) as int64, as in the worked notebook",
  (z: A) => z.greater(0).astype(np.int64),
);

const SIGMOID = ["02.sigmoid", "04.sigmoid"];
wrong(
  SIGMOID,
  "e^z / (1 + e^z): NaN once e^z overflows",
  "overflows to ∞",
  (z: A) => np.divide(np.exp(z), np.add(1, np.exp(z))),
);
wrong(
  SIGMOID,
  "1 / (1 + e^z): the sign in the exponent",
  "sigmoid of −z",
  (z: A) => np.divide(1, np.add(1, np.exp(z))),
);
wrong(SIGMOID, "tanh instead of the sigmoid", "0.5 at 0", (z: A) => np.tanh(z));
wrong(SIGMOID, "negates z in place", "changed its input z", (z: A) => {
  z.multiplyInPlace(-1);
  return np.divide(1, np.add(1, np.exp(z)));
});
right(SIGMOID, "1 / (1 + e^(−z))", sigmoid);
right(
  SIGMOID,
  "(1 + tanh(z / 2)) / 2",
  (z: A) => np.multiply(0.5, np.add(1, np.tanh(np.divide(z, 2)))),
);
right(SIGMOID, "e^(−|z|) on both sides of 0", (z: A) => {
  const e = np.exp(np.negative(np.abs(z)));
  const above = z.greaterEqual(0).astype(np.float64);
  return above.divide(np.add(1, e)).add(np.subtract(1, above).multiply(e.divide(np.add(1, e))));
});

// ---------- notebook 01 ----------

type Forward01 = (X: A, W1: A, b1: A, W2: A, b2: A) => A[];
const forward01 = (
  change: { bias1?: boolean; bias2?: boolean; outRelu?: boolean; z1IsA1?: boolean } = {},
): Forward01 =>
(X, W1, b1, W2, b2) => {
  const z1 = change.bias1 === false ? X.matmul(W1) : X.matmul(W1).add(b1);
  const a1 = relu(z1);
  let out = change.bias2 === false ? a1.matmul(W2) : a1.matmul(W2).add(b2);
  if (change.outRelu) out = relu(out);
  return [change.z1IsA1 ? a1 : z1, a1, out];
};
wrong("01.forward", "b1 left out", "b1 is missing", forward01({ bias1: false }));
wrong("01.forward", "b2 left out", "b2 is missing", forward01({ bias2: false }));
wrong(
  "01.forward",
  "a ReLU on the output",
  "The output has no activation",
  forward01({ outRelu: true }),
);
wrong("01.forward", "returns a1 for z1", "That is a1", forward01({ z1IsA1: true }));
right("01.forward", "matmul and add", forward01());
right(
  "01.forward",
  "np.dot and np.add",
  (X: A, W1: A, b1: A, W2: A, b2: A) => {
    const z1 = np.add(np.dot(X, W1), b1);
    const a1 = np.clip(z1, 0, null);
    return [z1, a1, np.add(np.dot(a1, W2), b2)];
  },
);

const diff = (p: A, t: A) => p.subtract(t);
wrong(
  "01.mean_squared_error",
  "the sum, not the mean",
  "That is the sum",
  (p: A, t: A) => np.sum(diff(p, t).power(2)),
);
wrong(
  "01.mean_squared_error",
  "half the mean",
  "half the mean",
  (p: A, t: A) => np.mean(diff(p, t).power(2)) / 2,
);
wrong(
  "01.mean_squared_error",
  "the root mean square",
  "square root",
  (p: A, t: A) => Math.sqrt(np.mean(diff(p, t).power(2))),
);
wrong(
  "01.mean_squared_error",
  "differences not squared",
  "not squared",
  (p: A, t: A) => np.mean(diff(p, t)),
);
wrong(
  "01.mean_squared_error",
  "a (1, 1) array (mean along axis 0, keepdims)",
  "holding one",
  (p: A, t: A) => np.mean(diff(p, t).power(2), { axis: 0, keepdims: true }),
);
right(
  "01.mean_squared_error",
  "np.mean of np.square",
  (p: A, t: A) => np.mean(np.square(diff(p, t))),
);
right("01.mean_squared_error", "sum over size", (p: A, t: A) => {
  const d = diff(p, t);
  return np.sum(d.multiply(d)) / d.size;
});
right("01.mean_squared_error", "a 0-d array from a dot product", (p: A, t: A) => {
  const d = diff(p, t).ravel();
  return np.divide(d.dot(d), d.size);
});
right("01.mean_squared_error", "a plain loop", (p: A, t: A) => {
  let s = 0;
  for (let i = 0; i < p.size; i++) s += (p.data[i] - t.data[i]) ** 2;
  return s / p.size;
});

wrong(
  "01.output_blame",
  "the batch mean forgotten",
  "times too large",
  (p: A, t: A) => np.multiply(2, diff(p, t)),
);
wrong(
  "01.output_blame",
  "the sign flipped",
  "sign is flipped",
  (p: A, t: A) => np.multiply(2, t.subtract(p)).divide(p.size),
);
wrong(
  "01.output_blame",
  "the 2 of the square forgotten",
  "Half as large",
  (p: A, t: A) => diff(p, t).divide(p.size),
);
wrong(
  "01.output_blame",
  "the mean of the blame, a number",
  "should be an array",
  (p: A, t: A) => np.mean(np.multiply(2, diff(p, t))),
);
right(
  "01.output_blame",
  "2/n times the difference",
  (p: A, t: A) => np.multiply(2 / p.size, diff(p, t)),
);
right(
  "01.output_blame",
  "divided by the number of rows",
  (p: A, t: A) => diff(p, t).multiply(2).divide(p.shape[0]),
);

wrong(
  "01.hidden_blame",
  "rows and columns swapped",
  "Rows and columns are swapped",
  (d: A, W2: A) => W2.matmul(d.T),
);
wrong(
  "01.hidden_blame",
  "divided by n again",
  "Divided by",
  (d: A, W2: A) => d.matmul(W2.T).divide(d.shape[0]),
);
wrong(
  "01.hidden_blame",
  "the sign flipped",
  "sign is flipped",
  (d: A, W2: A) => np.negative(d.matmul(W2.T)),
);
right("01.hidden_blame", "d_out · W2ᵀ", (d: A, W2: A) => d.matmul(W2.T));
right("01.hidden_blame", "broadcast product with W2ᵀ", (d: A, W2: A) => d.multiply(W2.T));
right("01.hidden_blame", "np.outer", (d: A, W2: A) => np.outer(d, W2));

wrong(
  "01.relu_gate",
  "the gate alone",
  "only the gate",
  (_d: A, z: A) => z.greater(0).astype(np.float64),
);
wrong("01.relu_gate", ">= for >", "At exactly 0", (d: A, z: A) => d.multiply(z.greaterEqual(0)));
wrong(
  "01.relu_gate",
  "gated by the blame's sign",
  "not at the sign of the blame",
  (d: A) => d.multiply(d.greater(0)),
);
wrong("01.relu_gate", "gates d_a1 in place", "changed its input d_a1", (d: A, z: A) => {
  d.multiplyInPlace(z.greater(0));
  return d;
});
right(
  "01.relu_gate",
  "times the float64 mask",
  (d: A, z: A) => np.multiply(d, z.greater(0).astype(np.float64)),
);
right("01.relu_gate", "times the sign of relu(z1)", (d: A, z: A) => d.multiply(np.sign(relu(z))));

wrong("01.weight_blame", "rows and columns swapped", "swapped", (x: A, b: A) => b.T.matmul(x));
wrong(
  "01.weight_blame",
  "divided by n",
  "Divided by",
  (x: A, b: A) => x.T.matmul(b).divide(x.shape[0]),
);
wrong(
  "01.weight_blame",
  "the first example only",
  "first example's share",
  (x: A, b: A) => np.outer(x.take([0], 0), b.take([0], 0)),
);
right("01.weight_blame", "inputsᵀ · blame", (x: A, b: A) => x.T.matmul(b));
right("01.weight_blame", "np.dot", (x: A, b: A) => np.dot(x.T, b));
right("01.weight_blame", "a sum of outer products", (x: A, b: A) => {
  let total = np.zeros([x.shape[1], b.shape[1]]);
  for (let i = 0; i < x.shape[0]; i++) total = total.add(np.outer(x.take([i], 0), b.take([i], 0)));
  return total;
});

wrong(
  "01.update",
  "a new array, param unchanged",
  "did not change",
  (p: A, g: A, lr: number) => p.subtract(np.multiply(lr, g)),
);
wrong(
  "01.update",
  "along the gradient",
  "along the gradient",
  (p: A, g: A, lr: number) => p.addInPlace(np.multiply(lr, g)),
);
wrong("01.update", "lr forgotten", "whole gradient", (p: A, g: A) => p.subtractInPlace(g));
wrong("01.update", "scales grad in place", "leave grad as it was", (p: A, g: A, lr: number) => {
  g.multiplyInPlace(lr);
  p.subtractInPlace(g);
});
right(
  "01.update",
  "subtractInPlace",
  (p: A, g: A, lr: number) => p.subtractInPlace(np.multiply(lr, g)),
);
right("01.update", "adds −lr × grad", (p: A, g: A, lr: number) => {
  p.addInPlace(g.multiply(-lr));
});

// ---------- notebook 02 ----------

const EPS = 1e-8;
const logLoss =
  (terms: { eps?: number; zeros?: boolean; sign?: number; reduce?: (a: A) => unknown } = {}) =>
  (p: A, y: A) => {
    const e = terms.eps ?? EPS;
    let t = y.multiply(np.log(p.add(e)));
    if (terms.zeros !== false) {
      t = t.add(np.subtract(1, y).multiply(np.log(np.subtract(1, p).add(e))));
    }
    const reduce = terms.reduce ?? ((a: A) => np.mean(a));
    return np.multiply(-(terms.sign ?? 1), reduce(t) as A);
  };
wrong("02.compute_loss", "eps left out", "eps is missing", logLoss({ eps: 0 }));
wrong("02.compute_loss", "the sign flipped", "sign is flipped", logLoss({ sign: -1 }));
wrong(
  "02.compute_loss",
  "the sum, not the mean",
  "That is the sum",
  logLoss({ reduce: (a) => np.sum(a) }),
);
wrong(
  "02.compute_loss",
  "the (1 − y) term forgotten",
  "term is missing",
  logLoss({ zeros: false }),
);
wrong("02.compute_loss", "eps added after the log", "log(p + eps)", (p: A, y: A) =>
  -np.mean(
    y.multiply(np.log(p).add(EPS)).add(
      np.subtract(1, y).multiply(np.log(np.subtract(1, p)).add(EPS)),
    ),
  ));
wrong(
  "02.compute_loss",
  "a (1, 1) array",
  "holding one",
  logLoss({ reduce: (a) => np.mean(a, { axis: 0, keepdims: true }) }),
);
right("02.compute_loss", "as in the original", (p: A, y: A) =>
  -np.mean(
    y.multiply(np.log(p.add(EPS))).add(
      np.subtract(1, y).multiply(np.log(np.subtract(1, p).add(EPS))),
    ),
  ));
right("02.compute_loss", "a loop with Math.log", (p: A, y: A) => {
  let s = 0;
  for (let i = 0; i < p.size; i++) {
    s -= y.data[i] * Math.log(p.data[i] + EPS) + (1 - y.data[i]) * Math.log(1 - p.data[i] + EPS);
  }
  return s / p.size;
});
right("02.compute_loss", "minus the sum over the size", (p: A, y: A) => {
  const terms = y.multiply(np.log(p.add(EPS))).add(
    np.subtract(1, y).multiply(np.log(np.subtract(1, p).add(EPS))),
  );
  return -np.sum(terms) / p.size;
});

// ---------- notebook 03 ----------

wrong(
  "03.L",
  "the half left out",
  "Twice too large",
  (p: A, y: number) => np.power(np.subtract(p, y), 2),
);
wrong(
  "03.L",
  "the mean of the entries",
  "not their mean",
  (p: A, y: number) => np.mean(np.multiply(0.5, np.power(np.subtract(p, y), 2))),
);
wrong("03.L", "subtracts y from y_hat in place", "changed its input y_hat", (p: A, y: number) => {
  p.subtractInPlace(y);
  return np.multiply(0.5, p.power(2));
});
wrong(
  "03.L",
  "half the absolute error",
  "Half of (y_hat − y) squared",
  (p: A, y: number) => np.multiply(0.5, np.abs(np.subtract(p, y))),
);
right("03.L", "(y − y_hat)² / 2", (p: A, y: number) => np.square(np.subtract(y, p)).divide(2));
right("03.L", "d · d · 0.5", (p: A, y: number) => {
  const d = np.subtract(p, y);
  return d.multiply(d).multiply(0.5);
});

wrong(
  "03.d_L",
  "the 2 of the square kept",
  "Twice too large",
  (p: A, y: number) => np.multiply(2, np.subtract(p, y)),
);
wrong("03.d_L", "the sign flipped", "sign is flipped", (p: A, y: number) => np.subtract(y, p));
wrong(
  "03.d_L",
  "L itself",
  "That is L itself",
  (p: A, y: number) => np.multiply(0.5, np.power(np.subtract(p, y), 2)),
);
right("03.d_L", "y_hat − y", (p: A, y: number) => p.subtract(y));
right("03.d_L", "y_hat + (−y)", (p: A, y: number) => np.add(p, -y));

wrong(
  "03.forward",
  "no activation",
  "activation is missing",
  (x: A, w1: A, w2: A) => x.matmul(w1).matmul(w2),
);
wrong(
  "03.forward",
  "an activation on the output",
  "The output has no activation",
  (x: A, w1: A, w2: A) => relu(relu(x.matmul(w1)).matmul(w2)),
);
wrong(
  "03.forward",
  "w1 · x instead of x · w1",
  "That is w1 · x",
  (x: A, w1: A, w2: A) => relu(w1.matmul(x)).matmul(w2),
);
wrong(
  "03.forward",
  "x as a (1, 2) row: a (1,) result",
  "holding one",
  (x: A, w1: A, w2: A) => relu(x.reshape(1, 2).matmul(w1)).matmul(w2),
);
right("03.forward", "np.dot", (x: A, w1: A, w2: A) => np.dot(relu(np.dot(x, w1)), w2));
right(
  "03.forward",
  "a sum of products, a number",
  (x: A, w1: A, w2: A) => np.sum(relu(x.matmul(w1)).multiply(w2)),
);

function w1Gradient(x: A, y: number, w1: A, w2: A): A {
  const h = x.matmul(w1);
  const error = np.subtract(relu(h).matmul(w2), y);
  return np.outer(x, np.multiply(error, w2).multiply(slope(h)));
}
function originalW1Gradient(x: A, y: number, w1: A, w2: A): A {
  const h = x.matmul(w1);
  const partials = np.multiply(np.subtract(relu(h).matmul(w2), y), relu(h));
  return np.outer(slope(partials), x);
}
const ungatedW1 = (x: A, y: number, w1: A, w2: A) =>
  np.outer(x, np.multiply(np.subtract(relu(x.matmul(w1)).matmul(w2), y), w2));
const activationForW2 = (x: A, y: number, w1: A, w2: A) => {
  const a = relu(x.matmul(w1));
  return np.outer(x, np.multiply(np.subtract(a.matmul(w2), y), a));
};
wrong(
  "03.w1_gradient",
  "the original exercise's formula",
  "original exercise's formula",
  originalW1Gradient,
);
wrong(
  "03.w1_gradient",
  "rows and columns swapped",
  "Rows and columns are swapped",
  (x: A, y: number, w1: A, w2: A) => w1Gradient(x, y, w1, w2).T,
);
wrong("03.w1_gradient", "the ReLU gate forgotten", "ReLU gate is missing", ungatedW1);
wrong(
  "03.w1_gradient",
  "the activation where w2 belongs",
  "hidden activation where w2 belongs",
  activationForW2,
);
right("03.w1_gradient", "np.outer of x and the hidden blame", w1Gradient);
right("03.w1_gradient", "a column times a row", (x: A, y: number, w1: A, w2: A) => {
  const h = x.matmul(w1);
  const blame = np.multiply(np.subtract(relu(h).matmul(w2), y), w2).multiply(slope(h));
  return x.astype(np.float64).reshape(2, 1).matmul(blame.reshape(1, 2));
});

const backwardWith =
  (gradient: (x: A, y: number, w1: A, w2: A) => A, factor = 1) =>
  (x: A, y: number, p: A, w1: A, w2: A, eta: number) => {
    const w2Partials = np.multiply(np.subtract(p, y), relu(x.matmul(w1)));
    const w1Partials = np.multiply(factor, gradient(x, y, w1, w2));
    w1.subtractInPlace(np.multiply(eta, w1Partials));
    w2.subtractInPlace(np.multiply(eta, w2Partials));
    return [w1, w2];
  };
wrong(
  "03.backward_corrected",
  "the original formula kept",
  "original exercise's formula",
  backwardWith(originalW1Gradient),
);
wrong(
  "03.backward_corrected",
  "eta applied twice",
  "eta is applied twice",
  (x: A, y: number, p: A, w1: A, w2: A, eta: number) =>
    backwardWith(w1Gradient, eta)(x, y, p, w1, w2, eta),
);
wrong(
  "03.backward_corrected",
  "the ReLU gate forgotten",
  "ReLU gate is missing",
  backwardWith(ungatedW1),
);
wrong(
  "03.backward_corrected",
  "the gradient transposed",
  "swapped",
  backwardWith((x, y, w1, w2) => w1Gradient(x, y, w1, w2).T),
);
right("03.backward_corrected", "the chain rule", backwardWith(w1Gradient));
right(
  "03.backward_corrected",
  "the chain rule as column times row",
  backwardWith((x, y, w1, w2) => {
    const h = x.matmul(w1);
    const blame = np.multiply(np.subtract(relu(h).matmul(w2), y), w2).multiply(slope(h));
    return x.astype(np.float64).reshape(2, 1).matmul(blame.reshape(1, 2));
  }),
);

// ---------- notebook 04 ----------

type P4 = { W1: A; b1: A; W2: A; b2: A };
const forward04 =
  (change: { clip?: boolean; item?: boolean; sign?: number; bias1?: boolean } = {}) =>
  (x: A, p: P4, y?: number) => {
    const z1 = change.bias1 === false ? p.W1.dot(x) : p.W1.dot(x).add(p.b1);
    const a1 = relu(z1);
    const z2 = p.W2.dot(a1).add(p.b2);
    const a2 = sigmoid(z2);
    const cache = { x, z1, a1, z2, a2 };
    if (y === undefined) return cache;
    const a = change.clip === false ? a2 : np.clip(a2, 1e-12, 1 - 1e-12);
    const loss = np.multiply(
      -(change.sign ?? 1),
      np.add(np.multiply(y, np.log(a)), np.multiply(1 - y, np.log(np.subtract(1, a)))),
    );
    return [cache, change.item === false ? loss : loss.item()];
  };
wrong("04.forward", "a2 not clipped", "Clip a2", forward04({ clip: false }));
wrong("04.forward", "the loss left in a (1,) array", "holding one", forward04({ item: false }));
wrong("04.forward", "the sign of the loss flipped", "sign is flipped", forward04({ sign: -1 }));
wrong("04.forward", "b1 left out", "b1 is missing", forward04({ bias1: false }));
wrong(
  "04.forward",
  "[cache, loss] even without a label",
  "without a label should return the cache alone",
  (x: A, p: P4, y?: number) => {
    const [cache, loss] = forward04()(x, p, y ?? 1) as [unknown, number];
    return [cache, y === undefined ? undefined : loss];
  },
);
right("04.forward", "clip then item", forward04());
right("04.forward", "np.matmul and Math.log", (x: A, p: P4, y?: number) => {
  const z1 = np.add(np.matmul(p.W1, x), p.b1);
  const a1 = np.maximum(z1, 0);
  const z2 = np.add(np.matmul(p.W2, a1), p.b2);
  const a2 = sigmoid(z2);
  const cache = { x, z1, a1, z2, a2 };
  if (y === undefined) return cache;
  const a = Math.min(Math.max(a2.item(), 1e-12), 1 - 1e-12);
  return [cache, -(y * Math.log(a) + (1 - y) * Math.log(1 - a))];
});

type Cache4 = Record<string, A>;
const backward04 =
  (change: { swap?: boolean; gate?: boolean; sign?: number; db2?: "column" } = {}) =>
  (x: A, y: number, p: P4, c: Cache4) => {
    const dz2 = np.multiply(change.sign ?? 1, np.subtract(c.a2, y));
    const gate = change.gate === false ? np.onesLike(c.z1) : slope(c.z1);
    const dz1 = p.W2.T.reshape(-1).multiply(dz2.item()).multiply(gate);
    return {
      dW1: change.swap ? np.outer(x, dz1) : np.outer(dz1, x),
      db1: dz1,
      dW2: dz2.reshape(1, 1).multiply(c.a1.reshape(1, -1)),
      db2: change.db2 === "column" ? dz2.reshape(1, 1) : dz2,
    };
  };
wrong("04.backward", "dW1 transposed", "dW1 has W1's shape", backward04({ swap: true }));
wrong(
  "04.backward",
  "the ReLU gate forgotten",
  "ReLU gate is missing",
  backward04({ gate: false }),
);
wrong("04.backward", "dz2 = y − a2", "sign is flipped", backward04({ sign: -1 }));
wrong("04.backward", "db2 of shape (1, 1)", "expected (1,)", backward04({ db2: "column" }));
right("04.backward", "outer products", backward04());
right("04.backward", "column times row", (x: A, y: number, p: P4, c: Cache4) => {
  const dz2 = np.subtract(c.a2, y);
  const dz1 = p.W2.T.matmul(dz2.reshape(1, 1)).reshape(-1).multiply(c.z1.greater(0));
  return {
    dW1: dz1.reshape(-1, 1).matmul(x.reshape(1, -1)),
    db1: dz1,
    dW2: np.outer(dz2, c.a1),
    db2: dz2.copy(),
  };
});

const KEYS4 = ["W1", "b1", "W2", "b2"] as const;
wrong(
  "04.sgd_update",
  "new arrays put in params",
  "replaced by a new array",
  (p: P4, g: Record<string, A>, lr: number) => {
    for (const k of KEYS4) p[k] = p[k].subtract(np.multiply(lr, g[`d${k}`]));
  },
);
wrong(
  "04.sgd_update",
  "along the gradient",
  "along the gradient",
  (p: P4, g: Record<string, A>, lr: number) => {
    for (const k of KEYS4) p[k].addInPlace(np.multiply(lr, g[`d${k}`]));
  },
);
wrong("04.sgd_update", "lr forgotten", "whole gradient", (p: P4, g: Record<string, A>) => {
  for (const k of KEYS4) p[k].subtractInPlace(g[`d${k}`]);
});
wrong(
  "04.sgd_update",
  "the biases forgotten",
  "params.b1 did not change",
  (p: P4, g: Record<string, A>, lr: number) => {
    p.W1.subtractInPlace(np.multiply(lr, g.dW1));
    p.W2.subtractInPlace(np.multiply(lr, g.dW2));
  },
);
right("04.sgd_update", "a loop over the names", (p: P4, g: Record<string, A>, lr: number) => {
  for (const k of KEYS4) p[k].subtractInPlace(np.multiply(lr, g[`d${k}`]));
});
right("04.sgd_update", "adding −lr × gradient", (p: P4, g: Record<string, A>, lr = 0.1) => {
  p.W1.addInPlace(g.dW1.multiply(-lr));
  p.b1.addInPlace(g.db1.multiply(-lr));
  p.W2.addInPlace(g.dW2.multiply(-lr));
  p.b2.addInPlace(g.db2.multiply(-lr));
});

const lossOf04 = (x: A, p: P4, y: number) => (forward04()(x, p, y) as [unknown, number])[1];
const numerical04 =
  (change: { plus?: number; minus?: number; divide?: number; restore?: boolean } = {}) =>
  (p: P4, x: A, y: number, eps: number) =>
    (["W1", "W2"] as const).map((k) => {
      const out = np.zerosLike(p[k]);
      for (const idx of np.ndindex(p[k].shape)) {
        const orig = p[k].get(...idx);
        p[k].set(idx, orig + (change.plus ?? 1) * eps);
        const plus = lossOf04(x, p, y);
        p[k].set(idx, orig - (change.minus ?? 1) * eps);
        const minus = lossOf04(x, p, y);
        out.set(idx, (plus - minus) / ((change.divide ?? 2) * eps));
        if (change.restore !== false) p[k].set(idx, orig);
      }
      return out;
    });
wrong(
  "04.numerical_gradient",
  "a forward difference",
  "one-sided difference",
  numerical04({ minus: 0, divide: 1 }),
);
wrong(
  "04.numerical_gradient",
  "a backward difference",
  "one-sided difference",
  numerical04({ plus: 0, divide: 1 }),
);
wrong(
  "04.numerical_gradient",
  "divided by eps, not 2·eps",
  "Twice too large",
  numerical04({ divide: 1 }),
);
wrong(
  "04.numerical_gradient",
  "the weights not put back",
  "was not restored",
  numerical04({ restore: false }),
);
right("04.numerical_gradient", "central differences by hand", numerical04());
right(
  "04.numerical_gradient",
  "np.numericalGradient",
  (p: P4, x: A, y: number, eps: number) =>
    (["W1", "W2"] as const).map((k) => np.numericalGradient(() => lossOf04(x, p, y), p[k], eps)),
);

// ---------- notebook 05 ----------

wrong(
  "05.softmax",
  "no max subtracted",
  "overflows",
  (x: A) => np.exp(x).divide(np.sum(np.exp(x), { axis: 1, keepdims: true })),
);
wrong("05.softmax", "normalised over the whole array", "Each row must add up to 1", (x: A) => {
  const e = np.exp(x.subtract(np.max(x, { axis: 1, keepdims: true })));
  return e.divide(np.sum(e));
});
wrong("05.softmax", "normalised down the columns", "Each row must add up to 1", (x: A) => {
  const e = np.exp(x.subtract(np.max(x, { axis: 1, keepdims: true })));
  return e.divide(np.sum(e, { axis: 0, keepdims: true }));
});
wrong("05.softmax", "the whole array's max subtracted", "each row's own max", (x: A) => {
  const e = np.exp(x.subtract(np.max(x)));
  return e.divide(np.sum(e, { axis: 1, keepdims: true }));
});
wrong("05.softmax", "the max subtracted from x in place", "changed its input x", (x: A) => {
  x.subtractInPlace(np.max(x, { axis: 1, keepdims: true }));
  const e = np.exp(x);
  return e.divide(np.sum(e, { axis: 1, keepdims: true }));
});
right("05.softmax", "shifted by the row max", softmax);
right("05.softmax", "row by row", (x: A) =>
  np.array(
    (x.tolist() as number[][]).map((row) => {
      const top = Math.max(...row);
      const e = row.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / total);
    }),
  ));
right("05.softmax", "methods: x.max and e.sum", (x: A) => {
  const e = x.subtract(x.max({ axis: 1, keepdims: true })).exp();
  return e.divide(e.sum({ axis: 1, keepdims: true }));
});

type Change5 = {
  relu?: boolean;
  bias?: boolean;
  out?: "sigmoid";
  cache?: boolean;
  divide?: boolean;
  gate?: boolean;
  swap?: boolean;
  keepdims?: boolean;
  sign?: number;
};
function net05(change: Change5 = {}) {
  return class {
    W1 = np.zeros([1, 1]);
    b1 = np.zeros([1, 1]);
    W2 = np.zeros([1, 1]);
    b2 = np.zeros([1, 1]);
    cache: Record<string, A> = {};
    forward(X: A) {
      const z1 = change.bias === false ? X.matmul(this.W1) : X.matmul(this.W1).add(this.b1);
      const a1 = change.relu === false ? z1 : relu(z1);
      const z2 = change.bias === false ? a1.matmul(this.W2) : a1.matmul(this.W2).add(this.b2);
      const a2 = change.out === "sigmoid" ? sigmoid(z2) : softmax(z2);
      this.cache = change.cache === false ? { X, a1, a2 } : { X, z1, a1, z2, a2 };
      return a2;
    }
    backward(y: A) {
      const m = change.divide === false ? 1 : y.shape[0];
      const { X, z1, a1, a2 } = this.cache;
      const dz2 = np.multiply(change.sign ?? 1, a2.subtract(y));
      const dz1 = dz2.matmul(this.W2.T).multiply(change.gate === false ? 1 : slope(z1));
      const sum = (d: A) =>
        (change.keepdims === false ? np.sum(d, { axis: 0 }) : rowSums(d)).divide(m);
      return {
        dW1: X.T.matmul(dz1).divide(m),
        db1: sum(dz1),
        dW2: change.swap ? dz2.T.matmul(a1).divide(m) : a1.T.matmul(dz2).divide(m),
        db2: sum(dz2),
      };
    }
    compute_loss(p: A, y: A) {
      const m = y.shape[0];
      return np.mean(np.negative(np.log(p.pick(np.arange(m), y.argmax({ axis: 1 })).add(1e-8))));
    }
    train_step(X: A, y: A, lr: number) {
      const loss = this.compute_loss(this.forward(X), y);
      const g = this.backward(y);
      this.W1.subtractInPlace(np.multiply(lr, g.dW1));
      this.b1.subtractInPlace(np.multiply(lr, g.db1));
      this.W2.subtractInPlace(np.multiply(lr, g.dW2));
      this.b2.subtractInPlace(np.multiply(lr, g.db2));
      return loss;
    }
  };
}
const Net05 = net05();

wrong("05.forward", "the ReLU forgotten", "ReLU is missing", net05({ relu: false }));
wrong("05.forward", "the biases forgotten", "biases are missing", net05({ bias: false }));
wrong("05.forward", "a sigmoid output", "sigmoid of z2", net05({ out: "sigmoid" }));
wrong("05.forward", "z1 and z2 not cached", "this.cache.z1", net05({ cache: false }));
right("05.forward", "matmul and add", Net05);
right(
  "05.forward",
  "np.dot, the cache built as it goes",
  class extends Net05 {
    override forward(X: A) {
      this.cache = { X };
      this.cache.z1 = np.add(np.dot(X, this.W1), this.b1);
      this.cache.a1 = np.clip(this.cache.z1, 0, null);
      this.cache.z2 = np.add(np.dot(this.cache.a1, this.W2), this.b2);
      this.cache.a2 = softmax(this.cache.z2);
      return this.cache.a2;
    }
  },
);

wrong("05.backward", "not divided by m", "times too large", net05({ divide: false }));
wrong("05.backward", "the ReLU gate forgotten", "ReLU gate is missing", net05({ gate: false }));
wrong("05.backward", "dW2 transposed", "Rows and columns are swapped", net05({ swap: true }));
wrong("05.backward", "bias gradients without keepdims", "keepdims", net05({ keepdims: false }));
wrong("05.backward", "dz2 = y_true − a2", "sign is flipped", net05({ sign: -1 }));
right("05.backward", "sums over m", Net05);
right(
  "05.backward",
  "means for the biases, np.dot for the weights",
  class extends Net05 {
    override backward(y: A) {
      const m = y.shape[0];
      const { X, z1, a1, a2 } = this.cache;
      const dz2 = a2.subtract(y);
      const dz1 = np.dot(dz2, this.W2.T).multiply(z1.greater(0));
      return {
        dW1: np.dot(X.T, dz1).divide(m),
        db1: np.mean(dz1, { axis: 0, keepdims: true }),
        dW2: np.dot(a1.T, dz2).divide(m),
        db2: np.mean(dz2, { axis: 0, keepdims: true }),
      };
    }
  },
);

const loss05 = (compute: (p: A, y: A) => unknown) =>
  class extends Net05 {
    override compute_loss(p: A, y: A) {
      return compute(p, y) as number;
    }
  };
const picked = (p: A, y: A) => p.pick(np.arange(y.shape[0]), y.argmax({ axis: 1 }));
wrong(
  "05.compute_loss",
  "the sign flipped",
  "sign is flipped",
  loss05((p, y) => np.mean(np.log(picked(p, y).add(1e-8)))),
);
wrong(
  "05.compute_loss",
  "the sum over the examples",
  "That is the sum",
  loss05((p, y) => np.sum(np.negative(np.log(picked(p, y).add(1e-8))))),
);
wrong(
  "05.compute_loss",
  "the mean over every entry of Y·log P",
  "Divided by m·classes",
  loss05((p, y) => -np.mean(y.multiply(np.log(p.add(1e-8))))),
);
wrong(
  "05.compute_loss",
  "1e-8 left out",
  "−log(p + 1e-8)",
  loss05((p, y) => np.mean(np.negative(np.log(picked(p, y))))),
);
wrong(
  "05.compute_loss",
  "a (1,) array",
  "holding one",
  loss05((p, y) =>
    np.mean(np.negative(np.log(picked(p, y).add(1e-8))), { axis: 0, keepdims: true })
  ),
);
right("05.compute_loss", "picking each row's true class", Net05);
right(
  "05.compute_loss",
  "the one-hot rows weigh the logs",
  loss05((p, y) => -np.sum(y.multiply(np.log(p.add(1e-8)))) / y.shape[0]),
);

const step05 = (
  update: (net: InstanceType<typeof Net05>, g: Record<string, A>, lr: number) => void,
) =>
  class extends Net05 {
    override train_step(X: A, y: A, lr = 0.01) {
      const loss = this.compute_loss(this.forward(X), y);
      update(this, this.backward(y), lr);
      return loss;
    }
  };
wrong(
  "05.train_step",
  "new arrays for the weights",
  "replaced by a new array",
  step05((net, g, lr) => {
    for (const k of KEYS4) net[k] = net[k].subtract(np.multiply(lr, g[`d${k}`]));
  }),
);
wrong(
  "05.train_step",
  "along the gradient",
  "along the gradient",
  step05((net, g, lr) => {
    for (const k of KEYS4) net[k].addInPlace(np.multiply(lr, g[`d${k}`]));
  }),
);
wrong(
  "05.train_step",
  "lr forgotten",
  "whole gradient",
  step05((net, g) => {
    for (const k of KEYS4) net[k].subtractInPlace(g[`d${k}`]);
  }),
);
wrong(
  "05.train_step",
  "the biases forgotten",
  "this.b1 did not change",
  step05((net, g, lr) => {
    net.W1.subtractInPlace(np.multiply(lr, g.dW1));
    net.W2.subtractInPlace(np.multiply(lr, g.dW2));
  }),
);
right("05.train_step", "four in-place steps", Net05);
right(
  "05.train_step",
  "a loop over the names",
  step05((net, g, lr) => {
    for (const k of KEYS4) net[k].subtractInPlace(g[`d${k}`].multiply(lr));
  }),
);

wrong("05.tanh_grad", "tanh itself", "That is tanh itself", (x: A) => np.tanh(x));
wrong("05.tanh_grad", "1 − x²", "Square tanh(x), not x", (x: A) => np.subtract(1, x.power(2)));
wrong(
  "05.tanh_grad",
  "1 − tanh(x), not squared",
  "not squared",
  (x: A) => np.subtract(1, np.tanh(x)),
);
wrong("05.tanh_grad", "overwrites x", "changed its input x", (x: A) => {
  const t = np.tanh(x);
  x.multiplyInPlace(0);
  x.addInPlace(np.subtract(1, t.multiply(t)));
  return x;
});
right("05.tanh_grad", "1 − tanh(x)²", (x: A) => np.subtract(1, np.tanh(x).power(2)));
right("05.tanh_grad", "np.square", (x: A) => np.subtract(1, np.square(np.tanh(x))));
right(
  "05.tanh_grad",
  "4 / (e^x + e^(−x))²",
  (x: A) => np.divide(4, np.square(np.add(np.exp(x), np.exp(np.negative(x))))),
);

const leakyGrad = (x: A, alpha = 0.01) => {
  const positive = x.greater(0).astype(np.float64);
  return positive.add(np.subtract(1, positive).multiply(alpha));
};
wrong("05.leaky_relu_grad", "ReLU's slope", "ReLU's slope", slope);
wrong("05.leaky_relu_grad", ">= for >", "At exactly 0", (x: A, alpha = 0.01) => {
  const positive = x.greaterEqual(0).astype(np.float64);
  return positive.add(np.subtract(1, positive).multiply(alpha));
});
wrong(
  "05.leaky_relu_grad",
  "alpha fixed at 0.01",
  "use the alpha passed in",
  (x: A) => leakyGrad(x, 0.01),
);
wrong(
  "05.leaky_relu_grad",
  "the leaky ReLU itself",
  "leaky ReLU itself",
  (x: A, alpha = 0.01) => np.maximum(x, np.multiply(alpha, x)),
);
right("05.leaky_relu_grad", "mask plus alpha times the rest", leakyGrad);
right(
  "05.leaky_relu_grad",
  "max of the mask and alpha",
  (x: A, alpha = 0.01) => np.maximum(x.greater(0).astype(np.float64), alpha),
);

function* miniBatches(X: A, y: A, size: number, rs: RS) {
  const order = rs.permutation(X.shape[0]);
  for (let start = 0; start < X.shape[0]; start += size) {
    const rows = order.slice(start, start + size);
    yield [X.take(rows, 0), y.take(rows, 0)];
  }
}
wrong(
  "05.mini_batches",
  "the short last batch dropped",
  "keep the short batch",
  (X: A, y: A, size: number, rs: RS) =>
    [...miniBatches(X, y, size, rs)].filter(([Xb]) => Xb.shape[0] === size),
);
wrong(
  "05.mini_batches",
  "X shuffled, y not",
  "a y row that is not its own",
  function* (X: A, y: A, size: number, rs: RS) {
    const order = rs.permutation(X.shape[0]);
    for (let start = 0; start < X.shape[0]; start += size) {
      yield [X.take(order.slice(start, start + size), 0), y.slice(start, start + size)];
    }
  },
);
wrong(
  "05.mini_batches",
  "rows drawn with replacement",
  "with replacement",
  function* (X: A, y: A, size: number, rs: RS) {
    for (let start = 0; start < X.shape[0]; start += size) {
      const rows = rs.randint(0, X.shape[0], Math.min(size, X.shape[0] - start));
      yield [X.take(rows, 0), y.take(rows, 0)];
    }
  },
);
wrong(
  "05.mini_batches",
  "a new RandomState(0) each call",
  "same order",
  (X: A, y: A, size: number) => miniBatches(X, y, size, new np.random.RandomState(0)),
);
wrong("05.mini_batches", "no shuffling", "original order", function* (X: A, y: A, size: number) {
  for (let start = 0; start < X.shape[0]; start += size) {
    yield [X.slice(start, start + size), y.slice(start, start + size)];
  }
});
wrong(
  "05.mini_batches",
  "the global generator instead of rs",
  "did not come from rs",
  (X: A, y: A, size: number) => {
    const order = np.random.permutation(X.shape[0]);
    const out = [];
    for (let start = 0; start < X.shape[0]; start += size) {
      const rows = order.slice(start, start + size);
      out.push([X.take(rows, 0), y.take(rows, 0)]);
    }
    return out;
  },
);
right("05.mini_batches", "a generator", miniBatches);
right(
  "05.mini_batches",
  "an array of pairs, rows shuffled with rs.shuffle",
  (X: A, y: A, size: number, rs: RS) => {
    const order = np.arange(X.shape[0]);
    rs.shuffle(order);
    const pairs: A[][] = [];
    for (let start = 0; start < X.shape[0]; start += size) {
      const rows = order.slice(start, start + size);
      pairs.push([X.take(rows, 0), y.take(rows, 0)]);
    }
    return pairs;
  },
);

type L2Net = P4 & {
  forward(X: A): A;
  compute_loss(p: A, y: A): number;
  backward(y: A): Record<string, A>;
};
function l2With(weights: (keyof P4)[], scale: number, gradScale = 2 * scale) {
  return (net: L2Net, X: A, y: A, lam: number) => {
    let loss = net.compute_loss(net.forward(X), y);
    const grads = net.backward(y);
    for (const k of weights) {
      loss += scale * lam * np.sum(net[k].power(2));
      grads[`d${k}`] = grads[`d${k}`].add(np.multiply(gradScale * lam, net[k]));
    }
    return { loss, grads };
  };
}
wrong(
  "05.l2_loss_and_grads",
  "the biases penalised",
  "biases are penalised",
  l2With(["W1", "b1", "W2", "b2"], 0.5),
);
wrong(
  "05.l2_loss_and_grads",
  "lam·Σw² without the half",
  "twice too large",
  l2With(["W1", "W2"], 1),
);
wrong("05.l2_loss_and_grads", "no penalty", "cross-entropy alone", l2With([], 0.5));
wrong(
  "05.l2_loss_and_grads",
  "the penalty's slope left out of the gradients",
  "backward's dW1 alone",
  l2With(["W1", "W2"], 0.5, 0),
);
wrong(
  "05.l2_loss_and_grads",
  "2·lam·W added to the gradients",
  "the slope of (lam / 2)",
  l2With(["W1", "W2"], 0.5, 2),
);
wrong(
  "05.l2_loss_and_grads",
  "the weights shrunk in place",
  "changed its input",
  (net: L2Net, X: A, y: A, lam: number) => {
    const out = l2With(["W1", "W2"], 0.5)(net, X, y, lam);
    net.W1.multiplyInPlace(1 - lam);
    return out;
  },
);
right("05.l2_loss_and_grads", "as in the notebook", l2With(["W1", "W2"], 0.5));
right(
  "05.l2_loss_and_grads",
  "np.square and a new grads object",
  (net: L2Net, X: A, y: A, lam: number) => {
    const dataLoss = net.compute_loss(net.forward(X), y);
    const g = net.backward(y);
    const penalty = (lam / 2) * (np.sum(np.square(net.W1)) + np.sum(np.square(net.W2)));
    return {
      loss: dataLoss + penalty,
      grads: {
        ...g,
        dW1: np.add(g.dW1, net.W1.multiply(lam)),
        dW2: np.add(g.dW2, net.W2.multiply(lam)),
      },
    };
  },
);

type Change3 = {
  relu2?: boolean;
  out?: "relu";
  cacheZ3?: boolean;
  divide?: boolean;
  gate2?: boolean;
  swap3?: boolean;
  sign?: number;
  gateOnA?: boolean;
};
function net3(change: Change3 = {}) {
  return class {
    W1 = np.zeros([1, 1]);
    b1 = np.zeros([1, 1]);
    W2 = np.zeros([1, 1]);
    b2 = np.zeros([1, 1]);
    W3 = np.zeros([1, 1]);
    b3 = np.zeros([1, 1]);
    cache: Record<string, A> = {};
    forward(X: A) {
      const z1 = X.matmul(this.W1).add(this.b1);
      const a1 = relu(z1);
      const z2 = a1.matmul(this.W2).add(this.b2);
      const a2 = change.relu2 === false ? z2 : relu(z2);
      const z3 = a2.matmul(this.W3).add(this.b3);
      const a3 = change.out === "relu" ? relu(z3) : softmax(z3);
      this.cache = { X, z1, a1, z2, a2, z3, a3 };
      if (change.cacheZ3 === false) delete this.cache.z3;
      return a3;
    }
    backward(y: A) {
      const m = change.divide === false ? 1 : y.shape[0];
      const { X, z1, a1, z2, a2, a3 } = this.cache;
      const dz3 = np.multiply(change.sign ?? 1, a3.subtract(y));
      const gate2 = change.gate2 === false ? 1 : slope(change.gateOnA ? a2 : z2);
      const dz2 = dz3.matmul(this.W3.T).multiply(gate2);
      const dz1 = dz2.matmul(this.W2.T).multiply(slope(change.gateOnA ? a1 : z1));
      const sum = (d: A) => rowSums(d).divide(m);
      return {
        dW1: X.T.matmul(dz1).divide(m),
        db1: sum(dz1),
        dW2: a1.T.matmul(dz2).divide(m),
        db2: sum(dz2),
        dW3: change.swap3 ? dz3.T.matmul(a2).divide(m) : a2.T.matmul(dz3).divide(m),
        db3: sum(dz3),
      };
    }
  };
}
wrong("05.three_layer_forward", "z3 not cached", "this.cache.z3", net3({ cacheZ3: false }));
wrong(
  "05.three_layer_forward",
  "the second ReLU forgotten",
  "second ReLU is missing",
  net3({ relu2: false }),
);
wrong("05.three_layer_forward", "a ReLU for the output", "not a ReLU", net3({ out: "relu" }));
wrong("05.three_layer_forward", "the two-layer forward kept", "a3 = softmax(a2 · W3 + b3)", Net05);
right("05.three_layer_forward", "three layers", net3());
right(
  "05.three_layer_forward",
  "a loop over the layers",
  class extends net3() {
    override forward(X: A) {
      this.cache = { X };
      let a = X;
      for (const layer of [1, 2, 3]) {
        const self = this as unknown as Record<string, A>;
        const z = np.add(np.dot(a, self[`W${layer}`]), self[`b${layer}`]);
        a = layer < 3 ? np.maximum(0, z) : softmax(z);
        this.cache[`z${layer}`] = z;
        this.cache[`a${layer}`] = a;
      }
      return a;
    }
  },
);

wrong("05.three_layer_backward", "not divided by m", "times too large", net3({ divide: false }));
wrong(
  "05.three_layer_backward",
  "the gate at z2 forgotten",
  "gated by relu'(z2)",
  net3({ gate2: false }),
);
wrong(
  "05.three_layer_backward",
  "dW3 transposed",
  "Rows and columns are swapped",
  net3({ swap3: true }),
);
wrong("05.three_layer_backward", "dz3 = y_true − a3", "sign is flipped", net3({ sign: -1 }));
right("05.three_layer_backward", "gated by relu'(z)", net3());
right("05.three_layer_backward", "gated by a > 0 (the same units)", net3({ gateOnA: true }));

// ---------- notebook 06 ----------

wrong(
  "06.one_hot",
  "rows and columns swapped",
  "not the other way round",
  (labels: A, n: number) => np.eye(n).take(labels, 0).T,
);
wrong(
  "06.one_hot",
  "a bool array",
  "bool array",
  (labels: A, n: number) => np.equal(labels.reshape(-1, 1), np.arange(n)),
);
wrong(
  "06.one_hot",
  "the labels as a column",
  "one column per class",
  (labels: A) => labels.reshape(-1, 1).astype(np.float64),
);
wrong(
  "06.one_hot",
  "labels shifted by one",
  "a 1 in column labels[i]",
  (labels: A, n: number) => np.eye(n).take(np.minimum(labels.add(1), n - 1).astype(np.int64), 0),
);
right("06.one_hot", "rows of the identity", (labels: A, n: number) => np.eye(n).take(labels, 0));
right("06.one_hot", "zeros and a 1 set per row", (labels: A, n: number) => {
  const out = np.zeros([labels.size, n]);
  for (let i = 0; i < labels.size; i++) out.set([i, labels.get(i)], 1);
  return out;
});
right(
  "06.one_hot",
  "an int64 identity",
  (labels: A, n: number) => np.eye(n, { dtype: "int64" }).take(labels, 0),
);

type Stepper = { train_step(X: A, y: A, lr: number): number };
function trainEpoch(
  net: Stepper,
  X: A,
  y: A,
  size: number,
  lr: number,
  rs: RS,
  summarise = (losses: number[]) => losses.reduce((a, b) => a + b, 0) / losses.length,
): number {
  const losses: number[] = [];
  for (const [Xb, yb] of miniBatches(X, y, size, rs)) losses.push(net.train_step(Xb, yb, lr));
  return summarise(losses);
}
wrong(
  "06.train_epoch",
  "the sum of the losses",
  "the mean of the losses",
  (net: Stepper, X: A, y: A, size: number, lr: number, rs: RS) =>
    trainEpoch(net, X, y, size, lr, rs, (losses) => losses.reduce((a, b) => a + b, 0)),
);
wrong(
  "06.train_epoch",
  "the last loss",
  "the mean of the losses",
  (net: Stepper, X: A, y: A, size: number, lr: number, rs: RS) =>
    trainEpoch(net, X, y, size, lr, rs, (losses) => losses.at(-1)!),
);
wrong(
  "06.train_epoch",
  "a fixed learning rate",
  "not lr",
  (net: Stepper, X: A, y: A, size: number, _lr: number, rs: RS) =>
    trainEpoch(net, X, y, size, 0.1, rs),
);
wrong(
  "06.train_epoch",
  "a new RandomState(0) each call",
  "same order",
  (net: Stepper, X: A, y: A, size: number, lr: number) =>
    trainEpoch(net, X, y, size, lr, new np.random.RandomState(0)),
);
wrong(
  "06.train_epoch",
  "the global generator instead of rs",
  "did not come from rs",
  (net: Stepper, X: A, y: A, size: number, lr: number) => {
    const order = np.random.permutation(X.shape[0]);
    const losses: number[] = [];
    for (let start = 0; start < X.shape[0]; start += size) {
      const rows = order.slice(start, start + size);
      losses.push(net.train_step(X.take(rows, 0), y.take(rows, 0), lr));
    }
    return np.mean(np.array(losses));
  },
);
right("06.train_epoch", "batches from one permutation", trainEpoch);
right(
  "06.train_epoch",
  "np.mean of the losses, rows taken with take",
  (net: Stepper, X: A, y: A, size: number, lr: number, rs: RS) => {
    const order = rs.permutation(X.shape[0]);
    const losses: number[] = [];
    for (let start = 0; start < order.size; start += size) {
      const rows = order.slice(start, Math.min(start + size, order.size));
      losses.push(net.train_step(X.take(rows, 0), y.take(rows, 0), lr));
    }
    return np.mean(np.array(losses));
  },
);

const predictions = (P: A) => P.argmax({ axis: 1 });
wrong(
  "06.accuracy",
  "a percentage",
  "not a percentage",
  (P: A, labels: A) => 100 * np.mean(predictions(P).equal(labels)),
);
wrong(
  "06.accuracy",
  "the count of right rows",
  "divided by the number of rows",
  (P: A, labels: A) => np.sum(predictions(P).equal(labels)),
);
wrong(
  "06.accuracy",
  "the least probable class",
  "argmax along axis 1",
  (P: A, labels: A) => np.mean(P.argmin({ axis: 1 }).equal(labels)),
);
wrong(
  "06.accuracy",
  "a (1,) array",
  "holding one",
  (P: A, labels: A) => np.mean(predictions(P).equal(labels), { axis: 0, keepdims: true }),
);
right(
  "06.accuracy",
  "the mean of a comparison",
  (P: A, labels: A) => np.mean(predictions(P).equal(labels)),
);
right("06.accuracy", "a count over the size", (P: A, labels: A) => {
  const guessed = predictions(P);
  let hits = 0;
  for (let i = 0; i < labels.size; i++) if (guessed.get(i) === labels.get(i)) hits++;
  return hits / labels.size;
});

function confusion(truth: A, predicted: A, n: number, dtype: "int64" | "float64" = "int64"): A {
  const counts = np.zeros([n, n], dtype);
  for (let i = 0; i < truth.size; i++) {
    const cell: [number, number] = [truth.get(i), predicted.get(i)];
    counts.set(cell, counts.get(...cell) + 1);
  }
  return counts;
}
wrong(
  "06.confusion_matrix",
  "true and predicted swapped",
  "the other way round",
  (t: A, p: A, n: number) => confusion(p, t, n),
);
wrong(
  "06.confusion_matrix",
  "sized by the largest label seen",
  "n_classes × n_classes",
  (t: A, p: A) => confusion(t, p, Math.max(...t.data, ...p.data) + 1),
);
wrong(
  "06.confusion_matrix",
  "1 where a pair occurs, not a count",
  "count 2",
  (t: A, p: A, n: number) => {
    const counts = np.zeros([n, n], "int64");
    for (let i = 0; i < t.size; i++) counts.set([t.get(i), p.get(i)], 1);
    return counts;
  },
);
wrong(
  "06.confusion_matrix",
  "a bool array of which pairs occur",
  "only says whether a pair occurred",
  (t: A, p: A, n: number) => confusion(t, p, n).greater(0),
);
right("06.confusion_matrix", "int64 counts", confusion);
right(
  "06.confusion_matrix",
  "float64 counts",
  (t: A, p: A, n: number) => confusion(t, p, n, "float64"),
);
right(
  "06.confusion_matrix",
  "one-hot rows multiplied",
  (t: A, p: A, n: number) => np.eye(n).take(t, 0).T.matmul(np.eye(n).take(p, 0)),
);
