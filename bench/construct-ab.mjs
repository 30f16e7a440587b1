// Construction of one bench case, old against new, interleaved in one process (for a loaded
// machine): the baseline is another worktree built at the commit to compare with. Reports wall
// time and the process's CPU time (process.cpuUsage, user + system: on a machine loaded past its
// cores the waiting for a core drops out of it). Also checks that both give the same objective,
// bit for bit, at a few θ.
// Usage: node bench/construct-ab.mjs <baseline-worktree> <case-id> [rounds=15]
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
const tables = {};
for (const [name, side] of Object.entries(sides)) {
  tables[name] = side.datasets.loadDataset(benchCase.dataset);
  void tables[name].columns[tables[name].names[0]];
}
const times = { old: [], new: [] };
const cpu = { old: [], new: [] };
const models = {};
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? ["old", "new"] : ["new", "old"]) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    models[name] = sides[name].api.lmm(benchCase.formula, tables[name]);
    const used = process.cpuUsage(cpuStarted);
    times[name].push(performance.now() - started);
    cpu[name].push((used.user + used.system) / 1000);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
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
