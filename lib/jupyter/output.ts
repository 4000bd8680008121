/**
 * Output to the notebook cell, inside Deno's Jupyter kernel: `print` and the
 * warnings write the cell's streams, figures display MIME bundles. Outside
 * the kernel these return false and the caller writes to the console.
 *
 * Which cell an output lands in is the kernel's business: the course's
 * kernel (tools/kernel/) puts everything a cell prints in that cell.
 *
 * @module
 */

/** What `Deno.jupyter` offers inside the kernel, as far as it is used here. */
interface JupyterApi {
  broadcast(messageType: string, content: Record<string, unknown>): unknown;
}

/** `Deno.jupyter` inside the kernel; elsewhere Deno's getter throws. */
function jupyterApi(): JupyterApi | undefined {
  try {
    const api = (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
    return typeof api?.broadcast === "function" ? api : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes `text` to the cell's `stdout` or `stderr`. Returns false outside the
 * Jupyter kernel, where the caller writes to the console instead.
 */
export function writeToCell(stream: "stdout" | "stderr", text: string): boolean {
  const jupyter = jupyterApi();
  if (jupyter === undefined) return false;
  jupyter.broadcast("stream", { name: stream, text });
  return true;
}

/**
 * Shows a MIME bundle in the cell (`display_data`), or replaces an earlier
 * one shown under the same `displayId` when `update` is true. Returns false
 * outside the Jupyter kernel.
 */
export function displayInCell(
  bundle: object,
  options: { displayId?: string; update?: boolean } = {},
): boolean {
  const jupyter = jupyterApi();
  if (jupyter === undefined) return false;
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  const type = options.update === true ? "update_display_data" : "display_data";
  jupyter.broadcast(type, { data: bundle, metadata: {}, transient });
  return true;
}
