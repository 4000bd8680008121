// Every Plotly figure of the notebooks, as a reader sees it. Live: each
// figure's HTML, as the kernel sends it, in the notebook exported with
// nbconvert and served the way a Jupyter server serves it (plotly.js under
// nbextensions/, nothing else reachable), opened in headless Chromium; each
// figure must have been drawn by plotly.js with the traces, points, shapes
// and titles its own application/vnd.plotly.v1+json says. A network figure's
// buttons must switch its view, its slider must show each kept step, and its
// hover labels must give the numbers the JSON holds. Saved: the notebook as
// committed (JSON and PNG, no HTML) must show each static image. Screenshots
// of both go to tests/artifacts/.
//
// The fixture tests/fixtures/plot_fixture.ipynb is committed without
// outputs and executed here by the project's executor, as the notebooks
// are, so its figures always come from the current library, and its live
// view is the HTML the kernel actually sent.
import { assert, assertEquals } from "./assert.ts";
import { launchBrowser, OfflinePage } from "../tools/browser.ts";
import { executeNotebook } from "../tools/jupyter.ts";
import { addStaticImages, plotlyOutputs } from "../tools/static_figures.ts";
import { figureHtml, PLOTLY_URL_PATH, type PlotlyFigure } from "../lib/plot/figure.ts";
import { installFigureLibrary } from "../tools/kernel/install.ts";

const root = new URL("../", import.meta.url);
const artifacts = new URL("tests/artifacts/", root);
const fixture = new URL("tests/fixtures/plot_fixture.ipynb", root);
const PNG_MIME = "image/png";
const PLOTLY_MIME = "application/vnd.plotly.v1+json";

// deno-lint-ignore no-explicit-any
type Notebook = any;

/** What a figure's JSON says the page must show. */
interface ExpectedFigure {
  id: string;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  legend: string[];
  traces: { type: string; mode?: string; points: number | [number, number] }[];
  /** The shapes shown (a network's lines, the frames of images). */
  shapes: number;
}

/** What the page shows for one figure (gathered by {@link inspectFigures}). */
interface DrawnFigure {
  id: string;
  drawn: boolean;
  title?: string;
  xTitle?: string;
  yTitle?: string;
  legend: string[];
  traces: {
    type: string;
    mode?: string;
    calcPoints: number | [number, number];
    markers: number;
    bars: number;
    lineLength: number;
    filled: number;
  }[];
  shapes: number;
}

function expectedFigures(notebook: Notebook): ExpectedFigure[] {
  return plotlyOutputs(notebook).map((output) => {
    const figure: PlotlyFigure = output.data["application/vnd.plotly.v1+json"];
    const html = [output.data["text/html"]].flat().join("");
    const id = html.match(/<div id="([^"]+)"/)?.[1];
    assert(id !== undefined, "a figure's HTML names its div");
    const layout = figure.layout as Record<string, { text?: string } | undefined> & {
      showlegend?: boolean;
      xaxis?: { title?: { text: string } };
      yaxis?: { title?: { text: string } };
    };
    return {
      id,
      title: layout.title?.text,
      xTitle: layout.xaxis?.title?.text,
      yTitle: layout.yaxis?.title?.text,
      legend: layout.showlegend
        ? figure.data.filter((t) => t.name !== undefined).map((t) => String(t.name))
        : [],
      // A trace or shape that starts hidden (the other view of a network) is not drawn.
      traces: figure.data.filter((trace) => trace.visible !== false).map((trace) => ({
        type: trace.type,
        mode: trace.mode as string | undefined,
        points: trace.type === "contour" || trace.type === "heatmap"
          ? [(trace.z as number[][]).length, (trace.z as number[][])[0].length]
          : (trace.y as unknown[]).length,
      })),
      shapes: ((figure.layout.shapes ?? []) as { visible?: boolean }[])
        .filter((shape) => shape.visible !== false).length,
    };
  });
}

/**
 * Runs in the page: for every figure div, what plotly.js computed
 * (`_fullData`, `calcdata`) and what it put in the DOM. The k-th visible
 * trace of a type is drawn in the k-th group of that type's layer.
 */
const inspectFigures = `(ids) => ids.map((id) => {
  const div = document.getElementById(id);
  if (!div) return { id, drawn: false, legend: [], traces: [], shapes: 0 };
  const text = (selector) => div.querySelector(selector)?.textContent ?? undefined;
  const groups = {
    scatter: Array.from(div.querySelectorAll(".scatterlayer > g.trace")),
    bar: Array.from(div.querySelectorAll(".barlayer g.trace.bars")),
    contour: Array.from(div.querySelectorAll(".contourlayer > g.contour")),
    heatmap: Array.from(div.querySelectorAll(".heatmaplayer > g.hm")),
  };
  const seen = {};
  const traces = [];
  (div._fullData ?? []).forEach((trace, i) => {
    if (trace.visible !== true) return;
    const k = seen[trace.type] = (seen[trace.type] ?? -1) + 1;
    const group = (groups[trace.type] ?? [])[k];
    const calc = div.calcdata[i];
    const z = calc[0]?.z;
    traces.push({
      type: trace.type,
      mode: trace.mode,
      calcPoints: trace.type === "contour" || trace.type === "heatmap"
        ? [z.length, z[0].length]
        : calc.length,
      markers: group ? group.querySelectorAll("path.point").length : 0,
      bars: group ? group.querySelectorAll("g.point > path").length : 0,
      lineLength: group?.querySelector("path.js-line")?.getAttribute("d")?.length ?? 0,
      filled: group ? group.querySelectorAll("path, image").length : 0,
    });
  });
  return {
    id,
    drawn: div.classList.contains("js-plotly-plot"),
    title: text(".gtitle"),
    xTitle: text(".xtitle"),
    yTitle: text(".ytitle"),
    legend: Array.from(div.querySelectorAll(".legendtext"), (e) => e.textContent),
    traces,
    shapes: div.querySelectorAll(".shapelayer path").length,
  };
})`;

function checkDrawn(expected: ExpectedFigure, drawn: DrawnFigure): void {
  const where = `figure ${expected.id} (${expected.title ?? "untitled"})`;
  assert(drawn.drawn, `${where}: plotly.js did not draw it`);
  assertEquals(drawn.traces.length, expected.traces.length, `${where}: trace count`);
  assertEquals(
    [drawn.title, drawn.xTitle, drawn.yTitle],
    [expected.title, expected.xTitle, expected.yTitle],
    `${where}: titles`,
  );
  assertEquals(drawn.legend, expected.legend, `${where}: legend`);
  assertEquals(drawn.shapes, expected.shapes, `${where}: shapes drawn`);
  for (const [i, trace] of expected.traces.entries()) {
    const got = drawn.traces[i];
    const label = `${where}, trace ${i} (${trace.type})`;
    assertEquals([got.type, got.mode], [trace.type, trace.mode], `${label}: type`);
    assertEquals(got.calcPoints, trace.points, `${label}: points`);
    if (trace.type === "scatter" && trace.mode === "lines") {
      assert(got.lineLength > 0, `${label}: no line drawn`);
    } else if (trace.type === "scatter") {
      assertEquals(got.markers, trace.points, `${label}: markers drawn`);
    } else if (trace.type === "bar") {
      assertEquals(got.bars, trace.points, `${label}: bars drawn`);
    } else {
      assert(got.filled > 0, `${label}: nothing drawn`);
    }
  }
}

/**
 * The notebook as the live page has it: each saved figure (JSON and PNG)
 * with the HTML the kernel sends for it, numbered in order.
 */
function liveView(notebook: Notebook): Notebook {
  const copy = structuredClone(notebook);
  plotlyOutputs(copy).forEach((output, i) => {
    const data: Record<string, unknown> = output.data;
    data["text/html"] ??= figureHtml(output.data[PLOTLY_MIME], i + 1);
  });
  return copy;
}

async function run(command: string, args: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(command, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert(output.success, `${command} ${args.join(" ")} failed:\n${stderr.slice(-3000)}`);
}

async function exportHtml(notebook: Notebook, directory: string, name: string): Promise<string> {
  const path = `${directory}/${name}.ipynb`;
  await Deno.writeTextFile(path, JSON.stringify(notebook));
  await run("jupyter", ["nbconvert", "--to", "html", "--output-dir", directory, path]);
  return `${directory}/${name}.html`;
}

/**
 * Serves `directory` on 127.0.0.1 as a Jupyter server would: its files, and
 * plotly.js at the path the figures load it from.
 */
async function serve(
  directory: string,
  { withPlotly = true } = {},
): Promise<{ origin: string; close: () => Promise<void> }> {
  if (withPlotly) await installFigureLibrary(directory);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    try {
      const body = await Deno.readFile(`${directory}${path}`);
      const type = path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8";
      return new Response(body, { headers: { "content-type": type } });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/**
 * Loads `url` and waits (up to 20 s) until `ready` holds in the page; the
 * checks that follow say what is missing when it never does.
 */
async function open(page: OfflinePage, url: string, ready: string): Promise<void> {
  await page.goto(url);
  const deadline = Date.now() + 20_000;
  while (!(await page.evaluate<boolean>(ready)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Failed loads that are not the page's own: nbconvert's template links require.js and MathJax. */
function unexpectedRequests(page: OfflinePage): string[] {
  return page.problems
    .filter((problem) => problem.kind === "network")
    .map((problem) => problem.text)
    .filter((text) => !/\/(requirejs\/require(\.min)?\.js|mathjax\/MathJax\.js)/i.test(text));
}

/**
 * Runs in the page, on one network figure: the hover label of every unit of
 * the view shown and of every weight; the page after each view button is
 * clicked; the lines and numbers after the slider's step for each kept step;
 * and after the replay button has played them all.
 */
const exerciseNetwork = `async (id) => {
  const div = document.getElementById(id);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 80));
  const state = () => ({
    visible: div._fullData.map((trace) => trace.visible),
    shapes: div.querySelectorAll(".shapelayer path").length,
    texts: Array.from(div.querySelectorAll(".scatterlayer .textpoint text"), (t) => t.textContent),
    widths: div.layout.shapes.map((shape) => shape.line.width),
    units: div.data[0].customdata,
    weights: div.data[2].customdata,
  });
  const hovers = [];
  const shown = div._fullData[0].visible === true ? 0 : 1;
  for (const curve of [shown, 2]) {
    for (let point = 0; point < div.data[curve].x.length; point++) {
      Plotly.Fx.hover(div, [{ curveNumber: curve, pointNumber: point }]);
      await settle();
      const text = Array.from(div.querySelectorAll(".hoverlayer .hovertext text"), (t) => t.textContent);
      hovers.push({ curve, point, text: text.join(" ") });
      Plotly.Fx.unhover(div);
    }
  }
  const click = async (label) => {
    const button = Array.from(div.querySelectorAll(".updatemenu-button"))
      .find((b) => b.textContent.startsWith(label));
    if (!button) return undefined;
    button.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await settle();
    return state();
  };
  const views = { backward: await click("Backward"), forward: await click("Forward") };
  const steps = [];
  for (const step of div.layout.sliders?.[0]?.steps ?? []) {
    await Plotly.animate(div, ...step.args);
    await settle();
    steps.push({ label: step.label, ...state() });
  }
  let replayed;
  if (steps.length > 0) {
    await Plotly.animate(div, ...div.layout.sliders[0].steps[0].args);
    const played = new Promise((resolve) => div.on("plotly_animated", resolve));
    await click("▶");
    await Promise.race([played, new Promise((resolve) => setTimeout(resolve, 20000))]);
    await settle();
    replayed = state();
  }
  return { hovers, views, steps, replayed };
}`;

interface NetworkReport {
  hovers: { curve: number; point: number; text: string }[];
  views: Record<"forward" | "backward", NetworkState | undefined>;
  steps: (NetworkState & { label: string })[];
  replayed?: NetworkState;
}

interface NetworkState {
  visible: (boolean | string)[];
  shapes: number;
  texts: string[];
  widths: number[];
  units: (number | null)[][];
  weights: (number | null)[][];
}

/** Checks a network figure's hover labels, view buttons, slider and replay against its JSON. */
function checkNetwork(where: string, figure: PlotlyFigure, report: NetworkReport): void {
  const units = figure.data[0].customdata as (number | null)[][];
  const weights = figure.data[2].customdata as (number | null)[][];
  for (const { curve, point, text } of report.hovers) {
    const numbers = curve === 2 ? weights[point] : units[point];
    for (const value of numbers) {
      if (value !== null) {
        assert(text.includes(String(value)), `${where}: hover of ${curve}/${point} lacks ${value}`);
      }
    }
  }
  assertEquals(report.hovers.length, units.length + weights.length, `${where}: hovers`);
  const edges = weights.length;
  const menus = (figure.layout.updatemenus ?? []) as { buttons: { label: string }[] }[];
  const hasViews = menus.some((menu) => menu.buttons[0].label.startsWith("Forward"));
  if (hasViews) {
    assertEquals(report.views.backward?.visible, [false, true, true], `${where}: backward view`);
    assertEquals(report.views.forward?.visible, [true, false, true], `${where}: forward view`);
    assertEquals(report.views.backward?.shapes, edges, `${where}: backward lines drawn`);
    assertEquals(report.views.forward?.shapes, edges, `${where}: forward lines drawn`);
  }
  const frames = (figure.frames ?? []) as {
    name: string;
    data: { customdata: unknown }[];
    layout: Record<string, unknown>;
  }[];
  assertEquals(report.steps.length, frames.length, `${where}: one slider step per kept step`);
  const widthsOf = (frame: (typeof frames)[number]) =>
    report.steps[0].widths.map((_, n) => frame.layout[`shapes[${n}].line.width`]);
  for (const [k, frame] of frames.entries()) {
    const step = report.steps[k];
    assertEquals(`step ${step.label}`, frame.name, `${where}: slider step ${k}`);
    assertEquals(step.widths, widthsOf(frame), `${where}: lines at ${frame.name}`);
    assertEquals(step.units, frame.data[0].customdata, `${where}: units at ${frame.name}`);
    assertEquals(step.weights, frame.data[2].customdata, `${where}: weights at ${frame.name}`);
  }
  if (frames.length > 0) {
    assert(report.replayed !== undefined, `${where}: no replay`);
    assertEquals(report.replayed.widths, widthsOf(frames.at(-1)!), `${where}: replay ends last`);
    assertEquals(report.replayed.units, units, `${where}: replay ends at the figure's numbers`);
  }
}

/**
 * Checks `saved` (a notebook as committed) and `live` (the same with the
 * HTML the kernel sends; by default made from the saved JSON).
 */
async function checkNotebook(
  name: string,
  saved: Notebook,
  live: Notebook = liveView(saved),
): Promise<void> {
  const notebook = live;
  const expected = expectedFigures(live);
  assert(expected.length > 0, `${name} has no figures`);
  for (const output of plotlyOutputs(saved)) {
    assert(output.data[PNG_MIME] !== undefined, `${name}: a figure without its static image`);
    assert(output.data["text/html"] === undefined, `${name}: a saved figure keeps its HTML`);
  }
  const directory = await Deno.makeTempDir({ prefix: "browser-test-" });
  const server = await serve(directory);
  const browser = await launchBrowser({ width: 1280, height: 900 });
  try {
    await Deno.mkdir(artifacts, { recursive: true });

    const interactive = await OfflinePage.open(browser, { allow: server.origin });
    const html = await exportHtml(live, directory, name);
    const ids = expected.map((figure) => figure.id);
    await open(
      interactive,
      `${server.origin}${html.slice(directory.length)}`,
      `${JSON.stringify(ids)}.every((id) => document.getElementById(id)?._fullLayout)` +
        ` || ${JSON.stringify(ids)}.some((id) => !document.getElementById(id))`,
    );
    // Let plotly.js finish any deferred drawing before reading the DOM.
    await interactive.evaluate("new Promise((resolve) => requestAnimationFrame(() => resolve()))");
    await Deno.writeFile(new URL(`${name}.png`, artifacts), await interactive.screenshot());
    const drawn = await interactive.evaluate<DrawnFigure[]>(
      `(${inspectFigures})(${JSON.stringify(ids)})`,
    );
    const scriptErrors = interactive.problems.filter((problem) => problem.kind !== "network");
    assertEquals(scriptErrors, [], `${name}: script errors in the page`);
    for (const [i, figure] of expected.entries()) checkDrawn(figure, drawn[i]);
    for (const [i, output] of plotlyOutputs(notebook).entries()) {
      if (!/^Figure: .*, network /.test([output.data["text/plain"]].flat().join(""))) continue;
      const report = await interactive.evaluate<NetworkReport>(
        `(${exerciseNetwork})(${JSON.stringify(ids[i])})`,
      );
      checkNetwork(`${name}, figure ${ids[i]}`, output.data[PLOTLY_MIME], report);
    }
    assertEquals(unexpectedRequests(interactive), [], `${name}: the page reached for the network`);

    const still = await OfflinePage.open(browser);
    const staticHtml = await exportHtml(saved, directory, `${name}.static`);
    await open(
      still,
      new URL(`file://${staticHtml}`).href,
      "Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0)",
    );
    await Deno.writeFile(new URL(`${name}.static.png`, artifacts), await still.screenshot());
    const images = await still.evaluate<{ width: number; height: number; inked: boolean }[]>(
      `Array.from(document.querySelectorAll("img[src^='data:image/png']"), (img) => {
        const canvas = document.createElement("canvas");
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext("2d");
        context.drawImage(img, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 600) dark++;
        return { width: img.naturalWidth, height: img.naturalHeight, inked: dark > pixels.length / 4 / 100 };
      })`,
    );
    assertEquals(
      images,
      plotlyOutputs(notebook).map((output) => {
        const layout = output.data["application/vnd.plotly.v1+json"].layout as Record<
          string,
          number
        >;
        return { width: layout.width ?? 700, height: layout.height ?? 420, inked: true };
      }),
      `${name}: static images (size, and more than 1% of pixels drawn)`,
    );
    assertEquals(
      still.problems.filter((problem) => problem.kind !== "network"),
      [],
      `${name}: script errors in the static page`,
    );
  } finally {
    await browser.close();
    await server.close();
    await Deno.remove(directory, { recursive: true });
  }
}

function hasFigures(notebook: Notebook): boolean {
  return plotlyOutputs(notebook).length > 0;
}

const notebooks: { name: string; path: string }[] = [];
for await (const entry of Deno.readDir(new URL("notebooks/", root))) {
  if (entry.isFile && entry.name.endsWith(".ipynb")) {
    notebooks.push({
      name: entry.name.replace(/\.ipynb$/, ""),
      path: new URL(`notebooks/${entry.name}`, root).pathname,
    });
  }
}
notebooks.sort((a, b) => a.name.localeCompare(b.name));

for (const { name, path } of notebooks) {
  const notebook = JSON.parse(await Deno.readTextFile(path));
  if (!hasFigures(notebook)) continue;
  Deno.test(`browser: every figure of ${name} is drawn offline`, async () => {
    await withTimeout(checkNotebook(name, notebook), 300_000, `checking ${name}`);
  });
}

Deno.test("browser: every figure of the plot fixture is drawn offline", async () => {
  const { notebook: live } = await executeNotebook(fixture.pathname);
  const saved = structuredClone(live);
  await addStaticImages(saved);
  await checkNotebook("plot_fixture", saved, live);
});

/** `promise`, or an error naming `what` once `ms` pass. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

Deno.test("browser: where plotly.js is not served, a figure says where it looked and how to fix it", async () => {
  const directory = await Deno.makeTempDir({ prefix: "browser-test-" });
  const server = await serve(directory, { withPlotly: false });
  const browser = await launchBrowser();
  try {
    const spec = { data: [{ type: "bar", y: [1, 2] }], layout: { width: 300, height: 200 } };
    await Deno.writeTextFile(`${directory}/page.html`, `<body>${figureHtml(spec, 1)}</body>`);
    const page = await OfflinePage.open(browser, { allow: server.origin });
    await open(page, `${server.origin}/page.html`, "document.body.innerText.includes('plotly')");
    const text = await page.evaluate<string>("document.body.innerText");
    assert(text.includes(`plotly.js is not at /${PLOTLY_URL_PATH}`), text);
    assert(text.includes("run tools/setup.sh"), text);
  } finally {
    await browser.close();
    await server.close();
    await Deno.remove(directory, { recursive: true });
  }
});
