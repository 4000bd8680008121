// Views as NumPy has them, against tests/golden/views.json (written by
// tests/golden/make_views.py with NumPy): every view-making operation gives
// NumPy's values, strides and flags, shares the original's memory exactly
// when NumPy's does, and an update written through it reaches the original
// as in NumPy (or is refused with NumPy's words, for a read-only view);
// and sums, means, variances and extremes over transposed, reversed,
// stepped and broadcast views come out bit for bit as NumPy's, which adds
// in the order its iterator visits memory.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { decodeFloat64, fromHex } from "./golden_data.ts";
import * as np from "../lib/mod.ts";
import type { DType, NDArray } from "../lib/mod.ts";

interface Step {
  op: string;
  args?: [number | null, number | null, number | null];
  axes?: number[];
  shape?: number[];
  axis?: number | null;
  offset?: number;
  axis1?: number;
  axis2?: number;
  index?: number;
}

interface ViewCase {
  shape: number[];
  dtype: DType;
  steps: Step[];
  view: {
    shape: number[];
    values: string;
    strides: number[];
    flags: { c: boolean; f: boolean; writeable: boolean; owndata: boolean };
    isView: boolean;
    sharesMemory: boolean;
  };
  update: { kind: "add" | "set" | "fill"; value: number; index?: number[] };
  after?: string;
  error?: string;
}

interface Result {
  op: string;
  axis: number | null;
  shape: number[];
  values: string;
}

interface ReductionCase {
  base: string;
  steps: Step[];
  by: number[];
  results: Result[];
  elementwise?: {
    timesTwoStrides: number[];
    sumTimesTwo: string;
    sqrtStrides: number[];
    sumSqrt: string;
    sumPlusTransposeOfItself: string;
    cumsumStrides: number[];
    sumCumsum: string;
    concatenateStrides: number[];
    sumConcatenate: string;
    copyStrides: number[];
    astypeStrides: number[];
  };
}

interface IntegerMeanCase {
  dtype: "int64" | "bool";
  shape: number[];
  results: { view: string; axis: number | null; shape: number[]; values: string }[];
}

const golden: {
  views: ViewCase[];
  reductions: ReductionCase[];
  integerMeans: IntegerMeanCase[];
} = JSON.parse(await Deno.readTextFile(new URL("./golden/views.json", import.meta.url)));

/** What a chain of steps makes of `a`, with the library's functions. */
function apply(a: NDArray, steps: Step[]): NDArray {
  let out = a;
  for (const step of steps) {
    switch (step.op) {
      case "slice":
        out = out.slice(...step.args!);
        break;
      case "T":
        out = out.T;
        break;
      case "transpose":
        out = out.transpose(step.axes!);
        break;
      case "reshape":
        out = out.reshape(step.shape!);
        break;
      case "ravel":
        out = out.ravel();
        break;
      case "squeeze":
        out = np.squeeze(out, step.axis ?? undefined);
        break;
      case "expand_dims":
        out = np.expandDims(out, step.axis!);
        break;
      case "diagonal":
        out = np.diagonal(out, step.offset, step.axis1, step.axis2);
        break;
      case "broadcast_to":
        out = np.broadcastTo(out, step.shape!);
        break;
      case "row":
        out = [...np.rows(out)].at(step.index!)!;
        break;
      default:
        throw new Error(`unknown step ${step.op}`);
    }
  }
  return out;
}

/** `a` with axis `axis` stepped by `by` (NumPy's `a[..., ::by, ...]`), a view. */
function stepAxis(a: NDArray, axis: number, by: number): NDArray {
  if (by === 1) return a;
  const order = [axis, ...a.shape.map((_, i) => i).filter((i) => i !== axis)];
  const back = order.map((_, i) => order.indexOf(i));
  return a.transpose(order).slice(null, null, by).transpose(back);
}

/** Row-major doubles of an array (the elements, exactly, whatever its layout). */
function values(a: NDArray): Float64Array {
  return a.astype("float64").flatten().data;
}

/** Whether two lists of doubles are the same bits, NaN equal to NaN. */
function sameDoubles(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) return false;
  }
  return true;
}

function describeCase(c: ViewCase): string {
  return `${c.dtype} ${JSON.stringify(c.shape)} ${JSON.stringify(c.steps)} ${
    JSON.stringify(c.update)
  }`;
}

Deno.test("every view-making step gives NumPy's values, strides, flags and memory sharing", () => {
  const problems: string[] = [];
  for (const c of golden.views) {
    const original = np.arange(c.shape.reduce((a, b) => a * b, 1), undefined, undefined, c.dtype)
      .reshape(c.shape).copy();
    const view = apply(original, c.steps);
    const expected = c.view;
    const flags = view.flags;
    const seen = {
      shape: [...view.shape],
      values: Array.from(values(view)),
      strides: [...view.strides],
      flags: { c: flags.cContiguous, f: flags.fContiguous, writeable: flags.writeable },
      isView: view.base === original,
      sharesMemory: np.sharesMemory(view, original),
    };
    const wanted = {
      shape: expected.shape,
      values: Array.from(decodeFloat64(expected.values)),
      strides: expected.strides,
      flags: { c: expected.flags.c, f: expected.flags.f, writeable: expected.flags.writeable },
      isView: expected.isView,
      sharesMemory: expected.sharesMemory,
    };
    if (JSON.stringify(seen) !== JSON.stringify(wanted)) {
      problems.push(
        `${describeCase(c)}: ${JSON.stringify(seen)} vs NumPy ${JSON.stringify(wanted)}`,
      );
    }
    // NumPy's owndata is false for every one of these: views, and reshapes
    // of a copy, which view that copy.
    if (view.flags.ownData !== expected.flags.owndata) {
      problems.push(`${describeCase(c)}: ownData ${view.flags.ownData}`);
    }
  }
  assertEquals(problems, []);
});

Deno.test("an update through a view reaches the original as in NumPy, or is refused as NumPy refuses it", () => {
  const problems: string[] = [];
  let updated = 0;
  let refused = 0;
  for (const c of golden.views) {
    const original = np.arange(c.shape.reduce((a, b) => a * b, 1), undefined, undefined, c.dtype)
      .reshape(c.shape).copy();
    const view = apply(original, c.steps);
    let error: string | undefined;
    try {
      if (c.update.kind === "add") view.addInPlace(c.update.value);
      else if (c.update.kind === "set") view.set(c.update.index!, c.update.value);
      else np.set(view, [], c.update.value);
    } catch (caught) {
      error = (caught as Error).message;
    }
    if (c.error !== undefined) {
      refused++;
      // NumPy: "output array is read-only" for +=, "assignment destination
      // is read-only" for an assignment; here prefixed by the operation.
      if (error === undefined || !error.endsWith(c.error)) {
        problems.push(`${describeCase(c)}: ${error ?? "no error"}, NumPy: ${c.error}`);
      }
      continue;
    }
    updated++;
    if (error !== undefined) {
      problems.push(`${describeCase(c)}: threw ${error}`);
    } else if (!sameDoubles(values(original), decodeFloat64(c.after!))) {
      problems.push(
        `${describeCase(c)}: original became ${values(original)}, NumPy ${decodeFloat64(c.after!)}`,
      );
    }
  }
  assertEquals(problems, []);
  assert(updated >= 40 && refused >= 6, `${updated} updated, ${refused} refused`);
});

Deno.test("reductions over strided views add in NumPy's order, bit for bit", () => {
  const problems: string[] = [];
  let checked = 0;
  for (const c of golden.reductions) {
    let view = apply(np.array(decodeFloat64(c.base)), c.steps);
    c.by.forEach((by, axis) => (view = stepAxis(view, axis, by)));
    for (const r of c.results) {
      type Reduce = (a: NDArray, options: { axis: number | null }) => NDArray | number;
      const reduce: Reduce = ({
        sum: np.sum,
        mean: np.mean,
        var: np.variance,
        std: np.std,
        max: np.max,
        min: np.min,
        argmax: np.argmax,
        argmin: np.argmin,
        cumsum: (a: NDArray, options: { axis: number | null }) => np.cumsum(a, options.axis),
      } as Record<string, Reduce>)[r.op];
      const got = reduce(view, { axis: r.axis });
      const flat = got instanceof np.NDArray ? values(got) : Float64Array.of(Number(got));
      checked++;
      if (!sameDoubles(flat, decodeFloat64(r.values))) {
        problems.push(
          `${r.op} axis ${r.axis} of shape ${view.shape} strides ${view.strides}: ${
            flat.slice(0, 4)
          } vs NumPy ${decodeFloat64(r.values).slice(0, 4)}`,
        );
      }
    }
    if (c.elementwise) {
      const e = c.elementwise;
      const doubled = view.multiply(2);
      const roots = np.sqrt(np.abs(view));
      const seen = [
        [...doubled.strides],
        np.sum(doubled),
        [...roots.strides],
        np.sum(roots),
        np.sum(view.add(view.T.T)),
        [...np.cumsum(view, 0).strides],
        np.sum(np.cumsum(view, 0)),
        [...np.concatenate([view, view]).strides],
        np.sum(np.concatenate([view, view])),
        [...np.copy(view).strides],
        [...view.astype("float64").strides],
      ];
      const wanted = [
        e.timesTwoStrides,
        fromHex(e.sumTimesTwo),
        e.sqrtStrides,
        fromHex(e.sumSqrt),
        fromHex(e.sumPlusTransposeOfItself),
        e.cumsumStrides,
        fromHex(e.sumCumsum),
        e.concatenateStrides,
        fromHex(e.sumConcatenate),
        e.copyStrides,
        e.astypeStrides,
      ];
      if (JSON.stringify(seen) !== JSON.stringify(wanted)) {
        problems.push(`element-wise on ${view.shape} ${view.strides}: ${seen} vs ${wanted}`);
      }
    }
  }
  assertEquals(problems, []);
  assert(checked > 2000, `${checked} results checked`);
});

/** The test's integers: a 64-bit linear congruential step, as make_views.py makes them. */
function mixed(size: number): BigInt64Array {
  const out = new BigInt64Array(size);
  let state = 12345n;
  for (let i = 0; i < size; i++) {
    state = (state * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
    out[i] = (state >> 4n) - 2n ** 59n;
  }
  return out;
}

Deno.test("means of int64 and bool arrays convert in NumPy's buffers of 8192, bit for bit", () => {
  const problems: string[] = [];
  for (const c of golden.integerMeans) {
    const integers = mixed(c.shape.reduce((a, b) => a * b, 1));
    const array = c.dtype === "int64"
      ? new np.NDArray(integers, c.shape, "int64")
      : np.array(Array.from(integers, (value) => value % 3n === 0n)).reshape(c.shape);
    for (const r of c.results) {
      const view = r.view === "T"
        ? array.T
        : r.view === "reversed"
        ? array.slice(null, null, -1)
        : array;
      const got = np.mean(view, { axis: r.axis });
      const flat = got instanceof np.NDArray ? values(got) : Float64Array.of(got);
      if (!sameDoubles(flat, decodeFloat64(r.values))) {
        problems.push(`${c.dtype} ${c.shape} ${r.view} axis ${r.axis}`);
      }
    }
  }
  assertEquals(problems, []);
});

Deno.test("views of views point to the array that owns the memory, as NumPy's base does", () => {
  const a = np.arange(12).reshape(3, 4);
  const owner = a.base!;
  assert(owner !== null && owner.base === null);
  assert(a.T.base === owner && a.T.T.base === owner && a.slice(1).T.base === owner);
  assert(a.copy().base === null && np.copy(a).base === null && a.flatten().base === null);
  assertEquals(np.sharesMemory(a.slice(0, 1), a.slice(1)), false);
  assertEquals(np.sharesMemory(a.T, a.slice(2)), true);
  // Interleaved but disjoint: every other element, starting at 0 and at 1.
  const flat = np.arange(10);
  assertEquals(np.sharesMemory(flat.slice(0, null, 2), flat.slice(1, null, 2)), false);
});

Deno.test("rows from iteration are views: writing into them changes the array", () => {
  const a = np.arange(6).reshape(2, 3).copy();
  for (const row of a) (row as NDArray).multiplyInPlace(10);
  assertEquals(a.tolist(), [[0, 10, 20], [30, 40, 50]]);
  for (const row of np.rows(a)) row.set(0, -1);
  assertEquals(a.tolist(), [[-1, 10, 20], [-1, 40, 50]]);
  // A 1-D array iterates as numbers, as NumPy's as scalars.
  assertEquals([...np.array([1, 2])], [1, 2]);
});

Deno.test("copy, flatten, astype and array make new arrays; asarray does not", () => {
  const a = np.arange(4).reshape(2, 2).copy();
  for (const made of [a.copy(), np.copy(a), a.flatten(), a.astype("int64"), np.array(a)]) {
    assertEquals(np.sharesMemory(made, a), false);
  }
  assert(np.asarray(a) === a);
  // np.copy and astype keep a transpose's column-major order; a.copy() is C order.
  assertEquals(np.copy(a.T).flags.fContiguous, true);
  assertEquals(a.T.astype("float64").flags.fContiguous, true);
  assertEquals(a.T.copy().flags.cContiguous, true);
});

Deno.test("a broadcast and a diagonal are read-only, with NumPy's words", () => {
  const b = np.broadcastTo(np.array([1, 2, 3]), [2, 3]);
  assertEquals(b.flags.writeable, false);
  assertThrows(() => b.set([0, 0], 5), TypeError, "set: assignment destination is read-only");
  assertThrows(() => b.addInPlace(1), TypeError, "add: output array is read-only");
  assertThrows(() => b.T.subtractInPlace(1), TypeError, "subtract: output array is read-only");
  assertThrows(
    () => new np.random.RandomState(0).shuffle(b),
    TypeError,
    "shuffle: array is read-only",
  );
  const d = np.diagonal(np.eye(3));
  assertThrows(() => d.set(0, 2), TypeError, "set: assignment destination is read-only");
  // Views of read-only arrays are read-only too.
  assertEquals(b.slice(0, 1).flags.writeable, false);
});

Deno.test("every result's shape is frozen, its own or shared with an operand", () => {
  const rs = new np.random.RandomState(5);
  const a = rs.randn(3, 4);
  const row = rs.randn(1, 4);
  const ints = np.arange(12).reshape([3, 4]);
  const results: [string, unknown][] = [
    ["add", a.add(row)],
    ["add same", a.add(a)],
    ["add scalar", a.add(1)],
    ["scalar add", np.add(1, a)],
    ["0-d add", np.add(np.array(2), 3)],
    ["0-d and scalar", np.add(1, np.array(2))],
    ["greater", a.greater(row)],
    ["int64 wide", ints.add(2n ** 60n)],
    ["exp", np.exp(a)],
    ["exp of T", np.exp(a.T)],
    ["clip", np.clip(a, row, 1)],
    ["sum axis", np.sum(a, { axis: 0 })],
    ["sum keepdims", np.sum(a, { axis: 1, keepdims: true })],
    ["sum of T", np.sum(a.T, { axis: 0, keepdims: true })],
    ["mean", np.mean(a, { axis: 0 })],
    ["var", np.variance(a, { axis: 1, keepdims: true })],
    ["max", np.max(a, { axis: 0 })],
    ["argmax", a.argmax({ axis: 1 })],
    ["int sum", np.sum(ints, { axis: 0 })],
    ["cumsum", np.cumsum(a, 0)],
    ["matmul", a.matmul(a.T)],
    ["matmul vector", a.matmul(np.ones([4]))],
    ["int matmul", ints.matmul(ints.T)],
    ["astype", a.astype("int64")],
    ["astype same", a.astype("float64")],
    ["copy", a.copy()],
    ["np.copy of T", np.copy(a.T)],
    ["T", a.T],
    ["slice", a.slice(1)],
    ["reshape", a.reshape([4, 3])],
    ["reshape -1", a.reshape([-1])],
    ["take", a.take(np.arange(2))],
    ["concatenate", np.concatenate([a, a])],
    ["broadcastTo", np.broadcastTo(row, [2, 4])],
    ["isclose", np.isclose(a, a)],
    ["arange", np.arange(5)],
    ["zeros", np.zeros([2, 3])],
  ];
  for (const [name, result] of results) {
    const shape = (result as NDArray).shape;
    assert(Object.isFrozen(shape), `${name}: shape ${shape} is not frozen`);
  }
  // The constructor's shape is its own copy.
  const mine = [2, 2];
  const made = new np.NDArray(new Float64Array(4), mine);
  mine[0] = 4;
  assertEquals(made.shape, [2, 2]);
  assert(!Object.isFrozen(mine) && Object.isFrozen(made.shape));
});

Deno.test("data is the array's own memory when contiguous, a copy for other views", () => {
  const a = np.arange(6).reshape(2, 3).copy();
  a.slice(1).data[0] = 30;
  assertEquals(a.get(1, 0), 30);
  const copied = a.T.data;
  copied[0] = 99;
  assertEquals(a.get(0, 0), 0);
  assertEquals(Array.from(copied.slice(1)), [30, 1, 4, 2, 5]);
  // The shape list is frozen; data and dtype cannot be assigned, as NumPy's data cannot.
  assertThrows(() => {
    (a.shape as number[])[0] = 3;
  }, TypeError);
  assertThrows(
    () => {
      (a as unknown as { data: Float64Array }).data = new Float64Array(6);
    },
    TypeError,
    "data: attribute 'data' of NDArray objects is not writable",
  );
  assertThrows(
    () => {
      (a as unknown as { dtype: string }).dtype = "float64";
    },
    TypeError,
    "dtype: cannot be assigned",
  );
});

Deno.test("assigning a shape reshapes in place when no copy is needed, as NumPy's a.shape = ...", () => {
  const a = np.arange(6);
  a.shape = [2, 3];
  assertEquals(a.tolist(), [[0, 1, 2], [3, 4, 5]]);
  assertThrows(
    () => {
      a.shape = [4];
    },
    RangeError,
    "shape: cannot reshape array of size 6 into shape (4,)",
  );
  const t = a.T;
  assertThrows(
    () => {
      t.shape = [6];
    },
    TypeError,
    "shape: Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
  );
  // A view reshaped in place still writes into the original.
  const row = a.slice(1);
  row.shape = [3, 1];
  row.set([2, 0], 50);
  assertEquals(a.get(1, 2), 50);
  assertEquals([...t.shape], [3, 2]);
});

Deno.test("in-place operations read what they overwrite before overwriting it, as NumPy's do", () => {
  const a = np.arange(5).astype("float64");
  a.addInPlace(a.slice(null, null, -1));
  assertEquals(a.tolist(), [4, 4, 4, 4, 4]);
  const b = np.arange(6).reshape(2, 3).astype("float64");
  const expected = np.add(b, b.slice(null, null, -1)).tolist();
  b.addInPlace(b.slice(null, null, -1));
  assertEquals(b.tolist(), expected);
  const c = np.arange(4).reshape(2, 2).astype("float64");
  c.T.addInPlace(c);
  assertEquals(c.tolist(), [[0, 3], [3, 6]]);
});

Deno.test("the product reads transposed operands in place, with the same bits as copies", () => {
  const rs = new np.random.RandomState(3);
  const X = rs.randn(64, 784);
  const dz = rs.randn(64, 128);
  const viewed = X.T.matmul(dz);
  const copied = X.T.copy().matmul(dz);
  assert(sameDoubles(viewed.data, copied.data));
  const W = rs.randn(10, 128);
  assert(sameDoubles(dz.matmul(W.T).data, dz.matmul(W.T.copy()).data));
  const small = rs.randn(3, 2);
  assert(sameDoubles(small.T.matmul(small).data, small.T.copy().matmul(small).data));
  const v = rs.randn(6).slice(null, null, -2);
  const B = rs.randn(3, 40);
  assert(sameDoubles(v.matmul(B).data, v.copy().matmul(B).data));
  assert(sameDoubles(B.T.matmul(v).data, B.T.copy().matmul(v).data));
  // Every kind of layout on either side, small and large enough for two
  // threads: transposed, reversed, stepped (gathered), broadcast.
  const flip = (a: NDArray) => a.slice(null, null, -1);
  const layouts: ((rows: number, columns: number) => NDArray)[] = [
    (rows, columns) => rs.randn(rows, columns),
    (rows, columns) => rs.randn(columns, rows).T,
    (rows, columns) => flip(flip(rs.randn(rows, columns)).T).T,
    (rows, columns) => flip(rs.randn(columns, rows).T),
    (rows, columns) =>
      rs.randn(3 * rows, 2 * columns).slice(null, null, 3).T.slice(null, null, 2).T,
    (rows, columns) => np.broadcastTo(rs.randn(1, columns), [rows, columns]),
  ];
  let checked = 0;
  for (const [n, k, m] of [[7, 9, 13], [150, 300, 170], [400, 257, 64]]) {
    for (const left of layouts) {
      for (const right of layouts) {
        const a = left(n, k);
        const b = right(k, m);
        const got = a.matmul(b);
        const want = a.copy().matmul(b.copy());
        assertEquals(got.shape, want.shape);
        assert(sameDoubles(got.data, want.data), `${a.strides} @ ${b.strides}`);
        checked++;
      }
    }
  }
  assertEquals(checked, 108);
});
