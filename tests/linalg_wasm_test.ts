// The WebAssembly matrix products (lib/core/_matmul.ts) against the
// library's scalar loop with the exact software fused multiply-add: the same
// bits for every entry, on many shapes and on awkward values; the check that
// the processor's multiply-add is fused; and the committed module against a
// fresh build of tools/wasm/matmul.wat.
import { assert, assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { multiplyMatricesWasm, outerWasm } from "../lib/core/_matmul.ts";
import { multiplyMatricesInOrder } from "../lib/core/_matmul.ts";
import { assemble, moduleText } from "../tools/wasm/build.ts";
import { fusedMultiplyAdd } from "../lib/core/_fma.ts";

/** A small deterministic generator (xorshift), so failures reproduce. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2e-308, 1e300, -1e300, 1e-300];

/** Values of every kind: ordinary, cancelling, huge, tiny, subnormal, special. */
function operand(length: number, random: () => number, awkward: boolean): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const kind = random();
    const normal = (random() - 0.5) * 4;
    if (!awkward || kind < 0.7) values[i] = normal;
    else if (kind < 0.8) values[i] = normal * 2 ** Math.floor(random() * 1400 - 700);
    else if (kind < 0.85) values[i] = normal * 2 ** -1060; // subnormal
    else if (kind < 0.9) values[i] = 1 + Math.floor(random() * 64) * 2 ** -30;
    else values[i] = SPECIAL[Math.floor(random() * SPECIAL.length)];
  }
  return values;
}

const bits = (value: number) => new BigUint64Array(new Float64Array([value]).buffer)[0];

interface Tally {
  entries: number;
  identical: number;
  nanPayloads: number;
  wrong: string[];
}

function compare(label: string, got: Float64Array, expected: Float64Array, tally: Tally): void {
  assertEquals(got.length, expected.length, label);
  for (let i = 0; i < got.length; i++) {
    tally.entries++;
    if (Object.is(got[i], expected[i])) {
      tally.identical++;
      // NaN is NaN; its sign and payload bits are not something NumPy fixes either.
      if (Number.isNaN(got[i]) && bits(got[i]) !== bits(expected[i])) tally.nanPayloads++;
    } else if (tally.wrong.length < 10) {
      tally.wrong.push(`${label} entry ${i}: ${got[i]}, not ${expected[i]}`);
    }
  }
}

Deno.test("the processor's multiply-add is fused, so the WebAssembly kernels are in use", () => {
  // -1 * 1, then (1 + 2^-30)(1 - 2^-30) added with one rounding: -2^-60.
  // Rounding the product first would give 0.
  const a = new Float64Array([-1, 1 + 2 ** -30]);
  const b = new Float64Array([1, 1 - 2 ** -30]);
  const product = multiplyMatricesWasm(a, b, 1, 2, 1, true);
  assert(product !== undefined, "WebAssembly relaxed SIMD is unavailable on this machine");
  assertEquals(product[0], -(2 ** -60));
  assertEquals(multiplyMatricesInOrder(a, b, 1, 2, 1, true)[0], -(2 ** -60));
  // Separately rounded (vector @ matrix) it is 0.
  const separate = multiplyMatricesWasm(a, new Float64Array([1, 1 - 2 ** -30]), 1, 2, 1, false);
  assertEquals(separate?.[0], 0);
});

Deno.test("WebAssembly products equal the scalar loop bit for bit, on every kind of shape and value", () => {
  const random = generator(20240611);
  const sizes = [1, 2, 3, 4, 5, 6, 7, 9, 11, 16, 17, 33, 64];
  const shapes: [number, number, number][] = [];
  for (const n of sizes) {
    for (const k of [1, 2, 3, 8, 13, 40]) for (const m of sizes) shapes.push([n, k, m]);
  }
  // Past the blocking: more than 256 steps, more than 120 rows, odd edges.
  shapes.push([121, 257, 9], [243, 300, 6], [7, 513, 45], [126, 260, 127], [1, 1000, 3]);
  shapes.push([130, 520, 1], [1, 600, 77], [2, 210, 10], [210, 2, 10], [10, 210, 2]);
  const tally: Tally = { entries: 0, identical: 0, nanPayloads: 0, wrong: [] };
  for (const [n, k, m] of shapes) {
    for (const awkward of [false, true]) {
      const a = operand(n * k, random, awkward);
      const b = operand(k * m, random, awkward);
      const label = `${n}x${k} @ ${k}x${m}${awkward ? " (awkward values)" : ""}`;
      const fused = multiplyMatricesWasm(a, b, n, k, m, true);
      assert(fused !== undefined, label);
      compare(label, fused, multiplyMatricesInOrder(a, b, n, k, m, true), tally);
      if (n === 1) {
        const separate = multiplyMatricesWasm(a, b, 1, k, m, false);
        assert(separate !== undefined, label);
        compare(
          `${label}, separate`,
          separate,
          multiplyMatricesInOrder(a, b, 1, k, m, false),
          tally,
        );
      }
    }
  }
  console.log(
    `WebAssembly products: ${tally.identical} of ${tally.entries} entries bit-identical to the ` +
      `scalar loop with the software fused multiply-add (NaN counted equal to NaN; ` +
      `${tally.nanPayloads} NaNs differ in sign or payload bits), ${shapes.length} shapes`,
  );
  assertEquals(tally.wrong, []);
  assertEquals(tally.identical, tally.entries);
});

Deno.test("matmul, dot and the 1-D cases take the fast path and still match the scalar loop", () => {
  const random = generator(7);
  const A = operand(37 * 29, random, false);
  const B = operand(29 * 23, random, false);
  const x = operand(29, random, false);
  const left = new np.NDArray(A, [37, 29]);
  const right = new np.NDArray(B, [29, 23]);
  const vector = new np.NDArray(x, [29]);
  const cases: [string, np.NDArray, Float64Array][] = [
    ["matrix @ matrix", np.matmul(left, right), multiplyMatricesInOrder(A, B, 37, 29, 23, true)],
    ["matrix . matrix", np.dot(left, right), multiplyMatricesInOrder(A, B, 37, 29, 23, true)],
    ["matrix @ vector", np.matmul(left, vector), multiplyMatricesInOrder(A, x, 37, 29, 1, true)],
    ["vector @ matrix", np.matmul(vector, right), multiplyMatricesInOrder(x, B, 1, 29, 23, false)],
    ["vector @ vector", np.matmul(vector, vector), multiplyMatricesInOrder(x, x, 1, 29, 1, true)],
  ];
  for (const [label, got, expected] of cases) {
    assertEquals([...got.data], [...expected], label);
  }
});

Deno.test("entries whose products are all -0.0 are +0.0, as in NumPy", () => {
  for (const [n, k, m] of [[1, 2, 1], [3, 4, 5], [12, 30, 9]]) {
    const a = new Float64Array(n * k).fill(-0);
    const b = new Float64Array(k * m).fill(1);
    for (const fused of n === 1 ? [true, false] : [true]) {
      const loop = multiplyMatricesInOrder(a, b, n, k, m, fused);
      const wasm = multiplyMatricesWasm(a, b, n, k, m, fused)!;
      assert(loop.every((value) => Object.is(value, 0)), `${n}x${k}x${m} loop`);
      assert(wasm.every((value) => Object.is(value, 0)), `${n}x${k}x${m} WebAssembly`);
    }
  }
  const product = np.matmul(np.full([8, 8], -0), np.ones([8, 8]));
  assert(product.data.every((value) => Object.is(value, 0)));
});

Deno.test("outer in WebAssembly is the plain products", () => {
  const random = generator(99);
  for (const [n, m] of [[1, 1], [3, 5], [64, 65], [100, 1]]) {
    const x = operand(n, random, true);
    const y = operand(m, random, true);
    const expected = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) expected[i * m + j] = x[i] * y[j];
    assertEquals([...outerWasm(x, y)!], [...expected]);
  }
  assertEquals(np.outer(np.arange(50), np.arange(60)).get(49, 59), 49 * 59);
});

Deno.test("lib/core/_matmul_wasm.ts is what tools/wasm/matmul.wat assembles to", async () => {
  const committed = await Deno.readTextFile(
    new URL("../lib/core/_matmul_wasm.ts", import.meta.url),
  );
  assertEquals(committed, moduleText(await assemble()), "run `deno task wasm` and commit");
});

Deno.test("an infinite sum absorbs a product that overflows only when rounded, as a hardware FMA does", () => {
  // -1e300 * 1e300 is -Infinity; 1e200 * 1e200 overflows when rounded, but
  // its exact value is finite, so the fused sum stays -Infinity (not NaN).
  const a = new Float64Array([-1e300, 1e200]);
  const b = new Float64Array([1e300, 1e200]);
  assertEquals(multiplyMatricesInOrder(a, b, 1, 2, 1, true)[0], -Infinity);
  assertEquals(multiplyMatricesWasm(a, b, 1, 2, 1, true)?.[0], -Infinity);
  assertEquals(fusedMultiplyAdd(1e200, 1e200, -Infinity), -Infinity);
  assertEquals(fusedMultiplyAdd(Infinity, 1e200, -Infinity), NaN);
});
