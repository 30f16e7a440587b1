// The scale data of duckdb-synthetic.mjs through the in-memory path, beside the DuckDB engine in
// the same process: the in-memory table and model are built first (time and peak RSS recorded
// before DuckDB forms A), then both models' objectives at the same θ values are compared. The fit
// itself is not repeated: from the same A both paths take the same evaluations. Not a test.
//   node bench/duckdb-vs-memory.mjs --rows 10000000   (after pnpm build; generates the file if missing)
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { lmmFromDuckDB } from "@mixedmodels/duckdb";
import { LinearMixedModel } from "@mixedmodels/models";
import { scaleShape, writeSynthetic } from "./duckdb-synthetic.mjs";

const { values } = parseArgs({ options: { rows: { type: "string", default: "10000000" } } });
const rows = Number(values.rows);
const file = `/tmp/mixedmodels-scale-${rows}.parquet`;
if (!existsSync(file)) await writeSynthetic(rows, file);
const peakRssMB = () => process.resourceUsage().maxRSS / 1024;
const names = [
  "student",
  "school",
  ...Array.from({ length: scaleShape.columns }, (_, k) => `x${k + 1}`),
  "y",
];
const formula = `y ~ 1 + ${names.slice(2, -1).join(" + ")} + (1|student) + (1|school)`;
const instance = await DuckDBInstance.create(":memory:", { threads: "2", memory_limit: "2GB" });
const connection = await instance.connect();
console.log(`load average ${loadavg()[0].toFixed(1)}, RSS at start ${peakRssMB().toFixed(0)} MB`);

let started = performance.now();
const columns = Object.fromEntries(names.map((name) => [name, new Float64Array(rows)]));
const result = await connection.stream(
  `SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM read_parquet('${file}')`,
);
let at = 0;
for (;;) {
  const chunk = await result.fetchChunk();
  if (chunk === null || chunk.rowCount === 0) break;
  chunk.getColumns().forEach((cells, c) => {
    const target = columns[names[c]];
    for (let r = 0; r < cells.length; r++) target[at + r] = Number(cells[r]);
  });
  at += chunk.rowCount;
}
// The grouping factors as text levels (the in-memory path's categorical columns).
const table = {
  ...columns,
  student: Array.from(columns.student, String),
  school: Array.from(columns.school, String),
};
const loadSeconds = (performance.now() - started) / 1000;
console.log(
  `rows into JavaScript: ${loadSeconds.toFixed(1)} s, peak RSS ${peakRssMB().toFixed(0)} MB`,
);
started = performance.now();
const memory = LinearMixedModel.fromFormula(formula, table);
const constructSeconds = (performance.now() - started) / 1000;
console.log(
  `in-memory model built: ${constructSeconds.toFixed(1)} s, peak RSS ${peakRssMB().toFixed(0)} MB`,
);

started = performance.now();
const fromDuckDB = await lmmFromDuckDB(formula, `read_parquet('${file}')`, { connection });
console.log(
  `DuckDB: A formed in ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${peakRssMB().toFixed(0)} MB (both models held)`,
);
for (const theta of [
  [0.5, 0.3],
  [1, 1],
]) {
  started = performance.now();
  const a = memory.objectiveAt(theta);
  const seconds = (performance.now() - started) / 1000;
  const b = fromDuckDB.objectiveAt(theta);
  console.log(
    `θ = ${theta}: in memory ${a} (${seconds.toFixed(1)} s), DuckDB ${b}, relative difference ${(Math.abs(a - b) / Math.abs(a)).toExponential(2)}`,
  );
}
connection.closeSync();
instance.closeSync();
