// Runs one bench case in this process and prints one JSON line: construction and fit times
// (median of warm runs, after 200 warm-up fits for small cases, one for large ones), evaluations, objective and the process's peak RSS.
// Usage: node bench/case.mjs <case-id> <runs>
import { readFileSync } from "node:fs";
import { loadDataset } from "@mixedmodels/datasets";
import { fit, glmm, lmm } from "mixedmodels";
import { movielensShapedTable } from "./movielens-synthetic.mjs";

const [id, runsText] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id);
if (!benchCase) throw new Error(`no bench case '${id}'`);
const runs = benchCase.runs ?? Number(runsText ?? 5);
// Generated data sets are built here, from their fixed seed, before anything is timed.
const generators = { "movielens-synthetic": movielensShapedTable };

const loadStarted = performance.now();
const table = benchCase.generated
  ? generators[benchCase.dataset]()
  : responseAsNumbers(loadDataset(benchCase.dataset));
// Touch a column so lazily decoded datasets are decoded here, not inside the timed fit.
void table.columns[table.names[0]];
const loadMs = performance.now() - loadStarted;

/**
 * A GLMM case's two-level factor response (VerbAgg's r2: N/Y) as 0/1 with the first level the
 * failure, as glmer reads it, so the case does not depend on how the model-matrix layer reads it.
 */
function responseAsNumbers(data) {
  if (!benchCase.glmm) return data;
  const name = benchCase.formula.split("~")[0].trim();
  const column = data.columns[name];
  if (column?.kind !== "categorical") return data;
  const values = Float64Array.from(column.codes, (code) => (code < 0 ? Number.NaN : code));
  return { ...data, columns: { ...data.columns, [name]: { kind: "numeric", values } } };
}

function build() {
  if (!benchCase.glmm) return lmm(benchCase.formula, table);
  return glmm(benchCase.formula, table, {
    family: benchCase.family,
    ...(benchCase.link ? { link: benchCase.link } : {}),
    ...(benchCase.weights ? { weights: benchCase.weights } : {}),
  });
}

function once() {
  const started = performance.now();
  const model = build();
  const built = performance.now();
  if (benchCase.glmm) fit(model, { nAGQ: benchCase.nAGQ });
  else fit(model, { reml: benchCase.reml });
  const finished = performance.now();
  // A GLMM's standard errors come from a finite-difference Hessian (2d² evaluations, as glmer
  // computes it inside the glmer call), so the summary is inside the timed total for GLMMs.
  const summary = model.summary();
  const summarized = performance.now();
  const pirls = benchCase.glmm ? model.pirlsIterations : [];
  return {
    constructMs: built - started,
    fitMs: finished - built,
    summaryMs: summarized - finished,
    totalMs: (benchCase.glmm ? summarized : finished) - started,
    evaluations: summary.optimization.evaluations,
    pirlsPerEvaluation: pirls.length ? pirls.reduce((a, b) => a + b, 0) / pirls.length : null,
    objective: benchCase.glmm ? -2 * summary.loglik : summary.objective,
  };
}

// Warm-up: JIT and caches. A small fit needs many runs before V8 has optimized its hot paths;
// a large one reaches its steady state in one. Small GLMMs are warmed like small linear models
// (200 fits; they had 10, which left most of a cbpp fit to V8's compilers: 8.7 ms after 10,
// 2.75 ms after 400). The first fit in the process is reported beside the warm median.
// MovieLens' fit takes long enough to warm itself: `warmupFits` in cases.json overrides.
const warmupFits = benchCase.warmupFits ?? (benchCase.large ? 1 : 200);
const firstTotalMs = warmupFits > 0 ? once().totalMs : null;
for (let run = 1; run < warmupFits; run++) once();
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
    firstTotalMs,
    evaluations,
    msPerEvaluation: fitMs / evaluations,
    summaryMs: median(samples.map((sample) => sample.summaryMs)),
    pirlsPerEvaluation: samples[0].pirlsPerEvaluation,
    objective: samples[0].objective,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
