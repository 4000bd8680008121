// The benchmark cases, written with the library's public API as the
// notebooks use it. Shared by the `deno bench` files here and by
// side_by_side.ts, which runs the same cases in NumPy (numpy_cases.py).
// Each case builds its data once and returns the function to time.
import type * as Library from "../../lib/mod.ts";

type Np = typeof Library;
type NDArray = Library.NDArray;

/** One case: its name and a setup that returns the work to time. */
export interface Case {
  name: string;
  setup(np: Np): () => unknown;
}

/** The two-layer network of notebook 05 (ReLU hidden layer, softmax output). */
class TwoLayerNet {
  W1: NDArray;
  b1: NDArray;
  W2: NDArray;
  b2: NDArray;
  cache: Record<string, NDArray> = {};

  constructor(
    readonly np: Np,
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    initStd = 0.01,
  ) {
    this.W1 = np.random.randn(inputSize, hiddenSize).multiply(initStd);
    this.b1 = np.zeros([1, hiddenSize]);
    this.W2 = np.random.randn(hiddenSize, outputSize).multiply(initStd);
    this.b2 = np.zeros([1, outputSize]);
  }

  softmax(x: NDArray): NDArray {
    const np = this.np;
    const expX = np.exp(x.subtract(np.max(x, { axis: 1, keepdims: true })));
    return expX.divide(np.sum(expX, { axis: 1, keepdims: true }));
  }

  forward(X: NDArray): NDArray {
    const np = this.np;
    const z1 = X.matmul(this.W1).add(this.b1);
    const a1 = np.maximum(0, z1);
    const z2 = a1.matmul(this.W2).add(this.b2);
    const a2 = this.softmax(z2);
    this.cache = { X, z1, a1, z2, a2 };
    return a2;
  }

  backward(yTrue: NDArray): Record<"dW1" | "db1" | "dW2" | "db2", NDArray> {
    const np = this.np;
    const m = yTrue.shape[0];
    const { X, a1, a2, z1 } = this.cache;
    const dz2 = a2.subtract(yTrue);
    const dW2 = a1.T.matmul(dz2).divide(m);
    const db2 = np.sum(dz2, { axis: 0, keepdims: true }).divide(m);
    const da1 = dz2.matmul(this.W2.T);
    const dz1 = da1.multiply(z1.greater(0).astype(np.float64));
    const dW1 = X.T.matmul(dz1).divide(m);
    const db1 = np.sum(dz1, { axis: 0, keepdims: true }).divide(m);
    return { dW1, db1, dW2, db2 };
  }

  computeLoss(yPred: NDArray, yTrue: NDArray): number {
    const np = this.np;
    const m = yTrue.shape[0];
    const logProbs = np.negative(
      np.log(yPred.pick(np.arange(m), yTrue.argmax({ axis: 1 })).add(1e-8)),
    );
    return np.mean(logProbs);
  }

  trainStep(X: NDArray, y: NDArray, lr = 0.01): number {
    const np = this.np;
    const yPred = this.forward(X);
    const loss = this.computeLoss(yPred, y);
    const grads = this.backward(y);
    this.W1.subtractInPlace(np.multiply(lr, grads.dW1));
    this.b1.subtractInPlace(np.multiply(lr, grads.db1));
    this.W2.subtractInPlace(np.multiply(lr, grads.dW2));
    this.b2.subtractInPlace(np.multiply(lr, grads.db2));
    return loss;
  }
}

function matmulCase(size: number): Case {
  return {
    name: `matmul ${size}x${size} @ ${size}x${size}`,
    setup(np) {
      const rs = new np.random.RandomState(0);
      const a = rs.randn(size, size);
      const b = rs.randn(size, size);
      return () => np.matmul(a, b);
    },
  };
}

function trainingCase(
  name: string,
  samples: number,
  inputs: number,
  hidden: number,
  classes: number,
): Case {
  return {
    name,
    setup(np) {
      np.random.seed(42);
      const X = np.random.randn(samples, inputs);
      const labels = np.random.randint(0, classes, samples);
      const y = np.eye(classes).take(labels);
      const net = new TwoLayerNet(np, inputs, hidden, classes);
      return () => net.trainStep(X, y, 0.01);
    },
  };
}

/** Every case, in the order of the table. */
export const CASES: Case[] = [
  matmulCase(64),
  matmulCase(256),
  matmulCase(512),
  trainingCase("exercise 05 step (210x2 -> 10 -> 2)", 210, 2, 10, 2),
  trainingCase("MNIST-sized step (64x784 -> 128 -> 10)", 64, 784, 128, 10),
  {
    name: "a + row, (1000,1000) + (1000,)",
    setup(np) {
      const rs = new np.random.RandomState(0);
      const a = rs.randn(1000, 1000);
      const row = rs.randn(1000);
      return () => np.add(a, row);
    },
  },
  {
    name: "np.exp, 10^6 elements",
    setup(np) {
      const a = new np.random.RandomState(0).randn(1000, 1000);
      return () => np.exp(a);
    },
  },
  {
    name: "np.sum(a, axis=0), (1000,1000)",
    setup(np) {
      const a = new np.random.RandomState(0).randn(1000, 1000);
      return () => np.sum(a, { axis: 0 });
    },
  },
  // The exercises' own sizes, where the cost of a call counts more than
  // that of an element.
  {
    name: "z + b, (210,10) + (1,10)",
    setup(np) {
      const rs = new np.random.RandomState(0);
      const z = rs.randn(210, 10);
      const b = rs.randn(1, 10);
      return () => z.add(b);
    },
  },
  {
    name: "np.exp, (210,10)",
    setup(np) {
      const z = new np.random.RandomState(0).randn(210, 10);
      return () => np.exp(z);
    },
  },
  {
    name: "matmul 64x784 @ 784x128",
    setup(np) {
      const rs = new np.random.RandomState(0);
      const X = rs.randn(64, 784);
      const W = rs.randn(784, 128);
      return () => X.matmul(W);
    },
  },
  // The MNIST step's weight gradient, a transpose times a matrix: the
  // transpose is a view, read in place as the product copies it in.
  {
    name: "X.T @ dz, (784,64) @ (64,128)",
    setup(np) {
      const rs = new np.random.RandomState(0);
      const X = rs.randn(64, 784);
      const dz = rs.randn(64, 128);
      return () => X.T.matmul(dz);
    },
  },
  {
    name: "np.sum(a.T, axis=0), (1000,1000)",
    setup(np) {
      const a = new np.random.RandomState(0).randn(1000, 1000);
      return () => np.sum(a.T, { axis: 0 });
    },
  },
];
