// e^x on WebAssembly SIMD (tools/wasm/exp.wat), two doubles at a time, for
// ufuncs.ts. A result is kept only when Ziv's test proves it correctly
// rounded; the rest (about one in 500, and |x| >= 708 or nan) go to
// Math.exp. The module needs a fused multiply-add, which the loader checks;
// without one, or without WebAssembly SIMD, expInto uses Math.exp throughout.
import { EXP_WASM_BASE64 } from "./_exp_wasm.ts";
import { bytesFromBase64, isFused } from "./_wasm.ts";
import { whenIdle } from "./_idle.ts";

interface ExpModule {
  memory: WebAssembly.Memory;
  exp(ptr: number, count: number, fail: number): number;
  madd(a: number, b: number, c: number): number;
  nmadd(a: number, b: number, c: number): number;
}

// From this many elements the module beats calling Math.exp per element:
// 0.17 us against 0.25 us at 32 elements, 0.10 against 0.06 us at 8
// (tools/bench/exp.bench.ts).
const WASM_EXP_FROM = 32;

// The module's one page of memory: the table of 2^(j/128) in the first 2 KB,
// then a chunk of CHUNK doubles (one spare, for an odd count) and the list of
// failed indices. A chunk this size stays in the first-level cache.
const CHUNK = 4096;
const CHUNK_AT = 2048;
const FAIL_AT = CHUNK_AT + (CHUNK + 2) * 8;

let module: ExpModule | null | undefined;
// Ready before the first exp of a cell needs it.
whenIdle(() => module ??= load());

/** For tests: `enabled = false` makes `expInto` use `Math.exp` throughout, as where WebAssembly is unusable. */
export const expWasm = { enabled: true };
let chunk: Float64Array<ArrayBufferLike> = new Float64Array(0);
let fails: Int32Array<ArrayBufferLike> = new Int32Array(0);

function load(): ExpModule | null {
  try {
    if (typeof WebAssembly !== "object") return null;
    const compiled = new WebAssembly.Module(bytesFromBase64(EXP_WASM_BASE64));
    const exports = new WebAssembly.Instance(compiled, {}).exports as unknown as ExpModule;
    // nmadd(a, b, c) = c - a * b, so -nmadd(a, b, -c) = a * b + c.
    if (!isFused(exports.madd) || !isFused((a, b, c) => -exports.nmadd(a, b, -c))) return null;
    chunk = new Float64Array(exports.memory.buffer, CHUNK_AT, CHUNK + 2);
    fails = new Int32Array(exports.memory.buffer, FAIL_AT, CHUNK + 2);
    return exports;
  } catch {
    // No WebAssembly SIMD or relaxed SIMD here.
    return null;
  }
}

/**
 * Writes e^x for every x in `from` into `out` (same length), correctly
 * rounded. Returns whether any result is nan or ±inf, which only inputs left
 * to `Math.exp` can give.
 */
export function expInto(from: Float64Array, out: Float64Array): boolean {
  const count = from.length;
  let nonFinite = false;
  // Loaded once: `load` gives null for good where the module is unusable.
  if (module === undefined && count >= WASM_EXP_FROM) module = load();
  const wasm = count < WASM_EXP_FROM || !expWasm.enabled ? null : module ?? null;
  if (wasm === null) {
    for (let i = 0; i < count; i++) {
      const value = Math.exp(from[i]);
      out[i] = value;
      if (value - value !== 0) nonFinite = true;
    }
    return nonFinite;
  }
  for (let start = 0; start < count; start += CHUNK) {
    const length = Math.min(CHUNK, count - start);
    chunk.set(from.subarray(start, start + length));
    chunk[length] = 0;
    const failed = wasm.exp(CHUNK_AT, length + (length & 1), FAIL_AT);
    out.set(chunk.subarray(0, length), start);
    for (let f = 0; f < failed; f++) {
      const i = fails[f];
      if (i >= length) continue; // the spare slot of an odd count
      const value = Math.exp(from[start + i]);
      out[start + i] = value;
      if (value - value !== 0) nonFinite = true;
    }
  }
  return nonFinite;
}
