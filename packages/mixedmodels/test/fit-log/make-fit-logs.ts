// Regenerates fixtures/fit-logs.json from the current code. Run only for a deliberate change of
// the optimizer or the objective (the commit must say why the path changed):
//   npx tsx packages/mixedmodels/test/fit-log/make-fit-logs.ts
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type FitLogBits, fitLogBits, fitLogCases } from "./recorded-fit-log";

const logs: Record<string, FitLogBits> = {};
for (const reference of fitLogCases) {
  logs[reference.name] = fitLogBits(reference);
  console.log(`${reference.name}: ${logs[reference.name].length} evaluations`);
}
const here = dirname(fileURLToPath(import.meta.url));
const made = "make-fit-logs.ts (θ and objective per evaluation, IEEE bits, big-endian hex)";
// One evaluation per line keeps diffs of a deliberate change readable.
const body = Object.entries(logs)
  .map(
    ([name, log]) =>
      `  ${JSON.stringify(name)}: [\n${log.map((e) => `   ${JSON.stringify(e)}`).join(",\n")}\n  ]`,
  )
  .join(",\n");
writeFileSync(
  join(here, "fixtures", "fit-logs.json"),
  `{\n "made": ${JSON.stringify(made)},\n "logs": {\n${body}\n }\n}\n`,
);
