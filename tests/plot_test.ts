// The figure model and its Jupyter MIME bundle, without a browser. Session
// behaviour (plotly.js inlined once, ids from a counter, identical output
// run after run) is checked in fresh `deno` processes, since a kernel
// session is one process.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import * as plot from "../lib/plot/figure.ts";
import { PLOTLY_URL_PATH, PLOTLY_VERSION } from "../lib/plot/figure.ts";
import { PLOTLY_MIME } from "../lib/plot/mod.ts";

const root = new URL("../", import.meta.url);

/** Storage shaped like the library's NDArray, which plot.ts reads structurally. */
class NDArray {
  constructor(readonly data: Float64Array, readonly shape: number[]) {}
}

/** What Deno's kernel calls on a cell's value. */
function jupyterDisplay(fig: plot.Figure): plot.MimeBundle {
  const hook = (fig as unknown as Record<symbol, () => plot.MimeBundle>)[
    Symbol.for("Jupyter.display")
  ];
  return hook.call(fig);
}

function ramp(length: number, scale = 1): number[] {
  return Array.from({ length }, (_, i) => scale / (i + 1));
}

Deno.test("a line figure's Plotly JSON holds the series and what the options asked for", () => {
  const losses = ramp(1000);
  const options = {
    width: 800,
    height: 400,
    title: "Training Loss Curve",
    xTitle: "Epoch",
    yTitle: "Loss",
    yScale: "log" as const,
    grid: true,
  };
  const { data, layout } = plot.figure(options).line(losses, { label: "train", width: 2 })
    .toJSON();
  assertEquals(data.length, 1);
  assertEquals(data[0].y, losses);
  assertEquals(data[0].name, "train");
  assertEquals(data[0].line, { width: 2 });
  assertEquals(data[0].x, undefined, "x defaults to 0, 1, 2, ... as plt.plot(y) does");
  assertEquals(layout.width, options.width);
  assertEquals(layout.height, options.height);
  assertEquals(layout.title, { text: options.title });
  const xaxis = layout.xaxis as Record<string, unknown>;
  const yaxis = layout.yaxis as Record<string, unknown>;
  assertEquals(xaxis.title, { text: options.xTitle });
  assertEquals(yaxis.title, { text: options.yTitle });
  assertEquals(yaxis.type, "log");
  assertEquals(xaxis.type, undefined);
  assertEquals([xaxis.showgrid, yaxis.showgrid], [true, true]);
  assertEquals(layout.showlegend, true);
});

Deno.test("number arrays, typed arrays and NDArrays plot the same values", () => {
  const values = [0.5, 0.25, 0.125, 1e-300, 3];
  const asArray = plot.figure().line(values).toJSON();
  const asTyped = plot.figure().line(new Float64Array(values)).toJSON();
  const asNDArray = plot.figure().line(new NDArray(new Float64Array(values), [5])).toJSON();
  assertEquals(asTyped, asArray);
  assertEquals(asNDArray, asArray);
  assertEquals(asArray.data[0].y, values);
});

Deno.test("toJSON is a copy: later traces do not change an earlier snapshot", () => {
  const fig = plot.figure().line([1, 2]);
  const before = fig.toJSON();
  fig.line([3, 4]);
  assertEquals(before.data.length, 1);
  assertEquals(fig.toJSON().data.length, 2);
});

Deno.test("grid, legend and axis scale default to matplotlib's", () => {
  const { layout } = plot.figure().line([1, 2, 3]).toJSON();
  const xaxis = layout.xaxis as Record<string, unknown>;
  const yaxis = layout.yaxis as Record<string, unknown>;
  assertEquals([xaxis.showgrid, yaxis.showgrid], [false, false]);
  assertEquals([xaxis.type, yaxis.type], [undefined, undefined]);
  assertEquals(layout.showlegend, false, "no label, no legend");
  assertEquals(layout.title, undefined);
  assertEquals(
    plot.figure({ legend: false }).line([1], { label: "a" }).toJSON().layout.showlegend,
    false,
  );
});

Deno.test("linePlot draws one labelled line per key, in order", () => {
  const series = { small: ramp(5), xavier: ramp(5, 2), he: ramp(5, 3) };
  const { data, layout } = plot.linePlot(series, { title: "Comparison", lineWidth: 2 }).toJSON();
  assertEquals(data.map((trace) => trace.name), Object.keys(series));
  assertEquals(data.map((trace) => trace.y), Object.values(series));
  assert(data.every((trace) => (trace.line as { width: number }).width === 2));
  assertEquals(layout.title, { text: "Comparison" });
  const single = plot.linePlot(ramp(4)).toJSON().data;
  assertEquals(single.length, 1);
  assertEquals(single[0].name, undefined);
});

Deno.test("scatter colors points by value or with one color, and checks lengths", () => {
  const x = [0, 1, 2];
  const y = [2, 1, 0];
  const classes = new Float64Array([0, 1, 1]);
  const [byClass, plain] = plot.figure()
    .scatter(x, y, { label: "train", color: classes, edgeColor: "black" })
    .scatter(x, y, { color: "red", marker: "x" })
    .toJSON().data;
  const byClassMarker = byClass.marker as Record<string, unknown>;
  assertEquals([byClass.type, byClass.mode, byClass.x, byClass.y], ["scatter", "markers", x, y]);
  assertEquals(byClassMarker.color, Array.from(classes));
  assert(byClassMarker.colorscale !== undefined, "numeric colors need a colorscale");
  assertEquals(byClassMarker.line, { color: "black", width: 1 });
  const plainMarker = plain.marker as Record<string, unknown>;
  assertEquals([plainMarker.color, plainMarker.symbol, plainMarker.colorscale], [
    "red",
    "x",
    undefined,
  ]);
  assertThrows(() => plot.figure().scatter([1, 2], [1]), /2 values but y has 1/);
});

Deno.test("contour and heatmap take a grid as NDArray or nested arrays, and meshgrid axes", () => {
  const columns = 4;
  const rows = 3;
  const xs = Array.from({ length: columns }, (_, c) => c / 2);
  const ys = Array.from({ length: rows }, (_, r) => -r);
  const z = ys.map((y, r) => xs.map((x, c) => (r * columns + c) % 2 + x - y));
  const zArray = new NDArray(Float64Array.from(z.flat()), [rows, columns]);
  // np.meshgrid(xs, ys): xx repeats xs on every row, yy repeats ys down every column.
  const xx = new NDArray(Float64Array.from(ys.flatMap(() => xs)), [rows, columns]);
  const yy = new NDArray(Float64Array.from(ys.flatMap((y) => xs.map(() => y))), [rows, columns]);
  const [fromNested, fromArrays, heatmap] = plot.figure()
    .contour(xs, ys, z)
    .contour(xx, yy, zArray, { filled: false, levels: 3, opacity: 0.4 })
    .heatmap(xs, ys, zArray, { colorbar: true })
    .toJSON().data;
  for (const trace of [fromNested, fromArrays, heatmap]) {
    assertEquals([trace.x, trace.y, trace.z], [xs, ys, z]);
  }
  assertEquals(fromNested.contours, { coloring: "fill" });
  assertEquals(fromArrays.contours, { coloring: "lines" });
  assertEquals([fromArrays.ncontours, fromArrays.opacity], [3, 0.4]);
  assertEquals([heatmap.type, heatmap.showscale], ["heatmap", true]);
  assertThrows(() => plot.figure().contour([0, 1], ys, z), /z is 3×4 but there are 3 y and 2 x/);
  assertThrows(
    () => plot.figure().heatmap(xs, ys, new NDArray(new Float64Array(4), [4])),
    /must be 2-D/,
  );
});

Deno.test("bar puts labels on the category axis, vertical or horizontal", () => {
  const labels = ["w1", "w2", "b"];
  const values = [0.5, 0.1, 0.02];
  const [vertical, horizontal] = plot.figure()
    .bar(labels, values, { label: "step 1" })
    .bar(labels, values, { horizontal: true, color: "gray" })
    .toJSON().data;
  assertEquals([vertical.type, vertical.x, vertical.y, vertical.orientation], [
    "bar",
    labels,
    values,
    undefined,
  ]);
  assertEquals([horizontal.x, horizontal.y, horizontal.orientation], [values, labels, "h"]);
  assertEquals(horizontal.marker, { color: "gray" });
  assertThrows(() => plot.figure().bar(["a"], [1, 2]), /1 labels but 2 values/);
});

Deno.test("the bundle has the Plotly JSON, HTML and a one-line text summary", () => {
  const losses = ramp(1000);
  const fig = plot.figure({ title: "Training Loss Curve", xTitle: "Epoch", yTitle: "Loss" })
    .line(losses);
  const bundle = fig.toMimeBundle();
  assertEquals(Object.keys(bundle).sort(), [PLOTLY_MIME, "text/html", "text/plain"]);
  assertEquals(bundle[PLOTLY_MIME], fig.toJSON());
  assertEquals(
    bundle["text/plain"],
    `Figure: 'Training Loss Curve', 1 line trace (${losses.length} points); x: Epoch, y: Loss`,
  );
  assertEquals(fig.toString(), bundle["text/plain"]);
  const display = jupyterDisplay(fig);
  assertEquals(Object.keys(display).sort(), Object.keys(bundle).sort());
  assertEquals(display[PLOTLY_MIME], bundle[PLOTLY_MIME]);
});

Deno.test("the summary counts traces by kind and sizes grids", () => {
  const xs = [0, 1, 2];
  const ys = [0, 1];
  const z = [[0, 0, 1], [0, 1, 1]];
  const text = plot.figure({ title: "Decision boundary" })
    .contour(xs, ys, z)
    .scatter([0, 1, 2], [1, 1, 0], { label: "train" })
    .scatter([1], [0], { label: "test" })
    .toString();
  assertEquals(
    text,
    `Figure: 'Decision boundary', 1 contour trace (${ys.length}×${xs.length} grid), ` +
      "2 scatter traces (3 points, 1 point)",
  );
  assertEquals(
    plot.linePlot({ a: ramp(7), b: ramp(7) }).toString(),
    "Figure: untitled, 2 line traces (7 points each)",
  );
  assertEquals(plot.figure().toString(), "Figure: untitled, no traces");
  assertEquals(
    plot.figure({ yTitle: "|g|" }).bar(["a", "b"], [1, 2]).toString(),
    "Figure: untitled, 1 bar trace (2 bars); y: |g|",
  );
});

Deno.test("the HTML embeds the figure JSON where no text can close the script early", () => {
  const title = "</script><script>alert(1)</script> <!-- a -->";
  const html = plot.figure({ title }).line([1, 2]).toMimeBundle()["text/html"];
  const opened = html.match(/<script\b/g)?.length ?? 0;
  const closed = html.match(/<\/script>/g)?.length ?? 0;
  assertEquals(closed, opened);
  assert(!html.slice(html.lastIndexOf("<script")).includes("<!--"));
  const figureLiteral = html.match(/var figure = (.*);\n/)?.[1];
  assert(figureLiteral !== undefined, "the draw script declares the figure");
  // The literal must still be the figure: evaluate it as the page would.
  const parsed = new Function(`return ${figureLiteral};`)();
  assertEquals(parsed.layout.title.text, title);
});

Deno.test("plotlyJs reads the pinned plotly.js from the npm cache, locked by deno.lock", async () => {
  const code = await Deno.readTextFile(new URL("lib/plot/figure.ts", root));
  const pins = [...code.matchAll(/PLOTLY_VERSION = "([^"]+)"/g)].map((match) => match[1]);
  assertEquals(pins.length, 1, `lib/plot/figure.ts should pin plotly.js once: ${pins}`);
  assertEquals(pins[0], PLOTLY_VERSION);
  const { version, path, source } = plot.plotlyJs();
  assertEquals(version, pins[0]);
  assert(path.endsWith("plotly.min.js"), path);
  assert(source.includes(`plotly.js v${version}`), "the bundle names its version");
  assert(source.length > 1_000_000, `suspiciously small bundle: ${source.length} bytes`);
  const lock = JSON.parse(await Deno.readTextFile(new URL("deno.lock", root)));
  const integrity = lock.npm?.[`plotly.js-dist-min@${version}`]?.integrity;
  assert(typeof integrity === "string", `deno.lock has no integrity for plotly.js ${version}`);
  assert(plot.plotlyJs() === plot.plotlyJs(), "the bundle is read once");
});

Deno.test("show() outside the Jupyter kernel does nothing and does not throw", async () => {
  await plot.figure().line([1]).show();
});

/** Runs `script` in a fresh deno process (a new session) and returns its stdout. */
async function freshSession(script: string): Promise<string> {
  const file = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(file, script);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        "--quiet",
        `--config=${new URL("deno.json", root).pathname}`,
        file,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert(output.success, `the session failed:\n${stderr}`);
    return new TextDecoder().decode(output.stdout);
  } finally {
    await Deno.remove(file);
  }
}

const threeFigures = `
import * as plot from ${JSON.stringify(new URL("lib/plot/figure.ts", root).href)};
const losses = Array.from({ length: 300 }, (_, i) => Math.exp(-i / 50));
const figures = [
  plot.figure({ title: "Loss", xTitle: "Epoch", yTitle: "Loss" }).line(losses, { width: 2 }),
  plot.linePlot({ a: losses, b: losses.map((v) => v / 2) }, { yScale: "log" }),
  plot.figure({ title: "Loss", xTitle: "Epoch", yTitle: "Loss" }).line(losses, { width: 2 }),
];
console.log(JSON.stringify(figures.map((fig) => fig[Symbol.for("Jupyter.display")]())));
`;

Deno.test("no figure carries plotly.js: each loads it once a page from the Jupyter server, with an id of its own", async () => {
  const bundles = JSON.parse(await freshSession(threeFigures)) as plot.MimeBundle[];
  const { source } = plot.plotlyJs();
  const html = bundles.map((bundle) => bundle["text/html"]);
  for (const text of html) {
    assert(!text.includes(source.slice(0, 2000)), "a figure carries plotly.js");
    assert(text.length < 100_000, `a figure's HTML is ${text.length} bytes`);
    assert(text.includes(JSON.stringify(PLOTLY_URL_PATH)), "the HTML names where plotly.js is");
    assert(text.includes("window.nnfsPlotly"), "one load a page");
  }
  const ids = html.map((text) => text.match(/<div id="([^"]+)"/)?.[1]);
  assertEquals(new Set(ids).size, 3, `ids must differ: ${ids}`);
  for (const [i, id] of ids.entries()) {
    assert(id !== undefined && html[i].includes(`getElementById(${JSON.stringify(id)})`));
  }
  // The same figure at another place in the session differs only by its id.
  assertEquals(bundles[2][PLOTLY_MIME], bundles[0][PLOTLY_MIME]);
  assertEquals(bundles[2]["text/plain"], bundles[0]["text/plain"]);
  assertEquals(html[2].replaceAll(ids[2]!, ""), html[0].replaceAll(ids[0]!, ""));
});

Deno.test("the same figures give byte-identical bundles in every session", async () => {
  const first = await freshSession(threeFigures);
  const second = await freshSession(threeFigures);
  assert(first.length > 10_000, "the output holds the bundles");
  assert(first === second, "two sessions rendered the same figures differently");
});

/** A stand-in for the notebook cell: every bundle a live figure sends, in order. */
function recordingCell(): {
  sent: { bundle: plot.MimeBundle; displayId: string; update: boolean }[];
  display: (bundle: plot.MimeBundle, o: { displayId: string; update: boolean }) => boolean;
} {
  const sent: { bundle: plot.MimeBundle; displayId: string; update: boolean }[] = [];
  return { sent, display: (bundle, o) => (sent.push({ bundle, ...o }), true) };
}

Deno.test("a live figure shows once, redraws the same display, and ends as show() would", () => {
  const losses = ramp(50);
  const options = { title: "Loss", xTitle: "step", yTitle: "loss" };
  const cell = recordingCell();
  const live = new plot.LiveFigure(
    plot.figure(options).line([], { label: "loss", width: 2 }),
    { interval: 0 },
    cell.display,
  );
  for (const loss of losses) live.push(loss);
  live.done();
  live.done();
  live.update();
  // One display, one redraw per push (interval 0), one final redraw; nothing after done.
  assertEquals(cell.sent.length, 1 + losses.length + 1);
  assertEquals(cell.sent.map((s) => s.update), [false, ...cell.sent.slice(1).map(() => true)]);
  assertEquals(new Set(cell.sent.map((s) => s.displayId)).size, 1);
  assertEquals(cell.sent[0].bundle[PLOTLY_MIME].data[0].y, []);
  assertEquals(cell.sent[10].bundle[PLOTLY_MIME].data[0].y, losses.slice(0, 10));
  const expected = plot.figure(options).line(losses, { label: "loss", width: 2 });
  const last = cell.sent.at(-1)!.bundle;
  assertEquals(last[PLOTLY_MIME], expected.toJSON());
  assertEquals(last["text/plain"], expected.toString());
  assertEquals(live.figure.toJSON(), expected.toJSON());
});

Deno.test("a live figure redraws no more often than its interval, and pushes one value per line", () => {
  const cell = recordingCell();
  const live = new plot.LiveFigure(
    plot.figure().line([], { label: "train" }).line([], { label: "test" }).scatter([0], [1]),
    { interval: 60_000 },
    cell.display,
  );
  for (let i = 0; i < 100; i++) live.push(i, 2 * i);
  assertEquals(cell.sent.length, 1, "no redraw within the interval");
  assertThrows(() => live.push(1), Error, "the figure has 2 line(s), got 1 value(s)");
  live.done();
  assertEquals(cell.sent.length, 2);
  const [train, test] = cell.sent[1].bundle[PLOTLY_MIME].data;
  assertEquals(train.y, Array.from({ length: 100 }, (_, i) => i));
  assertEquals(test.y, Array.from({ length: 100 }, (_, i) => 2 * i));
});

Deno.test("a live figure keeps one place in the session: its last bundle is the one show() makes", async () => {
  const script = `
import * as plot from ${JSON.stringify(new URL("lib/plot/figure.ts", root).href)};
const losses = Array.from({ length: 300 }, (_, i) => Math.exp(-i / 50));
const sent = [];
const display = (bundle, o) => (sent.push({ html: bundle["text/html"], update: o.update }), true);
const live = new plot.LiveFigure(plot.figure({ title: "Loss" }).line([]), { interval: 0 }, display);
for (const loss of losses) live.push(loss);
live.done();
const after = plot.figure({ title: "After" }).line([1, 2]).toMimeBundle()["text/html"];
console.log(JSON.stringify({ sent, after }));
`;
  const reference = `
import * as plot from ${JSON.stringify(new URL("lib/plot/figure.ts", root).href)};
const losses = Array.from({ length: 300 }, (_, i) => Math.exp(-i / 50));
const shown = plot.figure({ title: "Loss" }).line(losses).toMimeBundle()["text/html"];
const after = plot.figure({ title: "After" }).line([1, 2]).toMimeBundle()["text/html"];
console.log(JSON.stringify({ shown, after }));
`;
  const live = JSON.parse(await freshSession(script));
  const shown = JSON.parse(await freshSession(reference));
  const ids = live.sent.map((s: { html: string }) => s.html.match(/<div id="([^"]+)"/)?.[1]);
  // Every redraw is the same display, numbered as the first.
  assert(ids.every((id: string) => id.startsWith("nnfs-figure-1-")), String(ids));
  assert(live.sent.at(-1).html === shown.shown, "the final redraw is the bundle show() makes");
  assert(live.after === shown.after, "the figures after it are numbered as before");
});

Deno.test("showLive() outside the Jupyter kernel displays nothing, and still records the values", () => {
  const live = plot.figure().line([]).showLive({ interval: 0 });
  live.push(1);
  live.push(0.5);
  live.update();
  live.done();
  assertEquals(live.figure.toJSON().data[0].y, [1, 0.5]);
});

// ---- images and matrices ----

Deno.test("imshow puts row 0 on top in square cells, writes the counts, and makes zero white", () => {
  const counts = new NDArray(Float64Array.from([5, 0, 1, 7]), [2, 2]);
  const fig = plot.figure({ xTitle: "Predicted", yTitle: "True" })
    .imshow(counts, { showValues: "nonzero", colorbar: true, colorbarLabel: "count" });
  const { data, layout } = fig.toJSON();
  const [trace] = data;
  assertEquals([trace.type, trace.z, trace.x, trace.y], ["heatmap", [[5, 0], [1, 7]], [0, 1], [
    0,
    1,
  ]]);
  assertEquals(trace.text, [["5", ""], ["1", "7"]], "zero cells stay blank");
  assertEquals(trace.texttemplate, "%{text}");
  assertEquals([trace.zmin, trace.zmax, trace.colorscale], [0, 7, plot.SEQUENTIAL]);
  assertEquals(plot.SEQUENTIAL[0], [0, "#ffffff"], "the lowest color is white");
  assertEquals(trace.colorbar, { title: { text: "count" } });
  assertEquals(trace.hovertemplate, "True %{y}, Predicted %{x}: %{z}<extra></extra>");
  const yaxis = layout.yaxis as Record<string, unknown>;
  assertEquals([yaxis.autorange, yaxis.scaleanchor], ["reversed", "x"]);
  assertEquals([yaxis.dtick, (layout.xaxis as Record<string, unknown>).dtick], [1, 1]);
  assertEquals(
    plot.figure().imshow([[1, 2]], { showValues: true }).toJSON().data[0].texttemplate,
    "%{z}",
  );
  assertThrows(() => plot.figure().imshow(new NDArray(new Float64Array(3), [3])), /2-D/);
});

Deno.test("a center makes a diverging scale symmetric around it, and the color bar says so", () => {
  const z = [[-1, 0.5], [0, 2]];
  const [centered] = plot.figure().imshow(z, { center: 0, colorbar: true, colorbarLabel: "weight" })
    .toJSON().data;
  assertEquals([centered.zmin, centered.zmax, centered.colorscale], [-2, 2, plot.DIVERGING]);
  assertEquals(plot.DIVERGING[5], [0.5, "#ffffff"], "white in the middle");
  assertEquals(centered.colorbar, { title: { text: "weight<br>white = 0" } });
  const [shifted] = plot.figure().heatmap([0, 1], [0, 1], z, { center: 1, colorbar: true })
    .toJSON().data;
  assertEquals([shifted.zmin, shifted.zmax, shifted.colorscale], [-1, 3, "RdBu"]);
  assertEquals(shifted.colorbar, { title: { text: "the middle color = 1" } });
  const [fixed] = plot.figure().heatmap([0, 1], [0, 1], z, { vmin: -5, vmax: 5 }).toJSON().data;
  assertEquals([fixed.zmin, fixed.zmax], [-5, 5]);
});

Deno.test("images lays a stack out with captions under each image and no axes", () => {
  // Six 2×3 images; image k holds k * 10 + its pixel number.
  const stack = new NDArray(
    Float64Array.from({ length: 36 }, (_, i) => Math.floor(i / 6) * 10 + i % 6),
    [6, 2, 3],
  );
  const captions = ["a", "b", "c", "d", "e", "7 → 9 (0.77)"];
  const fig = plot.figure({ title: "Six" }).images(stack, { columns: 4, captions, pixelSize: 10 });
  const { data, layout } = fig.toJSON();
  assertEquals(data.length, 6);
  assertEquals(data[5].z, [[50, 51, 52], [53, 54, 55]], "row 0 of each image first");
  assertEquals(data.map((trace) => trace.name), captions);
  assertEquals(data.map((trace) => trace.showscale), [false, false, false, false, false, false]);
  const annotations = layout.annotations as { text: string; x: number; y: number }[];
  assertEquals(annotations.map((a) => a.text), captions);
  // Captions of up to 12 characters need 86 screen pixels: gaps of 6 at 10 pixels a pixel.
  assertEquals(data.slice(0, 5).map((trace) => trace.x0), [0, 9, 18, 27, 0]);
  assert((data[4].y0 as number) > 2, "the second row starts below the first row's captions");
  assertEquals((layout.shapes as unknown[]).length, 6, "a frame around each image");
  const xaxis = layout.xaxis as Record<string, unknown>;
  const yaxis = layout.yaxis as Record<string, unknown>;
  assertEquals([xaxis.visible, yaxis.visible], [false, false]);
  const [top, bottom] = yaxis.range as number[];
  assert(top > bottom, "the y axis runs down, so row 0 is on top");
  assertEquals(layout.width, (4 * 9 - 6) * 10 + 20, "4 images and 3 gaps at 10 pixels a pixel");
  assertEquals(fig.toString(), "Figure: 'Six', 6 heatmap traces (2×3 grid each)");
  assertThrows(
    () => plot.figure().images(new NDArray(new Float64Array(4), [2, 2])),
    /\(n, height, width\)/,
  );
  assertThrows(() => plot.figure().images(stack, { captions: ["one"] }), /6 images but 1 captions/);
});

Deno.test("images without a size fits the notebook's width, at most 12 screen pixels a pixel", () => {
  const stack = (n: number) => new NDArray(new Float64Array(n * 64), [n, 8, 8]);
  const fifty = plot.figure().images(stack(50)).toJSON().layout;
  assertEquals(fifty.width, (10 * 9 - 1) * 8 + 20, "ten to a row at 8 pixels a pixel");
  const two = plot.figure().images(stack(2)).toJSON().layout;
  assertEquals(two.width, 17 * 12 + 20, "few images: 12 pixels a pixel");
  const sized = plot.figure({ width: 300, height: 200 }).images(stack(2)).toJSON().layout;
  assertEquals([sized.width, sized.height], [300, 200]);
});
