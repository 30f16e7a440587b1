// The DuckDB engine at scale: time to form A by SQL (rows per second), fit time and the peak RSS
// of this Node process (DuckDB runs inside it, so its memory is counted too), for the synthetic
// students × schools data of duckdb-synthetic.mjs. Run after `pnpm build` (uses dist/):
//   node bench/duckdb-scale.mjs --rows 10000000 [--file F.parquet] [--no-fit] [--threads 2]
//     [--memory-limit 2GB] [--verbose]   (--verbose prints every evaluation of the fit)
// The Parquet file is generated first when missing (not timed). Results: bench/results/duckdb-scale-<rows>.json.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { lmmFromDuckDB } from "@mixedmodels/duckdb";
import { bobyqa } from "@mixedmodels/optim";
import { scaleShape, writeSynthetic } from "./duckdb-synthetic.mjs";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "10000000" },
    file: { type: "string" },
    "no-fit": { type: "boolean", default: false },
    threads: { type: "string", default: "2" },
    "memory-limit": { type: "string", default: "2GB" },
    verbose: { type: "boolean", default: false },
  },
});
const rows = Number(values.rows);
const file = values.file ?? `/tmp/mixedmodels-scale-${rows}.parquet`;
if (!existsSync(file)) {
  const started = performance.now();
  await writeSynthetic(rows, file);
  console.log(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const formula = `y ~ 1 + ${Array.from({ length: scaleShape.columns }, (_, k) => `x${k + 1}`).join(" + ")} + (1|student) + (1|school)`;
const instance = await DuckDBInstance.create(":memory:", {
  threads: values.threads,
  memory_limit: values["memory-limit"],
});
const connection = await instance.connect();
const load = loadavg()[0];
const started = performance.now();
const model = await lmmFromDuckDB(formula, `read_parquet('${file}')`, { connection });
const formSeconds = (performance.now() - started) / 1000;
const formRss = peakRssMB();
console.log(
  `A formed in ${formSeconds.toFixed(1)} s (${Math.round(rows / formSeconds).toLocaleString("en-US")} rows/s), peak RSS ${formRss.toFixed(0)} MB`,
);
const result = {
  rows,
  formula,
  threads: Number(values.threads),
  memoryLimit: values["memory-limit"],
  loadAverage: load,
  formSeconds,
  rowsPerSecond: rows / formSeconds,
  peakRssAfterFormMB: formRss,
  blocks: model.blockDescription(),
};
if (!values["no-fit"]) {
  const fitStarted = performance.now();
  model.fit({ optimizer: bobyqa(), verbose: values.verbose });
  Object.assign(result, {
    fitSeconds: (performance.now() - fitStarted) / 1000,
    evaluations: model.optsum?.evaluations,
    objective: model.objective,
    theta: Array.from(model.theta),
    sigma: model.sigma,
  });
  console.log(
    `fitted in ${result.fitSeconds.toFixed(1)} s (${result.evaluations} evaluations), objective ${model.objective}`,
  );
}
result.peakRssMB = peakRssMB();
console.log(`peak RSS ${result.peakRssMB.toFixed(0)} MB`);
connection.closeSync();
instance.closeSync();
const out = join(import.meta.dirname, "results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `duckdb-scale-${rows}.json`), `${JSON.stringify(result, null, 2)}\n`);
