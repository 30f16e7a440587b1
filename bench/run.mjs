// The benchmark: fits the cases of bench/cases.json, each in its own Node process (so peak RSS
// is per case), warm, median of several runs; optionally fits the same cases with lme4 in one R
// process and prints lme4's time over ours. Writes bench/results/latest.{json,md}.
// Usage: pnpm bench [--vs-lme4] [--runs N] [--large-runs N] [--only id,id]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const { values } = parseArgs({
  options: {
    "vs-lme4": { type: "boolean" },
    runs: { type: "string" },
    "large-runs": { type: "string" },
    only: { type: "string" },
  },
});
const runs = Number(values.runs ?? 9);
const largeRuns = Number(values["large-runs"] ?? 3);
const only = values.only ? new Set(values.only.split(",")) : null;
const cases = JSON.parse(readFileSync(join(here, "cases.json"), "utf8")).filter(
  (entry) => !only || only.has(entry.id),
);

/**
 * The cases as a JSON file for lme4.R: generated data sets are written once as CSV to the temp
 * directory (the same rows our fit sees) and named in the case's `csv` field.
 */
function casesForR(selected) {
  const written = new Map();
  const withCsv = selected.map((entry) => {
    if (!entry.generated) return entry;
    if (!written.has(entry.dataset)) {
      const output = execFileSync(
        process.execPath,
        [join(here, "write-generated-csv.mjs"), entry.dataset, tmpdir()],
        { encoding: "utf8" },
      );
      written.set(entry.dataset, output.trim());
    }
    return { ...entry, csv: written.get(entry.dataset) };
  });
  const path = join(tmpdir(), "mixedmodels-bench-cases.json");
  writeFileSync(path, JSON.stringify(withCsv));
  return path;
}

const loadBefore = loadavg();
const ours = [];
for (const benchCase of cases) {
  const output = execFileSync(
    process.execPath,
    [join(here, "case.mjs"), benchCase.id, String(benchCase.large ? largeRuns : runs)],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const result = JSON.parse(output.trim().split("\n").at(-1));
  ours.push(result);
  process.stderr.write(`${benchCase.id}: ${result.totalMs.toFixed(2)} ms\n`);
}

// The whole CLI process for sleepstudy, wall time, median of 5.
const cliTimes = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  const cli = spawnSync(
    process.execPath,
    [
      join(root, "packages/cli/dist/bin.js"),
      "fit",
      "sleepstudy",
      "--formula",
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      "--json",
    ],
    { encoding: "utf8" },
  );
  if (cli.status !== 0) throw new Error(`CLI failed: ${cli.stderr}`);
  cliTimes.push(performance.now() - started);
}
cliTimes.sort((a, b) => a - b);
const cliMs = cliTimes[2];

let lme4 = null;
if (values["vs-lme4"]) {
  const rscript = spawnSync("Rscript", ["--version"], { encoding: "utf8" });
  if (rscript.status !== 0) {
    process.stderr.write(
      "Rscript not found: install with apt-get install -y r-base-core r-cran-lme4\n",
    );
  } else {
    const output = execFileSync(
      "Rscript",
      [
        join(here, "lme4.R"),
        join(root, "packages/datasets/data"),
        casesForR(cases),
        String(Math.min(runs, 5)),
        String(largeRuns),
      ],
      { encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "ignore"] },
    );
    lme4 = JSON.parse(output);
  }
}

const rows = ours.map((result) => {
  const found = lme4?.find((entry) => entry.id === result.id);
  // lme4.R leaves `seconds` out for a case it gave up on after `timedOut` seconds.
  const other = typeof found?.seconds === "number" ? found : null;
  return {
    ...result,
    lme4Ms: other ? other.seconds * 1000 : null,
    lme4Evaluations: other ? other.evaluations : null,
    lme4Objective: other ? other.objective : null,
    speedup: other ? (other.seconds * 1000) / result.totalMs : null,
    lme4TimedOutSeconds: found?.timedOut ?? null,
  };
});
const fmt = (value, digits = 2) =>
  value === null || value === undefined ? "–" : value.toFixed(digits);
const lines = [
  `| case | construct ms | fit ms | total ms | first fit ms | evals | ms/eval | PIRLS/eval | peak RSS MB | objective${lme4 ? " | lme4 ms | lme4 evals | lme4 / ours" : ""} |`,
  `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:${lme4 ? "|---:|---:|---:" : ""}|`,
  ...rows.map(
    (row) =>
      `| ${row.id} | ${fmt(row.constructMs)} | ${fmt(row.fitMs)} | ${fmt(row.totalMs)} | ${fmt(row.firstTotalMs)} | ${row.evaluations} | ${fmt(row.msPerEvaluation, 3)} | ${fmt(row.pirlsPerEvaluation)} | ${fmt(row.peakRssMb, 0)} | ${row.objective.toFixed(6)}${lme4 ? ` | ${row.lme4TimedOutSeconds ? `> ${row.lme4TimedOutSeconds * 1000}` : fmt(row.lme4Ms, 1)} | ${row.lme4Evaluations ?? "–"} | ${fmt(row.speedup, 1)}×` : ""} |`,
  ),
  "",
  `CLI process, sleepstudy \`fit --json\`: ${cliMs.toFixed(0)} ms wall (median of 5).`,
  "",
  `Machine load average (1/5/15 min) at the start: ${loadBefore.map((x) => x.toFixed(2)).join(" / ")}; at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ")}. Node ${process.version}, ${new Date().toISOString()}.`,
];
const table = lines.join("\n");
console.log(table);
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(
  join(here, "results/latest.json"),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadBefore, loadAfter: loadavg(), rows, cliMs }, null, 2)}\n`,
);
writeFileSync(join(here, "results/latest.md"), `${table}\n`);
