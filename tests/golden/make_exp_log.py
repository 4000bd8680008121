"""Writes correctly rounded exp and log values for the ufuncs test.

Run from the repository root:  python3 tests/golden/make_exp_log.py

Outputs (little-endian float64, one value per input, in input order):
  tests/golden/exp_correct.f64   exp(x) correctly rounded, 200,000 values
  tests/golden/log_correct.f64   log(x) correctly rounded, 200,000 values
  tests/golden/exp_log.json      counts, input checksums, and how many of the
                                 inputs this machine's C library (Python's
                                 math module) and NumPy get wrong

The inputs are not stored: both this script and tests/ufuncs_test.ts compute
them with the formulas below, using only IEEE additions, multiplications and
exact powers of two, which give the same bits in every language. The JSON
holds a SHA-256 of the input bytes so the test can prove it rebuilt them.

With i = 0 .. 199,999:
  u = frac((i + 1) * 0.6180339887498949)     (golden-ratio sequence in [0, 1))
  v = frac((i + 1) * 0.7548776662466927)     (a second, independent sequence)
exp inputs, by i % 8:
  0-3: -40 + 80 * u                          dense where activations live
  4-5: -745 + 1454.78 * u                    the whole finite range
  6:   (u - 0.5) * 2^-(i % 61)               near zero, down to 2^-61
  7:   -745 + 37 * u                         results in the subnormal range
log inputs, by i % 4:
  0:   1 + (u - 0.5) * 2^-(i % 41)           around 1, down to 2^-41 away
  1-2: (1 + u) * 2^e, e = -1074 + floor(2098 * v)   every binade, subnormals
                                             included (rounded by the multiply)
  3:   0.5 + 1.5 * u                         [0.5, 2)

Correct rounding: mpmath evaluates at 120 bits; the result is rounded to the
nearest double exactly (via fractions), and accepted only when the 120-bit value
is far enough from the midway point between two doubles that its own error
cannot change the rounding. Otherwise the precision doubles and it retries.
"""
import hashlib
import json
import math
import struct
import sys
from fractions import Fraction

import mpmath
import numpy as np

COUNT = 200_000
PHI = 0.6180339887498949
PLASTIC = 0.7548776662466927


def frac(x):
    return x - math.floor(x)


def exp_input(i):
    u = frac((i + 1) * PHI)
    kind = i % 8
    if kind <= 3:
        return -40 + 80 * u
    if kind <= 5:
        return -745 + 1454.78 * u
    if kind == 6:
        return (u - 0.5) * math.ldexp(1.0, -(i % 61))
    return -745 + 37 * u


def log_input(i):
    u = frac((i + 1) * PHI)
    v = frac((i + 1) * PLASTIC)
    kind = i % 4
    if kind == 0:
        return 1 + (u - 0.5) * math.ldexp(1.0, -(i % 41))
    if kind <= 2:
        e = -1074 + math.floor(2098 * v)
        return (1 + u) * math.ldexp(1.0, e)
    return 0.5 + 1.5 * u


def correctly_rounded(function, x):
    precision = 120
    while True:
        mpmath.mp.prec = precision
        approx = exact(function(mpmath.mpf(x)))
        nearest = float(approx)
        if approx == nearest:
            return nearest
        toward = math.nextafter(nearest, math.inf if approx > nearest else -math.inf)
        midpoint = (Fraction(nearest) + Fraction(toward)) / 2
        if abs(approx - midpoint) > abs(approx) * Fraction(1, 2 ** (precision - 8)):
            return nearest
        precision *= 2


def exact(value):
    """The exact rational value of an mpmath number."""
    sign, mantissa, exponent, _ = value._mpf_
    magnitude = Fraction(mantissa) * Fraction(2) ** exponent
    return -magnitude if sign else magnitude


def pack(values):
    return struct.pack(f"<{len(values)}d", *values)


def main():
    results = {}
    for name, make_input, function, libm, numpy_function in (
        ("exp", exp_input, mpmath.exp, math.exp, np.exp),
        ("log", log_input, mpmath.log, math.log, np.log),
    ):
        inputs = [make_input(i) for i in range(COUNT)]
        correct = [correctly_rounded(function, x) for x in inputs]
        with open(f"tests/golden/{name}_correct.f64", "wb") as handle:
            handle.write(pack(correct))
        libm_wrong = sum(1 for x, y in zip(inputs, correct) if libm(x) != y)
        numpy_values = numpy_function(np.array(inputs))
        numpy_wrong = int(np.sum(numpy_values != np.array(correct)))
        results[name] = {
            "count": COUNT,
            "inputSha256": hashlib.sha256(pack(inputs)).hexdigest(),
            "cLibraryWrong": libm_wrong,
            "numpyWrong": numpy_wrong,
            "smallestInput": min(inputs),
            "largestInput": max(inputs),
        }
        print(f"{name}: {COUNT} inputs; C library (math.{name}) wrong on {libm_wrong}, "
              f"NumPy {np.__version__} np.{name} wrong on {numpy_wrong}")
    results["python"] = sys.version.split()[0]
    results["numpy"] = np.__version__
    results["mpmath"] = mpmath.__version__
    with open("tests/golden/exp_log.json", "w") as handle:
        json.dump(results, handle, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
