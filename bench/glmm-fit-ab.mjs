// A GLMM bench case's whole fit (construct + fit + summary, what bench/run.mjs times), old
// against new, interleaved in one process: the baseline is another worktree built at the commit
// to compare with. Each side is warmed first (`warmup` fits, default 200: a small GLMM needs that
// many before V8 has optimized its hot paths), then `rounds` rounds time one fit of each side,
// alternating which goes first. Reports CPU (process.cpuUsage) and wall medians, the load
// average, both sides' counts (evaluations, PIRLS iterations, installs of the working model) and
// whether −2 log L, β and the standard errors agree bit for bit (else their largest differences).
// Usage: node bench/glmm-fit-ab.mjs <baseline-worktree> <case-id> [rounds=15] [warmup=200]
import { loadavg } from "node:os";
import { loadSides, median, timeInterleaved } from "./ab-sides.mjs";

const argv = process.argv.slice(2);
const { id, rounds, benchCase, sides } = await loadSides(argv);
if (!benchCase.glmm) throw new Error(`'${id}' is not a GLMM case`);
const warmup = Number(argv[3] ?? (benchCase.large ? 1 : 200));

/** As case.mjs: a two-level factor response as 0/1, the first level the failure. */
function tableOf(side) {
  const raw = side.datasets.loadDataset(benchCase.dataset);
  const name = benchCase.formula.split("~")[0].trim();
  const column = raw.columns[name];
  if (column?.kind !== "categorical") return raw;
  const values = Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c));
  return { ...raw, columns: { ...raw.columns, [name]: { kind: "numeric", values } } };
}

const tables = Object.fromEntries(Object.entries(sides).map(([name, s]) => [name, tableOf(s)]));
const options = {
  family: benchCase.family,
  ...(benchCase.link ? { link: benchCase.link } : {}),
  ...(benchCase.weights ? { weights: benchCase.weights } : {}),
};

/** One construct + fit + summary; with `count`, the working-model installs too. */
function once(name, count = false) {
  const { api } = sides[name];
  const model = api.glmm(benchCase.formula, tables[name], options);
  let installs = 0;
  if (count) {
    const evaluator = model.evaluator;
    const original = evaluator.install.bind(evaluator);
    evaluator.install = (...args) => {
      installs++;
      return original(...args);
    };
  }
  api.fit(model, { nAGQ: benchCase.nAGQ });
  const summary = model.summary();
  return { model, summary, installs };
}

const facts = {};
for (const name of ["old", "new"]) {
  const { model, summary, installs } = once(name, true);
  facts[name] = {
    evaluations: summary.optimization.evaluations,
    pirls: model.pirlsIterations.reduce((a, b) => a + b, 0),
    installs,
    objective: -2 * summary.loglik,
    beta: Array.from(model.fixef()),
    se: Array.from(model.stderror()),
  };
}
const maxRelative = (a, b) =>
  Math.max(...a.map((value, i) => Math.abs(value - b[i]) / Math.max(Math.abs(b[i]), 1e-300)));
const identical =
  Object.is(facts.old.objective, facts.new.objective) &&
  facts.old.beta.every((v, i) => Object.is(v, facts.new.beta[i])) &&
  facts.old.se.every((v, i) => Object.is(v, facts.new.se[i]));

for (let i = 0; i < warmup; i++) {
  once("old");
  once("new");
}
const loadBefore = loadavg()[0];
const { times, cpu } = timeInterleaved(rounds, (name) => once(name));
const loadAfter = loadavg()[0];
const counts = (side) => `${side.evaluations} evals, ${side.pirls} PIRLS, ${side.installs} installs`;
console.log(
  JSON.stringify({
    id,
    rounds,
    warmup,
    oldCpuMedianMs: +median(cpu.old).toFixed(3),
    newCpuMedianMs: +median(cpu.new).toFixed(3),
    cpuRatio: +(median(cpu.new) / median(cpu.old)).toFixed(3),
    oldWallMedianMs: +median(times.old).toFixed(3),
    newWallMedianMs: +median(times.new).toFixed(3),
    old: counts(facts.old),
    new: counts(facts.new),
    identical,
    ...(identical
      ? {}
      : {
          objectiveDifference: facts.new.objective - facts.old.objective,
          betaMaxRelative: maxRelative(facts.new.beta, facts.old.beta),
          seMaxRelative: maxRelative(facts.new.se, facts.old.se),
        }),
    load: [+loadBefore.toFixed(2), +loadAfter.toFixed(2)],
  }),
);
