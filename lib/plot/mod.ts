/**
 * Figures for notebooks, in matplotlib's vocabulary, drawn by plotly.js.
 *
 * A {@link Figure} holds a Plotly figure (`data` + `layout`); `fig.show()`
 * displays it in the notebook cell as a MIME bundle: the Plotly JSON for
 * front ends that draw it natively, HTML that draws it with plotly.js from
 * the pinned npm package (fetched the first time a figure is shown, never
 * at import), and a one-line text summary. {@link network} draws a small
 * network from its arrays, forward and backward.
 *
 * ```ts
 * import * as plot from "./mod.ts";
 * const losses = [0.9, 0.5, 0.3, 0.2];
 * plot.figure({ title: "Training Loss Curve", xTitle: "Epoch", yTitle: "Loss" })
 *   .line(losses, { label: "train" })
 *   .show();
 * ```
 *
 * @module
 */
export {
  DIVERGING,
  Figure,
  figure,
  FigureBase,
  linePlot,
  LiveFigure,
  PLOTLY_MIME,
  plotlyJs,
  SEQUENTIAL,
} from "./figure.ts";
export type {
  ArrayData,
  BarOptions,
  Colorscale,
  ContourOptions,
  FigureOptions,
  Grid,
  GridAxis,
  GridOptions,
  ImagesOptions,
  ImshowOptions,
  LineOptions,
  LiveOptions,
  MimeBundle,
  PlotlyFigure,
  ScatterOptions,
  Trace,
  Values,
} from "./figure.ts";
export { network, NetworkFigure } from "./network.ts";
export type { NetworkArrays, NetworkOptions } from "./network.ts";
