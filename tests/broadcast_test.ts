import { assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { broadcastStrides } from "../lib/core/broadcast.ts";

Deno.test("broadcastShapes lines shapes up from the last axis", () => {
  assertEquals(np.broadcastShapes([[4, 2], [1, 2]]), [4, 2]);
  assertEquals(np.broadcastShapes([[3], [2, 1]]), [2, 3]);
  assertEquals(np.broadcastShapes([[], [2, 2]]), [2, 2]);
  assertEquals(np.broadcastShapes([[5, 1, 3], [4, 1], [3]]), [5, 4, 3]);
  assertEquals(np.broadcastShapes([[0], [1]]), [0]);
});

Deno.test("broadcastShapes reports every shape in NumPy's words", () => {
  assertThrows(() => np.broadcastShapes([[2, 3], [4]], "add"), {
    message: "add: operands could not be broadcast together with shapes (2,3) (4,)",
  });
});

Deno.test("broadcastStrides gives zero strides to repeated axes", () => {
  assertEquals(broadcastStrides([1, 3], [4, 3]), [0, 1]);
  assertEquals(broadcastStrides([3], [2, 3]), [0, 1]);
  assertEquals(broadcastStrides([2, 1], [2, 5]), [1, 0]);
});

Deno.test("broadcastTo copies into the larger shape", () => {
  assertEquals(np.broadcastTo(np.array([1, 2]), [2, 2]).tolist(), [[1, 2], [1, 2]]);
  assertEquals(np.broadcastTo(np.array([[1], [2]]), [2, 3]).tolist(), [[1, 1, 1], [2, 2, 2]]);
  assertThrows(
    () => np.broadcastTo(np.zeros([2, 2]), [2]),
    /cannot broadcast an array of shape \(2,2\)/,
  );
});
