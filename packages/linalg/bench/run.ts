/**
 * Kernel benchmarks: `npx tsx bench/run.ts` from packages/linalg. Prints one line per kernel and
 * size, then sparse vs dense Cholesky of an InstEval-like block. Arguments restrict the dense
 * sizes (e.g. `npx tsx bench/run.ts 1128`); `sparse` runs only the sparse comparison.
 */
import { denseKernelBackend } from "../src/dense/kernel-backend";
import { benchDenseKernels } from "./dense-kernels";
import { benchSparseCholesky } from "./sparse-cholesky";

const args = process.argv.slice(2);
const requested = args.map(Number).filter(Number.isFinite);
const onlySparse = args.includes("sparse");
const sizes = requested.length > 0 ? requested : onlySparse ? [] : [100, 500, 1128, 2000];
console.log(`dense kernel backend: ${denseKernelBackend()}`);
for (const n of sizes) benchDenseKernels(n);
if (requested.length === 0 || onlySparse) benchSparseCholesky();
