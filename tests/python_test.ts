import { assert, assertEquals, assertThrows } from "./assert.ts";
import { NDArray } from "../lib/core/ndarray.ts";
import { format, print, printWith, repr, str } from "../lib/text/python.ts";
import { fromHex } from "../lib/text/float_digits.ts";

/** A table of format() results: one row per value, one column per spec. */
interface FormatTable {
  specs: string[];
  values: string[];
  results: string[][];
}

/** tests/golden/python_cases.json, written by tests/golden/make_print.py. */
const golden: {
  str: [string, string][];
  format_float: FormatTable;
  format_int: FormatTable;
  format_string: FormatTable;
  containers: [string, string][];
} = JSON.parse(await Deno.readTextFile(new URL("./golden/python_cases.json", import.meta.url)));

/** Every cell of a format table whose result differs from Python's. */
function formatMismatches<T extends number | bigint | string>(
  table: FormatTable,
  read: (text: string) => T,
) {
  const rows = [];
  for (const [i, text] of table.values.entries()) {
    for (const [j, spec] of table.specs.entries()) {
      const actual = format(read(text), spec);
      if (actual !== table.results[i][j]) {
        rows.push({ value: text, spec, actual, expected: table.results[i][j] });
      }
    }
  }
  return rows;
}

/** Runs `body` with console.log recorded instead of written. */
function logged(body: () => void): unknown[][] {
  const calls: unknown[][] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => calls.push(args);
  try {
    body();
  } finally {
    console.log = original;
  }
  return calls;
}

Deno.test("python: str equals Python's str(float) on every golden value", () => {
  assert(golden.str.length > 5000);
  const wrong = golden.str.filter(([hex, expected]) => str(fromHex(hex)) !== expected);
  assertEquals(wrong, []);
});

Deno.test("python: str of floats switches to exponents below 1e-4 and from 1e16", () => {
  assertEquals(
    [1e-5, 5, 6.938893903907228e-17, 1.5625, Infinity, NaN, -0, 1e16, 1234567890123456].map((v) =>
      str(v)
    ),
    [
      "1e-05",
      "5.0",
      "6.938893903907228e-17",
      "1.5625",
      "inf",
      "nan",
      "-0.0",
      "1e+16",
      "1234567890123456.0",
    ],
  );
});

Deno.test("python: format equals Python's format() for every golden float and spec", () => {
  const table = golden.format_float;
  assert(table.values.length * table.specs.length > 20000);
  assertEquals(formatMismatches(table, fromHex), []);
});

Deno.test("python: format equals Python's format() for every golden integer and spec", () => {
  const table = golden.format_int;
  assertEquals(formatMismatches(table, BigInt), []);
  // Integer-valued numbers take the integer types like Python ints (without a
  // type they are floats), whenever a double holds them exactly.
  const typed = table.specs.flatMap((spec, j) => /[bdoxX]$/.test(spec) ? [j] : []);
  const exact = table.values.flatMap((text, i) => BigInt(Number(text)) === BigInt(text) ? [i] : []);
  const asNumbers = {
    specs: typed.map((j) => table.specs[j]),
    values: exact.map((i) => table.values[i]),
    results: exact.map((i) => typed.map((j) => table.results[i][j])),
  };
  assert(asNumbers.specs.length >= 20 && asNumbers.values.length >= 18);
  assertEquals(formatMismatches(asNumbers, Number), []);
});

Deno.test("python: format equals Python's format() for every golden string and spec", () => {
  assertEquals(formatMismatches(golden.format_string, (text) => text), []);
});

Deno.test("python: format rounds exact ties half to even, also past 1e21", () => {
  assertEquals(format(0.125, ".2f"), "0.12");
  assertEquals(format(0.375, ".2f"), "0.38");
  assertEquals(format(2.675, ".2f"), "2.67"); // 2.67499999999999982236431605997495353221893310546875
  assertEquals(format(2.5, ".0f"), "2");
  assertEquals(format(1.5e22, ".1f"), "15000000000000000000000.0");
  assertEquals(format(0.9619047619047619, ".2%"), "96.19%");
  assertEquals(format(1.0123e-8, ".2e"), "1.01e-08");
});

Deno.test("python: format errors name the spec and the value", () => {
  assertThrows(() => format(2.5, "5d"), /'5d'.*2\.5/);
  assertThrows(() => format(1, "q"), /invalid format spec 'q'/);
  assertThrows(() => format(1, ".2n"), /'\.2n'.*'n'/);
  assertThrows(() => format("abc", "+"), /'\+'.*sign/);
  assertThrows(() => format("abc", ".2f"), /'\.2f'.*'f'/);
  assertThrows(() => format(5n, ".2d"), /'\.2d'.*precision/);
});

Deno.test("python: str of containers equals Python's str() of the same lists and dicts", () => {
  const wrong = golden.containers.filter(([json, expected]) => str(JSON.parse(json)) !== expected);
  assertEquals(wrong, []);
});

Deno.test("python: str and repr of other values", () => {
  const a = new NDArray(new Float64Array([1, 2]), [2]);
  assertEquals(str(a), "[1. 2.]");
  assertEquals(repr(a), "array([1., 2.])");
  assertEquals(str([a]), "[array([1., 2.])]");
  assertEquals(str(true), "True");
  assertEquals(str(undefined), "None");
  assertEquals(str(12345678901234567890n), "12345678901234567890");
  assertEquals(str(new Map<unknown, unknown>([["k", 1], [2, null]])), "{'k': 1.0, 2.0: None}");
  assertEquals(str(new Set([1])), "{1.0}");
  assertEquals(str(new Set()), "set()");
  const loop: unknown[] = [1];
  loop.push(loop);
  assertEquals(str(loop), "[1.0, [...]]");
});

Deno.test("python: print writes one plain string per call", () => {
  const a = new NDArray(new Float64Array([2.5, -3.75]), [2]);
  const calls = logged(() => {
    print(" d_a1:", a);
    print(" loss:", 1.5625);
    print(5, true, null, "a%sb");
    print();
  });
  assertEquals(calls, [[" d_a1: [ 2.5  -3.75]"], [" loss: 1.5625"], ["5.0 True None a%sb"], [""]]);
});

Deno.test("python: printWith takes Python's sep and end", () => {
  const calls = logged(() => printWith({ sep: ", ", end: "!\n" }, 1, "b"));
  assertEquals(calls, [["1.0, b!"]]);
  const written: string[] = [];
  const original = Deno.stdout.writeSync;
  Deno.stdout.writeSync = (bytes: Uint8Array) => {
    written.push(new TextDecoder().decode(bytes));
    return bytes.length;
  };
  try {
    assertEquals(logged(() => printWith({ end: "" }, "no newline")), []);
  } finally {
    Deno.stdout.writeSync = original;
  }
  assertEquals(written, ["no newline"]);
});
