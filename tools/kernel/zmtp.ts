/**
 * Just enough ZMTP 3.0 (ZeroMQ's wire protocol, NULL security) for a Jupyter
 * kernel and its client: the greeting, the READY handshake, multipart
 * messages, and ZMTP 3.0 subscriptions. Each TCP connection is one peer.
 *
 * @module
 */

const FLAG_MORE = 0x01;
const FLAG_LONG = 0x02;
const FLAG_COMMAND = 0x04;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The ZeroMQ socket types a Jupyter connection uses. */
export type SocketType = "ROUTER" | "DEALER" | "PUB" | "SUB" | "REP" | "REQ";

/** One frame as read: its bytes and its flags. */
interface Frame {
  body: Uint8Array;
  more: boolean;
  command: boolean;
}

/**
 * One ZMTP peer over one TCP connection: `receive()` reads whole multipart
 * messages, `send()` queues one and writes queued messages together.
 *
 * @example
 * ```ts
 * import { Peer } from "./zmtp.ts";
 * const conn = await Deno.connect({ hostname: "127.0.0.1", port: 5555 });
 * const peer = await Peer.open(conn, "DEALER");
 * peer.send([new TextEncoder().encode("hello")]);
 * console.log(await peer.receive());
 * ```
 */
export class Peer {
  /** The peer's `Identity` property from its READY command ("" when none). */
  identity = "";
  /** The subscriptions a SUB peer asked for (prefixes of the first frame). */
  readonly subscriptions: Uint8Array[] = [];
  #conn: Deno.Conn;
  #reader: FrameReader;
  #queued: Uint8Array[] = [];
  #queuedBytes = 0;
  #writing: Promise<void> | undefined;
  #closed = false;

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
    this.#reader = new FrameReader(conn);
  }

  /** Greets and handshakes over `conn` as a socket of type `type`. */
  static async open(conn: Deno.Conn, type: SocketType, identity = ""): Promise<Peer> {
    try {
      (conn as Deno.TcpConn).setNoDelay(true);
    } catch {
      // not TCP
    }
    const peer = new Peer(conn);
    await writeAll(conn, greeting());
    const theirs = await peer.#reader.exact(64);
    if (theirs[0] !== 0xff || theirs[9] !== 0x7f || theirs[10] < 3) {
      conn.close();
      throw new Error("zmtp: the peer does not speak ZMTP 3");
    }
    const properties: [string, string][] = [["Socket-Type", type]];
    if (identity !== "") properties.push(["Identity", identity]);
    await writeAll(conn, frameBytes(readyCommand(properties), false, true));
    const ready = await peer.#reader.frame();
    if (!ready.command) {
      conn.close();
      throw new Error("zmtp: the peer sent no READY command");
    }
    peer.identity = readyProperties(ready.body).get("Identity") ?? "";
    return peer;
  }

  /**
   * The next multipart message, or null once the connection is closed.
   * ZMTP 3.0 subscriptions (a message whose first byte is 1 or 0) and 3.1
   * SUBSCRIBE/CANCEL commands update {@link subscriptions} and are not returned.
   */
  async receive(): Promise<Uint8Array[] | null> {
    const parts: Uint8Array[] = [];
    try {
      for (;;) {
        const frame = await this.#reader.frame();
        if (frame.command) {
          this.#command(frame.body);
          continue;
        }
        parts.push(frame.body);
        if (frame.more) continue;
        return parts;
      }
    } catch {
      this.close();
      return null;
    }
  }

  /**
   * The next bytes of the stream as they come, outside any framing (for a
   * reader that checks the frames itself); null once the connection is closed.
   */
  async readChunk(): Promise<Uint8Array | null> {
    try {
      return await this.#reader.chunk();
    } catch {
      this.close();
      return null;
    }
  }

  /** Reads a message a SUB peer sends: a subscription; anything else is dropped. */
  async receiveSubscriptions(): Promise<void> {
    for (;;) {
      const message = await this.receive();
      if (message === null) return;
      const [first] = message;
      if (message.length !== 1 || first.length === 0) continue;
      if (first[0] === 1) this.subscriptions.push(first.slice(1));
      else if (first[0] === 0) this.#cancel(first.subarray(1));
    }
  }

  /** Whether a PUB socket sends `message` to this peer. */
  wants(message: Uint8Array[]): boolean {
    const first = message[0] ?? new Uint8Array();
    return this.subscriptions.some((prefix) =>
      prefix.length <= first.length && prefix.every((byte, i) => first[i] === byte)
    );
  }

  /** Queues a multipart message; queued messages go out in one write. */
  send(message: Uint8Array[]): void {
    if (this.#closed) return;
    const bytes = encodeMessage(message);
    this.#queued.push(bytes);
    this.#queuedBytes += bytes.length;
    this.#writing ??= this.#flush();
  }

  /** Resolves once everything queued so far has been written (or the peer is gone). */
  async drained(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queued = [];
    try {
      this.#conn.close();
    } catch {
      // already closed
    }
  }

  async #flush(): Promise<void> {
    try {
      while (this.#queued.length > 0 && !this.#closed) {
        const bytes = concat(this.#queued, this.#queuedBytes);
        this.#queued = [];
        this.#queuedBytes = 0;
        await writeAll(this.#conn, bytes);
      }
    } catch {
      this.close();
    } finally {
      this.#writing = undefined;
    }
  }

  #command(body: Uint8Array): void {
    const nameLength = body[0] ?? 0;
    const name = decoder.decode(body.subarray(1, 1 + nameLength));
    const rest = body.subarray(1 + nameLength);
    if (name === "SUBSCRIBE") this.subscriptions.push(rest.slice());
    else if (name === "CANCEL") this.#cancel(rest);
  }

  #cancel(prefix: Uint8Array): void {
    const at = this.subscriptions.findIndex((p) =>
      p.length === prefix.length && p.every((byte, i) => prefix[i] === byte)
    );
    if (at >= 0) this.subscriptions.splice(at, 1);
  }
}

/**
 * Accepts ZMTP peers of socket type `type` on `hostname:port`, calling
 * `onPeer` for each once its handshake is done.
 *
 * @example
 * ```ts
 * import { listen } from "./zmtp.ts";
 * const listener = listen("127.0.0.1", 5555, "REP", async (peer) => {
 *   for (let m = await peer.receive(); m !== null; m = await peer.receive()) peer.send(m);
 * });
 * listener.close();
 * ```
 */
export function listen(
  hostname: string,
  port: number,
  type: SocketType,
  onPeer: (peer: Peer) => void,
): Deno.Listener {
  const listener = Deno.listen({ hostname, port });
  (async () => {
    try {
      for await (const conn of listener) {
        Peer.open(conn, type).then(onPeer, () => {});
      }
    } catch {
      // the listener was closed
    }
  })();
  return listener;
}

/**
 * Connects to a ZMTP socket as type `type`, retrying while nothing listens
 * yet, for up to `timeoutMs`.
 *
 * @example
 * ```ts
 * import { connect } from "./zmtp.ts";
 * const peer = await connect("127.0.0.1", 5555, "DEALER", "my-identity", 5_000);
 * peer.close();
 * ```
 */
export async function connect(
  hostname: string,
  port: number,
  type: SocketType,
  identity: string,
  timeoutMs: number,
): Promise<Peer> {
  const deadline = performance.now() + timeoutMs;
  for (let wait = 5;; wait = Math.min(2 * wait, 100)) {
    try {
      const conn = await Deno.connect({ hostname, port });
      return await Peer.open(conn, type, identity);
    } catch (error) {
      if (performance.now() > deadline) {
        throw new Error(`zmtp: cannot connect to ${hostname}:${port}: ${error}`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** The 64-byte greeting: signature, version 3.0, mechanism NULL, not as-server. */
function greeting(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = 0xff;
  bytes[9] = 0x7f;
  bytes[10] = 3;
  bytes.set(encoder.encode("NULL"), 12);
  return bytes;
}

/** The body of a READY command with `properties`. */
function readyCommand(properties: [string, string][]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([5]), encoder.encode("READY")];
  for (const [name, value] of properties) {
    const nameBytes = encoder.encode(name);
    const valueBytes = encoder.encode(value);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, valueBytes.length);
    parts.push(new Uint8Array([nameBytes.length]), nameBytes, length, valueBytes);
  }
  return concat(parts, parts.reduce((n, p) => n + p.length, 0));
}

/** The properties of a READY command's body. */
function readyProperties(body: Uint8Array): Map<string, string> {
  const properties = new Map<string, string>();
  let at = 1 + body[0];
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  while (at + 1 <= body.length) {
    const nameLength = body[at];
    const name = decoder.decode(body.subarray(at + 1, at + 1 + nameLength));
    at += 1 + nameLength;
    if (at + 4 > body.length) break;
    const valueLength = view.getUint32(at);
    properties.set(name, decoder.decode(body.subarray(at + 4, at + 4 + valueLength)));
    at += 4 + valueLength;
  }
  return properties;
}

/** The largest frame believed: a longer one means the stream is garbled. */
const LARGEST_FRAME = 1 << 28;

/**
 * Reads the multipart message whose frames start at `at` in `bytes`: its
 * parts and where it ends; undefined when it does not end inside `bytes`;
 * "invalid" when a frame claims more than 256 MB.
 *
 * @example
 * ```ts
 * import { parseFrames } from "./zmtp.ts";
 * console.log(parseFrames(new Uint8Array([0, 2, 104, 105]), 0)); // one part, "hi", ending at 4
 * ```
 */
export function parseFrames(
  bytes: Uint8Array,
  at: number,
): { parts: Uint8Array[]; end: number } | undefined | "invalid" {
  const parts: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (;;) {
    if (at + 2 > bytes.length) return undefined;
    const flags = bytes[at];
    let size: number;
    if ((flags & FLAG_LONG) !== 0) {
      if (at + 9 > bytes.length) return undefined;
      size = Number(view.getBigUint64(at + 1));
      at += 9;
    } else {
      size = bytes[at + 1];
      at += 2;
    }
    if (size > LARGEST_FRAME || (flags & ~(FLAG_MORE | FLAG_LONG)) !== 0) return "invalid";
    if (at + size > bytes.length) return undefined;
    parts.push(bytes.slice(at, at + size));
    at += size;
    if ((flags & FLAG_MORE) === 0) return { parts, end: at };
  }
}

/**
 * A multipart message as it goes on the wire: one frame a part, each but the
 * last flagged MORE.
 *
 * @example
 * ```ts
 * import { encodeMessage } from "./zmtp.ts";
 * console.log(encodeMessage([new TextEncoder().encode("hi")])); // Uint8Array [0, 2, 104, 105]
 * ```
 */
export function encodeMessage(message: Uint8Array[]): Uint8Array {
  const frames = message.map((part, i) => frameBytes(part, i < message.length - 1, false));
  return concat(frames, frames.reduce((n, f) => n + f.length, 0));
}

/** One frame around `body`. */
function frameBytes(body: Uint8Array, more: boolean, command: boolean): Uint8Array {
  const long = body.length > 255;
  const head = long ? 9 : 2;
  const bytes = new Uint8Array(head + body.length);
  bytes[0] = (more ? FLAG_MORE : 0) | (long ? FLAG_LONG : 0) | (command ? FLAG_COMMAND : 0);
  if (long) new DataView(bytes.buffer).setBigUint64(1, BigInt(body.length));
  else bytes[1] = body.length;
  bytes.set(body, head);
  return bytes;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += await conn.write(bytes.subarray(written));
  }
}

/** Reads frames through a buffer, so that small frames cost no system call each. */
class FrameReader {
  #conn: Deno.Conn;
  #buffer = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  async frame(): Promise<Frame> {
    const flags = (await this.exact(1))[0];
    let size: number;
    if ((flags & FLAG_LONG) !== 0) {
      const length = await this.exact(8);
      size = Number(new DataView(length.buffer, length.byteOffset, 8).getBigUint64(0));
    } else {
      size = (await this.exact(1))[0];
    }
    const body = (await this.exact(size)).slice();
    return { body, more: (flags & FLAG_MORE) !== 0, command: (flags & FLAG_COMMAND) !== 0 };
  }

  /** The bytes buffered, or else the next ones read. */
  async chunk(): Promise<Uint8Array> {
    if (this.#end === this.#start) {
      this.#start = this.#end = 0;
      const count = await this.#conn.read(this.#buffer);
      if (count === null) throw new Error("zmtp: connection closed");
      this.#end = count;
    }
    const bytes = this.#buffer.slice(this.#start, this.#end);
    this.#start = this.#end;
    return bytes;
  }

  /** The next `size` bytes: a view that the next read may overwrite. */
  async exact(size: number): Promise<Uint8Array> {
    if (size > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(size, 2 * this.#buffer.length));
      grown.set(this.#buffer.subarray(this.#start, this.#end));
      this.#end -= this.#start;
      this.#start = 0;
      this.#buffer = grown;
    }
    while (this.#end - this.#start < size) {
      if (this.#end === this.#buffer.length) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
        this.#end -= this.#start;
        this.#start = 0;
      }
      const count = await this.#conn.read(this.#buffer.subarray(this.#end));
      if (count === null) throw new Error("zmtp: connection closed");
      this.#end += count;
    }
    const bytes = this.#buffer.subarray(this.#start, this.#start + size);
    this.#start += size;
    return bytes;
  }
}
