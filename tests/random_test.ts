import { assert, assertEquals, assertNotEquals, assertThrows } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { NDArray } from "../lib/core/ndarray.ts";
import { RandomState } from "../lib/random/random_state.ts";
import { float64FromBytes } from "./golden_data.ts";

// Golden data comes from tests/golden/make_random.py, run with NumPy 2.4.

interface EncodedArray {
  shape: number[];
  dtype: "float64" | "int64" | "bool";
  values: number[];
}

type EncodedResult =
  | ({ kind: "array" } & EncodedArray)
  | { kind: "scalar"; dtype: string; value: number }
  | {
    kind: "state";
    bitGenerator: "MT19937";
    key: number[];
    pos: number;
    hasGauss: boolean;
    cachedGaussian: number;
  };

/** A Gaussian draw where NumPy's C-library log and a correctly rounded log disagree. */
interface FlaggedDraw {
  index: number;
  numpy: number;
  correctlyRounded: number;
  r2: number;
  libmLog: number;
  correctlyRoundedLog: number;
}

interface Step {
  method: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  result: EncodedResult | null;
  flagged?: FlaggedDraw[];
}

interface Case {
  name: string;
  seed: number | number[];
  moduleLevel?: boolean;
  steps: Step[];
}

interface GaussStream {
  seed: number;
  call: string;
  file: string;
  draws: number;
  pairs: number;
  logMismatchPairs: number;
  flaggedDraws: number;
  flagged: FlaggedDraw[];
}

const golden = new URL("./golden/", import.meta.url);
const cases: Case[] = JSON.parse(
  await Deno.readTextFile(new URL("random_cases.json", golden)),
).cases;
const stream: GaussStream = JSON.parse(
  await Deno.readTextFile(new URL("random_gauss_stream.json", golden)),
);

type Method = (...args: unknown[]) => unknown;

function camelCase(name: string): string {
  return name.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
}

function decodeArg(arg: unknown): unknown {
  if (typeof arg === "object" && arg !== null && "ndarray" in arg) {
    const { shape, dtype, values } = (arg as { ndarray: EncodedArray }).ndarray;
    return new NDArray(Float64Array.from(values), shape, dtype);
  }
  return arg;
}

function describeStep(name: string, step: Step): string {
  return `${name}: ${step.method}(${JSON.stringify(step.args).slice(1, -1)}` +
    `${Object.keys(step.kwargs).length ? ", " + JSON.stringify(step.kwargs) : ""})`;
}

/**
 * Checks `actual` against NumPy's values: identical everywhere except at the
 * flagged Gaussian draws, where it must equal the correctly-rounded-log value,
 * a hair away from NumPy's, and where Math.log must agree with the correctly
 * rounded log that explains the difference.
 */
function compareDraws(
  actual: ArrayLike<number>,
  numpy: ArrayLike<number>,
  flagged: readonly FlaggedDraw[],
  where: string,
): { identical: number; flagged: number } {
  assertEquals(actual.length, numpy.length, `${where}: length`);
  const explained = new Map(flagged.map((draw) => [draw.index, draw]));
  let identical = 0;
  for (let i = 0; i < numpy.length; i++) {
    const draw = explained.get(i);
    if (draw === undefined) {
      if (!Object.is(actual[i], numpy[i])) {
        throw new Error(`${where}: draw ${i} is ${actual[i]}, NumPy gave ${numpy[i]}`);
      }
      identical++;
      continue;
    }
    assertEquals(draw.numpy, numpy[i], `${where}: flagged draw ${i} is NumPy's`);
    assertEquals(actual[i], draw.correctlyRounded, `${where}: flagged draw ${i}`);
    assertNotEquals(actual[i], numpy[i]);
    assert(Math.abs(actual[i] - numpy[i]) <= 4 * Number.EPSILON * Math.abs(numpy[i]));
    assertEquals(Math.log(draw.r2), draw.correctlyRoundedLog, `${where}: log(${draw.r2})`);
    assertNotEquals(draw.libmLog, draw.correctlyRoundedLog);
  }
  return { identical, flagged: explained.size };
}

interface Tally {
  compared: number;
  identical: number;
  flagged: number;
}

function replay(testCase: Case, tallies: Map<string, Tally>): void {
  const generator = testCase.moduleLevel
    ? (np.random as unknown as Record<string, Method>)
    : (new RandomState(testCase.seed) as unknown as Record<string, Method>);
  if (testCase.moduleLevel) np.random.seed(testCase.seed);
  for (const step of testCase.steps) {
    const where = describeStep(testCase.name, step);
    const args = step.args.map(decodeArg);
    const kwargs = Object.fromEntries(
      Object.entries(step.kwargs).map(([key, value]) => [key, decodeArg(value)]),
    );
    const call = Object.keys(kwargs).length ? [...args, kwargs] : args;
    const method = camelCase(step.method);
    let actual = generator[method](...call);
    const expected = step.result;
    if (expected === null) continue;
    if (expected.kind === "state") {
      const state = actual as ReturnType<RandomState["getState"]>;
      assertEquals(state.bitGenerator, expected.bitGenerator, where);
      assertEquals(Array.from(state.key), expected.key, where);
      assertEquals(state.pos, expected.pos, where);
      assertEquals(state.hasGauss, expected.hasGauss, where);
      assertEquals(state.cachedGaussian, expected.cachedGaussian, where);
      continue;
    }
    if (step.method === "shuffle") {
      assertEquals(actual, undefined, `${where} returns nothing`);
      actual = args[0];
    }
    let values: ArrayLike<number>;
    let numpy: number[];
    if (expected.kind === "scalar") {
      assertEquals(typeof actual, "number", `${where} returns a number`);
      values = [actual as number];
      numpy = [expected.value];
    } else {
      assert(actual instanceof NDArray, `${where} returns an NDArray`);
      assertEquals(actual.shape, expected.shape, `${where}: shape`);
      assertEquals(actual.dtype, expected.dtype, `${where}: dtype`);
      values = actual.data;
      numpy = expected.values;
    }
    const { identical, flagged } = compareDraws(values, numpy, step.flagged ?? [], where);
    const tally = tallies.get(method) ?? { compared: 0, identical: 0, flagged: 0 };
    tally.compared += numpy.length;
    tally.identical += identical;
    tally.flagged += flagged;
    tallies.set(method, tally);
  }
}

Deno.test("RandomState replays NumPy's legacy streams for every golden seed", () => {
  const tallies = new Map<string, Tally>();
  for (const testCase of cases.filter((c) => !c.moduleLevel)) replay(testCase, tallies);
  const rows = [...tallies].map(([method, t]) => ({ method, ...t }));
  const total = rows.reduce((sum, row) => sum + row.compared, 0);
  const identical = rows.reduce((sum, row) => sum + row.identical, 0);
  assertEquals(identical + rows.reduce((sum, row) => sum + row.flagged, 0), total);
  console.log(`values compared over ${cases.length - 1} seeds: ${total}, identical: ${identical}`);
  console.table(rows);
});

Deno.test("module-level np.random functions replay NumPy's global generator", () => {
  const tallies = new Map<string, Tally>();
  for (const testCase of cases.filter((c) => c.moduleLevel)) replay(testCase, tallies);
  const compared = [...tallies.values()].reduce((sum, t) => sum + t.compared, 0);
  assert(compared > 0);
  console.log(`np.random values compared: ${compared}, all identical`);
});

Deno.test("a 200,000-draw Gaussian stream differs from NumPy only where libm's log is off", async () => {
  const numpy = float64FromBytes(await Deno.readFile(new URL(stream.file, golden)));
  assertEquals(numpy.length, stream.draws);
  const actual = new RandomState(stream.seed).randn(stream.draws);
  const { identical, flagged } = compareDraws(actual.data, numpy, stream.flagged, stream.call);
  assertEquals(identical + flagged, stream.draws);
  assertEquals(flagged, stream.flaggedDraws);
  console.log(
    `${stream.call}: ${stream.draws} draws, ${identical} identical, ${flagged} flagged ` +
      `(from ${stream.logMismatchPairs} of ${stream.pairs} pairs where libm's log is not ` +
      "correctly rounded); every mismatch explained",
  );
});

Deno.test("random.seed(42) then random.randn(2, 2) matches NumPy", () => {
  np.random.seed(42);
  const w = np.random.randn(2, 2);
  assertEquals(w.shape, [2, 2]);
  assertEquals(w.dtype, "float64");
  assertEquals(Array.from(w.data), [
    0.4967141530112327,
    -0.13826430117118466,
    0.6476885381006925,
    1.5230298564080254,
  ]);
  np.random.seed(42);
  assertEquals(np.random.randn(), 0.4967141530112327);
});

Deno.test("module-level functions share one generator", () => {
  const reference = new RandomState(3);
  np.random.seed(3);
  assertEquals(np.random.randn(), reference.randn());
  assertEquals(np.random.rand(), reference.rand());
  assertEquals(np.random.randint(100), reference.randint(100));
  assertEquals(np.random.permutation(5).data, reference.permutation(5).data);
  assertEquals(np.random.normal(1, 2), reference.normal(1, 2));
  assertEquals(np.random.uniform(), reference.uniform());
  assertEquals(np.random.randomSample(), reference.randomSample());
  assertEquals(np.random.random(), reference.random());
  assertEquals(np.random.standardNormal(), reference.standardNormal());
  assertEquals(np.random.getState(), reference.getState());
});

Deno.test("sizes: none gives a number, a number or shape gives an NDArray", () => {
  const rs = new RandomState(0);
  assertEquals(typeof rs.rand(), "number");
  assertEquals(typeof rs.randn(), "number");
  assertEquals(typeof rs.randint(5), "number");
  assertEquals(typeof rs.normal({ loc: 1 }), "number");
  assertEquals(rs.randomSample(3).shape, [3]);
  assertEquals(rs.randomSample({ size: [2, 3] }).shape, [2, 3]);
  assertEquals(rs.normal(0, 1, [0, 2]).shape, [0, 2]);
  assertEquals(rs.randint(0, 5, { size: 4 }).dtype, "int64");
  assertEquals(rs.uniform(0, 1, []).shape, []);
});

Deno.test("keyword and positional arguments give the same draws", () => {
  const a = new RandomState(9);
  const b = new RandomState(9);
  assertEquals(a.normal(2, 3, [4]).data, b.normal({ loc: 2, scale: 3, size: [4] }).data);
  assertEquals(a.normal(2, 3, 4).data, b.normal(2, { scale: 3, size: 4 }).data);
  assertEquals(a.uniform(-1, 1, 3).data, b.uniform({ low: -1, high: 1, size: 3 }).data);
  assertEquals(a.randint(5, null, 6).data, b.randint(5, { size: 6 }).data);
  assertEquals(a.randint(2, 9, 6).data, b.randint({ low: 2, high: 9, size: 6 }).data);
});

Deno.test("getState and setState restore the stream, cached Gaussian included", () => {
  const rs = new RandomState(5);
  rs.randn();
  const saved = rs.getState();
  assertEquals(saved.hasGauss, true);
  const next = rs.randn(5).data;
  rs.setState(saved);
  assertEquals(rs.randn(5).data, next);
  assertThrows(() => rs.setState({ ...saved, pos: 625 }), /setState: pos must be/);
  assertThrows(() => rs.setState({ ...saved, key: new Uint32Array(3) }), /624 words, got 3/);
});

Deno.test("shuffle moves 2-D rows whole and plain arrays like 1-D arrays", () => {
  const grid = () => new NDArray(Float64Array.from({ length: 12 }, (_, i) => i), [4, 3]);
  const rows = grid();
  new RandomState(1).shuffle(rows);
  const order = new RandomState(1).permutation(4);
  assertEquals(order.dtype, "int64");
  assertEquals(new RandomState(1).permutation(grid()).data, rows.data);
  for (let r = 0; r < 4; r++) {
    const k = order.data[r];
    assertEquals(Array.from(rows.data.subarray(3 * r, 3 * r + 3)), [3 * k, 3 * k + 1, 3 * k + 2]);
  }
  const list = [0, 1, 2, 3, 4, 5, 6, 7];
  new RandomState(8).shuffle(list);
  assertEquals(list, Array.from(new RandomState(8).permutation(8).data));
});

Deno.test("unseeded generators draw from fresh entropy", () => {
  assertNotEquals(new RandomState().rand(4).data, new RandomState().rand(4).data);
});

Deno.test("seeds outside 0..2**32-1 or not integers are refused", () => {
  const range = /Seed must be between 0 and 2\*\*32 - 1/;
  for (const seed of [-1, 2 ** 32, 1.5, Number.NaN, Infinity]) {
    assertThrows(() => new RandomState(seed), range);
    assertThrows(() => np.random.seed(seed), new RegExp(`got ${seed}`));
  }
  assertThrows(() => new RandomState(-1n), /got -1n/);
  assertThrows(() => new RandomState([1, -2]), /got \[1, -2\]/);
  assertThrows(() => new RandomState([]), /Seed must be non-empty/);
  assertThrows(
    () => new RandomState(new NDArray(new Float64Array(4), [2, 2])),
    /Seed array must be 1-d, got shape \(2,2\)$/,
  );
  assertThrows(() => new RandomState("7" as unknown as number), range);
  assertEquals(new RandomState(2 ** 32 - 1).rand(), new RandomState(4294967295n).rand());
});

Deno.test("bad sizes and arguments fail with NumPy's reasons", () => {
  const rs = new RandomState(0);
  assertThrows(() => rs.rand(-1), /rand: negative dimensions are not allowed, got \(-1,\)$/);
  assertThrows(() => rs.randn(2, 2.5), /randn: dimensions must be integers, got \(2,2\.5\)$/);
  assertThrows(() => rs.randomSample(-3), /random_sample: negative dimensions/);
  assertThrows(() => rs.normal(0, 1, [2, -1]), /normal: negative dimensions/);
  assertThrows(
    () => rs.uniform(0, 1, "3" as unknown as number),
    /uniform: size must be an integer or a shape array, got "3"/,
  );
  assertThrows(() => rs.normal(0, -1), /normal: scale < 0/);
  assertThrows(() => rs.normal(0, -0), /normal: scale < 0/);
  assertThrows(() => rs.uniform(0, Infinity), /uniform: Range exceeds valid bounds/);
  assertThrows(() => rs.uniform(-Number.MAX_VALUE, Number.MAX_VALUE), /Range exceeds valid/);
  assertThrows(() => rs.randint(0), /randint: high <= 0 \(high = 0\)/);
  assertThrows(() => rs.randint(5, 3), /randint: low >= high \(low = 5, high = 3\)/);
  assertThrows(() => rs.randint(1.5), /randint: low must be an integer, got 1.5/);
  assertThrows(() => rs.randint(0, 2 ** 60), /randint: high = .* is beyond/);
  assertThrows(() => rs.randint(-(2 ** 53), 2 ** 53), /spans more than 2\*\*53/);
  assertThrows(() => rs.normal({ mean: 1 } as never), /unexpected keyword argument 'mean'/);
  assertThrows(() => rs.normal(1, { loc: 2 } as never), /multiple values for argument 'loc'/);
  assertThrows(
    () => (rs.uniform as (...a: unknown[]) => unknown)(0, 1, 2, 3),
    /uniform\(\) takes at most 3 positional arguments \(4 given\)/,
  );
  assertThrows(() => rs.permutation(2.5), /permutation: x must be an integer or an array/);
  assertThrows(
    () => rs.permutation(new NDArray(new Float64Array(1), [])),
    /at least 1-dimensional/,
  );
  assertThrows(() => rs.shuffle(new NDArray(new Float64Array(1), [])), /unsized object/);
});

Deno.test("a million doubles take well under a second", () => {
  const rs = new RandomState(0);
  const start = performance.now();
  rs.rand(1_000_000);
  rs.randn(1_000_000);
  const elapsed = performance.now() - start;
  assert(elapsed < 1000, `1e6 doubles and 1e6 Gaussians took ${elapsed.toFixed(0)} ms`);
});
