// Inference beside lmerTest / pbkrtest / lme4 in the same run: Satterthwaite coeftable + type III
// anova, Kenward–Roger coeftable + type III anova, profile intervals (bench/inference-cases.json).
// Each case: fit once (untimed), one warm-up of the step on a second fit for small cases, then the
// step timed once on a fresh fit (no cached derivatives). Not a test.
// Usage: node bench/inference.mjs [--vs-r] [--only id,id]   (after pnpm build)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadDataset } from "@mixedmodels/datasets";
import { anova, coeftable, confint } from "@mixedmodels/inference";
import { parseCsv } from "@mixedmodels/modelmatrix";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { "vs-r": { type: "boolean" }, only: { type: "string" } },
});
const only = values.only ? new Set(values.only.split(",")) : null;
const cases = JSON.parse(readFileSync(join(here, "inference-cases.json"), "utf8")).filter(
  (entry) => !only || only.has(entry.id),
);
if (
  cases.some((c) => c.dataset === "simulated4000") &&
  !existsSync(join(here, "results", "simulated4000.csv"))
)
  execFileSync(process.execPath, [join(here, "inference-simulated.mjs")]);

function data(name) {
  if (name !== "simulated4000") return loadDataset(name);
  return parseCsv(readFileSync(join(here, "results", "simulated4000.csv"), "utf8"));
}

function step(model, task) {
  if (task === "profile") return confint(model, { method: "profile" });
  const ddf = task;
  coeftable(model, { ddf });
  if (model.parts.formula.fixed.length > 0) anova(model, { type: 3, ddf });
}

const loadBefore = loadavg()[0];
const rows = [];
for (const c of cases) {
  const table = data(c.dataset);
  const fitted = () =>
    LinearMixedModel.fromFormula(c.formula, table, { reml: c.reml }).fit({ optimizer: bobyqa() });
  if (!c.large) step(fitted(), c.task);
  const model = fitted();
  const started = performance.now();
  step(model, c.task);
  const seconds = (performance.now() - started) / 1000;
  rows.push({ id: c.id, seconds });
  process.stderr.write(`${c.id}: ${seconds.toPrecision(3)} s\n`);
}

if (values["vs-r"]) {
  const output = execFileSync(
    "Rscript",
    [
      join(here, "inference-R.R"),
      join(here, "../packages/datasets/data"),
      join(here, "results"),
      join(here, "inference-cases.json"),
      values.only ?? "",
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const theirs = JSON.parse(output);
  for (const row of rows)
    row.rSeconds = theirs.find((entry) => entry.id === row.id)?.seconds ?? null;
}

console.log(`load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log("| case | ours (s) | lmerTest / pbkrtest / lme4 (s) | R / ours |");
console.log("| --- | ---: | ---: | ---: |");
for (const row of rows) {
  const r = row.rSeconds;
  console.log(
    `| ${row.id} | ${row.seconds.toPrecision(3)} | ${r ? r.toPrecision(3) : "–"} | ${r ? `${(r / row.seconds).toFixed(1)}×` : "–"} |`,
  );
}
