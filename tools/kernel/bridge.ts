/**
 * What the course's kernel does between a Jupyter front end and Deno's kernel,
 * as a state machine with no sockets (the proxy feeds it messages and carries
 * out what it sends).
 *
 * Deno's kernel (2.9.6) publishes a cell's output from a queue that it does
 * not wait for before `execute_reply` and `idle`, and addresses each queued
 * message to whatever request is current when it leaves. The bridge passes
 * one shell request at a time to the kernel. When a cell's `execute_reply`
 * arrives it holds it and sends a silent barrier request whose code
 * broadcasts a marker through that same queue. Every output that comes before
 * the marker is the cell's, and goes to the front end addressed to the
 * cell's request; then the front end gets the held reply and the `idle`
 * status. The barrier's own messages never reach the front end.
 *
 * @module
 */
import { Message, type Signer } from "./wire.ts";

/** The message type the barrier broadcasts; front ends never see it. */
export const BARRIER_TYPE = "nn_from_scratch_barrier";

/** What the bridge sends; the proxy writes it to the sockets. */
export interface Outlets<P> {
  toKernelShell(message: Message): void;
  toKernelControl(message: Message): void;
  toKernelStdin(message: Message): void;
  /** A reply on a front end's shell, control or stdin connection. */
  toClient(peer: P, message: Message): void;
  /** An input request for the front end that sent request `to`. */
  toClientStdin(to: P, message: Message): void;
  /** An IOPub message for every front end. */
  publish(message: Message): void;
}

/** Options of {@link Bridge}. */
export interface BridgeOptions {
  /**
   * How long a barrier may wait for its marker after the kernel has answered
   * it with nothing else arriving, before the cell is ended without it (the
   * marker never comes if a cell broke `Deno.jupyter.broadcast`).
   */
  markerQuietMs?: number;
  /** Told of what goes wrong on the way (a marker that never came), for a log. */
  note?: (text: string) => void;
  /**
   * What is wrong with the code of a cell that failed without a word (Deno's
   * kernel says only "Execution failed" of a syntax error), or undefined.
   */
  diagnose?: (code: string) => Promise<string | undefined>;
}

interface Request<P> {
  peer: P;
  message: Message;
  execute: boolean;
}

interface Barrier {
  id: string;
  marker: string;
  replied: boolean;
  seen: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Serialises shell requests and keeps each cell's output in that cell.
 *
 * @example
 * ```ts
 * import { Bridge } from "./bridge.ts";
 * import { Signer } from "./wire.ts";
 * const sent: string[] = [];
 * const bridge = new Bridge<string>(new Signer("hmac-sha256", "key"), {
 *   toKernelShell: (m) => sent.push(`kernel: ${m.type}`),
 *   toKernelControl: () => {},
 *   toKernelStdin: () => {},
 *   toClient: (peer, m) => sent.push(`${peer}: ${m.type}`),
 *   toClientStdin: () => {},
 *   publish: (m) => sent.push(`iopub: ${m.type}`),
 * });
 * bridge.kernelReady("kernel-session");
 * ```
 */
export class Bridge<P> {
  #signer: Signer;
  #out: Outlets<P>;
  #markerQuietMs: number;
  #note: (text: string) => void;
  #diagnose: (code: string) => Promise<string | undefined>;
  #queue: Request<P>[] = [];
  #active: Request<P> | undefined;
  /** The cell's reply, held until its output is all out. */
  #heldReply: Message | undefined;
  /**
   * The cell's error, which the kernel publishes at once while the lines
   * logged before the throw may still be queued: it goes out after them.
   */
  #heldErrors: Message[] = [];
  /** Whether the running cell has shown an error, and whether it was interrupted. */
  #cellShowedError = false;
  #cellInterrupted = false;
  #barrier: Barrier | undefined;
  /** The execute request that output goes to: the running one, else the last one. */
  #owner: Request<P> | undefined;
  /** The front end of each control request and non-execute shell request, by msg_id, until answered. */
  #routes = new Map<string, P>();
  /** Requests the proxy sent itself, whose replies go nowhere. */
  #own = new Set<string>();
  #ready = false;
  #session = "";

  constructor(signer: Signer, outlets: Outlets<P>, options: BridgeOptions = {}) {
    this.#signer = signer;
    this.#out = outlets;
    this.#markerQuietMs = options.markerQuietMs ?? 5_000;
    this.#note = options.note ?? (() => {});
    this.#diagnose = options.diagnose ?? (() => Promise.resolve(undefined));
  }

  /** The kernel is connected and publishing: requests start going through. */
  kernelReady(session: string): void {
    this.#session = session;
    this.#ready = true;
    this.#next();
  }

  /** Whether a request is running or waiting. */
  get busy(): boolean {
    return this.#active !== undefined || this.#queue.length > 0;
  }

  /** A request the proxy makes itself (its reply and output are dropped). */
  sendOwn(channel: "shell" | "control", type: string, content: unknown): void {
    const message = Message.create(this.#signer, type, content, {}, this.#session || "proxy");
    this.#own.add(message.id);
    if (channel === "shell") this.#out.toKernelShell(message);
    else this.#out.toKernelControl(message);
  }

  fromClientShell(peer: P, message: Message): void {
    if (!message.verify(this.#signer)) return;
    this.#queue.push({ peer, message, execute: message.type === "execute_request" });
    this.#next();
  }

  fromClientControl(peer: P, message: Message): void {
    if (!message.verify(this.#signer)) return;
    if (message.type === "interrupt_request") this.#cellInterrupted = true;
    this.#routes.set(message.id, peer);
    this.#out.toKernelControl(message);
  }

  fromClientStdin(_peer: P, message: Message): void {
    if (!message.verify(this.#signer)) return;
    this.#out.toKernelStdin(message);
  }

  fromKernelShell(message: Message): void {
    const parent = message.parentId;
    if (parent === undefined || this.#own.delete(parent)) return;
    if (this.#barrier !== undefined && parent === this.#barrier.id) {
      this.#barrier.replied = true;
      this.#waitForMarker();
      return;
    }
    const active = this.#active;
    if (active?.execute && parent === active.message.id) {
      this.#heldReply = message;
      this.#startBarrier();
      return;
    }
    // A request other than a cell's may already be over (its idle status can
    // overtake its reply), so replies find their front end by the request.
    const peer = this.#routes.get(parent);
    if (peer !== undefined) {
      this.#routes.delete(parent);
      this.#out.toClient(peer, message);
    }
  }

  fromKernelControl(message: Message): void {
    const parent = message.parentId;
    if (parent === undefined || this.#own.delete(parent)) return;
    const peer = this.#routes.get(parent);
    if (peer === undefined) return;
    this.#routes.delete(parent);
    this.#out.toClient(peer, message);
  }

  fromKernelStdin(message: Message): void {
    const to = this.#owner?.peer;
    if (to !== undefined) this.#out.toClientStdin(to, message);
  }

  fromKernelIopub(message: Message): void {
    const type = message.type;
    const parent = message.parentId;
    const barrier = this.#barrier;
    if (barrier?.timer !== undefined) this.#waitForMarker();
    if (type === "status") {
      // The bridge announces busy and idle itself; a non-execute request is
      // over when the kernel says idle for it.
      const active = this.#active;
      if (
        active !== undefined && !active.execute && parent === active.message.id &&
        message.content<{ execution_state?: string }>().execution_state === "idle"
      ) {
        this.#finish();
      }
      return;
    }
    if (type === BARRIER_TYPE) {
      if (
        barrier !== undefined && message.content<{ marker?: string }>().marker === barrier.marker
      ) {
        barrier.seen = true;
        this.#endCellIfDone();
      }
      return;
    }
    if (barrier !== undefined && parent === barrier.id && type === "execute_input") return;
    if (parent !== undefined && this.#own.has(parent)) return;
    const active = this.#active;
    if (type === "error" && active?.execute && parent === active.message.id) {
      this.#heldErrors.push(message);
      return;
    }
    if (type === "error") this.#cellShowedError = true;
    const owner = this.#owner;
    if (owner === undefined || parent === owner.message.id) {
      this.#out.publish(message);
    } else {
      this.#out.publish(message.withParent(this.#signer, owner.message.headerBytes));
    }
  }

  /** Asks the kernel to interrupt the running cell (for a SIGINT the proxy gets). */
  interrupt(): void {
    this.#cellInterrupted = true;
    this.sendOwn("control", "interrupt_request", {});
  }

  #next(): void {
    if (!this.#ready || this.#active !== undefined) return;
    const request = this.#queue.shift();
    if (request === undefined) return;
    this.#active = request;
    if (!request.execute) this.#routes.set(request.message.id, request.peer);
    if (request.execute) {
      this.#owner = request;
      this.#cellShowedError = false;
      this.#cellInterrupted = false;
    }
    this.#status("busy", request.message.headerBytes);
    this.#out.toKernelShell(request.message);
  }

  #startBarrier(): void {
    const marker = crypto.randomUUID();
    const code = `try { Deno.jupyter.broadcast(${JSON.stringify(BARRIER_TYPE)}, ` +
      `{ marker: ${JSON.stringify(marker)} }); } catch { /* the cell ends without it */ }`;
    const message = Message.create(
      this.#signer,
      "execute_request",
      {
        code,
        silent: true,
        store_history: false,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: false,
      },
      {},
      this.#session || "proxy",
    );
    this.#barrier = { id: message.id, marker, replied: false, seen: false };
    this.#out.toKernelShell(message);
  }

  /** (Re)starts the wait for the marker once the barrier has been answered. */
  #waitForMarker(): void {
    const barrier = this.#barrier;
    if (barrier === undefined || !barrier.replied) return;
    if (barrier.timer !== undefined) clearTimeout(barrier.timer);
    barrier.timer = undefined;
    if (this.#endCellIfDone()) return;
    barrier.timer = setTimeout(() => {
      this.#note(
        `no marker ${this.#markerQuietMs} ms after the barrier's reply; the cell ends without it`,
      );
      barrier.seen = true;
      this.#endCellIfDone();
    }, this.#markerQuietMs);
  }

  #endCellIfDone(): boolean {
    const barrier = this.#barrier;
    if (barrier === undefined || !barrier.replied || !barrier.seen) return false;
    if (barrier.timer !== undefined) clearTimeout(barrier.timer);
    this.#barrier = undefined;
    const active = this.#active!;
    const reply = this.#heldReply!;
    this.#heldReply = undefined;
    const errors = this.#heldErrors;
    this.#heldErrors = [];
    const end = () => {
      for (const error of errors) this.#out.publish(error);
      this.#out.toClient(active.peer, reply);
      this.#finish();
    };
    const silent = errors.length === 0 && !this.#cellShowedError &&
      reply.content<{ status?: string }>().status === "error";
    if (silent) this.#explainFailure(active, reply).then(end, end);
    else end();
    return true;
  }

  /**
   * A cell that failed without an error output (Deno's kernel sends none when
   * an interrupt stops it, or for a syntax error) gets one, as other kernels
   * show.
   */
  async #explainFailure(active: Request<P>, reply: Message): Promise<void> {
    const content = reply.content<{ ename?: string; evalue?: string }>();
    let error = { ename: content.ename || "Error", evalue: content.evalue || "the cell failed" };
    if (this.#cellInterrupted) {
      error = { ename: "Interrupted", evalue: "the cell was stopped by Kernel → Interrupt" };
    } else {
      const code = active.message.content<{ code?: string }>().code ?? "";
      const problem = await this.#diagnose(code).catch(() => undefined);
      if (problem !== undefined) error = { ename: "SyntaxError", evalue: problem };
    }
    this.#out.publish(
      Message.create(
        this.#signer,
        "error",
        { ...error, traceback: [`${error.ename}: ${error.evalue}`] },
        active.message.headerBytes,
        this.#session || "proxy",
      ),
    );
  }

  #finish(): void {
    const active = this.#active!;
    this.#active = undefined;
    this.#status("idle", active.message.headerBytes);
    this.#next();
  }

  #status(state: "busy" | "idle", parent: Uint8Array): void {
    this.#out.publish(
      Message.create(
        this.#signer,
        "status",
        { execution_state: state },
        parent,
        this.#session || "proxy",
      ),
    );
  }
}
