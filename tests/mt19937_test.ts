import { assertEquals } from "./assert.ts";
import { MT19937 } from "../lib/random/mt19937.ts";

// Reference words from NumPy 2.4: RandomState(seed).randint(0, 2**32, dtype=np.uint64).

function words(mt: MT19937, count: number): number[] {
  return Array.from({ length: count }, () => mt.nextUint32());
}

Deno.test("MT19937.seed matches NumPy's integer seeding", () => {
  const mt = new MT19937();
  mt.seed(0);
  assertEquals(Array.from(mt.key.subarray(0, 4)), [0, 1, 1812433255, 1900727105]);
  assertEquals(words(mt, 5), [2357136044, 2546248239, 3071714933, 3626093760, 2588848963]);
  mt.seed(2 ** 32 - 1);
  assertEquals(words(mt, 3), [419326371, 479346978, 3918654476]);
});

Deno.test("MT19937.seedByArray matches NumPy's array seeding", () => {
  const mt = new MT19937();
  mt.seedByArray([1, 2, 3]);
  assertEquals(Array.from(mt.key.subarray(0, 3)), [2147483648, 188977461, 1294596893]);
  assertEquals(words(mt, 3), [2619334238, 1552691353, 3808334787]);
});

Deno.test("MT19937 regenerates its state after 624 words", () => {
  const mt = new MT19937();
  mt.seed(0);
  for (let i = 0; i < 1400; i++) mt.nextUint32();
  assertEquals(mt.nextUint32(), 1602950329);
});

Deno.test("MT19937.nextDouble builds 53-bit doubles as NumPy does", () => {
  const mt = new MT19937();
  mt.seed(0);
  assertEquals(mt.nextDouble(), 0.5488135039273248);
});
