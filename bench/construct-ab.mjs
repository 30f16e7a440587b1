// Construction of one bench case, old against new, interleaved in one process (for a loaded
// machine): the baseline is another worktree built at the commit to compare with. Reports wall
// time and the process's CPU time (process.cpuUsage, user + system: on a machine loaded past its
// cores the waiting for a core drops out of it). Also checks that both give the same objective,
// bit for bit, at a few θ.
// Usage: node bench/construct-ab.mjs <baseline-worktree> <case-id> [rounds=15]
import { loadSides, median, timeInterleaved } from "./ab-sides.mjs";

const { id, rounds, benchCase, sides } = await loadSides(process.argv.slice(2));
const tables = {};
for (const [name, side] of Object.entries(sides)) {
  tables[name] = side.datasets.loadDataset(benchCase.dataset);
  void tables[name].columns[tables[name].names[0]];
}
const models = {};
const { times, cpu } = timeInterleaved(rounds, (name) => {
  models[name] = sides[name].api.lmm(benchCase.formula, tables[name]);
});
const thetaLength = models.old.theta.length;
let identical = true;
for (const scale of [1, 0.5, 2.5]) {
  const theta = Array.from({ length: thetaLength }, (_, i) => scale * (1 + 0.1 * i));
  const a = models.old.objectiveAt(theta, benchCase.reml);
  const b = models.new.objectiveAt(theta, benchCase.reml);
  if (!Object.is(a, b)) identical = false;
}
console.log(
  JSON.stringify({
    id,
    rounds,
    oldMedianMs: +median(times.old).toFixed(1),
    newMedianMs: +median(times.new).toFixed(1),
    oldMinMs: +Math.min(...times.old).toFixed(1),
    newMinMs: +Math.min(...times.new).toFixed(1),
    oldCpuMedianMs: +median(cpu.old).toFixed(1),
    newCpuMedianMs: +median(cpu.new).toFixed(1),
    identicalObjective: identical,
  }),
);
