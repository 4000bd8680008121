"""Writes tests/golden/corners.json: NumPy's answers at the corners where
JavaScript's own rules differ, and where the library used to be stricter.

Run from the repository root with NumPy 2.x:  python3 tests/golden/make_corners.py

- power of special values (±0, ±1, ±inf, nan, subnormals, huge), with a
  scalar exponent (NumPy's fast paths for 2, 0.5, 1) and an array one (C's pow);
- clip with every combination of signed zeros, nan and infinities, bounds
  that are scalars, 0-d arrays, columns or full arrays, and min > max;
- str and repr of arrays holding subnormals (NumPy prints the exact digits
  past the shortest ones);
- max and min of bool arrays, concatenate with axis=None, eye with M and k,
  randint with an empty size, normal with a nan loc or scale (the next draw
  shows how far the stream moved), and arrays of 64 and 65 dimensions.

Doubles are written as float.hex().
"""
import json
import math
import sys
import warnings

import mpmath
import numpy as np

mpmath.mp.prec = 300

SPECIAL = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, float("inf"), float("-inf"), float("nan"),
           1e308, -1e308, 1e-308, 5e-324, -5e-324, 2.5, -2.5, 1e-10, 10.0, 0.1]


def hexes(values):
    return [float(v).hex() for v in np.asarray(values, dtype=np.float64).reshape(-1)]


def quiet(run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run()


def correctly_rounded_powers(xs, ys):
    """x**y rounded once from the exact value, where NumPy's differs from it
    (its vectorised pow is not always correctly rounded); None elsewhere."""
    out = []
    for x, y, got in zip(xs, ys, np.power(np.asarray(xs), np.asarray(ys))):
        x, y, got = float(x), float(y), float(got)
        if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(got) and x > 0 and got != 0):
            out.append(None)
            continue
        exact = float(mpmath.power(mpmath.mpf(x), mpmath.mpf(y)))
        out.append(None if exact == got else exact.hex())
    return out


def power():
    cases = []
    x = np.array(SPECIAL)
    for y in SPECIAL:
        result = quiet(lambda: np.power(x, y))
        cases.append({"kind": "scalar exponent", "x": hexes(x), "y": [float(y).hex()],
                      "result": hexes(result),
                      "correct": quiet(lambda: correctly_rounded_powers(x, np.full(len(x), y)))})
    # Every pair with an array exponent: C's pow, no fast paths.
    xs = np.repeat(x, len(SPECIAL))
    ys = np.tile(np.array(SPECIAL), len(SPECIAL))
    cases.append({"kind": "array exponent", "x": hexes(xs), "y": hexes(ys),
                  "result": hexes(quiet(lambda: np.power(xs, ys))),
                  "correct": quiet(lambda: correctly_rounded_powers(xs, ys))})
    # Two Python floats.
    for a, b in [(1.0, float("nan")), (-1.0, float("inf")), (-1.0, float("-inf")), (float("nan"), 0.0),
                 (-0.0, 0.5), (float("-inf"), 0.5), (2.0, 0.5), (-8.0, 1 / 3), (0.0, -1.0), (-0.0, -1.0)]:
        cases.append({"kind": "scalars", "x": [float(a).hex()], "y": [float(b).hex()],
                      "result": hexes(quiet(lambda: np.power(a, b))),
                      "correct": quiet(lambda: correctly_rounded_powers([a], [b]))})
    return cases


def clip():
    cases = []
    values = [-0.0, 0.0, -1.0, 1.0, 0.5, float("nan"), float("inf"), float("-inf"), 3.0, -3.0]
    bounds = [-0.0, 0.0, -1.0, 1.0, float("nan"), 2.0, None]
    x = np.array(values)
    for lo in bounds:
        for hi in bounds:
            if lo is None and hi is None:
                continue
            forms = {"scalar": (lo, hi)}
            forms["0-d"] = tuple(None if b is None else np.array(b) for b in (lo, hi))
            forms["full"] = tuple(None if b is None else np.full(len(values), b) for b in (lo, hi))
            for form, (low, high) in forms.items():
                result = quiet(lambda: np.clip(x, low, high))
                cases.append({"x": hexes(x), "xShape": [len(values)], "form": form,
                              "lo": None if lo is None else float(lo).hex(),
                              "hi": None if hi is None else float(hi).hex(),
                              "result": hexes(result), "shape": list(result.shape),
                              "dtype": str(result.dtype)})
    # Bounds that broadcast: a column against a matrix, and a row.
    m = np.array(values[:8]).reshape(4, 2)
    for form, low, high in [("column", np.array([[-0.0], [0.0], [0.5], [-1.0]]), 1.0),
                            ("row", np.array([0.0, -0.0]), np.array([0.0, 0.0])),
                            ("column both", np.zeros((4, 1)), np.zeros((4, 1)))]:
        result = quiet(lambda: np.clip(m, low, high))
        cases.append({"x": hexes(m), "xShape": [4, 2], "form": form,
                      "lo": hexes(low), "loShape": list(np.shape(low)),
                      "hi": hexes(high), "hiShape": list(np.shape(high)),
                      "result": hexes(result), "shape": list(result.shape), "dtype": str(result.dtype)})
    # Integers, integer and float bounds, and min > max.
    ints = np.array([1, 2, 3, 4, 5])
    for low, high in [(2, 4), (1.5, 3), (4, 2), (3.5, 1)]:
        result = np.clip(ints, low, high)
        cases.append({"x": hexes(ints), "xShape": [5], "xDType": "int64", "form": "scalar",
                      "lo": float(low).hex(), "hi": float(high).hex(), "loInt": isinstance(low, int),
                      "result": hexes(result), "shape": list(result.shape), "dtype": str(result.dtype)})
    return cases


def printing():
    arrays = [
        [5e-324], [5e-324, 1.5e-5], [5e-324, 1.25e-5], [1e-320, 1.123456789], [5e-324, 1e-323, 2e-323, 1e-310],
        [1e-310, 1.1e-310], [2.2250738585072014e-308 / 3, 1.0], [-5e-324, 0.0, 1.0], [4e-323, 7.5e-321],
        [1e-315, 123456.789], [2.2250738585072014e-308, 2.2250738585072009e-308], [3e-320, float("nan")],
    ]
    out = []
    for values in arrays:
        a = np.array(values)
        out.append({"values": hexes(a), "str": str(a), "repr": repr(a)})
    for value in (5e-324, 1e-310, -2.5e-320):
        a = np.array(value)
        out.append({"values": hexes(a), "shape": [], "str": str(a), "repr": repr(a)})
    return out


def bool_extremes():
    out = []
    for values in ([True, False], [False, False], [True], [[True, False], [False, False]]):
        a = np.array(values)
        for name in ("max", "min"):
            whole = getattr(np, name)(a)
            out.append({"values": np.asarray(values).reshape(-1).tolist(), "shape": list(a.shape),
                        "op": name, "axis": None, "result": [bool(whole)], "type": type(whole).__name__})
            if a.ndim == 2:
                along = getattr(np, name)(a, axis=0)
                out.append({"values": a.reshape(-1).tolist(), "shape": list(a.shape), "op": name, "axis": 0,
                            "result": along.tolist(), "type": str(along.dtype)})
    return out


def concatenate_none():
    out = []
    for arrays in ([np.arange(4.).reshape(2, 2), np.ones((1, 2))], [np.arange(3), np.arange(6).reshape(2, 3)],
                   [np.array([[1.0]]), np.zeros((2, 2, 2))], [np.arange(6.).reshape(2, 3).T, np.array([7.0])]):
        result = np.concatenate(arrays, axis=None)
        out.append({"arrays": [{"values": hexes(a), "shape": list(a.shape), "transposed": False}
                               for a in arrays], "result": hexes(result), "dtype": str(result.dtype)})
    out[-1]["arrays"][0] = {"values": hexes(np.arange(6.)), "shape": [2, 3], "transposed": True}
    return out


def eyes():
    out = []
    for n, m, k in [(2, 3, 0), (3, 2, 0), (3, 3, 1), (3, 4, -1), (2, 5, 3), (4, None, -2), (1, 0, 0)]:
        result = np.eye(n, M=m, k=k)
        out.append({"n": n, "M": m, "k": k, "shape": list(result.shape), "result": hexes(result)})
    return out


def random_corners():
    out = []
    for args, size in [((5, 5), 0), ((5, 5), (2, 0)), ((0,), 0), ((10,), (0, 3)), ((3, 9), 0), ((5, 5), 1)]:
        rs = np.random.RandomState(7)
        try:
            result = rs.randint(*args, size=size)
            entry = {"values": np.asarray(result).reshape(-1).tolist(), "shape": list(np.shape(result))}
        except ValueError as error:
            entry = {"error": str(error)}
        entry.update({"op": "randint", "args": list(args), "size": size, "next": float(rs.rand()).hex()})
        out.append(entry)
    for loc, scale, size in [(0.0, float("nan"), None), (float("nan"), 1.0, None), (0.0, float("nan"), 3),
                             (float("nan"), float("nan"), 2), (float("inf"), 1.0, None)]:
        rs = np.random.RandomState(7)
        result = rs.normal(loc, scale, size)
        out.append({"op": "normal", "loc": float(loc).hex(), "scale": float(scale).hex(), "size": size,
                    "values": hexes(result), "next": float(rs.rand()).hex()})
    return out


def dimensions():
    out = []
    for name, run in [("zeros 64", lambda: np.zeros([1] * 64)), ("zeros 65", lambda: np.zeros([1] * 65)),
                      ("reshape 65", lambda: np.zeros(1).reshape([1] * 65)),
                      ("expand_dims 65", lambda: np.expand_dims(np.zeros([1] * 64), 0)),
                      ("broadcast_to 65", lambda: np.broadcast_to(np.zeros(1), [1] * 65))]:
        try:
            out.append({"case": name, "ndim": run().ndim})
        except ValueError as error:
            out.append({"case": name, "error": str(error)})
    return out


def main():
    out = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "power": power(),
        "clip": clip(),
        "printing": printing(),
        "boolExtremes": bool_extremes(),
        "concatenateNone": concatenate_none(),
        "eye": eyes(),
        "random": random_corners(),
        "dimensions": dimensions(),
    }
    with open("tests/golden/corners.json", "w") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")
    print({key: len(value) for key, value in out.items() if isinstance(value, list)})


if __name__ == "__main__":
    main()
