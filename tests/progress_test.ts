// `deno task progress` (tools/progress.ts) on a workspace of notebook 01 run
// in the real kernel: a verdict per exercise, taken from the check cell's
// line, and when the check printed none, the reason on that exercise's line
// (a syntax error, an endless loop stopped after the time limit, a cell that
// hangs on a promise and restarts the kernel, a deleted check cell), without
// stopping the other exercises; and the report's text and HTML forms.

import { assert, assertEquals } from "./assert.ts";
import { PROJECT_ROOT, readNotebook, serializeNotebook } from "../tools/jupyter.ts";
import {
  htmlReport,
  notebookLines,
  type NotebookResult,
  runProgress,
  totalLine,
} from "../tools/progress.ts";
import { start } from "../tools/workspace.ts";
import { writeAnswer } from "./support/learner.ts";

const KERNEL_TEST = { sanitizeOps: false, sanitizeResources: false };
const NB01 = "01_backprop_made_visible.ipynb";
// Far above what any cell of notebook 01 takes (about 1 s for the first), far below forever.
const LIMIT = 5;

Deno.test({
  name: "progress: each exercise of a notebook gets its own verdict, whatever the others do",
  ...KERNEL_TEST,
  async fn() {
    // a project of its own: the library (linked) and a workspace beside it
    const root = await Deno.makeTempDir({ prefix: "nn-progress-test-" });
    try {
      await Deno.symlink(`${PROJECT_ROOT}lib`, `${root}/lib`);
      const workspace = `${root}/workspace`;
      await start({ workspace, log: () => {} });
      const path = `${workspace}/${NB01}`;
      const notebook = await readNotebook(path);
      writeAnswer(notebook, "01.relu", ["return np.maximum(0, z);"]);
      writeAnswer(notebook, "01.forward", [
        "const z1 = X.matmul(W1).add(b1;",
        "return [z1, z1, z1];",
      ]);
      writeAnswer(notebook, "01.mean_squared_error", ["while (true) {", "  // forever", "}"]);
      writeAnswer(notebook, "01.output_blame", ["return np.multiply(2, y_pred.subtract(y_true));"]);
      writeAnswer(notebook, "01.hidden_blame", ["return d_out.matmul(W2);"]);
      writeAnswer(notebook, "01.relu_gate", ["return d_a1.multiply(z1.greater(0));"]);
      const hanging = writeAnswer(notebook, "01.weight_blame", ["return inputs.T.matmul(blame);"]);
      const cell = notebook.cells.find((c) => c.id === hanging)!;
      cell.source += "\nawait new Promise(() => {}); // waits forever";
      notebook.cells = notebook.cells.filter((c) =>
        !String(c.source).includes('check("01.relu_gate"')
      );
      await Deno.writeTextFile(path, serializeNotebook(notebook));
      const before = await Deno.readTextFile(path);

      const seen: string[] = [];
      const results = await runProgress({
        workspace,
        only: ["01"],
        timeoutSeconds: LIMIT,
        onProgress: (name, cell) => seen.push(`${name} ${cell ? cell.position : "-"}`),
      });
      assertEquals(results.length, 1);
      const byId = new Map(results[0].exercises.map((e) => [e.id, e]));
      const expect = (id: string, status: string, fragment: string) => {
        const result = byId.get(id)!;
        assertEquals(result.status, status, `${id}: ${result.message}`);
        assert(result.message.includes(fragment), `${id}: ${result.message}\nlacks: ${fragment}`);
      };
      expect("01.relu", "pass", "0 for negatives");
      expect("01.forward", "fail", "has a syntax error: Expected ','");
      expect("01.mean_squared_error", "fail", `did not finish within ${LIMIT} s`);
      expect("01.output_blame", "fail", "times too large");
      expect("01.hidden_blame", "fail", "threw");
      expect("01.relu_gate", "fail", "check cell is not in your notebook");
      expect("01.weight_blame", "fail", `your code did not finish within ${LIMIT} s`);
      expect("01.update", "todo", "not written yet");
      assert(seen.some((line) => /^01_\S+ \d+$/.test(line)), seen.join(", "));
      assertEquals(await Deno.readTextFile(path), before, "the workspace is only read");
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test("progress: the report's lines, total and one-page HTML", () => {
  const results: NotebookResult[] = [
    {
      name: "02_x.ipynb",
      seconds: 2.04,
      exercises: [
        { id: "02.a", status: "pass", message: "right for <all> cases" },
        { id: "02.b", status: "fail", message: "entry [0] is 1.0 & more" },
        { id: "02.c", status: "todo", message: "not written yet" },
      ],
    },
    { name: "03_y.ipynb", exercises: [{ id: "03.a", status: "pass", message: "fine" }] },
  ];
  assertEquals(notebookLines(results[0]), [
    "02_x.ipynb: 1 of 3 pass (2.0 s)",
    "  ✓ 02.a",
    "  ✗ 02.b: entry [0] is 1.0 & more",
    "  · 02.c: not written yet",
  ]);
  assertEquals(totalLine(results), "2 of 4 exercises pass");
  const html = htmlReport(results, 30, new Date(2025, 0, 1));
  assert(html.includes("<h1>2 of 4 exercises pass</h1>"), html);
  assert(html.includes("right for &lt;all&gt; cases") && html.includes("1.0 &amp; more"), html);
  assert(html.includes("up to 30 s"), html);
  assertEquals(html.match(/<tr class="fail">/g)?.length, 1);
});
