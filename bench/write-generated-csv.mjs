// Writes a generated bench data set as CSV (for lme4.R) and prints the file's path.
// Usage: node bench/write-generated-csv.mjs <dataset> <directory>
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { movielensShapedTable } from "./movielens-synthetic.mjs";

const generators = { "movielens-synthetic": movielensShapedTable };
const [dataset, directory] = process.argv.slice(2);
const generate = generators[dataset];
if (!generate) throw new Error(`no generated data set '${dataset}'`);
const table = generate();
const path = join(directory, `${dataset}.csv`);
const out = createWriteStream(path);
out.write(`${table.names.join(",")}\n`);
const cell = (name, row) => {
  const column = table.columns[name];
  return column.kind === "numeric" ? String(column.values[row]) : column.levels[column.codes[row]];
};
const chunk = [];
for (let row = 0; row < table.nrow; row++) {
  chunk.push(table.names.map((name) => cell(name, row)).join(","));
  if (chunk.length === 10000 || row === table.nrow - 1) {
    out.write(`${chunk.join("\n")}\n`);
    chunk.length = 0;
  }
}
out.end(() => console.log(path));
