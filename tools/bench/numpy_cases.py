"""The cases of tools/bench/cases.ts in NumPy, timed the same way (best mean
of several batches). Prints one JSON object: the machine's NumPy and BLAS,
and the seconds per call of each case. Run by tools/bench/side_by_side.ts.
"""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


class TwoLayerNet:
    """Notebook 05's network, as in its NumPy original."""

    def __init__(self, input_size, hidden_size, output_size, init_std=0.01):
        self.W1 = np.random.randn(input_size, hidden_size) * init_std
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.randn(hidden_size, output_size) * init_std
        self.b2 = np.zeros((1, output_size))
        self.cache = {}

    @staticmethod
    def softmax(x):
        exp_x = np.exp(x - np.max(x, axis=1, keepdims=True))
        return exp_x / np.sum(exp_x, axis=1, keepdims=True)

    def forward(self, X):
        z1 = X @ self.W1 + self.b1
        a1 = np.maximum(0, z1)
        z2 = a1 @ self.W2 + self.b2
        a2 = self.softmax(z2)
        self.cache = {"X": X, "z1": z1, "a1": a1, "z2": z2, "a2": a2}
        return a2

    def backward(self, y_true):
        m = y_true.shape[0]
        X, a1, a2, z1 = (self.cache[name] for name in ("X", "a1", "a2", "z1"))
        dz2 = a2 - y_true
        dW2 = a1.T @ dz2 / m
        db2 = np.sum(dz2, axis=0, keepdims=True) / m
        da1 = dz2 @ self.W2.T
        dz1 = da1 * (z1 > 0).astype(float)
        dW1 = X.T @ dz1 / m
        db1 = np.sum(dz1, axis=0, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

    def compute_loss(self, y_pred, y_true):
        m = y_true.shape[0]
        log_probs = -np.log(y_pred[range(m), y_true.argmax(axis=1)] + 1e-8)
        return np.mean(log_probs)

    def train_step(self, X, y, lr=0.01):
        y_pred = self.forward(X)
        loss = self.compute_loss(y_pred, y)
        grads = self.backward(y)
        self.W1 -= lr * grads["dW1"]
        self.b1 -= lr * grads["db1"]
        self.W2 -= lr * grads["dW2"]
        self.b2 -= lr * grads["db2"]
        return loss


def matmul_case(size):
    rs = np.random.RandomState(0)
    a = rs.randn(size, size)
    b = rs.randn(size, size)
    return lambda: a @ b


def training_case(samples, inputs, hidden, classes):
    np.random.seed(42)
    X = np.random.randn(samples, inputs)
    y = np.eye(classes)[np.random.randint(0, classes, samples)]
    net = TwoLayerNet(inputs, hidden, classes)
    return lambda: net.train_step(X, y, 0.01)


def add_row_case():
    rs = np.random.RandomState(0)
    a = rs.randn(1000, 1000)
    row = rs.randn(1000)
    return lambda: a + row


def exp_case():
    a = np.random.RandomState(0).randn(1000, 1000)
    return lambda: np.exp(a)


def sum_case():
    a = np.random.RandomState(0).randn(1000, 1000)
    return lambda: np.sum(a, axis=0)


def small_add_case():
    rs = np.random.RandomState(0)
    z = rs.randn(210, 10)
    b = rs.randn(1, 10)
    return lambda: z + b


def small_exp_case():
    z = np.random.RandomState(0).randn(210, 10)
    return lambda: np.exp(z)


def mnist_forward_case():
    rs = np.random.RandomState(0)
    X = rs.randn(64, 784)
    W = rs.randn(784, 128)
    return lambda: X @ W


def mnist_weight_gradient_case():
    rs = np.random.RandomState(0)
    X = rs.randn(64, 784)
    dz = rs.randn(64, 128)
    return lambda: X.T @ dz


def transposed_sum_case():
    a = np.random.RandomState(0).randn(1000, 1000)
    return lambda: np.sum(a.T, axis=0)


CASES = [
    matmul_case(64), matmul_case(256), matmul_case(512),
    training_case(210, 2, 10, 2), training_case(64, 784, 128, 10),
    add_row_case(), exp_case(), sum_case(),
    small_add_case(), small_exp_case(), mnist_forward_case(),
    mnist_weight_gradient_case(), transposed_sum_case(),
]


def seconds_per_call(work, budget=2.0):
    """Best mean over batches of at least 50 ms (at most `budget` seconds)."""
    work()
    start = time.perf_counter()
    work()
    once = max(time.perf_counter() - start, 1e-9)
    per_batch = max(1, int(0.05 / once))
    best = float("inf")
    spent = 0.0
    batches = 0
    while batches < 3 or (spent < budget and batches < 15):
        start = time.perf_counter()
        for _ in range(per_batch):
            work()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed / per_batch)
        spent += elapsed
        batches += 1
    return best


def blas_description():
    config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    text = f"{config['name']} {config['version']}"
    for path in glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*")):
        library = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                try:
                    corename = getattr(library, f"{prefix}get_corename{suffix}")
                    threads = getattr(library, f"{prefix}get_num_threads{suffix}")
                except AttributeError:
                    continue
                corename.restype = ctypes.c_char_p
                return f"{text}, kernel {corename().decode()}, {threads()} threads"
    return text


def main():
    which = [int(arg) for arg in sys.argv[1:]] or range(len(CASES))
    print(json.dumps({
        "numpy": np.__version__,
        "blas": blas_description(),
        "seconds": {str(i): seconds_per_call(CASES[i]) for i in which},
    }))


if __name__ == "__main__":
    main()
