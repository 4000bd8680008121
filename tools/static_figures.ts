/**
 * Adds a static image to every Plotly figure output of an executed notebook,
 * so that viewers that run no scripts still show the figures.
 *
 * @module
 */

/** A notebook as nbformat 4 JSON. */
// deno-lint-ignore no-explicit-any
export type NotebookJson = any;

/** Adds a static image to each Plotly output in `notebook` (placeholder). */
export function addStaticImages(notebook: NotebookJson): Promise<void> {
  void notebook;
  return Promise.resolve();
}
