/**
 * A worker that subscribes to the Jupyter kernel's IOPub socket and reports
 * the tags of the library's own messages as they go out (see
 * `_kernel_output.ts`). It speaks just enough ZMTP 3.0 to be a `SUB` peer
 * with NULL security: greeting, `READY`, one subscription to everything,
 * then reading multipart messages.
 *
 * Shared slots: [0] state (0 starting, 1 subscribed, 2 failed), [1] the
 * highest sequence number seen, [2] how many rich outputs (`execute_result`,
 * `display_data`) have gone out, whoever sent them.
 *
 * @module
 */

/// <reference lib="deno.worker" />

const STATE = 0;
const SEEN = 1;
const RICH_OUTPUTS = 2;
const SUBSCRIBED = 1;
const FAILED = 2;
const TAG_KEY = "nn_from_scratch_sequence";

const FLAG_MORE = 0x01;
const FLAG_LONG = 0x02;
const FLAG_COMMAND = 0x04;
const DELIMITER = new TextEncoder().encode("<IDS|MSG>");
/** Metadata frames longer than this are not ours; theirs are not decoded. */
const LONGEST_TAGGED_METADATA = 4096;

interface Start {
  ip: string;
  port: number;
  shared: SharedArrayBuffer;
  session: string;
}

self.onmessage = (event: MessageEvent<Start>) => {
  const { ip, port, shared, session } = event.data;
  const slots = new Int32Array(shared);
  run(ip, port, slots, session).catch(() => {
    Atomics.store(slots, STATE, FAILED);
    Atomics.notify(slots, STATE);
    Atomics.notify(slots, SEEN);
  });
};

async function run(ip: string, port: number, slots: Int32Array, session: string): Promise<void> {
  const connection = await Deno.connect({ hostname: ip, port });
  connection.setNoDelay(true);
  const reader = new FrameReader(connection);
  await writeAll(connection, greeting());
  await reader.exact(64);
  await writeAll(connection, frame(readyCommand("SUB"), false, true));
  const ready = await reader.frame();
  if (!ready.command) throw new Error("the IOPub peer sent no READY command");
  // ZMTP 3.0 subscription: a message whose first byte is 1, then the prefix
  // (empty: every message).
  await writeAll(connection, frame(new Uint8Array([1]), false, false));
  Atomics.store(slots, STATE, SUBSCRIBED);
  Atomics.notify(slots, STATE);

  const prefix = `"${session}:`;
  const decoder = new TextDecoder();
  let parts: Uint8Array[] = [];
  for (;;) {
    const next = await reader.frame();
    if (next.command) continue;
    parts.push(next.body);
    if (next.more) continue;
    const message = parts;
    parts = [];
    const delimiter = message.findIndex(isDelimiter);
    // [DELIMITER, signature, header, parent header, metadata, content, ...]
    const header = delimiter < 0 ? undefined : message[delimiter + 2];
    if (header !== undefined && isRichOutput(decoder.decode(header))) {
      Atomics.add(slots, RICH_OUTPUTS, 1);
      Atomics.notify(slots, RICH_OUTPUTS);
    }
    const metadata = delimiter < 0 ? undefined : message[delimiter + 4];
    if (metadata === undefined || metadata.length > LONGEST_TAGGED_METADATA) continue;
    const text = decoder.decode(metadata);
    if (!text.includes(prefix)) continue;
    const tag = JSON.parse(text)[TAG_KEY];
    if (typeof tag !== "string" || !tag.startsWith(session + ":")) continue;
    const sequence = Number(tag.slice(session.length + 1));
    if (sequence > Atomics.load(slots, SEEN)) {
      Atomics.store(slots, SEEN, sequence);
      Atomics.notify(slots, SEEN);
    }
  }
}

function isRichOutput(header: string): boolean {
  const type = JSON.parse(header).msg_type;
  return type === "execute_result" || type === "display_data";
}

function isDelimiter(part: Uint8Array): boolean {
  return part.length === DELIMITER.length && part.every((byte, i) => byte === DELIMITER[i]);
}

/** The 64-byte greeting: signature, version 3.0, mechanism NULL, as a client. */
function greeting(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes[0] = 0xff;
  bytes[9] = 0x7f;
  bytes[10] = 3;
  bytes[11] = 0;
  bytes.set(new TextEncoder().encode("NULL"), 12);
  return bytes;
}

/** The body of a READY command announcing `socketType`. */
function readyCommand(socketType: string): Uint8Array {
  const encoder = new TextEncoder();
  const name = encoder.encode("READY");
  const property = encoder.encode("Socket-Type");
  const value = encoder.encode(socketType);
  const body = new Uint8Array(1 + name.length + 1 + property.length + 4 + value.length);
  let at = 0;
  body[at++] = name.length;
  body.set(name, at);
  at += name.length;
  body[at++] = property.length;
  body.set(property, at);
  at += property.length;
  new DataView(body.buffer).setUint32(at, value.length);
  body.set(value, at + 4);
  return body;
}

/** One ZMTP frame around `body`. */
function frame(body: Uint8Array, more: boolean, command: boolean): Uint8Array {
  const long = body.length > 255;
  const head = long ? 9 : 2;
  const bytes = new Uint8Array(head + body.length);
  bytes[0] = (more ? FLAG_MORE : 0) | (long ? FLAG_LONG : 0) | (command ? FLAG_COMMAND : 0);
  if (long) new DataView(bytes.buffer).setBigUint64(1, BigInt(body.length));
  else bytes[1] = body.length;
  bytes.set(body, head);
  return bytes;
}

async function writeAll(connection: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += await connection.write(bytes.subarray(written));
  }
}

/** Reads ZMTP frames through a buffer, so that small frames cost no system call each. */
class FrameReader {
  #connection: Deno.Conn;
  #buffer = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;

  constructor(connection: Deno.Conn) {
    this.#connection = connection;
  }

  async frame(): Promise<{ body: Uint8Array; more: boolean; command: boolean }> {
    const flags = (await this.exact(1))[0];
    let size: number;
    if ((flags & FLAG_LONG) !== 0) {
      size = Number(new DataView((await this.exact(8)).slice().buffer).getBigUint64(0));
    } else {
      size = (await this.exact(1))[0];
    }
    const body = (await this.exact(size)).slice();
    return { body, more: (flags & FLAG_MORE) !== 0, command: (flags & FLAG_COMMAND) !== 0 };
  }

  /** The next `size` bytes; a view that the next read may overwrite. */
  async exact(size: number): Promise<Uint8Array> {
    if (size > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(size, this.#buffer.length * 2));
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
      const count = await this.#connection.read(this.#buffer.subarray(this.#end));
      if (count === null) throw new Error("the kernel closed its IOPub socket");
      this.#end += count;
    }
    const bytes = this.#buffer.subarray(this.#start, this.#start + size);
    this.#start += size;
    return bytes;
  }
}
