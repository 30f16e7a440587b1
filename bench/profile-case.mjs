// Fits one bench case repeatedly so `node --cpu-prof` can see where the time goes. Runs against
// the built dist/ by default; with `--conditions=@mixedmodels/source --import tsx` on the sources.
// Usage: node --cpu-prof --cpu-prof-dir=bench/profiles bench/profile-case.mjs <case-id> [fits]
import { readFileSync } from "node:fs";
import { loadDataset } from "@mixedmodels/datasets";
import { fit, lmm } from "mixedmodels";

const [id, fitsText] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
const benchCase = cases.find((entry) => entry.id === id);
if (!benchCase) throw new Error(`no bench case '${id}'`);
const fits = Number(fitsText ?? 20);
const table = loadDataset(benchCase.dataset);
void table.columns[table.names[0]];
let constructMs = 0;
let fitMs = 0;
let evaluations = 0;
for (let run = 0; run < fits; run++) {
  const started = performance.now();
  const model = lmm(benchCase.formula, table);
  const built = performance.now();
  fit(model, { reml: benchCase.reml });
  const finished = performance.now();
  if (run > 0 || fits === 1) {
    constructMs += built - started;
    fitMs += finished - built;
  }
  evaluations = model.fitLog.length;
}
const counted = Math.max(1, fits - 1);
console.log(
  JSON.stringify({
    id,
    constructMs: constructMs / counted,
    fitMs: fitMs / counted,
    evaluations,
    msPerEvaluation: fitMs / counted / evaluations,
  }),
);
