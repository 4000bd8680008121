import { assertEquals } from "./assert.ts";
import { fusedMultiplyAdd as fma } from "../lib/core/_fma.ts";
import { fromHex } from "../lib/text/float_digits.ts";

const cases: [string, string, string, string][] = JSON.parse(
  await Deno.readTextFile(new URL("./golden/fma.json", import.meta.url)),
);

Deno.test("fma rounds a*b+c once, as exact rational arithmetic does", () => {
  let identical = 0;
  const wrong: string[] = [];
  for (const [a, b, c, expected] of cases) {
    const result = fma(fromHex(a), fromHex(b), fromHex(c));
    if (Object.is(result, fromHex(expected))) identical++;
    else if (wrong.length < 5) {
      wrong.push(`fma(${a}, ${b}, ${c}) = ${result}, expected ${expected}`);
    }
  }
  console.log(`fma: ${identical} of ${cases.length} correctly rounded`);
  assertEquals(wrong, []);
});

Deno.test("fma keeps what a * b + c loses", () => {
  const a = 1 + 2 ** -30;
  assertEquals(a * a - 1, 2 ** -29);
  assertEquals(fma(a, a, -1), 2 ** -29 + 2 ** -60);
  assertEquals(fma(2, 3, 4), 10);
  assertEquals(fma(Infinity, 1, 1), Infinity);
  assertEquals(Number.isNaN(fma(NaN, 1, 1)), true);
});
