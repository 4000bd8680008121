/**
 * A worker that imports one JSON module by specifier, which makes Deno fetch
 * the npm package it belongs to, then reports the outcome through the shared
 * slots (see `_npm_file.ts`). Not part of the public API.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { DONE, FAILED, MESSAGE_BYTES, MESSAGE_LENGTH, STATE } from "./_npm_file.ts";

interface Request {
  specifier: string;
  shared: SharedArrayBuffer;
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const { specifier, shared } = event.data;
  const slots = new Int32Array(shared, 0, 2);
  try {
    await import(specifier, { with: { type: "json" } });
    Atomics.store(slots, STATE, DONE);
  } catch (error) {
    const text = new TextEncoder().encode(error instanceof Error ? error.message : String(error));
    const length = Math.min(text.length, MESSAGE_BYTES);
    new Uint8Array(shared, 8, MESSAGE_BYTES).set(text.subarray(0, length));
    Atomics.store(slots, MESSAGE_LENGTH, length);
    Atomics.store(slots, STATE, FAILED);
  }
  Atomics.notify(slots, STATE);
};
