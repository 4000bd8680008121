// The notebooks in a real Jupyter front end, as a learner runs them: the
// classic Notebook server, each notebook opened in headless Chromium,
// Kernel → Restart & Run All clicked, with one core kept busy; and the
// learner_output fixture (a learner's own kinds of output, with the course's
// kernel) that way and by Shift-Enter pressed cell after cell. Every code
// cell must show exactly its committed outputs (stream text, figures,
// displayed values, in order), every figure must be drawn by plotly.js in the
// live page, and nothing may raise in the page.
// `deno run --allow-all tools/notebook_ui.ts --runs 20 --busy --mode both
// --fixture --learner 0` repeats this.
import { assert, assertEquals } from "./assert.ts";
import {
  busyCore,
  caseOf,
  describeDifference,
  differences,
  FIXTURE_PATH,
  NotebookServer,
  type RunMode,
  runNotebook,
  summarize,
  type UiCase,
} from "../tools/notebook_ui.ts";
import { listNotebooks, PROJECT_ROOT, readNotebook } from "../tools/jupyter.ts";
import { launchBrowser } from "../tools/browser.ts";

Deno.test({
  name: "every notebook shows its committed outputs in the Notebook UI, the fixture both ways",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async (t) => {
    const paths = await listNotebooks();
    assert(paths.length >= 5, `expected the five notebooks, found ${paths.length}`);
    const fixture = await readNotebook(`${PROJECT_ROOT}${FIXTURE_PATH}`);
    const runs: [UiCase, RunMode][] = [
      [caseOf(FIXTURE_PATH, fixture), "run-all"],
      [caseOf(FIXTURE_PATH, fixture), "shift-enter"],
    ];
    for (const path of paths) {
      const name = path.split("/").pop()!;
      runs.push([caseOf(`notebooks/${name}`, await readNotebook(path)), "run-all"]);
    }
    const spinner = busyCore();
    const server = await NotebookServer.start({
      extra: [{ path: FIXTURE_PATH, notebook: fixture }],
    });
    const browser = await launchBrowser();
    try {
      for (const [c, mode] of runs) {
        await t.step(`${c.path}, ${mode}`, async () => {
          const run = await runNotebook(browser, server, c.path, { mode });
          const problems = differences(c.expected, run, c.timing).map(describeDifference);
          assertEquals(problems, [], `${c.path}: cells differ from the committed outputs`);
          assertEquals(run.pageErrors, [], `${c.path}: errors in the page`);
          assertEquals(
            run.figuresDrawn,
            c.figures,
            `${c.path}: figures drawn by plotly.js in the live page`,
          );
        });
      }
    } finally {
      await browser.close();
      await server.stop();
      spinner.kill();
      await spinner.status;
    }
  },
});

Deno.test("a line that reaches the next cell is a difference the comparison reports", () => {
  const expected = [
    summarize([{ output_type: "stream", name: "stdout", text: "a\nb\n" }]),
    summarize([]),
  ];
  const late = {
    cells: [
      summarize([{ output_type: "stream", name: "stdout", text: "a\n" }]),
      summarize([{ output_type: "stream", name: "stdout", text: "b\n" }]),
    ],
    figuresDrawn: 0,
    pageErrors: [],
    seconds: 1,
  };
  const found = differences(expected, late);
  assertEquals(found.map((d) => d.codeCell), [0, 1]);
  assert(
    describeDifference(found[0]).includes('line 2: expected "b"'),
    describeDifference(found[0]),
  );
  // Consecutive pieces of one stream are one text, as a front end shows them.
  assertEquals(
    differences(expected, {
      ...late,
      cells: [
        summarize([
          { output_type: "stream", name: "stdout", text: "a\n" },
          { output_type: "stream", name: "stdout", text: "b\n" },
        ]),
        [],
      ],
    }),
    [],
  );
});

Deno.test("a cell's timing lines may differ in their digits in the page, and nothing else may", () => {
  const stdout = (text: string) => summarize([{ output_type: "stream", name: "stdout", text }]);
  const expected = [stdout("loss 0.25\nTraining took 1.16 s\n")];
  const run = (text: string) => ({
    cells: [stdout(text)],
    figuresDrawn: 0,
    pageErrors: [],
    seconds: 1,
  });
  const timing = [[/^Training took [0-9.]+ s$/]];
  assertEquals(differences(expected, run("loss 0.25\nTraining took 14.02 s\n"), timing), []);
  assertEquals(differences(expected, run("loss 0.25\nTraining took 14.02 s\n")).length, 1);
  assertEquals(differences(expected, run("loss 0.26\nTraining took 1.16 s\n"), timing).length, 1);
  assertEquals(differences(expected, run("loss 0.25\nTraining took 1.16 min\n"), timing).length, 1);
});
