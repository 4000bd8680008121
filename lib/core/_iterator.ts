// NumPy's iterator, where its choices show in the results: the order in
// which a reduction visits a strided layout and what it hands to one
// pairwise sum (int64 and bool means in NumPy's buffers of 8192), checked
// against NumPy on thousands of layouts; and whether an operand stays on one
// element along a ufunc's inner loop, which decides NumPy's fast paths.
import { iterationOrder, trivialLoopLayout } from "./_shape.ts";

// The block size below which NumPy stops splitting a pairwise sum in halves.
const PAIRWISE_BLOCK = 128;

/**
 * Sums `count` values of `data` starting at `offset`, `stride` apart, in
 * exactly the order NumPy's pairwise summation uses: plain left-to-right
 * for fewer than 8 values; up to 128 values in 8 interleaved partial sums
 * combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)) followed by the leftover
 * tail; above that, the two halves (split at a multiple of 8) separately.
 */
export function pairwiseSum(
  data: Float64Array,
  offset: number,
  count: number,
  stride: number,
): number {
  if (count < 8) {
    let result = 0;
    for (let i = 0; i < count; i++) result += data[offset + i * stride];
    return result;
  }
  if (count <= PAIRWISE_BLOCK) {
    let s0 = data[offset];
    let s1 = data[offset + stride];
    let s2 = data[offset + 2 * stride];
    let s3 = data[offset + 3 * stride];
    let s4 = data[offset + 4 * stride];
    let s5 = data[offset + 5 * stride];
    let s6 = data[offset + 6 * stride];
    let s7 = data[offset + 7 * stride];
    const whole = count - (count % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const base = offset + i * stride;
      s0 += data[base];
      s1 += data[base + stride];
      s2 += data[base + 2 * stride];
      s3 += data[base + 3 * stride];
      s4 += data[base + 4 * stride];
      s5 += data[base + 5 * stride];
      s6 += data[base + 6 * stride];
      s7 += data[base + 7 * stride];
    }
    let result = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    for (; i < count; i++) result += data[offset + i * stride];
    return result;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(data, offset, half, stride) +
    pairwiseSum(data, offset + half * stride, count - half, stride);
}

/** NumPy's default buffer size, in elements. */
const BUFFER_SIZE = 8192;

/** One axis of the iteration, after merging: its length and both operands' strides. */
interface Dimension {
  length: number;
  out: number;
  input: number;
}

/**
 * How NumPy's buffered reduction iterator cuts the iteration (its
 * `npyiter_find_buffering_setup`): the elements of the innermost `core`
 * dimensions form one inner loop in reduce mode; otherwise inner loops of
 * `size` elements, never running past a block of `block` elements (the
 * core times the next dimension).
 */
interface Buffering {
  reduce: boolean;
  core: number;
  size: number;
  block: number;
}

function bufferingOf(dims: readonly Dimension[], cast: boolean): Buffering {
  const ndim = dims.length;
  // The cost counts the operands that need a buffer, plus one.
  let cost = cast ? 2 : 1;
  const single = [1, 1]; // how many inner dimensions each operand walks with one stride
  const reduceOuter = [0, 0];
  let outerReduceDim = 0;
  let size = dims[0].length;
  let bestDim = 0;
  let bestCost = cost;
  let bestSize = size;
  let bestCore = 1;
  for (let idim = 1; idim < ndim; idim++) {
    if (outerReduceDim) break;
    if (size >= BUFFER_SIZE && cost > 1) break;
    const previous = dims[idim - 1];
    const current = dims[idim];
    for (let op = 0; op < 2; op++) {
      const before = op === 0 ? previous.out : previous.input;
      const now = op === 0 ? current.out : current.input;
      if (single[op] === idim) {
        if (before * previous.length === now) {
          single[op]++;
          continue;
        }
        if (!(cast && op === 1)) cost++;
      }
      // The result is the reduction operand: where its stride turns
      // between zero and nonzero is the outer reduce dimension.
      if (op === 0 && (now === 0) !== (before === 0)) {
        reduceOuter[op] = idim;
        outerReduceDim = idim;
      }
    }
    const core = size;
    size *= current.length;
    if (size === 0) break;
    const bufferSize = size > BUFFER_SIZE && cost > 1 ? BUFFER_SIZE : size;
    if (cost * bestSize <= bestCost * bufferSize) {
      bestCost = cost;
      bestCore = core;
      bestSize = size;
      bestDim = idim;
    }
  }
  const reduce = outerReduceDim !== 0 && bestDim === outerReduceDim;
  let buffered = cast;
  for (let op = 0; op < 2; op++) {
    let reduceOp = false;
    if (reduce) {
      reduceOp = reduceOuter[op] === bestDim || single[op] === bestDim ||
        ((op === 0 ? dims[outerReduceDim].out : dims[outerReduceDim].input) === 0 &&
          single[op] <= bestDim);
    }
    if (!(single[op] + (reduceOp ? 1 : 0) > bestDim)) buffered = true;
  }
  const block = bestCore * dims[bestDim].length;
  if (buffered && BUFFER_SIZE < bestSize) bestSize = bestCore * Math.floor(BUFFER_SIZE / bestCore);
  return { reduce, core: bestCore, size: bestSize, block };
}

/**
 * Sums the elements of an array (read from `data` at `offset` under
 * `strides`) over the axes marked in `reduced`, adding in NumPy's order;
 * `cast` says the values are converted on the way (int64 or bool to
 * float64), which makes NumPy buffer them. Returns the sums laid out as
 * NumPy lays out the result, in the iteration's own order, with the
 * strides of that layout over all axes (0 on reduced ones).
 */
export function sumInNumpyOrder(
  data: Float64Array,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  reduced: readonly boolean[],
  cast: boolean,
): [Float64Array, number[]] {
  const ndim = shape.length;
  const input = strides.map((stride, axis) => (shape[axis] === 1 ? 0 : stride));
  const order = iterationOrder(shape, [input]);
  // The result is allocated in the iteration order (innermost last).
  const outStrides = new Array<number>(ndim).fill(0);
  let outSize = 1;
  for (let i = ndim - 1; i >= 0; i--) {
    const axis = order[i];
    if (reduced[axis] || shape[axis] === 1) continue;
    outStrides[axis] = outSize;
    outSize *= shape[axis];
  }
  const out = new Float64Array(outSize);
  // The axes innermost first, length-1 axes left out, neighbours merged
  // where both operands step through them as one.
  const dims: Dimension[] = [];
  for (let i = ndim - 1; i >= 0; i--) {
    const axis = order[i];
    if (shape[axis] === 1) continue;
    const next = { length: shape[axis], out: outStrides[axis], input: input[axis] };
    const inner = dims[dims.length - 1];
    if (
      inner !== undefined && inner.out * inner.length === next.out &&
      inner.input * inner.length === next.input
    ) {
      inner.length *= next.length;
    } else {
      dims.push(next);
    }
  }
  let total = 1;
  for (let axis = 0; axis < shape.length; axis++) total *= shape[axis];
  if (total === 0) return [out, outStrides];
  if (dims.length === 0) {
    out[0] = 0 + data[offset];
    return [out, outStrides];
  }
  const { reduce, core, size, block } = bufferingOf(dims, cast);
  const run = reduce ? core : size;
  if (dims.length === 1) {
    // One strided run after another along a single dimension.
    const { length, input: step, out: outStep } = dims[0];
    for (let start = 0; start < length; start += run) {
      const count = Math.min(run, length - start);
      if (outStep === 0) {
        out[0] = out[0] + pairwiseSum(data, offset + start * step, count, step);
      } else {
        for (let i = start; i < start + count; i++) {
          out[i * outStep] = out[i * outStep] + data[offset + i * step];
        }
      }
    }
    return [out, outStrides];
  }
  // Walk the elements in iteration order, a run at a time; each run is cut
  // into segments along the innermost dimension, read in place.
  const inner = dims[0];
  const most = Math.min(run, total);
  const segmentAt = new Float64Array(most);
  const segmentTarget = new Float64Array(most);
  const segmentLength = new Float64Array(most);
  let values: Float64Array | undefined;
  const index = new Array<number>(dims.length).fill(0);
  let at = offset;
  let target = 0;
  for (let start = 0; start < total;) {
    const end = Math.min(start + run, total, (Math.floor(start / block) + 1) * block);
    const count = end - start;
    let segments = 0;
    let same = true;
    for (let left = count; left > 0;) {
      const length = Math.min(inner.length - index[0], left);
      segmentAt[segments] = at;
      segmentTarget[segments] = target;
      segmentLength[segments] = length;
      if (target !== segmentTarget[0] || (length > 1 && inner.out !== 0)) same = false;
      segments++;
      left -= length;
      // Odometer: the rest of this segment, then the outer dimensions.
      index[0] += length;
      at += length * inner.input;
      target += length * inner.out;
      if (index[0] < inner.length) continue;
      index[0] = 0;
      at -= inner.input * inner.length;
      target -= inner.out * inner.length;
      for (let d = 1; d < dims.length; d++) {
        const dim = dims[d];
        if (++index[d] < dim.length) {
          at += dim.input;
          target += dim.out;
          break;
        }
        index[d] = 0;
        at -= dim.input * (dim.length - 1);
        target -= dim.out * (dim.length - 1);
      }
    }
    if (same && segments === 1) {
      out[segmentTarget[0]] = out[segmentTarget[0]] +
        pairwiseSum(data, segmentAt[0], count, inner.input);
    } else if (same) {
      values ??= new Float64Array(most);
      let filled = 0;
      for (let s = 0; s < segments; s++) {
        const from = segmentAt[s];
        for (let i = 0; i < segmentLength[s]; i++) values[filled++] = data[from + i * inner.input];
      }
      out[segmentTarget[0]] = out[segmentTarget[0]] + pairwiseSum(values, 0, count, 1);
    } else {
      for (let s = 0; s < segments; s++) {
        const from = segmentAt[s];
        const to = segmentTarget[s];
        for (let i = 0; i < segmentLength[s]; i++) {
          out[to + i * inner.out] = out[to + i * inner.out] + data[from + i * inner.input];
        }
      }
    }
    start = end;
  }
  return [out, outStrides];
}

/**
 * For each operand of a ufunc over `shape` (their own shapes and strides,
 * and their strides broadcast to `shape`), whether it stays on one element
 * along every inner loop NumPy runs, as NumPy's loops see it (a stride of
 * 0). NumPy's trivial loop (every operand of the full shape and
 * contiguous, or 0-d) keeps 0-d operands constant; otherwise its iterator
 * merges what axes it can, and buffers an operand that its chosen inner
 * loop would not walk with one stride, which then steps through the
 * buffer even if its values repeat: so a column of bounds against a
 * matrix is not constant, while a scalar is.
 */
export function constantAlongLoop(
  shape: readonly number[],
  operands: readonly { shape: readonly number[]; strides: readonly number[] }[],
  broadcast: readonly (readonly number[])[],
): boolean[] {
  if (trivialLoopLayout(shape, operands) !== undefined) {
    return operands.map((operand) =>
      operand.shape.length === 0 || (operand.shape.length === 1 && operand.strides[0] === 0)
    );
  }
  const count = operands.length;
  const order = iterationOrder(shape, broadcast);
  // Innermost first, length-1 axes out, merged where every operand steps evenly.
  const dims: { length: number; strides: number[] }[] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const axis = order[i];
    if (shape[axis] === 1) continue;
    const strides = broadcast.map((each) => each[axis]);
    const inner = dims[dims.length - 1];
    if (
      inner !== undefined &&
      strides.every((stride, op) => inner.strides[op] * inner.length === stride)
    ) {
      inner.length *= shape[axis];
    } else {
      dims.push({ length: shape[axis], strides });
    }
  }
  if (dims.length === 0) return operands.map(() => true);
  // npyiter_find_buffering_setup, without casts or reductions.
  let cost = 1;
  const single = new Array<number>(count).fill(1);
  let size = dims[0].length;
  let bestDim = 0;
  let bestCost = cost;
  let bestSize = size;
  for (let idim = 1; idim < dims.length; idim++) {
    if (size >= BUFFER_SIZE && cost > 1) break;
    const previous = dims[idim - 1];
    const current = dims[idim];
    for (let op = 0; op < count; op++) {
      if (single[op] !== idim) continue;
      if (previous.strides[op] * previous.length === current.strides[op]) single[op]++;
      else cost++;
    }
    size *= current.length;
    const bufferSize = size > BUFFER_SIZE && cost > 1 ? BUFFER_SIZE : size;
    if (cost * bestSize <= bestCost * bufferSize) {
      bestCost = cost;
      bestSize = size;
      bestDim = idim;
    }
  }
  return dims[0].strides.map((stride, op) => single[op] > bestDim && stride === 0);
}
