// The network figure (lib/plot/network.ts) without a browser: what its JSON
// holds for each unit and weight, how the lines and fills follow the numbers,
// the two views, the steps kept for the slider, and the errors for arrays
// that do not fit. tests/browser_test.ts checks that plotly.js draws it so.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as plot from "../lib/plot/mod.ts";
import type { PlotlyFigure, Trace } from "../lib/plot/mod.ts";

/** Storage shaped like the library's NDArray, which the figures read structurally. */
class NDArray {
  constructor(readonly data: Float64Array, readonly shape: number[]) {}
}

const array = (rows: number[][]) =>
  new NDArray(Float64Array.from(rows.flat()), [rows.length, rows[0].length]);
const vector = (values: number[]) => new NDArray(Float64Array.from(values), [values.length]);

// Notebook 01's network after its forward and backward pass (numbers typed
// in here: the notebook's own are checked in tests/notebook_figures_test.ts).
const arrays01 = {
  layers: { x: vector([1, 2]), a1: vector([2.2, 2.7755575615628914e-17]), y_pred: vector([2.25]) },
  weights: { W1: array([[0.5, -0.3], [0.8, 0.2]]), W2: array([[1], [-1.5]]) },
  biases: { b1: vector([0.1, -0.1]), b2: vector([0.05]) },
  blame: { a1: vector([2.5, -3.75]), y_pred: vector([2.5]) },
  gradients: {
    W1: array([[2.5, -3.75], [5, -7.5]]),
    W2: array([[5.5], [6.938893903907228e-17]]),
    b1: vector([2.5, -3.75]),
    b2: vector([2.5]),
  },
};

type Shape = {
  visible: boolean;
  x0: number;
  y0: number;
  line: { width: number; color: string; dash: string };
};

function parts(figure: PlotlyFigure) {
  const [forward, backward, weights] = figure
    .data as (Trace & { customdata: (number | null)[][] })[];
  const shapes = figure.layout.shapes as Shape[];
  const edges = weights.customdata.length;
  return {
    forward,
    backward,
    weights,
    forwardLines: shapes.slice(0, edges),
    backwardLines: shapes.slice(edges),
  };
}

Deno.test("each unit carries its value, blame, bias and bias gradient; each weight its value and gradient", () => {
  const { forward, backward, weights } = parts(plot.network(arrays01).toJSON());
  const units = [
    [1, null, null, null],
    [2, null, null, null],
    [2.2, 2.5, 0.1, 2.5],
    [2.7755575615628914e-17, -3.75, -0.1, -3.75],
    [2.25, 2.5, 0.05, 2.5],
  ];
  assertEquals(forward.customdata, units);
  assertEquals(backward.customdata, units);
  // W1 row by row, then W2: [weight, gradient].
  assertEquals(weights.customdata, [
    [0.5, 2.5],
    [-0.3, -3.75],
    [0.8, 5],
    [0.2, -7.5],
    [1, 5.5],
    [-1.5, 6.938893903907228e-17],
  ]);
  // Labels print the value to 3 significant digits; a unit without one (no blame for x) shows none.
  assertEquals(forward.texttemplate, Array(5).fill("%{customdata[0]:.3~g}"));
  assertEquals(backward.texttemplate, ["", "", ...Array(3).fill("%{customdata[1]:.3~g}")]);
  const hover = (backward.hovertemplate as string[])[3];
  for (
    const line of [
      "<b>a1[1]</b>",
      "value: %{customdata[0]}",
      "blame: %{customdata[1]}",
      "bias b1[1]: %{customdata[2]}",
      "gradient of b1[1]: %{customdata[3]}",
    ]
  ) {
    assert(hover.includes(line), `${hover} lacks ${line}`);
  }
  assert((weights.hovertemplate as string[])[1].startsWith("<b>W1[0, 1]</b>: x[0] → a1[1]"));
});

Deno.test("lines are as wide as |w| (or |gradient|), red or blue by sign, dotted at exactly 0", () => {
  const dead = structuredClone(arrays01);
  dead.gradients.W2 = array([[5.5], [0]]);
  const { forwardLines, backwardLines } = parts(plot.network(dead).toJSON());
  const widths = (lines: Shape[]) => lines.map((shape) => shape.line.width);
  // 0.75 px plus 9.25 px for the largest magnitude, in proportion.
  const expected = (values: number[], largest: number) =>
    values.map((v) => Math.round((0.75 + 9.25 * Math.abs(v) / largest) * 100) / 100);
  assertEquals(widths(forwardLines), expected([0.5, -0.3, 0.8, 0.2, 1, -1.5], 1.5));
  assertEquals(forwardLines.map((shape) => shape.line.color), [
    plot.DIVERGING[9][1],
    plot.DIVERGING[1][1],
    plot.DIVERGING[9][1],
    plot.DIVERGING[9][1],
    plot.DIVERGING[9][1],
    plot.DIVERGING[1][1],
  ]);
  assertEquals(widths(backwardLines).slice(0, 5), expected([2.5, -3.75, 5, -7.5, 5.5], 7.5));
  assertEquals(backwardLines[5].line.dash, "dot", "a gradient of exactly 0 is dotted");
  assertEquals(backwardLines.slice(0, 5).map((shape) => shape.line.dash), Array(5).fill("solid"));
  // Between two layers of 10 units, 100 lines: the widest is 40 / √100 = 4 pixels.
  const crowded = plot.network({
    layers: { a: 10, b: 10 },
    weights: {
      W: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => i - j)),
    },
  }).toJSON();
  assertEquals(Math.max(...widths(parts(crowded).forwardLines)), 4);
  // Each line runs from its unit to the next layer's unit.
  assertEquals([forwardLines[1].x0, backwardLines[1].x0], [forwardLines[1].x0, forwardLines[1].x0]);
});

Deno.test("the view option picks what shows first; the buttons show one view and hide the other", () => {
  const backwardFirst = plot.network(arrays01, { view: "backward" }).toJSON();
  const { forward, backward, forwardLines, backwardLines } = parts(backwardFirst);
  assertEquals([forward.visible, backward.visible], [false, true]);
  assert(
    forwardLines.every((shape) => !shape.visible) && backwardLines.every((shape) => shape.visible),
  );
  const [menu] = backwardFirst.layout.updatemenus as {
    active: number;
    buttons: { label: string; args: [{ visible: boolean[] }, Record<string, boolean>] }[];
  }[];
  assertEquals(menu.active, 1);
  const [toForward, toBackward] = menu.buttons;
  assertEquals(toForward.args[0].visible, [true, false, true]);
  assertEquals(toBackward.args[0].visible, [false, true, true]);
  assertEquals(toForward.args[1]["shapes[0].visible"], true);
  assertEquals(toForward.args[1]["shapes[6].visible"], false);
  // Without blame or gradients there is only the forward view, and no buttons.
  const forwardOnly = plot.network({ layers: arrays01.layers, weights: arrays01.weights }).toJSON();
  assertEquals(forwardOnly.layout.updatemenus, []);
  assertEquals(parts(forwardOnly).forward.visible, true);
  assertThrows(() => plot.network(arrays01, { view: "sideways" as "forward" }), /view must be/);
});

Deno.test("a batch's units show the mean over its rows, and say so", () => {
  const X = array([[2, 3], [1, 1], [3, 2], [0.5, 0.5]]);
  const a1 = array([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]]);
  const p = array([[0.9], [0.1], [0.8], [0.2]]);
  const figure = plot.network({ layers: { X, a1, p }, blame: { p } }).toJSON();
  const { forward } = parts(figure);
  const mean = (column: number[]) => column.reduce((sum, v) => sum + v, 0) / column.length;
  assertEquals(forward.customdata.map((unit) => unit[0]), [
    mean([2, 1, 3, 0.5]),
    mean([3, 1, 2, 0.5]),
    mean([0.1, 0.3, 0.5, 0.7]),
    mean([0.2, 0.4, 0.6, 0.8]),
    mean([0.9, 0.1, 0.8, 0.2]),
  ]);
  assert((forward.hovertemplate as string[])[0].includes("value (mean over 4 examples)"));
  const captions = (figure.layout.annotations as { text: string }[]).map((a) => a.text).join(" ");
  assert(captions.includes("(mean over 4 examples)"), captions);
  assertThrows(
    () => plot.network({ layers: { X, a1: array([[1, 2], [3, 4]]), p } }),
    /layer a1 has 2 examples, other arrays have 4/,
  );
});

Deno.test("pushed steps are kept for the slider, evenly thinned, the last always kept", () => {
  const fig = plot.network({ layers: { x: 1, y: 1 } }, { title: "Steps" });
  assertEquals(fig.toString(), "Figure: 'Steps', network x (1) → y (1), 1 weights");
  assertEquals(fig.toJSON().frames, undefined, "no numbers yet, no steps");
  for (let step = 0; step < 200; step++) {
    fig.push({ layers: { x: [1], y: [step] }, weights: { w: [[step / 100]] } });
  }
  const figure = fig.toJSON();
  const kept = [...Array.from({ length: 25 }, (_, k) => 8 * k), 199];
  const frames = figure.frames as {
    name: string;
    data: { customdata: number[][] }[];
    layout: Record<string, unknown>;
  }[];
  assertEquals(frames.map((frame) => frame.name), kept.map((step) => `step ${step}`));
  assertEquals(
    frames.map((frame) => frame.data[0].customdata[1][0]),
    kept,
    "each frame holds its step's numbers",
  );
  assertEquals(
    frames.map((frame) => frame.data[2].customdata[0][0]),
    kept.map((step) => step / 100),
  );
  // Lines are scaled by the largest weight of all the steps: they grow as the weight does.
  assertEquals(frames.at(-1)!.layout["shapes[0].line.width"], 10);
  assertEquals(
    frames[1].layout["shapes[0].line.width"],
    Math.round((0.75 + 9.25 * 0.08 / 1.99) * 100) / 100,
  );
  const [slider] = figure.layout.sliders as {
    active: number;
    steps: { label: string; args: unknown[] }[];
  }[];
  assertEquals(slider.steps.map((step) => step.label), kept.map(String));
  assertEquals(slider.active, kept.length - 1);
  assertEquals(slider.steps[3].args[0], ["step 24"]);
  // The figure itself shows the last step.
  assertEquals(parts(figure).forward.customdata[1][0], 199);
  assertEquals(fig.toString(), "Figure: 'Steps', network x (1) → y (1), 1 weights, 26 steps");
  // Sizes without numbers are not a step.
  fig.push({ layers: { x: 1, y: 1 } });
  assertEquals(fig.toJSON().frames?.length, 26);
  const fewer = plot.network({ layers: { x: 1, y: 1 } }, { history: 5 });
  for (let step = 0; step < 10; step++) fewer.push({ layers: { x: [1], y: [step] } });
  // At most 5 evenly spaced steps, and the last.
  assertEquals(
    (fewer.toJSON().frames ?? []).map((frame) => frame.name),
    ["step 0", "step 2", "step 4", "step 6", "step 8", "step 9"],
  );
});

Deno.test("shown live, a network redraws with each pushed step and ends as show() would", () => {
  const sent: { bundle: plot.MimeBundle; update: boolean }[] = [];
  const display = (
    bundle: plot.MimeBundle,
    o: { update: boolean },
  ) => (sent.push({ bundle, update: o.update }), true);
  const fig = plot.network({ layers: { x: 2, y: 1 } });
  const live = new plot.LiveFigure(fig, { interval: 0 }, display);
  for (let step = 0; step < 3; step++) {
    live.push({ layers: { x: [1, 2], y: [step] }, weights: { W: [[0.5], [step]] } });
  }
  live.done();
  assertEquals(sent.map((s) => s.update), [false, true, true, true, true]);
  const last = sent.at(-1)!.bundle;
  assertEquals(last["application/vnd.plotly.v1+json"], fig.toJSON());
  assertEquals(last["text/plain"], "Figure: untitled, network x (2) → y (1), 2 weights, 3 steps");
  assert(last["text/html"].includes("frames: figure.frames"), "the page gets the frames too");
});

Deno.test("arrays that do not fit the network are refused, naming them and their shapes", () => {
  const { layers, weights } = arrays01;
  assertThrows(() => plot.network({ layers: { x: [1] } }), /at least 2 layers, got 1/);
  assertThrows(
    () => plot.network({ layers: { x: 2, h: 64 } }),
    /layer h has 64 units; the drawing reads 1 to 16 a layer/,
  );
  assertThrows(
    () => plot.network({ layers, weights: { W1: array([[1, 2, 3], [4, 5, 6]]), W2: weights.W2 } }),
    /W1 has shape \(2, 3\) but connects x \(2 units\) to a1 \(2 units\): it takes \(2, 2\)/,
  );
  assertThrows(
    () => plot.network({ layers, weights: { W1: weights.W1 } }),
    /1 weights \(W1\) for 3 layers; it takes 2/,
  );
  assertThrows(
    () => plot.network({ layers, blame: { z1: [1, 2] } }),
    /blame for z1, which is not a layer/,
  );
  assertThrows(
    () => plot.network({ layers, weights, gradients: { dW1: weights.W1 } }),
    /a gradient for dW1, which is not a weight or bias \(W1, W2\)/,
  );
  assertThrows(
    () => plot.network({ layers, weights, biases: { b1: [1, 2, 3], b2: [1] } }),
    /b1 has shape \(3\) but belongs to a1 \(2 units\)/,
  );
  assertThrows(
    () => plot.network({ layers: { x: [1, 2, 3], a1: 2, y_pred: 1 } }).push(arrays01),
    /the figure's layers are x \(3\), a1 \(2\), y_pred \(1\), got x \(2\), a1 \(2\), y_pred \(1\)/,
  );
});
