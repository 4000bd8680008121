/**
 * Gives every Plotly figure output of an executed notebook the form it is
 * saved in: Plotly's JSON (drawn by JupyterLab, VS Code and nteract), a
 * static PNG image (for viewers that run no scripts, the classic Notebook
 * among them until the cell runs again), and its one line of text. The HTML
 * the kernel sent, which draws the JSON in a live page, is dropped: it
 * repeats the JSON.
 *
 * Each figure is drawn by the same plotly.js the notebooks use
 * (`Plotly.toImage`), in one headless Chromium per notebook, with no network.
 *
 * Why PNG rather than SVG: nbconvert puts an `image/svg+xml` output inline in
 * the page through its HTML sanitizer, which strips the attributes Plotly's
 * SVG depends on, so the figure comes out blank; a PNG is an `<img>`
 * everywhere. Chromium's PNG keeps every shade its anti-aliasing makes
 * (thousands of colors); a palette of 256 looks the same and costs a third
 * (notebook 05's eleven figures: 561 kB → 167 kB). The same figure gives the
 * same bytes on every run.
 *
 * @module
 */
import { type PlotlyFigure, plotlyJs } from "../lib/plot/figure.ts";
import { type Browser, launchBrowser, OfflinePage } from "./browser.ts";
import UPNG from "upng-js";
import { PLOTLY_MIME } from "../lib/plot/mod.ts";

/** A notebook as nbformat 4 JSON. */
// deno-lint-ignore no-explicit-any
export type NotebookJson = any;

const PNG_MIME = "image/png";
const HTML_MIME = "text/html";

/**
 * Options of {@link addStaticImages}.
 *
 * @example
 * ```ts
 * import { launchBrowser } from "./browser.ts";
 * import type { StaticImageOptions } from "./static_figures.ts";
 * const options: StaticImageOptions = { browser: await launchBrowser() };
 * ```
 */
export interface StaticImageOptions {
  /** A browser to reuse; by default one is started and closed. */
  browser?: Browser;
}

/**
 * Adds an `image/png` beside each `application/vnd.plotly.v1+json` in
 * `notebook`'s outputs, in place (replacing one an earlier run added), and
 * drops its `text/html`. Starts Chromium only when the notebook has figures.
 *
 * @example
 * ```ts
 * import { addStaticImages } from "./static_figures.ts";
 * const path = "notebooks/05_neural_networks_from_scratch.ipynb";
 * const notebook = JSON.parse(await Deno.readTextFile(path));
 * await addStaticImages(notebook);
 * ```
 */
export async function addStaticImages(
  notebook: NotebookJson,
  options: StaticImageOptions = {},
): Promise<void> {
  const outputs = plotlyOutputs(notebook);
  if (outputs.length === 0) return;
  const browser = options.browser ?? await launchBrowser();
  try {
    const renderer = await FigureRenderer.open(browser);
    for (const output of outputs) {
      output.data[PNG_MIME] = await renderer.renderPng(output.data[PLOTLY_MIME]);
      // The HTML repeats the JSON to draw it in the live page; saved, the
      // JSON (for front ends that draw it) and the PNG (for the rest) suffice.
      delete output.data[HTML_MIME];
    }
    await renderer.close();
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}

/**
 * The outputs of `notebook` that carry a Plotly figure, in cell order.
 *
 * @example
 * ```ts
 * import { plotlyOutputs } from "./static_figures.ts";
 * console.log(plotlyOutputs({ cells: [] }).length); // 0
 * ```
 */
export function plotlyOutputs(
  notebook: NotebookJson,
): { data: Record<string, unknown> & { [PLOTLY_MIME]: PlotlyFigure } }[] {
  const found = [];
  for (const cell of notebook.cells ?? []) {
    for (const output of cell.outputs ?? []) {
      if (output.data?.[PLOTLY_MIME] !== undefined) found.push(output);
    }
  }
  return found;
}

/**
 * A tab with plotly.js loaded that turns figures into images.
 *
 * @example
 * ```ts
 * import { launchBrowser } from "./browser.ts";
 * import { FigureRenderer } from "./static_figures.ts";
 * const browser = await launchBrowser();
 * const renderer = await FigureRenderer.open(browser);
 * const png = await renderer.renderPng({ data: [{ type: "bar", y: [1, 2] }], layout: {} });
 * await browser.close();
 * ```
 */
export class FigureRenderer {
  #page: OfflinePage;
  #directory: string;

  private constructor(page: OfflinePage, directory: string) {
    this.#page = page;
    this.#directory = directory;
  }

  /**
   * Opens a tab in `browser` and loads plotly.js into it from the npm cache.
   *
   * @example
   * ```ts
   * import { launchBrowser } from "./browser.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * const renderer = await FigureRenderer.open(await launchBrowser());
   * ```
   */
  static async open(browser: Browser): Promise<FigureRenderer> {
    const directory = await Deno.makeTempDir({ prefix: "static-figures-" });
    const page = await OfflinePage.open(browser);
    const html = `${directory}/render.html`;
    const library = new URL(`file://${plotlyJs().path}`).href;
    await Deno.writeTextFile(
      html,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${library}"></script>` +
        `</head><body></body></html>`,
    );
    await page.goto(new URL(`file://${html}`).href);
    const loaded = await page.evaluate<boolean>("typeof window.Plotly === 'object'");
    if (!loaded) throw new Error(`plotly.js did not load: ${JSON.stringify(page.problems)}`);
    return new FigureRenderer(page, directory);
  }

  /**
   * The figure as a base64 PNG at its layout's size (700×420 by default).
   *
   * @example
   * ```ts
   * import { launchBrowser } from "./browser.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * const renderer = await FigureRenderer.open(await launchBrowser());
   * const png = await renderer.renderPng({ data: [{ type: "bar", y: [1, 2] }], layout: {} });
   * console.log(png.startsWith("iVBORw0KGgo"));
   * ```
   */
  async renderPng(figure: PlotlyFigure): Promise<string> {
    const layout = figure.layout as { width?: number; height?: number };
    const size = { width: layout.width ?? 700, height: layout.height ?? 420 };
    const problemsBefore = this.#page.problems.length;
    const url = await this.#page.evaluate<string>(
      `Plotly.toImage(${JSON.stringify(figure)}, ${JSON.stringify({ format: "png", ...size })})`,
    );
    const problems = this.#page.problems.slice(problemsBefore);
    if (problems.length > 0) throw new Error(`rendering failed: ${JSON.stringify(problems)}`);
    const prefix = "data:image/png;base64,";
    if (!url.startsWith(prefix)) throw new Error(`not a PNG: ${url.slice(0, 40)}`);
    return withPalette(url.slice(prefix.length));
  }

  /**
   * Closes the tab and removes its page.
   *
   * @example
   * ```ts
   * import { launchBrowser } from "./browser.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * await (await FigureRenderer.open(await launchBrowser())).close();
   * ```
   */
  async close(): Promise<void> {
    await this.#page.close();
    await Deno.remove(this.#directory, { recursive: true });
  }
}

/** The base64 PNG `png` with its colors reduced to a palette of 256. */
function withPalette(png: string): string {
  const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
  const image = UPNG.decode(bytes.buffer);
  const rgba = UPNG.toRGBA8(image)[0];
  const out = new Uint8Array(UPNG.encode([rgba], image.width, image.height, 256));
  let text = "";
  for (let i = 0; i < out.length; i += 0x8000) {
    text += String.fromCharCode(...out.subarray(i, i + 0x8000));
  }
  return btoa(text);
}
