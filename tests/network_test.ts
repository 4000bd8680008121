import { assert, assertEquals, assertThrows } from "./assert.ts";
import { makeMoons, oneHot, trainTestSplit } from "../lib/course/datasets.ts";
import { TwoLayerNet } from "./support/two_layer_net.ts";
import { numericalGradient, relativeError } from "../lib/course/gradient_check.ts";
import { RandomState, seed } from "../lib/random/random_state.ts";
import { zeros } from "../lib/core/creation.ts";
import {
  type PlottedSeries,
  readReference,
  type Reference,
  referencePathFor,
} from "../tools/compare.ts";

const reference = await readReference(
  referencePathFor("05_neural_networks_from_scratch.ipynb"),
) as Reference & { plotted_series: PlottedSeries[] };

function exerciseData() {
  const [X, y] = makeMoons({ nSamples: 300, noise: 0.2, randomState: 42 });
  const [X_train, X_test, y_train, y_test] = trainTestSplit(X, y, {
    testSize: 0.3,
    randomState: 42,
  });
  return { X_train, X_test, y_train: oneHot(y_train, 2), y_test: oneHot(y_test, 2) };
}

Deno.test("TwoLayerNet retraces the NumPy exercise's 1000 training losses", () => {
  const { X_train, y_train } = exerciseData();
  seed(42);
  const net = new TwoLayerNet(2, 10, 2, 0.1);
  const losses = Array.from({ length: 1000 }, () => net.trainStep(X_train, y_train, 0.5));
  const expected = reference.plotted_series[0].y;
  assertEquals(losses.length, expected.length);
  let identical = 0;
  for (let i = 0; i < losses.length; i++) {
    if (losses[i] === expected[i]) identical++;
    assert(
      Math.abs(losses[i] - expected[i]) <= 1e-12 * Math.abs(expected[i]),
      `loss ${i}: ${losses[i]} vs NumPy's ${expected[i]}`,
    );
  }
  console.log(`TwoLayerNet: ${identical} of ${losses.length} losses bit-identical to NumPy's`);
});

Deno.test("TwoLayerNet's backward pass agrees with central differences", () => {
  const { X_train, y_train } = exerciseData();
  const net = new TwoLayerNet(2, 5, 2, 0.1, new RandomState(0));
  const X = X_train.slice(0, 10);
  const y = y_train.slice(0, 10);
  net.forward(X);
  const analytic = net.backward(y);
  const loss = () => net.loss(net.forward(X), y);
  for (const name of ["W1", "b1", "W2", "b2"] as const) {
    const numerical = numericalGradient(loss, net[name]);
    const error = relativeError(analytic[`d${name}`], numerical);
    assert(error < 1e-7, `${name}: relative error ${error}`);
  }
});

Deno.test("TwoLayerNet explains misuse", () => {
  const net = new TwoLayerNet(2, 3, 2, 0.1, new RandomState(1));
  assertThrows(() => net.backward(zeros([4, 2])), /call forward first/);
  net.forward(zeros([4, 2]));
  assertThrows(
    () => net.backward(zeros([5, 2])),
    /TwoLayerNet\.backward: targets of shape \(5,2\) do not match the last forward output \(4,2\)$/,
  );
  assertThrows(
    () => net.backward(zeros(4)),
    /TwoLayerNet\.backward: targets of shape \(4,\) do not match the last forward output \(4,2\)$/,
  );
  assertThrows(() => net.forward(zeros([4, 3])), /matmul/);
});
