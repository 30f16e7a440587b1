// Inference beside lmerTest / pbkrtest / lme4 in the same run: Satterthwaite coeftable + type III
// anova, Kenward–Roger coeftable + type III anova, profile intervals (bench/inference-cases.json).
// Both sides are timed the same way, in one process per side with the libraries loaded:
//   warm:  per case, `warmup` untimed runs of the step, then the median of `runs` timed runs;
//          every run (warm-up or timed) is on a model fitted just before it (the fit untimed),
//          so no run reuses derivatives cached on a model (ours) or a converted model (R's), and
//          a full garbage collection (untimed) precedes each timed run on both sides, so the
//          fit's garbage is not collected inside the timed step.
//   first (--first-call): the step's first run in a fresh process per case (libraries loaded and
//          the model fitted, untimed), what a script that calls it once pays, JIT included.
//   --before <module>: another build of @mixedmodels/inference (an earlier commit, bundled with
//          esbuild) timed in the same process, its runs alternating with ours, for a before/after
//          comparison at the same load.
// Not a test. Usage: node --expose-gc bench/inference.mjs [--vs-r] [--first-call] [--only id,id]
// [--before file.mjs] (after pnpm build). `--child <id>` is the first-call child process itself.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadDataset } from "@mixedmodels/datasets";
import * as inference from "@mixedmodels/inference";
import { parseCsv } from "@mixedmodels/modelmatrix";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    "vs-r": { type: "boolean" },
    "first-call": { type: "boolean" },
    only: { type: "string" },
    child: { type: "string" },
    before: { type: "string" },
    clock: { type: "string", default: "wall" },
  },
});
const allCases = JSON.parse(readFileSync(join(here, "inference-cases.json"), "utf8"));
const only = values.only ? new Set(values.only.split(",")) : null;
const cases = allCases.filter((entry) => !only || only.has(entry.id));

function data(name) {
  if (name !== "simulated4000") return loadDataset(name);
  return parseCsv(readFileSync(join(here, "results", "simulated4000.csv"), "utf8"));
}

function step(lib, model, task) {
  if (task === "profile") return lib.confint(model, { method: "profile" });
  const ddf = task;
  lib.coeftable(model, { ddf });
  if (model.parts.formula.fixed.length > 0) lib.anova(model, { type: 3, ddf });
}

// --clock cpu: the process's user + system CPU time (R: user.self + sys.self of system.time)
// instead of the elapsed time, for a loaded machine, where a step of a few milliseconds is
// mostly time spent waiting for a core.
const cpuClock = values.clock === "cpu";
const now = () => {
  if (!cpuClock) return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Seconds of one run of the step on a freshly fitted model (the fit untimed). */
function timedRun(c, table, lib = inference) {
  const model = LinearMixedModel.fromFormula(c.formula, table, { reml: c.reml }).fit({
    optimizer: bobyqa(),
  });
  globalThis.gc?.();
  const started = now();
  step(lib, model, c.task);
  return now() - started;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

if (values.child !== undefined) {
  const c = allCases.find((entry) => entry.id === values.child);
  console.log(JSON.stringify({ id: c.id, seconds: timedRun(c, data(c.dataset)) }));
  process.exit(0);
}

const simulatedCsv = join(here, "results", "simulated4000.csv");
// Regenerated when missing or written before the crossed factor h and y2 were added.
if (
  cases.some((c) => c.dataset === "simulated4000") &&
  (!existsSync(simulatedCsv) ||
    !readFileSync(simulatedCsv, "utf8").startsWith('"y","x","g","h","y2"'))
)
  execFileSync(process.execPath, [join(here, "inference-simulated.mjs")]);

if (typeof globalThis.gc !== "function")
  process.stderr.write(
    "note: run with node --expose-gc to collect garbage before each timed run\n",
  );
const earlier = values.before ? await import(pathToFileURL(values.before).href) : null;
const loadBefore = loadavg()[0];
const rows = [];
for (const c of cases) {
  const table = data(c.dataset);
  for (let i = 0; i < c.warmup; i++) {
    timedRun(c, table);
    if (earlier) timedRun(c, table, earlier);
  }
  const samples = [];
  const earlierSamples = [];
  for (let i = 0; i < c.runs; i++) {
    samples.push(timedRun(c, table));
    if (earlier) earlierSamples.push(timedRun(c, table, earlier));
  }
  const row = { id: c.id, seconds: median(samples), runs: c.runs, warmup: c.warmup };
  if (earlier) row.beforeSeconds = median(earlierSamples);
  if (values["first-call"]) {
    const output = execFileSync(
      process.execPath,
      ["--expose-gc", fileURLToPath(import.meta.url), "--child", c.id, "--clock", values.clock],
      { encoding: "utf8" },
    );
    row.firstSeconds = JSON.parse(output).seconds;
  }
  rows.push(row);
  process.stderr.write(
    `${c.id}: ${row.seconds.toPrecision(3)} s (median of ${c.runs}: ${samples.map((s) => s.toPrecision(3)).join(", ")})\n`,
  );
}

function rSide(mode) {
  const output = execFileSync(
    "Rscript",
    [
      join(here, "inference-R.R"),
      join(here, "../packages/datasets/data"),
      join(here, "results"),
      join(here, "inference-cases.json"),
      cases.map((c) => c.id).join(","),
      mode,
      values.clock,
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  return JSON.parse(output);
}

if (values["vs-r"]) {
  const theirs = rSide("warm");
  for (const row of rows) row.rSeconds = theirs.find((entry) => entry.id === row.id)?.seconds;
  if (values["first-call"]) {
    // One fresh R process per case, as ours.
    for (const row of rows) {
      const c = cases.find((entry) => entry.id === row.id);
      const first = JSON.parse(
        execFileSync(
          "Rscript",
          [
            join(here, "inference-R.R"),
            join(here, "../packages/datasets/data"),
            join(here, "results"),
            join(here, "inference-cases.json"),
            c.id,
            "first",
            values.clock,
          ],
          { encoding: "utf8", maxBuffer: 1 << 24 },
        ),
      );
      row.rFirstSeconds = first[0]?.seconds;
    }
  }
}

const fmt = (x) => (x === undefined || x === null ? "–" : x.toPrecision(3));
const ratio = (r, ours) => (r ? `${(r / ours).toFixed(1)}×` : "–");
console.log(
  `load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}; clock: ${cpuClock ? "CPU time (user + system)" : "elapsed"}`,
);
const first = values["first-call"];
const before = earlier !== null;
console.log(
  `| case | runs |${before ? " ours before (s) |" : ""} ours, warm median (s) | R, warm median (s) | R / ours |${first ? " ours, first call (s) | R, first call (s) | R / ours |" : ""}`,
);
console.log(
  `| --- | ---: |${before ? " ---: |" : ""} ---: | ---: | ---: |${first ? " ---: | ---: | ---: |" : ""}`,
);
for (const row of rows) {
  const warm = `| ${row.id} | ${row.warmup}+${row.runs} |${before ? ` ${fmt(row.beforeSeconds)} |` : ""} ${fmt(row.seconds)} | ${fmt(row.rSeconds)} | ${ratio(row.rSeconds, row.seconds)} |`;
  const cold = first
    ? ` ${fmt(row.firstSeconds)} | ${fmt(row.rFirstSeconds)} | ${ratio(row.rFirstSeconds, row.firstSeconds)} |`
    : "";
  console.log(warm + cold);
}
