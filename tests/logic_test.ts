import { assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("isclose uses |a - b| <= atol + rtol * |b| element by element", () => {
  assertEquals(np.isclose(np.array([1, 2]), np.array([1 + 1e-9, 2.1])).tolist(), [true, false]);
  assertEquals(np.isclose([1e-9], [0]).tolist(), [true]);
  assertEquals(np.isclose([1e-7], [0]).tolist(), [false]);
  assertEquals(np.isclose([1], [1.5], { rtol: 0.5 }).tolist(), [true]);
  assertEquals(np.isclose([1], [1.5], { atol: 0.5, rtol: 0 }).tolist(), [true]);
});

Deno.test("isclose treats infinities and NaN like NumPy", () => {
  assertEquals(np.isclose([Infinity, -Infinity, Infinity], [Infinity, -Infinity, 1e308]).tolist(), [
    true,
    true,
    false,
  ]);
  assertEquals(np.isclose([NaN], [NaN]).tolist(), [false]);
  assertEquals(np.isclose([NaN], [NaN], { equalNan: true }).tolist(), [true]);
});

Deno.test("allclose broadcasts and answers with one boolean", () => {
  assertEquals(np.allclose(np.array([0.1 + 0.2]), [0.3]), true);
  assertEquals(np.allclose(np.array([[1, 1], [1, 1]]), 1), true);
  assertEquals(np.allclose(np.array([1, 2]), np.array([1, 2.001])), false);
  assertEquals(np.allclose(np.array([1, 2]), np.array([1, 2.001]), { rtol: 1e-3 }), true);
});

Deno.test("arrayEqual needs equal shapes and equal elements", () => {
  assertEquals(np.arrayEqual(np.array([1, 2]), [1, 2]), true);
  assertEquals(np.arrayEqual(np.array([1, 2]), [[1, 2]]), false);
  assertEquals(np.arrayEqual(np.array([NaN]), [NaN]), false);
});
