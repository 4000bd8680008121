// The corners where JavaScript's own rules differ from NumPy's, and where the
// library used to be stricter than NumPy, against tests/golden/corners.json
// (written by tests/golden/make_corners.py with NumPy): power of special
// values, clip with signed zeros and nan, subnormals in print, max and min
// of bool, concatenate with axis null, eye's M, randint with an empty size,
// normal with a nan parameter, and the 64-dimension limit.
import { assert, assertEquals } from "./assert.ts";
import { fromHex } from "./golden_data.ts";
import * as np from "../lib/mod.ts";
import type { NDArray } from "../lib/mod.ts";

// deno-lint-ignore no-explicit-any
type Case = Record<string, any>;
const golden: Record<string, Case[]> = JSON.parse(
  await Deno.readTextFile(new URL("./golden/corners.json", import.meta.url)),
);

const doubles = (hexes: string[]) => Float64Array.from(hexes, fromHex);

/** Row-major doubles of a result: an array or a number. */
function flat(value: NDArray | number | bigint | boolean): number[] {
  return value instanceof np.NDArray
    ? Array.from(value.astype("float64").flatten().data)
    : [Number(value)];
}

/** The first position where two lists of doubles differ (Object.is), or -1. */
function firstDifference(actual: number[], expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return 0;
  for (let i = 0; i < actual.length; i++) if (!Object.is(actual[i], expected[i])) return i;
  return -1;
}

Deno.test("power of special values, with scalar and with array exponents, as NumPy's", () => {
  // Where NumPy's vectorised pow is not correctly rounded (the generator
  // lists the correctly rounded value there), the library's correctly
  // rounded one is the right one, as for exp.
  const problems: string[] = [];
  for (const c of golden.power) {
    const x = doubles(c.x);
    const y = doubles(c.y);
    // A JS number cannot be told from an integer, so Python's floats come as 0-d arrays.
    const result = c.kind === "scalars"
      ? np.power(np.array(x[0]), np.array(y[0]))
      : c.kind === "scalar exponent"
      ? np.power(np.array(x), y[0])
      : np.power(np.array(x), np.array(y));
    const expected = doubles(c.result);
    const got = flat(result);
    (c.correct as (string | null)[]).forEach((correct, i) => {
      if (correct !== null && Object.is(got[i], fromHex(correct))) expected[i] = got[i];
    });
    const at = firstDifference(got, expected);
    if (at >= 0) {
      problems.push(
        `${c.kind}: ${x[at % x.length]} ** ${y[at % y.length]} = ${flat(result)[at]}, NumPy ${
          expected[at]
        }`,
      );
    }
  }
  assertEquals(problems, []);
});

Deno.test("clip keeps signed zeros and nan as NumPy's clip does, for every form of bounds", () => {
  const problems: string[] = [];
  for (const c of golden.clip) {
    const x = np.array(doubles(c.x)).reshape(c.xShape).astype(c.xDType ?? "float64");
    const bound = (hex: string | string[] | null, shape?: number[]) => {
      if (hex === null) return null;
      if (Array.isArray(hex)) return np.array(doubles(hex)).reshape(shape!);
      const value = fromHex(hex);
      if (c.form === "0-d") return np.array(value);
      if (c.form === "full") return np.full(c.xShape, value);
      return value;
    };
    const lo = bound(c.lo, c.loShape);
    const hi = bound(c.hi, c.hiShape);
    const result = np.clip(x, lo, hi) as NDArray;
    const at = firstDifference(flat(result), doubles(c.result));
    if (at >= 0 || result.dtype !== c.dtype) {
      problems.push(
        `clip(${c.x}, ${c.lo}, ${c.hi}) ${c.form}: ${flat(result)} vs ${doubles(c.result)}`,
      );
    }
  }
  assertEquals(problems, []);
});

Deno.test("subnormals print NumPy's digits", () => {
  for (const c of golden.printing) {
    const a = c.shape ? np.array(doubles(c.values)[0]) : np.array(doubles(c.values));
    assertEquals(np.str(a), c.str);
    assertEquals(np.repr(a), c.repr);
  }
});

Deno.test("max and min of a bool array are booleans, as NumPy's are np.bool", () => {
  for (const c of golden.boolExtremes) {
    const a = np.array(c.values).reshape(c.shape);
    const reduce = c.op === "max" ? np.max : np.min;
    if (c.axis === null) {
      const value: unknown = reduce(a);
      assertEquals(value, c.result[0]);
      assertEquals(typeof value, "boolean");
    } else {
      const along = reduce(a, { axis: c.axis as number });
      assertEquals(along.dtype, "bool");
      assertEquals(along.tolist(), c.result);
    }
  }
});

Deno.test("concatenate with axis null flattens first, as NumPy's axis=None", () => {
  for (const c of golden.concatenateNone) {
    const arrays = c.arrays.map((a: Case) => {
      const made = np.array(doubles(a.values)).reshape(a.shape);
      return a.transposed ? made.T : made;
    });
    const result = np.concatenate(arrays, null);
    assertEquals(firstDifference(flat(result), doubles(c.result)), -1);
  }
});

Deno.test("eye takes NumPy's M, and k", () => {
  for (const c of golden.eye) {
    const result = np.eye(c.n, { M: c.M ?? undefined, k: c.k });
    assertEquals([...result.shape], c.shape);
    assertEquals(firstDifference(flat(result), doubles(c.result)), -1);
  }
  assertEquals(np.eye(2, 3).shape, [2, 3]);
});

Deno.test("randint with an empty size and normal with a nan parameter, as NumPy's streams", () => {
  for (const c of golden.random) {
    const rs = new np.random.RandomState(7);
    if (c.op === "randint") {
      let error = "";
      try {
        const result = rs.randint(c.args[0], c.args[1] ?? null, c.size) as unknown as NDArray;
        assertEquals([...result.shape], c.shape);
        assertEquals(result.size, 0);
      } catch (caught) {
        error = (caught as Error).message;
      }
      assertEquals(
        c.error === undefined ? "" : error.includes(c.error),
        c.error === undefined ? "" : true,
      );
    } else {
      const result = rs.normal(fromHex(c.loc), fromHex(c.scale), c.size ?? null);
      assertEquals(firstDifference(flat(result), doubles(c.values)), -1);
    }
    // The stream moved on as NumPy's did.
    assertEquals(rs.rand(), fromHex(c.next));
  }
});

Deno.test("arrays may have 64 dimensions, not 65, with NumPy's message", () => {
  const runs: Record<string, () => NDArray> = {
    "zeros 64": () => np.zeros(new Array(64).fill(1)),
    "zeros 65": () => np.zeros(new Array(65).fill(1)),
    "reshape 65": () => np.zeros(1).reshape(new Array(65).fill(1)),
    "expand_dims 65": () => np.expandDims(np.zeros(new Array(64).fill(1)), 0),
    "broadcast_to 65": () => np.broadcastTo(np.zeros(1), new Array(65).fill(1)),
  };
  for (const c of golden.dimensions) {
    let outcome: string | number;
    try {
      outcome = runs[c.case]().ndim;
    } catch (error) {
      outcome = (error as Error).message;
    }
    if (c.error === undefined) assertEquals(outcome, c.ndim);
    else assert(String(outcome).endsWith(c.error), `${c.case}: ${outcome}`);
  }
});
