"""Records NumPy's legacy random streams as golden data for tests/random_test.ts.

Run from the project root with NumPy 2.x and mpmath installed:

    python3 tests/golden/make_random.py

Writes, next to this script:
  random_cases.json           scripted call sequences per seed and NumPy's outputs
  random_gauss_stream.json    summary of the long Gaussian stream and its flagged draws
  random_gauss_stream.f64     NumPy's draws of that stream, little-endian float64

Gaussian draws come from the polar method, whose output depends on log(r2).
NumPy takes log from the C library, which is not correctly rounded for a small
share of inputs; the library under test uses JavaScript's Math.log, which
rounds correctly on every r2 the tests check (they assert it at each flagged
draw). So for every Gaussian call this script replays the polar method twice
on NumPy's own uniform doubles: once with the C library's log (math.log),
which must reproduce NumPy bit for bit and so proves the replay faithful, and
once with mpmath's correctly rounded log. Draws where the two replays differ
are "flagged", with the value the correctly rounded log gives and the r2 and
both logs that explain the difference.
"""

import json
import math
import os
import struct
import sys

import mpmath
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
mpmath.mp.prec = 256

SEEDS = [0, 1, 42, 12345, 2**32 - 1, 7, 2024, 123456789, [1, 2, 3]]
STREAM_SEED = 12345
STREAM_DRAWS = 200_000
GAUSSIAN_METHODS = {"randn", "standard_normal", "normal"}


def correctly_rounded_log(x):
    # 256 bits of working precision leave no room for double rounding.
    return float(mpmath.log(mpmath.mpf(x)))


class PolarReplay:
    """NumPy's legacy_gauss, re-run on NumPy's own uniform doubles with a chosen log."""

    def __init__(self, seed, log):
        self.uniform = np.random.RandomState(seed)
        self.log = log
        self.cached = None

    def seed(self, seed):
        self.uniform.seed(seed)
        self.cached = None

    def gauss(self):
        """Returns (value, r2 of its pair, whether this call computed the pair)."""
        if self.cached is not None:
            (value, r2), self.cached = self.cached, None
            return value, r2, False
        while True:
            x1 = 2.0 * self.uniform.random_sample() - 1.0
            x2 = 2.0 * self.uniform.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * self.log(r2) / r2)
        self.cached = (f * x1, r2)
        return f * x2, r2, True

    def gaussians(self, method, args, kwargs):
        """Replays one randn / standard_normal / normal call."""
        names = {"randn": [], "standard_normal": ["size"], "normal": ["loc", "scale", "size"]}[method]
        params = dict(zip(names, args))
        params.update(kwargs)
        if method == "randn":
            count = int(np.prod(args))
        else:
            size = params.get("size")
            count = 1 if size is None else int(np.prod(size))
        draws = [self.gauss() for _ in range(count)]
        if method == "normal":
            loc, scale = params.get("loc", 0.0), params.get("scale", 1.0)
            draws = [(loc + scale * value, r2, fresh) for value, r2, fresh in draws]
        return draws


def encode_arg(arg):
    if isinstance(arg, np.ndarray):
        return {"ndarray": encode_array(arg)}
    if isinstance(arg, tuple):
        return list(arg)
    return arg


def encode_array(array):
    dtype = {"f": "float64", "i": "int64", "b": "bool"}[array.dtype.kind]
    values = [int(v) for v in array.ravel()] if dtype == "int64" else [float(v) for v in array.ravel()]
    return {"shape": list(array.shape), "dtype": dtype, "values": values}


def encode_result(result):
    if isinstance(result, np.ndarray):
        return {"kind": "array", **encode_array(result)}
    if isinstance(result, (int, np.integer)):
        return {"kind": "scalar", "dtype": "int64", "value": int(result)}
    return {"kind": "scalar", "dtype": "float64", "value": float(result)}


def encode_state(state):
    name, key, pos, has_gauss, cached = state
    return {
        "kind": "state",
        "bitGenerator": name,
        "key": [int(word) for word in key],
        "pos": int(pos),
        "hasGauss": bool(has_gauss),
        "cachedGaussian": float(cached),
    }


def script(seed):
    """One call sequence, run for every seed."""
    grid = np.arange(40, dtype=np.float64).reshape(10, 4) * 1.5
    return [
        ("rand", [5], {}),
        ("rand", [2, 3], {}),
        ("rand", [], {}),
        # Interleaved Gaussian and uniform calls: the cached second Gaussian
        # must survive across calls and across other methods.
        ("randn", [3], {}),
        ("rand", [2], {}),
        ("randn", [5], {}),
        ("randn", [], {}),
        ("randn", [2, 2], {}),
        ("get_state", [], {}),
        # Reseeding while a Gaussian is cached must drop it.
        ("seed", [seed], {}),
        ("randn", [3], {}),
        ("random_sample", [], {"size": 4}),
        ("random_sample", [], {}),
        ("random", [(2, 2)], {}),
        ("standard_normal", [], {"size": 3}),
        ("uniform", [-2, 3], {"size": 5}),
        ("uniform", [], {}),
        ("uniform", [], {"low": 5, "high": 10, "size": (2, 2)}),
        ("uniform", [1, 0, 3], {}),
        ("normal", [], {"size": 5}),
        ("normal", [10, 2], {"size": 4}),
        ("normal", [], {"loc": -1, "scale": 0.5}),
        ("normal", [0, 0.2, (3, 2)], {}),
        ("normal", [3, 0, 2], {}),
        ("get_state", [], {}),
        ("randint", [10], {"size": 20}),
        ("randint", [100], {"size": 20}),
        ("randint", [3], {"size": 20}),
        ("randint", [-5, 5], {"size": 10}),
        ("randint", [1, 7], {}),
        ("randint", [0, 2**31], {"size": 10}),
        ("randint", [0, 2**31 + 1], {"size": 10}),
        ("randint", [0, 2**32], {"size": 5}),
        ("randint", [0, 2**33], {"size": 10}),
        ("randint", [-(2**40), 2**40 + 12345], {"size": 5}),
        ("randint", [0, 2**53], {"size": 5}),
        ("randint", [5, 6], {"size": 3}),
        ("randint", [2], {"size": (4, 5)}),
        ("permutation", [300], {}),
        ("permutation", [10], {}),
        ("permutation", [np.linspace(-1, 1, 7)], {}),
        ("permutation", [np.arange(18).reshape(6, 3)], {}),
        ("shuffle", [grid], {}),
        ("shuffle", [np.arange(20)], {}),
        ("randn", [7], {}),
        ("random_sample", [], {"size": 1000}),
        ("randn", [1001], {}),
        ("randint", [10], {"size": 1000}),
        ("get_state", [], {}),
    ]


class FlagCounter:
    def __init__(self):
        self.gaussian_draws = 0
        self.flagged = 0
        self.pairs = 0
        self.log_mismatch_pairs = 0


def run_steps(seed, steps, counter, module_level=False):
    rs = np.random.mtrand._rand if module_level else np.random.RandomState(seed)
    if module_level:
        np.random.seed(seed)
    libm = PolarReplay(seed, math.log)
    exact = PolarReplay(seed, correctly_rounded_log)
    recorded = []
    for method, args, kwargs in steps:
        step = {
            "method": method,
            "args": [encode_arg(a) for a in args],
            "kwargs": {k: encode_arg(v) for k, v in kwargs.items()},
        }
        if method == "seed":
            rs.seed(*args)
            libm.seed(*args)
            exact.seed(*args)
            step["result"] = None
        elif method == "get_state":
            step["result"] = encode_state(rs.get_state())
        elif method == "shuffle":
            target = args[0].copy()
            rs.shuffle(target)
            for replay in (libm, exact):
                replay.uniform.shuffle(args[0].copy())
            step["result"] = encode_result(target)
        else:
            result = getattr(rs, method)(*args, **kwargs)
            step["result"] = encode_result(result)
            if method in GAUSSIAN_METHODS:
                step["flagged"] = compare_gaussians(result, libm, exact, method, args, kwargs, counter)
            else:
                for replay in (libm, exact):
                    getattr(replay.uniform, method)(*args, **kwargs)
        recorded.append(step)
    return recorded


def compare_gaussians(result, libm, exact, method, args, kwargs, counter):
    numpy_values = np.atleast_1d(result).ravel()
    libm_draws = libm.gaussians(method, args, kwargs)
    exact_draws = exact.gaussians(method, args, kwargs)
    assert len(libm_draws) == len(numpy_values) == len(exact_draws)
    flagged = []
    for index, (value, (libm_value, r2, fresh), (exact_value, exact_r2, _)) in enumerate(
        zip(numpy_values, libm_draws, exact_draws)
    ):
        # The replay with the C library's log must be NumPy itself.
        assert float(value).hex() == libm_value.hex(), (method, index, value, libm_value)
        assert r2 == exact_r2
        counter.gaussian_draws += 1
        libm_log, exact_log = math.log(r2), correctly_rounded_log(r2)
        if fresh:
            counter.pairs += 1
            counter.log_mismatch_pairs += libm_log != exact_log
        if exact_value.hex() != libm_value.hex():
            assert libm_log != exact_log
            counter.flagged += 1
            flagged.append(
                {
                    "index": index,
                    "numpy": float(value),
                    "correctlyRounded": exact_value,
                    "r2": r2,
                    "libmLog": libm_log,
                    "correctlyRoundedLog": exact_log,
                }
            )
    return flagged


def make_cases():
    counter = FlagCounter()
    cases = []
    for seed in SEEDS:
        cases.append({"name": f"RandomState({seed})", "seed": seed, "steps": run_steps(seed, script(seed), counter)})
    # What the exercises do with the module-level generator.
    module_steps = [
        ("randn", [2, 2], {}),
        ("randn", [2, 1], {}),
        ("randn", [2, 2], {}),
        ("randn", [2, 1], {}),
        ("seed", [42], {}),
        ("randn", [2, 10], {}),
        ("randn", [10, 1], {}),
        ("rand", [3], {}),
        ("randint", [0, 10], {"size": 5}),
        ("permutation", [12], {}),
        ("normal", [], {"scale": 0.2, "size": (5, 2)}),
        ("uniform", [-1, 1], {"size": 4}),
        ("random_sample", [], {}),
        ("randn", [], {}),
    ]
    cases.append({"name": "np.random after seed(42)", "seed": 42, "moduleLevel": True,
                  "steps": run_steps(42, module_steps, counter, module_level=True)})
    return cases, counter


def make_stream():
    rs = np.random.RandomState(STREAM_SEED)
    values = rs.randn(STREAM_DRAWS)
    counter = FlagCounter()
    flagged = compare_gaussians(
        values,
        PolarReplay(STREAM_SEED, math.log),
        PolarReplay(STREAM_SEED, correctly_rounded_log),
        "randn",
        [STREAM_DRAWS],
        {},
        counter,
    )
    with open(os.path.join(HERE, "random_gauss_stream.f64"), "wb") as out:
        out.write(struct.pack(f"<{STREAM_DRAWS}d", *values))
    return {
        "seed": STREAM_SEED,
        "call": f"RandomState({STREAM_SEED}).randn({STREAM_DRAWS})",
        "file": "random_gauss_stream.f64",
        "draws": STREAM_DRAWS,
        "pairs": counter.pairs,
        "logMismatchPairs": counter.log_mismatch_pairs,
        "flaggedDraws": counter.flagged,
        "flagged": flagged,
    }


def main():
    cases, counter = make_cases()
    meta = {
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "mpmath": mpmath.__version__,
    }
    with open(os.path.join(HERE, "random_cases.json"), "w") as out:
        json.dump({"generatedWith": meta, "cases": cases}, out, separators=(",", ":"))
    stream = make_stream()
    with open(os.path.join(HERE, "random_gauss_stream.json"), "w") as out:
        json.dump({"generatedWith": meta, **stream}, out, indent=1)
    print(
        f"cases: {counter.gaussian_draws} Gaussian draws, {counter.log_mismatch_pairs} pairs "
        f"with libm log != correctly rounded log, {counter.flagged} flagged draws"
    )
    print(
        f"stream: {stream['draws']} draws, {stream['pairs']} pairs, "
        f"{stream['logMismatchPairs']} log mismatches, {stream['flaggedDraws']} flagged draws"
    )


if __name__ == "__main__":
    main()
