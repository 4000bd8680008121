/**
 * A small fully connected network drawn as the textbooks draw it: one
 * column of units per layer, one line per weight. The picture is built from
 * the arrays a notebook already has (the layers' values, the weights, and
 * after a backward pass the blame and the gradients) and carries them
 * exactly, for the hover labels and for anyone who reads the figure's JSON.
 *
 * Two views share the figure, switched by two buttons that work offline:
 * forward (each unit's value, each line as wide as |weight| and colored by
 * its sign) and backward (each unit's blame, each line as wide as
 * |gradient| and colored by its sign, dotted where the gradient is exactly
 * 0). Pushed arrays (a training loop's steps) are kept, and a slider with a
 * play button shows them again one by one.
 *
 * ```ts
 * import { network } from "./network.ts";
 * const x = [1, 2];
 * const W1 = [[0.5, -0.3], [0.8, 0.2]];
 * const a1 = [2.2, 0];
 * const W2 = [[1], [-1.5]];
 * const y_pred = [2.25];
 * network({ layers: { x, a1, y_pred }, weights: { W1, W2 } }, { title: "Forward" });
 * ```
 *
 * @module
 */
import { DIVERGING, FigureBase, type PlotlyFigure, type Trace } from "./figure.ts";
import { compact, type Grid, shapeOf, toNumbers, type Values } from "./_data.ts";

/**
 * The arrays a network figure draws, each named by its key, as the notebook
 * names it (`{ layers: { x, a1, y_pred } }`). Only `layers` is required.
 *
 * @example
 * ```ts
 * import type { NetworkArrays } from "./network.ts";
 * const arrays: NetworkArrays = {
 *   layers: { x: [1, 2], a1: [2.2, 0], y_pred: [2.25] },
 *   weights: { W1: [[0.5, -0.3], [0.8, 0.2]], W2: [[1], [-1.5]] },
 *   blame: { y_pred: [2.5], a1: [2.5, 0] },
 *   gradients: { W1: [[2.5, 0], [5, 0]], W2: [[5.5], [0]] },
 * };
 * ```
 */
export interface NetworkArrays {
  /**
   * Each layer's values, from the input to the output. A layer's array is
   * one example (one value per unit) or a batch (one row per example, one
   * column per unit: the units show the mean over the rows); a number
   * gives only the layer's size, for a figure whose values come later.
   */
  layers: Record<string, Values | Grid | number>;
  /**
   * The weight matrices, in order: the k-th connects layer k to layer k+1
   * and has the shape (units in, units out), as in `x @ W1`.
   */
  weights?: Record<string, Values | Grid>;
  /** The bias vectors, in order: the k-th belongs to the units of layer k+1. */
  biases?: Record<string, Values | Grid>;
  /** Each layer's blame (the loss's gradient at its units), keyed by the layer's name. */
  blame?: Record<string, Values | Grid>;
  /** The gradients of weights and biases, keyed by their names: `{ W1: dW1, b1: db1 }`. */
  gradients?: Record<string, Values | Grid>;
}

/**
 * Options of {@link network}.
 *
 * @example
 * ```ts
 * import type { NetworkOptions } from "./network.ts";
 * const options: NetworkOptions = { title: "After the backward pass", view: "backward" };
 * ```
 */
export interface NetworkOptions {
  /** The title above the drawing. */
  title?: string;
  /** Width in pixels; by default enough for the layers. */
  width?: number;
  /** Height in pixels; by default enough for the largest layer. */
  height?: number;
  /** The view shown first (the other is a click away): `"forward"` (default) or `"backward"`. */
  view?: "forward" | "backward";
  /**
   * How many pushed steps the slider keeps, evenly spaced (default 40); the
   * last one is always kept.
   */
  history?: number;
}

/** The most units a layer may have and still be read in the drawing. */
const MAX_UNITS = 16;
const POSITIVE = DIVERGING[9][1];
const NEGATIVE = DIVERGING[1][1];
const NO_VALUE = "#eeeeee";
const LINE_UNKNOWN = "#cccccc";
const LINE_ZERO = "#999999";

/** One layer's place in the drawing. */
interface Layer {
  name: string;
  size: number;
}

/** The numbers of one state of the network (null where an array was not given). */
interface Snapshot {
  /** The batch's rows when the layers came as a batch, else 1. */
  examples: number;
  values: (number | null)[][];
  blame: (number | null)[][];
  weights: (number | null)[][][];
  gradients: (number | null)[][][];
  biases: (number | null)[][];
  biasGradients: (number | null)[][];
  weightNames: (string | undefined)[];
  biasNames: (string | undefined)[];
  /** The step number of the slider: how many states with numbers came before (-1: not a step). */
  step: number;
}

/**
 * A network drawn from its arrays (see {@link network}). {@link NetworkFigure.push}
 * gives it the arrays of a new step; shown live, it redraws as they come.
 *
 * @example
 * ```ts
 * import { NetworkFigure } from "./network.ts";
 * const fig = new NetworkFigure({ layers: { x: 2, y: 1 } }, { title: "Training" });
 * fig.push({ layers: { x: [1, 2], y: [0.3] }, weights: { W: [[0.1], [0.1]] } });
 * console.log(fig.toString());
 * ```
 */
export class NetworkFigure extends FigureBase<[NetworkArrays]> {
  /** The options the figure was created with. */
  readonly options: Readonly<NetworkOptions>;
  readonly #layers: Layer[];
  #current: Snapshot;
  /** The steps kept for the slider; every `#every`-th step is kept. */
  #kept: Snapshot[] = [];
  #every = 1;
  #steps = 0;
  /** The last state that had numbers: the slider's last step. */
  #last: Snapshot | undefined;

  /** Draws `arrays`; see {@link network}. */
  constructor(arrays: NetworkArrays, options: NetworkOptions = {}) {
    super();
    this.options = { ...options };
    if (options.view !== undefined && options.view !== "forward" && options.view !== "backward") {
      throw new Error(`network: view must be "forward" or "backward", got ${options.view}`);
    }
    const layers = Object.entries(arrays.layers ?? {}).map(([name, value]) => ({
      name,
      size: typeof value === "number" ? value : lastAxis(value),
    }));
    if (layers.length < 2) {
      throw new Error(`network: it takes at least 2 layers, got ${layers.length}`);
    }
    for (const { name, size } of layers) {
      if (!Number.isInteger(size) || size < 1 || size > MAX_UNITS) {
        throw new Error(
          `network: layer ${name} has ${size} units; the drawing reads 1 to ${MAX_UNITS} a layer`,
        );
      }
    }
    this.#layers = layers;
    this.#current = this.#read(arrays);
    this.#keep(arrays);
  }

  /**
   * Takes the arrays of a new step (the same layers, the same sizes) and
   * keeps them for the slider: what {@link LiveFigure.push} hands on in a
   * training loop. An array left out is not drawn for this step.
   *
   * @example
   * ```ts
   * import { network } from "./network.ts";
   * const fig = network({ layers: { x: 1, y: 1 } });
   * for (const w of [0.5, 0.7, 0.8]) fig.push({ layers: { x: [1], y: [w] }, weights: { w: [[w]] } });
   * console.log(fig.toString());
   * ```
   */
  push(arrays: NetworkArrays): this {
    const sizes = Object.entries(arrays.layers ?? {}).map(([name, value]) =>
      `${name} (${typeof value === "number" ? value : lastAxis(value)})`
    );
    const expected = this.#layers.map(({ name, size }) => `${name} (${size})`);
    if (sizes.join(", ") !== expected.join(", ")) {
      throw new Error(
        `network.push: the figure's layers are ${expected.join(", ")}, got ${sizes.join(", ")}`,
      );
    }
    this.#current = this.#read(arrays);
    this.#keep(arrays);
    return this;
  }

  /**
   * The figure as Plotly JSON, a fresh copy each call: the current step in
   * `data` and `layout`, and with several steps one frame per kept step.
   *
   * @example
   * ```ts
   * import { network } from "./network.ts";
   * const { data, layout } = network({ layers: { x: [1], y: [2] }, weights: { w: [[2]] } }).toJSON();
   * console.log(data.length, (layout.shapes as unknown[]).length);
   * ```
   */
  toJSON(): PlotlyFigure {
    return drawing(this.#layers, this.#current, this.#history(), this.options);
  }

  /**
   * A one-line description: the title, the layers and their sizes, the
   * number of weights, and the steps kept.
   *
   * @example
   * ```ts
   * import { network } from "./network.ts";
   * console.log(network({ layers: { x: 2, y: 1 } }, { title: "Net" }).toString());
   * // Figure: 'Net', network x (2) → y (1), 2 weights
   * ```
   */
  override toString(): string {
    const title = this.options.title === undefined ? "untitled" : `'${this.options.title}'`;
    const layers = this.#layers.map(({ name, size }) => `${name} (${size})`).join(" → ");
    let weights = 0;
    for (let k = 1; k < this.#layers.length; k++) {
      weights += this.#layers[k - 1].size * this.#layers[k].size;
    }
    const steps = this.#history().length;
    return `Figure: ${title}, network ${layers}, ${weights} weights` +
      (steps > 1 ? `, ${steps} steps` : "");
  }

  /** The kept steps and the last step, in order. */
  #history(): Snapshot[] {
    const last = this.#last;
    return last === undefined || this.#kept.at(-1) === last ? this.#kept : [...this.#kept, last];
  }

  /** Keeps the current state as a step if it has numbers, thinning the kept steps to `history`. */
  #keep(arrays: NetworkArrays): void {
    const hasNumbers = arrays.weights !== undefined ||
      Object.values(arrays.layers ?? {}).some((value) => typeof value !== "number");
    if (!hasNumbers) return;
    this.#current.step = this.#steps++;
    this.#last = this.#current;
    if (this.#current.step % this.#every !== 0) return;
    this.#kept.push(this.#current);
    const most = Math.max(2, this.options.history ?? 40);
    while (this.#kept.length > most) {
      this.#every *= 2;
      this.#kept = this.#kept.filter((snapshot) => snapshot.step % this.#every === 0);
    }
  }

  /** Reads and checks `arrays` against the layers. */
  #read(arrays: NetworkArrays): Snapshot {
    const layers = this.#layers;
    const names = layers.map((layer) => layer.name);
    let examples = 1;
    const perUnit = (what: string, name: string, value: Values | Grid, size: number) => {
      const { means, rows } = unitMeans(what, name, value, size);
      if (rows > 1) {
        if (examples > 1 && rows !== examples) {
          throw new Error(
            `network: ${what} ${name} has ${rows} examples, other arrays have ${examples}`,
          );
        }
        examples = rows;
      }
      return means;
    };
    const values = layers.map(({ name, size }) => {
      const value = arrays.layers[name];
      return typeof value === "number"
        ? new Array(size).fill(null)
        : perUnit("layer", name, value, size);
    });
    for (const name of Object.keys(arrays.blame ?? {})) {
      if (!names.includes(name)) {
        throw new Error(`network: blame for ${name}, which is not a layer (${names.join(", ")})`);
      }
    }
    const blame = layers.map(({ name, size }) => {
      const value = arrays.blame?.[name];
      return value === undefined
        ? new Array(size).fill(null)
        : perUnit("blame of", name, value, size);
    });
    const matrices = layers.length - 1;
    const weightEntries = ordered("weights", arrays.weights, matrices);
    const biasEntries = ordered("biases", arrays.biases, matrices);
    const known = [...weightEntries, ...biasEntries].map(([name]) => name);
    for (const name of Object.keys(arrays.gradients ?? {})) {
      if (!known.includes(name)) {
        throw new Error(
          `network: a gradient for ${name}, which is not a weight or bias (${known.join(", ")})`,
        );
      }
    }
    const gradientOf = (name: string | undefined) =>
      name === undefined ? undefined : arrays.gradients?.[name];
    const weights: (number | null)[][][] = [];
    const gradients: (number | null)[][][] = [];
    const biases: (number | null)[][] = [];
    const biasGradients: (number | null)[][] = [];
    for (let k = 0; k < matrices; k++) {
      const from = layers[k];
      const to = layers[k + 1];
      const [weightName, weight] = weightEntries[k] ?? [];
      const [biasName, bias] = biasEntries[k] ?? [];
      const matrix = (what: string, value: Values | Grid | undefined) =>
        value === undefined ? emptyMatrix(from.size, to.size) : readMatrix(what, value, from, to);
      weights.push(matrix(weightName!, weight));
      gradients.push(matrix(`the gradient of ${weightName}`, gradientOf(weightName)));
      const vector = (what: string, value: Values | Grid | undefined) =>
        value === undefined ? new Array(to.size).fill(null) : readVector(what, value, to);
      biases.push(vector(biasName!, bias));
      biasGradients.push(vector(`the gradient of ${biasName}`, gradientOf(biasName)));
    }
    return {
      examples,
      values,
      blame,
      weights,
      gradients,
      biases,
      biasGradients,
      weightNames: weightEntries.map(([name]) => name),
      biasNames: biasEntries.map(([name]) => name),
      step: -1,
    };
  }
}

/**
 * Draws a small fully connected network from the notebook's arrays: units
 * as circles (their value, or after the backward pass their blame), weights
 * as lines as wide as |weight| (or |gradient|), red where positive and blue
 * where negative; hovering over a unit or a line gives its numbers in full.
 * Pass `blame` and `gradients` to get the backward view, and `view` to show
 * it first. Layers of a batch show the mean over its examples.
 *
 * @example
 * ```ts
 * import { network } from "./network.ts";
 * const x = [1, 2];
 * const W1 = [[0.5, -0.3], [0.8, 0.2]];
 * const a1 = [2.2, 0];
 * const W2 = [[1], [-1.5]];
 * const y_pred = [2.25];
 * const fig = network(
 *   {
 *     layers: { x, a1, y_pred },
 *     weights: { W1, W2 },
 *     blame: { y_pred: [2.5], a1: [2.5, 0] },
 *     gradients: { W1: [[2.5, 0], [5, 0]], W2: [[5.5], [0]] },
 *   },
 *   { title: "After the backward pass", view: "backward" },
 * );
 * console.log(fig.toString());
 * ```
 */
export function network(arrays: NetworkArrays, options: NetworkOptions = {}): NetworkFigure {
  return new NetworkFigure(arrays, options);
}

// ---- reading the arrays ----

function lastAxis(value: Values | Grid): number {
  const shape = shapeOf(value);
  return shape[shape.length - 1];
}

/** The entries of a keyed record in order, checked to number `count` (or none). */
function ordered(
  what: string,
  record: Record<string, Values | Grid> | undefined,
  count: number,
): [string, Values | Grid][] {
  const entries = Object.entries(record ?? {});
  if (entries.length !== 0 && entries.length !== count) {
    throw new Error(
      `network: ${entries.length} ${what} (${entries.map(([name]) => name).join(", ")}) ` +
        `for ${count + 1} layers; it takes ${count}, one between each two layers`,
    );
  }
  return entries;
}

/** Flat numbers and shape of a value: nested arrays are read row by row. */
function flatten(value: Values | Grid): { numbers: number[]; shape: number[] } {
  const shape = shapeOf(value);
  if ("data" in value || shape.length === 1) return { numbers: toNumbers(value as Values), shape };
  const numbers = Array.from(
    value as ArrayLike<ArrayLike<number>>,
    (row) => Array.from(row, Number),
  )
    .flat();
  return { numbers, shape };
}

/** One number per unit: the values of one example, or the mean over a batch's rows. */
function unitMeans(
  what: string,
  name: string,
  value: Values | Grid,
  size: number,
): { means: number[]; rows: number } {
  const { numbers, shape } = flatten(value);
  if (shape.length === 1 && shape[0] === size) return { means: numbers, rows: 1 };
  if (shape.length === 2 && shape[1] === size) {
    const rows = shape[0];
    const means = new Array(size).fill(0);
    // Summed row by row, as NumPy's mean over axis 0 adds them.
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < size; j++) means[j] += numbers[r * size + j];
    }
    return { means: means.map((sum) => sum / rows), rows };
  }
  throw new Error(
    `network: ${what} ${name} has shape (${shape.join(", ")}); ` +
      `it takes (${size},) or (examples, ${size})`,
  );
}

function emptyMatrix(rows: number, columns: number): null[][] {
  return Array.from({ length: rows }, () => new Array(columns).fill(null));
}

function readMatrix(what: string, value: Values | Grid, from: Layer, to: Layer): number[][] {
  const { numbers, shape } = flatten(value);
  if (shape.length !== 2 || shape[0] !== from.size || shape[1] !== to.size) {
    throw new Error(
      `network: ${what} has shape (${shape.join(", ")}) but connects ${from.name} ` +
        `(${from.size} units) to ${to.name} (${to.size} units): it takes (${from.size}, ${to.size})`,
    );
  }
  return Array.from({ length: from.size }, (_, i) => numbers.slice(i * to.size, (i + 1) * to.size));
}

function readVector(what: string, value: Values | Grid, to: Layer): number[] {
  const { numbers, shape } = flatten(value);
  const fits = (shape.length === 1 && shape[0] === to.size) ||
    (shape.length === 2 && shape[0] === 1 && shape[1] === to.size);
  if (!fits) {
    throw new Error(
      `network: ${what} has shape (${shape.join(", ")}) but belongs to ${to.name} ` +
        `(${to.size} units): it takes (${to.size},) or (1, ${to.size})`,
    );
  }
  return numbers;
}

// ---- drawing ----

/** Where things go, in screen pixels (one data unit is one pixel). */
interface Geometry {
  x: number[];
  y: number[][];
  node: number;
  range: { x: [number, number]; y: [number, number] };
}

function geometry(layers: Layer[]): Geometry {
  const most = Math.max(...layers.map((layer) => layer.size));
  const step = most <= 4 ? 84 : Math.max(46, Math.round(330 / (most - 1)));
  const node = Math.min(50, step - 10);
  // About as wide as the other figures (700 pixels), layers 160 to 260 pixels apart.
  const across = Math.max(160, Math.min(260, Math.round(520 / (layers.length - 1))));
  const x = layers.map((_, l) => l * across);
  const y = layers.map(({ size }) =>
    Array.from({ length: size }, (_, j) => ((size - 1) / 2 - j) * step)
  );
  const half = ((most - 1) / 2) * step;
  return {
    x,
    y,
    node,
    // Room for a node's radius around the outer units, and for the layer names on top.
    range: { x: [-70, x[x.length - 1] + 70], y: [-half - node / 2 - 12, half + node / 2 + 30] },
  };
}

/** The label of unit `j` of `layer`: `a1[1]`. */
function unitName(layer: Layer, j: number): string {
  return `${layer.name}[${j}]`;
}

/** Shortest round-trip text of `x`, at most 3 significant digits, for captions. */
function brief(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** The largest magnitude among `numbers` (nulls skipped), or 0. */
function largest(numbers: Iterable<number | null>): number {
  let most = 0;
  for (const value of numbers) if (value !== null && Math.abs(value) > most) most = Math.abs(value);
  return most;
}

/** A fill for a unit: white at 0, toward the diverging scale's red or blue with |value| / `scale`. */
function unitColor(value: number | null, scale: number): string {
  if (value === null) return NO_VALUE;
  const t = scale === 0 ? 0 : Math.max(-1, Math.min(1, value / scale));
  return colorAt(DIVERGING, 0.5 + 0.3 * t);
}

/** The color at `position` (0 to 1) of a scale of `[position, "#rrggbb"]` stops. */
function colorAt(scale: readonly [number, string][], position: number): string {
  let k = 1;
  while (k < scale.length - 1 && scale[k][0] < position) k++;
  const [p0, c0] = scale[k - 1];
  const [p1, c1] = scale[k];
  const t = p1 === p0 ? 0 : Math.max(0, Math.min(1, (position - p0) / (p1 - p0)));
  const channel = (c: string, i: number) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  return "#" +
    [0, 1, 2].map((i) =>
      Math.round(channel(c0, i) + t * (channel(c1, i) - channel(c0, i))).toString(16).padStart(
        2,
        "0",
      )
    ).join("");
}

/**
 * A weight's line: 0.75 pixels plus up to `widest` - 0.75 more in proportion to
 * |value| / `scale`, colored by its sign, dotted at exactly 0.
 */
function edgeLine(value: number | null, scale: number, widest: number): Record<string, unknown> {
  if (value === null) return { width: 1, color: LINE_UNKNOWN, dash: "solid" };
  if (value === 0) return { width: 1.5, color: LINE_ZERO, dash: "dot" };
  const width = 0.75 + (widest - 0.75) * (scale === 0 ? 0 : Math.abs(value) / scale);
  return {
    width: Math.round(width * 100) / 100,
    color: value > 0 ? POSITIVE : NEGATIVE,
    dash: "solid",
  };
}

interface Edge {
  k: number;
  i: number;
  j: number;
}

function edgesOf(layers: Layer[]): Edge[] {
  const edges: Edge[] = [];
  for (let k = 0; k + 1 < layers.length; k++) {
    for (let i = 0; i < layers[k].size; i++) {
      for (let j = 0; j < layers[k + 1].size; j++) edges.push({ k, i, j });
    }
  }
  return edges;
}

/** Per unit: [value, blame, bias, bias gradient], layer by layer. */
function unitData(layers: Layer[], s: Snapshot): (number | null)[][] {
  return layers.flatMap((layer, l) =>
    Array.from({ length: layer.size }, (_, j) => [
      s.values[l][j],
      s.blame[l][j],
      l === 0 ? null : s.biases[l - 1][j],
      l === 0 ? null : s.biasGradients[l - 1][j],
    ])
  );
}

/** Per weight: [weight, gradient]. */
function edgeData(edges: Edge[], s: Snapshot): (number | null)[][] {
  return edges.map(({ k, i, j }) => [s.weights[k][i][j], s.gradients[k][i][j]]);
}

/** The two views' scales: the largest magnitudes over every step drawn. */
interface Scales {
  value: number;
  blame: number;
  weight: number;
  gradient: number;
}

function scalesOf(steps: Snapshot[]): Scales {
  const all = <T>(pick: (s: Snapshot) => T[][]) => steps.flatMap((s) => pick(s).flat());
  return {
    value: largest(all((s) => s.values) as (number | null)[]),
    blame: largest(all((s) => s.blame) as (number | null)[]),
    weight: largest(all((s) => s.weights.flat()) as (number | null)[]),
    gradient: largest(all((s) => s.gradients.flat()) as (number | null)[]),
  };
}

function hasAny(rows: (number | null)[][][] | (number | null)[][]): boolean {
  return (rows.flat(2) as (number | null)[]).some((value) => value !== null);
}

function drawing(
  layers: Layer[],
  current: Snapshot,
  steps: Snapshot[],
  options: Readonly<NetworkOptions>,
): PlotlyFigure {
  const shown = steps.length > 0 ? steps : [current];
  const scales = scalesOf(shown);
  const g = geometry(layers);
  const edges = edgesOf(layers);
  const backward = shown.some((s) => hasAny(s.blame) || hasAny(s.gradients));
  const forwardFirst = options.view !== "backward" || !backward;
  const replay = steps.length > 1;

  const units = layers.flatMap((layer, l) =>
    Array.from({ length: layer.size }, (_, j) => ({ layer, l, j }))
  );
  const unitXs = units.map(({ l }) => g.x[l]);
  const unitYs = units.map(({ l, j }) => g.y[l][j]);
  const mean = current.examples > 1 ? `mean over ${current.examples} examples` : "";
  const unitHover = units.map(({ layer, l, j }) => {
    const lines = [`<b>${unitName(layer, j)}</b>`];
    if (current.values[l][j] !== null) {
      lines.push(`${mean === "" ? "value" : `value (${mean})`}: %{customdata[0]}`);
    }
    if (current.blame[l][j] !== null) {
      lines.push(`${mean === "" ? "blame" : `blame (${mean})`}: %{customdata[1]}`);
    }
    const biasName = l === 0 ? undefined : current.biasNames[l - 1];
    if (biasName !== undefined && current.biases[l - 1][j] !== null) {
      lines.push(`bias ${biasName}[${j}]: %{customdata[2]}`);
    }
    if (biasName !== undefined && current.biasGradients[l - 1][j] !== null) {
      lines.push(`gradient of ${biasName}[${j}]: %{customdata[3]}`);
    }
    return lines.join("<br>") + "<extra></extra>";
  });
  const unitTrace = (view: "forward" | "backward", s: Snapshot): Trace => {
    const column = view === "forward" ? 0 : 1;
    const source = view === "forward" ? s.values : s.blame;
    const scale = view === "forward" ? scales.value : scales.blame;
    return {
      type: "scatter",
      mode: "markers+text",
      name: view === "forward" ? "units: values" : "units: blame",
      visible: (view === "forward") === forwardFirst,
      x: unitXs,
      y: unitYs,
      customdata: unitData(layers, s),
      texttemplate: units.map(({ l, j }) =>
        source[l][j] === null ? "" : `%{customdata[${column}]:.3~g}`
      ),
      textposition: "middle center",
      textfont: { size: 11, color: "#222222" },
      hovertemplate: unitHover,
      marker: {
        size: g.node,
        color: units.map(({ l, j }) => unitColor(source[l][j], scale)),
        line: { width: 1, color: "#444444" },
        opacity: 1,
      },
      cliponaxis: false,
    };
  };

  // The weights' hover points sit 40% of the way along each line, where no two lines cross.
  const along = 0.4;
  const edgeHover = edges.map(({ k, i, j }) => {
    const name = current.weightNames[k];
    const where = `${unitName(layers[k], i)} → ${unitName(layers[k + 1], j)}`;
    const lines = [name === undefined ? `<b>${where}</b>` : `<b>${name}[${i}, ${j}]</b>: ${where}`];
    if (current.weights[k][i][j] !== null) lines.push("weight: %{customdata[0]}");
    if (current.gradients[k][i][j] !== null) lines.push("gradient: %{customdata[1]}");
    return lines.join("<br>") + "<extra></extra>";
  });
  const edgeTrace = (s: Snapshot): Trace => ({
    type: "scatter",
    mode: "markers",
    name: "weights",
    x: edges.map(({ k }) => g.x[k] + along * (g.x[k + 1] - g.x[k])),
    y: edges.map(({ k, i, j }) => g.y[k][i] + along * (g.y[k + 1][j] - g.y[k][i])),
    customdata: edgeData(edges, s),
    hovertemplate: edgeHover,
    marker: { size: 14, opacity: 0 },
  });

  // Lines up to 10 pixels wide, thinner where many weights run between two layers.
  let crowd = 1;
  for (let k = 1; k < layers.length; k++) {
    crowd = Math.max(crowd, layers[k - 1].size * layers[k].size);
  }
  const widest = Math.max(3, Math.min(10, 40 / Math.sqrt(crowd)));
  const lineOf = (view: "forward" | "backward", s: Snapshot, e: Edge) =>
    view === "forward"
      ? edgeLine(s.weights[e.k][e.i][e.j], scales.weight, widest)
      : edgeLine(s.gradients[e.k][e.i][e.j], scales.gradient, widest);
  const views = ["forward", "backward"] as const;
  const shapes = views.flatMap((view) =>
    edges.map((e) => ({
      type: "line",
      layer: "below",
      visible: (view === "forward") === forwardFirst,
      x0: g.x[e.k],
      y0: g.y[e.k][e.i],
      x1: g.x[e.k + 1],
      y1: g.y[e.k + 1][e.j],
      line: lineOf(view, current, e),
    }))
  );

  const annotations: Record<string, unknown>[] = layers.map((layer, l) => ({
    text: `<b>${layer.name}</b>`,
    x: g.x[l],
    y: g.range.y[1],
    xref: "x",
    yref: "y",
    yanchor: "top",
    showarrow: false,
    font: { size: 13 },
  }));
  const batch = mean === "" ? "" : ` (${mean})`;
  const signs = "red > 0, blue < 0";
  const captions = {
    forward: `<b>Forward view</b>: each unit's value${batch}<br>line width ∝ |weight|` +
      (scales.weight > 0 ? ` (widest ${brief(scales.weight)})` : "") + `; ${signs}`,
    backward: `<b>Backward view</b>: each unit's blame${batch}<br>line width ∝ |gradient|` +
      (scales.gradient > 0 ? ` (widest ${brief(scales.gradient)})` : "") +
      `; ${signs}; dotted: exactly 0`,
  };
  const captionIndex = { forward: annotations.length, backward: annotations.length + 1 };
  for (const view of views) {
    annotations.push({
      text: captions[view],
      visible: (view === "forward") === forwardFirst,
      x: 0,
      y: 0,
      xref: "paper",
      yref: "paper",
      xanchor: "left",
      yanchor: "top",
      yshift: -4,
      align: "left",
      showarrow: false,
      font: { size: 12, color: "#444444" },
    });
  }

  const menus: Record<string, unknown>[] = [];
  if (backward) {
    const show = (view: "forward" | "backward") => {
      const layout: Record<string, boolean> = {};
      shapes.forEach((_, n) => {
        layout[`shapes[${n}].visible`] = (n < edges.length) === (view === "forward");
      });
      layout[`annotations[${captionIndex.forward}].visible`] = view === "forward";
      layout[`annotations[${captionIndex.backward}].visible`] = view === "backward";
      return [{ visible: [view === "forward", view === "backward", true] }, layout];
    };
    menus.push({
      type: "buttons",
      direction: "right",
      active: forwardFirst ? 0 : 1,
      showactive: true,
      x: 0,
      y: 1,
      xanchor: "left",
      yanchor: "bottom",
      pad: { b: 6 },
      buttons: [
        { label: "Forward: values, weights", method: "update", args: show("forward") },
        { label: "Backward: blame, gradients", method: "update", args: show("backward") },
      ],
    });
  }

  const title = options.title;
  const top = (title === undefined ? 16 : 56) + (backward ? 40 : 0);
  const bottom = 48 + (replay ? 84 : 0);
  const margin = { t: top, b: bottom, l: 20, r: 20 };
  const width = options.width ?? Math.max(
    460,
    Math.round(g.range.x[1] - g.range.x[0]) + margin.l + margin.r,
  );
  const height = options.height ?? Math.round(g.range.y[1] - g.range.y[0]) + top + bottom;
  const hidden = { visible: false, showgrid: false, zeroline: false, fixedrange: true };
  const layout: Record<string, unknown> = compact({
    width,
    height,
    title: title === undefined ? undefined : { text: title },
    xaxis: { ...hidden, range: g.range.x },
    yaxis: { ...hidden, range: g.range.y, scaleanchor: "x" },
    showlegend: false,
    hovermode: "closest",
    margin,
    shapes,
    annotations,
    updatemenus: menus,
    plot_bgcolor: "#ffffff",
  });

  const figure: PlotlyFigure = {
    data: [unitTrace("forward", current), unitTrace("backward", current), edgeTrace(current)],
    layout,
  };
  if (replay) {
    const name = (s: Snapshot) => `step ${s.step}`;
    const animate = (frames: string[] | null, duration: number) => [frames, {
      mode: "immediate",
      fromcurrent: false,
      frame: { duration, redraw: true },
      transition: { duration: 0 },
    }];
    figure.frames = steps.map((s) => {
      const frameLayout: Record<string, unknown> = {};
      shapes.forEach((_, n) => {
        const view = n < edges.length ? "forward" : "backward";
        const line = lineOf(view, s, edges[n % edges.length]);
        for (const key of ["width", "color", "dash"]) {
          frameLayout[`shapes[${n}].line.${key}`] = line[key];
        }
      });
      const [forward, back, weights] = [
        unitTrace("forward", s),
        unitTrace("backward", s),
        edgeTrace(s),
      ];
      return {
        name: name(s),
        traces: [0, 1, 2],
        data: [
          {
            customdata: forward.customdata,
            marker: { color: (forward.marker as { color: unknown }).color },
          },
          {
            customdata: back.customdata,
            marker: { color: (back.marker as { color: unknown }).color },
          },
          { customdata: weights.customdata },
        ],
        layout: frameLayout,
      };
    });
    menus.push({
      type: "buttons",
      showactive: false,
      x: 0,
      y: 0,
      xanchor: "left",
      yanchor: "top",
      pad: { t: 48 },
      buttons: [{ label: "▶ replay", method: "animate", args: animate(null, 150) }],
    });
    layout.sliders = [{
      active: steps.length - 1,
      x: 0.16,
      len: 0.84,
      y: 0,
      yanchor: "top",
      pad: { t: 40 },
      currentvalue: { prefix: "step ", font: { size: 13 } },
      steps: steps.map((s) => ({
        label: String(s.step),
        method: "animate",
        args: animate([name(s)], 0),
      })),
    }];
  }
  return structuredClone(figure);
}
