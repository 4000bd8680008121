import { assertEquals, assertThrows } from "./assert.ts";
import { arange, array } from "../lib/core/creation.ts";
import { makeMoons, oneHot, trainTestSplit } from "../lib/course/datasets.ts";
import { RandomState } from "../lib/random/random_state.ts";
import { fromHex } from "./golden_data.ts";

interface MoonsCase {
  nSamples: number;
  shuffle: boolean;
  noise: number | null;
  randomState: number;
  X: string[];
  XCorrectlyRoundedTrig: string[];
  y: number[];
}
interface SplitCase {
  rows: number;
  testSize: number;
  randomState: number;
  train: number[];
  test: number[];
}
const golden: { moons: MoonsCase[]; splits: SplitCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/datasets.json", import.meta.url)),
);

Deno.test("makeMoons matches NumPy bit for bit, but where NumPy's sin/cos round wrongly", () => {
  // V8's Math.sin and Math.cos are correctly rounded; NumPy's are off by one
  // unit in the last place for a few angles. So every coordinate must equal
  // the replay with correctly rounded trigonometry, and NumPy's own values
  // everywhere that replay agrees with NumPy.
  let compared = 0;
  let identicalToNumpy = 0;
  let explained = 0;
  for (const c of golden.moons) {
    const [X, y] = makeMoons(c);
    assertEquals(X.shape, [c.nSamples, 2]);
    assertEquals(y.dtype, "int64");
    assertEquals(Array.from(y.data), c.y);
    const numpy = c.X.map(fromHex);
    const exact = c.XCorrectlyRoundedTrig.map(fromHex);
    assertEquals(Array.from(X.data), exact, `moons of ${c.nSamples}, seed ${c.randomState}`);
    for (let i = 0; i < X.size; i++) {
      if (X.data[i] === numpy[i]) identicalToNumpy++;
      else if (exact[i] !== numpy[i]) explained++;
      else throw new Error(`coordinate ${i} differs from NumPy's without a trig explanation`);
    }
    compared += X.size;
  }
  console.log(
    `makeMoons: ${identicalToNumpy} of ${compared} coordinates identical to NumPy's; ` +
      `the other ${explained} are where NumPy's sin/cos is not correctly rounded`,
  );
});

Deno.test("makeMoons of the exercise (300 points, noise 0.2, seed 42) is NumPy's exactly", () => {
  const c = golden.moons.find((m) => m.nSamples === 300 && m.randomState === 42)!;
  const [X] = makeMoons(c);
  assertEquals(Array.from(X.data), c.X.map(fromHex));
});

Deno.test("trainTestSplit picks scikit-learn's rows", () => {
  for (const c of golden.splits) {
    const rows = arange(c.rows).reshape(-1, 1);
    const labels = arange(c.rows);
    const [rowsTrain, rowsTest, labelsTrain, labelsTest] = trainTestSplit(rows, labels, {
      testSize: c.testSize,
      randomState: c.randomState,
    });
    assertEquals(Array.from(rowsTrain.data), c.train);
    assertEquals(Array.from(rowsTest.data), c.test);
    assertEquals(Array.from(labelsTrain.data), c.train);
    assertEquals(Array.from(labelsTest.data), c.test);
    assertEquals(rowsTrain.shape, [c.train.length, 1]);
  }
});

Deno.test("trainTestSplit accepts a RandomState and keeps order without shuffling", () => {
  const rows = arange(10);
  const [train, test] = trainTestSplit(rows, { testSize: 0.2, shuffle: false });
  assertEquals(Array.from(train.data), [0, 1, 2, 3, 4, 5, 6, 7]);
  assertEquals(Array.from(test.data), [8, 9]);
  const [a] = trainTestSplit(rows, { testSize: 3, randomState: new RandomState(5) });
  const [b] = trainTestSplit(rows, { testSize: 3, randomState: 5 });
  assertEquals(Array.from(a.data), Array.from(b.data));
});

Deno.test("trainTestSplit and makeMoons explain bad arguments", () => {
  assertThrows(
    () => trainTestSplit(arange(10), arange(9), { testSize: 0.3 }),
    /inconsistent numbers of rows: \[10, 9\]/,
  );
  assertThrows(() => trainTestSplit(arange(10), { testSize: 1.5 }), /testSize=1.5/);
  assertThrows(() => makeMoons({ nSamples: -1 }), /nSamples must be a non-negative integer/);
  assertThrows(() => makeMoons({ noise: -0.1 }), /noise must be a non-negative number/);
});

Deno.test("oneHot encodes labels as rows of the identity", () => {
  const encoded = oneHot(array([1, 0, 1], "int64"), 2);
  assertEquals(encoded.tolist(), [[0, 1], [1, 0], [0, 1]]);
  assertThrows(
    () => oneHot(array([0, 2], "int64"), 2),
    /label 2 at index 1 is not an integer in \[0, 2\)/,
  );
});
