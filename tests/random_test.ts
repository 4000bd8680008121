import { assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";

Deno.test("random.seed(42) then random.randn(2, 2) matches NumPy", () => {
  np.random.seed(42);
  const w = np.random.randn(2, 2);
  assertEquals(w.shape, [2, 2]);
  assertEquals(w.dtype, "float64");
  assertEquals(Array.from(w.data), [
    0.4967141530112327,
    -0.13826430117118466,
    0.6476885381006925,
    1.5230298564080254,
  ]);
});
