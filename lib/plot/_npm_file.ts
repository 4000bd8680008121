/**
 * The local path of a file in an npm package, for code that must read it
 * synchronously (a figure's HTML is built in a synchronous call) but should
 * fetch the package only when first needed. A package not yet in Deno's
 * cache is fetched by a worker importing its `package.json` (checked
 * against the lockfile) while this thread waits.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** How long fetching a package may take before it is given up. */
const FETCH_TIMEOUT_MS = 120_000;
/** Room for the worker's error message, in bytes (after the two slots). */
export const MESSAGE_BYTES = 4096;

// Slots of the Int32Array shared with the worker, and the STATE values.
export const STATE = 0;
export const MESSAGE_LENGTH = 1;
const PENDING = 0;
export const DONE = 1;
export const FAILED = 2;

/**
 * The path of `file` in the npm package `packageSpecifier`
 * (`npm:name@version`), fetching the package into Deno's npm cache first
 * when it is not there yet. Blocks the calling thread while fetching.
 */
export function npmPackageFile(packageSpecifier: string, file: string): string {
  const specifier = `${packageSpecifier}/${file}`;
  let url = import.meta.resolve(specifier);
  // With a lockfile Deno resolves to the cache's path before the package is
  // in the cache, so the file itself is what says whether it was fetched.
  if (!url.startsWith("file:") || !isFile(url)) {
    fetchPackage(packageSpecifier);
    url = import.meta.resolve(specifier);
  }
  if (!url.startsWith("file:")) {
    throw new Error(
      `loading ${specifier}: the package was fetched but Deno still resolves the file to ${url}`,
    );
  }
  return fileURLToPath(url);
}

function isFile(url: string): boolean {
  try {
    return Deno.statSync(new URL(url)).isFile;
  } catch {
    return false;
  }
}

/**
 * Blocks until `shared[slot]` satisfies `done` (true) or `timeoutMs` passes
 * (false), waking at least every 100 ms.
 */
function waitForSlot(
  shared: Int32Array,
  slot: number,
  done: (value: number) => boolean,
  timeoutMs: number,
): boolean {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = Atomics.load(shared, slot);
    if (done(value)) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(shared, slot, value, Math.min(left, 100));
  }
}

/** Fetches the package by importing its manifest in a worker, and waits for it. */
function fetchPackage(packageSpecifier: string): void {
  const shared = new SharedArrayBuffer(8 + MESSAGE_BYTES);
  const slots = new Int32Array(shared, 0, 2);
  const worker = new Worker(new URL("./_npm_fetch_worker.ts", import.meta.url), {
    type: "module",
  });
  try {
    worker.postMessage({ specifier: `${packageSpecifier}/package.json`, shared });
    if (!waitForSlot(slots, STATE, (state) => state !== PENDING, FETCH_TIMEOUT_MS)) {
      throw new Error(
        `fetching ${packageSpecifier}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`,
      );
    }
    if (Atomics.load(slots, STATE) === FAILED) {
      const length = Atomics.load(slots, MESSAGE_LENGTH);
      const message = new TextDecoder().decode(new Uint8Array(shared, 8, length).slice());
      throw new Error(`fetching ${packageSpecifier} into Deno's npm cache failed: ${message}`);
    }
  } finally {
    worker.terminate();
  }
}
