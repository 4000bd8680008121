// The figures of the committed notebooks show the notebooks' own numbers.
// The network drawings of notebooks 01 and 02 are read from the saved
// outputs and compared, number by number, with the arrays the notebooks
// compute, computed here again with the library by the same operations; the
// image figures of notebook 06 are compared with what the notebook prints
// beside them. (tests/notebooks_test.ts proves that a fresh run saves these
// very outputs; tests/browser_test.ts that plotly.js draws them.)
import { assert, assertEquals } from "./assert.ts";
import * as np from "../lib/mod.ts";
import { type Notebook, readNotebook } from "../tools/jupyter.ts";
import { plotlyOutputs } from "../tools/static_figures.ts";
import type { PlotlyFigure } from "../lib/plot/mod.ts";

const root = new URL("../", import.meta.url);
const PLOTLY_MIME = "application/vnd.plotly.v1+json";

type Numbers = (number | null)[][];
type NetworkFrame = { name: string; data: { customdata: Numbers }[] };

/** The figures of a notebook by their one-line summary's title. */
async function figures(name: string): Promise<Map<string, PlotlyFigure>> {
  const notebook: Notebook = await readNotebook(new URL(`notebooks/${name}`, root).pathname);
  const found = new Map<string, PlotlyFigure>();
  for (const output of plotlyOutputs(notebook)) {
    const summary = [output.data["text/plain"]].flat().join("");
    const title = /^Figure: '(.*?)', /.exec(summary)?.[1];
    assert(
      title !== undefined && !found.has(title),
      `a figure without a title of its own: ${summary}`,
    );
    found.set(title, output.data[PLOTLY_MIME]);
  }
  return found;
}

/** A figure's JSON holds what JSON can: no -0, no NaN. */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

const numbersOf = (a: np.NDArray | undefined, size: number): (number | null)[] =>
  a === undefined ? new Array(size).fill(null) : [...a.data];

/** What a network figure holds per unit ([value, blame, bias, bias gradient]) and per weight. */
function expectedNetwork(
  layers: np.NDArray[],
  weights: np.NDArray[],
  biases: np.NDArray[],
  blame: (np.NDArray | undefined)[],
  gradients: (np.NDArray | undefined)[],
  biasGradients: (np.NDArray | undefined)[],
): { units: Numbers; weights: Numbers } {
  // A batch's units show the mean over its examples: the library's own mean.
  const perUnit = (a: np.NDArray | undefined, size: number) =>
    a === undefined
      ? numbersOf(undefined, size)
      : numbersOf(a.ndim === 2 ? np.mean(a, { axis: 0 }) : a, size);
  const units: Numbers = [];
  layers.forEach((layer, l) => {
    const size = layer.shape[layer.ndim - 1];
    const values = perUnit(layer, size);
    const blames = perUnit(blame[l], size);
    const bias = l === 0 ? numbersOf(undefined, size) : numbersOf(biases[l - 1], size);
    const biasGradient = l === 0
      ? numbersOf(undefined, size)
      : numbersOf(biasGradients[l - 1], size);
    for (let j = 0; j < size; j++) units.push([values[j], blames[j], bias[j], biasGradient[j]]);
  });
  const edges: Numbers = [];
  weights.forEach((W, k) => {
    const dW = numbersOf(gradients[k], W.size);
    for (let n = 0; n < W.size; n++) edges.push([W.data[n], dW[n]]);
  });
  return asJson({ units, weights: edges });
}

function heldBy(figure: PlotlyFigure): { units: Numbers; weights: Numbers } {
  return {
    units: figure.data[0].customdata as Numbers,
    weights: figure.data[2].customdata as Numbers,
  };
}

Deno.test("notebook 01: the network drawings hold the forward and backward pass's arrays exactly", async () => {
  const drawn = await figures("01_backprop_made_visible.ipynb");
  // The notebook's first cells, step by step.
  const x = np.array([1.0, 2.0]);
  const y_true = np.array([1.0]);
  const W1 = np.array([[0.5, -0.3], [0.8, 0.2]]);
  const b1 = np.array([0.1, -0.1]);
  const W2 = np.array([[1.0], [-1.5]]);
  const b2 = np.array([0.05]);
  const z1 = x.matmul(W1).add(b1);
  const a1 = np.maximum(0, z1);
  const y_pred = a1.matmul(W2).add(b2);
  const d_loss_y = np.multiply(2, y_pred.subtract(y_true));
  const dW2 = np.outer(a1, d_loss_y);
  const d_a1 = d_loss_y.matmul(W2.T);
  const d_z1 = d_a1.multiply(z1.greater(0));
  const dW1 = np.outer(x, d_z1);

  const layers = [x, a1, y_pred];
  assertEquals(
    heldBy(drawn.get("After the forward pass")!),
    expectedNetwork(layers, [W1, W2], [b1, b2], [], [], []),
  );
  const backward = drawn.get("After the backward pass")!;
  assertEquals(
    heldBy(backward),
    expectedNetwork(layers, [W1, W2], [b1, b2], [undefined, d_z1, d_loss_y], [dW1, dW2], [
      d_z1,
      d_loss_y,
    ]),
  );
  assertEquals(
    backward.data[1].visible,
    true,
    "shown in its backward view",
  );
});

Deno.test("notebook 01: with a dead unit, the drawing's lines to and from it carry no blame", async () => {
  const drawn = await figures("01_backprop_made_visible.ipynb");
  const X = np.array([[1.0, 2.0]]);
  const y_true = np.array([[1.0]]);
  const W1 = np.array([[0.5, -0.3], [0.8, 0.2]]);
  const W2 = np.array([[1.0], [-1.5]]);
  const b2 = np.array([0.05]);
  for (
    const [label, b1] of [["b1 as above", [0.1, -0.1]], ["b1[1] = -1 (unit 1 dead)", [
      0.1,
      -1.0,
    ]]] as const
  ) {
    const bias = np.array([...b1]);
    const z1 = X.matmul(W1).add(bias);
    const a1 = np.maximum(0, z1);
    const y_pred = a1.matmul(W2).add(b2);
    const d_out = np.multiply(2, y_pred.subtract(y_true)).divide(y_pred.size);
    const d_z1 = d_out.matmul(W2.T).multiply(z1.greater(0));
    const dW2 = a1.T.matmul(d_out);
    const dW1 = X.T.matmul(d_z1);
    const figure = drawn.get(`Backward pass, ${label}`)!;
    assertEquals(
      heldBy(figure),
      expectedNetwork(
        [X, a1, y_pred],
        [W1, W2],
        [bias, b2],
        [undefined, d_z1, d_out],
        [dW1, dW2],
        [],
      ),
      label,
    );
    // W1[0, 1], W1[1, 1] and W2[1, 0]: the lines of unit a1[1] (shapes 6 to 11 are the backward view's).
    const lines = (figure.layout.shapes as { line: { dash: string } }[]).slice(6).map((s) =>
      s.line.dash
    );
    const dead = label.includes("dead");
    assertEquals([lines[1], lines[3], lines[5]], Array(3).fill(dead ? "dot" : "solid"), label);
  }
});

Deno.test("notebook 02: every kept step of the live drawing holds that step's arrays exactly", async () => {
  const drawing = (await figures("02_tiny_two_layer_network.ipynb")).get(
    "The network while it trains",
  )!;
  // The notebook's cells: the seed, one step on the first weights, then fresh weights for 200 steps.
  np.random.seed(42);
  const X = np.array([[2.0, 3.0], [1.0, 1.0], [3.0, 2.0], [0.5, 0.5]]);
  const y = np.array([[1], [0], [1], [0]], "int64");
  const relu = (z: np.NDArray) => np.maximum(0, z);
  const relu_derivative = (z: np.NDArray) => z.greater(0).astype(np.float64);
  const sigmoid = (z: np.NDArray) => np.divide(1, np.add(1, np.exp(np.negative(z))));
  np.random.randn(2, 2);
  np.random.randn(2, 1);
  const W1 = np.random.randn(2, 2).multiply(0.1);
  const b1 = np.zeros([1, 2]);
  const W2 = np.random.randn(2, 1).multiply(0.1);
  const b2 = np.zeros([1, 1]);
  const lr = 0.1;
  const steps = new Map<string, { units: Numbers; weights: Numbers }>();
  const losses: number[] = [];
  for (let epoch = 0; epoch < 200; epoch++) {
    const z1 = X.matmul(W1).add(b1);
    const a1 = relu(z1);
    const p = sigmoid(a1.matmul(W2).add(b2));
    const eps = 1e-8;
    losses.push(
      -np.mean(
        y.multiply(np.log(p.add(eps))).add(
          np.subtract(1, y).multiply(np.log(np.subtract(1, p).add(eps))),
        ),
      ),
    );
    const dz2 = p.subtract(y);
    const dW2 = a1.T.matmul(dz2).divide(X.shape[0]);
    const db2 = np.mean(dz2, { axis: 0, keepdims: true });
    const dz1 = dz2.matmul(W2.T).multiply(relu_derivative(z1));
    const dW1 = X.T.matmul(dz1).divide(X.shape[0]);
    const db1 = np.mean(dz1, { axis: 0, keepdims: true });
    steps.set(
      `step ${epoch}`,
      expectedNetwork([X, a1, p], [W1, W2], [b1, b2], [undefined, dz1, dz2], [dW1, dW2], [
        db1,
        db2,
      ]),
    );
    W2.subtractInPlace(np.multiply(lr, dW2));
    b2.subtractInPlace(np.multiply(lr, db2));
    W1.subtractInPlace(np.multiply(lr, dW1));
    b1.subtractInPlace(np.multiply(lr, db1));
  }
  // The same run as the notebook's: the losses its curve drew.
  const curve = (await figures("02_tiny_two_layer_network.ipynb")).get("Training loss, 200 steps")!;
  assertEquals(curve.data[0].y, losses);

  const frames = drawing.frames as NetworkFrame[];
  assertEquals(frames.length, 26);
  assertEquals(frames.at(-1)!.name, "step 199");
  for (const frame of frames) {
    assertEquals(
      { units: frame.data[0].customdata, weights: frame.data[2].customdata },
      steps.get(frame.name),
      frame.name,
    );
  }
  assertEquals(heldBy(drawing), steps.get("step 199"), "the drawing itself shows the last step");
});

Deno.test("notebook 06: the image figures show what the notebook prints, in their conventions", async () => {
  const notebook = await readNotebook(
    new URL("notebooks/06_handwritten_digits.ipynb", root).pathname,
  );
  const drawn = await figures("06_handwritten_digits.ipynb");
  const stdout = notebook.cells.flatMap((cell) => cell.outputs ?? [])
    .map((o) => (o.output_type === "stream" ? [o.text].flat().join("") : "")).join("");

  // The confusion matrix: the printed matrix, row 0 on top, white at 0, counts written in.
  const confusion = drawn.get("Confusion matrix (test set)")!;
  const printed = /\[\[(.*?)\]\]/s.exec(stdout.slice(stdout.indexOf("[[43")))![1]
    .split("]\n [").map((row) => row.trim().split(/\s+/).map(Number));
  const [matrix] = confusion.data;
  assertEquals(matrix.z, printed);
  assertEquals((confusion.layout.yaxis as { autorange: string }).autorange, "reversed");
  assertEquals([matrix.zmin, (matrix.colorscale as [number, string][])[0]], [0, [0, "#ffffff"]]);
  assertEquals(matrix.text, printed.map((row) => row.map((n) => (n === 0 ? "" : String(n)))));

  // The mistakes: one image per printed line, captioned with what the line says.
  const mistakes = drawn.get("Misread test digits: true → read as (probability)")!;
  const lines = [...stdout.matchAll(/true (\d), read as (\d) \(probability (\d\.\d\d)\)/g)];
  assertEquals(
    (mistakes.layout.annotations as { text: string }[]).map((a) => a.text),
    lines.map(([, truth, said, p]) => `${truth} → ${said} (${p})`),
  );
  assertEquals(mistakes.data.length, lines.length);

  // No axes on the mosaics; the weights' scale centred on 0, and saying so.
  for (
    const title of [
      "The first 50 digits, each over its label",
      "The 64 hidden units' weights (columns of W1)",
    ]
  ) {
    const layout = drawn.get(title)!.layout as Record<string, { visible: boolean }>;
    assertEquals([layout.xaxis.visible, layout.yaxis.visible], [false, false], title);
  }
  const weights = drawn.get("The 64 hidden units' weights (columns of W1)")!.data;
  assertEquals(weights.length, 64);
  assertEquals(weights[0].zmin, -(weights[0].zmax as number));
  assertEquals(
    (weights[0].colorbar as { title: { text: string } }).title.text,
    "weight<br>white = 0",
  );
  const range = /W1 ranges from (-?\d\.\d+) to (-?\d\.\d+)/.exec(stdout)!;
  const all = weights.flatMap((trace) => (trace.z as number[][]).flat());
  assertEquals([Math.min(...all).toFixed(3), Math.max(...all).toFixed(3)], [range[1], range[2]]);
  assertEquals(weights[0].zmax, Math.max(...all.map(Math.abs)));
});
