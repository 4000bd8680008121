/**
 * Output that reaches the right notebook cell.
 *
 * Deno's Jupyter kernel evaluates a cell on one thread and publishes what the
 * cell prints from another: `console.log`, `Deno.jupyter.broadcast` and
 * `Deno.jupyter.display` all enqueue a message that the publishing thread
 * sends later, tagged with whatever request is current *when it is sent*.
 * The kernel announces the end of a cell (`execute_reply`, then the `idle`
 * status) without waiting for that queue to empty. On a busy machine, or
 * after a burst of lines, the queue is still full when the cell ends: a front
 * end drops what arrives after `idle`, and lines still queued when the next
 * cell starts are shown under that next cell. (README, "Output in the right
 * cell", has a minimal reproduction.)
 *
 * So inside the kernel the library publishes its own output and waits until
 * the kernel has really sent it. A worker thread subscribes to the kernel's
 * IOPub socket like any front end (ZMTP 3.0, NULL security, `SUB`), and the
 * library tags each message it publishes with a sequence number in the
 * message's metadata. `print` returns once the worker has seen that number
 * come back, so everything queued before it, the learner's own
 * `console.log` included, has been sent to every front end before the cell
 * can end.
 *
 * Outside the kernel (a script, a test) nothing of this runs: callers write
 * to the console as usual. When the kernel's connection file cannot be found
 * or the worker cannot subscribe, output is published without waiting, as the
 * kernel itself would.
 *
 * @module
 */

import { waitForSlot } from "./_wait.ts";

/** What `Deno.jupyter` offers inside the kernel, as far as it is used here. */
interface JupyterApi {
  broadcast(
    messageType: string,
    content: Record<string, unknown>,
    extra?: { metadata?: Record<string, unknown> },
  ): unknown;
}

/** Slots of the array shared with the worker. */
const STATE = 0;
const SEEN = 1;
const RICH_OUTPUTS = 2;
/** Values of the STATE slot. */
const STARTING = 0;
const SUBSCRIBED = 1;
const FAILED = 2;

/** How long one message may take to come back before waiting is given up. */
const PUBLISH_TIMEOUT_MS = 30_000;
/** How long the worker may take to connect and subscribe. */
const SUBSCRIBE_TIMEOUT_MS = 10_000;

/** The key under which a message's metadata carries its tag. */
export const TAG_KEY = "nn_from_scratch_sequence";

interface Channel {
  jupyter: JupyterApi;
  /** STATE and SEEN, written by the worker. */
  shared: Int32Array;
  /** This channel's tag prefix: one per loaded copy of the library. */
  session: string;
  sequence: number;
  /** The subscriber; undefined when it could not be started. */
  worker?: Worker;
  /**
   * Whether publishing waits for the worker: undefined until the first
   * message checks the subscription, false once waiting has failed (output
   * is then published unsynchronised, as the kernel itself would).
   */
  synchronised?: boolean;
}

/** undefined: not looked at yet; null: not inside a Jupyter kernel. */
let channel: Channel | null | undefined;

// Inside the kernel the worker starts subscribing as soon as the library is
// imported, so that the first line printed does not wait for it.
openChannel();

/**
 * Writes `text` to the cell's `stdout` or `stderr`. Returns false outside the
 * Jupyter kernel, where the caller writes to the console instead.
 */
export function writeToCell(stream: "stdout" | "stderr", text: string): boolean {
  const open = openChannel();
  if (open === null) return false;
  publish(open, "stream", { name: stream, text });
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
  const open = openChannel();
  if (open === null) return false;
  const transient = options.displayId === undefined ? {} : { display_id: options.displayId };
  const type = options.update === true ? "update_display_data" : "display_data";
  publish(open, type, { data: bundle, metadata: {}, transient });
  return true;
}

/** How many microtask turns `holdUntilShown` waits through, at most. */
const HOLD_TURNS = 8;
/** How long each of those turns may block, waiting for the output to go out. */
const HOLD_TURN_MS = 20;

/**
 * Called by a `Symbol.for("Jupyter.display")` hook: gives the kernel time to
 * send the value it is about to show before it can announce the cell's end.
 *
 * A cell's last value goes out as the kernel's own `execute_result`, which
 * it enqueues a few promise turns after the hook returns and which then races
 * the cell's `idle` status. So from the hook on, each microtask turn blocks
 * until the worker has seen a new rich output go out (or {@link HOLD_TURN_MS}
 * passes), and the chain stops at the first one seen. The first turns come
 * before the kernel enqueues the value and only wait; the turns after it end
 * as soon as the value is out, all before the kernel hears that the
 * evaluation finished. Outside the kernel, or unsynchronised, it does nothing.
 */
export function holdUntilShown(): void {
  const open = openChannel();
  if (open === null || open.synchronised === false || open.worker === undefined) return;
  open.synchronised ??= confirmSubscription(open);
  if (!open.synchronised) return;
  const before = Atomics.load(open.shared, RICH_OUTPUTS);
  let turns = 0;
  const turn = () => {
    const shown = waitForSlot(
      open.shared,
      RICH_OUTPUTS,
      (seen) => seen !== before,
      HOLD_TURN_MS,
      () => workerFailed(open.shared),
    );
    if (!shown && ++turns < HOLD_TURNS) queueMicrotask(turn);
  };
  queueMicrotask(turn);
}

/** Publishes one tagged message and, when synchronised, waits until it is out. */
function publish(open: Channel, type: string, content: Record<string, unknown>): void {
  open.synchronised ??= confirmSubscription(open);
  open.sequence += 1;
  const tag = `${open.session}:${open.sequence}`;
  open.jupyter.broadcast(type, content, { metadata: { [TAG_KEY]: tag } });
  if (!open.synchronised) return;
  if (!waitForSequence(open.shared, open.sequence, PUBLISH_TIMEOUT_MS)) {
    open.synchronised = false;
  }
}

/** Whether the worker has stopped for good. */
function workerFailed(shared: Int32Array): boolean {
  return Atomics.load(shared, STATE) === FAILED;
}

/** Blocks until the worker has seen `sequence` (true) or `timeoutMs` passes (false). */
function waitForSequence(shared: Int32Array, sequence: number, timeoutMs: number): boolean {
  return waitForSlot(
    shared,
    SEEN,
    (seen) => seen >= sequence,
    timeoutMs,
    () => workerFailed(shared),
  );
}

function openChannel(): Channel | null {
  if (channel !== undefined) return channel;
  channel = null;
  const jupyter = jupyterApi();
  if (jupyter === undefined) return channel;
  const session = crypto.randomUUID().slice(0, 8);
  const shared = new Int32Array(new SharedArrayBuffer(12));
  channel = { jupyter, shared, session, sequence: 0 };
  const connection = kernelConnection();
  if (connection === undefined) return channel;
  try {
    channel.worker = new Worker(new URL("./_iopub_worker.ts", import.meta.url), {
      type: "module",
    });
    channel.worker.postMessage({ ...connection, shared: shared.buffer, session });
  } catch {
    channel.worker = undefined;
  }
  return channel;
}

/**
 * Waits for the worker to subscribe, then checks with probe messages that it
 * receives what the kernel publishes. True when publishing can wait for it.
 */
function confirmSubscription(open: Channel): boolean {
  if (open.worker === undefined) return false;
  const deadline = performance.now() + SUBSCRIBE_TIMEOUT_MS;
  waitForSlot(open.shared, STATE, (state) => state !== STARTING, SUBSCRIBE_TIMEOUT_MS);
  if (Atomics.load(open.shared, STATE) === SUBSCRIBED) {
    // The kernel adds a subscriber only after reading its subscription,
    // which the worker cannot observe: probe until a tagged message comes
    // back. A `busy` status is what the kernel is while a cell runs, so
    // front ends take the probe as a no-op.
    for (let wait = 10; performance.now() < deadline; wait = Math.min(2 * wait, 200)) {
      open.sequence += 1;
      open.jupyter.broadcast("status", { execution_state: "busy" }, {
        metadata: { [TAG_KEY]: `${open.session}:${open.sequence}` },
      });
      if (waitForSequence(open.shared, open.sequence, wait)) return true;
    }
  }
  open.worker.terminate();
  open.worker = undefined;
  return false;
}

function jupyterApi(): JupyterApi | undefined {
  let api: JupyterApi | undefined;
  try {
    api = (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
  } catch {
    // Outside the kernel the getter may throw rather than return undefined.
    return undefined;
  }
  if (typeof api?.broadcast !== "function") return undefined;
  // `deno test` also defines Deno.jupyter; only the kernel has a connection.
  return kernelArguments() === undefined ? undefined : api;
}

/** The kernel's command line, `deno jupyter --kernel --conn <file>`, or undefined. */
function kernelArguments(): string[] | undefined {
  // Only with permissions already granted: never a prompt for a learner's script.
  let args: string[] | undefined;
  if (granted({ name: "read", path: "/proc/self/cmdline" })) {
    try {
      args = Deno.readTextFileSync("/proc/self/cmdline").split("\0");
    } catch {
      // not Linux
    }
  }
  if (args === undefined && granted({ name: "run", command: "ps" })) {
    try {
      const output = new Deno.Command("ps", { args: ["-o", "args=", "-p", String(Deno.pid)] })
        .outputSync();
      const line = new TextDecoder().decode(output.stdout).trim();
      // A connection file's path may hold spaces; it ends in ".json".
      const match = /^(.*?)\s--conn[=\s](.+\.json)\s*$/.exec(line);
      args = match === null ? line.split(/\s+/) : [...match[1].split(/\s+/), "--conn", match[2]];
    } catch {
      return undefined;
    }
  }
  if (args === undefined) return undefined;
  return args.includes("jupyter") && args.includes("--kernel") ? args : undefined;
}

function granted(permission: Deno.PermissionDescriptor): boolean {
  try {
    return Deno.permissions.querySync(permission).state === "granted";
  } catch {
    return false;
  }
}

/** Where the kernel's IOPub socket listens, from its connection file. */
function kernelConnection(): { ip: string; port: number } | undefined {
  const args = kernelArguments();
  if (args === undefined) return undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--conn") file = args[i + 1];
    else if (args[i].startsWith("--conn=")) file = args[i].slice("--conn=".length);
  }
  if (file === undefined) return undefined;
  try {
    const info = JSON.parse(Deno.readTextFileSync(file));
    if (info.transport !== undefined && info.transport !== "tcp") return undefined;
    const port = Number(info.iopub_port);
    if (!Number.isInteger(port) || port <= 0) return undefined;
    const ip = typeof info.ip === "string" && info.ip !== "0.0.0.0" ? info.ip : "127.0.0.1";
    return { ip, port };
  } catch {
    return undefined;
  }
}
