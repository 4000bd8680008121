/**
 * Jupyter messages on the wire: `[identities…, "<IDS|MSG>", signature,
 * header, parent_header, metadata, content, buffers…]`, signed with HMAC over
 * the four JSON frames. A message keeps its frames' bytes, so that passing
 * one through costs no re-serialisation; only what is changed is rebuilt.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const DELIMITER = encoder.encode("<IDS|MSG>");

/** The fields of a message header that the proxy reads. */
export interface Header {
  msg_id: string;
  msg_type: string;
  session?: string;
  [field: string]: unknown;
}

/**
 * A parsed Jupyter message; the JSON frames stay bytes until asked for.
 *
 * @example
 * ```ts
 * import { Message, Signer } from "./wire.ts";
 * const signer = new Signer("hmac-sha256", "secret");
 * const message = Message.create(signer, "status", { execution_state: "idle" }, {}, "s");
 * const again = Message.parse(message.frames(signer));
 * console.log(again?.type, again?.verify(signer)); // status true
 * ```
 */
export class Message {
  #header: Header | undefined;
  #parent: Partial<Header> | undefined;

  private constructor(
    readonly identities: Uint8Array[],
    readonly signature: string,
    readonly headerBytes: Uint8Array,
    readonly parentBytes: Uint8Array,
    readonly metadataBytes: Uint8Array,
    readonly contentBytes: Uint8Array,
    readonly buffers: Uint8Array[],
  ) {}

  /** Splits a multipart message; undefined when it is not a Jupyter message. */
  static parse(parts: Uint8Array[]): Message | undefined {
    const at = parts.findIndex((part) =>
      part.length === DELIMITER.length && part.every((byte, i) => byte === DELIMITER[i])
    );
    if (at < 0 || parts.length < at + 6) return undefined;
    return new Message(
      parts.slice(0, at),
      decoder.decode(parts[at + 1]),
      parts[at + 2],
      parts[at + 3],
      parts[at + 4],
      parts[at + 5],
      parts.slice(at + 6),
    );
  }

  /** A new message of type `type`, answering `parent` (a header, or its bytes). */
  static create(
    signer: Signer,
    type: string,
    content: unknown,
    parent: Partial<Header> | Uint8Array,
    session: string,
  ): Message {
    const header: Header = {
      msg_id: crypto.randomUUID(),
      msg_type: type,
      session,
      username: "kernel",
      date: new Date().toISOString(),
      version: "5.3",
    };
    const headerBytes = encoder.encode(JSON.stringify(header));
    const parentBytes = parent instanceof Uint8Array
      ? parent
      : encoder.encode(JSON.stringify(parent));
    const metadataBytes = encoder.encode("{}");
    const contentBytes = encoder.encode(JSON.stringify(content));
    const signature = signer.sign([headerBytes, parentBytes, metadataBytes, contentBytes]);
    return new Message([], signature, headerBytes, parentBytes, metadataBytes, contentBytes, []);
  }

  get header(): Header {
    return this.#header ??= JSON.parse(decoder.decode(this.headerBytes));
  }

  get parent(): Partial<Header> {
    return this.#parent ??= JSON.parse(decoder.decode(this.parentBytes));
  }

  get type(): string {
    return this.header.msg_type;
  }

  get id(): string {
    return this.header.msg_id;
  }

  /** The parent's msg_id, or undefined. */
  get parentId(): string | undefined {
    return this.parent.msg_id;
  }

  content<T = Record<string, unknown>>(): T {
    return JSON.parse(decoder.decode(this.contentBytes));
  }

  /** Whether the signature is the one `signer` makes. */
  verify(signer: Signer): boolean {
    return signer.verify(
      [this.headerBytes, this.parentBytes, this.metadataBytes, this.contentBytes],
      this.signature,
    );
  }

  /** The same message answering another request: `parent` is that request's header bytes. */
  withParent(signer: Signer, parent: Uint8Array): Message {
    const signature = signer.sign([
      this.headerBytes,
      parent,
      this.metadataBytes,
      this.contentBytes,
    ]);
    return new Message(
      this.identities,
      signature,
      this.headerBytes,
      parent,
      this.metadataBytes,
      this.contentBytes,
      this.buffers,
    );
  }

  /** The multipart message, with `identities` in front (default: its own). */
  frames(signer?: Signer, identities = this.identities): Uint8Array[] {
    const signature = signer === undefined ? this.signature : signer.sign([
      this.headerBytes,
      this.parentBytes,
      this.metadataBytes,
      this.contentBytes,
    ]);
    return [
      ...identities,
      DELIMITER,
      encoder.encode(signature),
      this.headerBytes,
      this.parentBytes,
      this.metadataBytes,
      this.contentBytes,
      ...this.buffers,
    ];
  }
}

/**
 * Signs and checks messages with the connection file's key and scheme
 * (`hmac-sha256`; an empty key means no signatures, as in Jupyter).
 *
 * @example
 * ```ts
 * import { Signer } from "./wire.ts";
 * const signer = new Signer("hmac-sha256", "secret");
 * const parts = [new TextEncoder().encode("{}")];
 * console.log(signer.verify(parts, signer.sign(parts))); // true
 * ```
 */
export class Signer {
  readonly #algorithm: string;
  readonly #key: string;

  constructor(scheme: string, key: string) {
    const match = /^hmac-([a-z0-9]+)$/.exec(scheme);
    if (match === null) throw new Error(`wire: unsupported signature scheme ${scheme}`);
    this.#algorithm = match[1];
    this.#key = key;
  }

  sign(parts: Uint8Array[]): string {
    if (this.#key === "") return "";
    const hmac = createHmac(this.#algorithm, this.#key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  verify(parts: Uint8Array[], signature: string): boolean {
    if (this.#key === "") return true;
    const expected = encoder.encode(this.sign(parts));
    const given = encoder.encode(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
