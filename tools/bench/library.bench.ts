// The side-by-side cases (cases.ts) as `deno bench` benchmarks: matrix
// products, notebook 05's training step, an MNIST-sized step, and large
// element-wise work.   deno bench tools/bench/library.bench.ts
import * as np from "../../lib/mod.ts";
import { CASES } from "./cases.ts";

for (const benchCase of CASES) {
  const work = benchCase.setup(np);
  Deno.bench(benchCase.name, () => {
    work();
  });
}
