import { gemm } from "../src/dense/gemm";
import { potrf } from "../src/dense/potrf";
import { createRandom, randomMatrix, randomSpdMatrix } from "../src/dense/random-matrices";
import { syrk } from "../src/dense/syrk";
import { trsm } from "../src/dense/trsm";
import { formatRate, timeBest } from "./timing";

/** Benchmarks potrf, syrk, gemm and trsm at one size and prints one line per kernel. */
export function benchDenseKernels(n: number): void {
  const random = createRandom(n);
  const spd = randomSpdMatrix(random, n);
  const work = new Float64Array(n * n);
  const potrfMs = timeBest(
    () => work.set(spd),
    () => {
      if (potrf(n, work, 0, n) !== -1) throw new Error("benchmark matrix is not SPD");
    },
  );
  console.log(formatRate("potrf", n, n ** 3 / 3, potrfMs));

  const a = randomMatrix(random, n, n);
  const b = randomMatrix(random, n, n);
  const c = new Float64Array(n * n);
  const syrkMs = timeBest(
    () => {},
    () => syrk(n, n, -1, a, 0, n, 1, c, 0, n),
  );
  console.log(formatRate("syrk", n, n ** 3, syrkMs));

  const gemmMs = timeBest(
    () => {},
    () => gemm(false, true, n, n, n, -1, a, 0, n, b, 0, n, 1, c, 0, n),
  );
  console.log(formatRate("gemm", n, 2 * n ** 3, gemmMs));

  const factor = Float64Array.from(spd);
  potrf(n, factor, 0, n);
  const rhs = new Float64Array(n * n);
  const trsmMs = timeBest(
    () => rhs.set(b),
    () => trsm("right", true, n, n, 1, factor, 0, n, rhs, 0, n),
  );
  console.log(formatRate("trsm", n, n ** 3, trsmMs));
}
