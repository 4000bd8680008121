/**
 * Reading Deno's IOPub socket, which Deno's kernel (2.9.6) can garble: it
 * writes each message in one buffer but lets two writers share a connection,
 * so when a large message (a figure's HTML) does not fit the socket at once,
 * a small one (a status) can be written between its pieces. The reader then
 * meets a message whose signature fails, with another inside it.
 *
 * {@link MessageStream} reads messages from the bytes, checks each one's
 * signature, and when one fails, takes out the message written into it (the
 * next `<IDS|MSG>` frame, wherever it starts) and reads it again; what still
 * fails is skipped up to the next message, so that one garbled write never
 * costs more than the messages it touched.
 *
 * @module
 */
import { Message, type Signer } from "./wire.ts";
import { parseFrames } from "./zmtp.ts";

/** A frame holding the `<IDS|MSG>` delimiter, flagged MORE: how every message of Deno's starts. */
const MESSAGE_START = new Uint8Array([0x01, 0x09, ...new TextEncoder().encode("<IDS|MSG>")]);

/**
 * Signed messages out of a byte stream, mended where one was written into
 * another.
 *
 * @example
 * ```ts
 * import { MessageStream } from "./mend.ts";
 * import { Message, Signer } from "./wire.ts";
 * import { encodeMessage } from "./zmtp.ts";
 * const signer = new Signer("hmac-sha256", "key");
 * const status = Message.create(signer, "status", { execution_state: "idle" }, {}, "k");
 * let chunk: Uint8Array | null = encodeMessage(status.frames());
 * const stream = new MessageStream(async () => [chunk, chunk = null][0], signer);
 * console.log((await stream.next())?.type); // status
 * ```
 */
export class MessageStream {
  #read: () => Promise<Uint8Array | null>;
  #signer: Signer;
  #note: (text: string) => void;
  #buffer = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;
  /** Messages taken out of another, handed on after it. */
  #taken: Message[] = [];
  #ready: Message[] = [];

  constructor(
    read: () => Promise<Uint8Array | null>,
    signer: Signer,
    note: (text: string) => void = () => {},
  ) {
    this.#read = read;
    this.#signer = signer;
    this.#note = note;
  }

  /** The next message whose signature verifies, or null once the stream ends. */
  async next(): Promise<Message | null> {
    for (;;) {
      const ready = this.#ready.shift();
      if (ready !== undefined) return ready;
      const bytes = this.#buffer.subarray(0, this.#end);
      const found = parseFrames(bytes, this.#start);
      if (found === undefined) {
        if (!(await this.#fill())) return null;
        continue;
      }
      const message = found === "invalid" ? undefined : Message.parse(found.parts);
      if (found !== "invalid" && message?.verify(this.#signer)) {
        this.#start = found.end;
        this.#ready.push(message, ...this.#taken);
        this.#taken = [];
        continue;
      }
      const length = found === "invalid" ? undefined : found.end - this.#start;
      if (!(await this.#untangle(length))) return null;
    }
  }

  /**
   * The message at #start (`length` bytes, when its frames could be read)
   * fails: takes out the message that starts inside it and verifies, or else
   * skips to the next message. False at the stream's end. Offsets are kept
   * from #start, which reading more may move.
   */
  async #untangle(length: number | undefined): Promise<boolean> {
    let inner = this.#find(this.#start + 1) - this.#start;
    while (inner < 0) {
      if (!(await this.#fill())) return false;
      inner = this.#find(this.#start + 1) - this.#start;
    }
    const parse = () => parseFrames(this.#buffer.subarray(0, this.#end), this.#start + inner);
    let found = parse();
    while (found === undefined) {
      if (!(await this.#fill())) return false;
      found = parse();
    }
    const message = found === "invalid" ? undefined : Message.parse(found.parts);
    const within = length === undefined || inner < length;
    if (found !== "invalid" && message?.verify(this.#signer) && within) {
      const at = this.#start + inner;
      this.#buffer.copyWithin(at, found.end, this.#end);
      this.#end -= found.end - at;
      this.#taken.push(message);
      this.#note(`took a ${message.type} message out of another it was written into`);
      return true;
    }
    this.#note(`skipped ${inner} bytes that are not a whole signed message`);
    this.#ready.push(...this.#taken);
    this.#taken = [];
    this.#start += inner;
    return true;
  }

  /** Where the next message starts at or after `from`, or -1 (before #start) when none has yet. */
  #find(from: number): number {
    const bytes = this.#buffer;
    for (let i = bytes.indexOf(MESSAGE_START[0], from); i >= 0 && i < this.#end;) {
      if (i + MESSAGE_START.length > this.#end) return -1;
      let j = 1;
      while (j < MESSAGE_START.length && bytes[i + j] === MESSAGE_START[j]) j++;
      if (j === MESSAGE_START.length) return i;
      i = bytes.indexOf(MESSAGE_START[0], i + 1);
    }
    return -1;
  }

  /** Appends the next chunk of the stream; false at its end. */
  async #fill(): Promise<boolean> {
    const chunk = await this.#read();
    if (chunk === null) return false;
    if (this.#start > 0 && this.#end + chunk.length > this.#buffer.length) {
      this.#buffer.copyWithin(0, this.#start, this.#end);
      this.#end -= this.#start;
      this.#start = 0;
    }
    if (this.#end + chunk.length > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(2 * this.#buffer.length, this.#end + chunk.length));
      grown.set(this.#buffer.subarray(0, this.#end));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
    return true;
  }
}
