// Where the WebAssembly e^x (lib/core/_exp.ts) pays: a Math.exp loop against
// expInto, copying in and out of the module's memory included, at the sizes
// around WASM_EXP_FROM in lib/core/ufuncs.ts, the exercises' 2,100 elements
// and a million. Both write into a reused array, so only the arithmetic and
// the copies count.
//   deno bench tools/bench/exp.bench.ts
import { expInto } from "../../lib/core/_exp.ts";

for (const length of [8, 32, 128, 2100, 1_000_000]) {
  const inputs = Float64Array.from({ length }, (_, i) => 20 * Math.sin(i + 1));
  const out = new Float64Array(length);
  const group = `exp of ${length} elements`;
  Deno.bench("Math.exp loop", { group, baseline: true }, () => {
    for (let i = 0; i < length; i++) out[i] = Math.exp(inputs[i]);
  });
  Deno.bench("WebAssembly", { group }, () => {
    expInto(inputs, out);
  });
}
