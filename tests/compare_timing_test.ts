// compareWithCommitted lets the lines a cell names in metadata.timing_lines
// differ in their digits, and nothing else.

import { assertEquals, assertThrows } from "./assert.ts";
import { compareWithCommitted, TIMING_LINES_KEY } from "../tools/compare.ts";
import type { Notebook } from "../tools/jupyter.ts";

function notebookPrinting(text: string, metadata: Record<string, unknown> = {}): Notebook {
  return {
    cells: [{
      cell_type: "code",
      metadata,
      source: "print(...)",
      outputs: [{ output_type: "stream", name: "stdout", text }],
      execution_count: 1,
    }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
}

const TIMED = { [TIMING_LINES_KEY]: ["^Training took [0-9.]+ s$"] };

Deno.test("a timing line may differ in its digits when the cell names it", () => {
  const committed = notebookPrinting("accuracy 98.00%\nTraining took 1.93 s\n", TIMED);
  const fresh = notebookPrinting("accuracy 98.00%\nTraining took 12.07 s\n");
  assertEquals(compareWithCommitted(committed, fresh, "timed"), []);
});

Deno.test("without timing_lines, a changed duration is a mismatch", () => {
  const committed = notebookPrinting("accuracy 98.00%\nTraining took 1.93 s\n");
  const fresh = notebookPrinting("accuracy 98.00%\nTraining took 2.07 s\n");
  assertEquals(compareWithCommitted(committed, fresh, "untimed").length, 1);
});

Deno.test("timing_lines excuse neither other lines nor other words", () => {
  const committed = notebookPrinting("accuracy 98.00%\nTraining took 1.93 s\n", TIMED);
  const otherNumber = notebookPrinting("accuracy 97.00%\nTraining took 1.93 s\n");
  const otherWords = notebookPrinting("accuracy 98.00%\nTraining took 1.93 min\n");
  const missing = notebookPrinting("accuracy 98.00%\n");
  for (const fresh of [otherNumber, otherWords, missing]) {
    assertEquals(compareWithCommitted(committed, fresh, "timed").length, 1);
  }
});

Deno.test("malformed timing_lines are refused", () => {
  const committed = notebookPrinting("x\n", { [TIMING_LINES_KEY]: "^x$" });
  assertThrows(
    () => compareWithCommitted(committed, notebookPrinting("x\n"), "bad"),
    TypeError,
    TIMING_LINES_KEY,
  );
});
