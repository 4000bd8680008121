// Element-wise arithmetic with broadcasting: one large array against a row
// or a column, and many small arrays one after another (the notebooks'
// training loops). `deno bench tools/bench/elementwise.bench.ts`
import * as np from "../../lib/mod.ts";

const rs = new np.random.RandomState(0);
const square = rs.randn(1000, 1000);
const squareRow = rs.randn(1000);
const squareColumn = rs.randn(1000, 1);
const tall = rs.randn(250_000, 4);
const tallRow = rs.randn(4);
const small = rs.randn(2, 2);
const smallRow = rs.randn(2);
const smallFlat = rs.randn(4);
const column = rs.randn(4, 1);
const row = rs.randn(1, 4);

Deno.bench("(1000,1000) + (1000,)", { group: "large" }, () => {
  np.add(square, squareRow);
});

Deno.bench("(1000,1000) + (1000,1)", { group: "large" }, () => {
  np.add(square, squareColumn);
});

Deno.bench("(250000,4) + (4,)", { group: "large" }, () => {
  np.add(tall, tallRow);
});

Deno.bench("1000 x (2,2) + (2,)", { group: "small" }, () => {
  for (let i = 0; i < 1000; i++) np.add(small, smallRow);
});

Deno.bench("1000 x (4,) + (4,)", { group: "small" }, () => {
  for (let i = 0; i < 1000; i++) np.add(smallFlat, smallFlat);
});

Deno.bench("1000 x (4,1) + (1,4)", { group: "small" }, () => {
  for (let i = 0; i < 1000; i++) np.add(column, row);
});
