// Parametric bootstrap throughput, replicates per second, for bench/bootstrap-cases.json with 1
// and 2 worker threads, beside lme4::bootMer in the same run (--vs-lme4). Not a test.
// Usage: node bench/bootstrap.mjs [--vs-lme4] [--only id,id] [--replicates k]   (after pnpm build)
// --replicates replaces the cases' count of our replicates (a shorter run on a loaded machine).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parametricBootstrap } from "@mixedmodels/bootstrap";
import { loadDataset } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    "vs-lme4": { type: "boolean" },
    only: { type: "string" },
    replicates: { type: "string" },
  },
});
const only = values.only ? new Set(values.only.split(",")) : null;
const replicates = values.replicates === undefined ? null : Number(values.replicates);
if (replicates !== null && !(Number.isSafeInteger(replicates) && replicates > 0)) {
  throw new Error(`--replicates must be a positive integer, got '${values.replicates}'`);
}
const cases = JSON.parse(readFileSync(join(here, "bootstrap-cases.json"), "utf8"))
  .filter((entry) => !only || only.has(entry.id))
  .map((entry) => (replicates === null ? entry : { ...entry, ours: replicates }));

const loadBefore = loadavg()[0];
const rows = [];
for (const benchCase of cases) {
  const model = LinearMixedModel.fromFormula(benchCase.formula, loadDataset(benchCase.dataset));
  model.fit({ optimizer: bobyqa() });
  // Warm-up: the JIT and, for workers, thread start-up are part of a real run but not of the rate.
  await parametricBootstrap(model, Math.min(20, benchCase.ours), { seed: 1 });
  const rate = {};
  for (const workers of [1, 2]) {
    const started = performance.now();
    await parametricBootstrap(model, benchCase.ours, { seed: 42, workers });
    rate[workers] = benchCase.ours / ((performance.now() - started) / 1000);
  }
  rows.push({
    id: benchCase.id,
    replicates: benchCase.ours,
    perSecond1: rate[1],
    perSecond2: rate[2],
  });
  process.stderr.write(
    `${benchCase.id}: ${rate[1].toPrecision(3)}/s (1 worker), ${rate[2].toPrecision(3)}/s (2)\n`,
  );
}

if (values["vs-lme4"]) {
  const output = execFileSync(
    "Rscript",
    [
      join(here, "bootstrap-lme4.R"),
      join(here, "../packages/datasets/data"),
      join(here, "bootstrap-cases.json"),
      values.only ?? "",
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const lme4 = JSON.parse(output);
  for (const row of rows) {
    const theirs = lme4.find((entry) => entry.id === row.id);
    row.lme4PerSecond = theirs?.per_second ?? null;
  }
}

const loadAfter = loadavg()[0];
console.log(`load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
console.log(
  "| case | ours, 1 worker (rep/s) | ours, 2 workers (rep/s) | bootMer (rep/s) | 2 workers / bootMer |",
);
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  const lme4 = row.lme4PerSecond;
  const ratio = lme4 ? `${(row.perSecond2 / lme4).toFixed(1)}×` : "–";
  console.log(
    `| ${row.id} | ${row.perSecond1.toPrecision(3)} | ${row.perSecond2.toPrecision(3)} | ${lme4 ? lme4.toPrecision(3) : "–"} | ${ratio} |`,
  );
}
