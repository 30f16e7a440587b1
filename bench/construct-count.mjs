// Constructs one bench case `count` times from a worktree's built packages, for instruction
// counts under callgrind: (count N) − (count 1), divided by N − 1, is the cost of one warm
// construction, independent of the machine's load.
// Usage: valgrind --tool=callgrind node bench/construct-count.mjs <worktree> <case-id> <count>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [root, id, countText] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id);
if (!benchCase) throw new Error(`no bench case '${id}'`);
const { lmm } = await import(pathToFileURL(`${root}/packages/mixedmodels/dist/index.js`).href);
const { loadDataset } = await import(pathToFileURL(`${root}/packages/datasets/dist/index.js`).href);
const table = loadDataset(benchCase.dataset);
void table.columns[table.names[0]];
for (let k = 0; k < Number(countText); k++) lmm(benchCase.formula, table);
