/**
 * Adds a static image to every Plotly figure output of an executed notebook,
 * so that viewers that run no scripts still show the figures.
 *
 * Each figure is drawn by the same plotly.js the notebooks use
 * (`Plotly.toImage`), in one headless Chromium per notebook, with no network.
 *
 * @module
 */
import { type PlotlyFigure, plotlyJs } from "../lib/plot.ts";
import { Browser, type Page } from "./chromium.ts";

/** A notebook as nbformat 4 JSON. */
// deno-lint-ignore no-explicit-any
export type NotebookJson = any;

/**
 * The image formats {@link addStaticImages} can add.
 *
 * @example
 * ```ts
 * import type { StaticFormat } from "./static_figures.ts";
 * const format: StaticFormat = "png";
 * ```
 */
export type StaticFormat = "png" | "svg";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const IMAGE_MIME: Record<StaticFormat, string> = { png: "image/png", svg: "image/svg+xml" };

/**
 * The format added when none is asked for: SVG. Measured on the fixture's
 * figures, a 1000-point loss curve is 10 kB of SVG against 38 kB of base64
 * PNG, three 500-point curves 21 kB against 56 kB; only a 40×60 filled
 * contour is larger (77 kB against 40 kB). SVG is text, broken into one line
 * per element so a changed trace changes only its own lines.
 */
export const DEFAULT_FORMAT: StaticFormat = "svg";

/**
 * Options of {@link addStaticImages}.
 *
 * @example
 * ```ts
 * import type { StaticImageOptions } from "./static_figures.ts";
 * const options: StaticImageOptions = { format: "svg" };
 * ```
 */
export interface StaticImageOptions {
  /** The image format (default {@link DEFAULT_FORMAT}). */
  format?: StaticFormat;
  /** A browser to reuse; by default one is started and closed. */
  browser?: Browser;
}

/**
 * Adds a static image (`image/png` by default) beside each
 * `application/vnd.plotly.v1+json` in `notebook`'s outputs, in place,
 * replacing any image an earlier run added. Starts Chromium only when the
 * notebook has figures.
 *
 * @example
 * ```ts
 * import { addStaticImages } from "./static_figures.ts";
 * const notebook = JSON.parse(await Deno.readTextFile("notebooks/05_neural_networks_from_scratch.ipynb"));
 * await addStaticImages(notebook);
 * ```
 */
export async function addStaticImages(
  notebook: NotebookJson,
  options: StaticImageOptions = {},
): Promise<void> {
  const outputs = plotlyOutputs(notebook);
  if (outputs.length === 0) return;
  const format = options.format ?? DEFAULT_FORMAT;
  const browser = options.browser ?? await Browser.launch();
  try {
    const renderer = await FigureRenderer.open(browser);
    for (const output of outputs) {
      const image = await renderer.render(output.data[PLOTLY_MIME], format);
      for (const mime of Object.values(IMAGE_MIME)) delete output.data[mime];
      output.data[IMAGE_MIME[format]] = image;
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
 * import { Browser } from "./chromium.ts";
 * import { FigureRenderer } from "./static_figures.ts";
 * const browser = await Browser.launch();
 * const renderer = await FigureRenderer.open(browser);
 * const png = await renderer.render({ data: [{ type: "bar", y: [1, 2] }], layout: {} }, "png");
 * await browser.close();
 * ```
 */
export class FigureRenderer {
  #page: Page;
  #directory: string;

  private constructor(page: Page, directory: string) {
    this.#page = page;
    this.#directory = directory;
  }

  /**
   * Opens a tab in `browser` and loads plotly.js into it from the npm cache.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * const renderer = await FigureRenderer.open(await Browser.launch());
   * ```
   */
  static async open(browser: Browser): Promise<FigureRenderer> {
    const directory = await Deno.makeTempDir({ prefix: "static-figures-" });
    const page = await browser.newPage();
    const html = `${directory}/render.html`;
    const library = new URL(`file://${plotlyJs().path}`).href;
    await Deno.writeTextFile(
      html,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="${library}"></script>` +
        `<script>${seededRandom}</script></head><body></body></html>`,
    );
    await page.goto(new URL(`file://${html}`).href);
    const loaded = await page.evaluate<boolean>("typeof window.Plotly === 'object'");
    if (!loaded) throw new Error(`plotly.js did not load: ${JSON.stringify(page.problems)}`);
    return new FigureRenderer(page, directory);
  }

  /**
   * The figure as an image at its layout's size: base64 PNG, or SVG text.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * const renderer = await FigureRenderer.open(await Browser.launch());
   * const svg = await renderer.render({ data: [{ type: "bar", y: [1, 2] }], layout: {} }, "svg");
   * console.log(svg.startsWith("<svg"));
   * ```
   */
  async render(figure: PlotlyFigure, format: StaticFormat): Promise<string> {
    const layout = figure.layout as { width?: number; height?: number };
    const problemsBefore = this.#page.problems.length;
    // Plotly names clip paths and traces with Math.random(). Seeding it from
    // the figure gives the same image on every run, and different figures
    // different ids, which matters when a page inlines several SVGs.
    const seed = parseInt(fnv1a(JSON.stringify(figure)), 16);
    const url = await this.#page.evaluate<string>(
      `(resetRandom(${seed}), Plotly.toImage(${JSON.stringify(figure)}, ${
        JSON.stringify({
          format,
          width: layout.width ?? 700,
          height: layout.height ?? 420,
        })
      }))`,
    );
    const problems = this.#page.problems.slice(problemsBefore);
    if (problems.length > 0) throw new Error(`rendering failed: ${JSON.stringify(problems)}`);
    const comma = url.indexOf(",");
    const payload = url.slice(comma + 1);
    if (format === "png") return payload;
    const svg = url.slice(0, comma).endsWith(";base64")
      ? atob(payload)
      : decodeURIComponent(payload);
    return linePerElement(svg);
  }

  /**
   * Closes the tab and removes its page.
   *
   * @example
   * ```ts
   * import { Browser } from "./chromium.ts";
   * import { FigureRenderer } from "./static_figures.ts";
   * await (await FigureRenderer.open(await Browser.launch())).close();
   * ```
   */
  async close(): Promise<void> {
    await this.#page.close();
    await Deno.remove(this.#directory, { recursive: true });
  }
}

/**
 * `svg` with a line break between adjacent tags, except inside `<text>`
 * elements, whose whitespace Plotly marks as significant.
 *
 * @example
 * ```ts
 * import { linePerElement } from "./static_figures.ts";
 * console.log(linePerElement('<svg><g><text>a</text></g></svg>'));
 * ```
 */
export function linePerElement(svg: string): string {
  let textDepth = 0;
  let result = "";
  for (let i = 0; i < svg.length; i++) {
    if (svg.startsWith("<text", i)) textDepth++;
    else if (svg.startsWith("</text>", i)) textDepth--;
    result += svg[i];
    if (svg[i] === ">" && svg[i + 1] === "<" && textDepth === 0) result += "\n";
  }
  return result;
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

/** Page script: `resetRandom(seed)` restarts Math.random (mulberry32) at `seed`. */
const seededRandom = `
var randomState = 0;
function resetRandom(seed) { randomState = seed | 0; }
Math.random = function () {
  randomState = (randomState + 0x6d2b79f5) | 0;
  var t = randomState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
`;
