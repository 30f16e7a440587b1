import { createRandom } from "../dense/random-matrices";

/**
 * A synthetic stand-in for InstEval's filled-in instructor block (tests and benchmarks only; not
 * exported). `students` each rate about `ratingsPerStudent` instructors drawn with a skewed
 * popularity; with θ = 1 the block left after eliminating the diagonal student block is
 *
 *   D = diag(counts_d) + I − A_ds·diag(1/(counts_s + 1))·A_sd,
 *
 * returned as the lower triangle in CSC (rows sorted, diagonal first) plus the dense matrix.
 */
export interface CrossedBlock {
  n: number;
  colPtr: Int32Array;
  rowIdx: Int32Array;
  values: Float64Array;
  dense: Float64Array;
}

export function syntheticCrossedBlock(
  seed: number,
  students = 2972,
  instructors = 1128,
  ratingsPerStudent = 25,
  cohorts = 150,
  poolSize = 50,
  cohortShare = 0.8,
): CrossedBlock {
  const random = createRandom(seed);
  const n = instructors;
  // Instructor popularity is log-normal (InstEval: median 31 ratings, max ~800). Students belong
  // to cohorts (programme and year) that share a pool of courses, so most of a student's ratings
  // come from the cohort's pool: that clustering keeps the real block at ~20% density.
  const weight = new Float64Array(n);
  for (let d = 0; d < n; d++) weight[d] = Math.exp(1.1 * standardNormal(random));
  const everyone = cumulativeSums(weight);
  const pools = Array.from({ length: cohorts }, () => {
    const members = Int32Array.from({ length: poolSize }, () => sample(everyone, random()));
    return { members, cumulative: cumulativeSums(Float64Array.from(members, (d) => weight[d])) };
  });
  const dense = new Float64Array(n * n);
  const chosen: number[] = [];
  for (let s = 0; s < students; s++) {
    chosen.length = 0;
    const pool = pools[Math.floor(random() * cohorts)];
    const ratings = Math.max(
      1,
      Math.round(ratingsPerStudent * Math.exp(0.5 * standardNormal(random) - 0.125)),
    );
    for (let r = 0; r < ratings; r++) {
      chosen.push(
        random() < cohortShare
          ? pool.members[sample(pool.cumulative, random())]
          : sample(everyone, random()),
      );
    }
    const share = 1 / (ratings + 1);
    for (const d of chosen) dense[d * (n + 1)] += 1;
    for (const d1 of chosen) {
      for (const d2 of chosen) dense[d1 + d2 * n] -= share;
    }
  }
  for (let d = 0; d < n; d++) dense[d * (n + 1)] += 1;
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      const value = dense[i + j * n];
      if (value !== 0 || i === j) {
        rows.push(i);
        values.push(value);
      }
    }
    colPtr[j + 1] = rows.length;
  }
  return { n, colPtr, rowIdx: Int32Array.from(rows), values: Float64Array.from(values), dense };
}

function standardNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function cumulativeSums(weight: Float64Array): Float64Array {
  const out = new Float64Array(weight.length);
  let sum = 0;
  for (let d = 0; d < weight.length; d++) {
    sum += weight[d];
    out[d] = sum;
  }
  return out;
}

/** Index d with cumulative[d − 1] ≤ u·total < cumulative[d], by bisection. */
function sample(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
