// The WebAssembly e^x (lib/core/_exp.ts, tools/wasm/exp.wat) against
// Math.exp on millions of inputs of every kind, around its chunk sizes and
// range limits; its table of 2^(j/128) checked by exact integer arithmetic;
// and the committed module against a fresh build. tests/ufuncs_test.ts checks
// np.exp, which goes through it, against correctly rounded references.
import { assert, assertEquals } from "./assert.ts";
import { expInto, expWasm } from "../lib/core/_exp.ts";
import { EXP_WASM_BASE64 } from "../lib/core/_exp_wasm.ts";
import { assemble, moduleText, wasmModule } from "../tools/wasm/build.ts";
import * as np from "../lib/mod.ts";
import { xorshift as generator } from "./support/xorshift.ts";

function compareWithMathExp(label: string, inputs: Float64Array): void {
  const out = new Float64Array(inputs.length);
  expInto(inputs, out);
  const wrong: string[] = [];
  for (let i = 0; i < inputs.length && wrong.length < 10; i++) {
    const expected = Math.exp(inputs[i]);
    if (!Object.is(out[i], expected)) wrong.push(`exp(${inputs[i]}) = ${out[i]}, not ${expected}`);
  }
  assertEquals(wrong, [], label);
}

Deno.test("WebAssembly e^x gives Math.exp's bits on 4 million inputs of every kind", () => {
  const random = generator(20261129);
  const count = 1 << 20;
  const kinds: [string, () => number][] = [
    ["activations, [-40, 40]", () => -40 + 80 * random()],
    ["the whole range, [-760, 720]", () => -760 + 1480 * random()],
    ["near zero, down to 2^-70", () => (random() - 0.5) * 2 ** -Math.floor(random() * 70)],
    ["near the limits 708 and -708", () => (random() < 0.5 ? -1 : 1) * (707.9 + 0.2 * random())],
  ];
  for (const [label, draw] of kinds) {
    const inputs = new Float64Array(count);
    for (let i = 0; i < count; i++) inputs[i] = draw();
    compareWithMathExp(label, inputs);
  }
});

Deno.test("WebAssembly e^x: special values, halfway-hard inputs, every length around a chunk", () => {
  const special = [
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    708,
    -708,
    707.9999999999999,
    -707.9999999999999,
    709.78,
    709.79,
    -745.1,
    -745.2,
    5e-324,
    -5e-324,
    2 ** -53,
    -(2 ** -53),
    2 ** -54,
    -(2 ** -54),
    1,
    -1,
    Math.LN2,
    0.5 * Math.LN2,
    Math.LN2 / 256,
    -Math.LN2 / 256,
    1e-300,
    88.72283905206835,
  ];
  compareWithMathExp("special values", new Float64Array(special));
  const random = generator(7);
  for (const length of [1, 2, 3, 31, 32, 33, 4095, 4096, 4097, 8191, 8193]) {
    const inputs = new Float64Array(length);
    for (let i = 0; i < length; i++) {
      inputs[i] = random() < 0.1 ? special[i % special.length] : -50 + 100 * random();
    }
    compareWithMathExp(`length ${length}`, inputs);
    const viaNp = np.exp(new np.NDArray(inputs.slice(), [length])).data;
    compareWithMathExp(`np.exp, length ${length}`, inputs);
    assert(viaNp.every((value, i) => Object.is(value, Math.exp(inputs[i]))), `np.exp ${length}`);
  }
});

Deno.test("without WebAssembly, the same bits and the same report of overflow, through Math.exp", () => {
  const random = generator(11);
  const inputs = new Float64Array(5000);
  for (let i = 0; i < inputs.length; i++) inputs[i] = -800 + 1600 * random();
  const finite = inputs.map((x) => x / 2);
  const withWasm = new Float64Array(inputs.length);
  const without = new Float64Array(inputs.length);
  const reports: boolean[] = [expInto(inputs, withWasm), expInto(finite, new Float64Array(5000))];
  expWasm.enabled = false;
  try {
    reports.push(expInto(inputs, without), expInto(finite, new Float64Array(5000)));
  } finally {
    expWasm.enabled = true;
  }
  assert(without.every((value, i) => Object.is(value, withWasm[i])), "same bits");
  assert(without.every((value, i) => Object.is(value, Math.exp(inputs[i]))), "Math.exp's");
  // Overflow (x > 709.78) is reported, for the warning; finite results are not.
  assertEquals(reports, [true, false, true, false]);
});

Deno.test("np.exp still warns about overflow on the WebAssembly path", () => {
  const inputs = new Float64Array(100).fill(1);
  inputs[57] = 1000;
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
  try {
    const out = np.exp(new np.NDArray(inputs, [100])).data;
    assertEquals(out[57], Infinity);
  } finally {
    console.warn = original;
  }
  assert(warnings.some((line) => line.includes("overflow")), warnings.join("\n"));
});

/** The exact value of a double, as an integer numerator over 2^1074. */
function exactScaled(value: number): bigint {
  const bits = new BigUint64Array(new Float64Array([value]).buffer)[0];
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const mantissa = (bits & 0xfffffffffffffn) | (exponent === 0 ? 0n : 1n << 52n);
  const scaled = mantissa << BigInt(Math.max(exponent, 1) - 1);
  return bits >> 63n ? -scaled : scaled;
}

Deno.test("the table of 2^(j/128) holds each value to 104 bits", () => {
  // Read the table straight from a fresh instance's memory (its first 2 KB).
  const text = atob(EXP_WASM_BASE64);
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const memory = (instance.exports.memory as WebAssembly.Memory).buffer;
  const table = new Float64Array(memory, 0, 256);
  for (let j = 0; j < 128; j++) {
    // T = (hi + lo) = t / 2^1074 exactly; 2^(j/128) is the T with T^128 = 2^j.
    const t = exactScaled(table[2 * j]) + exactScaled(table[2 * j + 1]);
    assert(Math.abs(table[2 * j + 1]) <= 2 ** -53 * table[2 * j], `remainder of entry ${j}`);
    // With T = 2^(j/128) (1 + e): T^128 = 2^j (1 + 128 e + ...). |e| < 2^-104
    // exactly when T^128 lies within 2^j (1 ± 128 * 2^-104) (up to terms in e^2).
    const power = t ** 128n;
    const target = 1n << BigInt(1074 * 128 + j);
    const difference = power > target ? power - target : target - power;
    assert(difference * (1n << 97n) < target, `entry ${j}: 2^(${j}/128) to 104 bits`);
  }
});

Deno.test("lib/core/_exp_wasm.ts is what tools/wasm/exp.wat assembles to", async () => {
  const module = wasmModule("exp.wat");
  const committed = await Deno.readTextFile(new URL(`../${module.output}`, import.meta.url));
  assertEquals(committed, moduleText(await assemble("exp.wat"), module), "run `deno task wasm`");
});
