// Where WebAssembly starts to pay for matrix products: the scalar loop with
// the software fused multiply-add against the WebAssembly kernels (copying
// operands in and the result out included), on the notebooks' small shapes
// and around the thresholds in lib/core/linalg.ts (WASM_FUSED_FROM,
// WASM_SEPARATE_FROM, WASM_OUTER_FROM).
//   deno bench tools/bench/small_products.bench.ts
import { multiplyMatricesWasm, outerWasm } from "../../lib/core/_matmul.ts";
import { multiplyMatricesInOrder } from "../../lib/core/_matmul.ts";

function values(length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => Math.sin(i + 1));
}

const SHAPES: [number, number, number, boolean][] = [
  [2, 2, 1, true],
  [4, 2, 2, true],
  [2, 4, 3, true],
  [4, 3, 3, true],
  [5, 4, 3, true],
  [10, 5, 2, true],
  [210, 2, 10, true],
  [10, 210, 2, true],
  [1, 16, 16, false],
  [1, 25, 16, false],
  [1, 40, 20, false],
  [1, 210, 10, false],
];

for (const [n, k, m, fused] of SHAPES) {
  const a = values(n * k);
  const b = values(k * m);
  const group = `${n}x${k} @ ${k}x${m}${fused ? "" : " separate"} (${n * k * m} multiply-adds)`;
  Deno.bench("loop", { group, baseline: true }, () => {
    multiplyMatricesInOrder(a, b, n, k, m, fused);
  });
  Deno.bench("WebAssembly", { group }, () => {
    multiplyMatricesWasm(a, b, n, k, m, fused);
  });
}

for (const [n, m] of [[32, 32], [45, 45], [64, 64], [300, 300]]) {
  const x = values(n);
  const y = values(m);
  const group = `outer ${n} x ${m}`;
  Deno.bench("loop", { group, baseline: true }, () => {
    const out = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = x[i] * y[j];
  });
  Deno.bench("WebAssembly", { group }, () => {
    outerWasm(x, y);
  });
}
