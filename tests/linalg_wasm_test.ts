// The WebAssembly matrix products (lib/core/_matmul.ts) against the
// library's scalar loop with the exact software fused multiply-add: the same
// bits for every entry, on many shapes and on awkward values, on one thread
// and on two; the check that the processor's multiply-add is fused; and the
// committed module against a fresh build of tools/wasm/matmul.wat.
import { assert, assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";
import {
  matmulThreads,
  multiplyMatricesInOrder,
  multiplyMatricesWasm,
  outerWasm,
  shareMemoryImport,
  workerParts,
  workerReady,
} from "../lib/core/_matmul.ts";
import { MATMUL_WASM_BASE64 } from "../lib/core/_matmul_wasm.ts";
import { assemble, moduleText, wasmModule } from "../tools/wasm/build.ts";
import { fusedMultiplyAdd } from "../lib/core/_fma.ts";
import { xorshift as generator } from "./support/xorshift.ts";

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
  const module = wasmModule("matmul.wat");
  const committed = await Deno.readTextFile(new URL(`../${module.output}`, import.meta.url));
  assertEquals(committed, moduleText(await assemble("matmul.wat"), module), "run `deno task wasm`");
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

// Two threads: the worker computes a share of the result's rows or columns.
// These tests make this thread wait for the worker's share instead of
// computing it itself when the worker is late, so that the worker's part is
// always the worker's work and the count of its parts is exact.

/** Where two threads are expected: Deno, with more than one processor. */
const TWO_PROCESSORS = navigator.hardwareConcurrency >= 2;

/** Runs `body` with the internal switches set, and restores them. */
async function withThreads(
  settings: Partial<typeof matmulThreads>,
  body: () => void | Promise<void>,
): Promise<void> {
  const saved = { ...matmulThreads };
  Object.assign(matmulThreads, settings);
  try {
    await body();
  } finally {
    Object.assign(matmulThreads, saved);
  }
}

// Around the threshold for two threads (2^19 multiply-adds: 64 x 64 x 128
// is the first) and past it; rows not a multiple of 5, columns not a
// multiple of 4, inner dimensions past one and two blocks of 256 steps,
// results split by rows (n >= m) and by columns (n < m).
const TWO_THREAD_SHAPES: [number, number, number][] = [
  [64, 64, 128],
  [128, 64, 64],
  [81, 83, 79],
  [129, 67, 131],
  [263, 300, 9],
  [7, 600, 127],
  [11, 700, 70],
  [121, 513, 45],
  [300, 257, 301],
  [64, 784, 128],
  [784, 64, 128],
];
// Just below the threshold: one thread.
const ONE_THREAD_SHAPES: [number, number, number][] = [[64, 64, 127], [127, 64, 64], [64, 128, 10]];

Deno.test("products on two threads equal the scalar loop bit for bit; the worker computes its share", async () => {
  await withThreads({ threads: 2, mainTakesWorkerPart: false }, async () => {
    const ready = await workerReady();
    assertEquals(ready, TWO_PROCESSORS, "the worker starts where there are two processors");
    if (!ready) return;
    const random = generator(512);
    const tally: Tally = { entries: 0, identical: 0, nanPayloads: 0, wrong: [] };
    for (const [n, k, m] of [...TWO_THREAD_SHAPES, ...ONE_THREAD_SHAPES]) {
      for (const awkward of [false, true]) {
        const a = operand(n * k, random, awkward);
        const b = operand(k * m, random, awkward);
        const label = `${n}x${k} @ ${k}x${m}${awkward ? " (awkward values)" : ""}`;
        const before = workerParts();
        const got = multiplyMatricesWasm(a, b, n, k, m, true);
        assert(got !== undefined, label);
        const twoThreads = TWO_THREAD_SHAPES.some((shape) => shape.join() === [n, k, m].join());
        assertEquals(workerParts() - before, twoThreads ? 1 : 0, `${label}: parts the worker took`);
        compare(label, got, multiplyMatricesInOrder(a, b, n, k, m, true), tally);
      }
    }
    assertEquals(tally.wrong, []);
    assertEquals(tally.identical, tally.entries);
  });
});

Deno.test("products where this thread may take the worker's share equal the scalar loop", async () => {
  await withThreads({ threads: 2, mainTakesWorkerPart: true }, async () => {
    await workerReady();
    const random = generator(1024);
    for (const [n, k, m] of TWO_THREAD_SHAPES) {
      const a = operand(n * k, random, true);
      const b = operand(k * m, random, true);
      const expected = multiplyMatricesInOrder(a, b, n, k, m, true);
      const tally: Tally = { entries: 0, identical: 0, nanPayloads: 0, wrong: [] };
      // Back to back, so the worker is sometimes early and sometimes late.
      for (let round = 0; round < 3; round++) {
        compare(
          `${n}x${k} @ ${k}x${m}`,
          multiplyMatricesWasm(a, b, n, k, m, true)!,
          expected,
          tally,
        );
      }
      assertEquals(tally.wrong, []);
    }
  });
});

Deno.test("with one thread (as without workers or shared memory) large products are the same bits, and the worker gets nothing", async () => {
  await withThreads({ threads: 1 }, () => {
    const random = generator(2048);
    const before = workerParts();
    for (const [n, k, m] of TWO_THREAD_SHAPES) {
      const a = operand(n * k, random, true);
      const b = operand(k * m, random, true);
      const tally: Tally = { entries: 0, identical: 0, nanPayloads: 0, wrong: [] };
      const got = multiplyMatricesWasm(a, b, n, k, m, true)!;
      compare(`${n}x${k} @ ${k}x${m}`, got, multiplyMatricesInOrder(a, b, n, k, m, true), tally);
      assertEquals(tally.wrong, []);
    }
    assertEquals(workerParts(), before);
    const product = np.matmul(np.ones([200, 200]), np.ones([200, 200]));
    assert(product.data.every((value) => value === 200));
  });
});

Deno.test("after a product whose memory is given back, the worker moves to the new memory", async () => {
  await withThreads({ threads: 2, mainTakesWorkerPart: false }, async () => {
    if (!await workerReady()) return;
    // A alone is 70 MB, past the 64 MB kept: the shared memory is replaced
    // after this product, and the worker must take the new one.
    const random = generator(4096);
    const [n, k, m] = [1100, 8000, 8];
    const a = operand(n * k, random, false);
    const b = operand(k * m, random, false);
    const before = workerParts();
    const two = multiplyMatricesWasm(a, b, n, k, m, true)!;
    assertEquals(workerParts() - before, 1);
    let one: Float64Array | undefined;
    await withThreads({ threads: 1 }, () => {
      one = multiplyMatricesWasm(a, b, n, k, m, true);
    });
    assertEquals([...two], [...one!], "the same bits as on one thread");
    // Spot checks against the reference loop, one row at a time.
    for (const i of [0, 547, 1099]) {
      const row = multiplyMatricesInOrder(a.subarray(i * k, (i + 1) * k), b, 1, k, m, true);
      assertEquals([...two.subarray(i * m, (i + 1) * m)], [...row], `row ${i}`);
    }
    assert(await workerReady(), "the worker is ready again, on the new memory");
    const [n2, k2, m2] = [129, 67, 131];
    const a2 = operand(n2 * k2, random, true);
    const b2 = operand(k2 * m2, random, true);
    const again = multiplyMatricesWasm(a2, b2, n2, k2, m2, true)!;
    assertEquals(workerParts() - before, 2);
    const tally: Tally = { entries: 0, identical: 0, nanPayloads: 0, wrong: [] };
    compare("after the move", again, multiplyMatricesInOrder(a2, b2, n2, k2, m2, true), tally);
    assertEquals(tally.wrong, []);
  });
});

Deno.test("the module's memory import is made shared by flipping one flag, as the worker needs", () => {
  const text = atob(MATMUL_WASM_BASE64);
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const unshared = new WebAssembly.Module(bytes.slice());
  assert(shareMemoryImport(bytes), "the memory import is found");
  assert(!shareMemoryImport(bytes), "and is shared after the first call");
  const sharedModule = new WebAssembly.Module(bytes);
  const memory = (shared: boolean) =>
    new WebAssembly.Memory({ initial: 1, maximum: 32768, shared } as WebAssembly.MemoryDescriptor);
  new WebAssembly.Instance(unshared, { env: { memory: memory(false) } });
  new WebAssembly.Instance(sharedModule, { env: { memory: memory(true) } });
  let refused = false;
  try {
    new WebAssembly.Instance(sharedModule, { env: { memory: memory(false) } });
  } catch {
    refused = true;
  }
  assert(refused, "the shared module refuses an unshared memory");
});

Deno.test("a script without permissions gets the second thread, and ends when it is done", async () => {
  if (!TWO_PROCESSORS) return;
  const lib = new URL("../lib/", import.meta.url).href;
  const code = `
import * as np from "${lib}mod.ts";
import { matmulThreads, workerParts, workerReady } from "${lib}core/_matmul.ts";
console.log(await workerReady());
matmulThreads.mainTakesWorkerPart = false;
const a = np.ones([200, 150]);
console.log(np.matmul(a, a.T).get(199, 199), workerParts());
`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(code));
  await writer.close();
  // A worker keeping the process alive would hang here; the guard turns
  // that into a failure rather than a stuck test run.
  const guard = setTimeout(() => child.kill(), 120_000);
  const output = await child.output();
  clearTimeout(guard);
  const stderr = new TextDecoder().decode(output.stderr);
  assertEquals(output.code, 0, stderr);
  assertEquals(new TextDecoder().decode(output.stdout).trim().split("\n"), ["true", "150 1"]);
});
