import { assert, assertEquals } from "./assert.ts";
import {
  advanceIndex,
  carryOffset,
  contiguousStrides,
  forEachRow,
  formatShape,
  lastStride,
  sameShape,
  shapeSize,
  unravelIndex,
} from "../lib/core/_shape.ts";

const SHAPES = [[], [0], [1], [5], [2, 3], [3, 1, 2], [2, 0, 3], [1, 1], [2, 3, 4, 2]];

Deno.test("shapes print as NumPy's error messages print them", () => {
  assertEquals(formatShape([]), "()");
  assertEquals(formatShape([3]), "(3,)");
  assertEquals(formatShape([2, 3]), "(2,3)");
  assertEquals(formatShape([2, "3"]), "(2,3)");
  assertEquals(formatShape([1, 2, 3]), "(1,2,3)");
});

Deno.test("size, strides and equality of shapes", () => {
  assertEquals(SHAPES.map(shapeSize), [1, 0, 1, 5, 6, 6, 0, 1, 48]);
  assertEquals(contiguousStrides([2, 3, 4]), [12, 4, 1]);
  assertEquals(contiguousStrides([]), []);
  assert(sameShape([2, 3], [2, 3]));
  assert(sameShape([], []));
  assert(!sameShape([2, 3], [3, 2]));
  assert(!sameShape([6], [6, 1]));
  assert(!sameShape([1, 6], [6]));
});

/** Every multi-index of `shape` in C order, counted from flat positions. */
function expectedIndices(shape: number[]): number[][] {
  return Array.from({ length: shapeSize(shape) }, (_, flat) => unravelIndex(flat, shape));
}

Deno.test("unravelIndex turns flat positions into multi-indices", () => {
  assertEquals(unravelIndex(0, []), []);
  assertEquals(unravelIndex(5, [2, 3]), [1, 2]);
  assertEquals(unravelIndex(13, [2, 3, 4]), [1, 0, 1]);
  assertEquals(expectedIndices([2, 2]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
});

Deno.test("the odometer visits every multi-index in C order, then says it is done", () => {
  for (const shape of SHAPES) {
    if (shapeSize(shape) === 0) continue;
    const index = new Int32Array(shape.length);
    const seen: number[][] = [];
    const moved: number[] = [];
    for (;;) {
      seen.push(Array.from(index));
      const axis = advanceIndex(index, shape);
      moved.push(axis);
      if (axis < 0) break;
    }
    assertEquals(seen, expectedIndices(shape), `shape ${formatShape(shape)}`);
    assertEquals(Array.from(index), shape.map(() => 0), "back to zeros at the end");
    // The axis reported is the last one whose index changed without wrapping.
    for (let step = 1; step < seen.length; step++) {
      const axis = moved[step - 1];
      assertEquals(seen[step][axis], seen[step - 1][axis] + 1);
      assertEquals(seen[step].slice(0, axis), seen[step - 1].slice(0, axis));
      assert(seen[step].slice(axis + 1).every((i) => i === 0));
    }
  }
});

Deno.test("the odometer over the outer axes steps once per row", () => {
  const shape = [2, 3, 4];
  const index = new Int32Array(3);
  let rows = 1;
  while (advanceIndex(index, shape, 2) >= 0) {
    rows++;
    assertEquals(index[2], 0, "the last axis is left alone");
  }
  assertEquals(rows, 6);
});

Deno.test("carried offsets follow any strides: contiguous, broadcast or permuted", () => {
  const cases: [number[], number[]][] = [
    [[2, 3, 4], [12, 4, 1]],
    [[2, 3, 4], [0, 1, 0]],
    [[2, 3, 4], [1, 8, 2]],
    [[3, 1, 2], [2, 0, 1]],
    [[5], [0]],
    [[], []],
  ];
  for (const [shape, strides] of cases) {
    const expected = expectedIndices(shape).map((index) =>
      index.reduce((offset, i, axis) => offset + i * strides[axis], 0)
    );
    const visited: number[] = [];
    const step = lastStride(strides);
    const contiguous = contiguousStrides(shape);
    forEachRow(shape, [strides, contiguous], (start, offsets, length) => {
      assertEquals(offsets[1], start);
      for (let i = 0; i < length; i++) visited.push(offsets[0] + i * step);
    });
    assertEquals(visited, expected, `shape ${formatShape(shape)}, strides [${strides}]`);
    // Stepping only the outer axes moves offsets to the start of each row.
    const outer = Math.max(shape.length - 1, 0);
    const index = new Int32Array(outer);
    const rowStarts = [0];
    let offset = 0;
    for (let axis = advanceIndex(index, shape, outer); axis >= 0;) {
      offset += carryOffset(strides, shape, axis, outer);
      rowStarts.push(offset);
      axis = advanceIndex(index, shape, outer);
    }
    const rowLength = shape.length === 0 ? 1 : shape[shape.length - 1];
    assertEquals(rowStarts, expected.filter((_, i) => i % rowLength === 0));
  }
  let calls = 0;
  forEachRow([2, 0], [[0, 1]], () => calls++);
  assertEquals(calls, 0, "an empty shape has no positions");
});
