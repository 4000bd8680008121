// int64 that is int64, against tests/golden/int64.json (written by
// tests/golden/make_int64.py with NumPy): exact to 2**63 and wrapping around
// as NumPy's does, around ±2**53, ±2**62 and ±2**63, in every operation that
// keeps int64 (add, subtract, multiply, negative, abs, square, sign, power,
// maximum, minimum, comparisons, sum, cumsum, dot, matmul, outer, arange),
// converting as NumPy converts (astype, array, full, mean, mixed with
// float64), refusing what NumPy refuses, and printing as NumPy prints.
import { assert, assertEquals } from "./assert.ts";
import { fromHex } from "./golden_data.ts";
import * as np from "../lib/mod.ts";
import type { NDArray } from "../lib/mod.ts";

interface Outcome {
  shape?: number[];
  dtype?: string;
  values?: (string | boolean)[];
  warnings?: string[];
  error?: string;
}

type Cases = { result: Outcome; [key: string]: unknown }[];

const golden: Record<string, Cases> & {
  printing: { values: string[]; shape: number[]; str: string; repr: string }[];
} = JSON.parse(await Deno.readTextFile(new URL("./golden/int64.json", import.meta.url)));

/** An int64 array of decimal strings (Python ints, exactly). */
function int64Array(values: string[], shape: number[] = [values.length]): NDArray {
  return new np.NDArray(BigInt64Array.from(values, BigInt), shape, "int64");
}

/** A Python int as the library takes it: a bigint. */
function pythonInt(value: string): bigint {
  return BigInt(value);
}

/**
 * The outcome of a call, as make_int64.py records NumPy's. A JS number
 * carries no dtype, so a scalar number is taken to be of `numberDType`.
 */
function outcome(run: () => unknown, numberDType = "int64"): Outcome {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...parts: unknown[]) => seen.push(parts.join(" "));
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    console.warn = original;
  }
  const array = value instanceof np.NDArray ? value : np.asarray(value as number);
  const flat = array.flatten().tolist() as (number | bigint | boolean)[];
  const dtype = value instanceof np.NDArray
    ? array.dtype
    : typeof value === "boolean"
    ? "bool"
    : typeof value === "bigint"
    ? "int64"
    : numberDType;
  return {
    shape: [...array.shape],
    dtype,
    values: flat.map((v) =>
      typeof v === "boolean"
        ? v
        : dtype === "float64"
        ? (v as number).toString()
        : BigInt(v as number | bigint).toString()
    ),
    warnings: seen.map((line) => line.replace("RuntimeWarning: ", "")),
  };
}

/** Whether a call's outcome is NumPy's: the same values (doubles by their bits), dtype and shape, or an error ending in NumPy's words. */
function sameOutcome(actual: Outcome, expected: Outcome, checkWarnings = true): boolean {
  if (expected.error !== undefined) {
    return actual.error !== undefined && actual.error.includes(expected.error);
  }
  if (actual.error !== undefined) return false;
  if (actual.dtype !== expected.dtype) return false;
  if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) return false;
  const values = expected.values!.map((v) =>
    expected.dtype === "float64" ? fromHex(v as string).toString() : v
  );
  if (JSON.stringify(actual.values) !== JSON.stringify(values)) return false;
  // Warnings print once per session: a missing repeat is not a difference.
  if (checkWarnings && (actual.warnings ?? []).some((w) => !expected.warnings!.includes(w))) {
    return false;
  }
  return true;
}

function check(
  cases: Cases,
  run: (c: Cases[number]) => unknown,
  label: (c: Cases[number]) => string,
) {
  const problems: string[] = [];
  for (const c of cases) {
    const got = outcome(() => run(c), c.result.dtype ?? "int64");
    if (!sameOutcome(got, c.result)) {
      problems.push(`${label(c)}: ${JSON.stringify(got)} vs NumPy ${JSON.stringify(c.result)}`);
    }
  }
  assertEquals(problems, []);
  assert(cases.length > 0);
}

/** An operand of a case: an array of decimal strings, one Python int, or float hexes. */
function operand(value: unknown): NDArray | bigint {
  if (typeof value === "string") return pythonInt(value);
  const list = value as string[];
  if (
    list.some((v) => v.startsWith("0x") || v.startsWith("-0x") || v.includes("inf") || v === "nan")
  ) {
    return np.array(list.map(fromHex));
  }
  return int64Array(list);
}

Deno.test("int64 add, subtract, multiply, maximum, minimum and comparisons wrap and compare as NumPy's", () => {
  const ops: Record<string, (a: NDArray | bigint, b: NDArray | bigint) => unknown> = {
    add: np.add,
    subtract: np.subtract,
    multiply: np.multiply,
    divide: np.divide,
    maximum: np.maximum,
    minimum: np.minimum,
    greater: np.greater,
    equal: np.equal,
    less_equal: np.lessEqual,
    not_equal: np.notEqual,
  };
  check(
    golden.binary,
    (c) => ops[c.op as string](operand(c.left), operand(c.right)),
    (c) =>
      `${c.op}(${JSON.stringify(c.left).slice(0, 40)}, ${JSON.stringify(c.right).slice(0, 40)})`,
  );
});

Deno.test("int64 power wraps around as NumPy's, and refuses negative exponents", () => {
  check(
    golden.power,
    (c) => np.power(operand(c.base), operand(c.exponent)),
    (c) => `power(${c.base}, ${c.exponent})`,
  );
});

Deno.test("int64 negative, abs, square and sign at -2**63 and past 2**53", () => {
  const ops: Record<string, (a: NDArray) => unknown> = {
    negative: np.negative,
    abs: np.abs,
    square: np.square,
    sign: np.sign,
  };
  check(golden.unary, (c) => ops[c.op as string](operand(c.input) as NDArray), (c) => `${c.op}`);
});

Deno.test("int64 sums and cumulative sums wrap; max, min, argmax, argmin exact; means as NumPy's", () => {
  const ops: Record<string, (a: NDArray, axis: number | null) => unknown> = {
    sum: (a, axis) => np.sum(a, { axis }),
    cumsum: (a, axis) => np.cumsum(a, axis),
    max: (a, axis) => np.max(a, { axis }),
    min: (a, axis) => np.min(a, { axis }),
    argmax: (a, axis) => np.argmax(a, { axis }),
    argmin: (a, axis) => np.argmin(a, { axis }),
    mean: (a, axis) => np.mean(a, { axis }),
  };
  check(
    golden.reductions,
    (c) =>
      ops[c.op as string](
        int64Array(c.input as string[], c.shape as number[]),
        c.axis as number | null,
      ),
    (c) => `${c.op} axis ${c.axis} of ${c.shape}`,
  );
});

Deno.test("int64 dot, matmul and outer are exact and wrap as NumPy's", () => {
  const ops: Record<string, (a: NDArray, b: NDArray) => unknown> = {
    dot: np.dot,
    matmul: np.matmul,
    outer: np.outer,
  };
  check(
    golden.products,
    (c) =>
      ops[c.op as string](
        int64Array(c.left as string[], c.leftShape as number[]),
        int64Array(c.right as string[], c.rightShape as number[]),
      ),
    (c) => `${c.op} ${c.leftShape} ${c.rightShape}`,
  );
});

Deno.test("conversions to and from int64 as NumPy's: astype, array and full", () => {
  check(golden.casts, (c) => {
    switch (c.op) {
      case "astype_int64":
        return np.array((c.input as string[]).map(fromHex)).astype("int64");
      case "astype_float64":
        return int64Array(c.input as string[]).astype("float64");
      case "astype_bool":
        return int64Array(c.input as string[]).astype("bool");
      case "array_int":
        return np.array([pythonInt(c.input as string)], "int64");
      case "array_float":
        return np.array([fromHex(c.input as string)], "int64");
      default:
        return np.full(2, fromHex(c.input as string), "int64");
    }
  }, (c) => `${c.op}(${c.input})`);
});

Deno.test("arange counts exactly past 2**53 and fills int64 from its first two values, as NumPy's", () => {
  check(golden.arange, (c) => {
    const args = (c.args as string[]).map((v) =>
      v.startsWith("0x") || v.startsWith("-0x") ? fromHex(v) : pythonInt(v)
    );
    return np.arange(args[0], args[1], args[2] ?? 1n, (c.dtype as "int64" | null) ?? undefined);
  }, (c) => `arange(${c.args}, ${c.dtype})`);
});

Deno.test("int64 arrays past 2**53 print as NumPy prints them", () => {
  for (const c of golden.printing) {
    const a = int64Array(c.values, c.shape);
    assertEquals(np.str(a), c.str);
    assertEquals(np.repr(a), c.repr);
    assertEquals(a.toString(), c.str);
  }
});

Deno.test("int64 values past 2**53 come out exactly, or not as numbers at all", () => {
  const a = np.array([2n ** 53n + 1n, 5n]);
  assertEquals(a.dtype, "int64");
  assertEquals(a.tolist(), [2n ** 53n + 1n, 5]);
  assertEquals(a.get(1), 5);
  let message = "";
  try {
    a.get(0);
  } catch (error) {
    message = (error as Error).message;
  }
  assertEquals(
    message,
    "get: the int64 value 9007199254740993 is past ±2**53, where a JS number cannot hold it " +
      "exactly; tolist() gives it as a bigint",
  );
  // Number(a) is Python's float(a): the nearest double.
  assertEquals(Number(np.array([2n ** 53n + 1n]).reshape([])), 2 ** 53);
  // A value past 2**53 written into a view of doubles reaches every view of the same memory.
  const b = np.arange(6).reshape(2, 3);
  const column = b.T.slice(0, 1);
  b.set([1, 2], 2n ** 62n + 1n);
  assertEquals(column.tolist(), [[0, 3]]);
  assertEquals(b.T.tolist(), [[0, 3], [1, 4], [2, 2n ** 62n + 1n]]);
  b.set([1, 2], 5);
  assertEquals(np.sum(b), 15);
});

Deno.test("int64 arithmetic on the notebooks' sizes stays in doubles (no 64-bit detour)", () => {
  const labels = np.random.randint(0, 10, 1797);
  const counts = np.sum(np.equal(labels, 3));
  assert(typeof counts === "number");
  const shifted = labels.add(1).multiply(2);
  assertEquals(shifted.dtype, "int64");
  assertEquals(np.max(shifted) <= 20, true);
  const indices = np.arange(64);
  assertEquals(np.sum(indices), 2016);
});
