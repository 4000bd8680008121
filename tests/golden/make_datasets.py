"""Golden data for lib/datasets.ts: make_moons and train_test_split as
scikit-learn 1.2 computes them, replayed with the machine's NumPy (the
algorithm is scikit-learn's; scikit-learn itself is not needed)."""
import json
import math
import mpmath
import numpy as np

mpmath.mp.prec = 200


def correctly_rounded(function):
    """An element-wise sin or cos rounded correctly from 200-bit values."""
    return lambda xs: np.array([float(function(mpmath.mpf(float(x)))) for x in xs])


def make_moons(n_samples, shuffle, noise, random_state, cos=np.cos, sin=np.sin):
    outer = n_samples // 2
    inner = n_samples - outer
    generator = np.random.RandomState(random_state)
    outer_x = cos(np.linspace(0, np.pi, outer))
    outer_y = sin(np.linspace(0, np.pi, outer))
    inner_x = 1 - cos(np.linspace(0, np.pi, inner))
    inner_y = 1 - sin(np.linspace(0, np.pi, inner)) - 0.5
    X = np.vstack([np.append(outer_x, inner_x), np.append(outer_y, inner_y)]).T
    y = np.hstack([np.zeros(outer, dtype=np.intp), np.ones(inner, dtype=np.intp)])
    if shuffle:
        order = np.arange(n_samples)
        generator.shuffle(order)
        X, y = X[order], y[order]
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return X, y


def split_rows(n_samples, test_size, random_state):
    n_test = math.ceil(test_size * n_samples)
    n_train = n_samples - n_test
    permutation = np.random.RandomState(random_state).permutation(n_samples)
    return permutation[n_test:n_test + n_train], permutation[:n_test]


cases = []
for n_samples, shuffle, noise, seed in [(300, True, 0.2, 42), (100, True, None, 0), (7, True, 0.1, 1),
                                         (301, False, 0.05, 12345), (50, True, 0.3, 2**32 - 1)]:
    X, y = make_moons(n_samples, shuffle, noise, seed)
    # The same draws with correctly rounded sin and cos: NumPy's own sin and
    # cos are off by one unit in the last place for a few angles.
    X_exact, y_exact = make_moons(n_samples, shuffle, noise, seed,
                                  correctly_rounded(mpmath.cos), correctly_rounded(mpmath.sin))
    assert np.array_equal(y, y_exact)
    cases.append({"nSamples": n_samples, "shuffle": shuffle, "noise": noise, "randomState": seed,
                  "X": [v.hex() for v in X.ravel().tolist()],
                  "XCorrectlyRoundedTrig": [v.hex() for v in X_exact.ravel().tolist()],
                  "y": y.tolist()})

splits = []
for n_samples, test_size, seed in [(300, 0.3, 42), (100, 0.25, 0), (10, 0.5, 7)]:
    train, test = split_rows(n_samples, test_size, seed)
    splits.append({"rows": n_samples, "testSize": test_size, "randomState": seed,
                   "train": train.tolist(), "test": test.tolist()})

with open(__file__.replace("make_datasets.py", "datasets.json"), "w") as f:
    json.dump({"numpy": np.__version__, "moons": cases, "splits": splits}, f)
