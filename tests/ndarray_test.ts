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
