// Where a GLMM bench case's time goes, phase by phase: construction, stage 1 (θ alone, β in
// PIRLS), stage 2 ([β; θ]), the rest of fit() (rectifying θ, the final install) and the
// summary (the finite-difference Hessian), with evaluations and working-model installs per phase.
// Phases are told apart by the progress callback's timestamps (stage 1's parameters are θ alone).
// Runs against the built dist/ by default; with `--conditions=@mixedmodels/source --import tsx`
// on the sources. Under `node --cpu-prof` it shows the functions too.
// Usage: node bench/profile-glmm.mjs <case-id> [fits=3] [--count-installs]
import { readFileSync } from "node:fs";
import { loadDataset } from "@mixedmodels/datasets";
import { fit, glmm } from "mixedmodels";

const args = process.argv.slice(2);
const countInstalls = args.includes("--count-installs");
const [id, fitsText] = args.filter((arg) => !arg.startsWith("--"));
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id && entry.glmm);
if (!benchCase) throw new Error(`no GLMM bench case '${id}'`);
const fits = Number(fitsText ?? 3);

const raw = loadDataset(benchCase.dataset);
const responseName = benchCase.formula.split("~")[0].trim();
const column = raw.columns[responseName];
// As case.mjs: a two-level factor response as 0/1, the first level the failure.
const table =
  column?.kind === "categorical"
    ? {
        ...raw,
        columns: {
          ...raw.columns,
          [responseName]: {
            kind: "numeric",
            values: Float64Array.from(column.codes, (c) => (c < 0 ? Number.NaN : c)),
          },
        },
      }
    : raw;

function once() {
  const t0 = performance.now();
  const model = glmm(benchCase.formula, table, {
    family: benchCase.family,
    ...(benchCase.link ? { link: benchCase.link } : {}),
    ...(benchCase.weights ? { weights: benchCase.weights } : {}),
  });
  const t1 = performance.now();
  let installs = 0;
  if (countInstalls) {
    const evaluator = model.evaluator;
    const original = evaluator.install.bind(evaluator);
    evaluator.install = (...args) => {
      installs++;
      return original(...args);
    };
  }
  const thetaLength = model.system.layout.length;
  const marks = [];
  fit(model, {
    nAGQ: benchCase.nAGQ,
    progress: (_evaluation, parameters) =>
      marks.push({
        at: performance.now(),
        stage: parameters.length === thetaLength ? 1 : 2,
        installs,
      }),
  });
  const t2 = performance.now();
  const installsAfterFit = installs;
  const summary = model.summary();
  const t3 = performance.now();
  const stage1 = marks.filter((mark) => mark.stage === 1);
  const stage2 = marks.filter((mark) => mark.stage === 2);
  const lastStage1 = stage1.at(-1)?.at ?? t1;
  const lastStage2 = stage2.at(-1)?.at ?? lastStage1;
  return {
    constructMs: t1 - t0,
    stage1Ms: lastStage1 - t1,
    stage2Ms: lastStage2 - lastStage1,
    restOfFitMs: t2 - lastStage2,
    summaryMs: t3 - t2,
    totalMs: t3 - t0,
    stage1Evaluations: stage1.length,
    stage2Evaluations: stage2.length,
    installsStage1: stage1.at(-1)?.installs ?? 0,
    installsStage2: (stage2.at(-1)?.installs ?? 0) - (stage1.at(-1)?.installs ?? 0),
    installsFit: installsAfterFit,
    installsSummary: installs - installsAfterFit,
    objective: -2 * summary.loglik,
    // Stage 2's tail: the evaluations after the best value so far first came within 1e-k of
    // the stage's final best (how much a looser stop plus a polish could save).
    ...tail(model.fitLog.slice(stage1.length, stage1.length + stage2.length)),
  };
}

function tail(log) {
  if (log.length === 0) return {};
  const best = Math.min(...log.map((entry) => entry.objective));
  const out = {};
  for (const k of [2, 3, 4, 5, 6]) {
    let running = Number.POSITIVE_INFINITY;
    let first = log.length;
    for (let i = 0; i < log.length; i++) {
      running = Math.min(running, log[i].objective);
      if (running - best <= 10 ** -k) {
        first = i + 1;
        break;
      }
    }
    out[`stage2After1e-${k}`] = log.length - first;
  }
  return out;
}

const results = [];
for (let run = 0; run < fits; run++) results.push(once());
// The first fit is cold (JIT); report the median of the others.
const warm = results.length > 1 ? results.slice(1) : results;
const median = (key) => {
  const sorted = warm.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const out = { id };
for (const key of Object.keys(results[0])) out[key] = Number(median(key).toFixed(3));
console.log(JSON.stringify(out));
