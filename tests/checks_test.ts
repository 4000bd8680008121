// The exercises' self-checks (lib/course/checks/mod.ts): a right answer gets ✓,
// each known wrong answer gets ✗ with a message that says what is wrong, an
// error or a stub gets ✗, and nothing ever throws.

import { assert, assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { checkLine, EXERCISES } from "../lib/course/checks/mod.ts";
import type { NDArray } from "../lib/mod.ts";

type Fn = (...args: never[]) => unknown;

function expectPass(id: string, answer: unknown): void {
  const { passed, line } = checkLine(id, answer);
  assert(passed && line.startsWith(`✓ ${id}: `), line);
  assertEquals(line.split("\n").length, 1);
}

function expectFail(id: string, answer: unknown, ...fragments: string[]): string {
  const { passed, line } = checkLine(id, answer);
  assert(!passed && line.startsWith(`✗ ${id}: `), line);
  assertEquals(line.split("\n").length, 1, line);
  for (const fragment of fragments) assert(line.includes(fragment), `${line}\nlacks: ${fragment}`);
  return line;
}

const relu = (z: NDArray) => np.maximum(0, z);
const reluSlope = (z: NDArray) => z.greater(0).astype(np.float64);
const sigmoid = (z: NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));
const softmax = (x: NDArray) => {
  const e = np.exp(x.subtract(np.max(x, { axis: 1, keepdims: true })));
  return e.divide(np.sum(e, { axis: 1, keepdims: true }));
};

// Right answers, written here independently of the notebooks.
const RIGHT: Record<string, unknown> = {
  "01.relu": relu,
  "01.forward": (X: NDArray, W1: NDArray, b1: NDArray, W2: NDArray, b2: NDArray) => {
    const z1 = X.matmul(W1).add(b1);
    const a1 = relu(z1);
    return [z1, a1, a1.matmul(W2).add(b2)];
  },
  "01.mean_squared_error": (p: NDArray, t: NDArray) => np.mean(p.subtract(t).power(2)),
  "01.output_blame": (p: NDArray, t: NDArray) => np.multiply(2, p.subtract(t)).divide(p.size),
  "01.hidden_blame": (d: NDArray, W2: NDArray) => d.matmul(W2.T),
  "01.relu_gate": (d: NDArray, z: NDArray) => d.multiply(z.greater(0)),
  "01.weight_blame": (x: NDArray, b: NDArray) => x.T.matmul(b),
  "01.update": (p: NDArray, g: NDArray, lr: number) => p.subtractInPlace(np.multiply(lr, g)),
  "02.relu": relu,
  "02.relu_derivative": reluSlope,
  "02.sigmoid": sigmoid,
  "02.compute_loss": (p: NDArray, y: NDArray) =>
    -np.mean(
      y.multiply(np.log(p.add(1e-8))).add(
        np.subtract(1, y).multiply(np.log(np.subtract(1, p).add(1e-8))),
      ),
    ),
  "05.tanh_grad": (x: NDArray) => np.subtract(1, np.tanh(x).power(2)),
  "05.leaky_relu_grad": (x: NDArray, alpha = 0.01) => {
    const positive = x.greater(0).astype(np.float64);
    return positive.add(np.subtract(1, positive).multiply(alpha));
  },
  "03.activation": (z: NDArray) => z.multiply(z.greater(0)),
  "03.d_activation": (z: NDArray) => z.greater(0).astype(np.int64),
  "03.L": (p: NDArray, y: number) => np.multiply(0.5, np.power(np.subtract(p, y), 2)),
  "03.d_L": (p: NDArray, y: number) => np.subtract(p, y),
  "03.forward": (x: NDArray, w1: NDArray, w2: NDArray) => relu(x.matmul(w1)).matmul(w2),
  "03.w1_gradient": w1Gradient,
  "03.backward_corrected": (
    x: NDArray,
    y: number,
    p: NDArray,
    w1: NDArray,
    w2: NDArray,
    eta: number,
  ) => {
    const g2 = np.multiply(np.subtract(p, y), relu(x.matmul(w1)));
    const g1 = w1Gradient(x, y, w1, w2);
    w1.subtractInPlace(np.multiply(eta, g1));
    w2.subtractInPlace(np.multiply(eta, g2));
    return [w1, w2];
  },
};

function w1Gradient(x: NDArray, y: number, w1: NDArray, w2: NDArray): NDArray {
  const h = x.matmul(w1);
  const error = np.subtract(relu(h).matmul(w2), y);
  return np.outer(x, np.multiply(error, w2).multiply(reluSlope(h)));
}

function originalW1Gradient(x: NDArray, y: number, w1: NDArray, w2: NDArray): NDArray {
  const h = x.matmul(w1);
  const partials = np.multiply(np.subtract(relu(h).matmul(w2), y), relu(h));
  return np.outer(reluSlope(partials), x);
}

function* miniBatches(X: NDArray, y: NDArray, size: number, rs: np.random.RandomState) {
  const order = rs.permutation(X.shape[0]);
  for (let start = 0; start < X.shape[0]; start += size) {
    const rows = order.slice(start, start + size);
    yield [X.take(rows), y.take(rows)];
  }
}

type L2Net = P4 & {
  forward(X: NDArray): NDArray;
  compute_loss(p: NDArray, y: NDArray): number;
  backward(y: NDArray): Record<string, NDArray>;
};

// `weights` says which parameters the penalty covers, `scale` its factor on lam·Σw²
function l2With(weights: (keyof P4)[], scale: number) {
  return (net: L2Net, X: NDArray, y: NDArray, lam: number) => {
    let loss = net.compute_loss(net.forward(X), y);
    const grads = net.backward(y);
    for (const k of weights) {
      loss += scale * lam * np.sum(net[k].power(2));
      grads[`d${k}`] = grads[`d${k}`].add(np.multiply(2 * scale * lam, net[k]));
    }
    return { loss, grads };
  };
}

const l2LossAndGrads = l2With(["W1", "W2"], 0.5);

// the exercises answered by a class, and the method each one writes
const METHODS_05: Record<string, string> = {
  "05.forward": "forward",
  "05.backward": "backward",
  "05.compute_loss": "compute_loss",
  "05.train_step": "train_step",
  "05.three_layer_forward": "forward",
  "05.three_layer_backward": "backward",
};

function stubClass(method: string, stub: () => never): unknown {
  const Stubbed = class {};
  Object.defineProperty(Stubbed.prototype, method, { value: stub });
  return Stubbed;
}

type P4 = { W1: NDArray; b1: NDArray; W2: NDArray; b2: NDArray };

function forward04(x: NDArray, p: P4, y?: number) {
  const z1 = p.W1.dot(x).add(p.b1);
  const a1 = relu(z1);
  const z2 = p.W2.dot(a1).add(p.b2);
  const a2 = sigmoid(z2);
  const cache = { x, z1, a1, z2, a2 };
  if (y === undefined) return cache;
  const a = np.clip(a2, 1e-12, 1 - 1e-12).item();
  return [cache, -(y * Math.log(a) + (1 - y) * Math.log(1 - a))];
}

class Net05 {
  W1 = np.zeros([1, 1]);
  b1 = np.zeros([1, 1]);
  W2 = np.zeros([1, 1]);
  b2 = np.zeros([1, 1]);
  cache: Record<string, NDArray> = {};
  forward(X: NDArray) {
    const z1 = X.matmul(this.W1).add(this.b1);
    const a1 = relu(z1);
    const z2 = a1.matmul(this.W2).add(this.b2);
    const a2 = softmax(z2);
    this.cache = { X, z1, a1, z2, a2 };
    return a2;
  }
  backward(y: NDArray) {
    const m = y.shape[0];
    const { X, z1, a1, a2 } = this.cache;
    const dz2 = a2.subtract(y);
    const dz1 = dz2.matmul(this.W2.T).multiply(reluSlope(z1));
    return {
      dW1: X.T.matmul(dz1).divide(m),
      db1: np.sum(dz1, { axis: 0, keepdims: true }).divide(m),
      dW2: a1.T.matmul(dz2).divide(m),
      db2: np.sum(dz2, { axis: 0, keepdims: true }).divide(m),
    };
  }
  compute_loss(p: NDArray, y: NDArray) {
    const m = y.shape[0];
    return np.mean(np.negative(np.log(p.pick(np.arange(m), y.argmax({ axis: 1 })).add(1e-8))));
  }
  train_step(X: NDArray, y: NDArray, lr: number) {
    const loss = this.compute_loss(this.forward(X), y);
    const g = this.backward(y);
    this.W1.subtractInPlace(np.multiply(lr, g.dW1));
    this.b1.subtractInPlace(np.multiply(lr, g.db1));
    this.W2.subtractInPlace(np.multiply(lr, g.dW2));
    this.b2.subtractInPlace(np.multiply(lr, g.db2));
    return loss;
  }
}

class Net3 {
  W1 = np.zeros([1, 1]);
  b1 = np.zeros([1, 1]);
  W2 = np.zeros([1, 1]);
  b2 = np.zeros([1, 1]);
  W3 = np.zeros([1, 1]);
  b3 = np.zeros([1, 1]);
  cache: Record<string, NDArray> = {};
  forward(X: NDArray) {
    const z1 = X.matmul(this.W1).add(this.b1);
    const a1 = relu(z1);
    const z2 = a1.matmul(this.W2).add(this.b2);
    const a2 = relu(z2);
    const z3 = a2.matmul(this.W3).add(this.b3);
    const a3 = softmax(z3);
    this.cache = { X, z1, a1, z2, a2, z3, a3 };
    return a3;
  }
  backward(y: NDArray, divide = true) {
    const m = divide ? y.shape[0] : 1;
    const { X, z1, a1, z2, a2, a3 } = this.cache;
    const dz3 = a3.subtract(y);
    const dz2 = dz3.matmul(this.W3.T).multiply(reluSlope(z2));
    const dz1 = dz2.matmul(this.W2.T).multiply(reluSlope(z1));
    const sum = (d: NDArray) => np.sum(d, { axis: 0, keepdims: true }).divide(m);
    return {
      dW1: X.T.matmul(dz1).divide(m),
      db1: sum(dz1),
      dW2: a1.T.matmul(dz2).divide(m),
      db2: sum(dz2),
      dW3: a2.T.matmul(dz3).divide(m),
      db3: sum(dz3),
    };
  }
}

Object.assign(RIGHT, {
  "04.sigmoid": sigmoid,
  "04.relu_derivative": reluSlope,
  "04.forward": forward04,
  "04.backward": (x: NDArray, y: number, p: P4, c: Record<string, NDArray>) => {
    const dz2 = np.subtract(c.a2, y);
    const dz1 = p.W2.T.reshape(-1).multiply(dz2.item()).multiply(reluSlope(c.z1));
    return {
      dW1: np.outer(dz1, x),
      db1: dz1,
      dW2: dz2.reshape(1, 1).multiply(c.a1.reshape(1, -1)),
      db2: dz2,
    };
  },
  "04.sgd_update": (p: P4, g: Record<string, NDArray>, lr: number) => {
    for (const k of ["W1", "b1", "W2", "b2"] as const) {
      p[k].subtractInPlace(np.multiply(lr, g[`d${k}`]));
    }
  },
  "04.numerical_gradient": (p: P4, x: NDArray, y: number, eps: number) =>
    (["W1", "W2"] as const).map((k) =>
      np.numericalGradient(() => (forward04(x, p, y) as [unknown, number])[1], p[k], eps)
    ),
  "05.relu_grad": reluSlope,
  "05.softmax": softmax,
  "05.mini_batches": miniBatches,
  "05.l2_loss_and_grads": l2LossAndGrads,
  "05.forward": Net05,
  "05.backward": Net05,
  "05.compute_loss": Net05,
  "05.train_step": Net05,
  "05.three_layer_forward": Net3,
  "05.three_layer_backward": Net3,
});

Deno.test("every exercise has a right answer here, and it passes", () => {
  assertEquals(EXERCISES.filter(({ id }) => !(id in RIGHT)).map(({ id }) => id), []);
  for (const { id } of EXERCISES) expectPass(id, RIGHT[id]);
});

Deno.test("a stub, a missing function, a throw and a prerequisite's stub are each one ✗ line", () => {
  for (const { id, task } of EXERCISES) {
    const stub = (): never => {
      throw new Error(`${id}: not written yet — ${task}`);
    };
    const answer = id in METHODS_05 ? stubClass(METHODS_05[id], stub) : stub;
    expectFail(id, answer, "not written yet", task);
    expectFail(id, undefined);
  }
  expectFail("02.relu", () => {
    throw new RangeError("oops");
  }, "RangeError: oops");
  expectFail("03.w1_gradient", () => {
    throw new Error("03.d_L: not written yet — x");
  }, "it calls 03.d_L, which is not written yet");
  expectFail("02.nothing", relu, "no such exercise", "02.relu");
});

Deno.test("03.w1_gradient: the original exercise's formula is caught and named", () => {
  const line = expectFail("03.w1_gradient", originalW1Gradient, "original exercise's formula");
  assert(/expected -?\d/.test(line) && line.includes("(2, 2)"), line);
  expectFail(
    "03.w1_gradient",
    (x: NDArray, y: number, w1: NDArray, w2: NDArray) => w1Gradient(x, y, w1, w2).T,
    "Rows and columns are swapped",
  );
  expectFail(
    "03.w1_gradient",
    (x: NDArray, y: number, w1: NDArray, w2: NDArray) =>
      np.outer(x, np.multiply(np.subtract(relu(x.matmul(w1)).matmul(w2), y), w2)),
    "ReLU gate is missing",
  );
  // the same mistake inside the training step
  expectFail(
    "03.backward_corrected",
    (x: NDArray, y: number, p: NDArray, w1: NDArray, w2: NDArray, eta: number) => {
      const g2 = np.multiply(np.subtract(p, y), relu(x.matmul(w1)));
      w1.subtractInPlace(np.multiply(eta, originalW1Gradient(x, y, w1, w2)));
      w2.subtractInPlace(np.multiply(eta, g2));
      return [w1, w2];
    },
    "original exercise's formula",
  );
});

Deno.test("element-wise checks catch the edge cases", () => {
  expectFail("02.relu_derivative", (z: NDArray) => z.greaterEqual(0).astype(np.float64), "z > 0");
  expectFail("02.relu", (z: NDArray) => np.abs(z), "entry [0, 0] is 3.0, expected 0.0");
  expectFail("02.sigmoid", (z: NDArray) => np.divide(1, np.add(1, np.exp(z))), "expected");
  expectFail("05.softmax", (x: NDArray) => np.exp(x).divide(np.sum(np.exp(x))), "row");
});

Deno.test("loss and gradient checks name the usual slips", () => {
  expectFail(
    "01.output_blame",
    (p: NDArray, t: NDArray) => np.multiply(2, p.subtract(t)),
    "4 times too large",
  );
  expectFail(
    "01.mean_squared_error",
    (p: NDArray, t: NDArray) => np.sum(p.subtract(t).power(2)),
    "sum",
  );
  expectFail("01.weight_blame", (x: NDArray, b: NDArray) => b.T.matmul(x), "swapped");
  expectFail(
    "01.update",
    (p: NDArray, g: NDArray, lr: number) => p.subtract(np.multiply(lr, g)),
    "did not change",
  );
  expectFail(
    "02.compute_loss",
    (p: NDArray, y: NDArray) =>
      -np.mean(y.multiply(np.log(p)).add(np.subtract(1, y).multiply(np.log(np.subtract(1, p))))),
    "eps",
  );
});

Deno.test("05's activation slopes name the usual slips", () => {
  expectFail("05.tanh_grad", (x: NDArray) => np.tanh(x), "That is tanh itself");
  expectFail("05.tanh_grad", (x: NDArray) => np.subtract(1, x.power(2)), "Square tanh(x), not x");
  expectFail("05.leaky_relu_grad", reluSlope, "below 0 the leaky ReLU's slope is alpha");
  expectFail(
    "05.leaky_relu_grad",
    (x: NDArray, alpha = 0.01) => {
      const positive = x.greaterEqual(0).astype(np.float64);
      return positive.add(np.subtract(1, positive).multiply(alpha));
    },
    "At exactly 0",
  );
});

Deno.test("05.mini_batches names the usual slips", () => {
  expectFail(
    "05.mini_batches",
    (X: NDArray, y: NDArray, size: number, rs: np.random.RandomState) =>
      [...miniBatches(X, y, size, rs)].filter(([Xb]) => (Xb as NDArray).shape[0] === size),
    "keep the short batch",
  );
  expectFail(
    "05.mini_batches",
    function* (X: NDArray, y: NDArray, size: number, rs: np.random.RandomState) {
      for (let start = 0; start < X.shape[0]; start += size) {
        const end = start + size;
        yield [X.take(rs.permutation(X.shape[0]).slice(start, end)), y.slice(start, end)];
      }
    },
    "a y row that is not its own",
  );
  expectFail(
    "05.mini_batches",
    function* (X: NDArray, y: NDArray, size: number, rs: np.random.RandomState) {
      for (let start = 0; start < X.shape[0]; start += size) {
        const rows = rs.randint(0, X.shape[0], Math.min(size, X.shape[0] - start));
        yield [X.take(rows), y.take(rows)];
      }
    },
    "with replacement",
  );
  expectFail(
    "05.mini_batches",
    (X: NDArray, y: NDArray, size: number) => miniBatches(X, y, size, new np.random.RandomState(0)),
    "same order",
  );
  expectFail(
    "05.mini_batches",
    function* (X: NDArray, y: NDArray, size: number) {
      for (let start = 0; start < X.shape[0]; start += size) {
        yield [X.slice(start, start + size), y.slice(start, start + size)];
      }
    },
    "original order",
  );
});

Deno.test("05.l2_loss_and_grads names the usual slips", () => {
  expectFail("05.l2_loss_and_grads", l2With(["W1", "b1", "W2", "b2"], 0.5), "biases are penalised");
  expectFail("05.l2_loss_and_grads", l2With(["W1", "W2"], 1), "twice too large");
  expectFail("05.l2_loss_and_grads", l2With([], 0.5), "cross-entropy alone");
  expectFail(
    "05.l2_loss_and_grads",
    (net: L2Net, X: NDArray, y: NDArray, lam: number) => {
      const { loss, grads } = l2LossAndGrads(net, X, y, lam);
      grads.db1 = grads.db1.add(np.multiply(lam, net.b1));
      return { loss, grads };
    },
    "biases are not penalised",
  );
  expectFail(
    "05.l2_loss_and_grads",
    (net: L2Net, X: NDArray, y: NDArray, lam: number) => {
      const { loss, grads } = l2LossAndGrads(net, X, y, lam);
      grads.dW2 = grads.dW2.add(np.multiply(lam, net.W2));
      return { loss, grads };
    },
    "the slope of (lam / 2)",
  );
});

Deno.test("05's three-layer network: the usual slips are named", () => {
  expectFail(
    "05.three_layer_backward",
    class extends Net3 {
      override backward(y: NDArray) {
        return super.backward(y, false);
      }
    },
    "times too large",
  );
  expectFail(
    "05.three_layer_backward",
    class extends Net3 {
      override backward(y: NDArray) {
        // the second hidden layer's ReLU gate forgotten
        const { z2 } = this.cache;
        this.cache.z2 = np.onesLike(z2);
        const grads = super.backward(y);
        this.cache.z2 = z2;
        return grads;
      }
    },
    "gated by relu'(z2)",
  );
  expectFail(
    "05.three_layer_forward",
    class extends Net3 {
      override forward(X: NDArray) {
        const a3 = super.forward(X);
        delete this.cache.z3;
        return a3;
      }
    },
    "this.cache.z3",
  );
  expectFail("05.three_layer_forward", Net05, "a3 = softmax(a2 · W3 + b3)");
});

// ---------- 06: handwritten digits ----------

type Stepper = { train_step(X: NDArray, y: NDArray, lr: number): number };

function trainEpoch(
  net: Stepper,
  X: NDArray,
  y: NDArray,
  size: number,
  lr: number,
  rs: np.random.RandomState,
  summarise = (losses: number[]) => losses.reduce((a, b) => a + b, 0) / losses.length,
): number {
  const losses: number[] = [];
  for (const [Xb, yb] of miniBatches(X, y, size, rs)) losses.push(net.train_step(Xb, yb, lr));
  return summarise(losses);
}

function confusionMatrix(truth: NDArray, predicted: NDArray, classes: number): NDArray {
  const counts = np.zeros([classes, classes], "int64");
  for (let i = 0; i < truth.size; i++) {
    const cell: [number, number] = [truth.get(i), predicted.get(i)];
    counts.set(cell, counts.get(...cell) + 1);
  }
  return counts;
}

Object.assign(RIGHT, {
  "06.one_hot": (labels: NDArray, classes: number) => np.eye(classes).take(labels, 0),
  "06.train_epoch": trainEpoch,
  "06.accuracy": (P: NDArray, labels: NDArray) => np.mean(P.argmax({ axis: 1 }).equal(labels)),
  "06.confusion_matrix": confusionMatrix,
});

Deno.test("06's exercises pass written here and name the usual slips", () => {
  for (const id of ["06.one_hot", "06.train_epoch", "06.accuracy", "06.confusion_matrix"]) {
    expectPass(id, RIGHT[id]);
  }
  expectFail(
    "06.one_hot",
    (labels: NDArray, classes: number) => np.eye(classes).take(labels, 0).T,
    "not the other way round",
  );
  expectFail(
    "06.train_epoch",
    (net: Stepper, X: NDArray, y: NDArray, size: number, lr: number, rs: np.random.RandomState) =>
      trainEpoch(net, X, y, size, lr, rs, (losses) => losses.reduce((a, b) => a + b, 0)),
    "the mean of the losses",
  );
  expectFail(
    "06.train_epoch",
    (net: Stepper, X: NDArray, y: NDArray, size: number, lr: number, rs: np.random.RandomState) =>
      trainEpoch(net, X, y, size, lr, rs, (losses) => losses.at(-1)!),
    "the mean of the losses",
  );
  expectFail(
    "06.train_epoch",
    (net: Stepper, X: NDArray, y: NDArray, size: number) =>
      trainEpoch(net, X, y, size, 0.1, new np.random.RandomState(0)),
    "not lr",
  );
  expectFail(
    "06.train_epoch",
    (net: Stepper, X: NDArray, y: NDArray, size: number, lr: number) =>
      trainEpoch(net, X, y, size, lr, new np.random.RandomState(0)),
    "same order",
  );
  expectFail(
    "06.accuracy",
    (P: NDArray, labels: NDArray) => 100 * np.mean(P.argmax({ axis: 1 }).equal(labels)),
    "not a percentage",
  );
  expectFail(
    "06.accuracy",
    (P: NDArray, labels: NDArray) => np.sum(P.argmax({ axis: 1 }).equal(labels)),
    "divided by the number of rows",
  );
  expectFail(
    "06.confusion_matrix",
    (truth: NDArray, predicted: NDArray, classes: number) =>
      confusionMatrix(truth, predicted, classes).T,
    "the other way round",
  );
  expectFail(
    "06.confusion_matrix",
    (truth: NDArray, predicted: NDArray) =>
      confusionMatrix(truth, predicted, Math.max(...truth.data, ...predicted.data) + 1),
    "n_classes × n_classes",
  );
});
