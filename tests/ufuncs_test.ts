import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { readFloat64 } from "./golden_data.ts";

// The inputs of tests/golden/make_exp_log.py, rebuilt with the same IEEE
// operations (its docstring documents the formulas).
const COUNT = 200_000;
const PHI = 0.6180339887498949;
const PLASTIC = 0.7548776662466927;

function frac(x: number): number {
  return x - Math.floor(x);
}

/** 2^e for -1074 <= e <= 1023, built from exact halvings and doublings. */
const POWERS_OF_TWO = new Map<number, number>();
for (let e = 0, value = 1; e <= 1023; e++, value *= 2) POWERS_OF_TWO.set(e, value);
for (let e = 0, value = 1; e >= -1074; e--, value /= 2) POWERS_OF_TWO.set(e, value);

function powerOfTwo(e: number): number {
  return POWERS_OF_TWO.get(e)!;
}

function expInput(i: number): number {
  const u = frac((i + 1) * PHI);
  const kind = i % 8;
  if (kind <= 3) return -40 + 80 * u;
  if (kind <= 5) return -745 + 1454.78 * u;
  if (kind === 6) return (u - 0.5) * powerOfTwo(-(i % 61));
  return -745 + 37 * u;
}

function logInput(i: number): number {
  const u = frac((i + 1) * PHI);
  const v = frac((i + 1) * PLASTIC);
  const kind = i % 4;
  if (kind === 0) return 1 + (u - 0.5) * powerOfTwo(-(i % 41));
  if (kind <= 2) return (1 + u) * powerOfTwo(-1074 + Math.floor(2098 * v));
  return 0.5 + 1.5 * u;
}

async function sha256Hex(values: Float64Array): Promise<string> {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat64(i * 8, value, true));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

const summary = JSON.parse(
  await Deno.readTextFile(new URL("./golden/exp_log.json", import.meta.url)),
) as Record<"exp" | "log", { inputSha256: string; cLibraryWrong: number; numpyWrong: number }>;

for (
  const [name, makeInput, apply] of [
    ["exp", expInput, np.exp],
    ["log", logInput, np.log],
  ] as const
) {
  Deno.test(`np.${name} is correctly rounded on all ${COUNT} golden inputs`, async () => {
    const inputs = new Float64Array(COUNT);
    for (let i = 0; i < COUNT; i++) inputs[i] = makeInput(i);
    assertEquals(await sha256Hex(inputs), summary[name].inputSha256, "inputs rebuilt exactly");
    const expected = await readFloat64(`${name}_correct.f64`);
    const actual = apply(new np.NDArray(inputs, [COUNT])).data;
    const wrong: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      if (!Object.is(actual[i], expected[i])) {
        wrong.push(`${name}(${inputs[i]}) = ${actual[i]}, correctly rounded ${expected[i]}`);
      }
    }
    console.log(
      `${name}: ${COUNT - wrong.length} of ${COUNT} correctly rounded ` +
        `(for comparison, the C library misses ${summary[name].cLibraryWrong} ` +
        `and NumPy's vectorised ${name} ${summary[name].numpyWrong})`,
    );
    assertEquals(wrong.slice(0, 10), []);
  });
}

Deno.test("unary functions of integer and bool arrays follow NumPy's dtypes", () => {
  const integers = np.array([-2, 0, 3], "int64");
  assertEquals(np.exp(integers).dtype, "float64");
  assertEquals(np.abs(integers).dtype, "int64");
  assertEquals(np.abs(integers).tolist(), [2, 0, 3]);
  assertEquals(np.square(integers).tolist(), [4, 0, 9]);
  assertEquals(np.sign(integers).tolist(), [-1, 0, 1]);
  assertEquals(np.square(np.array([true])).dtype, "int64");
  assertEquals(np.abs(np.array([true])).dtype, "bool");
  assertThrows(() => np.negative(np.array([true])), TypeError);
});

Deno.test("scalars in, scalars out", () => {
  assertEquals(np.sqrt(2.0 / 12), Math.sqrt(2.0 / 12));
  assertEquals(np.exp(0), 1);
  assertEquals(np.log(1), 0);
  assertEquals(np.clip(7, 0, 5), 5);
});

Deno.test("sign maps -0 to 0 and keeps NaN", () => {
  const signs = np.sign(np.array([-0, NaN, -2, 5])).data;
  assert(Object.is(signs[0], 0));
  assert(Number.isNaN(signs[1]));
  assertEquals([signs[2], signs[3]], [-1, 1]);
});

Deno.test("clip limits to the bounds, promotes like NumPy, and accepts one-sided bounds", () => {
  const a = np.array([-600, 0.5, 700]);
  assertEquals(np.clip(a, -500, 500).tolist(), [-500, 0.5, 500]);
  assertEquals(a.clip(null, 0).tolist(), [-600, 0, 0]);
  const integers = np.array([1, 5], "int64");
  assertEquals(np.clip(integers, 2, 3).dtype, "int64");
  assertEquals(np.clip(integers, 2.5, 3).tolist(), [2.5, 3]);
  assertEquals(np.clip(integers, 2.5, 3).dtype, "float64");
  // NumPy 2 gives a copy when neither bound is given.
  const unclipped = np.clip(a, null, null);
  assertEquals(unclipped.tolist(), a.tolist());
  assertEquals(np.sharesMemory(unclipped, a), false);
});

Deno.test("methods match the functions", () => {
  const a = np.array([[0.5, -1], [2, 0]]);
  assertEquals(a.exp().tolist(), np.exp(a).tolist());
  assertEquals(a.abs().tolist(), [[0.5, 1], [2, 0]]);
  assertEquals(a.tanh().tolist(), np.tanh(a).tolist());
  assertEquals(a.negative().tolist(), [[-0.5, 1], [-2, -0]]);
  assertEquals(a.square().tolist(), [[0.25, 1], [4, 0]]);
});

Deno.test("clip keeps a value equal to scalar bounds, -0.0 included, as NumPy's clip", () => {
  const signs = (a: np.NDArray) => Array.from(a.data, (v) => (Object.is(v, -0) ? "-0" : String(v)));
  assertEquals(signs(np.clip(np.array([-0, 0, -1, 2]), 0, 1)), ["-0", "0", "0", "1"]);
  assertEquals(signs(np.clip(np.array([-0, 0]), -0, 0)), ["-0", "0"]);
  // Bounds that vary along NumPy's loop take the bound on a tie.
  assertEquals(signs(np.clip(np.array([-0, 0]), np.array([0, -0]), 1)), ["0", "-0"]);
  assertEquals(np.clip(np.array([1, 2, 3]), 3, 1).tolist(), [1, 1, 1]);
  assertEquals(np.clip(np.array([1, NaN]), 0, 2).tolist(), [1, NaN]);
  assertEquals(np.clip(np.array([1, 2]), NaN, 2).tolist(), [NaN, NaN]);
  assertEquals(np.clip(np.array([2n ** 60n, -(2n ** 60n)]), -5, 5).tolist(), [5, -5]);
});

Deno.test("int64 negative, abs and square wrap as NumPy's", () => {
  assertEquals(np.negative(np.array([-(2n ** 63n), 5n])).tolist(), [-(2n ** 63n), -5]);
  assertEquals(np.abs(np.array([-(2n ** 63n), -5n])).tolist(), [-(2n ** 63n), 5]);
  assertEquals(np.square(np.array([2 ** 32], "int64")).tolist(), [0]);
  assertEquals(np.square(np.array([3 * 2 ** 30], "int64")).tolist(), [
    BigInt.asIntN(64, 9n * 2n ** 60n),
  ]);
  assertEquals(np.sign(np.array([-(2n ** 63n)])).tolist(), [-1]);
  assertEquals(np.exp(np.array([2n ** 62n], "int64")).tolist(), [Infinity]);
});
