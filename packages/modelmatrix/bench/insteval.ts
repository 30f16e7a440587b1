/**
 * Times buildModelParts for InstEval's seed model `y ~ 1 + dept*service + (1|s) + (1|d)` from an
 * already loaded table (target < 300 ms), `dept` and `service` categorical with the schema's
 * levels. Run in this package: `npx tsx bench/insteval.ts`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const sourceCondition = "--conditions=@mixedmodels/source";

if (!process.execArgv.includes(sourceCondition)) {
  // Sibling packages resolve to their TypeScript sources only under this export condition.
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, [sourceCondition, "--import", "tsx", script], {
    stdio: "inherit",
  });
  process.exit(run.status ?? 1);
}

const { parseFormula } = await import("@mixedmodels/formula");
const { buildModelParts, parseCsv } = await import("../src/index");

const fixtures = new URL("../test/fixtures/datasets/", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("insteval.schema.json", fixtures), "utf8")) as {
  columns: Record<string, { type: string; levels?: string[] }>;
};
const levels: Record<string, string[]> = {};
for (const [name, info] of Object.entries(schema.columns)) {
  if (info.levels) levels[name] = info.levels;
}
let start = performance.now();
const table = parseCsv(readFileSync(new URL("insteval.csv", fixtures), "utf8"), { levels });
console.log(`parse InstEval CSV: ${(performance.now() - start).toFixed(0)} ms`);

const formula = parseFormula("y ~ 1 + dept*service + (1|s) + (1|d)");
const times: number[] = [];
for (let run = 0; run < 7; run++) {
  start = performance.now();
  const parts = buildModelParts(formula, table);
  times.push(performance.now() - start);
  if (parts.X.p !== 28) throw new Error(`expected 28 columns, got ${parts.X.p}`);
}
times.sort((a, b) => a - b);
console.log(
  `buildModelParts(InstEval seed): median ${times[3].toFixed(0)} ms, min ${times[0].toFixed(0)} ms over 7 runs (target < 300 ms)`,
);
