/**
 * Figures for notebooks, in matplotlib's vocabulary, drawn by plotly.js.
 *
 * A {@link Figure} holds a Plotly figure (`data` + `layout`). When it is the
 * last expression of a cell in Deno's Jupyter kernel it displays itself as a
 * MIME bundle: the Plotly JSON for front ends that render it natively, HTML
 * that draws it with plotly.js read from the local npm cache (no network),
 * and a one-line text summary.
 *
 * ```ts
 * import * as plot from "./figure.ts";
 * const losses = [0.9, 0.5, 0.3, 0.2];
 * const fig = plot.figure({ title: "Training Loss Curve", xTitle: "Epoch", yTitle: "Loss" });
 * fig.line(losses, { label: "train" });
 * ```
 *
 * @module
 */
import { displayInCell } from "../jupyter/output.ts";
import { npmPackageFile } from "./_npm_file.ts";
import {
  type ArrayData,
  compact,
  type Grid,
  isValues,
  toNumbers,
  toRows,
  type Values,
} from "./_data.ts";

export type { ArrayData, Grid, Values };

/** The version of plotly.js that draws the figures, pinned. */
export const PLOTLY_VERSION = "4.1.2";
/** The npm package it comes from; fetched into Deno's npm cache only by {@link plotlyJs}. */
const PLOTLY_PACKAGE = `npm:plotly.js-dist-min@${PLOTLY_VERSION}`;

/**
 * Where a figure's HTML loads plotly.js from, under the Jupyter server's base
 * URL: the server's static files for front-end extensions, which
 * `tools/setup.sh` fills (tools/kernel/install.ts). The kernel never sends
 * plotly.js itself, so saved notebooks do not carry its 5 MB.
 */
export const PLOTLY_URL_PATH = `nbextensions/nn-from-scratch/plotly-${PLOTLY_VERSION}.min.js`;

/**
 * Coordinates of a grid's columns or rows: 1-D values, or a 2-D meshgrid
 * array (as `np.meshgrid` returns) whose first row or column is used.
 *
 * @example
 * ```ts
 * import type { GridAxis } from "./figure.ts";
 * const xs: GridAxis = [0, 0.5, 1];
 * ```
 */
export type GridAxis = Values;

/**
 * A Plotly colorscale: a named one (`"RdBu"`, `"Viridis"`, ...) or
 * `[fraction, color]` stops from 0 to 1.
 *
 * @example
 * ```ts
 * import type { Colorscale } from "./figure.ts";
 * const redToBlue: Colorscale = [[0, "#d62728"], [1, "#1f77b4"]];
 * ```
 */
export type Colorscale = string | [number, string][];

/**
 * One Plotly trace, as plotly.js reads it.
 *
 * @example
 * ```ts
 * import type { Trace } from "./figure.ts";
 * const trace: Trace = { type: "scatter", mode: "lines", y: [1, 2, 3] };
 * ```
 */
export type Trace = { type: string } & Record<string, unknown>;

/**
 * A figure as Plotly's JSON schema describes it: the MIME type
 * `application/vnd.plotly.v1+json` carries exactly this.
 *
 * @example
 * ```ts
 * import type { PlotlyFigure } from "./figure.ts";
 * const spec: PlotlyFigure = { data: [], layout: { title: { text: "Empty" } } };
 * ```
 */
export interface PlotlyFigure {
  /** The traces, drawn in order. */
  data: Trace[];
  /** Size, titles, axes and legend. */
  layout: Record<string, unknown>;
  /**
   * Named states of the figure that a slider or a play button shows, as
   * `Plotly.animate` reads them; only figures that replay steps have them.
   */
  frames?: Record<string, unknown>[];
}

/**
 * What `plt.figure`, `plt.title`, `plt.xlabel`, ... set in matplotlib.
 *
 * @example
 * ```ts
 * import type { FigureOptions } from "./figure.ts";
 * const options: FigureOptions = { width: 800, height: 400, yScale: "log", grid: true };
 * ```
 */
export interface FigureOptions {
  /** Width in pixels (default 700). */
  width?: number;
  /** Height in pixels (default 420). */
  height?: number;
  /** The title above the plot (`plt.title`). */
  title?: string;
  /** The x axis label (`plt.xlabel`). */
  xTitle?: string;
  /** The y axis label (`plt.ylabel`). */
  yTitle?: string;
  /** `"log"` for a logarithmic x axis (`plt.xscale`). */
  xScale?: "linear" | "log";
  /** `"log"` for a logarithmic y axis (`plt.yscale`). */
  yScale?: "linear" | "log";
  /** Grid lines (`plt.grid`); off by default, as in matplotlib. */
  grid?: boolean;
  /** Show the legend (`plt.legend`); by default shown when a trace has a label. */
  legend?: boolean;
}

/**
 * Options of {@link Figure.line} (`plt.plot` keyword arguments).
 *
 * @example
 * ```ts
 * import type { LineOptions } from "./figure.ts";
 * const options: LineOptions = { label: "he", width: 2 };
 * ```
 */
export interface LineOptions {
  /** The legend entry (`label=`). */
  label?: string;
  /** The x coordinates; by default 0, 1, 2, ... as `plt.plot(y)` does. */
  x?: Values;
  /** Line width in pixels (`linewidth=`). */
  width?: number;
  /** A CSS color (`color=`); by default the next color of the cycle. */
  color?: string;
  /** `"dash"`, `"dot"` or `"dashdot"` (`linestyle=`). */
  dash?: "solid" | "dash" | "dot" | "dashdot";
}

/**
 * Options of {@link Figure.scatter} (`plt.scatter` keyword arguments).
 *
 * @example
 * ```ts
 * import type { ScatterOptions } from "./figure.ts";
 * const options: ScatterOptions = { label: "test", marker: "x", color: "black" };
 * ```
 */
export interface ScatterOptions {
  /** The legend entry (`label=`). */
  label?: string;
  /**
   * One CSS color for all points, or one number per point mapped through
   * `colorscale` (`c=y` in matplotlib).
   */
  color?: string | Values;
  /** How numbers in `color` map to colors (`cmap=`); default `"RdBu"`. */
  colorscale?: Colorscale;
  /** A Plotly marker symbol: `"circle"` (default), `"x"`, `"square"`, `"diamond"`, ... */
  marker?: string;
  /** Marker diameter in pixels (default 8). */
  size?: number;
  /** Color of the marker outline (`edgecolors=`). */
  edgeColor?: string;
  /** Opacity from 0 to 1 (`alpha=`). */
  opacity?: number;
}

/**
 * Options of {@link Figure.contour} and {@link Figure.heatmap}
 * (`plt.contourf` / `plt.pcolormesh` keyword arguments).
 *
 * @example
 * ```ts
 * import type { GridOptions } from "./figure.ts";
 * const options: GridOptions = { colorscale: "RdBu", opacity: 0.4 };
 * ```
 */
export interface GridOptions {
  /** The legend entry. */
  label?: string;
  /**
   * How values map to colors (`cmap=`). The default of `contour` and
   * `heatmap` is `"RdBu"`; that of `imshow` and `images` is
   * {@link SEQUENTIAL}, or {@link DIVERGING} when a `center` is given.
   */
  colorscale?: Colorscale;
  /** Opacity from 0 to 1 (`alpha=`). */
  opacity?: number;
  /** Show the color bar (`plt.colorbar`); off by default. */
  colorbar?: boolean;
  /** The color bar's title (`cbar.set_label`). */
  colorbarLabel?: string;
  /** The value drawn with the scale's first color (`vmin=`); by default the least value. */
  vmin?: number;
  /** The value drawn with the scale's last color (`vmax=`); by default the greatest value. */
  vmax?: number;
  /**
   * The value a diverging scale puts in its middle (matplotlib's
   * `CenteredNorm(vcenter)`): the range is made symmetric around it, and
   * the color bar's title says which value the middle color stands for.
   */
  center?: number;
}

/**
 * Options of {@link Figure.contour}.
 *
 * @example
 * ```ts
 * import type { ContourOptions } from "./figure.ts";
 * const options: ContourOptions = { filled: false, levels: 5 };
 * ```
 */
export interface ContourOptions extends GridOptions {
  /** Fill between levels as `contourf` does (default), or draw lines only as `contour`. */
  filled?: boolean;
  /** The most contour levels to draw; by default chosen by plotly.js. */
  levels?: number;
}

/**
 * Options of {@link Figure.imshow}.
 *
 * @example
 * ```ts
 * import type { ImshowOptions } from "./figure.ts";
 * const options: ImshowOptions = { showValues: "nonzero", colorbar: true, colorbarLabel: "count" };
 * ```
 */
export interface ImshowOptions extends GridOptions {
  /** Write each cell's value in it; `"nonzero"` leaves the zero cells blank. */
  showValues?: boolean | "nonzero";
}

/**
 * Options of {@link Figure.images}.
 *
 * @example
 * ```ts
 * import type { ImagesOptions } from "./figure.ts";
 * const options: ImagesOptions = { columns: 5, captions: ["7 → 9 (0.77)"], pixelSize: 8 };
 * ```
 */
export interface ImagesOptions extends GridOptions {
  /** Images per row (default 10, or fewer when there are fewer images). */
  columns?: number;
  /** One caption per image, written under it. */
  captions?: readonly string[];
  /** The side of one image pixel on screen, in pixels; by default as large as fits. */
  pixelSize?: number;
}

/**
 * The default color scale of {@link Figure.imshow} and
 * {@link Figure.images}: white at the lowest value (0 for counts, ink or
 * anything not negative), then light to dark blue, as matplotlib's `Blues`.
 *
 * @example
 * ```ts
 * import { figure, SEQUENTIAL } from "./figure.ts";
 * figure().imshow([[0, 3], [1, 9]], { colorscale: SEQUENTIAL });
 * ```
 */
export const SEQUENTIAL: [number, string][] = [
  [0, "#ffffff"],
  [0.125, "#deebf7"],
  [0.25, "#c6dbef"],
  [0.375, "#9ecae1"],
  [0.5, "#6baed6"],
  [0.625, "#4292c6"],
  [0.75, "#2171b5"],
  [0.875, "#08519c"],
  [1, "#08306b"],
];

/**
 * The default color scale of {@link Figure.imshow} and
 * {@link Figure.images} given a `center`: blue below it, white at it, red
 * above it, as matplotlib's `RdBu_r`; the network figure uses the same red
 * and blue for signs.
 *
 * @example
 * ```ts
 * import { DIVERGING, figure } from "./figure.ts";
 * figure().imshow([[-1, 0.5], [0, 2]], { colorscale: DIVERGING, center: 0 });
 * ```
 */
export const DIVERGING: [number, string][] = [
  [0, "#053061"],
  [0.1, "#2166ac"],
  [0.2, "#4393c3"],
  [0.3, "#92c5de"],
  [0.4, "#d1e5f0"],
  [0.5, "#ffffff"],
  [0.6, "#fddbc7"],
  [0.7, "#f4a582"],
  [0.8, "#d6604d"],
  [0.9, "#b2182b"],
  [1, "#67001f"],
];

/**
 * Options of {@link Figure.bar} (`plt.bar` / `plt.barh` keyword arguments).
 *
 * @example
 * ```ts
 * import type { BarOptions } from "./figure.ts";
 * const options: BarOptions = { label: "|gradient|", horizontal: true };
 * ```
 */
export interface BarOptions {
  /** The legend entry (`label=`). */
  label?: string;
  /** A CSS color (`color=`). */
  color?: string;
  /** Bars along the x axis, labels on the y axis, as `plt.barh` draws them. */
  horizontal?: boolean;
}

/**
 * The media type of a Plotly figure in a Jupyter MIME bundle.
 *
 * @example
 * ```ts
 * import { figure, PLOTLY_MIME } from "./figure.ts";
 * console.log(PLOTLY_MIME in figure().line([1, 2]).toMimeBundle()); // true
 * ```
 */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * The MIME bundle a figure displays as in Jupyter.
 *
 * @example
 * ```ts
 * import { figure, type MimeBundle } from "./figure.ts";
 * const bundle: MimeBundle = figure().line([1, 2]).toMimeBundle();
 * console.log(bundle["text/plain"]);
 * ```
 */
export interface MimeBundle {
  /** The figure itself, for front ends with a Plotly renderer. */
  "application/vnd.plotly.v1+json": PlotlyFigure;
  /** A `div` and the scripts that draw the figure in it with plotly.js. */
  "text/html": string;
  /** A one-line description of the figure. */
  "text/plain": string;
}

/**
 * What every figure does once it is built: show itself in the notebook cell,
 * once or live, and give its Plotly JSON, its MIME bundle and a one-line
 * description. {@link Figure} (lines, points, grids, bars, images) and
 * {@link NetworkFigure} are figures; `Pushed` is what their
 * {@link FigureBase.push} (and so {@link LiveFigure.push}) takes.
 *
 * @example
 * ```ts
 * import { figure, type FigureBase } from "./figure.ts";
 * const fig: FigureBase = figure({ title: "Loss" }).line([1, 0.5]);
 * console.log(fig.toString());
 * ```
 */
export abstract class FigureBase<Pushed extends unknown[] = number[]> {
  /**
   * The figure as Plotly JSON (`{ data, layout }`, and `frames` when it
   * replays steps), a fresh copy each call.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const { data, layout } = figure({ title: "Loss" }).line([1, 2]).toJSON();
   * console.log(data.length, layout.title);
   * ```
   */
  abstract toJSON(): PlotlyFigure;

  /**
   * Takes new values while the figure is being drawn: what
   * {@link LiveFigure.push} hands on before it redraws.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * console.log(figure().line([]).push(0.7).push(0.4).toString());
   * ```
   */
  abstract push(...values: Pushed): this;

  /**
   * A one-line description: title, traces and their sizes, axis titles.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * console.log(figure({ title: "Loss" }).line([3, 2, 1]).toString());
   * // Figure: 'Loss', 1 line trace (3 points)
   * ```
   */
  toString(): string {
    return describe(this.toJSON());
  }

  /**
   * The MIME bundle the figure displays as: Plotly's JSON, HTML that draws
   * it (loading plotly.js from {@link PLOTLY_URL_PATH}) and a one-line text;
   * every bundle gets the next id of the session.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const bundle = figure().line([1, 2]).toMimeBundle();
   * console.log(Object.keys(bundle));
   * ```
   */
  toMimeBundle(): MimeBundle {
    return bundleOf(this.toJSON(), nextSlot(), this.toString());
  }

  /**
   * Displays the figure in the notebook cell, as `plt.show()` does. Outside
   * the Jupyter kernel it does nothing.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * figure({ title: "Loss" }).line([1, 0.5]).show();
   * ```
   */
  show(): void {
    displayInCell(this.toMimeBundle());
  }

  /**
   * Displays the figure now and keeps it up to date while a loop runs: each
   * {@link LiveFigure.push} hands its values to the figure's `push` (a line
   * grows by one value, a network takes its new arrays), and the displayed
   * figure is redrawn in place at most every `interval` milliseconds (250
   * by default). {@link LiveFigure.done} draws the last values, after which
   * the cell shows exactly what `show()` would have shown. Outside the
   * Jupyter kernel nothing is displayed, but the values still reach the
   * figure.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const curve = figure({ title: "Loss", xTitle: "step" }).line([], { label: "loss" }).showLive();
   * for (let step = 0; step < 100; step++) {
   *   curve.push(1 / (step + 1));
   * }
   * curve.done();
   * ```
   */
  showLive(options: LiveOptions = {}): LiveFigure<this> {
    return new LiveFigure(this, options);
  }

  /**
   * The hook Deno's Jupyter kernel calls when the figure is a cell's value.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const fig = figure().line([1, 2]);
   * const hook = (fig as unknown as Record<symbol, () => unknown>)[Symbol.for("Jupyter.display")];
   * console.log(hook.call(fig));
   * ```
   */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    return this.toMimeBundle();
  }
}

/**
 * A figure under construction: add traces with {@link Figure.line},
 * {@link Figure.scatter}, {@link Figure.contour}, {@link Figure.heatmap},
 * {@link Figure.bar}, {@link Figure.imshow} and {@link Figure.images}; each
 * returns the figure so calls can chain.
 *
 * @example
 * ```ts
 * import { Figure } from "./figure.ts";
 * const fig = new Figure({ title: "Loss", yScale: "log" });
 * fig.line([1, 0.1, 0.01], { label: "train" });
 * console.log(fig.toString());
 * ```
 */
export class Figure extends FigureBase<number[]> {
  /** The traces added so far, in drawing order. */
  readonly data: Trace[] = [];
  /** The options the figure was created with. */
  readonly options: Readonly<FigureOptions>;
  /** Annotations (image captions), in the order they were added. */
  readonly #annotations: Record<string, unknown>[] = [];
  /** Shapes (the frames of images), in the order they were added. */
  readonly #shapes: Record<string, unknown>[] = [];
  /** How the axes are set up: for plots, for a matrix, or for a mosaic of images. */
  #axes: Axes = { kind: "plot" };

  /** Starts an empty figure; see {@link FigureOptions}. */
  constructor(options: FigureOptions = {}) {
    super();
    this.options = { ...options };
  }

  /**
   * Draws `y` against `x` (default 0, 1, 2, ...) as a line, as `plt.plot` does.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * figure({ xTitle: "Epoch" }).line([0.7, 0.4, 0.2], { label: "loss", width: 2 });
   * ```
   */
  line(y: Values, options: LineOptions = {}): this {
    const line = compact({ width: options.width, color: options.color, dash: options.dash });
    this.data.push(compact({
      type: "scatter",
      mode: "lines",
      name: options.label,
      x: options.x === undefined ? undefined : toNumbers(options.x),
      y: toNumbers(y),
      line: isEmpty(line) ? undefined : line,
    }));
    return this;
  }

  /**
   * Draws one marker per `(x[i], y[i])`, as `plt.scatter` does; a numeric
   * `color` per point colors them by value (e.g. by class).
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * figure().scatter([0, 1, 2], [1, 0, 1], { color: [0, 1, 0], edgeColor: "black" });
   * ```
   */
  scatter(x: Values, y: Values, options: ScatterOptions = {}): this {
    const xs = toNumbers(x);
    const ys = toNumbers(y);
    if (xs.length !== ys.length) {
      throw new Error(`scatter: x has ${xs.length} values but y has ${ys.length}`);
    }
    const byValue = options.color !== undefined && typeof options.color !== "string";
    this.data.push(compact({
      type: "scatter",
      mode: "markers",
      name: options.label,
      x: xs,
      y: ys,
      opacity: options.opacity,
      marker: compact({
        symbol: options.marker,
        size: options.size ?? 8,
        color: byValue ? toNumbers(options.color as Values) : options.color,
        colorscale: byValue ? options.colorscale ?? "RdBu" : undefined,
        line: options.edgeColor === undefined ? undefined : { color: options.edgeColor, width: 1 },
      }),
    }));
    return this;
  }

  /**
   * Draws `z` (one row per `y`, one column per `x`) as filled contours, as
   * `plt.contourf(xx, yy, Z)` does: the usual picture of a decision
   * boundary, with class predictions over a grid as `z`.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const xs = [0, 1, 2];
   * const ys = [0, 1];
   * const predictions = [[0, 0, 1], [0, 1, 1]];
   * figure({ title: "Decision boundary" })
   *   .contour(xs, ys, predictions, { opacity: 0.4 })
   *   .scatter([0.2, 1.8], [0.1, 0.9], { color: [0, 1], label: "train" });
   * ```
   */
  contour(x: GridAxis, y: GridAxis, z: Grid, options: ContourOptions = {}): this {
    const grid = gridTrace("contour", x, y, z, options);
    grid.contours = { coloring: options.filled === false ? "lines" : "fill" };
    if (options.levels !== undefined) grid.ncontours = options.levels;
    this.data.push(grid);
    return this;
  }

  /**
   * Draws `z` (one row per `y`, one column per `x`) as colored cells, as
   * `plt.pcolormesh(xx, yy, Z)` does: class regions with sharp edges.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * figure().heatmap([0, 1], [0, 1], [[0, 1], [1, 1]], { colorscale: "Viridis" });
   * ```
   */
  heatmap(x: GridAxis, y: GridAxis, z: Grid, options: GridOptions = {}): this {
    this.data.push(gridTrace("heatmap", x, y, z, options));
    return this;
  }

  /**
   * Draws one bar per label, as `plt.bar` (or `plt.barh` with
   * `horizontal: true`) does.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * figure({ yTitle: "|gradient|" }).bar(["w1", "w2", "b"], [0.5, 0.1, 0.02]);
   * ```
   */
  bar(labels: readonly string[], values: Values, options: BarOptions = {}): this {
    const heights = toNumbers(values);
    if (labels.length !== heights.length) {
      throw new Error(`bar: ${labels.length} labels but ${heights.length} values`);
    }
    const horizontal = options.horizontal === true;
    this.data.push(compact({
      type: "bar",
      name: options.label,
      orientation: horizontal ? "h" : undefined,
      x: horizontal ? heights : [...labels],
      y: horizontal ? [...labels] : heights,
      marker: options.color === undefined ? undefined : { color: options.color },
    }));
    return this;
  }

  /**
   * Draws the matrix `z` as an image, as `plt.imshow` does: cell `[i, j]` is
   * row `i` from the top and column `j` from the left, as the matrix
   * prints, in square cells. With `showValues` each cell carries its value
   * (`"nonzero"`: the zero cells stay blank). By default the colors run
   * from white at 0 (or at the least value, if negative) to dark blue; with
   * a `center` they diverge from white at the center.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const counts = [[5, 0], [1, 7]];
   * figure({ title: "Confusion matrix", xTitle: "Predicted", yTitle: "True" })
   *   .imshow(counts, { showValues: "nonzero", colorbar: true, colorbarLabel: "count" });
   * ```
   */
  imshow(z: Grid, options: ImshowOptions = {}): this {
    const rows = toRows(z, "imshow: z");
    const columns = rows[0]?.length ?? 0;
    const where = (axis: string | undefined, fallback: string) => axis ?? fallback;
    const trace = compact({
      type: "heatmap",
      ...colorTrace(rows.flat(), options, { sequential: true }),
      name: options.label,
      showlegend: options.label === undefined ? undefined : true,
      x: Array.from({ length: columns }, (_, j) => j),
      y: rows.map((_, i) => i),
      z: rows,
      opacity: options.opacity,
      text: options.showValues === "nonzero"
        ? rows.map((row) => row.map((value) => (value === 0 ? "" : String(value))))
        : undefined,
      texttemplate: options.showValues === "nonzero"
        ? "%{text}"
        : options.showValues === true
        ? "%{z}"
        : undefined,
      hovertemplate: `${where(this.options.yTitle, "row")} %{y}, ` +
        `${where(this.options.xTitle, "column")} %{x}: %{z}<extra></extra>`,
    });
    this.data.push(trace);
    this.#axes = { kind: "matrix", rows: rows.length, columns };
    return this;
  }

  /**
   * Draws a stack of images (an array of shape `(n, height, width)`) side by
   * side, `columns` to a row, each under its caption when `captions` are
   * given: the grid of small images `plt.subplots` and `ax.imshow` make.
   * Row 0 of each image is its top; there are no axes, since pixel
   * coordinates say nothing. All images share one color scale (see
   * {@link Figure.imshow} for its default); hovering over one gives its
   * caption and the value under the pointer. Without a width or height in
   * the figure's options, the figure takes the size that draws each pixel
   * as a square of `pixelSize` screen pixels (by default as large as fits
   * in 720 pixels of width, at most 12), and the images sit apart enough for
   * their captions.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const stripes = { data: new Float64Array(2 * 3 * 3).map((_, i) => i % 2), shape: [2, 3, 3] };
   * figure({ title: "Two images" }).images(stripes, { captions: ["first", "second"] });
   * ```
   */
  images(stack: ArrayData, options: ImagesOptions = {}): this {
    const shape = stack.shape ?? [stack.data.length];
    if (shape.length !== 3) {
      throw new Error(
        `images: a stack of images has shape (n, height, width), got (${shape.join(", ")})`,
      );
    }
    const [n, height, width] = shape;
    const captions = options.captions;
    if (captions !== undefined && captions.length !== n) {
      throw new Error(`images: ${n} images but ${captions.length} captions`);
    }
    const columns = Math.min(n, options.columns ?? 10);
    const rows = Math.ceil(n / columns);
    const values = Array.from(stack.data, Number);
    const colors = colorTrace(values, options, { sequential: true });
    const fitWidth = 720 - (options.colorbar === true ? 120 : 0);
    // A caption of 12-pixel text takes about 6.5 screen pixels a character: the
    // gap between images widens so that neighbouring captions stay apart.
    const captionWidth = captions === undefined
      ? 0
      : Math.max(...captions.map((caption) => caption.length)) * 6.5 + 8;
    const across = (pixel: number) => {
      const gap = Math.max(1, Math.ceil(captionWidth / pixel) - width);
      return { gap, mosaicWidth: columns * (width + gap) - gap };
    };
    let pixel = options.pixelSize ?? 12;
    while (
      options.pixelSize === undefined && pixel > 1 && across(pixel).mosaicWidth * pixel > fitWidth
    ) {
      pixel--;
    }
    const { gap, mosaicWidth } = across(pixel);
    // A caption takes about 18 screen pixels under its image.
    const captionHeight = captions === undefined ? 0 : 18 / pixel;
    const rowStep = height + 1 + captionHeight;
    for (let k = 0; k < n; k++) {
      const left = (k % columns) * (width + gap);
      const top = Math.floor(k / columns) * rowStep;
      const name = captions?.[k] ?? `image ${k}`;
      const z = Array.from(
        { length: height },
        (_, i) => values.slice((k * height + i) * width, (k * height + i + 1) * width),
      );
      this.data.push(compact({
        type: "heatmap",
        ...colors,
        showscale: k === 0 ? colors.showscale : false,
        colorbar: k === 0 ? colors.colorbar : undefined,
        name,
        z,
        x0: left,
        dx: 1,
        y0: top,
        dy: 1,
        opacity: options.opacity,
        hovertemplate: `${plotlyText(name)}: %{z}<extra></extra>`,
      }));
      // A thin frame shows where each image ends, even where its edge is the background's color.
      this.#shapes.push({
        type: "rect",
        layer: "above",
        x0: left - 0.5,
        x1: left + width - 0.5,
        y0: top - 0.5,
        y1: top + height - 0.5,
        line: { color: "#bbbbbb", width: 1 },
      });
      if (captions !== undefined) {
        this.#annotations.push({
          text: plotlyText(captions[k]),
          x: left + (width - 1) / 2,
          y: top + height - 0.5,
          xref: "x",
          yref: "y",
          yanchor: "top",
          showarrow: false,
          font: { size: 12 },
        });
      }
    }
    this.#axes = {
      kind: "images",
      width: mosaicWidth,
      height: rows * rowStep - 1,
      pixel,
      colorbar: options.colorbar === true,
    };
    return this;
  }

  /**
   * Appends one value to each line of the figure, in the order the lines
   * were added: how a live loss curve grows (see {@link LiveFigure.push}).
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const fig = figure().line([], { label: "train" }).line([], { label: "test" });
   * fig.push(0.9, 1.0).push(0.5, 0.7);
   * console.log(fig.toString());
   * ```
   */
  push(...values: number[]): this {
    const lines = this.data.filter((trace) => trace.type === "scatter" && trace.mode === "lines");
    if (values.length !== lines.length) {
      throw new Error(
        `push: the figure has ${lines.length} line(s), got ${values.length} value(s)`,
      );
    }
    for (const [i, value] of values.entries()) (lines[i].y as number[]).push(Number(value));
    return this;
  }

  /**
   * The figure as Plotly JSON (`{ data, layout }`), a fresh copy each call.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const { data, layout } = figure({ title: "Loss" }).line([1, 2]).toJSON();
   * console.log(data.length, layout.title);
   * ```
   */
  toJSON(): PlotlyFigure {
    const layout = figureLayout(this.options, this.data, this.#axes);
    if (this.#shapes.length > 0) layout.shapes = this.#shapes;
    if (this.#annotations.length > 0) layout.annotations = this.#annotations;
    return structuredClone({ data: this.data, layout });
  }
}

/**
 * Options of {@link Figure.showLive}.
 *
 * @example
 * ```ts
 * import type { LiveOptions } from "./figure.ts";
 * const options: LiveOptions = { interval: 500 };
 * ```
 */
export interface LiveOptions {
  /** The least time between two redraws, in milliseconds (default 250). */
  interval?: number;
}

/**
 * A figure shown in the cell that redraws itself as values arrive, made by
 * {@link FigureBase.showLive}. `push` hands values to the figure and redraws
 * when the last redraw is old enough; `done` redraws with every value and
 * ends the updates. The displayed output is replaced in place (Jupyter's
 * `update_display_data`), so the cell keeps one figure, and after `done`
 * it is the figure `show()` would have displayed.
 *
 * @example
 * ```ts
 * import { figure } from "./figure.ts";
 * const live = figure({ title: "Train and test loss" })
 *   .line([], { label: "train" })
 *   .line([], { label: "test" })
 *   .showLive({ interval: 100 });
 * live.push(0.9, 1.0);
 * live.push(0.5, 0.7);
 * live.done();
 * console.log(live.figure.toString());
 * ```
 */
export class LiveFigure<F extends FigureBase<never> = Figure> {
  /** The figure being drawn; it receives the pushed values. */
  readonly figure: F;
  readonly #interval: number;
  readonly #display: (
    bundle: MimeBundle,
    options: { displayId: string; update: boolean },
  ) => boolean;
  readonly #displayId = `nnfs-live-${crypto.randomUUID()}`;
  readonly #slot: Slot;
  /** False outside the kernel, and once `done` has run. */
  #active: boolean;
  #lastDrawn = performance.now();

  /**
   * Displays `figure` at once; see {@link FigureBase.showLive}, the usual
   * way to make one. `display` is where the bundles go (by default the
   * notebook cell; it returns false where there is no cell).
   */
  constructor(
    figure: F,
    options: LiveOptions = {},
    display: (bundle: MimeBundle, options: { displayId: string; update: boolean }) => boolean =
      displayInCell,
  ) {
    this.figure = figure;
    this.#interval = options.interval ?? 250;
    this.#display = display;
    // The figure keeps one place in the session's numbering, as one show() would.
    this.#slot = nextSlot();
    this.#active = display(bundleOf(figure.toJSON(), this.#slot, figure.toString()), {
      displayId: this.#displayId,
      update: false,
    });
  }

  /**
   * Hands `values` to the figure's `push` (for a {@link Figure}: one value
   * for each line, in the order the lines were added) and redraws if the
   * last redraw is at least `interval` old.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const live = figure().line([]).showLive();
   * live.push(0.69);
   * live.done();
   * ```
   */
  push(...values: Parameters<F["push"]>): void {
    (this.figure.push as (...pushed: unknown[]) => unknown).apply(this.figure, values);
    if (performance.now() - this.#lastDrawn >= this.#interval) this.update();
  }

  /**
   * Redraws the displayed figure now, with every value pushed so far.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const live = figure().line([1, 0.5]).showLive();
   * live.update();
   * ```
   */
  update(): void {
    this.#lastDrawn = performance.now();
    if (!this.#active) return;
    this.#draw(this.#slot);
  }

  /**
   * Redraws the figure one last time, exactly as `show()` would display it,
   * and stops redrawing; later calls do nothing.
   *
   * @example
   * ```ts
   * import { figure } from "./figure.ts";
   * const live = figure().line([]).showLive();
   * for (const loss of [0.7, 0.4, 0.2]) live.push(loss);
   * live.done();
   * ```
   */
  done(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#draw(this.#slot);
  }

  #draw(slot: Slot): void {
    this.#display(bundleOf(this.figure.toJSON(), slot, this.figure.toString()), {
      displayId: this.#displayId,
      update: true,
    });
  }
}

/**
 * Starts a figure, as `plt.figure()` does; see {@link FigureOptions}.
 *
 * @example
 * ```ts
 * import * as plot from "./figure.ts";
 * const fig = plot.figure({ width: 800, height: 400, title: "Training Loss Curve", grid: true });
 * fig.line([0.69, 0.41, 0.30], { width: 2 });
 * ```
 */
export function figure(options: FigureOptions = {}): Figure {
  return new Figure(options);
}

/**
 * One line per series, in one call: an object's keys become the legend
 * labels, as a `for label, y in results.items(): plt.plot(y, label=label)`
 * loop does; a single series gets no label. `lineWidth` applies to every line.
 *
 * @example
 * ```ts
 * import * as plot from "./figure.ts";
 * plot.linePlot(
 *   { small: [0.69, 0.69], he: [0.9, 0.3] },
 *   { title: "Initialization Comparison", yScale: "log", lineWidth: 2 },
 * );
 * ```
 */
export function linePlot(
  series: Values | Record<string, Values>,
  options: FigureOptions & { lineWidth?: number } = {},
): Figure {
  const fig = figure(options);
  const lineOptions = { width: options.lineWidth };
  if (isValues(series)) return fig.line(series, lineOptions);
  for (const [label, y] of Object.entries(series)) fig.line(y, { ...lineOptions, label });
  return fig;
}

/**
 * The plotly.js bundle that draws the figures: its version, its file in
 * Deno's npm cache and its source. The first call fetches the pinned
 * package when the cache lacks it, and reads the bundle (~5 MB); later
 * calls return the same object.
 *
 * @example
 * ```ts
 * import { plotlyJs } from "./figure.ts";
 * const { version, path, source } = plotlyJs();
 * console.log(version, path, source.length);
 * ```
 */
export function plotlyJs(): { version: string; path: string; source: string } {
  if (plotlyLibrary === undefined) {
    const path = npmPackageFile(PLOTLY_PACKAGE, "plotly.min.js");
    const manifest = npmPackageFile(PLOTLY_PACKAGE, "package.json");
    const { version } = JSON.parse(Deno.readTextFileSync(manifest)) as { version: string };
    plotlyLibrary = { version, path, source: Deno.readTextFileSync(path) };
  }
  return plotlyLibrary;
}

/** The layout for `options`, framed like a matplotlib axes. */
/** How a figure's axes are set up: for plots, for one matrix, or for a mosaic of images. */
type Axes =
  | { kind: "plot" }
  | { kind: "matrix"; rows: number; columns: number }
  | { kind: "images"; width: number; height: number; pixel: number; colorbar: boolean };

/** The layout for `options`, framed like a matplotlib axes (none for images). */
function figureLayout(
  o: Readonly<FigureOptions>,
  data: readonly Trace[],
  axes: Axes,
): Record<string, unknown> {
  if (axes.kind === "images") return imagesLayout(o, axes);
  const grid = o.grid === true;
  const axis = (title: string | undefined, scale: string | undefined) =>
    compact({
      title: title === undefined ? undefined : { text: title },
      type: scale === "log" ? "log" : undefined,
      // Powers of ten, as matplotlib labels log axes, rather than SI prefixes (µ, p, f).
      exponentformat: scale === "log" ? "power" : undefined,
      showgrid: grid,
      // matplotlib's frame: an axis line with outward ticks, no zero line.
      zeroline: false,
      showline: true,
      mirror: true,
      ticks: "outside",
      linecolor: "#444",
    });
  const xaxis = axis(o.xTitle, o.xScale);
  const yaxis = axis(o.yTitle, o.yScale);
  if (axes.kind === "matrix") {
    // Row 0 at the top, as the matrix prints; square cells; a tick per row and column.
    Object.assign(xaxis, { constrain: "domain", ...integerTicks(axes.columns) });
    Object.assign(yaxis, {
      autorange: "reversed",
      scaleanchor: "x",
      constrain: "domain",
      ...integerTicks(axes.rows),
    });
  }
  return compact({
    width: o.width ?? 700,
    height: o.height ?? 420,
    title: o.title === undefined ? undefined : { text: o.title },
    xaxis,
    yaxis,
    showlegend: o.legend ?? data.some((trace) => trace.name !== undefined),
    margin: { t: o.title === undefined ? 30 : 60 },
  });
}

/** One tick per index when there are few enough to read. */
function integerTicks(count: number): Record<string, unknown> {
  return count <= 30 ? { tickmode: "linear", tick0: 0, dtick: 1 } : {};
}

/** A mosaic's layout: no axes, row 0 of each image at its top, square pixels. */
function imagesLayout(
  o: Readonly<FigureOptions>,
  mosaic: { width: number; height: number; pixel: number; colorbar: boolean },
): Record<string, unknown> {
  const margin = {
    t: o.title === undefined ? 10 : 50,
    b: 10,
    l: 10,
    r: mosaic.colorbar ? 110 : 10,
  };
  const hidden = { visible: false, showgrid: false, zeroline: false, fixedrange: true };
  return compact({
    width: o.width ?? Math.round(mosaic.width * mosaic.pixel) + margin.l + margin.r,
    height: o.height ?? Math.round(mosaic.height * mosaic.pixel) + margin.t + margin.b,
    title: o.title === undefined ? undefined : { text: o.title },
    xaxis: { ...hidden, range: [-0.5, mosaic.width - 0.5], constrain: "domain" },
    yaxis: {
      ...hidden,
      range: [mosaic.height - 0.5, -0.5],
      scaleanchor: "x",
      constrain: "domain",
    },
    showlegend: false,
    margin,
    plot_bgcolor: "#ffffff",
  });
}

let plotlyLibrary: { version: string; path: string; source: string } | undefined;

/** Figures displayed so far in this process (a kernel session). */
let figuresRendered = 0;

/** A figure's place in the session's numbering. */
interface Slot {
  index: number;
}

function nextSlot(): Slot {
  figuresRendered += 1;
  return { index: figuresRendered };
}

function bundleOf(spec: PlotlyFigure, slot: Slot, summary: string): MimeBundle {
  return {
    [PLOTLY_MIME]: spec,
    "text/html": figureHtml(spec, slot.index),
    "text/plain": summary,
  };
}

/**
 * The HTML that draws `spec`, the `index`-th figure of a session: a div and
 * a script that loads plotly.js once per page, from {@link PLOTLY_URL_PATH}
 * under the Jupyter server's base URL, and draws into the div. Where it
 * cannot be loaded the div says so, unless it holds the figure's static
 * image. Ids come from the index plus a hash of the figure, so output is
 * the same on every run yet two notebooks open in one page rarely clash.
 *
 * @example
 * ```ts
 * import { figureHtml } from "./figure.ts";
 * console.log(figureHtml({ data: [{ type: "bar", y: [1, 2] }], layout: {} }, 1).length);
 * ```
 */
export function figureHtml(spec: PlotlyFigure, index: number): string {
  const json = JSON.stringify(spec);
  const id = `nnfs-figure-${index}-${fnv1a(json)}`;
  const layout = spec.layout as { width?: number; height?: number };
  const width = layout.width ?? 700;
  const height = layout.height ?? 420;
  const draw = [
    "(function () {",
    // In JSON "<" occurs only inside strings, where \u003c means the same.
    `  var figure = ${json.replaceAll("<", "\\u003c")};`,
    `  var element = document.getElementById(${JSON.stringify(id)});`,
    "  function draw() {",
    // A static image may stand in the div for viewers that run no scripts.
    "    element.replaceChildren();",
    spec.frames === undefined
      ? "    window.Plotly.newPlot(element, figure.data, figure.layout, { displaylogo: false });"
      : "    window.Plotly.newPlot(element, { data: figure.data, layout: figure.layout, " +
        "frames: figure.frames, config: { displaylogo: false } });",
    "  }",
    "  if (!element) return;",
    "  if (window.Plotly) return draw();",
    // One load a page, shared by its figures; the base URL as the classic
    // Notebook (data-base-url) or JupyterLab (its page config) gives it.
    "  if (!window.nnfsPlotly) {",
    "    var base = document.body.getAttribute('data-base-url') || '/';",
    "    var config = document.getElementById('jupyter-config-data');",
    "    try { base = (config && JSON.parse(config.textContent).baseUrl) || base; } catch (e) {}",
    `    var url = base + ${JSON.stringify(PLOTLY_URL_PATH)};`,
    "    window.nnfsPlotly = new Promise(function (resolve, reject) {",
    "      var script = document.createElement('script');",
    "      script.src = url;",
    "      script.onload = resolve;",
    "      script.onerror = function () { reject(url); };",
    "      document.head.appendChild(script);",
    "    });",
    "  }",
    "  window.nnfsPlotly.then(draw, function (url) {",
    "    if (element.querySelector('img')) return;",
    "    element.textContent = 'plotly.js is not at ' + url + ': run tools/setup.sh, ' +",
    "      'which puts it there, then run this cell again.';",
    "  });",
    "})();",
  ].join("\n");
  return `<div id="${id}" class="nnfs-figure" style="width:${width}px;height:${height}px"></div>\n` +
    `<script type="text/javascript">\n${draw}\n</script>\n`;
}

/** A 32-bit FNV-1a hash, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** "Figure: 'Loss', 1 line trace (1000 points); x: Epoch, y: Loss" */
function describe(spec: PlotlyFigure): string {
  const layout = spec.layout as {
    title?: { text: string };
    xaxis?: { title?: { text: string } };
    yaxis?: { title?: { text: string } };
  };
  const groups = new Map<string, string[]>();
  for (const trace of spec.data) {
    const kind = traceKind(trace);
    groups.set(kind, [...(groups.get(kind) ?? []), traceSize(trace)]);
  }
  const traces = [...groups].map(([kind, sizes]) => {
    const counted = `${sizes.length} ${kind} trace${sizes.length === 1 ? "" : "s"}`;
    const same = sizes.every((size) => size === sizes[0]);
    const detail = sizes.length === 1 ? sizes[0] : same ? `${sizes[0]} each` : sizes.join(", ");
    return `${counted} (${detail})`;
  });
  const parts = [
    layout.title ? `'${layout.title.text}'` : "untitled",
    traces.length === 0 ? "no traces" : traces.join(", "),
  ];
  const axes = [
    layout.xaxis?.title ? `x: ${layout.xaxis.title.text}` : undefined,
    layout.yaxis?.title ? `y: ${layout.yaxis.title.text}` : undefined,
  ].filter((axis) => axis !== undefined);
  return `Figure: ${parts.join(", ")}${axes.length > 0 ? `; ${axes.join(", ")}` : ""}`;
}

function traceKind(trace: Trace): string {
  if (trace.type === "scatter") return trace.mode === "lines" ? "line" : "scatter";
  return trace.type;
}

function traceSize(trace: Trace): string {
  if (trace.type === "contour" || trace.type === "heatmap") {
    const z = trace.z as number[][];
    return `${z.length}×${z[0]?.length ?? 0} grid`;
  }
  const count = (trace.y as unknown[]).length;
  const unit = trace.type === "bar" ? "bar" : "point";
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

function gridTrace(
  type: "contour" | "heatmap",
  x: GridAxis,
  y: GridAxis,
  z: Grid,
  options: GridOptions,
): Trace {
  const rows = toRows(z);
  const xs = axisValues(x, "columns");
  const ys = axisValues(y, "rows");
  const columns = rows[0]?.length ?? 0;
  if (xs.length !== columns || ys.length !== rows.length) {
    throw new Error(
      `${type}: z is ${rows.length}×${columns} but there are ${ys.length} y and ${xs.length} x values`,
    );
  }
  const { colorscale, showscale, ...scale } = colorTrace(rows.flat(), options, {
    sequential: false,
  });
  return compact({
    type,
    name: options.label,
    // Grid traces stay out of the legend unless asked, so a label puts them in.
    showlegend: options.label === undefined ? undefined : true,
    x: xs,
    y: ys,
    z: rows,
    colorscale,
    opacity: options.opacity,
    showscale,
    ...scale,
  });
}

/**
 * The color part of a grid trace: its scale (`sequential`: the image
 * default, else `"RdBu"`), its range from `vmin`, `vmax` and `center`, and
 * the color bar with its title, which states the center.
 */
function colorTrace(
  values: readonly number[],
  options: GridOptions,
  defaults: { sequential: boolean },
): Record<string, unknown> {
  let least = Infinity;
  let greatest = -Infinity;
  for (const value of values) {
    if (value < least) least = value;
    if (value > greatest) greatest = value;
  }
  let { vmin, vmax, colorscale } = options;
  const center = options.center;
  if (center !== undefined) {
    const reach = Math.max(Math.abs(greatest - center), Math.abs(least - center)) || 1;
    vmin ??= center - reach;
    vmax ??= center + reach;
    colorscale ??= defaults.sequential ? DIVERGING : "RdBu";
  } else if (defaults.sequential) {
    vmin ??= Math.min(0, least);
    vmax ??= greatest;
    colorscale ??= SEQUENTIAL;
  }
  const middle = colorscale === DIVERGING ? "white" : "the middle color";
  const title = [
    options.colorbarLabel,
    center === undefined ? undefined : `${middle} = ${center}`,
  ].filter((line) => line !== undefined).join("<br>");
  return compact({
    colorscale: colorscale ?? "RdBu",
    showscale: options.colorbar === true,
    zmin: vmin,
    zmax: vmax,
    colorbar: options.colorbar === true && title !== "" ? { title: { text: title } } : undefined,
  });
}

/** Text as Plotly's labels read it: its few tags (`<br>`, `<b>`) stay out of `text`. */
function plotlyText(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** 1-D coordinates, or the varying edge of a 2-D meshgrid array. */
function axisValues(axis: GridAxis, along: "columns" | "rows"): number[] {
  if ("data" in axis && axis.shape?.length === 2) {
    const [rows, columns] = axis.shape;
    const pick = along === "columns" ? (i: number) => i : (i: number) => i * columns;
    const length = along === "columns" ? columns : rows;
    return Array.from({ length }, (_, i) => Number(axis.data[pick(i)]));
  }
  return toNumbers(axis);
}

function isEmpty(record: Record<string, unknown>): boolean {
  return Object.keys(record).length === 0;
}
