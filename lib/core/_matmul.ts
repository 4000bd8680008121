// Matrix products on WebAssembly SIMD (tools/wasm/matmul.wat, carried as
// bytes by _matmul_wasm.ts), with the hardware's fused multiply-add.
// Not part of the public API: linalg.ts calls these for products large
// enough to pay for copying the operands in and the result out.
//
// Each entry is summed exactly as linalg.ts's loop sums it: from +0.0, in
// index order, fused (or, for vector @ matrix, product and sum rounded
// separately); the module vectorises across neighbouring entries only. Its
// `f64x2.relaxed_madd` is a single-rounding FMA only on processors that have
// one, so the module is used only after it has computed, through every
// kernel, products whose fused and unfused results differ, and got the
// fused ones. Where WebAssembly, SIMD or relaxed SIMD are missing, or the
// check fails, every function here returns undefined and linalg.ts keeps
// its own loop.
import { MATMUL_WASM_BASE64 } from "./_matmul_wasm.ts";
import { fusedMultiplyAdd } from "./_fma.ts";

interface Kernels {
  memory: WebAssembly.Memory;
  gemm(
    a: number,
    b: number,
    c: number,
    n: number,
    k: number,
    m: number,
    pa: number,
    pb: number,
  ): void;
  row(x: number, b: number, out: number, k: number, m: number, fused: number): void;
  column(a: number, x: number, out: number, n: number, k: number): void;
  outer(x: number, y: number, out: number, n: number, m: number): void;
  madd(a: number, b: number, c: number): number;
}

// The kernel's blocking (see matmul.wat): packed A holds 120 rows x 256 steps.
const BLOCK_ROWS = 120;
const BLOCK_STEPS = 256;
// Operands past this many bytes stay with the JavaScript loop.
const LARGEST_MEMORY = 2 ** 31;
// Memory past this size is given back after the product that needed it.
const KEPT_MEMORY = 2 ** 26;

let compiled: WebAssembly.Module | null | undefined;
let kernels: Kernels | undefined;
let heap: Float64Array<ArrayBufferLike> = new Float64Array(0);

function compile(): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly !== "object") return null;
    const text = atob(MATMUL_WASM_BASE64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new WebAssembly.Module(bytes);
  } catch {
    // No WebAssembly SIMD or relaxed SIMD here.
    return null;
  }
}

function instantiate(module: WebAssembly.Module): Kernels {
  const instance = new WebAssembly.Instance(module, {});
  const exports = instance.exports as unknown as Kernels;
  heap = new Float64Array(exports.memory.buffer);
  return exports;
}

/** The kernels, instantiated, checked and warmed on first use; undefined where unusable. */
function available(): Kernels | undefined {
  if (kernels !== undefined) return kernels;
  if (compiled === undefined) {
    compiled = compile();
    if (compiled !== null) {
      kernels = instantiate(compiled);
      if (!checkAndWarm()) {
        compiled = null;
        kernels = undefined;
      }
    }
    return kernels;
  }
  if (compiled === null) return undefined;
  kernels = instantiate(compiled);
  return kernels;
}

function reserve(bytes: number): boolean {
  if (bytes > LARGEST_MEMORY) return false;
  const memory = kernels!.memory;
  const have = memory.buffer.byteLength;
  if (have < bytes) {
    memory.grow(Math.ceil((bytes - have) / 65536));
    heap = new Float64Array(memory.buffer);
  }
  return true;
}

function release(): void {
  // A new instance starts with a small memory; the compiled code is shared.
  if (kernels!.memory.buffer.byteLength > KEPT_MEMORY) {
    kernels = undefined;
    heap = new Float64Array(0);
  }
}

const alignUp = (bytes: number) => (bytes + 15) & ~15;

function result(offset: number, length: number): Float64Array {
  // new + set copies faster than slice here.
  const out = new Float64Array(length);
  out.set(heap.subarray(offset / 8, offset / 8 + length));
  return out;
}

/**
 * `out[i, j] = sum over p of a[i, p] * b[p, j]` for row-major a (n x k) and
 * b (k x m), each entry summed from +0.0 in order p = 0, ..., k-1, with
 * fused multiply-adds or (`fused` false, for n = 1 only) separately rounded
 * products and sums. Undefined when the WebAssembly kernels are unavailable,
 * or for k = 0.
 */
export function multiplyMatricesWasm(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
  fused: boolean,
): Float64Array | undefined {
  if (n === 0 || k === 0 || m === 0 || (!fused && n !== 1)) return undefined;
  const wasm = available();
  if (wasm === undefined) return undefined;
  const offsetA = 64;
  const offsetB = alignUp(offsetA + n * k * 8);
  const offsetC = alignUp(offsetB + k * m * 8);
  let out: Float64Array;
  if (n === 1 || m === 1) {
    if (!reserve(offsetC + n * m * 8)) return undefined;
    heap.set(a, offsetA / 8);
    heap.set(b, offsetB / 8);
    if (n === 1) wasm.row(offsetA, offsetB, offsetC, k, m, fused ? 1 : 0);
    else wasm.column(offsetA, offsetB, offsetC, n, k);
    out = result(offsetC, n * m);
  } else {
    // Room for the result padded to whole 5 x 4 blocks, and the packed panels.
    const paddedColumns = (m + 3) & ~3;
    const paddedRows = Math.ceil(n / 5) * 5;
    const offsetPackedA = offsetC + paddedRows * paddedColumns * 8;
    const offsetPackedB = offsetPackedA + BLOCK_ROWS * BLOCK_STEPS * 8;
    if (!reserve(offsetPackedB + BLOCK_STEPS * paddedColumns * 8)) return undefined;
    heap.set(a, offsetA / 8);
    heap.set(b, offsetB / 8);
    wasm.gemm(offsetA, offsetB, offsetC, n, k, m, offsetPackedA, offsetPackedB);
    out = result(offsetC, n * m);
  }
  release();
  return out;
}

/** `out[i, j] = x[i] * y[j]`; undefined when the kernels are unavailable. */
export function outerWasm(x: Float64Array, y: Float64Array): Float64Array | undefined {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return undefined;
  const wasm = available();
  if (wasm === undefined) return undefined;
  const offsetY = alignUp(64 + n * 8);
  const offsetOut = alignUp(offsetY + m * 8);
  if (!reserve(offsetOut + n * m * 8)) return undefined;
  heap.set(x, 8);
  heap.set(y, offsetY / 8);
  wasm.outer(64, offsetY, offsetOut, n, m);
  const out = result(offsetOut, n * m);
  release();
  return out;
}

/**
 * The reference loop, and the fallback where WebAssembly is unavailable.
 * Row i of the result is built up one p at a time, so every entry still
 * adds its products in order p = 0, 1, ..., k-1, from +0.0, while the inner
 * loop runs along contiguous memory.
 */
export function multiplyMatricesInOrder(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
  fused: boolean,
): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let p = 0; p < k; p++) {
      const factor = a[i * k + p];
      const from = p * m;
      if (fused) {
        for (let j = 0; j < m; j++) {
          out[row + j] = fusedMultiplyAdd(factor, b[from + j], out[row + j]);
        }
      } else {
        for (let j = 0; j < m; j++) out[row + j] += factor * b[from + j];
      }
    }
  }
  return out;
}

/** Operands whose products lose bits when rounded: small integers times 1 + j 2^-30. */
function checkOperand(length: number, seed: number): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    values[i] = (((i * 7 + seed) % 5) - 2) * (1 + ((i * 13 + seed) % 9) * 2 ** -30);
  }
  return values;
}

/** Shapes that reach every kernel and both ends of the 5 x 4 blocks. */
const CHECKED_SHAPES: [number, number, number, boolean][] = [
  [13, 7, 9, true],
  [1, 37, 21, true],
  [1, 37, 21, false],
  [19, 33, 1, true],
];

function agreesWithReference(): boolean {
  for (const [n, k, m, fused] of CHECKED_SHAPES) {
    const a = checkOperand(n * k, n);
    const b = checkOperand(k * m, m);
    const got = multiplyMatricesWasm(a, b, n, k, m, fused);
    const expected = multiplyMatricesInOrder(a, b, n, k, m, fused);
    if (got === undefined || got.some((value, i) => !Object.is(value, expected[i]))) return false;
  }
  return true;
}

/**
 * Checks every kernel against the reference on operands whose fused and
 * separately rounded results differ, before and after running each kernel
 * long enough for the engine to start compiling it fully (WebAssembly
 * functions move to optimised code only between calls). False if any entry
 * differs.
 */
function checkAndWarm(): boolean {
  const wasm = kernels!;
  // The classic case: (1 + 2^-30)(1 - 2^-30) - 1 is -2^-60 fused, 0 unfused.
  if (wasm.madd(1 + 2 ** -30, 1 - 2 ** -30, -1) !== -(2 ** -60)) return false;
  if (!agreesWithReference()) return false;
  const a = checkOperand(60 * 512, 1);
  const b = checkOperand(512 * 60, 2);
  for (let round = 0; round < 2; round++) {
    multiplyMatricesWasm(a, b, 60, 512, 60, true);
    multiplyMatricesWasm(a.subarray(0, 512), b, 1, 512, 60, true);
    multiplyMatricesWasm(a.subarray(0, 512), b, 1, 512, 60, false);
    multiplyMatricesWasm(a, b.subarray(0, 512), 60, 512, 1, true);
  }
  return agreesWithReference();
}
