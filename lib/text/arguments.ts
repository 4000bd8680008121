// The check every public function makes of its argument count: JavaScript
// drops arguments past those a function declares without a word, so
// `add(a, 1, 2)` would pass for `add(a, 1)`. At the bottom layer, so that
// every layer above uses the same one; lib/mod.ts does not export it.

/** An argument as an error message shows it: arrays by their shape, strings quoted. */
function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `[${value.map(shown).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const shape = (value as { shape?: unknown }).shape;
    if (Array.isArray(shape) && "dtype" in value) {
      return `array of shape ${shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(",")})`}`;
    }
    if (!ArrayBuffer.isView(value)) {
      try {
        const text = JSON.stringify(value);
        if (text !== undefined) return text;
      } catch {
        // A cyclic object: fall through to its plain name.
      }
    }
  }
  return String(value);
}

/**
 * Refuses arguments past the `count` a function or method takes
 * (`add(a, 1, 2)`), which JavaScript would otherwise drop without a word.
 * Trailing `undefined`s pass, as an optional argument passed on unset.
 * Called with `arguments` only once it is known to be longer than `count`.
 */
export function checkArgumentCount(
  args: ArrayLike<unknown>,
  count: number,
  operation: string,
): void {
  let last = args.length - 1;
  while (last >= count && args[last] === undefined) last--;
  if (last < count) return;
  const extra = Array.from({ length: last - count + 1 }, (_, i) => shown(args[count + i]));
  throw new TypeError(
    `${operation}: takes ${count === 0 ? "no" : `at most ${count}`} argument${
      count === 1 ? "" : "s"
    } but ${last + 1} were given (extra: ${extra.join(", ")})`,
  );
}
