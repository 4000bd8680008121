/**
 * The second thread of the matrix products (`_matmul.ts`): a worker with its
 * own instance of the product module on the same shared memory, which takes
 * one part of a product (a range of rows or of columns of the result, never
 * a range of the inner index, so each entry is still summed whole, in order,
 * by one thread) while the main thread computes the other.
 *
 * {@link serveProducts} is the worker's whole program. `_matmul.ts` starts
 * the worker from its source text (a `data:` URL), which needs no file or
 * network permission and works however the library itself was loaded; so
 * the function must not use anything from this module or any other, only
 * its arguments and globals.
 *
 * Not part of the public API.
 *
 * @module
 */

/** Slots of the Int32Array that the main thread and the worker share. */
export const SLOTS = {
  /**
   * The number of the latest part offered to the worker; 0 before the first.
   * After a change of memory, a number already marked taken wakes the worker.
   */
  JOB: 0,
  /** The number of the latest part taken, by either thread (compare-exchange from JOB - 1). */
  CLAIMED: 1,
  /** The number of the latest part the worker has finished. */
  DONE: 2,
  /** The number of the latest part the worker failed to compute. */
  FAILED: 3,
  /** Which memory the offered parts are in (it changes when the main thread gives memory back). */
  EPOCH: 4,
  /** Which memory the worker's instance uses. */
  WORKER_EPOCH: 5,
  /** How many parts the worker has computed. */
  WORKER_PARTS: 6,
  /** Sixteen slots: the arguments of `gemmPart` for the offered part. */
  ARGUMENTS: 8,
  /** The slots in all. */
  LENGTH: 24,
} as const;

/** What the worker is started with (its `workerData`). */
export interface WorkerStart {
  /** The compiled product module, the same as the main thread's. */
  module: WebAssembly.Module;
  /** The shared memory, and its epoch (see {@link SLOTS}). */
  memory: WebAssembly.Memory;
  epoch: number;
  /** The shared slots. */
  control: SharedArrayBuffer;
  slots: typeof SLOTS;
  /** How long to keep looking for the next part before sleeping, in milliseconds. */
  spinMs: number;
}

/** A later memory, sent when the main thread has replaced its own. */
export interface WorkerMemory {
  memory: WebAssembly.Memory;
  epoch: number;
}

/** The part of `node:worker_threads`' `parentPort` the worker uses. */
export interface WorkerPort {
  on(event: "message", listener: (message: WorkerMemory) => void): void;
}

type GemmPart = (...args: number[]) => void;

/**
 * Waits for parts and computes them, until the process ends. Parts are
 * offered through `start.control`; a new memory arrives as a message, so
 * when the epoch changes the loop returns to the event loop to receive it.
 */
export function serveProducts(start: WorkerStart, port: WorkerPort): void {
  const { JOB, CLAIMED, DONE, FAILED, EPOCH, WORKER_EPOCH, WORKER_PARTS, ARGUMENTS } = start.slots;
  const control = new Int32Array(start.control);
  let gemmPart: GemmPart = () => {};
  let epoch = -1;

  function load(memory: WebAssembly.Memory, next: number): void {
    const instance = new WebAssembly.Instance(start.module, { env: { memory } });
    gemmPart = instance.exports.gemmPart as GemmPart;
    epoch = next;
    Atomics.store(control, WORKER_EPOCH, epoch);
  }

  function compute(job: number): void {
    try {
      const args: number[] = [];
      for (let i = 0; i < 16; i++) args.push(control[ARGUMENTS + i]);
      gemmPart(...args);
      Atomics.add(control, WORKER_PARTS, 1);
    } catch {
      // The main thread computes the part again itself.
      Atomics.store(control, FAILED, job);
    }
    Atomics.store(control, DONE, job);
    Atomics.notify(control, DONE);
  }

  function serve(): void {
    for (;;) {
      // JOB before EPOCH: a part offered after a change of memory is seen
      // together with the new epoch.
      const job = Atomics.load(control, JOB);
      if (Atomics.load(control, EPOCH) !== epoch) return;
      if (job > 0 && Atomics.compareExchange(control, CLAIMED, job - 1, job) === job - 1) {
        compute(job);
      }
      // Products often come in runs (a training step has several), and
      // waking from Atomics.wait takes tens of microseconds: look for the
      // next part for a while before sleeping.
      const until = performance.now() + start.spinMs;
      for (let turn = 0; Atomics.load(control, JOB) === job; turn++) {
        if ((turn & 255) === 255 && performance.now() > until) {
          Atomics.wait(control, JOB, job);
          break;
        }
      }
    }
  }

  port.on("message", (message) => {
    load(message.memory, message.epoch);
    serve();
  });
  load(start.memory, start.epoch);
  serve();
}
