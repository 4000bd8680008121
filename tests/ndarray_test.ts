import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("the constructor checks that the shape accounts for the data", () => {
  const a = new np.NDArray(new Float64Array([1, 2, 3, 4]), [2, 2]);
  assertEquals([a.size, a.ndim, a.dtype], [4, 2, "float64"]);
  assertThrows(
    () => new np.NDArray(new Float64Array(3), [2, 2]),
    /NDArray: cannot hold 3 elements in shape \(2,2\)$/,
  );
  assertThrows(
    () => new np.NDArray(new Float64Array(0), [-1]),
    /NDArray: invalid shape \(-1,\)$/,
  );
});

Deno.test("printing goes through NumPy's str and repr", () => {
  const a = np.array([[1, 2.5]]);
  assertEquals(a.toString(), "[[1.  2.5]]");
  assertEquals(`${a}`, "[[1.  2.5]]");
  assertEquals(Deno.inspect(a), "[[1.  2.5]]");
  const display = (a as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]();
  assertEquals(display["text/plain"], "array([[1. , 2.5]])");
  assert(display["text/html"].length > 0);
});

Deno.test("a 0-d array displays as the scalar NumPy would have returned", () => {
  const value = np.multiply(0.5, np.power(np.subtract(np.array(1.9219), 1), 2));
  assertEquals(value.ndim, 0);
  const display = (value as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]();
  assertEquals(display, { "text/plain": String(0.5 * (1.9219 - 1) ** 2) });
});

Deno.test("a size-1 array acts as a number in JS arithmetic and comparisons", () => {
  const loss = np.matmul(np.array([1, 2]), np.array([3, 4]));
  assertEquals(+loss, 11);
  assert((loss as unknown as number) > 10);
  assertEquals((loss as unknown as number) * 2, 22);
  assertThrows(
    () => +np.zeros(2),
    /only size-1 arrays can be converted to numbers, this one has shape \(2,\)$/,
  );
});

Deno.test("copy is independent; astype converts", () => {
  const a = np.array([1.5, -2.5]);
  const b = a.copy();
  b.set(0, 0);
  assertEquals(a.get(0), 1.5);
  assertEquals(a.astype(np.int64).tolist(), [1, -2]);
});

Deno.test("methods chain like NumPy expressions", () => {
  const X = np.array([[2.0, 3.0], [1.0, 1.0], [3.0, 2.0], [0.5, 0.5]]);
  const W1 = np.array([[0.1, -0.2], [0.3, 0.4]]);
  const b1 = np.zeros([1, 2]);
  const z1 = X.matmul(W1).add(b1);
  assertEquals(z1.shape, [4, 2]);
  const a1 = np.maximum(0, z1);
  assertEquals(a1.min() >= 0, true);
  const db1 = z1.mean({ axis: 0, keepdims: true });
  assertEquals(db1.shape, [1, 2]);
  assertEquals(X.T.matmul(z1).divide(X.shape[0]).shape, [2, 2]);
});

Deno.test("an array shows its layout as NumPy's: strides in bytes, base, flags", () => {
  const a = np.zeros([2, 3]);
  assertEquals(a.strides, [24, 8]);
  assertEquals(a.T.strides, [8, 24]);
  assertEquals(np.zeros([2, 3], "bool").strides, [3, 1]);
  assertEquals(a.base, null);
  assertEquals(a.T.base, a);
  assertEquals(a.flags, { cContiguous: true, fContiguous: false, ownData: true, writeable: true });
  assertEquals(a.T.flags, {
    cContiguous: false,
    fContiguous: true,
    ownData: false,
    writeable: true,
  });
  assertEquals(np.broadcastTo(a, [4, 2, 3]).strides, [0, 24, 8]);
});

Deno.test("the constructor takes 64-bit integers, and checks int64 doubles", () => {
  const big = new np.NDArray(BigInt64Array.of(2n ** 62n, 1n), [2], "int64");
  assertEquals(String(big), "[4611686018427387904                   1]");
  assertThrows(
    () => new np.NDArray(new Float64Array([0.5]), [1], "int64"),
    /NDArray: int64 data must hold integers within \[-2\*\*63, 2\*\*63\), got 0\.5 at index 0/,
  );
  assertThrows(
    () => new np.NDArray(BigInt64Array.of(1n), [1], "float64"),
    /a BigInt64Array holds int64/,
  );
  // Doubles past 2**53 are kept as 64-bit integers.
  assertEquals(new np.NDArray(new Float64Array([2 ** 60]), [1], "int64").tolist(), [2n ** 60n]);
  assertThrows(() => big.data, RangeError, "data: this int64 array holds values past ±2**53");
});
