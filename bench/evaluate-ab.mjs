// Objective evaluations of one bench case at fixed θ, old against new, interleaved in one
// process (for a loaded machine): the baseline is another worktree built at the commit to compare
// with. Reports CPU (process.cpuUsage) and wall medians per evaluation, and the largest relative
// difference of the objective between the two at a few θ (0 when bit-identical).
// Usage: node bench/evaluate-ab.mjs <baseline-worktree> <case-id> [rounds=15]
import { loadSides, median, timeInterleaved } from "./ab-sides.mjs";

const { id, rounds, benchCase, sides } = await loadSides(process.argv.slice(2));
const models = {};
for (const [name, side] of Object.entries(sides)) {
  const table = side.datasets.loadDataset(benchCase.dataset);
  models[name] = side.api.lmm(benchCase.formula, table);
}
const thetaLength = models.old.theta.length;
const thetas = [1, 0.5, 2.5, 0.2].map((scale) =>
  Array.from({ length: thetaLength }, (_, i) => scale * (1 + 0.1 * i)),
);
let maxRelative = 0;
for (const theta of thetas) {
  const a = models.old.objectiveAt(theta, benchCase.reml);
  const b = models.new.objectiveAt(theta, benchCase.reml);
  maxRelative = Math.max(maxRelative, Math.abs(a - b) / Math.abs(a));
}
const { times, cpu } = timeInterleaved(rounds, (name, round) => {
  models[name].objectiveAt(thetas[round % thetas.length], benchCase.reml);
});
console.log(
  JSON.stringify({
    id,
    rounds,
    oldCpuMedianMs: +median(cpu.old).toFixed(2),
    newCpuMedianMs: +median(cpu.new).toFixed(2),
    oldWallMedianMs: +median(times.old).toFixed(2),
    newWallMedianMs: +median(times.new).toFixed(2),
    oldMinMs: +Math.min(...times.old).toFixed(2),
    newMinMs: +Math.min(...times.new).toFixed(2),
    maxRelativeDifference: maxRelative,
  }),
);
