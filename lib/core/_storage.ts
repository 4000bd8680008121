// Where an array's elements live and how its views reach them: the memory an
// array shares with its views, and the operation modules' access to an
// array's layout (its offset and strides into that memory), which the
// public API keeps behind read-only getters. Not part of the public API.
// NDArray fills in `arrays` when its module is evaluated.
import type { DType, NDArray } from "./ndarray.ts";
import { forEachRow, gatherStrided, keptOrder, orderedStrides } from "./_shape.ts";

/**
 * The memory an array and all its views share. Exactly one of the two is
 * set: `f64` holds float64 and bool values, and int64 values while every
 * one of them is a safe integer (within ±(2**53 - 1), where a double is
 * exact); `i64` holds int64 values once one of them is past that.
 * Assigning such a value through any view replaces `f64` by `i64` here,
 * for every view at once.
 */
export interface Storage {
  f64: Float64Array | null;
  i64: BigInt64Array | null;
}

/** How an array's elements lie in its storage. */
export interface Layout {
  readonly storage: Storage;
  /** The storage index of the first element (all indices 0). */
  readonly offset: number;
  /** Storage steps along each axis, in elements (0 on a broadcast axis). */
  readonly strides: readonly number[];
  /** Whether the elements lie one after another in C order, from `offset`. */
  readonly contiguous: boolean;
  /** Whether writing through this array is allowed. */
  readonly writeable: boolean;
  /** The array that made the storage, or null for that array itself. */
  readonly owner: NDArray | null;
}

/** What the operation modules may do with arrays beyond the public API. */
export interface ArrayInternals {
  /** The array's layout. */
  layout(a: NDArray): Layout;
  /**
   * An array over `storage`, without the public constructor's checks:
   * contiguous and owning it unless strides, offset and owner are given.
   */
  make(
    storage: Storage,
    shape: readonly number[],
    dtype: DType,
    strides?: readonly number[],
    offset?: number,
    owner?: NDArray | null,
    writeable?: boolean,
  ): NDArray;
  /**
   * A new array owning `storage`, laid out under `strides` (C order when
   * undefined), with the fewest steps: `shape` is kept as it is, and is
   * either another array's shape (`fresh` false) or an array made for
   * this call (`fresh` true), frozen here in place; `strides` too is made
   * for this call. Neither may be held or changed by anything else.
   */
  result(
    storage: Storage,
    shape: readonly number[],
    dtype: DType,
    strides: readonly number[] | undefined,
    fresh: boolean,
  ): NDArray;
}

function notLoaded(): never {
  throw new Error("the NDArray module has not been loaded");
}

/** Filled in by the NDArray class. */
export const arrays: ArrayInternals = { layout: notLoaded, make: notLoaded, result: notLoaded };

/** The largest integer a double holds exactly, with all below it. */
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Storage for doubles. */
export function doubles(values: Float64Array): Storage {
  return { f64: values, i64: null };
}

/** A new contiguous array owning `values` (no checks: the caller vouches for int64 values being safe). */
export function wrap(values: Float64Array, shape: readonly number[], dtype: DType): NDArray {
  return arrays.make({ f64: values, i64: null }, shape, dtype);
}

/**
 * A new contiguous int64 array of exact 64-bit values: kept as doubles when
 * every value is a safe integer, as 64-bit integers otherwise.
 */
export function wrapIntegers(values: BigInt64Array, shape: readonly number[]): NDArray {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value > 9007199254740991n || value < -9007199254740991n) {
      return arrays.make({ f64: null, i64: values }, shape, "int64");
    }
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number(values[i]);
  return arrays.make({ f64: out, i64: null }, shape, "int64");
}

/** Whether an array's storage holds 64-bit integers (int64 values past 2**53). */
export function isWide(a: NDArray): boolean {
  return arrays.layout(a).storage.i64 !== null;
}

/**
 * Replaces doubles by 64-bit integers in `storage`, for every array that
 * shares it, before a value past 2**53 is written into it.
 */
export function widen(storage: Storage): BigInt64Array {
  if (storage.i64 !== null) return storage.i64;
  const from = storage.f64!;
  const wide = new BigInt64Array(from.length);
  for (let i = 0; i < from.length; i++) wide[i] = BigInt(from[i]);
  storage.i64 = wide;
  storage.f64 = null;
  return wide;
}

/**
 * The elements in row-major order as doubles: the array's own memory when
 * it is contiguous (do not write into it unless writing into the array is
 * meant), a copy otherwise; int64 values past 2**53 rounded to the nearest
 * double, as NumPy converts int64 to float64.
 */
export function doublesOf(a: NDArray): Float64Array {
  const { storage, offset, strides, contiguous } = arrays.layout(a);
  const size = a.size;
  if (storage.f64 !== null) {
    if (contiguous) {
      return offset === 0 && size === storage.f64.length
        ? storage.f64
        : storage.f64.subarray(offset, offset + size);
    }
    const out = new Float64Array(size);
    gatherStrided(storage.f64, offset, a.shape, strides, out);
    return out;
  }
  const wide = integersOf(a);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = Number(wide[i]);
  return out;
}

/** The elements in row-major order as exact 64-bit integers (a new array; for int64 and bool). */
export function integersOf(a: NDArray): BigInt64Array {
  const { storage, offset, strides } = arrays.layout(a);
  const size = a.size;
  const out = new BigInt64Array(size);
  if (storage.i64 !== null) {
    gatherStrided(
      storage.i64 as unknown as Float64Array,
      offset,
      a.shape,
      strides,
      out as unknown as Float64Array,
    );
    return out;
  }
  const values = doublesOf(a);
  for (let i = 0; i < size; i++) out[i] = BigInt(values[i]);
  return out;
}

/** The element at storage index `at`: a number, or a bigint from 64-bit storage. */
export function elementAt(storage: Storage, at: number): number | bigint {
  return storage.f64 !== null ? storage.f64[at] : storage.i64![at];
}

/**
 * A copy of the array's elements into new storage of the same kind, in C
 * order, or with `keepOrder` in the order its strides lay them out (what
 * NumPy's order "K" gives: a transpose's copy is again column-major).
 * Returns the storage and the strides of the copy (undefined for C order).
 */
export function copyElements(
  a: NDArray,
  keepOrder: boolean,
): [Storage, number[] | undefined] {
  const order = keepOrder ? keptOrder(a.shape, arrays.layout(a).strides) : undefined;
  return copyInOrder(a, order);
}

/**
 * A copy of the array's elements into new storage of the same kind, laid
 * out in `order` (outermost axis first; C order when undefined), with the
 * strides of that layout.
 */
export function copyInOrder(
  a: NDArray,
  order: readonly number[] | undefined,
): [Storage, number[] | undefined] {
  const { storage, offset, strides, contiguous } = arrays.layout(a);
  const shape = a.shape;
  const size = a.size;
  if (order === undefined && contiguous) {
    // One block, copied at once.
    const copied = storage.f64 !== null
      ? { f64: storage.f64.slice(offset, offset + size), i64: null }
      : { f64: null, i64: storage.i64!.slice(offset, offset + size) };
    return [copied, undefined];
  }
  const readShape = order === undefined ? shape : order.map((axis) => shape[axis]);
  const readStrides = order === undefined ? strides : order.map((axis) => strides[axis]);
  let copied: Storage;
  if (storage.f64 !== null) {
    const out = new Float64Array(size);
    gatherStrided(storage.f64, offset, readShape, readStrides, out);
    copied = { f64: out, i64: null };
  } else {
    const out = new BigInt64Array(size);
    gatherStrided(
      storage.i64 as unknown as Float64Array,
      offset,
      readShape,
      readStrides,
      out as unknown as Float64Array,
    );
    copied = { f64: null, i64: out };
  }
  return [copied, order === undefined ? undefined : orderedStrides(shape, order)];
}

/**
 * Collects the int64 values of a new array: as doubles while every one is
 * a safe integer, as 64-bit integers from the first one that is not.
 */
export class Int64Builder {
  f64: Float64Array | null;
  i64: BigInt64Array | null = null;

  constructor(size: number) {
    this.f64 = new Float64Array(size);
  }

  /** Sets element `i` to `value` (a number must be a safe integer). */
  set(i: number, value: number | bigint): void {
    if (this.i64 !== null) {
      this.i64[i] = BigInt(value);
    } else if (typeof value === "number") {
      this.f64![i] = value;
    } else if (value >= -9007199254740991n && value <= 9007199254740991n) {
      this.f64![i] = Number(value);
    } else {
      this.i64 = widen({ f64: this.f64, i64: null });
      this.f64 = null;
      this.i64[i] = value;
    }
  }

  /** The storage collected. */
  storage(): Storage {
    return { f64: this.f64, i64: this.i64 };
  }
}

/** The typed array an array's storage holds, whichever kind it is. */
function memoryOf(storage: Storage): Float64Array | BigInt64Array {
  return storage.f64 ?? storage.i64!;
}

/**
 * The bytes an array's elements span in their buffer, [first, last]
 * (an empty array spans nothing: null).
 */
export function byteExtent(a: NDArray): [ArrayBufferLike, number, number] | null {
  if (a.size === 0) return null;
  const { storage, offset, strides } = arrays.layout(a);
  let low = offset;
  let high = offset;
  const shape = a.shape;
  for (let axis = 0; axis < shape.length; axis++) {
    const reach = (shape[axis] - 1) * strides[axis];
    if (reach < 0) low += reach;
    else high += reach;
  }
  const memory = memoryOf(storage);
  return [memory.buffer, memory.byteOffset + 8 * low, memory.byteOffset + 8 * high + 7];
}

/**
 * Whether two arrays may share elements: the bytes they span overlap in
 * one buffer (NumPy's `may_share_memory`; a strided pair can interleave
 * without sharing any element).
 */
export function mayShareMemory(a: NDArray, b: NDArray): boolean {
  const one = arrays.layout(a).storage;
  const other = arrays.layout(b).storage;
  if (one !== other && memoryOf(one).buffer !== memoryOf(other).buffer) return false;
  const first = byteExtent(a);
  const second = byteExtent(b);
  if (first === null || second === null || first[0] !== second[0]) return false;
  return first[1] <= second[2] && second[1] <= first[2];
}

/** The byte address of every element of `a` in its buffer. */
export function elementAddresses(a: NDArray): Set<number> {
  const { storage, offset, strides } = arrays.layout(a);
  const base = memoryOf(storage).byteOffset;
  const addresses = new Set<number>();
  const step = strides.length === 0 ? 0 : strides[strides.length - 1];
  forEachRow(a.shape, [strides], (_start, offsets, length) => {
    for (let i = 0, at = offsets[0]; i < length; i++, at += step) addresses.add(base + 8 * at);
  }, [offset]);
  return addresses;
}
