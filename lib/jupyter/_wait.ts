/**
 * Blocking on a worker thread's progress: the one Atomics wait loop that the
 * kernel output (output.ts) and the lazy npm fetch of the figures
 * (plot/_npm_file.ts) share. Not part of the public API.
 *
 * @module
 */

/**
 * Blocks until `shared[slot]` satisfies `done` (true), or `gaveUp()` says the
 * worker has failed, or `timeoutMs` passes (false). The wait wakes at least
 * every 100 ms, so a worker that fails without a notify is still noticed.
 */
export function waitForSlot(
  shared: Int32Array,
  slot: number,
  done: (value: number) => boolean,
  timeoutMs: number,
  gaveUp: () => boolean = () => false,
): boolean {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = Atomics.load(shared, slot);
    if (done(value)) return true;
    if (gaveUp()) return false;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(shared, slot, value, Math.min(left, 100));
  }
}
