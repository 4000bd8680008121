import { assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { assertAllClose } from "../lib/course/testing.ts";

Deno.test("assertAllClose passes within tolerance for arrays, numbers and nested arrays", () => {
  assertAllClose(0.1 + 0.2, 0.3);
  assertAllClose(np.array([[1, 2]]), [[1, 2 + 1e-8]]);
  assertAllClose([1, 2], [1.001, 2], { rtol: 1e-3 });
  assertAllClose([0], [1e-9], { atol: 1e-8 });
  assertAllClose([NaN, 1], [NaN, 1]);
});

Deno.test("a shape mismatch names both shapes", () => {
  assertThrows(() => assertAllClose(np.zeros([2, 3]), np.zeros([3, 2])), {
    message:
      "Not equal to tolerance rtol=1e-7, atol=0: shapes differ, actual (2,3) vs expected (3,2)",
  });
  assertThrows(() => assertAllClose([1, 2], 1), /shapes differ, actual \(2,\) vs expected \(\)/);
});

Deno.test("a value mismatch names the first index, both values and the tolerance", () => {
  assertThrows(
    () => assertAllClose(np.array([[1, 2], [3, 4]]), [[1, 2], [3.5, 4.5]], { rtol: 1e-6 }),
    {
      message: "Not equal to tolerance rtol=0.000001, atol=0\n" +
        "Mismatched elements: 2 / 4; first at index [1, 0]: actual 3, expected 3.5\n" +
        "Max absolute difference: 0.5\nMax relative difference: 0.14285714285714285",
    },
  );
  assertThrows(
    () => assertAllClose(1, 2, { message: "loss" }),
    /^Error: loss: Not equal to tolerance/,
  );
  assertThrows(
    () => assertAllClose([NaN], [NaN], { equalNan: false }),
    /Mismatched elements: 1 \/ 1/,
  );
});
