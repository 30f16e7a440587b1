/**
 * Times buildModelParts for InstEval's seed model `y ~ 1 + dept*service + (1|s) + (1|d)` from an
 * already loaded table (target < 300 ms). Run: `npx tsx bench/insteval.ts` in this package.
 */
import { readFileSync } from "node:fs";
import { buildModelParts, parseCsv } from "../src/index";
import { bar, model, term } from "../test/formula-helper";

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

const formula = model({
  response: "y",
  fixed: [term("dept"), term("service"), term("dept", "service")],
  random: [bar({}, "s"), bar({}, "d")],
});

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
