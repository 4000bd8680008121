// Matrix products on WebAssembly SIMD (tools/wasm/matmul.wat), for linalg.ts.
// Each entry is summed as linalg.ts's loop sums it (from +0.0, in index
// order, fused as NumPy's BLAS fuses), so the bits are the same; the module
// is used only once it has shown that its relaxed multiply-add is fused on
// this processor. Large products share their rows or columns with a worker
// (_matmul_worker.ts) on a shared memory, each entry still summed by one
// thread; the rest use an unshared memory, which V8 reads faster. Where any
// of this is unavailable, every function here returns undefined.
import { MATMUL_WASM_BASE64 } from "./_matmul_wasm.ts";
import { bytesFromBase64, isFused } from "./_wasm.ts";
import { whenIdle } from "./_idle.ts";
import { fusedMultiplyAdd } from "./_fma.ts";
import { serveProducts, SLOTS, type WorkerMemory, type WorkerStart } from "./_matmul_worker.ts";
import { Worker } from "node:worker_threads";

interface Kernels {
  gemmPart(
    a: number,
    b: number,
    c: number,
    n: number,
    k: number,
    m: number,
    pa: number,
    pb: number,
    row0: number,
    row1: number,
    col0: number,
    col1: number,
    aRow: number,
    aStep: number,
    bStep: number,
    bColumn: number,
  ): void;
  compact(c: number, n: number, m: number): void;
  row(x: number, b: number, out: number, k: number, m: number, fused: number): void;
  column(a: number, x: number, out: number, n: number, k: number): void;
  outer(x: number, y: number, out: number, n: number, m: number): void;
  madd(a: number, b: number, c: number): number;
}

// The kernel's blocking (see matmul.wat): packed A holds 120 rows x 256 steps.
const BLOCK_ROWS = 120;
const BLOCK_STEPS = 256;
// Operands past this many bytes stay with the JavaScript loop; the module's
// memory import declares the same maximum.
const LARGEST_MEMORY = 2 ** 31;
const MAXIMUM_PAGES = LARGEST_MEMORY / 65536;
// Memory past this size is given back after the product that needed it.
const KEPT_MEMORY = 2 ** 26;

// Two threads from this many multiply-adds (n * k * m) on. Handing a part
// to the worker, even one already awake, costs some 10 microseconds (it
// reads the operands from this core's cache, and its part of the result
// comes back the same way), so below this the second thread saves nothing. Measured on two cores, one thread
// against two: 64 x 64 x 64 (2^18) 1.0x, 64 x 64 x 128 (2^19) 1.2x,
// 80^3 1.3x, 128^3 1.45x, 256^3 1.65x, 512^3 1.8x; the MNIST step's
// 64 x 784 x 128 and 784 x 64 x 128 1.5x, its 64 x 128 x 10 products
// (2^16.3) 0.9x.
const TWO_THREADS_FROM = 2 ** 19;
// How long the worker keeps looking for the next part before it sleeps:
// waking from Atomics.wait takes tens of microseconds, by when this thread
// may have finished both halves itself. Products come in runs (a training
// step has several, a few hundred microseconds apart): in the MNIST step
// the worker took some 95% of its parts spinning 2 ms (2.8 ms a step), 88%
// not spinning (3.4 ms a step); 5 ms gained nothing more.
const WORKER_SPIN_MS = 2;
// How long this thread keeps looking for the worker's part to be done
// before it sleeps: the parts are sized to finish together, so the wait is
// short.
const MAIN_SPIN_MS = 1;
// Copying an entry of the result out costs about as much as this many
// multiply-adds (see workerShare).
const COPY_STEPS = 10;

/**
 * Internal switches, for the tests: `threads` 1 keeps every product on
 * this thread; `mainTakesWorkerPart` false makes this thread wait for the
 * worker to compute its part rather than compute it itself when the worker
 * has not started it yet (so a test knows which thread computed what).
 */
export const matmulThreads = { threads: 2, mainTakesWorkerPart: true };

/** An instance of the module, with its memory. */
class Engine {
  kernels!: Kernels;
  memory!: WebAssembly.Memory;
  heap: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /** Counts the memories made; the worker's instance must be on the latest. */
  epoch = 0;

  constructor(readonly module: WebAssembly.Module, readonly shared: boolean) {
    this.renew();
  }

  /** A fresh, small memory and an instance on it; the compiled code is shared. */
  renew(): void {
    this.memory = new WebAssembly.Memory({
      initial: 1,
      maximum: MAXIMUM_PAGES,
      shared: this.shared,
    });
    const instance = new WebAssembly.Instance(this.module, { env: { memory: this.memory } });
    this.kernels = instance.exports as unknown as Kernels;
    this.heap = new Float64Array(this.memory.buffer);
    this.epoch++;
    if (this.shared && team) moveWorker(team, this);
  }

  reserve(bytes: number): boolean {
    if (bytes > LARGEST_MEMORY) return false;
    const have = this.memory.buffer.byteLength;
    if (have < bytes) {
      this.memory.grow(Math.ceil((bytes - have) / 65536));
      // Growing detaches an unshared memory's buffer; a shared one's stays
      // at its old length. Either way, read it again.
      this.heap = new Float64Array(this.memory.buffer);
    }
    return true;
  }

  /** Gives back memory past KEPT_MEMORY. */
  release(): void {
    if (this.memory.buffer.byteLength > KEPT_MEMORY) this.renew();
  }

  result(offset: number, length: number): Float64Array {
    // new + set copies faster than slice here.
    const out = new Float64Array(length);
    out.set(this.heap.subarray(offset / 8, offset / 8 + length));
    return out;
  }
}

/** The worker and the slots shared with it (see _matmul_worker.ts). */
interface Team {
  worker: Worker;
  control: Int32Array;
  /** The number of the latest part offered. */
  job: number;
  /** Set when the worker has failed or exited. */
  lost: boolean;
}

/** Every product on one thread; undefined before the first, null where unusable. */
let single: Engine | null | undefined;
/** Products on two threads; undefined before the first, null where there are none. */
let shared: Engine | null | undefined;
let team: Team | null | undefined;
/** True while the kernels are being checked (on one thread). */
let checking = false;

/**
 * Sets the shared flag of the module's memory import in `bytes` (see
 * matmul.wat): the limits byte after `(import "env" "memory"` goes from 1
 * (has a maximum) to 3 (has a maximum, shared). False, and `bytes`
 * unchanged, if the import is not found.
 */
export function shareMemoryImport(bytes: Uint8Array): boolean {
  const name = (text: string) => [text.length, ...[...text].map((c) => c.charCodeAt(0))];
  // The two names, then kind 2 (a memory) and the limits flag 1.
  const entry = [...name("env"), ...name("memory"), 2, 1];
  // After the magic number and version, sections: id, size (LEB128), contents.
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0;; shift += 7) {
      const byte = bytes[at++];
      size += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    if (id === 2) {
      for (let i = at; i + entry.length <= at + size; i++) {
        if (entry.every((value, j) => bytes[i + j] === value)) {
          bytes[i + entry.length - 1] = 3;
          return true;
        }
      }
      return false;
    }
    at += size;
  }
  return false;
}

/**
 * The module compiled and instantiated, on a shared memory or not, checked
 * and warmed; null where unusable.
 */
function makeEngine(shareMemory: boolean): Engine | null {
  let engine: Engine;
  try {
    if (typeof WebAssembly !== "object") return null;
    // The memory import unshared, as assembled.
    const bytes = bytesFromBase64(MATMUL_WASM_BASE64);
    if (shareMemory && !shareMemoryImport(bytes)) return null;
    engine = new Engine(new WebAssembly.Module(bytes), shareMemory);
  } catch {
    // No WebAssembly SIMD or relaxed SIMD here, or no shared memory.
    return null;
  }
  return checkAndWarm(engine) ? engine : null;
}

/** The one-thread engine, made on first use; undefined where unusable. */
function available(): Engine | undefined {
  if (single === undefined) single = makeEngine(false);
  return single ?? undefined;
}

/**
 * The engine and worker for a product on two threads, made on the first
 * call; undefined while the product must stay on this thread (one thread
 * wanted, no shared memory or worker here, the worker lost, or not yet on
 * the current memory, as just after it starts or after the memory was
 * replaced).
 */
function twoThreads(): [Engine, Team] | undefined {
  if (matmulThreads.threads < 2 || checking) return undefined;
  // Until the first idle moment has made the worker (its start blocks this
  // thread for tens of milliseconds), a product runs on one thread.
  if (shared === undefined) return undefined;
  if (!shared || !team || team.lost) return undefined;
  return Atomics.load(team.control, SLOTS.WORKER_EPOCH) === shared.epoch
    ? [shared, team]
    : undefined;
}

/** The engine on shared memory and its worker, made once. */
function startTwoThreads(): void {
  if (shared !== undefined) return;
  shared = (globalThis.navigator?.hardwareConcurrency ?? 1) >= 2 ? makeEngine(true) : null;
  team = shared === null ? null : startWorker(shared);
}

// Both engines and the worker are made in the first idle moment after the
// library loads, so that no cell's first product pays for them.
whenIdle(() => {
  available();
  startTwoThreads();
});

/** Starts the worker, which then starts up in parallel with this thread. */
function startWorker(engine: Engine): Team | null {
  try {
    const control = new Int32Array(new SharedArrayBuffer(SLOTS.LENGTH * 4));
    control[SLOTS.EPOCH] = engine.epoch;
    control[SLOTS.WORKER_EPOCH] = -1;
    const start: WorkerStart = {
      module: engine.module,
      memory: engine.memory,
      epoch: engine.epoch,
      control: control.buffer as SharedArrayBuffer,
      slots: SLOTS,
      spinMs: WORKER_SPIN_MS,
    };
    // The worker's program is serveProducts' own source, run from a data:
    // URL: no file or network permission is needed, wherever the library
    // was loaded from.
    const source = `import { parentPort, workerData } from "node:worker_threads";\n` +
      `(${serveProducts})(workerData, parentPort);\n`;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
      workerData: start,
    });
    const started: Team = { worker, control, job: 0, lost: false };
    const lose = () => {
      started.lost = true;
    };
    worker.on("error", lose);
    worker.on("exit", lose);
    // A worker waiting for parts must not keep the process alive once the
    // script is done (nor count as a leak in a test).
    worker.unref();
    return started;
  } catch {
    return null;
  }
}

/** Sends the worker the engine's new memory, and wakes it to take it. */
function moveWorker(helper: Team, engine: Engine): void {
  if (helper.lost) return;
  try {
    helper.worker.postMessage(
      { memory: engine.memory, epoch: engine.epoch } satisfies WorkerMemory,
    );
  } catch {
    helper.lost = true;
    return;
  }
  // A part numbered past the last, marked taken, wakes the worker without
  // giving it anything to compute; it sees the new epoch and goes for the
  // message.
  const { control } = helper;
  const job = ++helper.job;
  Atomics.store(control, SLOTS.CLAIMED, job);
  Atomics.store(control, SLOTS.EPOCH, engine.epoch);
  Atomics.store(control, SLOTS.JOB, job);
  Atomics.notify(control, SLOTS.JOB);
}

/**
 * For the tests: starts the worker if need be and resolves true once it is
 * ready for parts, false where products stay on one thread.
 */
export async function workerReady(timeoutMs = 60_000): Promise<boolean> {
  if (available() === undefined) return false;
  startTwoThreads();
  const deadline = performance.now() + timeoutMs;
  while (shared && team && !team.lost && performance.now() < deadline) {
    if (Atomics.load(team.control, SLOTS.WORKER_EPOCH) === shared.epoch) return true;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}

/** For the tests: how many parts of products the worker has computed. */
export function workerParts(): number {
  return team ? Atomics.load(team.control, SLOTS.WORKER_PARTS) : 0;
}

/**
 * The worker's share of an n x m result, [row0, row1, col0, col1], or
 * undefined if the result is too small to split. The longer side is split,
 * so that the operand both threads pack in full is the smaller one, at a
 * multiple of 5 rows or 4 columns (the kernel's blocks). Split by rows,
 * this thread copies its own rows out while the worker computes, so it
 * takes fewer: copying an entry out (into a new array) costs about as much
 * as COPY_STEPS multiply-adds of its sum (1 ns against 0.1 ns, measured),
 * and the two threads finish together when this thread's rows are
 * n k / (2 k + COPY_STEPS).
 */
function workerShare(
  n: number,
  k: number,
  m: number,
): [number, number, number, number] | undefined {
  if (n >= m) {
    const cut = Math.round(n * k / (2 * k + COPY_STEPS) / 5) * 5;
    return cut > 0 && cut < n ? [cut, n, 0, m] : undefined;
  }
  const cut = Math.round(m / 8) * 4;
  return cut > 0 && cut < m ? [0, n, cut, m] : undefined;
}

/**
 * C = A B on two threads: offers the worker its share, computes the rest,
 * then waits for the worker, or computes the worker's share too if the
 * worker has not started it by then. Returns C.
 */
function gemmTwoThreads(
  engine: Engine,
  helper: Team,
  args: [number, number, number, number, number, number],
  strides: [number, number, number, number],
  share: [number, number, number, number],
  mainScratch: [number, number],
  workerScratch: [number, number],
): Float64Array {
  const wasm = engine.kernels;
  const [, , c, n, , m] = args;
  const [row0, row1, col0, col1] = share;
  const { control } = helper;
  const job = ++helper.job;
  const offered = [...args, ...workerScratch, ...share, ...strides];
  for (let i = 0; i < offered.length; i++) control[SLOTS.ARGUMENTS + i] = offered[i];
  Atomics.store(control, SLOTS.JOB, job);
  Atomics.notify(control, SLOTS.JOB);
  const takeOver = () => wasm.gemmPart(...args, ...mainScratch, row0, row1, col0, col1, ...strides);
  if (row0 > 0) {
    // The rows above the worker's: final once computed, so out they go
    // while the worker is still busy.
    wasm.gemmPart(...args, ...mainScratch, 0, row0, 0, m, ...strides);
    const out = new Float64Array(n * m);
    copyRows(engine.heap, c, m, out, 0, row0);
    waitForWorker(control, job, takeOver);
    copyRows(engine.heap, c, m, out, row0, n);
    return out;
  }
  // The columns left of the worker's.
  wasm.gemmPart(...args, ...mainScratch, 0, n, 0, col0, ...strides);
  waitForWorker(control, job, takeOver);
  wasm.compact(c, n, m);
  return engine.result(c, n * m);
}

/**
 * Returns once the worker has computed part `job`; if it has not started
 * it yet, takes the part back and computes it here (`takeOver`), as also
 * when the worker failed.
 */
function waitForWorker(control: Int32Array, job: number, takeOver: () => void): void {
  const patience = matmulThreads.mainTakesWorkerPart ? 0 : 60_000;
  const start = performance.now();
  for (;;) {
    const done = Atomics.load(control, SLOTS.DONE);
    if (done === job) {
      if (Atomics.load(control, SLOTS.FAILED) === job) takeOver();
      return;
    }
    const waited = performance.now() - start;
    if (
      waited >= patience && Atomics.load(control, SLOTS.CLAIMED) !== job &&
      Atomics.compareExchange(control, SLOTS.CLAIMED, job - 1, job) === job - 1
    ) {
      takeOver();
      return;
    }
    if (waited > MAIN_SPIN_MS) Atomics.wait(control, SLOTS.DONE, done, 10);
  }
}

/** Rows [from, to) of the result at byte c, its rows padded to a multiple of 4 entries, into out. */
function copyRows(
  heap: Float64Array<ArrayBufferLike>,
  c: number,
  m: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  const padded = (m + 3) & ~3;
  const first = c / 8;
  if (padded === m) {
    out.set(heap.subarray(first + from * m, first + to * m), from * m);
    return;
  }
  for (let i = from; i < to; i++) {
    out.set(heap.subarray(first + i * padded, first + i * padded + m), i * m);
  }
}

/**
 * A matrix operand read in place, wherever its elements lie: element
 * [i, j] is `data[offset + i * rowStride + j * columnStride]` (a transpose
 * has the strides swapped). A Float64Array is a row-major matrix.
 */
export interface StridedMatrix {
  data: Float64Array;
  offset: number;
  rowStride: number;
  columnStride: number;
}

/** A matrix operand: row-major values, or a strided view of them. */
export type Matrix = Float64Array | StridedMatrix;

/**
 * Copies a rows x columns matrix into `heap` from `at`, row-major: in one
 * block when it already is row-major, otherwise read under its strides a
 * row at a time (writing in order is what keeps this fast).
 */
function place(
  heap: Float64Array<ArrayBufferLike>,
  at: number,
  matrix: Matrix,
  rows: number,
  columns: number,
): void {
  if (matrix instanceof Float64Array) {
    heap.set(matrix, at);
    return;
  }
  const { data, offset, rowStride, columnStride } = matrix;
  if ((columnStride === 1 || columns === 1) && (rowStride === columns || rows === 1)) {
    heap.set(data.subarray(offset, offset + rows * columns), at);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const from = offset + i * rowStride;
    const to = at + i * columns;
    for (let j = 0; j < columns; j++) heap[to + j] = data[from + j * columnStride];
  }
}

/**
 * Where a matrix operand lies once in the heap: the element index of its
 * [0, 0] and its strides, in elements.
 */
interface Placed {
  first: number;
  rowStride: number;
  columnStride: number;
}

// The two operands' places, reused: a product is done with them before the
// next starts, and small products are common enough that two objects each
// would show.
const PLACED_A: Placed = { first: 0, rowStride: 0, columnStride: 0 };
const PLACED_B: Placed = { first: 0, rowStride: 0, columnStride: 0 };

/**
 * How many heap elements a rows x columns operand takes when placed by
 * {@link placeWithStrides}: the stretch of memory a strided operand spans,
 * kept as it is unless it is more than twice the matrix (a stepped slice).
 */
function placedLength(matrix: Matrix, rows: number, columns: number): number {
  if (matrix instanceof Float64Array) return rows * columns;
  const span = spanOf(matrix, rows, columns);
  return span[1] - span[0] <= 2 * rows * columns ? span[1] - span[0] : rows * columns;
}

/** The first and one past the last element a strided operand touches. */
function spanOf(matrix: StridedMatrix, rows: number, columns: number): [number, number] {
  const { offset, rowStride, columnStride } = matrix;
  const down = (rows - 1) * rowStride;
  const across = (columns - 1) * columnStride;
  return [
    offset + Math.min(0, down) + Math.min(0, across),
    offset + Math.max(0, down) + Math.max(0, across) + 1,
  ];
}

/**
 * Copies a rows x columns operand into `heap` from `at` for the product's
 * packing, which reads it under strides, and writes where it lies into
 * `into`: a strided operand keeps its layout (the stretch of memory it
 * spans, copied as one block), so a transpose costs no transposing copy;
 * one that spans more than twice its elements is gathered row-major
 * instead.
 */
function placeWithStrides(
  heap: Float64Array<ArrayBufferLike>,
  at: number,
  matrix: Matrix,
  rows: number,
  columns: number,
  into: Placed,
): Placed {
  into.first = at;
  into.rowStride = columns;
  into.columnStride = 1;
  if (matrix instanceof Float64Array) {
    heap.set(matrix, at);
    return into;
  }
  const [start, end] = spanOf(matrix, rows, columns);
  if (end - start > 2 * rows * columns) {
    place(heap, at, matrix, rows, columns);
    return into;
  }
  heap.set(matrix.data.subarray(start, end), at);
  // A stride along a dimension of length 1 is never stepped; 0 keeps
  // the packing's addresses in range.
  into.first = at + matrix.offset - start;
  into.rowStride = rows === 1 ? 0 : matrix.rowStride;
  into.columnStride = columns === 1 ? 0 : matrix.columnStride;
  return into;
}

/** A matrix as row-major values (a copy of a strided one). */
export function rowMajor(matrix: Matrix, rows: number, columns: number): Float64Array {
  if (matrix instanceof Float64Array) return matrix;
  const out = new Float64Array(rows * columns);
  place(out, 0, matrix, rows, columns);
  return out;
}

/**
 * `out[i, j] = sum over p of a[i, p] * b[p, j]` for a (n x k) and b (k x m),
 * row-major or strided, each entry summed from +0.0 in order p = 0, ...,
 * k-1, with fused multiply-adds or (`fused` false, for n = 1 only)
 * separately rounded products and sums. Undefined when the WebAssembly
 * kernels are unavailable, or for k = 0.
 */
export function multiplyMatricesWasm(
  a: Matrix,
  b: Matrix,
  n: number,
  k: number,
  m: number,
  fused: boolean,
): Float64Array | undefined {
  if (n === 0 || k === 0 || m === 0 || (!fused && n !== 1)) return undefined;
  const engine = available();
  if (engine === undefined) return undefined;
  if (n > 1 && m > 1 && n * k * m >= TWO_THREADS_FROM) {
    const share = workerShare(n, k, m);
    const pair = share && twoThreads();
    if (pair) return multiplyOn(pair[0], a, b, n, k, m, fused, pair[1], share);
  }
  return multiplyOn(engine, a, b, n, k, m, fused);
}

/** The product on `engine`, on two threads when given the worker and its share. */
function multiplyOn(
  engine: Engine,
  a: Matrix,
  b: Matrix,
  n: number,
  k: number,
  m: number,
  fused: boolean,
  helper?: Team,
  share?: [number, number, number, number],
): Float64Array | undefined {
  const wasm = engine.kernels;
  const offsetA = 64;
  let out: Float64Array;
  if (n === 1 || m === 1) {
    const offsetB = alignUp(offsetA + n * k * 8);
    const offsetC = alignUp(offsetB + k * m * 8);
    if (!engine.reserve(offsetC + n * m * 8)) return undefined;
    place(engine.heap, offsetA / 8, a, n, k);
    place(engine.heap, offsetB / 8, b, k, m);
    if (n === 1) wasm.row(offsetA, offsetB, offsetC, k, m, fused ? 1 : 0);
    else wasm.column(offsetA, offsetB, offsetC, n, k);
    out = engine.result(offsetC, n * m);
  } else {
    // Room for the operands as they lie, the result padded to whole 5 x 4
    // blocks, and the packed panels: a pair for each thread, each pair on
    // its own cache lines.
    const offsetB = alignUp(offsetA + placedLength(a, n, k) * 8);
    const offsetC = alignUp(offsetB + placedLength(b, k, m) * 8);
    const paddedColumns = (m + 3) & ~3;
    const paddedRows = Math.ceil(n / 5) * 5;
    const packedA = BLOCK_ROWS * BLOCK_STEPS * 8;
    const scratch = alignUp(packedA + BLOCK_STEPS * paddedColumns * 8, 64);
    const offsetPacked = alignUp(offsetC + paddedRows * paddedColumns * 8, 64);
    const threads = helper ? 2 : 1;
    if (!engine.reserve(offsetPacked + threads * scratch)) return undefined;
    const placedA = placeWithStrides(engine.heap, offsetA / 8, a, n, k, PLACED_A);
    const placedB = placeWithStrides(engine.heap, offsetB / 8, b, k, m, PLACED_B);
    const pa = offsetPacked;
    const pb = offsetPacked + packedA;
    if (helper && share) {
      out = gemmTwoThreads(
        engine,
        helper,
        [placedA.first * 8, placedB.first * 8, offsetC, n, k, m],
        [
          placedA.rowStride * 8,
          placedA.columnStride * 8,
          placedB.rowStride * 8,
          placedB.columnStride * 8,
        ],
        share,
        [pa, pb],
        [
          offsetPacked + scratch,
          offsetPacked + scratch + packedA,
        ],
      );
    } else {
      wasm.gemmPart(
        placedA.first * 8,
        placedB.first * 8,
        offsetC,
        n,
        k,
        m,
        pa,
        pb,
        0,
        n,
        0,
        m,
        placedA.rowStride * 8,
        placedA.columnStride * 8,
        placedB.rowStride * 8,
        placedB.columnStride * 8,
      );
      wasm.compact(offsetC, n, m);
      out = engine.result(offsetC, n * m);
    }
  }
  engine.release();
  return out;
}

/** `out[i, j] = x[i] * y[j]`; undefined when the kernels are unavailable. */
export function outerWasm(x: Float64Array, y: Float64Array): Float64Array | undefined {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return undefined;
  const engine = available();
  if (engine === undefined) return undefined;
  const offsetY = alignUp(64 + n * 8);
  const offsetOut = alignUp(offsetY + m * 8);
  if (!engine.reserve(offsetOut + n * m * 8)) return undefined;
  engine.heap.set(x, 8);
  engine.heap.set(y, offsetY / 8);
  engine.kernels.outer(64, offsetY, offsetOut, n, m);
  const out = engine.result(offsetOut, n * m);
  engine.release();
  return out;
}

const alignUp = (bytes: number, to = 16) => Math.ceil(bytes / to) * to;

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

function agreesWithReference(engine: Engine): boolean {
  for (const [n, k, m, fused] of CHECKED_SHAPES) {
    const a = checkOperand(n * k, n);
    const b = checkOperand(k * m, m);
    const got = multiplyOn(engine, a, b, n, k, m, fused);
    const expected = multiplyMatricesInOrder(a, b, n, k, m, fused);
    if (got === undefined || got.some((value, i) => !Object.is(value, expected[i]))) return false;
  }
  // Strided packing: a transposed A, and a B read backwards along both axes.
  const [n, k, m] = CHECKED_SHAPES[0];
  const a: StridedMatrix = {
    data: checkOperand(n * k, 3),
    offset: 0,
    rowStride: 1,
    columnStride: n,
  };
  const b: StridedMatrix = {
    data: checkOperand(k * m, 4),
    offset: k * m - 1,
    rowStride: -m,
    columnStride: -1,
  };
  const got = multiplyOn(engine, a, b, n, k, m, true);
  const expected = multiplyMatricesInOrder(rowMajor(a, n, k), rowMajor(b, k, m), n, k, m, true);
  return got !== undefined && got.every((value, i) => Object.is(value, expected[i]));
}

/**
 * Checks every kernel of `engine` against the reference on operands whose
 * fused and separately rounded results differ, before and after running
 * each kernel long enough for the engine to start compiling it fully
 * (WebAssembly functions move to optimised code only between calls). False
 * if any entry differs.
 */
function checkAndWarm(engine: Engine): boolean {
  checking = true;
  try {
    if (!isFused(engine.kernels.madd)) return false;
    if (!agreesWithReference(engine)) return false;
    const a = checkOperand(60 * 512, 1);
    const b = checkOperand(512 * 60, 2);
    for (let round = 0; round < 2; round++) {
      multiplyOn(engine, a, b, 60, 512, 60, true);
      multiplyOn(engine, a.subarray(0, 512), b, 1, 512, 60, true);
      multiplyOn(engine, a.subarray(0, 512), b, 1, 512, 60, false);
      multiplyOn(engine, a, b.subarray(0, 512), 60, 512, 1, true);
    }
    return agreesWithReference(engine);
  } finally {
    checking = false;
  }
}
