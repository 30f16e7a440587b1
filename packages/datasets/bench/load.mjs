// Measures how long decoding InstEval (73,421 rows x 7 columns) takes, the claim in the README.
// Run from the repository root:
//   node --conditions=@mixedmodels/source --import tsx packages/datasets/bench/load.mjs
import { instevalEncoded } from "../src/generated/insteval.generated.ts";
import { createLazyDataTable } from "../src/lazy-data-table.ts";
import { sleepstudyEncoded } from "../src/generated/sleepstudy.generated.ts";

function measure(label, encoded, repetitions) {
  const times = [];
  for (let i = 0; i < repetitions; i++) {
    const table = createLazyDataTable(encoded);
    const start = performance.now();
    if (table.names.length !== Object.keys(table.columns).length) throw new Error("decode failed");
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${label}: fastest ${times[0].toFixed(2)} ms, median ${median.toFixed(2)} ms, slowest ${times[times.length - 1].toFixed(2)} ms over ${repetitions} fresh decodes`,
  );
}

const cold = createLazyDataTable(instevalEncoded);
const start = performance.now();
void cold.columns;
console.log(
  `InstEval, first decode in this process (cold JIT): ${(performance.now() - start).toFixed(2)} ms`,
);
measure("InstEval", instevalEncoded, 20);
measure("sleepstudy", sleepstudyEncoded, 20);
