/**
 * Kernel benchmarks: `npx tsx bench/run.ts` from packages/linalg. Prints one line per kernel and
 * size. Optional arguments restrict the sizes, e.g. `npx tsx bench/run.ts 1128`.
 */
import { benchDenseKernels } from "./dense-kernels";

const requested = process.argv.slice(2).map(Number).filter(Number.isFinite);
const sizes = requested.length > 0 ? requested : [100, 500, 1128, 2000];
for (const n of sizes) benchDenseKernels(n);
