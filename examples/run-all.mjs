// Runs every example (CI smoke test); fails on the first that exits non-zero.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const examples = readdirSync(here).filter(
  (file) => file.endsWith(".mjs") && file !== "run-all.mjs",
);
for (const example of examples) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(here, example)], { encoding: "utf8" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.error(`example ${example} failed (${seconds} s):\n${run.stdout}\n${run.stderr}`);
    process.exit(1);
  }
  console.log(`example ${example}: ok (${seconds} s)`);
}
