// Objective evaluations of one bench case at fixed θ, old against new, interleaved in one
// process (for a loaded machine): the baseline is another worktree built at the commit to compare
// with. Reports CPU (process.cpuUsage) and wall medians per evaluation, and the largest relative
// difference of the objective between the two at a few θ (0 when bit-identical).
// Usage: node bench/evaluate-ab.mjs <baseline-worktree> <case-id> [rounds=15]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [baseRoot, id, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText ?? 15);
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id);
if (!benchCase) throw new Error(`no bench case '${id}'`);
const load = async (root) => ({
  api: await import(pathToFileURL(`${root}/packages/mixedmodels/dist/index.js`).href),
  datasets: await import(pathToFileURL(`${root}/packages/datasets/dist/index.js`).href),
});
const sides = {
  old: await load(baseRoot),
  new: await load(new URL("..", import.meta.url).pathname.replace(/\/$/, "")),
};
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
const times = { old: [], new: [] };
const cpu = { old: [], new: [] };
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? ["old", "new"] : ["new", "old"]) {
    const theta = thetas[round % thetas.length];
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    models[name].objectiveAt(theta, benchCase.reml);
    const used = process.cpuUsage(cpuStarted);
    times[name].push(performance.now() - started);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
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
