"""Golden data for lib/_fma.ts: a*b+c rounded once, from exact rational
arithmetic, for inputs that stress the last bit (near-cancellation, ties,
products that round, mixed magnitudes)."""
import json
import random
from fractions import Fraction

random.seed(20261122)


def exact_fma(a, b, c):
    return float(Fraction(a) * Fraction(b) + Fraction(c))


cases = []
for _ in range(12000):
    kind = random.randrange(5)
    a = random.uniform(-4, 4) * 2.0 ** random.randint(-30, 30)
    b = random.uniform(-4, 4) * 2.0 ** random.randint(-30, 30)
    if kind == 0:
        c = random.uniform(-4, 4) * 2.0 ** random.randint(-60, 60)
    elif kind == 1:  # near-cancellation: c close to -a*b
        c = -(a * b) * (1 + random.uniform(-1e-12, 1e-12))
    elif kind == 2:  # c exactly -round(a*b): the result is the product's rounding error
        c = -(a * b)
    elif kind == 3:  # small integers: many exact cases and ties
        a, b = float(random.randint(-2**27, 2**27)), float(random.randint(-2**27, 2**27))
        c = float(random.randint(-2**53, 2**53))
    else:  # c tiny relative to a*b: the product's own rounding decides
        c = (a * b) * 2.0 ** random.randint(-80, -50) * random.choice([-1, 1])
    cases.append([a.hex(), b.hex(), c.hex(), exact_fma(a, b, c).hex()])

with open(__file__.replace("make_fma.py", "fma.json"), "w") as f:
    json.dump(cases, f)
