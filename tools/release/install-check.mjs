// The release check: pack every public package as `pnpm publish` would, check what each
// tarball holds, install the tarballs into a fresh npm project (nothing from the workspace), then
// import the umbrella through ESM and CommonJS, run `mixedmodels/node`'s fitAsync and the CLI.
// Also runs @arethetypeswrong/cli and publint on every package.
// Usage: node tools/release/install-check.mjs   (after `pnpm build`; needs the npm registry for
// the packages' own dependencies, csv-parse & co.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { packAll } from "./pack.mjs";

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "mixedmodels-release-"));
const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

// What must never ship: tests, test helpers, snapshots, bench helpers, unrewritten specifiers.
const forbidden = [/\.test\.ts$/, /\.test-helper\.ts$/, /__snapshots__\//, /\/bench\//, /\/test\//];
const tarballs = packAll(join(work, "tarballs"));
for (const { name, tarball } of tarballs) {
  const files = run("tar", ["-tzf", tarball], work).trim().split("\n");
  const bad = files.filter((file) => forbidden.some((pattern) => pattern.test(file)));
  if (bad.length > 0) throw new Error(`${name}: the tarball holds ${bad.join(", ")}`);
  if (!files.includes("package/LICENSE")) throw new Error(`${name}: the tarball has no LICENSE`);
  if (!files.includes("package/README.md")) throw new Error(`${name}: the tarball has no README`);
  const maps = files.filter((file) => file.endsWith(".map"));
  const manifest = run("tar", ["-xzOf", tarball, "package/package.json"], work);
  if (/"(workspace|catalog):/.test(manifest)) {
    throw new Error(`${name}: package.json still has workspace:/catalog: specifiers`);
  }
  for (const map of maps) {
    const content = run("tar", ["-xzOf", tarball, map], work);
    if (content.includes('"sourcesContent"')) {
      throw new Error(`${name}: ${map} embeds sourcesContent next to the shipped src/`);
    }
  }
  // Type resolution in every mode (node16 CJS and ESM, bundler) and packaging lint.
  run("pnpm", ["exec", "attw", tarball, "--profile", "node16", "--format", "ascii"], root);
  const path = tarballs.find((entry) => entry.name === name).path;
  run("pnpm", ["exec", "publint", path, "--pack", "pnpm", "--strict"], root);
  console.log(`${name}: ${files.length} files, attw and publint ok`);
}

const project = join(work, "project");
run("mkdir", ["-p", project], work);
writeFileSync(
  join(project, "package.json"),
  JSON.stringify({ name: "release-check", private: true }),
);
run(
  "npm",
  ["install", "--no-audit", "--no-fund", ...tarballs.map((entry) => entry.tarball)],
  project,
);

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
writeFileSync(
  join(project, "esm.mjs"),
  `import { coeftable, fit, lmm, parametricBootstrap, tidy, saveFit, restoreFit } from "mixedmodels";
import { fitAsync } from "mixedmodels/node";
import { sleepstudy } from "@mixedmodels/datasets";
const m = fit(lmm(${JSON.stringify(formula)}, sleepstudy));
if (Math.abs(m.objective - 1751.939344) > 1e-4) throw new Error("ESM objective " + m.objective);
if (tidy(m)[0].term !== "(Intercept)") throw new Error("tidy");
// lmerTest's Satterthwaite df of Days (ML fit): 18.0
const df = coeftable(m, { ddf: "satterthwaite" }).rows[1].df;
if (Math.abs(df / 18.0001769 - 1) > 1e-3) throw new Error("ESM Satterthwaite df " + df);
// The bootstrap's worker thread (its own file in the installed package) gives the same bits.
const [one, two] = await Promise.all([1, 2].map((workers) => parametricBootstrap(m, 16, { seed: 5, workers })));
if (JSON.stringify(one.replicates) !== JSON.stringify(two.replicates)) throw new Error("ESM bootstrap workers");
if (restoreFit(JSON.stringify(saveFit(m)), sleepstudy).objective !== m.objective) throw new Error("restoreFit");
const a = await fitAsync(${JSON.stringify(formula)}, sleepstudy);
if (a.objective !== m.objective) throw new Error("fitAsync " + a.objective);
console.log("esm ok", m.objective);
`,
);
writeFileSync(
  join(project, "cjs.cjs"),
  `const { coeftable, fit, lmm, parametricBootstrap } = require("mixedmodels");
const { fitAsync } = require("mixedmodels/node");
const { dyestuff } = require("@mixedmodels/datasets");
const m = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff));
if (Math.abs(m.objective - 327.3270598811) > 1e-6) throw new Error("CJS objective " + m.objective);
// lmerTest's Satterthwaite df of the intercept (ML fit): 6.0
const df = coeftable(m, { ddf: "satterthwaite" }).rows[0].df;
if (!(Math.abs(df - 6) < 0.01)) throw new Error("CJS Satterthwaite df " + df);
Promise.all([
  fitAsync("Yield ~ 1 + (1 | Batch)", dyestuff),
  parametricBootstrap(m, 16, { seed: 5, workers: 1 }),
  parametricBootstrap(m, 16, { seed: 5, workers: 2 }),
]).then(([a, one, two]) => {
  if (a.objective !== m.objective) throw new Error("CJS fitAsync " + a.objective);
  if (JSON.stringify(one.replicates) !== JSON.stringify(two.replicates)) throw new Error("CJS bootstrap workers");
  console.log("cjs ok", m.objective);
});
`,
);
process.stdout.write(run("node", ["esm.mjs"], project));
process.stdout.write(run("node", ["cjs.cjs"], project));
const json = JSON.parse(
  run(
    "npx",
    ["--no-install", "mixedmodels", "fit", "sleepstudy", "-f", formula, "--json"],
    project,
  ),
);
if (Math.abs(json.objective - 1751.939344) > 1e-4)
  throw new Error(`CLI objective ${json.objective}`);
console.log(
  `cli ok ${json.objective} (${run("npx", ["--no-install", "mixedmodels", "--version"], project).trim()})`,
);
console.log(`release check passed in ${work}`);
