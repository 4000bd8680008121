/**
 * Work the library does once, in the first idle moment after it loads (in a
 * notebook, between the import cell and the next), so that no cell's first
 * call pays for it. Not part of the public API.
 *
 * @module
 */

/**
 * Runs `prepare` in the first idle moment after the library loads. The timer
 * does not keep a script alive.
 *
 * @example
 * ```ts
 * import { whenIdle } from "./_idle.ts";
 * whenIdle(() => console.log("ready"));
 * ```
 */
export function whenIdle(prepare: () => void): void {
  const timer = setTimeout(prepare, 0) as unknown as number;
  (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno?.unrefTimer?.(timer);
}
