// What a learner does to a workspace notebook, for the tests of the
// workspace, the progress report and course updates: write an exercise in
// place of its stub, as one would in Jupyter.

import { joinText, type Notebook } from "../../tools/jupyter.ts";

const THROW = (id: string) => `throw new Error("${id}: not written yet`;

/**
 * Replaces the stub of exercise `id` (its ✎ comment and its throwing line)
 * with `code`, indented as the stub was; returns the id of the cell.
 */
export function writeAnswer(notebook: Notebook, id: string, code: string[]): string {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    const lines = joinText(cell.source).split("\n");
    const at = lines.findIndex((line) => line.trimStart().startsWith(THROW(id)));
    if (at < 0) continue;
    const indent = lines[at].slice(0, lines[at].length - lines[at].trimStart().length);
    const start = at > 0 && lines[at - 1].includes(`✎ ${id}:`) ? at - 1 : at;
    lines.splice(start, at + 1 - start, ...code.map((line) => indent + line));
    cell.source = lines.join("\n");
    return cell.id!;
  }
  throw new Error(`no stub of ${id} in the notebook`);
}

/** The source lines of the cell with id `cellId`. */
export function cellLines(notebook: Notebook, cellId: string): string[] {
  const cell = notebook.cells.find((c) => c.id === cellId);
  if (!cell) throw new Error(`no cell ${cellId}`);
  return joinText(cell.source).split("\n");
}

/** Whether `lines` holds each of `wanted`, in that order (others may come between). */
export function holdsInOrder(lines: readonly string[], wanted: readonly string[]): boolean {
  let at = 0;
  for (const line of lines) if (at < wanted.length && line === wanted[at]) at++;
  return at === wanted.length;
}
