// Runs one bench case in this process and prints one JSON line: construction and fit times
// (median of warm runs, after 200 warm-up fits for small cases, one for large ones), evaluations, objective and the process's peak RSS.
// Usage: node bench/case.mjs <case-id> <runs>
import { readFileSync } from "node:fs";
import { loadDataset } from "@mixedmodels/datasets";
import { fit, lmm } from "mixedmodels";

const [id, runsText] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id);
if (!benchCase) throw new Error(`no bench case '${id}'`);
const runs = Number(runsText ?? 5);

const loadStarted = performance.now();
const table = loadDataset(benchCase.dataset);
// Touch a column so lazily decoded datasets are decoded here, not inside the timed fit.
void table.columns[table.names[0]];
const loadMs = performance.now() - loadStarted;

function once() {
  const started = performance.now();
  const model = lmm(benchCase.formula, table);
  const built = performance.now();
  fit(model, { reml: benchCase.reml });
  const finished = performance.now();
  const summary = model.summary();
  return {
    constructMs: built - started,
    fitMs: finished - built,
    totalMs: finished - started,
    evaluations: summary.optimization.evaluations,
    objective: summary.objective,
  };
}

// Warm-up: JIT and caches. A small fit needs many runs before V8 has optimized its hot paths;
// a large one reaches its steady state in one.
const warmupFits = benchCase.large ? 1 : 200;
for (let run = 0; run < warmupFits; run++) once();
const samples = [];
for (let run = 0; run < runs; run++) samples.push(once());
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fitMs = median(samples.map((sample) => sample.fitMs));
const evaluations = samples[0].evaluations;
console.log(
  JSON.stringify({
    id,
    runs,
    loadMs,
    constructMs: median(samples.map((sample) => sample.constructMs)),
    fitMs,
    totalMs: median(samples.map((sample) => sample.totalMs)),
    evaluations,
    msPerEvaluation: fitMs / evaluations,
    objective: samples[0].objective,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
