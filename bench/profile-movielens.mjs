// Where the time of the MovieLens-shaped model goes: construction, then `evaluations` objective
// evaluations at fixed θ, each timed. Run under `node --cpu-prof` for a profile.
// Usage: node [--cpu-prof --cpu-prof-dir=/tmp/prof] bench/profile-movielens.mjs [evaluations]
import { lmm } from "mixedmodels";
import { movielensShapedTable } from "./movielens-synthetic.mjs";

const evaluations = Number(process.argv[2] ?? 3);
const table = movielensShapedTable();
const started = performance.now();
const model = lmm("rating ~ 1 + (1|user) + (1|item)", table);
const built = performance.now();
console.log(`construct ${(built - started).toFixed(0)} ms`);
console.log(JSON.stringify(model.blockDescription()));
for (let run = 0; run < evaluations; run++) {
  const before = performance.now();
  const value = model.objectiveAt([0.5 + 0.01 * run, 0.6]);
  console.log(
    `evaluation ${run + 1}: ${(performance.now() - before).toFixed(0)} ms, objective ${value}`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
