"""One case of tools/bench/cold.ts in NumPy, in this fresh process: the
seconds of its first call and of calls 2-10, as JSON."""
import json
import sys
import time

import numpy as np


def case(name):
    rs = np.random.RandomState(0)
    if name.startswith("big.add(row)"):
        big, row = rs.randn(1000, 1000), rs.randn(1, 1000)
        return lambda: big + row
    if name.startswith("np.exp(big)"):
        big = rs.randn(1000, 1000)
        return lambda: np.exp(big)
    if name.startswith("np.sum(big"):
        big = rs.randn(1000, 1000)
        return lambda: np.sum(big, axis=0)
    if name.startswith("A @ B"):
        a, b = rs.randn(512, 512), rs.randn(512, 512)
        return lambda: a @ b
    if name.startswith("np.maximum(0, X @ W + b)"):
        x, w, b = rs.randn(210, 2), rs.randn(2, 10), rs.randn(1, 10)
        return lambda: np.maximum(0, x @ w + b)
    raise SystemExit(f"numpy_cold.py: no case {name!r}")


call = case(sys.argv[1])
seconds = []
for _ in range(10):
    start = time.perf_counter()
    call()
    seconds.append(time.perf_counter() - start)
print(json.dumps({"numpy": np.__version__, "seconds": seconds}))
